#pragma once

#include <vector>

namespace Apprentice {

/// The distribution of a sum of independent latency parts (queue waits, service times, fixed
/// delays), evaluated numerically on a grid so that p95 and tail shares of the whole path come out
/// of one convolution. Times are in any one unit (the capacity model uses milliseconds).
class LatencyMix
{
public:
    /// A fixed delay (cheap even after evaluation: the grid holds only the random parts).
    void addShift(double value);
    /// An exponential time with this mean.
    void addExponential(double mean);
    /// An M/M/c-style wait: 0 with probability 1 − probWait, else exponential with meanIfWaiting.
    void addWait(double probWait, double meanIfWaiting);
    /// A lognormal time fitted to its median and 95th percentile (p95 ≥ p50 > 0).
    void addLognormal(double p50, double p95);

    double mean() const;
    /// Quantile q in (0, 1); exact for a single part, within about 1 % of the range otherwise.
    double quantile(double q) const;
    /// P(total > t).
    double tail(double t) const;
    bool isEmpty() const { return m_parts.empty() && m_shift == 0; }

    /// Grid points of the convolution (accuracy ≈ range / GridPoints).
    static constexpr int GridPoints = 160;

private:
    enum class Kind { Exponential, Wait, Lognormal };
    struct Part {
        Kind kind;
        double a = 0; ///< mean; probWait; log-median
        double b = 0; ///< —; mean if waiting; log-sigma
        double cdf(double t) const;
        double upper() const; ///< a value exceeded with probability ≤ 1e-4
        double mean() const;
    };
    void evaluate() const;

    std::vector<Part> m_parts;
    double m_shift = 0;
    // Lazily evaluated grid: m_cdf[k] = P(random part ≤ (k + ½)·m_step).
    mutable std::vector<double> m_cdf;
    mutable double m_step = 0;
    mutable double m_extraShift = 0; ///< means of parts too small to resolve on the grid
    mutable bool m_evaluated = false;
};

} // namespace Apprentice
