#pragma once

#include "record.h"
#include "simulationrandom.h"
#include "situation.h"

#include <QtGlobal>

#include <cstdint>
#include <vector>

namespace Apprentice {

/// The built-in demo: a seeded simulation of the seed's `process_customer_order` workflow
/// (fetch_data → process → validate → send_results) on a simulated clock.
///
/// Executions arrive as a Poisson process (default 50,000 a day, as in the seed). Each execution
/// yields one Record per tool call, consecutive, ts = start of that call (each call starts 1 ms after
/// the previous one ended). Values are rounded as a log export would carry them (0.1 ms, 0.1 MB,
/// whole bytes, validation in steps of 1/200), so the in-memory records and a written export agree.
///
/// Normal behaviour (the seed's learned profile):
/// - fetch_data: latency N(225, 15) ms, 2 % of calls on a slow path ×1.5–2; output 360 + 84·k bytes
///   with k ≈ N(10, 2.4) order lines (≈ 1.2 KB ± 200 B); memory N(45, 5) MB.
/// - process: latency lognormal, median 88 ms (≈ 89 ± 7); memory N(44, 3) MB; cpu N(23, 3) %.
/// - validate: latency lognormal, median 12 ms; validation_pass = 1 − f/200 with f ~ Poisson(0.5)
///   failed checks out of 200 (mostly 1.0 or 0.995, mean 0.9975).
/// - send_results: latency N(154, 8) ms.
/// No call fails.
///
/// Situations (any combination; see Situation):
/// - api_slowdown: fetch_data latency N(890, 40) ms, output unchanged.
/// - validation_degradation: 20 % of validations stay clean, 80 % pass N(0.875, 0.035): mean ≈ 0.90.
/// - api_outage: every fetch_data fails fast (lognormal, median 38 ms) with status error,
///   "HTTP 500 Internal Server Error" and no output_bytes; the rest of that execution does not run,
///   so an execution during an outage is one record.
/// - slow_creep: fetch_data latency +1.2 ms per simulated day since the trigger, and the mean
///   validation_pass −0.0002 (−0.02 percentage points) per day, via a rising failed-check rate.
/// - black_friday: arrival rate ×10; the loaded system is mildly slower: fetch_data ×1.08
///   (shared database), process ×1.15 and cpu ×1.3 (CPU contention), validate ×1.05,
///   send_results ×1.10 (downstream queueing). Memory unchanged.
class DemoSimulator
{
public:
    static constexpr double DefaultRatePerDay = 50000;
    static constexpr qint64 DefaultStartMs = 1790812800000; ///< 2026-10-01T00:00:00Z
    static constexpr qint64 DayMs = 86400000;
    static constexpr int ToolCount = 4;
    static constexpr double BlackFridayTrafficFactor = 10;
    static constexpr double CreepLatencyMsPerDay = 1.2;
    static constexpr double CreepValidationPerDay = -0.0002;

    /// Workflow id, version and tool names the demo produces.
    static const char *workflowName() { return "process_customer_order"; }
    static const char *versionName() { return "1.0.0"; }
    /// The version ShadowRelease runs beside versionName() on every other execution.
    static const char *candidateVersionName() { return "1.1.0"; }
    /// The candidate's fetch_data latency against the current version's (it carries add_cache).
    static constexpr double CandidateFetchFactor = 0.7;
    static const char *toolName(int index); ///< 0 fetch_data, 1 process, 2 validate, 3 send_results

    explicit DemoSimulator(std::uint64_t seed = 1, qint64 startMs = DefaultStartMs);

    /// Starts over: clock at startMs, no situation, nothing scheduled, rate kept.
    void reset(std::uint64_t seed, qint64 startMs);

    /// Base arrival rate in executions per simulated day (black_friday multiplies it).
    void setRatePerDay(double executionsPerDay);
    double ratePerDay() const { return m_ratePerDay; }
    /// The rate in force now, situations included.
    double effectiveRatePerDay() const;

    /// Switches a situation on from the current simulated time; Normal clears every situation.
    void trigger(Situation s);
    /// Switches a situation off (Normal: no-op).
    void clear(Situation s);
    bool isActive(Situation s) const { return m_active & bit(s); }
    /// True when no situation is active.
    bool isNormal() const { return m_active == 0; }

    /// Triggers `s` once `afterExecutions` executions have been produced (a scenario's start point:
    /// `schedule(ApiSlowdown, 300)` makes executions 1–300 normal and 301 onwards slow).
    void schedule(Situation s, qint64 afterExecutions);

    /// Executions produced so far.
    qint64 executions() const { return m_executions; }
    /// Start of the latest execution (the start time before the first one).
    qint64 simulatedTimeMs() const { return m_lastArrivalMs; }
    /// Start of the next execution: lets a paced driver produce exactly what is due.
    qint64 nextArrivalMs() const;

    /// Produces the next execution: 4 records, or 1 during an api_outage.
    std::vector<Record> nextExecution();
    /// Same, into `out` (its records and strings are reused: the fast path); returns the count.
    int nextExecution(std::vector<Record> &out);

private:
    static constexpr quint8 bit(Situation s) { return quint8(1u << unsigned(s)); }
    double daysSinceCreep(qint64 tsMs) const;
    void applySchedule();
    static void prepare(Record &r, const char *tool, const char *execution);

    SimulationRandom m_random;
    double m_ratePerDay = DefaultRatePerDay;
    quint8 m_active = 0;
    qint64 m_creepStartMs = 0;
    qint64 m_executions = 0;
    qint64 m_lastArrivalMs = 0;
    double m_lastArrival = 0;  // exact (fractional ms) start of the latest execution
    double m_pendingGap = 0;   // unit-mean exponential drawn for the next arrival
    struct Scheduled {
        qint64 afterExecutions;
        Situation situation;
    };
    std::vector<Scheduled> m_schedule;
};

} // namespace Apprentice
