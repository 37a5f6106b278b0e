#pragma once

#include "trendconfig.h"
#include "trendresult.h"

#include <QtGlobal>

#include <span>

namespace Apprentice {

/// One day's value of a series.
struct DailyPoint {
    qint64 day = 0;     ///< days since 1970-01-01 (UTC)
    double value = 0;   ///< the day's statistic (mean, p95 or error rate)
    qint64 samples = 0; ///< calls behind it
};

/// Trend of one daily series (oldest first, one point per day, gaps allowed): the statistical part
/// of a TrendResult (slope, test, projection, breach, severity); identity fields are left empty.
/// Needs at least two points; seasonal handling needs config.seasonalMinDays of them.
TrendResult analyzeDailySeries(std::span<const DailyPoint> points, const MetricTrendSpec &spec,
                               const TrendConfig &config);

/// Decides significance (the test's verdict, a direction and a non-negligible change), the time to
/// breach and the severity; analyze() calls it again after controlling false discoveries.
void settleTrend(TrendResult &r, const MetricTrendSpec &spec, const TrendConfig &config, bool testPassed);

/// Severity of a result by the configured rules (the seed's weekly-change rules, then breach time).
TrendSeverity trendSeverity(const TrendResult &r, const MetricTrendSpec &spec, const TrendConfig &config);

} // namespace Apprentice
