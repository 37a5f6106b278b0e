#pragma once

#include "capacityscenario.h"

#include <functional>
#include <vector>

namespace Apprentice {

/// One hour of the discrete-event simulation.
struct SimulationHour {
    int hour = 0;
    double arrivals = 0;       ///< orders arriving in the hour
    double served = 0;         ///< orders completed in the hour
    double backlog = 0;        ///< orders waiting (not in service) at the end of the hour
    double inSystem = 0;       ///< every order in the system at the end of the hour
    double meanLatencyMs = 0;  ///< of orders arriving in the hour
    double p95LatencyMs = 0;
    double delayed = 0;        ///< orders arriving in the hour that took longer than the SLO
    int instances = 0;
};

struct SimulationOptions {
    quint64 seed = 1;
    double drainHours = 48;    ///< keep serving after the horizon (no arrivals) for at most this long
};

/// The seeded simulation's outcome. Cancellation is a normal outcome, not an error.
struct SimulationResult {
    enum class Status { Finished, Cancelled };
    Status status = Status::Finished;
    std::vector<SimulationHour> hours;
    qint64 orders = 0;            ///< arrivals within the horizon
    qint64 unfinished = 0;        ///< still in the system when the drain ended (latency counted up to then)
    double meanLatencyMs = 0;
    double p95LatencyMs = 0;
    double totalDelayed = 0;
    // Little's law over the whole run [0, end], measured independently on the sample path.
    double timeAverageInSystem = 0; ///< L, from the area under N(t)
    double arrivalRatePerHour = 0;  ///< λ = orders / end
    double meanSojournHours = 0;    ///< W, from each order's own timestamps
    double simulatedHours = 0;
    double wallMs = 0;
};

/// Reports progress in [0, 1]; returning false cancels the run.
using SimulationProgress = std::function<bool(double fraction)>;

/// Discrete-event simulation of the same network the fluid model approximates: non-homogeneous
/// Poisson arrivals (thinning), FIFO multi-server stations, per-instance connection pools that
/// hold a connection while the order's queries run, database slots, the autoscaling rule on the
/// same minute grid. Exponential service unless the app stage comes from a profile (lognormal
/// stages). Deterministic for a given seed. `effective` has its changes applied.
SimulationResult runCapacitySimulation(const CapacityScenario &effective, const SimulationOptions &options = {},
                                       const SimulationProgress &progress = {});

} // namespace Apprentice
