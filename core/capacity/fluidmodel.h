#pragma once

#include "capacityscenario.h"

#include <QString>

#include <vector>

namespace Apprentice {

/// One hour of the deterministic traffic simulation.
struct FluidHour {
    int hour = 0;
    double demand = 0;         ///< orders arriving in the hour
    double capacity = 0;       ///< orders/hour the hour's fleet sustains
    double served = 0;         ///< orders completed in the hour
    double backlog = 0;        ///< orders waiting (not in service) at the end of the hour
    double inSystem = 0;       ///< every order in the system at the end of the hour
    double meanLatencyMs = 0;  ///< for an order arriving at mid-hour
    double p95LatencyMs = 0;
    double delayed = 0;        ///< orders arriving in the hour that take longer than the SLO
    int instances = 0;         ///< running instances (autoscaling may change them)
    int instancesUsable = 0;   ///< of which the pools can connect
    QString bottleneck;        ///< station with the highest offered utilisation at mid-hour
    double bottleneckUtilisation = 0;
};

/// The whole curve, hour by hour, with totals.
struct FluidRun {
    std::vector<FluidHour> hours;
    double totalDemand = 0;
    double totalServed = 0;
    double totalDelayed = 0;
    double peakBacklog = 0;
    int peakBacklogHour = -1;
    double worstP95Ms = 0;
    int worstP95Hour = -1;
    int firstBreachHour = -1;  ///< first hour whose p95 exceeds the SLO
    double instanceHours = 0;  ///< running instances integrated over the horizon
    double endBacklog = 0;

    double delayedShare() const { return totalDemand > 0 ? totalDelayed / totalDemand : 0.0; }
    bool holdsSlo() const { return firstBreachHour < 0; }
};

/// Time-varying fluid model (pointwise stationary fluid flow approximation, Wang et al. 1996):
/// each station's mean content x evolves as dx/dt = λ_in(t) − c·μ·ρ(x), with ρ(x) inverting the
/// stationary M/G/c mean number in system. Orders waiting beyond the stationary queue become a
/// deterministic backlog delay; the rest keeps its Erlang C shape. `effective` has changes applied.
FluidRun runFluidModel(const CapacityScenario &effective, double stepMinutes = 1.0);

} // namespace Apprentice
