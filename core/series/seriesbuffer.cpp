#include "seriesbuffer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Apprentice {

SeriesBuffer::SeriesBuffer(qsizetype capacity)
{
    reset(capacity);
}

void SeriesBuffer::reset(qsizetype capacity)
{
    m_capacity = std::max<qsizetype>(1, capacity);
    clear();
}

void SeriesBuffer::clear()
{
    m_ts.clear();
    m_value.clear();
    m_seq.clear();
    m_blocks.clear();
    m_blocks.shrink_to_fit();
    m_ts.shrink_to_fit();
    m_value.shrink_to_fit();
    m_seq.shrink_to_fit();
    m_size = 0;
    m_head = 0;
    m_appended = 0;
    m_monotonic = true;
}

void SeriesBuffer::append(qint64 tsMs, double value, qint64 seq)
{
    if (m_size > 0 && tsMs < tsAt(m_size - 1))
        m_monotonic = false;
    ++m_appended;
    if (m_size < m_capacity) {
        // Grow lazily: most series never reach their capacity.
        m_ts.push_back(tsMs);
        m_value.push_back(float(value));
        m_seq.push_back(seq);
        note(size_t(m_size), float(value));
        ++m_size;
        return;
    }
    m_ts[m_head] = tsMs;
    m_value[m_head] = float(value);
    m_seq[m_head] = seq;
    note(m_head, float(value));
    if (++m_head == size_t(m_capacity))
        m_head = 0;
}

void SeriesBuffer::note(size_t p, float v)
{
    const size_t b = p / BlockSize;
    const auto offset = quint8(p % BlockSize);
    if (b >= m_blocks.size())
        m_blocks.resize(b + 1);
    Block &block = m_blocks[b];
    // The first slot of a block restarts its summary: the ring is overwriting this block now.
    if (offset == 0) {
        block = {v, v, 0, 0};
        return;
    }
    if (v < block.min) {
        block.min = v;
        block.minAt = offset;
    }
    if (v > block.max) {
        block.max = v;
        block.maxAt = offset;
    }
}

void SeriesBuffer::scan(size_t from, size_t to, float &lo, float &hi, size_t &loAt, size_t &hiAt) const
{
    // Physical [from, to), inside one run of the ring.
    const bool full = m_size == m_capacity;
    // While the ring overwrites a block, its summary covers only the new part: scan that one raw.
    const size_t mixed = full && m_head % BlockSize != 0 ? m_head / BlockSize : size_t(-1);
    size_t p = from;
    auto raw = [&](size_t end) {
        for (; p < end; ++p) {
            const float v = m_value[p];
            if (v < lo) {
                lo = v;
                loAt = p;
            }
            if (v > hi) {
                hi = v;
                hiAt = p;
            }
        }
    };
    raw(std::min(to, (p + BlockSize - 1) / BlockSize * BlockSize));
    while (p + BlockSize <= to) {
        const size_t b = p / BlockSize;
        if (b == mixed) {
            raw(p + BlockSize);
            continue;
        }
        const Block &block = m_blocks[b];
        if (block.min < lo) {
            lo = block.min;
            loAt = p + block.minAt;
        }
        if (block.max > hi) {
            hi = block.max;
            hiAt = p + block.maxAt;
        }
        p += BlockSize;
    }
    raw(to);
}

void SeriesBuffer::minMax(qsizetype first, qsizetype last, qsizetype &minIndex, qsizetype &maxIndex) const
{
    minIndex = maxIndex = -1;
    first = std::max<qsizetype>(0, first);
    last = std::min(last, m_size);
    if (first >= last)
        return;
    float lo = std::numeric_limits<float>::infinity();
    float hi = -lo;
    size_t loAt = 0, hiAt = 0;
    const size_t start = physical(first);
    const size_t count = size_t(last - first);
    const size_t run1 = std::min(count, size_t(m_capacity) - start);
    scan(start, start + run1, lo, hi, loAt, hiAt);
    if (count > run1)
        scan(0, count - run1, lo, hi, loAt, hiAt);
    auto logical = [&](size_t p) {
        return qsizetype(p >= m_head ? p - m_head : p + size_t(m_capacity) - m_head);
    };
    // NaN-only ranges leave lo/hi untouched: report the first point for both.
    minIndex = std::isinf(lo) ? first : logical(loAt);
    maxIndex = std::isinf(hi) ? first : logical(hiAt);
}

qsizetype SeriesBuffer::lowerBound(qint64 tsMs) const
{
    if (!m_monotonic) {
        for (qsizetype i = 0; i < m_size; ++i)
            if (tsAt(i) >= tsMs)
                return i;
        return m_size;
    }
    qsizetype lo = 0, hi = m_size;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (tsAt(mid) < tsMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

qsizetype SeriesBuffer::upperBound(qint64 tsMs) const
{
    if (!m_monotonic) {
        for (qsizetype i = m_size; i > 0; --i)
            if (tsAt(i - 1) <= tsMs)
                return i;
        return 0;
    }
    qsizetype lo = 0, hi = m_size;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (tsAt(mid) <= tsMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

std::size_t SeriesBuffer::memoryBytes() const
{
    return m_ts.capacity() * sizeof(qint64) + m_value.capacity() * sizeof(float) + m_seq.capacity() * sizeof(qint64)
           + m_blocks.capacity() * sizeof(Block);
}

} // namespace Apprentice
