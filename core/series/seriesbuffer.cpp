#include "seriesbuffer.h"

#include <algorithm>

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
        ++m_size;
        return;
    }
    m_ts[m_head] = tsMs;
    m_value[m_head] = float(value);
    m_seq[m_head] = seq;
    if (++m_head == size_t(m_capacity))
        m_head = 0;
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
    return m_ts.capacity() * sizeof(qint64) + m_value.capacity() * sizeof(float) + m_seq.capacity() * sizeof(qint64);
}

} // namespace Apprentice
