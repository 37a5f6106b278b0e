#pragma once

#include <QByteArray>

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace Apprentice {

namespace DDSketchDetail {
/// log2(1 + (k + 0.5) / 4096): the cell midpoint keeps the index error below 2^-13 of the value.
/// Built at load time, so the per-value path has no initialisation guard.
struct MantissaLog2 {
    MantissaLog2();
    std::array<double, 4096> table{};
    double invLog2Gamma = 0;
};
extern const MantissaLog2 mantissaLog2;

/// log2 of a positive normal double, to 2^-13 (the exponent plus the table's mantissa term): no libm call.
inline double roughLog2(double positive)
{
    const auto bits = std::bit_cast<std::uint64_t>(positive);
    const int exponent = int((bits >> 52) & 0x7ff) - 1023;
    return exponent + mantissaLog2.table[(bits >> 40) & 0xfff];
}
} // namespace DDSketchDetail

/// Mergeable quantile sketch with bounded relative error (DDSketch, Masson et al., VLDB 2019).
/// Values map to logarithmic buckets; any quantile is returned within RelativeAccuracy of the exact
/// order statistic. O(1) per value, at most MaxBuckets counters per sign (≤ 8 KB in all).
class DDSketch
{
public:
    /// Bucket relative accuracy. The index uses a 12-bit mantissa table (error 2^-12), so the
    /// guaranteed bound is RelativeAccuracy + 0.025 % < 1 %.
    static constexpr double RelativeAccuracy = 0.0095;
    static constexpr int MaxBuckets = 960;
    /// Values with |v| below this count as zero.
    static constexpr double MinIndexable = 1e-9;

    void add(double v)
    {
        // The per-value path: a positive value landing in an existing bucket.
        if (v > MinIndexable && v <= 1e300) [[likely]] {
            const unsigned slot = unsigned(indexOf(v) - m_positive.offset);
            if (slot < m_positive.counts.size() && m_positive.counts[slot] < UINT32_MAX) [[likely]] {
                ++m_positive.counts[slot];
                ++m_positive.total;
                ++m_count;
                return;
            }
        }
        add(v, 1);
    }
    void add(double v, std::uint32_t weight);
    /// Adds every value of `other`: the result is the sketch of the union.
    void merge(const DDSketch &other);
    void clear();

    std::uint64_t count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    /// Quantile q in [0, 1] (lower order statistic at rank q·(n−1)); NaN when empty.
    double quantile(double q) const;
    /// Share of values ≤ v (to bucket resolution).
    double cdf(double v) const;

    /// Bucket index of a positive value (exposed for tests and pre-binned histograms).
    static int indexOf(double positive)
    {
        const double x = DDSketchDetail::roughLog2(positive) * DDSketchDetail::mantissaLog2.invLog2Gamma;
        const int i = int(x); // truncation; ceil without the libm call
        return i + (double(i) < x);
    }
    /// Representative value of a bucket: within RelativeAccuracy of every value in it.
    static double valueOf(int index);
    /// Lower bound of a bucket.
    static double lowerBoundOf(int index);

    /// Visits non-empty buckets in ascending value order: f(lowerBound, upperBound, count).
    template<typename F>
    void forEachBucket(F &&f) const;

    QByteArray serialize() const;
    static bool deserialize(const QByteArray &data, DDSketch &out);

    /// Heap bytes used by the counters (for the memory benchmark).
    std::size_t memoryBytes() const;

private:
    struct Store {
        std::vector<std::uint32_t> counts;
        int offset = 0; // index of counts[0]
        std::uint64_t total = 0;
        void add(int index, std::uint32_t w);
        void merge(const Store &o);
        int minIndex() const { return offset; }
        int maxIndex() const { return offset + int(counts.size()) - 1; }
    };
    Store m_positive;
    Store m_negative; // holds −v for v < 0
    std::uint64_t m_zero = 0;
    std::uint64_t m_count = 0;
};

template<typename F>
void DDSketch::forEachBucket(F &&f) const
{
    for (int i = int(m_negative.counts.size()) - 1; i >= 0; --i) {
        if (m_negative.counts[size_t(i)]) {
            const int idx = m_negative.offset + i;
            f(-lowerBoundOf(idx + 1), -lowerBoundOf(idx), m_negative.counts[size_t(i)]);
        }
    }
    if (m_zero)
        f(0.0, 0.0, m_zero);
    for (size_t i = 0; i < m_positive.counts.size(); ++i) {
        if (m_positive.counts[i]) {
            const int idx = m_positive.offset + int(i);
            f(lowerBoundOf(idx), lowerBoundOf(idx + 1), m_positive.counts[i]);
        }
    }
}

} // namespace Apprentice
