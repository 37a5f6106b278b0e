#include "storewriter.h"

#include "engine.h"
#include "importplan.h"
#include "ingest/importer.h"
#include "record.h"

#include <QDateTime>
#include <QDir>

namespace Apprentice {

namespace {

// A batch is written after this many records, or once it is older than MaxBatchAgeMs (checked every
// AgeCheckRecords records, so the clock is not read per record).
constexpr qint64 MaxBatchRecords = 262144;
constexpr qint64 AgeCheckRecords = 4096;
constexpr qint64 MaxBatchAgeMs = 2000;

} // namespace

StoreWriter::StoreWriter(Engine &engine, Store *store, bool keepRecords, ErrorHandler onError, Ledger ledger)
    : m_engine(engine)
    , m_store(store)
    , m_keepRecords(keepRecords)
    , m_onError(std::move(onError))
    , m_ledger(ledger)
    , m_maxBatchRecords(MaxBatchRecords)
{
    m_sinceWrite.start();
}

void StoreWriter::addRecord(const RecordView &record)
{
    if (!m_store)
        return;
    if (m_keepRecords)
        m_batch.records.push_back(Record::fromView(record));
    ++m_sinceFlush;
    if (!m_inFile && !m_holdRecordFlushes && due())
        flush();
}

bool StoreWriter::due() const
{
    // The clock is read every AgeCheckRecords records on the record path; where lines are done, whenever
    // that many are waiting.
    return m_sinceFlush >= m_maxBatchRecords
           || (m_sinceFlush >= AgeCheckRecords && (m_inFile || m_sinceFlush % AgeCheckRecords == 0)
               && m_sinceWrite.elapsed() > MaxBatchAgeMs);
}

void StoreWriter::keepFile(ImportedFile file)
{
    if (file.headSha1.isEmpty())
        return; // it could not be read when its import was planned: nothing to remember of it
    file.updatedMs = QDateTime::currentMSecsSinceEpoch();
    for (ImportedFile &f : m_batch.files) {
        if (f.path == file.path && f.headSha1 == file.headSha1) { // the row Store::write replaces
            f = file;
            return;
        }
    }
    m_batch.files.push_back(file);
}

void StoreWriter::liveFile(const ImportedFile &position)
{
    if (!m_store)
        return;
    m_holdRecordFlushes = true;
    keepFile(position);
}

void StoreWriter::beginFile(const ImportedFile &progress)
{
    if (!m_store)
        return;
    m_inFile = true;
    m_file = progress;
    m_file.bytes = -1;
}

void StoreWriter::linesDone(qint64 lines)
{
    if (!m_store || !m_inFile)
        return;
    m_file.lines = lines;
    if (due())
        flush(); // with the file's mark as of these lines
}

void StoreWriter::endFile(const ImportResult &result)
{
    if (!m_store || !m_inFile)
        return;
    m_inFile = false;
    m_file.bytes = result.outcome == Outcome::Finished ? result.bytes : -1;
    m_file.tailSha1 = importTailSha1(m_file.path, m_file.bytes);
    keepFile(m_file);
}

void StoreWriter::addEvent(const Event &e)
{
    if (m_store)
        m_batch.events.push_back(e);
}

void StoreWriter::addLedger(const std::vector<LedgerEntry> &entries)
{
    if (m_store)
        m_batch.ledger.insert(m_batch.ledger.end(), entries.begin(), entries.end());
}

bool StoreWriter::dirty() const
{
    return m_store && (m_sinceFlush > 0 || m_touched || !m_batch.events.empty() || !m_batch.ledger.empty()
                       || !m_batch.files.empty());
}

bool StoreWriter::flush()
{
    if (!m_store)
        return !m_failed;
    if (m_inFile)
        keepFile(m_file); // as far as its lines were done
    if (m_ledger == Ledger::FromEngine)
        m_batch.ledger = m_engine.takeLedgerEntries();
    m_batch.snapshot = m_engine.snapshot();
    QString error;
    if (!m_store->write(m_batch, &error)) {
        if (m_onError)
            m_onError(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(m_store->path()), error));
        m_failed = true;
        m_store = nullptr; // keep analysing; stored data stays as it was
    }
    m_batch = StoreBatch();
    m_sinceFlush = 0;
    m_touched = false;
    m_sinceWrite.restart();
    return !m_failed;
}

} // namespace Apprentice
