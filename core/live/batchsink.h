#pragma once

#include "livebatch.h"
#include "recordsink.h"

namespace Apprentice {

/// Collects what a parser produces into a LiveBatch: owning copies of the records, the rejections counted
/// and the first few itemised.
class BatchSink : public RecordSink
{
public:
    BatchSink(LiveBatch &batch, int maxItemised)
        : m_batch(&batch)
        , m_maxItemised(maxItemised)
    {
    }

    void setBatch(LiveBatch &batch) { m_batch = &batch; }
    void onRecord(const RecordView &record) override { m_batch->records.push_back(Record::fromView(record)); }
    void onRejected(qint64 line, const QString &reason) override
    {
        if (++m_batch->rejected <= m_maxItemised)
            m_batch->rejections.push_back({line, reason});
        if (m_firstReason.isEmpty())
            m_firstReason = reason;
    }
    /// The first rejection reason seen since construction.
    const QString &firstReason() const { return m_firstReason; }

private:
    LiveBatch *m_batch;
    int m_maxItemised;
    QString m_firstReason;
};

} // namespace Apprentice
