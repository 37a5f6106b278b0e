#include "storeschema.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace Apprentice {

namespace {

bool execAll(QSqlDatabase &db, const QStringList &statements, QString *error)
{
    QSqlQuery q(db);
    for (const QString &sql : statements) {
        if (!q.exec(sql)) {
            if (error)
                *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

// v1: everything. Column names of `records` follow the JSON Lines fields (FORMATS.md §1), and the
// profile tables carry readable statistics next to the blobs, so the file answers questions from the
// sqlite3 shell without the application.
bool createV1(QSqlDatabase &db, QString *error)
{
    return execAll(db, {
        QStringLiteral("PRAGMA application_id = %1").arg(StoreSchema::ApplicationId),
        QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value)"),
        QStringLiteral(
            "CREATE TABLE workflows ("
            " workflow TEXT NOT NULL,"
            " version TEXT NOT NULL,"
            " position INTEGER NOT NULL,"
            " phase TEXT NOT NULL CHECK (phase IN ('APPRENTICE', 'GRADUATED', 'INVESTIGATING')),"
            " relearning INTEGER NOT NULL DEFAULT 0,"
            " executions INTEGER NOT NULL DEFAULT 0,"
            " records INTEGER NOT NULL DEFAULT 0,"
            " failed_executions INTEGER NOT NULL DEFAULT 0,"
            " graduated_at_execution INTEGER NOT NULL DEFAULT 0,"
            " reason TEXT,"
            " apprentice_executions INTEGER NOT NULL DEFAULT 0,"
            " graduated_executions INTEGER NOT NULL DEFAULT 0,"
            " investigations INTEGER NOT NULL DEFAULT 0,"
            " apprentice_usd REAL NOT NULL DEFAULT 0,"
            " investigation_usd REAL NOT NULL DEFAULT 0,"
            " always_on_usd REAL NOT NULL DEFAULT 0,"
            " execution_latency BLOB NOT NULL,"
            " tracker BLOB,"
            " updated_at TEXT NOT NULL,"
            " PRIMARY KEY (workflow, version))"),
        QStringLiteral(
            "CREATE TABLE tool_profiles ("
            " workflow TEXT NOT NULL,"
            " version TEXT NOT NULL,"
            " tool TEXT NOT NULL,"
            " position INTEGER NOT NULL,"
            " calls INTEGER NOT NULL DEFAULT 0,"
            " errors INTEGER NOT NULL DEFAULT 0,"
            " PRIMARY KEY (workflow, version, tool),"
            " FOREIGN KEY (workflow, version) REFERENCES workflows (workflow, version) ON DELETE CASCADE)"),
        QStringLiteral(
            "CREATE TABLE metric_profiles ("
            " workflow TEXT NOT NULL,"
            " version TEXT NOT NULL,"
            " tool TEXT NOT NULL,"
            " metric TEXT NOT NULL,"
            " position INTEGER NOT NULL,"
            " n INTEGER NOT NULL DEFAULT 0,"
            " mean REAL, std REAL, min REAL, max REAL, p50 REAL, p95 REAL, p99 REAL,"
            " distribution BLOB NOT NULL,"
            " monitor BLOB,"
            " PRIMARY KEY (workflow, version, tool, metric),"
            " FOREIGN KEY (workflow, version, tool) REFERENCES tool_profiles (workflow, version, tool)"
            " ON DELETE CASCADE)"),
        QStringLiteral(
            "CREATE TABLE events ("
            " id INTEGER PRIMARY KEY,"
            " event_id INTEGER NOT NULL DEFAULT 0,"
            " relates_to INTEGER NOT NULL DEFAULT 0,"
            " kind TEXT NOT NULL"
            "  CHECK (kind IN ('graduated', 'anomaly', 'drift', 'diagnosis', 'trend', 'transition')),"
            " workflow TEXT NOT NULL,"
            " version TEXT, tool TEXT, metric TEXT,"
            " line INTEGER NOT NULL DEFAULT 0,"
            " file_index INTEGER NOT NULL DEFAULT -1,"
            " ts_ms INTEGER NOT NULL DEFAULT 0,"
            " executions INTEGER NOT NULL DEFAULT 0,"
            " value REAL, expected REAL, score REAL,"
            " direction INTEGER NOT NULL DEFAULT 0,"
            " tier TEXT, status TEXT, confidence REAL, action TEXT, cost_usd REAL, root_cause TEXT,"
            " evidence TEXT," // JSON array of strings
            " slope_per_day REAL, projected_30d REAL, severity TEXT,"
            " from_phase TEXT, to_phase TEXT, reason TEXT)"),
        QStringLiteral("CREATE INDEX events_by_workflow ON events (workflow, version)"),
        QStringLiteral("CREATE INDEX events_by_kind ON events (kind)"),
        QStringLiteral(
            "CREATE VIEW diagnoses AS SELECT id, event_id, relates_to, workflow, version, tool, metric, line,"
            " ts_ms, tier, status, confidence, action, cost_usd, root_cause, evidence"
            " FROM events WHERE kind = 'diagnosis'"),
        QStringLiteral(
            "CREATE TABLE ledger ("
            " hour_start_ms INTEGER NOT NULL,"
            " workflow TEXT NOT NULL,"
            " version TEXT NOT NULL,"
            " executions INTEGER NOT NULL DEFAULT 0,"
            " apprentice_usd REAL NOT NULL DEFAULT 0,"
            " investigation_usd REAL NOT NULL DEFAULT 0,"
            " always_on_usd REAL NOT NULL DEFAULT 0,"
            " UNIQUE (hour_start_ms, workflow, version))"),
        // No secondary index: the bulk insert rate matters more than ad-hoc queries on raw records.
        QStringLiteral(
            "CREATE TABLE records ("
            " id INTEGER PRIMARY KEY,"
            " ts_ms INTEGER NOT NULL,"
            " workflow TEXT NOT NULL,"
            " version TEXT NOT NULL,"
            " execution TEXT,"
            " tool TEXT NOT NULL,"
            " status TEXT NOT NULL CHECK (status IN ('ok', 'error')),"
            " latency_ms REAL, output_bytes INTEGER, memory_mb REAL, cpu_pct REAL,"
            " validation_pass REAL, cost_usd REAL,"
            " error TEXT,"
            " metrics TEXT," // JSON object name -> number, as in the input
            " line INTEGER NOT NULL DEFAULT 0)"),
    }, error);
}

// v2: the mutation ledger with its audit trail, and the avoidance rules (core/evolution/).
bool createV2(QSqlDatabase &db, QString *error)
{
    return execAll(db, {
        QStringLiteral(
            "CREATE TABLE mutations ("
            " id INTEGER PRIMARY KEY,"
            " workflow TEXT NOT NULL,"
            " base_version TEXT, candidate_version TEXT, tool TEXT,"
            " kind TEXT NOT NULL, custom_kind TEXT,"
            " description TEXT, expected_effect TEXT,"
            " source TEXT NOT NULL CHECK (source IN ('diagnosis', 'trend', 'operator')),"
            " source_ref TEXT,"
            " event_ids TEXT," // JSON array of engine event ids
            " evidence TEXT,"  // JSON array of strings
            " state TEXT NOT NULL CHECK (state IN ('proposed', 'shadow', 'promoted', 'rolled_back', 'rejected')),"
            " rule_id INTEGER NOT NULL DEFAULT 0,"
            " created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE mutation_transitions ("
            " mutation_id INTEGER NOT NULL REFERENCES mutations (id) ON DELETE CASCADE,"
            " seq INTEGER NOT NULL,"
            " from_state TEXT," // NULL for the proposal itself
            " to_state TEXT NOT NULL,"
            " at_ms INTEGER NOT NULL,"
            " who TEXT NOT NULL, why TEXT NOT NULL,"
            " evidence TEXT,"
            " PRIMARY KEY (mutation_id, seq))"),
        QStringLiteral(
            "CREATE TABLE avoidance_rules ("
            " id INTEGER PRIMARY KEY,"
            " kind TEXT NOT NULL, custom_kind TEXT,"
            " tool_pattern TEXT NOT NULL, workflow_pattern TEXT NOT NULL DEFAULT '*',"
            " broke TEXT NOT NULL, reason TEXT,"
            " source_workflow TEXT, source_version TEXT, source_mutation INTEGER NOT NULL DEFAULT 0,"
            " created_by TEXT, created_ms INTEGER NOT NULL DEFAULT 0)"),
    }, error);
}

// v3: which files were imported and how far, so a grown log continues where the last import ended.
bool createV3(QSqlDatabase &db, QString *error)
{
    return execAll(db, {
        QStringLiteral(
            "CREATE TABLE imported_files ("
            " path TEXT NOT NULL,"             // absolute, as it was read
            " head_sha1 BLOB NOT NULL,"        // of the first head_bytes bytes: the file's identity, whatever its name
            " head_bytes INTEGER NOT NULL,"
            " lines INTEGER NOT NULL,"         // physical lines handed over
            " bytes INTEGER NOT NULL,"         // the file's size when its import ended; -1 while it was cut short
            " updated_ms INTEGER NOT NULL,"
            " tail_sha1 BLOB,"                 // of the 4 KB before `bytes` once it was read to its end
            " PRIMARY KEY (path, head_sha1))"),
        QStringLiteral("CREATE INDEX imported_files_head ON imported_files (head_sha1)"),
    }, error);
}

bool hasTable(QSqlDatabase &db, const QString &name, bool *exists, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"));
    q.addBindValue(name);
    if (!q.exec() || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    *exists = q.value(0).toInt() > 0;
    return true;
}

} // namespace

const std::vector<Migration> &StoreSchema::migrations()
{
    static const std::vector<Migration> steps = {
        {1, &createV1},
        {2, &createV2},
        {3, &createV3},
    };
    return steps;
}

int StoreSchema::currentVersion()
{
    return migrations().back().version;
}

bool StoreSchema::inspect(QSqlDatabase &db, int *version, QString *error)
{
    *version = 0;
    QSqlQuery q(db);
    // The first read: a file that is not SQLite fails here, before anything could write to it.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    const int objects = q.value(0).toInt();
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    const int applicationId = q.value(0).toInt();
    q.finish();
    if (objects == 0 && applicationId == 0)
        return true;
    bool hasMeta = false;
    if (!hasTable(db, QStringLiteral("meta"), &hasMeta, error))
        return false;
    if (applicationId != ApplicationId || !hasMeta) {
        if (error)
            *error = QStringLiteral("it is an SQLite database of another program, not an Apprentice store");
        return false;
    }
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) || !q.next()) {
        if (error)
            *error = QStringLiteral("its schema version is missing");
        return false;
    }
    bool ok = false;
    *version = q.value(0).toInt(&ok);
    if (!ok || *version < 1) {
        if (error)
            *error = QStringLiteral("its schema version '%1' is not valid").arg(q.value(0).toString());
        return false;
    }
    return true;
}

bool StoreSchema::migrate(QSqlDatabase &db, const std::vector<Migration> &steps, QString *error)
{
    Q_ASSERT(!steps.empty());
    for (size_t i = 0; i < steps.size(); ++i)
        Q_ASSERT(steps[i].version == int(i) + 1);
    const int target = steps.back().version;
    QSqlQuery q(db);
    // IMMEDIATE takes the write lock before reading the version, so two processes opening a new file
    // at once cannot both run v1.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    const auto fail = [&](const QString &message) {
        q.exec(QStringLiteral("ROLLBACK"));
        if (error)
            *error = message;
        return false;
    };
    int version = 0;
    QString why;
    if (!inspect(db, &version, &why))
        return fail(why);
    if (version > target)
        return fail(QStringLiteral("it has schema version %1, newer than this build knows (%2): "
                                   "use a newer Apprentice").arg(version).arg(target));
    for (const Migration &step : steps) {
        if (step.version <= version)
            continue;
        if (!step.apply(db, &why))
            return fail(QStringLiteral("migration to schema version %1 failed: %2").arg(step.version).arg(why));
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)"));
        q.addBindValue(step.version);
        if (!q.exec() || !q.exec(QStringLiteral("PRAGMA user_version = %1").arg(step.version)))
            return fail(q.lastError().text());
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(q.lastError().text());
    return true;
}

} // namespace Apprentice
