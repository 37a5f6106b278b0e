#pragma once

#include <QtGlobal>

#include <cstddef>
#include <vector>

namespace Apprentice {

/// Bounded columnar history of one metric: (timestamp, value, record sequence number) in arrival
/// order, oldest dropped first once full. Columns rather than structs so a scan touches only what
/// it needs; 20 bytes per point. Every BlockSize slots keep their minimum and maximum, so the
/// extremes of a range cost O(range / BlockSize) instead of a scan of every point.
class SeriesBuffer
{
public:
    explicit SeriesBuffer(qsizetype capacity = 1 << 20);

    /// Drops everything and sets a new capacity (>= 1).
    void reset(qsizetype capacity);
    void append(qint64 tsMs, double value, qint64 seq);
    void clear();

    qsizetype size() const { return m_size; }
    qsizetype capacity() const { return m_capacity; }
    bool isEmpty() const { return m_size == 0; }
    /// Points appended over the buffer's life (including dropped ones).
    qint64 appended() const { return m_appended; }
    /// True while every timestamp is >= the one before it (binary search possible).
    bool isMonotonic() const { return m_monotonic; }

    // Logical index 0 = oldest point kept.
    qint64 tsAt(qsizetype i) const { return m_ts[physical(i)]; }
    float valueAt(qsizetype i) const { return m_value[physical(i)]; }
    qint64 seqAt(qsizetype i) const { return m_seq[physical(i)]; }

    /// First logical index whose timestamp is >= tsMs (size() when none). O(log n) when monotonic.
    qsizetype lowerBound(qint64 tsMs) const;
    /// First logical index whose timestamp is > tsMs (size() when none).
    qsizetype upperBound(qint64 tsMs) const;

    /// Calls f(ts, value, seq) for logical indices [first, last) in order, without per-point index maths.
    template<typename F>
    void forEach(qsizetype first, qsizetype last, F &&f) const
    {
        if (first >= last)
            return;
        const size_t start = physical(first);
        const size_t count = size_t(last - first);
        const size_t run1 = std::min(count, size_t(m_capacity) - start);
        for (size_t k = start; k < start + run1; ++k)
            f(m_ts[k], m_value[k], m_seq[k]);
        for (size_t k = 0; k < count - run1; ++k)
            f(m_ts[k], m_value[k], m_seq[k]);
    }

    /// Logical indices of the minimum and maximum value in [first, last) (first occurrence of
    /// each); both −1 for an empty range. Uses the block summaries.
    void minMax(qsizetype first, qsizetype last, qsizetype &minIndex, qsizetype &maxIndex) const;

    static constexpr int BlockSize = 64;

    /// Heap bytes held by the columns.
    std::size_t memoryBytes() const;

private:
    size_t physical(qsizetype i) const
    {
        size_t p = m_head + size_t(i);
        if (p >= size_t(m_capacity))
            p -= size_t(m_capacity);
        return p;
    }

    struct Block {
        float min;
        float max;
        quint8 minAt; // offsets inside the block
        quint8 maxAt;
    };
    void note(size_t physicalIndex, float value);
    void scan(size_t from, size_t to, float &lo, float &hi, size_t &loAt, size_t &hiAt) const;

    std::vector<qint64> m_ts;
    std::vector<Block> m_blocks;
    std::vector<float> m_value;
    std::vector<qint64> m_seq;
    qsizetype m_capacity = 0;
    qsizetype m_size = 0;
    size_t m_head = 0; // physical index of the oldest point
    qint64 m_appended = 0;
    bool m_monotonic = true;
};

} // namespace Apprentice
