#include "trendconfig.h"

#include <algorithm>

namespace Apprentice {

QString trendStatisticName(TrendStatistic s)
{
    switch (s) {
    case TrendStatistic::Mean: return QStringLiteral("mean");
    case TrendStatistic::P95: return QStringLiteral("p95");
    case TrendStatistic::ErrorRate: return QStringLiteral("error_rate");
    }
    return {};
}

bool trendStatisticFromName(const QString &name, TrendStatistic &out)
{
    for (TrendStatistic s : {TrendStatistic::Mean, TrendStatistic::P95, TrendStatistic::ErrorRate}) {
        if (trendStatisticName(s) == name) {
            out = s;
            return true;
        }
    }
    return false;
}

QString trendSeverityName(TrendSeverity s)
{
    switch (s) {
    case TrendSeverity::None: return QStringLiteral("none");
    case TrendSeverity::Low: return QStringLiteral("low");
    case TrendSeverity::Medium: return QStringLiteral("medium");
    case TrendSeverity::High: return QStringLiteral("high");
    }
    return {};
}

TrendConfig::TrendConfig()
{
    using S = TrendStatistic;
    // Latency is judged on p95 because that is what a latency objective limits.
    metrics = {
        {QStringLiteral("latency_ms"), S::P95, +1, false, ThresholdKind::AtMost, 300},
        {QStringLiteral("output_bytes"), S::Mean, 0, false, ThresholdKind::None, std::nan("")},
        {QStringLiteral("memory_mb"), S::Mean, +1, false, ThresholdKind::None, std::nan("")},
        {QStringLiteral("cpu_pct"), S::Mean, +1, false, ThresholdKind::None, std::nan("")},
        {QStringLiteral("validation_pass"), S::Mean, -1, true, ThresholdKind::AtLeast, 0.98},
        {QStringLiteral("cost_usd"), S::Mean, +1, false, ThresholdKind::None, std::nan("")},
        {QStringLiteral("status"), S::ErrorRate, +1, true, ThresholdKind::None, std::nan("")},
    };
    severityRules = {
        {QStringLiteral("latency_ms"), +1, 5, TrendSeverity::Medium},
        {QStringLiteral("validation_pass"), -1, 2, TrendSeverity::High},
    };
}

MetricTrendSpec TrendConfig::specFor(const QString &metric) const
{
    const auto it = std::find_if(metrics.begin(), metrics.end(),
                                 [&metric](const MetricTrendSpec &s) { return s.metric == metric; });
    if (it != metrics.end())
        return *it;
    MetricTrendSpec custom;
    custom.metric = metric;
    return custom;
}

void TrendConfig::setThreshold(const QString &metric, double value, ThresholdKind kind)
{
    auto it = std::find_if(metrics.begin(), metrics.end(),
                           [&metric](const MetricTrendSpec &s) { return s.metric == metric; });
    if (it == metrics.end()) {
        metrics.push_back(specFor(metric));
        it = metrics.end() - 1;
    }
    if (kind == ThresholdKind::None)
        kind = it->badDirection < 0 ? ThresholdKind::AtLeast : ThresholdKind::AtMost;
    it->thresholdKind = kind;
    it->threshold = value;
}

} // namespace Apprentice
