#pragma once

#include "ddsketch.h"

#include <QByteArray>

#include <cmath>
#include <cstdint>
#include <limits>

namespace Apprentice {

/// Running moments (Welford) with min/max; mergeable (Chan et al.).
struct Moments {
    std::uint64_t n = 0;
    double mean = 0;
    double m2 = 0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();

    void add(double v)
    {
        ++n;
        const double d = v - mean;
        mean += d / double(n);
        m2 += d * (v - mean);
        if (v < min)
            min = v;
        if (v > max)
            max = v;
    }
    void merge(const Moments &o);
    /// Population standard deviation (0 for fewer than two values).
    double stddev() const { return n > 1 ? std::sqrt(m2 / double(n)) : 0.0; }
};

/// The streaming distribution of one metric: moments plus a quantile sketch.
class Distribution
{
public:
    void add(double v)
    {
        m_moments.add(v);
        m_sketch.add(v);
    }
    void merge(const Distribution &o)
    {
        m_moments.merge(o.m_moments);
        m_sketch.merge(o.m_sketch);
    }
    void clear() { *this = Distribution(); }

    std::uint64_t count() const { return m_moments.n; }
    double mean() const { return m_moments.n ? m_moments.mean : std::nan(""); }
    double stddev() const { return m_moments.stddev(); }
    double min() const { return m_moments.n ? m_moments.min : std::nan(""); }
    double max() const { return m_moments.n ? m_moments.max : std::nan(""); }
    double quantile(double q) const { return m_sketch.quantile(q); }
    double p50() const { return quantile(0.50); }
    double p95() const { return quantile(0.95); }
    double p99() const { return quantile(0.99); }

    const Moments &moments() const { return m_moments; }
    const DDSketch &sketch() const { return m_sketch; }

    QByteArray serialize() const;
    static bool deserialize(const QByteArray &data, Distribution &out);

private:
    Moments m_moments;
    DDSketch m_sketch;
};

} // namespace Apprentice
