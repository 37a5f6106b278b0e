#include "trendanalysis.h"

#include "trendstats.h"

#include <algorithm>
#include <vector>

namespace Apprentice {

namespace {

constexpr qint64 DayMs = 86400000;

int weekday(qint64 day)
{
    return int(((day % 7) + 7) % 7);
}

} // namespace

TrendResult analyzeDailySeries(std::span<const DailyPoint> points, const MetricTrendSpec &spec,
                               const TrendConfig &config)
{
    TrendResult r;
    r.metric = spec.metric;
    r.statistic = spec.statistic;
    r.thresholdKind = spec.thresholdKind;
    r.threshold = spec.threshold;
    r.projectionDays = config.projectionDays;
    r.days = int(points.size());
    if (points.size() < 2)
        return r;

    const qint64 lastDay = points.back().day;
    std::vector<double> x, y;
    std::vector<int> season;
    x.reserve(points.size());
    y.reserve(points.size());
    season.reserve(points.size());
    for (const DailyPoint &p : points) {
        x.push_back(double(p.day - lastDay)); // the newest day is x = 0, so the intercept is "now"
        y.push_back(p.value);
        season.push_back(weekday(p.day));
        r.samples += p.samples;
    }
    r.firstDayMs = points.front().day * DayMs;
    r.lastDayMs = lastDay * DayMs;

    // Weekday seasons remove a weekly cycle from both the test and the slope; the daily cycle is
    // already gone in the daily aggregates. Too few days per weekday: plain Mann–Kendall.
    r.seasonal = config.weeklySeasonality && int(points.size()) >= std::max(14, config.seasonalMinDays);
    const TrendStats::KendallTest test = r.seasonal ? TrendStats::seasonalKendall(y, season) : TrendStats::mannKendall(y);
    const TrendStats::SlopeEstimate slope = r.seasonal
        ? TrendStats::seasonalTheilSen(x, y, season, config.intervalConfidence)
        : TrendStats::theilSen(x, y, config.intervalConfidence);

    r.kendallZ = test.z;
    r.constant = !(test.variance > 0);
    r.pValue = test.pValue;
    r.qValue = test.pValue;
    r.slopePerDay = slope.slope;
    r.slopeLowPerDay = slope.low;
    r.slopeHighPerDay = slope.high;
    r.current = slope.intercept;
    r.windowStart = slope.intercept + slope.slope * x.front();
    const double h = config.projectionDays;
    r.projected = r.current + r.slopePerDay * h;
    r.projectedLow = r.current + r.slopeLowPerDay * h;
    r.projectedHigh = r.current + r.slopeHighPerDay * h;

    // Direction from the slope; with a zero median slope (many ties) fall back to the test's sign.
    r.direction = r.slopePerDay > 0 ? 1 : r.slopePerDay < 0 ? -1 : (test.s > 0) - (test.s < 0);
    r.percentagePoints = spec.share;
    if (spec.share) {
        r.slopePerWeekPercent = r.slopePerDay * 7 * 100;
    } else {
        const double level = std::max(std::abs(r.current), std::abs(r.windowStart));
        r.slopePerWeekPercent = level > 0 ? r.slopePerDay * 7 / level * 100 : std::nan("");
    }
    settleTrend(r, spec, config, test.pValue < config.significanceLevel);
    return r;
}

void settleTrend(TrendResult &r, const MetricTrendSpec &spec, const TrendConfig &config, bool testPassed)
{
    const bool notable = !std::isfinite(r.slopePerWeekPercent) || std::abs(r.slopePerWeekPercent) >= config.minPercentPerWeek;
    r.significant = testPassed && r.direction != 0 && notable;
    r.breachInDays.reset();
    if (spec.thresholdKind != ThresholdKind::None && std::isfinite(spec.threshold) && std::isfinite(r.current)) {
        const bool above = spec.thresholdKind == ThresholdKind::AtMost;
        const bool beyond = above ? r.current > spec.threshold : r.current < spec.threshold;
        const bool toward = above ? r.slopePerDay > 0 : r.slopePerDay < 0;
        if (beyond)
            r.breachInDays = 0.0;
        else if (r.significant && toward)
            r.breachInDays = (spec.threshold - r.current) / r.slopePerDay;
    }
    r.severity = trendSeverity(r, spec, config);
}

TrendSeverity trendSeverity(const TrendResult &r, const MetricTrendSpec &spec, const TrendConfig &config)
{
    if (!r.significant)
        return TrendSeverity::None;
    if (spec.badDirection != 0 && r.direction != spec.badDirection)
        return TrendSeverity::None; // getting better is worth seeing, not worth a warning
    TrendSeverity s = TrendSeverity::Low;
    for (const SeverityRule &rule : config.severityRules) {
        if (rule.metric == r.metric && rule.direction == r.direction
            && std::abs(r.slopePerWeekPercent) > rule.percentPerWeek)
            s = std::max(s, rule.severity);
    }
    if (r.breachInDays) {
        if (*r.breachInDays <= config.urgentBreachDays)
            s = TrendSeverity::High;
        else if (*r.breachInDays <= config.breachHorizonDays)
            s = std::max(s, TrendSeverity::Medium);
    }
    return s;
}

} // namespace Apprentice
