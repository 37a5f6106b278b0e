#pragma once

#include <QString>

#include <vector>

namespace Apprentice {

/// How one metric is judged when a candidate version runs beside its baseline.
struct ShadowMetricRule {
    QString metric;       ///< wire name ("latency_ms", ...)
    int badDirection = 0; ///< +1 rising is worse, −1 falling is worse, 0 unknown (only "changed")
    bool share = false;   ///< a share in [0, 1] compared by its mean; margin in absolute units (0.005 = 0.5 pp)
    double margin = 0.10; ///< smallest change that matters: relative change of the median, or absolute for shares
};

/// Everything ShadowComparator::compare() needs. Defaults are documented in docs/evolution.md.
struct ShadowConfig {
    ShadowConfig(); ///< fills metrics with the defaults

    double alpha = 0.05;      ///< family-wise error rate of one comparison (Holm over all its tests)
    int reservoirSize = 2000; ///< values kept per version, tool and metric (a uniform sample)
    qint64 minCalls = 200;    ///< calls of each tool on each side before anything is promoted
    /// A latency-like metric whose p95 worsens by this much (relative) with a significant
    /// Kolmogorov–Smirnov test is a regression even when the median holds (a heavier slow path).
    double tailMargin = 0.20;
    double errorRateMargin = 0.005; ///< absolute: 0.5 percentage points more failed calls
    double changedMargin = 0.25;    ///< metrics with no bad direction: a relative change this large is listed

    std::vector<ShadowMetricRule> metrics;

    /// The rule of a metric; unknown (custom) metrics have no bad direction and changedMargin.
    ShadowMetricRule ruleFor(const QString &metric) const;
};

} // namespace Apprentice
