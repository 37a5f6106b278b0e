#pragma once

#include <QtGlobal>

#include <cmath>
#include <span>
#include <vector>

namespace Apprentice {

/// Pure two-sample statistics behind the shadow comparison of a candidate version with its baseline.
/// Samples are plain values (a bounded reservoir per version, tool and metric), any order unless
/// a function says "sorted".
namespace ShadowStats {

/// Mann–Whitney U test (Wilcoxon rank-sum) with the normal approximation, tie-corrected variance and
/// continuity correction, and Cliff's delta as its effect size.
struct RankTest {
    double u = 0;           ///< U of the candidate: pairs (b, c) with c > b, ties counting one half
    double z = 0;           ///< continuity-corrected normal score; positive when the candidate is larger
    double pValue = 1;      ///< two-sided
    double cliffsDelta = 0; ///< P(c > b) − P(c < b), in [−1, 1]; positive when the candidate is larger
};
RankTest mannWhitney(std::span<const double> baseline, std::span<const double> candidate);

/// Two-sample Kolmogorov–Smirnov test: the largest distance of the two empirical distribution
/// functions and its asymptotic p-value (conservative for discrete data with ties).
struct KsTest {
    double d = 0;
    double pValue = 1;
};
KsTest kolmogorovSmirnov(std::span<const double> baseline, std::span<const double> candidate);

/// Two-proportion z-test of x1/n1 (baseline) against x2/n2 (candidate), pooled standard error.
struct ProportionTest {
    double rateBaseline = 0;
    double rateCandidate = 0;
    double z = 0;      ///< positive when the candidate's rate is higher
    double pValue = 1; ///< two-sided; 1 when neither side has any event (or every call has one)
};
ProportionTest twoProportion(qint64 x1, qint64 n1, qint64 x2, qint64 n2);

/// Wilson score interval of a proportion x/n at a two-sided confidence level.
struct Interval {
    double low = std::nan("");
    double high = std::nan("");
};
Interval wilson(qint64 x, qint64 n, double z);
/// Newcombe's hybrid score interval of p2 − p1 (method 10), from Wilson intervals at score z.
Interval newcombeDifference(qint64 x1, qint64 n1, qint64 x2, qint64 n2, double z);

/// Two-sample z-test of means (Welch's standard error; samples are large in shadow mode).
struct MeanTest {
    double difference = 0; ///< candidate − baseline
    double standardError = 0;
    double z = 0;
    double pValue = 1;
};
MeanTest meanDifference(double meanBaseline, double varBaseline, qint64 nBaseline, double meanCandidate,
                        double varCandidate, qint64 nCandidate);

/// Holm's step-down adjustment: adjusted p-values in the input order, controlling the family-wise
/// error rate over all of them.
std::vector<double> holm(std::span<const double> pValues);

/// Linear-interpolated quantile of a sorted sample (type 7, as R and NumPy default).
double quantileSorted(std::span<const double> sorted, double q);
/// Distribution-free confidence interval of the median of a sorted sample from order statistics
/// (normal approximation to the binomial), at score z.
Interval medianInterval(std::span<const double> sorted, double z);

} // namespace ShadowStats
} // namespace Apprentice
