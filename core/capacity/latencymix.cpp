#include "latencymix.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Apprentice {

namespace {
constexpr double Z95 = 1.6448536269514722; // standard normal 95th percentile
constexpr double TailCut = 1e-4;

double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}
}

double LatencyMix::Part::cdf(double t) const
{
    if (t < 0)
        return 0;
    switch (kind) {
    case Kind::Exponential:
        return a > 0 ? 1.0 - std::exp(-t / a) : 1.0;
    case Kind::Wait:
        return b > 0 ? 1.0 - a * std::exp(-t / b) : 1.0;
    case Kind::Lognormal:
        if (t <= 0)
            return 0;
        return b > 0 ? normalCdf((std::log(t) - a) / b) : (std::log(t) >= a ? 1.0 : 0.0);
    }
    return 1.0;
}

double LatencyMix::Part::upper() const
{
    switch (kind) {
    case Kind::Exponential:
        return a * std::log(1.0 / TailCut);
    case Kind::Wait:
        return a > TailCut ? b * std::log(a / TailCut) : 0.0;
    case Kind::Lognormal:
        return std::exp(a + 3.719 * b); // z at 1 − 1e-4
    }
    return 0;
}

double LatencyMix::Part::mean() const
{
    switch (kind) {
    case Kind::Exponential:
        return a;
    case Kind::Wait:
        return a * b;
    case Kind::Lognormal:
        return std::exp(a + 0.5 * b * b);
    }
    return 0;
}

void LatencyMix::addShift(double value)
{
    // The grid holds the random parts only; a shift is applied when queried, so the
    // evaluation stays valid.
    m_shift += value;
}

void LatencyMix::addExponential(double mean)
{
    if (mean <= 0)
        return;
    m_parts.push_back({Kind::Exponential, mean, 0});
    m_evaluated = false;
}

void LatencyMix::addWait(double probWait, double meanIfWaiting)
{
    if (probWait <= 0 || meanIfWaiting <= 0)
        return;
    m_parts.push_back({Kind::Wait, std::min(probWait, 1.0), meanIfWaiting});
    m_evaluated = false;
}

void LatencyMix::addLognormal(double p50, double p95)
{
    if (p50 <= 0)
        return;
    const double sigma = p95 > p50 ? std::log(p95 / p50) / Z95 : 0.0;
    if (sigma == 0) {
        addShift(p50);
        return;
    }
    m_parts.push_back({Kind::Lognormal, std::log(p50), sigma});
    m_evaluated = false;
}

double LatencyMix::mean() const
{
    double m = m_shift;
    for (const Part &p : m_parts)
        m += p.mean();
    return m;
}

void LatencyMix::evaluate() const
{
    if (m_evaluated)
        return;
    m_evaluated = true;
    m_cdf.clear();
    m_extraShift = 0;
    double range = 0;
    for (const Part &p : m_parts)
        range += p.upper();
    if (!(range > 0) || !std::isfinite(range))
        return;
    const int n = GridPoints;
    m_step = range / (n - 1);

    std::vector<double> acc; // pmf of the parts convolved so far, on points k·step
    int accLen = 0;          // points of acc that can be non-zero
    std::vector<double> pmf(size_t(n), 0.0), next(size_t(n), 0.0);
    for (const Part &p : m_parts) {
        // A part narrower than one grid step only moves the sum: keep its mean, exactly.
        if (p.upper() < m_step) {
            m_extraShift += p.mean();
            continue;
        }
        // Discretise up to where the part's mass runs out; beyond, exp() only underflows slowly.
        double prev = 0;
        int len = n;
        for (int k = 0; k < n; ++k) {
            const double c = k == n - 1 ? 1.0 : p.cdf((k + 0.5) * m_step);
            pmf[size_t(k)] = std::max(0.0, c - prev);
            prev = std::max(prev, c);
            if (1.0 - prev < 1e-14) {
                pmf[size_t(k)] += 1.0 - prev;
                len = k + 1;
                break;
            }
        }
        if (acc.empty()) {
            acc.assign(pmf.begin(), pmf.begin() + len);
            acc.resize(size_t(n), 0.0);
            accLen = len;
            continue;
        }
        std::fill(next.begin(), next.end(), 0.0);
        for (int i = 0; i < accLen; ++i) {
            const double ai = acc[size_t(i)];
            if (ai < 1e-16)
                continue;
            const int lim = std::min(len, n - 1 - i);
            double *out = next.data() + i;
            for (int j = 0; j < lim; ++j)
                out[j] += ai * pmf[size_t(j)];
            // Whatever lands beyond the grid stays on its last point: the range is a 1e-4 bound.
            double over = 0;
            for (int j = lim; j < len; ++j)
                over += pmf[size_t(j)];
            next[size_t(n - 1)] += ai * over;
        }
        accLen = std::min(n, accLen + len - 1);
        acc.swap(next);
    }
    if (acc.empty())
        return;
    m_cdf.resize(size_t(n));
    double run = 0;
    for (int k = 0; k < n; ++k) {
        run += acc[size_t(k)];
        m_cdf[size_t(k)] = std::min(run, 1.0);
    }
}

double LatencyMix::quantile(double q) const
{
    evaluate();
    const double base = m_shift + m_extraShift;
    if (m_cdf.empty())
        return base;
    if (m_parts.size() == 1 && m_extraShift == 0) {
        // One part: invert its CDF exactly by bisection.
        const Part &p = m_parts.front();
        double lo = 0, hi = p.upper() + 1;
        while (p.cdf(hi) < q)
            hi *= 2;
        for (int i = 0; i < 80; ++i) {
            const double mid = 0.5 * (lo + hi);
            (p.cdf(mid) < q ? lo : hi) = mid;
        }
        return base + 0.5 * (lo + hi);
    }
    const auto it = std::lower_bound(m_cdf.begin(), m_cdf.end(), q);
    const int k = int(std::min<std::ptrdiff_t>(it - m_cdf.begin(), std::ptrdiff_t(m_cdf.size()) - 1));
    const double below = k > 0 ? m_cdf[size_t(k - 1)] : 0.0;
    const double mass = m_cdf[size_t(k)] - below;
    // Point k stands for the interval [(k − ½)h, (k + ½)h): spread its mass uniformly.
    const double frac = mass > 0 ? (q - below) / mass : 0.5;
    return base + std::max(0.0, (k - 0.5 + frac) * m_step);
}

double LatencyMix::tail(double t) const
{
    evaluate();
    const double x = t - m_shift - m_extraShift;
    if (m_cdf.empty())
        return x < 0 ? 1.0 : 0.0;
    if (x < 0)
        return 1.0;
    if (m_parts.size() == 1 && m_extraShift == 0)
        return 1.0 - m_parts.front().cdf(x);
    const double pos = x / m_step + 0.5; // interval index where x falls
    const int k = int(std::floor(pos));
    if (k >= int(m_cdf.size()))
        return 0.0;
    const double below = k > 0 ? m_cdf[size_t(k - 1)] : 0.0;
    const double cdf = below + (m_cdf[size_t(k)] - below) * (pos - k);
    return std::clamp(1.0 - cdf, 0.0, 1.0);
}

} // namespace Apprentice
