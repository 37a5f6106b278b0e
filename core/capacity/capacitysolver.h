#pragma once

#include "capacitymodel.h"
#include "capacityscenario.h"

#include <QString>
#include <QStringList>

#include <functional>

#include <vector>

namespace Apprentice {

/// What one change of a plan costs over the cost horizon.
struct PlanCostItem {
    ChangeKind kind = ChangeKind::Instances;
    double value = 0;
    double once = 0;
    double running = 0;   ///< per-unit-hour cost × units × hours (autoscaling: instance-hours above today's fleet)
    double total() const { return once + running; }
};

/// A combination of changes and what it achieves.
struct CapacityPlan {
    bool feasible = false;
    CapacityScenario scenario;        ///< the input scenario with exactly the plan's changes enabled
    std::vector<PlanCostItem> costs;  ///< one per change the plan uses
    double cost = 0;
    double maxThroughputPerHour = 0;
    double p95AtTargetMs = 0;
    double worstHourP95Ms = 0;        ///< over the traffic curve (fluid model)
    QString bottleneck;
    QString failure;                  ///< why it does not hold, when infeasible
    QString note;                     ///< how the solver had to adjust it, if it did

    /// "connections per instance 6 → 1, cache 0 → 90 %, ..." relative to `today`.
    QString describe(const CapacityScenario &today) const;
};

/// The solver's answer with its reasoning.
struct SolverResult {
    bool found = false;
    CapacityPlan best;
    std::vector<CapacityPlan> alternatives;  ///< the next cheapest holding plans with other change sets
    double demandPerHour = 0;                ///< what was required: max(target, curve peak)
    int evaluated = 0;                       ///< static evaluations made
    QStringList explanation;
};

/// Cost of `plan` (a scenario whose enabled changes are the plan) relative to `today` (the
/// scenario without them), using each change's costs. Autoscaling costs the fluid run's
/// instance-hours above today's fleet; pass the plan's run when it is at hand.
std::vector<PlanCostItem> planCosts(const CapacityScenario &today, const CapacityScenario &plan,
                                    const struct FluidRun *run = nullptr);

/// Finds the cheapest combination of the allowed changes (each within its solver limit) whose
/// static analysis meets max(target, peak) with p95 ≤ SLO and whose fluid run keeps every hour's
/// p95 ≤ SLO. Changes not allowed keep their current toggle. `cancelled` may stop it early.
SolverResult solveCapacity(const CapacityScenario &scenario, const std::function<bool()> &cancelled = {});

} // namespace Apprentice
