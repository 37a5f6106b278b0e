#include "shadowstats.h"

#include "trends/trendstats.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace Apprentice::ShadowStats {

namespace {

std::vector<double> sortedCopy(std::span<const double> v)
{
    std::vector<double> out(v.begin(), v.end());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

RankTest mannWhitney(std::span<const double> baseline, std::span<const double> candidate)
{
    RankTest t;
    const size_t nb = baseline.size();
    const size_t nc = candidate.size();
    if (nb == 0 || nc == 0)
        return t;
    const std::vector<double> b = sortedCopy(baseline);
    const std::vector<double> c = sortedCopy(candidate);

    // Walk both sorted samples as one; each group of equal values shares the average of its ranks.
    double rankSumCandidate = 0;
    double tieTerm = 0;
    size_t i = 0, j = 0;
    double nextRank = 1;
    while (i < nb || j < nc) {
        const double v = j >= nc || (i < nb && b[i] <= c[j]) ? b[i] : c[j];
        size_t inB = 0, inC = 0;
        while (i < nb && b[i] == v) {
            ++i;
            ++inB;
        }
        while (j < nc && c[j] == v) {
            ++j;
            ++inC;
        }
        const double t_ = double(inB + inC);
        const double averageRank = nextRank + (t_ - 1) / 2;
        rankSumCandidate += averageRank * double(inC);
        tieTerm += t_ * t_ * t_ - t_;
        nextRank += t_;
    }

    const double n1 = double(nb), n2 = double(nc), n = n1 + n2;
    t.u = rankSumCandidate - n2 * (n2 + 1) / 2;
    t.cliffsDelta = 2 * t.u / (n1 * n2) - 1;
    const double mean = n1 * n2 / 2;
    const double variance = n1 * n2 / 12 * ((n + 1) - (n > 1 ? tieTerm / (n * (n - 1)) : 0));
    if (!(variance > 0))
        return t; // every value tied: nothing distinguishes the samples
    const double diff = t.u - mean;
    const double corrected = diff > 0 ? std::max(0.0, diff - 0.5) : std::min(0.0, diff + 0.5);
    t.z = corrected / std::sqrt(variance);
    t.pValue = TrendStats::twoSidedP(t.z);
    return t;
}

KsTest kolmogorovSmirnov(std::span<const double> baseline, std::span<const double> candidate)
{
    KsTest t;
    const size_t nb = baseline.size();
    const size_t nc = candidate.size();
    if (nb == 0 || nc == 0)
        return t;
    const std::vector<double> b = sortedCopy(baseline);
    const std::vector<double> c = sortedCopy(candidate);
    size_t i = 0, j = 0;
    while (i < nb && j < nc) {
        const double v = std::min(b[i], c[j]);
        // Step over every copy of v on both sides before comparing: ties move both functions at once.
        while (i < nb && b[i] == v)
            ++i;
        while (j < nc && c[j] == v)
            ++j;
        t.d = std::max(t.d, std::abs(double(i) / double(nb) - double(j) / double(nc)));
    }
    // Numerical Recipes' asymptotic form with Stephens' small-sample correction of the statistic.
    const double en = std::sqrt(double(nb) * double(nc) / double(nb + nc));
    const double lambda = (en + 0.12 + 0.11 / en) * t.d;
    if (lambda < 0.2)
        return t; // the series below is 1 to machine precision and converges badly
    double sum = 0, sign = 1;
    for (int k = 1; k <= 100; ++k) {
        const double term = sign * std::exp(-2.0 * k * k * lambda * lambda);
        sum += term;
        if (std::abs(term) < 1e-12 * std::abs(sum))
            break;
        sign = -sign;
    }
    t.pValue = std::clamp(2 * sum, 0.0, 1.0);
    return t;
}

ProportionTest twoProportion(qint64 x1, qint64 n1, qint64 x2, qint64 n2)
{
    ProportionTest t;
    if (n1 <= 0 || n2 <= 0)
        return t;
    t.rateBaseline = double(x1) / double(n1);
    t.rateCandidate = double(x2) / double(n2);
    const double pooled = double(x1 + x2) / double(n1 + n2);
    const double se = std::sqrt(pooled * (1 - pooled) * (1.0 / double(n1) + 1.0 / double(n2)));
    if (!(se > 0))
        return t;
    t.z = (t.rateCandidate - t.rateBaseline) / se;
    t.pValue = TrendStats::twoSidedP(t.z);
    return t;
}

Interval wilson(qint64 x, qint64 n, double z)
{
    if (n <= 0)
        return {0, 1};
    const double nn = double(n);
    const double p = double(x) / nn;
    const double z2 = z * z;
    const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
    const double half = z / (1 + z2 / nn) * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval newcombeDifference(qint64 x1, qint64 n1, qint64 x2, qint64 n2, double z)
{
    const Interval a = wilson(x1, n1, z);
    const Interval b = wilson(x2, n2, z);
    const double p1 = n1 > 0 ? double(x1) / double(n1) : 0;
    const double p2 = n2 > 0 ? double(x2) / double(n2) : 0;
    const double d = p2 - p1;
    return {d - std::sqrt((p2 - b.low) * (p2 - b.low) + (a.high - p1) * (a.high - p1)),
            d + std::sqrt((b.high - p2) * (b.high - p2) + (p1 - a.low) * (p1 - a.low))};
}

MeanTest meanDifference(double meanBaseline, double varBaseline, qint64 nBaseline, double meanCandidate,
                        double varCandidate, qint64 nCandidate)
{
    MeanTest t;
    if (nBaseline <= 0 || nCandidate <= 0)
        return t;
    t.difference = meanCandidate - meanBaseline;
    t.standardError = std::sqrt(varBaseline / double(nBaseline) + varCandidate / double(nCandidate));
    if (!(t.standardError > 0)) {
        t.pValue = t.difference == 0 ? 1 : 0;
        t.z = t.difference == 0 ? 0 : std::copysign(std::numeric_limits<double>::infinity(), t.difference);
        return t;
    }
    t.z = t.difference / t.standardError;
    t.pValue = TrendStats::twoSidedP(t.z);
    return t;
}

std::vector<double> holm(std::span<const double> pValues)
{
    const size_t m = pValues.size();
    std::vector<size_t> order(m);
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return pValues[a] < pValues[b]; });
    std::vector<double> adjusted(m, 1.0);
    double running = 0;
    for (size_t k = 0; k < m; ++k) {
        running = std::max(running, std::min(1.0, double(m - k) * pValues[order[k]]));
        adjusted[order[k]] = running;
    }
    return adjusted;
}

double quantileSorted(std::span<const double> sorted, double q)
{
    if (sorted.empty())
        return std::nan("");
    const double h = (double(sorted.size()) - 1) * std::clamp(q, 0.0, 1.0);
    const size_t lo = size_t(std::floor(h));
    const size_t hi = std::min(sorted.size() - 1, lo + 1);
    return sorted[lo] + (h - double(lo)) * (sorted[hi] - sorted[lo]);
}

Interval medianInterval(std::span<const double> sorted, double z)
{
    const size_t n = sorted.size();
    if (n == 0)
        return {};
    // The number of values below the median is Binomial(n, 1/2): its central range gives the ranks.
    const double half = z * std::sqrt(double(n)) / 2;
    const double lowRank = std::floor(double(n) / 2 - half);    // 1-based rank of the lower limit
    const double highRank = std::ceil(double(n) / 2 + half) + 1;
    const size_t lo = size_t(std::clamp(lowRank, 1.0, double(n))) - 1;
    const size_t hi = size_t(std::clamp(highRank, 1.0, double(n))) - 1;
    return {sorted[lo], sorted[hi]};
}

} // namespace Apprentice::ShadowStats
