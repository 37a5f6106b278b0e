#include "storewriter.h"

#include "engine.h"
#include "record.h"

#include <cstdio>

using namespace Apprentice;

namespace {

// A batch is written after this many records, or once it is older than MaxBatchAgeMs (checked every
// AgeCheckRecords records, so the clock is not read per record).
constexpr qint64 MaxBatchRecords = 262144;
constexpr qint64 AgeCheckRecords = 4096;
constexpr qint64 MaxBatchAgeMs = 2000;

} // namespace

StoreWriter::StoreWriter(const char *command, Engine &engine, Store *store, bool keepRecords)
    : m_command(command)
    , m_engine(engine)
    , m_store(store)
    , m_keepRecords(keepRecords)
{
    m_sinceWrite.start();
}

void StoreWriter::addRecord(const RecordView &record)
{
    if (!m_store)
        return;
    if (m_keepRecords)
        m_batch.records.push_back(Record::fromView(record));
    if (++m_sinceFlush >= MaxBatchRecords || (m_sinceFlush % AgeCheckRecords == 0 && m_sinceWrite.elapsed() > MaxBatchAgeMs))
        flush();
}

void StoreWriter::addEvent(const Event &e)
{
    if (m_store)
        m_batch.events.push_back(e);
}

bool StoreWriter::dirty() const
{
    return m_store && (m_sinceFlush > 0 || !m_batch.events.empty());
}

bool StoreWriter::flush()
{
    if (!m_store)
        return !m_failed;
    m_batch.ledger = m_engine.takeLedgerEntries();
    m_batch.snapshot = m_engine.snapshot();
    QString error;
    if (!m_store->write(m_batch, &error)) {
        std::fprintf(stderr, "apprentice-cli %s: cannot write %s: %s\n", m_command, qPrintable(m_store->path()),
                     qPrintable(error));
        m_failed = true;
        m_store = nullptr; // keep analysing; stored data stays as it was
    }
    m_batch = StoreBatch();
    m_sinceFlush = 0;
    m_sinceWrite.restart();
    return !m_failed;
}
