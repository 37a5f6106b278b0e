#pragma once

#include <QString>

#include <cmath>
#include <vector>

namespace Apprentice {

/// Which daily value of a metric is trended.
enum class TrendStatistic { Mean, P95, ErrorRate };
QString trendStatisticName(TrendStatistic s); ///< "mean", "p95", "error_rate"
bool trendStatisticFromName(const QString &name, TrendStatistic &out);

/// How urgent a trend is. None: not significant, or moving in the harmless direction.
enum class TrendSeverity { None, Low, Medium, High };
QString trendSeverityName(TrendSeverity s); ///< "none", "low", "medium", "high"

/// Which side of a threshold is acceptable.
enum class ThresholdKind { None, AtMost, AtLeast };

/// How one metric is trended, and the limit it must respect.
struct MetricTrendSpec {
    QString metric;       ///< wire name ("latency_ms", ...); "status" is a tool's error rate
    TrendStatistic statistic = TrendStatistic::Mean;
    int badDirection = 0; ///< +1 rising is bad, −1 falling is bad, 0 either way
    bool share = false;   ///< a share in [0, 1]: weekly change in percentage points, not % of level
    ThresholdKind thresholdKind = ThresholdKind::None;
    double threshold = std::nan("");
};

/// The seed's severity rules: "latency rising > 5 %/week → medium", "quality falling > 2 %/week → high".
struct SeverityRule {
    QString metric;
    int direction = 1;        ///< +1 rising, −1 falling
    double percentPerWeek = 0; ///< fires when the weekly change exceeds this
    TrendSeverity severity = TrendSeverity::Medium;
};

/// Everything TrendTracker::analyze() needs to know. Defaults follow the seed and docs/trends.md.
struct TrendConfig {
    TrendConfig(); ///< fills metrics and severityRules with the defaults

    int windowDays = 30;
    double significanceLevel = 0.05;  ///< a trend is reported when the Kendall p-value is below this
    /// Many series are tested at once: significance is decided with the Benjamini–Hochberg procedure
    /// over one analysis, keeping false discoveries at significanceLevel (a stable system stays quiet).
    bool controlFalseDiscoveries = true;
    double intervalConfidence = 0.95; ///< of the slope and projection interval
    double minPercentPerWeek = 0.05;  ///< smaller changes are not reported, however significant
    int minDays = 7;                  ///< fewer days with data: no analysis
    bool weeklySeasonality = true;    ///< Seasonal Kendall over weekdays once seasonalMinDays are there
    /// Three values per weekday: with two, seven agreeing pairs give at best p = 0.023, which no
    /// false-discovery control lets through; plain Mann–Kendall does better below three weeks.
    int seasonalMinDays = 21;
    qint64 minSamplesPerDay = 1;          ///< for means and error rates
    qint64 minSamplesPerDayQuantile = 20; ///< for p95: fewer calls make a day's p95 mostly noise
    double partialDayShare = 0.5; ///< the newest day counts once it has this share of a typical day's calls
    int projectionDays = 30;
    int breachHorizonDays = 30; ///< a breach expected within this many days: at least medium
    int urgentBreachDays = 7;   ///< within this many days, or already breached: high

    std::vector<MetricTrendSpec> metrics;
    std::vector<SeverityRule> severityRules;

    /// The spec of a metric; unknown (custom) metrics get a mean with no direction and no threshold.
    MetricTrendSpec specFor(const QString &metric) const;
    /// Sets a metric's threshold (adding a spec for a custom metric). ThresholdKind::None keeps the
    /// metric's natural side: at most for metrics where rising is bad or unknown, at least otherwise.
    void setThreshold(const QString &metric, double value, ThresholdKind kind = ThresholdKind::None);
};

} // namespace Apprentice
