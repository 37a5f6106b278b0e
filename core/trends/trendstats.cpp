#include "trendstats.h"

#include "stats/normal.h"

#include "stats/ddsketch.h"

#include <algorithm>
#include <numbers>
#include <cstdint>
#include <map>
#include <vector>

namespace Apprentice::TrendStats {

namespace {

int sign(double v)
{
    return (v > 0) - (v < 0);
}

/// n(n−1)(2n+5)/18 less the same term for every group of tied values.
double kendallVariance(std::vector<double> values)
{
    const double n = double(values.size());
    double var = n * (n - 1) * (2 * n + 5);
    std::sort(values.begin(), values.end());
    for (size_t i = 0; i < values.size();) {
        size_t j = i + 1;
        while (j < values.size() && values[j] == values[i])
            ++j;
        const double t = double(j - i);
        var -= t * (t - 1) * (2 * t + 5);
        i = j;
    }
    return var / 18;
}

/// Indices of each season's values, in time order.
std::vector<std::vector<size_t>> groupBySeason(std::span<const int> season, size_t n)
{
    std::map<int, std::vector<size_t>> groups;
    for (size_t i = 0; i < n; ++i)
        groups[season.empty() ? 0 : season[i]].push_back(i);
    std::vector<std::vector<size_t>> out;
    out.reserve(groups.size());
    for (auto &[id, idx] : groups)
        out.push_back(std::move(idx));
    return out;
}

KendallTest kendall(std::span<const double> y, std::span<const int> season)
{
    KendallTest t;
    for (const auto &group : groupBySeason(season, y.size())) {
        std::vector<double> values;
        values.reserve(group.size());
        for (size_t a = 0; a < group.size(); ++a) {
            values.push_back(y[group[a]]);
            for (size_t b = a + 1; b < group.size(); ++b)
                t.s += sign(y[group[b]] - y[group[a]]);
        }
        t.pairs += qint64(group.size()) * qint64(group.size() - 1) / 2;
        t.variance += kendallVariance(std::move(values));
    }
    if (t.variance > 0) {
        const double corrected = t.s > 0 ? t.s - 1 : (t.s < 0 ? t.s + 1 : 0);
        t.z = corrected / std::sqrt(t.variance);
        t.pValue = twoSidedP(t.z);
    }
    return t;
}

double median(std::vector<double> &v)
{
    if (v.empty())
        return std::nan("");
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(mid), v.end());
    const double upper = v[mid];
    if (v.size() % 2)
        return upper;
    const double lower = *std::max_element(v.begin(), v.begin() + std::ptrdiff_t(mid));
    return (lower + upper) / 2;
}

/// Value at a 1-based, possibly fractional rank of sorted values (linear between neighbours).
double atRank(const std::vector<double> &sorted, double rank)
{
    rank = std::clamp(rank, 1.0, double(sorted.size()));
    const size_t lo = size_t(std::floor(rank)) - 1;
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    const double f = rank - std::floor(rank);
    return sorted[lo] + f * (sorted[hi] - sorted[lo]);
}

SlopeEstimate sen(std::span<const double> x, std::span<const double> y, std::span<const int> season, double confidence)
{
    SlopeEstimate e;
    const size_t n = std::min(x.size(), y.size());
    if (n < 2)
        return e;
    const auto groups = groupBySeason(season, n);
    qint64 totalPairs = 0;
    for (const auto &g : groups)
        totalPairs += qint64(g.size()) * qint64(g.size() - 1) / 2;

    std::vector<double> slopes;
    auto addPair = [&](size_t i, size_t j) {
        if (x[j] != x[i])
            slopes.push_back((y[j] - y[i]) / (x[j] - x[i]));
    };
    if (totalPairs <= MaxExactPairs) {
        slopes.reserve(size_t(totalPairs));
        for (const auto &g : groups) {
            for (size_t a = 0; a < g.size(); ++a) {
                for (size_t b = a + 1; b < g.size(); ++b)
                    addPair(g[a], g[b]);
            }
        }
    } else {
        // Deterministic sample (SplitMix64) so the same data always gives the same answer.
        e.sampled = true;
        std::uint64_t state = 0x5eed5eed5eedULL;
        auto next = [&state]() {
            std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            return z ^ (z >> 31);
        };
        // Pick a season in proportion to its pairs, then a pair inside it.
        std::vector<qint64> cumulative;
        qint64 acc = 0;
        for (const auto &g : groups)
            cumulative.push_back(acc += qint64(g.size()) * qint64(g.size() - 1) / 2);
        slopes.reserve(size_t(MaxExactPairs));
        for (qint64 k = 0; k < MaxExactPairs; ++k) {
            const qint64 r = qint64(next() % std::uint64_t(totalPairs));
            const size_t gi = size_t(std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin());
            const auto &g = groups[gi];
            const size_t a = size_t(next() % g.size());
            size_t b = size_t(next() % (g.size() - 1));
            if (b >= a)
                ++b;
            addPair(std::min(g[a], g[b]), std::max(g[a], g[b]));
        }
    }
    if (slopes.empty())
        return e;
    e.pairs = qint64(slopes.size());
    std::sort(slopes.begin(), slopes.end());
    const double count = double(slopes.size());
    e.slope = atRank(slopes, (count + 1) / 2);

    // Rank-based interval (Gilbert 1987, §16.5): C = z·sqrt(Var S); limits at ranks (N − C)/2 and
    // (N + C)/2 + 1. With a sample, the same ranks as shares of the sample.
    const KendallTest k = kendall(y.first(n), season.empty() ? season : season.first(n));
    const double c = normalQuantile(0.5 + confidence / 2) * std::sqrt(k.variance);
    const double scale = e.sampled ? count / double(totalPairs) : 1.0;
    const double pairsN = e.sampled ? double(totalPairs) : count;
    e.low = atRank(slopes, (pairsN - c) / 2 * scale);
    e.high = atRank(slopes, ((pairsN + c) / 2 + 1) * scale);

    std::vector<double> residuals(n);
    for (size_t i = 0; i < n; ++i)
        residuals[i] = y[i] - e.slope * x[i];
    e.intercept = median(residuals);
    return e;
}

} // namespace

KendallTest mannKendall(std::span<const double> y)
{
    return kendall(y, {});
}

KendallTest seasonalKendall(std::span<const double> y, std::span<const int> season)
{
    return kendall(y, season.first(std::min(season.size(), y.size())));
}

SlopeEstimate theilSen(std::span<const double> x, std::span<const double> y, double confidence)
{
    return sen(x, y, {}, confidence);
}

SlopeEstimate seasonalTheilSen(std::span<const double> x, std::span<const double> y, std::span<const int> season,
                               double confidence)
{
    const size_t n = std::min({x.size(), y.size(), season.size()});
    return sen(x.first(n), y.first(n), season.first(n), confidence);
}

double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

double twoSidedP(double z)
{
    return std::erfc(std::abs(z) / std::sqrt(2.0));
}

double normalQuantile(double p)
{
    if (!(p > 0 && p < 1))
        return p == 0 ? -INFINITY : (p == 1 ? INFINITY : std::nan(""));
    return inverseNormalCdfRefined(p);
}

double smoothQuantile(const DDSketch &sketch, double q, double min, double max)
{
    const std::uint64_t n = sketch.count();
    if (n == 0)
        return std::nan("");
    // Same rank convention as DDSketch::quantile: rank q·(n−1) of the sorted values, 0-based.
    const double rank = std::clamp(q, 0.0, 1.0) * double(n - 1);
    double before = 0;
    double result = std::nan("");
    bool done = false;
    sketch.forEachBucket([&](double lo, double hi, std::uint64_t count) {
        if (done)
            return;
        const double c = double(count);
        if (rank < before + c) {
            // The bucket's values are taken as spread evenly: value i of c sits at (i + 0.5)/c.
            const double f = std::clamp((rank - before + 0.5) / c, 0.0, 1.0);
            result = lo + f * (hi - lo);
            done = true;
        }
        before += c;
    });
    if (!done)
        result = max;
    if (std::isfinite(min) && std::isfinite(max))
        result = std::clamp(result, min, max);
    return result;
}

} // namespace Apprentice::TrendStats
