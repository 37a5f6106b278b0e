#pragma once

#include "enginesnapshot.h"
#include "event.h"
#include "record.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace Apprentice {

/// How far a file was imported: a later import of a grown file continues after `lines` (see planImport()).
struct ImportedFile {
    QString path;         ///< absolute
    QByteArray headSha1;  ///< SHA-1 of its first headBytes bytes: a rotated or rewritten file has another
    qint64 headBytes = 0;
    qint64 lines = 0;     ///< physical lines handed over (RecordSink::onLinesDone)
    qint64 bytes = -1;    ///< its size when the import ended; -1 while it was cut short
    qint64 updatedMs = 0; ///< when this was stored (ms since the epoch)
    QByteArray tailSha1;  ///< SHA-1 of the 4 KB before `bytes` (set with it): the same file has them still
};

/// One atomic unit of persistence: everything in it is committed in one transaction, so a crash
/// loses at most the batch being written and leaves a consistent file.
struct StoreBatch {
    std::vector<Event> events;
    std::vector<Record> records;          ///< only with --keep-records
    std::vector<LedgerEntry> ledger;      ///< added to existing rows of the same hour/workflow/version
    std::optional<EngineSnapshot> snapshot; ///< replaces the stored profiles and phases when set
    std::optional<QByteArray> trendState;   ///< replaces the stored daily trend aggregates when set (TrendWatch::saveState)
    std::vector<ImportedFile> files;        ///< replace what is stored of the same paths
};

/// The SQLite store (Qt Sql): profiles, phases, events, diagnoses, ledger, optional raw records.
/// One file; WAL; schema version with migrations. Not thread-safe: use from one thread. Each Store
/// has its own connection, so a reader on the GUI thread and a writer on a worker thread each open
/// their own Store on the same file; under WAL the reader never blocks the writer.
class Store
{
public:
    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    /// The default database: apprentice.sqlite in the user's data directory.
    static QString defaultPath();

    /// Opens or creates the file and migrates it to the current schema. False + error on failure
    /// (unreadable, not a database, newer schema than this build knows).
    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const;
    QString path() const;
    static int currentSchemaVersion();
    int schemaVersion() const;

    /// Writes the whole batch in one transaction; on any failure nothing of it is stored.
    bool write(const StoreBatch &batch, QString *error);

    /// Claims the store for this writer until close(): a run that writes profiles (analyze, listen, a console
    /// session) replaces what the store holds of its workflows, so two at once would each undo the other's.
    /// False + an error naming the other writer (its program and pid) while one holds it. The claim is an
    /// advisory lock on PATH.lock that the system drops when its process ends, however it ends.
    bool claimWriting(QString *error);

    /// The stored profiles and phases; an empty snapshot for a new file.
    bool loadSnapshot(EngineSnapshot &out, QString *error) const;
    /// What earlier imports stored of files read under `path` (empty: every file), newest first (a log rotated
    /// in place has one row per content it held). False + error when unreadable.
    bool loadImportedFiles(const QString &path, std::vector<ImportedFile> &out, QString *error) const;
    /// The file read to its end most recently whose first `headBytes` bytes had this SHA-1, under whatever
    /// path (a log renamed by rotation). nullopt: none. False + error when unreadable.
    bool findImportedHead(const QByteArray &headSha1, qint64 headBytes, std::optional<ImportedFile> &out,
                          QString *error) const;
    /// The daily trend aggregates a run left (empty when none was stored). False + error when unreadable.
    bool loadTrendState(QByteArray &out, QString *error) const;
    /// Events in insertion order, optionally filtered by workflow (empty = all); newest last.
    std::vector<Event> loadEvents(const QString &workflow = {}, int limit = -1) const;
    /// Per-hour rows in hour order (then workflow, version).
    std::vector<LedgerEntry> loadLedger(const QString &workflow = {}) const;
    qint64 recordCount() const;
    /// Stored raw records in insertion order; custom metrics come back sorted by name.
    std::vector<Record> loadRecords(const QString &workflow = {}, qint64 offset = 0, qint64 limit = -1) const;

    /// Binding through SQLite's own functions (default) or only through QSqlQuery; takes effect at
    /// the next open(). Both store the same rows; the switch exists to compare and test them.
    void setNativeBinding(bool enabled);
    /// True when the open store writes through SQLite's functions.
    bool usesNativeBinding() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Apprentice
