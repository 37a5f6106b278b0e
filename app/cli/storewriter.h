#pragma once

#include "storage/store.h"

#include <QElapsedTimer>

namespace Apprentice {
class Engine;
struct Event;
struct RecordView;
}

/// What analyze and listen persist while they run: the records (with --keep-records), the events, the ledger and
/// the engine's snapshot, written in batches so a crash loses at most the current batch. A failed write is reported
/// once as "apprentice-cli COMMAND: cannot write PATH: why"; analysis goes on and what is stored stays as it was.
class StoreWriter
{
public:
    /// `store` null: nothing is kept.
    StoreWriter(const char *command, Apprentice::Engine &engine, Apprentice::Store *store, bool keepRecords);

    /// Counts a processed record (keeps it with --keep-records); writes when the batch is large or old.
    void addRecord(const Apprentice::RecordView &record);
    void addEvent(const Apprentice::Event &e);
    /// Something is waiting to be written.
    bool dirty() const;
    /// Writes the batch with the engine's ledger entries and snapshot. False when the store failed.
    bool flush();
    /// The daily trend aggregates to store with the next flush (only from the thread that owns them).
    void setTrendState(const QByteArray &state)
    {
        if (m_store)
            m_batch.trendState = state;
    }
    bool failed() const { return m_failed; }

private:
    const char *m_command;
    Apprentice::Engine &m_engine;
    Apprentice::Store *m_store;
    bool m_keepRecords;
    bool m_failed = false;
    Apprentice::StoreBatch m_batch;
    qint64 m_sinceFlush = 0;
    QElapsedTimer m_sinceWrite;
};
