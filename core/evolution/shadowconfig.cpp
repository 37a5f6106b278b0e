#include "shadowconfig.h"

#include <algorithm>

namespace Apprentice {

ShadowConfig::ShadowConfig()
{
    metrics = {
        {QStringLiteral("latency_ms"), +1, false, 0.10},
        {QStringLiteral("output_bytes"), 0, false, 0.25},
        {QStringLiteral("memory_mb"), +1, false, 0.10},
        {QStringLiteral("cpu_pct"), +1, false, 0.10},
        {QStringLiteral("validation_pass"), -1, true, 0.005},
        {QStringLiteral("cost_usd"), +1, false, 0.10},
    };
}

ShadowMetricRule ShadowConfig::ruleFor(const QString &metric) const
{
    const auto it = std::find_if(metrics.begin(), metrics.end(), [&](const ShadowMetricRule &r) { return r.metric == metric; });
    if (it != metrics.end())
        return *it;
    return {metric, 0, false, changedMargin};
}

} // namespace Apprentice
