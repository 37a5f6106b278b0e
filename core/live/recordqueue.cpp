#include "recordqueue.h"

#include <algorithm>

namespace Apprentice {

RecordQueue::RecordQueue(qint64 capacityRecords, QObject *parent)
    : QObject(parent)
    , m_capacity(std::max<qint64>(1, capacityRecords))
{
}

bool RecordQueue::push(LiveBatch &&batch, bool force)
{
    const qint64 n = qint64(batch.records.size());
    bool wasEmpty = false;
    {
        QMutexLocker lock(&m_mutex);
        if (!force && n > 0 && m_size > 0 && m_size + n > m_capacity) {
            m_refused = true;
            return false;
        }
        wasEmpty = m_batches.empty();
        m_size += n;
        m_accepted += n;
        m_batches.push_back(std::move(batch));
    }
    if (wasEmpty)
        emit available();
    return true;
}

std::vector<LiveBatch> RecordQueue::takeAll()
{
    std::vector<LiveBatch> out;
    bool refused = false;
    {
        QMutexLocker lock(&m_mutex);
        out.swap(m_batches);
        m_taken += m_size;
        m_size = 0;
        refused = std::exchange(m_refused, false);
    }
    if (refused)
        emit drained();
    return out;
}

qint64 RecordQueue::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_size;
}

qint64 RecordQueue::capacity() const
{
    QMutexLocker lock(&m_mutex);
    return m_capacity;
}

void RecordQueue::setCapacity(qint64 records)
{
    QMutexLocker lock(&m_mutex);
    m_capacity = std::max<qint64>(1, records);
}

qint64 RecordQueue::acceptedRecords() const
{
    QMutexLocker lock(&m_mutex);
    return m_accepted;
}

qint64 RecordQueue::takenRecords() const
{
    QMutexLocker lock(&m_mutex);
    return m_taken;
}

} // namespace Apprentice
