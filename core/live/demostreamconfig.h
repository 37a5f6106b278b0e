#pragma once

#include "simulator/demosimulator.h"
#include "simulator/situation.h"

namespace Apprentice {

/// What `serve-demo` streams: the demo simulator, paced against the wall clock.
struct DemoStreamConfig {
    double speed = 100;     ///< simulated ms per wall ms; 0: as fast as the client reads
    double ratePerDay = DemoSimulator::DefaultRatePerDay;
    quint64 seed = 1;
    qint64 startMs = DemoSimulator::DefaultStartMs;
    Situation scenario = Situation::Normal; ///< switched on after `scenarioAt` executions
    qint64 scenarioAt = 300;
    qint64 maxExecutions = -1; ///< end each stream after this many executions; -1: never
    int heartbeatMs = 15000;   ///< an idle stream sends a comment (SSE) or a blank line (NDJSON) this often
    int tickMs = 50;           ///< how often due records are written
};

} // namespace Apprentice
