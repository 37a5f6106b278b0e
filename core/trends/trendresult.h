#pragma once

#include "event.h"
#include "trendconfig.h"

#include <QJsonObject>
#include <QString>

#include <cmath>
#include <optional>

namespace Apprentice {

/// The trend of one (workflow, version, tool, metric) series over the analysis window.
struct TrendResult {
    QString workflow;
    QString version;
    QString tool;
    QString metric; ///< wire name; "status" for the error rate
    TrendStatistic statistic = TrendStatistic::Mean;

    double slopePerDay = std::nan("");     ///< robust (seasonal) Theil–Sen slope, metric units per day
    double slopeLowPerDay = std::nan("");  ///< confidence interval of the slope
    double slopeHighPerDay = std::nan("");
    /// Weekly change in % of the current level (percentage points for shares such as validation_pass).
    double slopePerWeekPercent = std::nan("");
    bool percentagePoints = false; ///< slopePerWeekPercent is in percentage points (a share metric)
    double kendallZ = 0;
    double pValue = 1;        ///< two-sided (Seasonal) Mann–Kendall p-value
    double qValue = 1;        ///< Benjamini–Hochberg adjusted p-value over the analysis (= pValue alone)
    bool significant = false; ///< p below the significance level and the change not negligible
    bool seasonal = false;    ///< weekday-seasonal test and slope were used
    bool constant = false;    ///< every compared daily value tied (e.g. never an error): nothing to test

    double current = std::nan("");     ///< the trend line's value on the newest day
    double windowStart = std::nan(""); ///< the trend line's value on the oldest day
    int projectionDays = 30;
    double projected = std::nan("");     ///< the trend line projectionDays after the newest day
    double projectedLow = std::nan("");  ///< from the slope's confidence interval
    double projectedHigh = std::nan("");

    ThresholdKind thresholdKind = ThresholdKind::None;
    double threshold = std::nan("");
    /// Days from the newest day until the trend line crosses the threshold; 0 when already beyond it;
    /// empty when there is no threshold, no significant trend, or the trend moves away from it.
    std::optional<double> breachInDays;

    TrendSeverity severity = TrendSeverity::None;
    int direction = 0; ///< +1 up, −1 down, 0 flat
    int days = 0;      ///< days with data in the window
    qint64 samples = 0; ///< calls behind those days
    qint64 firstDayMs = 0; ///< start (UTC midnight) of the oldest and newest day used
    qint64 lastDayMs = 0;
    qint64 asOfMs = 0; ///< the "now" of the analysis

    /// The FORMATS.md §2 `trend` event: event, workflow, tool, metric, slope_per_day, projected_30d,
    /// severity, plus version, statistic, p_value, breach_in_days (null when none) and details.
    QJsonObject toJson() const;
    /// As an engine Event (kind Trend): value = current, expected = threshold, score = p-value,
    /// reason = summary(), evidence = one line per number behind it.
    Event toEvent() const;
    /// One line for people, e.g. "fetch_data latency_ms p95 rising 1.2 ms/day (2.9 %/week, p < 0.001):
    /// 284 ms now, 320 ms in 30 days [312, 329]; crosses 300 ms in 13 days".
    QString summary() const;
};

} // namespace Apprentice
