#pragma once

#include "store.h"

#include <QElapsedTimer>

#include <algorithm>
#include <functional>

namespace Apprentice {
class Engine;
struct ImportResult;
struct Event;
struct RecordView;

/// What a run persists while it goes: the records (when kept), the events, the ledger and the engine's
/// snapshot, written in batches so a crash loses at most the current batch. analyze, listen and the console
/// use it. A failed write is reported once through the error handler as "cannot write PATH: why"; the run
/// goes on without the store, and what is stored stays as it was.
class StoreWriter
{
public:
    using ErrorHandler = std::function<void(const QString &message)>;
    /// Where the ledger rows come from: the writer takes them from the engine at each flush, or the owner,
    /// which takes them itself for something else too, hands them over with addLedger().
    enum class Ledger { FromEngine, Handed };

    /// `store` null: nothing is kept.
    StoreWriter(Engine &engine, Store *store, bool keepRecords, ErrorHandler onError,
                Ledger ledger = Ledger::FromEngine);

    /// Counts a processed record (keeps it when asked to); writes when the batch is large or old, except
    /// while a file is being imported: then only where its lines are done (so what is stored of the file and
    /// the profiles always agree).
    void addRecord(const RecordView &record);
    /// A file's import starts: `progress` (ImportPlan::progress) is stored with every write until endFile().
    void beginFile(const ImportedFile &progress);
    /// Every line of the file up to `lines` was handed to the engine; writes when the batch is large or old.
    void linesDone(qint64 lines);
    /// A followed file (a live tail) stands here: stored with the next write. From then on records alone never
    /// start a write (the owner writes between batches), so the file's mark and the profiles agree.
    void liveFile(const ImportedFile &position);
    /// The file's import ended: read to its end (Finished: its size and last bytes are kept as the mark of the
    /// same file), or cut short (the lines done are what counts).
    void endFile(const ImportResult &result);
    void addEvent(const Event &e);
    void addLedger(const std::vector<LedgerEntry> &entries);
    /// Something changed that the next flush would write (an operator's action, say).
    void touch() { m_touched = m_store != nullptr; }
    /// Something is waiting to be written.
    bool dirty() const;
    /// Milliseconds since the last write.
    qint64 sinceWrite() const { return m_sinceWrite.elapsed(); }
    /// Writes the batch with the ledger entries and the engine's snapshot. False when the store failed.
    bool flush();
    /// The daily trend aggregates to store with the next flush (only from the thread that owns them).
    void setTrendState(const QByteArray &state)
    {
        if (m_store)
            m_batch.trendState = state;
    }
    bool failed() const { return m_failed; }
    /// Records a batch holds at most before it is written (default 262,144).
    void setMaxBatchRecords(qint64 records) { m_maxBatchRecords = std::max<qint64>(1, records); }
    bool isWriting() const { return m_store != nullptr; }

private:
    bool due() const;
    void keepFile(ImportedFile file);

    Engine &m_engine;
    Store *m_store;
    bool m_keepRecords;
    ErrorHandler m_onError;
    Ledger m_ledger;
    bool m_failed = false;
    bool m_touched = false;
    StoreBatch m_batch;
    bool m_inFile = false;
    bool m_holdRecordFlushes = false; ///< live files are followed: writes happen between batches
    ImportedFile m_file;
    qint64 m_sinceFlush = 0;
    qint64 m_maxBatchRecords;
    QElapsedTimer m_sinceWrite;
};

} // namespace Apprentice
