#pragma once

#include "capacitymodel.h"
#include "capacityscenario.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace Apprentice {

/// A claim with what the model says about it.
struct ClaimCheck {
    CapacityClaim claim;
    double actual = 0;
    bool holds = false;
};

/// The value of a claim metric under the scenario with exactly the claim's changes applied.
double claimMetric(const CapacityScenario &scenario, const CapacityClaim &claim);
/// Evaluates every claim of the scenario (the seed's statements, for instance).
std::vector<ClaimCheck> checkClaims(const CapacityScenario &scenario);

/// One sentence naming the binding resource and its numbers.
QString bottleneckSentence(const CapacityScenario &effective, const CapacityAnalysis &analysis);

/// Plain arithmetic the operator should see: pool slots against instances, what replicas and
/// caches cannot relieve, headroom at the target, the fleet the SLO needs. `base` is the scenario
/// without changes (today), `effective` the what-if, `analysis` the what-if at its target.
QStringList capacityFindings(const CapacityScenario &base, const CapacityScenario &effective,
                             const CapacityAnalysis &analysis);

/// Human name of a resource or station id ("db_pool" → "DB connection pool").
QString resourceName(const QString &id);
/// Human name of a latency stage id.
QString stageName(const QString &id);

} // namespace Apprentice
