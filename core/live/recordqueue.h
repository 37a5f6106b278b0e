#pragma once

#include "livebatch.h"

#include <QMutex>
#include <QObject>

#include <vector>

namespace Apprentice {

/// The bounded hand-off from live sources (on their own threads) to the one thread that analyses. Producers
/// push whole batches, all or nothing: when the records would not fit, push() refuses, and the producer
/// answers 503 (receiver) or stops reading (streams, tails), so memory stays bounded and nothing accepted is
/// dropped. The consumer takes everything at once.
class RecordQueue : public QObject
{
    Q_OBJECT
public:
    explicit RecordQueue(qint64 capacityRecords = 200000, QObject *parent = nullptr);

    /// Adds a batch unless its records would pass the capacity. An empty queue takes any batch, so one larger
    /// than the capacity still gets through; `force` takes it regardless (records already promised, at shutdown).
    /// Thread-safe.
    bool push(LiveBatch &&batch, bool force = false);
    /// Everything queued, in push order. Thread-safe.
    std::vector<LiveBatch> takeAll();

    qint64 size() const;     ///< records waiting
    qint64 capacity() const;
    void setCapacity(qint64 records);
    /// Records ever accepted and taken; accepted − taken = size().
    qint64 acceptedRecords() const;
    qint64 takenRecords() const;

signals:
    /// The queue went from empty to non-empty: emitted on the pushing thread, so connect it queued.
    void available();
    /// The queue went from full to having room (after takeAll), for producers waiting to push again.
    void drained();

private:
    mutable QMutex m_mutex;
    std::vector<LiveBatch> m_batches;
    qint64 m_size = 0;
    qint64 m_capacity;
    qint64 m_accepted = 0;
    qint64 m_taken = 0;
    bool m_refused = false;
};

} // namespace Apprentice
