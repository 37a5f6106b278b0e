#pragma once

#include "capacitychecks.h"
#include "capacitymodel.h"
#include "capacityscenario.h"
#include "capacitysimulation.h"
#include "capacitysolver.h"
#include "fluidmodel.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Apprentice {

/// Everything the console shows for one scenario, computed in one go (the instant answer:
/// static analysis, findings, claims, costs and the fluid curve; not the simulation).
struct CapacityReport {
    CapacityScenario scenario;      ///< as given, changes listed
    CapacityScenario effective;     ///< with the enabled changes applied
    CapacityAnalysis atTarget;
    CapacityAnalysis atBaseline;    ///< at the curve's baseline (or the target without a curve)
    QString bottleneckText;
    QStringList findings;
    std::vector<ClaimCheck> claims;
    std::optional<FluidRun> fluid;  ///< when the scenario has a traffic curve
    std::vector<PlanCostItem> costs;
    double cost = 0;

    static CapacityReport compute(const CapacityScenario &scenario);
};

/// The CLI's JSON (documented in docs/capacity.md). Infinite latencies become null.
QJsonObject capacityReportJson(const CapacityReport &report, bool hourly = true,
                               const SimulationResult *simulation = nullptr, const SolverResult *solver = nullptr);

/// A Markdown plan: verdict, numbers, findings, claims, changes and costs, the curve in a table,
/// the solver's reasoning, links to chart images (relative paths) and the A/B comparison when given.
QString capacityReportMarkdown(const CapacityReport &report, const SimulationResult *simulation = nullptr,
                               const SolverResult *solver = nullptr, const QStringList &images = {},
                               const CapacityReport *a = nullptr, const CapacityReport *b = nullptr);

} // namespace Apprentice
