#pragma once

#include <QtGlobal>

#include <cmath>
#include <span>

namespace Apprentice {

class DDSketch;

/// Pure statistics behind trend analysis: Mann–Kendall and Seasonal Kendall tests, Theil–Sen
/// and seasonal Sen slopes with rank-based confidence intervals, and normal-distribution helpers.
/// Meant for daily aggregates (n ≤ a few hundred): the tests are O(n²) in the pairs compared.
namespace TrendStats {

/// Result of a (Seasonal) Mann–Kendall test.
struct KendallTest {
    double s = 0;        ///< Σ sign(y_j − y_i) over the compared pairs (i before j)
    double variance = 0; ///< Var(S) under "no trend", corrected for ties
    double z = 0;        ///< continuity-corrected normal score
    double pValue = 1;   ///< two-sided
    qint64 pairs = 0;    ///< pairs compared
};

/// A robust straight line through (x, y).
struct SlopeEstimate {
    double slope = std::nan("");     ///< median of the pairwise slopes (Theil–Sen)
    double low = std::nan("");       ///< lower confidence limit of the slope (rank-based, Sen 1968)
    double high = std::nan("");      ///< upper confidence limit
    double intercept = std::nan(""); ///< median of y − slope·x: the line's value at x = 0
    qint64 pairs = 0;                ///< pairwise slopes used
    bool sampled = false;            ///< true when the pairs were a random sample (very large n)
};

/// Mann–Kendall trend test of y in time order.
KendallTest mannKendall(std::span<const double> y);
/// Seasonal Kendall test (Hirsch, Slack & Smith 1982): only values of the same season are compared;
/// S and Var(S) are sums over seasons. `season` holds any small integer id per value; values in time order.
KendallTest seasonalKendall(std::span<const double> y, std::span<const int> season);

/// Theil–Sen slope of y over x with a `confidence` interval. Exact up to MaxExactPairs pairs,
/// then a deterministic random sample of that many pairs.
SlopeEstimate theilSen(std::span<const double> x, std::span<const double> y, double confidence = 0.95);
/// Seasonal Sen slope: the median of within-season pairwise slopes, which a seasonal pattern does not bias.
SlopeEstimate seasonalTheilSen(std::span<const double> x, std::span<const double> y, std::span<const int> season,
                               double confidence = 0.95);
constexpr qint64 MaxExactPairs = 4000000;

/// Standard normal distribution function.
double normalCdf(double z);
/// Two-sided p-value of a standard normal score.
double twoSidedP(double z);
/// Inverse of normalCdf for p in (0, 1) (Acklam's approximation refined by one Halley step).
double normalQuantile(double p);

/// Quantile of a sketch interpolated inside its bucket and clamped to [min, max]. Unlike the bucket
/// representative it moves smoothly with the data, so a slow creep is not read as a staircase.
double smoothQuantile(const DDSketch &sketch, double q, double min, double max);

} // namespace TrendStats
} // namespace Apprentice
