#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cmath>
#include <vector>

namespace Apprentice {

/// What to do with a candidate version that ran in shadow mode.
enum class ShadowRecommendation { KeepShadow, Promote, RollBack };
QString shadowRecommendationName(ShadowRecommendation r); ///< "KEEP_SHADOW", "PROMOTE", "ROLL_BACK"

/// The outcome of one metric (or a tool's error rate), worst first in enum order reversed.
enum class ShadowVerdict {
    Equivalent,   ///< no change that matters: the worst plausible change is inside the margin
    Improved,     ///< significantly and practically better
    Changed,      ///< a metric with no bad direction moved by more than its margin (listed, not judged)
    Insufficient, ///< fewer calls than ShadowConfig::minCalls on a side
    Inconclusive, ///< not shown worse, not shown equivalent yet: more calls narrow it down
    Regression    ///< significantly and practically worse
};
QString shadowVerdictName(ShadowVerdict v); ///< "equivalent", "improved", "changed", "insufficient", "inconclusive", "regression"
/// Orders verdicts by how much they hold a promotion back (Regression highest).
int shadowVerdictWeight(ShadowVerdict v);

/// Baseline against candidate for one metric of one tool.
struct MetricComparison {
    QString metric;
    QString statistic;         ///< "median" (change judged on it) or "mean" (shares such as validation_pass)
    int badDirection = 0;
    bool share = false;
    qint64 nBaseline = 0;      ///< calls with a value on each side
    qint64 nCandidate = 0;
    qint64 sampleBaseline = 0; ///< values tested: a uniform sample of at most ShadowConfig::reservoirSize
    qint64 sampleCandidate = 0;
    double medianBaseline = std::nan("");
    double medianCandidate = std::nan("");
    double meanBaseline = std::nan("");      ///< over every call, not only the sample
    double meanCandidate = std::nan("");
    double p95Baseline = std::nan("");
    double p95Candidate = std::nan("");
    double changePct = std::nan("");  ///< relative change of the judged statistic, candidate vs baseline, in %
    double pValue = 1;        ///< Mann–Whitney U (medians) or the two-sample z-test of means (shares)
    double pAdjusted = 1;     ///< Holm-adjusted over every test of the comparison
    double effectSize = 0;    ///< Cliff's delta, positive when the candidate's values are larger
    double ksD = 0;           ///< Kolmogorov–Smirnov distance
    double ksPValue = 1;
    double ksPAdjusted = 1;
    /// Worst plausible change in the bad direction at the comparison's confidence (relative for
    /// medians, absolute for shares); equivalence needs it below the margin. NaN without a direction.
    double worstPlausible = std::nan("");
    double margin = 0;
    ShadowVerdict verdict = ShadowVerdict::Insufficient;
    QString reason; ///< one line for people when the verdict is not "equivalent"
};

/// Baseline against candidate for one tool.
struct ToolComparison {
    QString tool;
    qint64 callsBaseline = 0; ///< calls compared (the baseline's shadow period when contemporaneous)
    qint64 callsCandidate = 0;
    qint64 errorsBaseline = 0;
    qint64 errorsCandidate = 0;
    double errorRateBaseline = 0;
    double errorRateCandidate = 0;
    double errorPValue = 1;     ///< two-proportion z-test
    double errorPAdjusted = 1;
    double errorWorstPlausible = std::nan(""); ///< upper confidence limit of the rate increase (Newcombe)
    ShadowVerdict errorVerdict = ShadowVerdict::Insufficient;
    QString errorReason; ///< one line when the error verdict is not "equivalent"
    std::vector<MetricComparison> metrics;
    ShadowVerdict verdict = ShadowVerdict::Insufficient; ///< the worst of the above
    QStringList reasons;
    qint64 moreCallsNeeded = 0; ///< more candidate calls of this tool before a verdict is expected
    bool onlyBaseline = false;  ///< the candidate never called this tool
    bool onlyCandidate = false; ///< a tool the candidate added
};

/// The shadow-mode comparison of one candidate version with its baseline, tool by tool.
struct ShadowComparison {
    QString workflow;
    QString baseline;
    QString candidate;
    ShadowRecommendation recommendation = ShadowRecommendation::KeepShadow;
    QStringList reasons;
    qint64 moreExecutionsNeeded = 0; ///< with KEEP_SHADOW: roughly how many more candidate executions
    bool contemporaneous = false;    ///< baseline limited to calls since the candidate appeared
    qint64 baselineSinceMs = 0;      ///< start of the baseline calls compared
    double alpha = 0.05;
    int tests = 0;                   ///< tests in the Holm family
    std::vector<ToolComparison> tools;

    /// The `compare` JSON: workflow, baseline, candidate, recommendation, reasons[], tools[...].
    QJsonObject toJson() const;
    /// One line, e.g. "ROLL_BACK process_customer_order 1.1.0 vs 1.0.0: fetch_data latency_ms median +14.8 %".
    QString summary() const;
    const ToolComparison *tool(const QString &name) const;
};

} // namespace Apprentice
