#include "store.h"

#include "sqlitestatement.h"
#include "storeschema.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <cstdio>
#include <string>

namespace Apprentice {

namespace {

constexpr int BusyTimeoutMs = 10000;

// Column lists drive both the SQL text and the bind positions, so the two cannot drift apart.
constexpr const char *EventColumns[] = {
    "event_id", "relates_to", "kind", "workflow", "version", "tool", "metric", "line", "file_index",
    "ts_ms", "executions", "value", "expected", "score", "direction", "tier", "status", "confidence",
    "action", "cost_usd", "root_cause", "evidence", "slope_per_day", "projected_30d", "severity",
    "from_phase", "to_phase", "reason"};
constexpr const char *RecordColumns[] = {
    "ts_ms", "workflow", "version", "execution", "tool", "status", "latency_ms", "output_bytes",
    "memory_mb", "cpu_pct", "validation_pass", "cost_usd", "error", "metrics", "line"};
constexpr const char *WorkflowColumns[] = {
    "workflow", "version", "position", "phase", "relearning", "executions", "records",
    "failed_executions", "graduated_at_execution", "reason", "apprentice_executions",
    "graduated_executions", "investigations", "apprentice_usd", "investigation_usd", "always_on_usd",
    "execution_latency", "tracker", "updated_at"};
constexpr const char *ToolColumns[] = {"workflow", "version", "tool", "position", "calls", "errors"};
constexpr const char *MetricColumns[] = {
    "workflow", "version", "tool", "metric", "position", "n", "mean", "std", "min", "max", "p50",
    "p95", "p99", "distribution", "monitor"};
constexpr const char *LedgerColumns[] = {
    "hour_start_ms", "workflow", "version", "executions", "apprentice_usd", "investigation_usd",
    "always_on_usd"};

template<size_t N>
QString columnList(const char *const (&columns)[N])
{
    QStringList names;
    for (const char *c : columns)
        names << QString::fromLatin1(c);
    return names.join(QStringLiteral(", "));
}

template<size_t N>
QString insertSql(const char *table, const char *const (&columns)[N])
{
    QStringList marks;
    for (size_t i = 0; i < N; ++i)
        marks << QStringLiteral("?");
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
        .arg(QString::fromLatin1(table), columnList(columns), marks.join(QStringLiteral(", ")));
}

double realOrNaN(const QVariant &v)
{
    return v.isNull() ? std::nan("") : v.toDouble();
}

std::string toStdString(const QVariant &v)
{
    return v.isNull() ? std::string() : v.toString().toStdString();
}

bool eventKindFromName(const QString &name, EventKind &out)
{
    for (EventKind k : {EventKind::Graduated, EventKind::Anomaly, EventKind::Drift, EventKind::Diagnosis,
                        EventKind::Trend, EventKind::Transition}) {
        if (eventKindName(k) == name) {
            out = k;
            return true;
        }
    }
    return false;
}

// NOT NULL text columns take "" for a null QString, so an unnamed item is stored rather than refused.
QString nonNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

void appendJsonString(std::string &out, std::string_view s)
{
    out += '"';
    for (char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// Hand-written because this runs once per stored record; shortest round-trip digits keep values exact.
void customMetricsJson(const Record &r, std::string &out)
{
    out.clear();
    if (r.custom.empty())
        return;
    out += '{';
    char number[32];
    for (size_t i = 0; i < r.custom.size(); ++i) {
        if (i)
            out += ',';
        appendJsonString(out, r.custom[i].first);
        out += ':';
        const double v = r.custom[i].second;
        if (std::isfinite(v)) {
            const auto end = std::to_chars(number, number + sizeof number, v).ptr;
            out.append(number, size_t(end - number));
        } else {
            out += "null";
        }
    }
    out += '}';
}

QString key(const QString &workflow, const QString &version)
{
    return workflow + QChar(0x1f) + version;
}

QAtomicInteger<quint64> connectionCounter;

} // namespace

struct Store::Private {
    QString path;
    int lockFd = -1; ///< PATH.lock, flock()ed while this store claims writing
    QString connection;
    int schemaVersion = 0;
    bool nativeBinding = true;

    SqliteStatement begin, commit, rollback;
    SqliteStatement insertEvent, insertRecord, upsertLedger;
    SqliteStatement clearMetrics, clearTools, clearWorkflows;
    SqliteStatement insertWorkflow, insertTool, insertMetric, setNextEventId, setTrendState, upsertFile;
    std::string jsonScratch;

    QSqlDatabase db() const { return QSqlDatabase::database(connection, false); }

    void finalizeAll()
    {
        for (SqliteStatement *s : {&begin, &commit, &rollback, &insertEvent, &insertRecord, &upsertLedger,
                                   &clearMetrics, &clearTools, &clearWorkflows, &insertWorkflow,
                                   &insertTool, &insertMetric, &setNextEventId, &setTrendState, &upsertFile})
            s->finalize();
    }

    bool prepareAll(QString *error)
    {
        const QSqlDatabase database = db();
        const auto prep = [&](SqliteStatement &s, const QString &sql) {
            return s.prepare(database, sql, nativeBinding, error);
        };
        return prep(begin, QStringLiteral("BEGIN IMMEDIATE"))
            && prep(commit, QStringLiteral("COMMIT"))
            && prep(rollback, QStringLiteral("ROLLBACK"))
            && prep(insertEvent, insertSql("events", EventColumns))
            && prep(insertRecord, insertSql("records", RecordColumns))
            && prep(upsertLedger, insertSql("ledger", LedgerColumns)
                        + QStringLiteral(" ON CONFLICT (hour_start_ms, workflow, version) DO UPDATE SET"
                                         " executions = executions + excluded.executions,"
                                         " apprentice_usd = apprentice_usd + excluded.apprentice_usd,"
                                         " investigation_usd = investigation_usd + excluded.investigation_usd,"
                                         " always_on_usd = always_on_usd + excluded.always_on_usd"))
            && prep(clearMetrics, QStringLiteral("DELETE FROM metric_profiles"))
            && prep(clearTools, QStringLiteral("DELETE FROM tool_profiles"))
            && prep(clearWorkflows, QStringLiteral("DELETE FROM workflows"))
            && prep(insertWorkflow, insertSql("workflows", WorkflowColumns))
            && prep(insertTool, insertSql("tool_profiles", ToolColumns))
            && prep(insertMetric, insertSql("metric_profiles", MetricColumns))
            && prep(setNextEventId,
                    QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('next_event_id', ?)"))
            && prep(setTrendState, QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('trend_state', ?)"))
            && prep(upsertFile, QStringLiteral("INSERT OR REPLACE INTO imported_files"
                                               " (path, head_sha1, head_bytes, lines, bytes, updated_ms, tail_sha1)"
                                               " VALUES (?, ?, ?, ?, ?, ?, ?)"));
    }

    // Every QSqlDatabase copy and query lives inside this function, so a failed open can remove the
    // connection right after without leaving a handle in use.
    bool openConnection(QString *why)
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        if (!database.isValid()) {
            *why = QStringLiteral("the Qt SQLite driver (QSQLITE) is not available");
            return false;
        }
        database.setDatabaseName(path);
        database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
        if (!database.open()) {
            *why = database.lastError().text();
            return false;
        }
        int version = 0;
        if (!StoreSchema::inspect(database, &version, why))
            return false;
        if (version > StoreSchema::currentVersion()) {
            *why = QStringLiteral("it has schema version %1, newer than this build knows (%2): use a newer Apprentice")
                       .arg(version)
                       .arg(StoreSchema::currentVersion());
            return false;
        }
        QSqlQuery q(database);
        // WAL lets readers run beside the writer; NORMAL syncs at checkpoints only, which keeps every
        // commit across a process crash (only an OS crash may lose the latest commits).
        if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next()) {
            *why = q.lastError().text();
            return false;
        }
        const QString mode = q.value(0).toString();
        if (mode != u"wal" && mode != u"memory") {
            *why = QStringLiteral("cannot switch to write-ahead logging (journal mode %1)").arg(mode);
            return false;
        }
        if (!q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"))
            || !q.exec(QStringLiteral("PRAGMA foreign_keys = ON"))) {
            *why = q.lastError().text();
            return false;
        }
        q.finish();
        return StoreSchema::migrate(database, why) && StoreSchema::inspect(database, &schemaVersion, why);
    }

    bool writeEvent(const Event &e, QString *error)
    {
        SqliteStatement &s = insertEvent;
        s.bindInt(0, e.id);
        s.bindInt(1, e.relatesTo);
        s.bindText(2, eventKindName(e.kind));
        s.bindText(3, nonNull(e.workflow));
        s.bindText(4, e.version);
        s.bindText(5, e.tool);
        s.bindText(6, e.metric);
        s.bindInt(7, e.line);
        s.bindInt(8, e.fileIndex);
        s.bindInt(9, e.tsMs);
        s.bindInt(10, e.executions);
        s.bindDouble(11, e.value);
        s.bindDouble(12, e.expected);
        s.bindDouble(13, e.score);
        s.bindInt(14, e.direction);
        s.bindText(15, e.tier);
        s.bindText(16, e.status);
        s.bindDouble(17, e.confidence);
        s.bindText(18, e.action);
        s.bindDouble(19, e.costUsd);
        s.bindText(20, e.rootCause);
        if (e.evidence.isEmpty())
            s.bindNull(21);
        else
            s.bindText(21, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(e.evidence))
                                                  .toJson(QJsonDocument::Compact)));
        s.bindDouble(22, e.slopePerDay);
        s.bindDouble(23, e.projected30d);
        s.bindText(24, e.severity);
        s.bindText(25, phaseName(e.from));
        s.bindText(26, phaseName(e.to));
        s.bindText(27, e.reason);
        return s.exec(error);
    }

    bool writeRecord(const Record &r, QString *error)
    {
        SqliteStatement &s = insertRecord;
        s.bindInt(0, r.tsMs);
        s.bindText(1, r.workflow);
        s.bindText(2, r.version);
        s.bindText(3, r.execution, true);
        s.bindText(4, r.tool);
        s.bindText(5, r.ok ? std::string_view("ok") : std::string_view("error"));
        for (int m = 0; m < BuiltinMetricCount; ++m)
            s.bindDouble(6 + m, r.values[size_t(m)]);
        s.bindText(12, r.error, true);
        customMetricsJson(r, jsonScratch);
        s.bindText(13, jsonScratch, true);
        s.bindInt(14, r.line);
        return s.exec(error);
    }

    bool writeLedger(const LedgerEntry &l, QString *error)
    {
        SqliteStatement &s = upsertLedger;
        s.bindInt(0, l.hourStartMs);
        s.bindText(1, nonNull(l.workflow));
        s.bindText(2, nonNull(l.version));
        s.bindInt(3, l.executions);
        s.bindDouble(4, l.apprenticeUsd);
        s.bindDouble(5, l.investigationUsd);
        s.bindDouble(6, l.alwaysOnUsd);
        return s.exec(error);
    }

    bool writeSnapshot(const EngineSnapshot &snap, QString *error)
    {
        if (!clearMetrics.exec(error) || !clearTools.exec(error) || !clearWorkflows.exec(error))
            return false;
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        qint64 toolPosition = 0;
        qint64 metricPosition = 0;
        for (size_t wi = 0; wi < snap.workflows.size(); ++wi) {
            const WorkflowSnapshot &w = snap.workflows[wi];
            const QString workflow = nonNull(w.workflow);
            const QString version = nonNull(w.version);
            SqliteStatement &s = insertWorkflow;
            s.bindText(0, workflow);
            s.bindText(1, version);
            s.bindInt(2, qint64(wi));
            s.bindText(3, phaseName(w.phase));
            s.bindInt(4, w.relearning ? 1 : 0);
            s.bindInt(5, w.executions);
            s.bindInt(6, w.records);
            s.bindInt(7, w.failedExecutions);
            s.bindInt(8, w.graduatedAtExecution);
            s.bindText(9, w.reason);
            s.bindInt(10, w.ledger.apprenticeExecutions);
            s.bindInt(11, w.ledger.graduatedExecutions);
            s.bindInt(12, w.ledger.investigations);
            s.bindDouble(13, w.ledger.apprenticeUsd);
            s.bindDouble(14, w.ledger.investigationUsd);
            s.bindDouble(15, w.ledger.alwaysOnUsd);
            s.bindBlob(16, w.executionLatency.serialize());
            s.bindBlob(17, w.trackerState);
            s.bindText(18, now);
            if (!s.exec(error))
                return false;
            for (const ToolSnapshot &t : w.tools) {
                const QString tool = nonNull(t.tool);
                insertTool.bindText(0, workflow);
                insertTool.bindText(1, version);
                insertTool.bindText(2, tool);
                insertTool.bindInt(3, toolPosition++);
                insertTool.bindInt(4, t.calls);
                insertTool.bindInt(5, t.errors);
                if (!insertTool.exec(error))
                    return false;
                for (const MetricSnapshot &m : t.metrics) {
                    SqliteStatement &ms = insertMetric;
                    const Distribution &d = m.profile;
                    ms.bindText(0, workflow);
                    ms.bindText(1, version);
                    ms.bindText(2, tool);
                    ms.bindText(3, nonNull(m.metric));
                    ms.bindInt(4, metricPosition++);
                    ms.bindInt(5, qint64(d.count()));
                    const bool any = d.count() > 0;
                    ms.bindDouble(6, d.mean());
                    ms.bindDouble(7, any ? d.stddev() : std::nan(""));
                    ms.bindDouble(8, d.min());
                    ms.bindDouble(9, d.max());
                    ms.bindDouble(10, any ? d.p50() : std::nan(""));
                    ms.bindDouble(11, any ? d.p95() : std::nan(""));
                    ms.bindDouble(12, any ? d.p99() : std::nan(""));
                    ms.bindBlob(13, d.serialize());
                    ms.bindBlob(14, m.monitorState);
                    if (!ms.exec(error))
                        return false;
                }
            }
        }
        setNextEventId.bindInt(0, snap.nextEventId);
        return setNextEventId.exec(error);
    }
};

Store::Store()
    : d(std::make_unique<Private>())
{
}

Store::~Store()
{
    close();
}

QString Store::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/apprentice.sqlite");
}

bool Store::open(const QString &path, QString *error)
{
    close();
    const auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("cannot open store %1: %2").arg(QDir::toNativeSeparators(path), why);
        close();
        return false;
    };
    if (path.isEmpty())
        return fail(QStringLiteral("no file name given"));
    const QFileInfo info(path);
    if (info.exists()) {
        if (info.isDir())
            return fail(QStringLiteral("it is a directory"));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(file.errorString());
        // Checked here rather than left to SQLite so the message is plain and nothing is attempted
        // on a file that is something else (an export given by mistake, say).
        const QByteArray header = file.read(16);
        if (info.size() > 0 && header != QByteArrayLiteral("SQLite format 3\0"))
            return fail(QStringLiteral("it is not an SQLite database"));
    } else if (!info.absoluteDir().exists()) {
        return fail(QStringLiteral("the directory %1 does not exist")
                        .arg(QDir::toNativeSeparators(info.absolutePath())));
    }

    d->path = path;
    d->connection = QStringLiteral("apprentice-store-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    QString why;
    if (!d->openConnection(&why) || !d->prepareAll(&why))
        return fail(why);
    return true;
}

bool Store::claimWriting(QString *error)
{
    if (d->lockFd >= 0)
        return true;
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("the store is not open");
        return false;
    }
    const QString lockPath = d->path + QStringLiteral(".lock");
    const QByteArray native = QFile::encodeName(lockPath);
    const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (error)
            *error = QStringLiteral("cannot claim store %1: %2").arg(QDir::toNativeSeparators(lockPath), qt_error_string(errno));
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        QByteArray holder(256, '\0');
        const ssize_t n = ::pread(fd, holder.data(), size_t(holder.size()), 0);
        holder.resize(n > 0 ? n : 0);
        ::close(fd);
        const QString who = QString::fromUtf8(holder).trimmed();
        if (error)
            *error = QStringLiteral("store %1 is being written by %2; one writer at a time keeps its profiles whole")
                         .arg(QDir::toNativeSeparators(d->path), who.isEmpty() ? QStringLiteral("another process") : who);
        return false;
    }
    // Who holds it, for the next one's message.
    const QStringList args = QCoreApplication::arguments();
    QString program = args.isEmpty() ? QStringLiteral("a program") : QFileInfo(args.first()).fileName();
    if (args.size() > 1 && std::all_of(args[1].begin(), args[1].end(), [](QChar c) { return c.isLower() || c == u'-'; })
        && !args[1].startsWith(u'-'))
        program += u' ' + args[1]; // the command (apprentice-cli analyze), not a file name
    const QByteArray who = QStringLiteral("%1 (pid %2)").arg(program).arg(QCoreApplication::applicationPid()).toUtf8();
    [[maybe_unused]] const bool noted = ::ftruncate(fd, 0) == 0 && ::pwrite(fd, who.constData(), size_t(who.size()), 0) >= 0;
    // (The claim holds without its note.)
    d->lockFd = fd;
    return true;
}

void Store::close()
{
    if (d->lockFd >= 0) {
        ::close(d->lockFd); // drops the claim
        d->lockFd = -1;
    }
    d->finalizeAll();
    if (d->connection.isEmpty())
        return;
    {
        QSqlDatabase db = d->db();
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(d->connection);
    d->connection.clear();
    d->path.clear();
    d->schemaVersion = 0;
}

bool Store::isOpen() const
{
    return !d->connection.isEmpty() && d->db().isOpen();
}

QString Store::path() const
{
    return d->path;
}

int Store::currentSchemaVersion()
{
    return StoreSchema::currentVersion();
}

int Store::schemaVersion() const
{
    return d->schemaVersion;
}

void Store::setNativeBinding(bool enabled)
{
    d->nativeBinding = enabled;
}

bool Store::usesNativeBinding() const
{
    return isOpen() && d->insertRecord.isNative();
}

bool Store::write(const StoreBatch &batch, QString *error)
{
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("the store is not open");
        return false;
    }
    QString why;
    const auto fail = [&](const QString &what) {
        QString ignored;
        d->rollback.exec(&ignored);
        if (error)
            *error = QStringLiteral("cannot write to store %1: %2: %3 (nothing of this batch was stored)")
                         .arg(QDir::toNativeSeparators(d->path), what, why);
        return false;
    };
    if (!d->begin.exec(&why)) {
        if (error)
            *error = QStringLiteral("cannot write to store %1: %2").arg(QDir::toNativeSeparators(d->path), why);
        return false;
    }
    for (const Event &e : batch.events) {
        if (!d->writeEvent(e, &why))
            return fail(QStringLiteral("event"));
    }
    for (const Record &r : batch.records) {
        if (!d->writeRecord(r, &why))
            return fail(QStringLiteral("record"));
    }
    for (const LedgerEntry &l : batch.ledger) {
        if (!d->writeLedger(l, &why))
            return fail(QStringLiteral("ledger"));
    }
    if (batch.snapshot && !d->writeSnapshot(*batch.snapshot, &why))
        return fail(QStringLiteral("profiles"));
    if (batch.trendState) {
        d->setTrendState.bindBlob(0, *batch.trendState);
        if (!d->setTrendState.exec(&why))
            return fail(QStringLiteral("trend aggregates"));
    }
    for (const ImportedFile &f : batch.files) {
        SqliteStatement &s = d->upsertFile;
        s.bindText(0, f.path);
        s.bindBlob(1, f.headSha1);
        s.bindInt(2, f.headBytes);
        s.bindInt(3, f.lines);
        s.bindInt(4, f.bytes);
        s.bindInt(5, f.updatedMs);
        if (f.tailSha1.isEmpty())
            s.bindNull(6);
        else
            s.bindBlob(6, f.tailSha1);
        if (!s.exec(&why))
            return fail(QStringLiteral("imported files"));
    }
    if (!d->commit.exec(&why))
        return fail(QStringLiteral("commit"));
    return true;
}

namespace {

/// Runs `q` (SELECT path, head_sha1, head_bytes, lines, bytes, updated_ms ...) and keeps its rows.
bool importedFiles(QSqlQuery &q, const QString &storePath, std::vector<ImportedFile> &out, QString *error)
{
    out.clear();
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("cannot read the imported files of %1: %2")
                         .arg(QDir::toNativeSeparators(storePath), q.lastError().text());
        return false;
    }
    while (q.next()) {
        ImportedFile f;
        f.path = q.value(0).toString();
        f.headSha1 = q.value(1).toByteArray();
        f.headBytes = q.value(2).toLongLong();
        f.lines = q.value(3).toLongLong();
        f.bytes = q.value(4).toLongLong();
        f.updatedMs = q.value(5).toLongLong();
        f.tailSha1 = q.value(6).toByteArray();
        out.push_back(f);
    }
    return true;
}

} // namespace

bool Store::loadImportedFiles(const QString &path, std::vector<ImportedFile> &out, QString *error) const
{
    out.clear();
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("the store is not open");
        return false;
    }
    QSqlQuery q(d->db());
    q.prepare(QStringLiteral("SELECT path, head_sha1, head_bytes, lines, bytes, updated_ms, tail_sha1 FROM imported_files")
              + (path.isEmpty() ? QString() : QStringLiteral(" WHERE path = ?")) + QStringLiteral(" ORDER BY updated_ms DESC"));
    if (!path.isEmpty())
        q.addBindValue(path);
    return importedFiles(q, d->path, out, error);
}

bool Store::findImportedHead(const QByteArray &headSha1, qint64 headBytes, std::optional<ImportedFile> &out,
                             QString *error) const
{
    out.reset();
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("the store is not open");
        return false;
    }
    QSqlQuery q(d->db());
    q.prepare(QStringLiteral("SELECT path, head_sha1, head_bytes, lines, bytes, updated_ms, tail_sha1 FROM imported_files"
                             " WHERE head_sha1 = ? AND head_bytes = ? AND bytes >= 0 ORDER BY updated_ms DESC LIMIT 1"));
    q.addBindValue(headSha1);
    q.addBindValue(headBytes);
    std::vector<ImportedFile> rows;
    if (!importedFiles(q, d->path, rows, error))
        return false;
    if (!rows.empty())
        out = rows.front();
    return true;
}

bool Store::loadTrendState(QByteArray &out, QString *error) const
{
    out.clear();
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("the store is not open");
        return false;
    }
    QSqlQuery q(d->db());
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'trend_state'"))) {
        if (error)
            *error = QStringLiteral("cannot read trend aggregates from %1: %2")
                         .arg(QDir::toNativeSeparators(d->path), q.lastError().text());
        return false;
    }
    if (q.next())
        out = q.value(0).toByteArray();
    return true;
}

bool Store::loadSnapshot(EngineSnapshot &out, QString *error) const
{
    out = EngineSnapshot();
    if (!isOpen()) {
        if (error)
            *error = QStringLiteral("the store is not open");
        return false;
    }
    QSqlDatabase db = d->db();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const auto fail = [&](const QString &why) {
        q.exec(QStringLiteral("ROLLBACK"));
        if (error)
            *error = QStringLiteral("cannot read profiles from %1: %2").arg(QDir::toNativeSeparators(d->path), why);
        out = EngineSnapshot();
        return false;
    };
    // One read transaction: the three tables come from the same commit even while a writer replaces them.
    if (!q.exec(QStringLiteral("BEGIN")))
        return fail(q.lastError().text());

    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'next_event_id'")))
        return fail(q.lastError().text());
    if (q.next())
        out.nextEventId = q.value(0).toLongLong();

    QHash<QString, size_t> workflowIndex;
    if (!q.exec(QStringLiteral("SELECT %1 FROM workflows ORDER BY position").arg(columnList(WorkflowColumns))))
        return fail(q.lastError().text());
    while (q.next()) {
        WorkflowSnapshot w;
        w.workflow = q.value(0).toString();
        w.version = q.value(1).toString();
        if (!phaseFromName(q.value(3).toString(), w.phase))
            return fail(QStringLiteral("unknown phase '%1' of %2 %3").arg(q.value(3).toString(), w.workflow, w.version));
        w.relearning = q.value(4).toLongLong() != 0;
        w.executions = q.value(5).toLongLong();
        w.records = q.value(6).toLongLong();
        w.failedExecutions = q.value(7).toLongLong();
        w.graduatedAtExecution = q.value(8).toLongLong();
        w.reason = q.value(9).toString();
        w.ledger.apprenticeExecutions = q.value(10).toLongLong();
        w.ledger.graduatedExecutions = q.value(11).toLongLong();
        w.ledger.investigations = q.value(12).toLongLong();
        w.ledger.apprenticeUsd = q.value(13).toDouble();
        w.ledger.investigationUsd = q.value(14).toDouble();
        w.ledger.alwaysOnUsd = q.value(15).toDouble();
        if (!Distribution::deserialize(q.value(16).toByteArray(), w.executionLatency))
            return fail(QStringLiteral("the execution latency profile of %1 %2 is damaged").arg(w.workflow, w.version));
        w.trackerState = q.value(17).toByteArray();
        workflowIndex.insert(key(w.workflow, w.version), out.workflows.size());
        out.workflows.push_back(std::move(w));
    }

    QHash<QString, std::pair<size_t, size_t>> toolIndex;
    if (!q.exec(QStringLiteral("SELECT workflow, version, tool, calls, errors FROM tool_profiles ORDER BY position")))
        return fail(q.lastError().text());
    while (q.next()) {
        const QString wk = key(q.value(0).toString(), q.value(1).toString());
        const auto it = workflowIndex.constFind(wk);
        if (it == workflowIndex.cend())
            return fail(QStringLiteral("tool profile without workflow"));
        ToolSnapshot t;
        t.tool = q.value(2).toString();
        t.calls = q.value(3).toLongLong();
        t.errors = q.value(4).toLongLong();
        auto &tools = out.workflows[*it].tools;
        toolIndex.insert(wk + QChar(0x1f) + t.tool, {*it, tools.size()});
        tools.push_back(std::move(t));
    }

    if (!q.exec(QStringLiteral("SELECT workflow, version, tool, metric, distribution, monitor"
                               " FROM metric_profiles ORDER BY position")))
        return fail(q.lastError().text());
    while (q.next()) {
        const QString tk = key(q.value(0).toString(), q.value(1).toString()) + QChar(0x1f) + q.value(2).toString();
        const auto it = toolIndex.constFind(tk);
        if (it == toolIndex.cend())
            return fail(QStringLiteral("metric profile without tool"));
        MetricSnapshot m;
        m.metric = q.value(3).toString();
        if (!Distribution::deserialize(q.value(4).toByteArray(), m.profile))
            return fail(QStringLiteral("the profile of %1 is damaged").arg(QString(tk).replace(QChar(0x1f), u' ')
                                                                            + u' ' + m.metric));
        m.monitorState = q.value(5).toByteArray();
        out.workflows[it->first].tools[it->second].metrics.push_back(std::move(m));
    }
    q.exec(QStringLiteral("COMMIT"));
    return true;
}

std::vector<Event> Store::loadEvents(const QString &workflow, int limit) const
{
    std::vector<Event> events;
    if (!isOpen())
        return events;
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    // Newest first so LIMIT keeps the latest; reversed below to insertion order.
    q.prepare(QStringLiteral("SELECT %1 FROM events %2 ORDER BY id DESC LIMIT ?")
                  .arg(columnList(EventColumns),
                       workflow.isEmpty() ? QString() : QStringLiteral("WHERE workflow = ?")));
    if (!workflow.isEmpty())
        q.addBindValue(workflow);
    q.addBindValue(limit < 0 ? -1 : limit);
    if (!q.exec())
        return events;
    while (q.next()) {
        Event e;
        e.id = q.value(0).toLongLong();
        e.relatesTo = q.value(1).toLongLong();
        eventKindFromName(q.value(2).toString(), e.kind);
        e.workflow = q.value(3).toString();
        e.version = q.value(4).toString();
        e.tool = q.value(5).toString();
        e.metric = q.value(6).toString();
        e.line = q.value(7).toLongLong();
        e.fileIndex = q.value(8).toInt();
        e.tsMs = q.value(9).toLongLong();
        e.executions = q.value(10).toLongLong();
        e.value = realOrNaN(q.value(11));
        e.expected = realOrNaN(q.value(12));
        e.score = realOrNaN(q.value(13));
        e.direction = q.value(14).toInt();
        e.tier = q.value(15).toString();
        e.status = q.value(16).toString();
        e.confidence = realOrNaN(q.value(17));
        e.action = q.value(18).toString();
        e.costUsd = realOrNaN(q.value(19));
        e.rootCause = q.value(20).toString();
        if (!q.value(21).isNull()) {
            const QJsonArray evidence = QJsonDocument::fromJson(q.value(21).toString().toUtf8()).array();
            for (const QJsonValue &v : evidence)
                e.evidence << v.toString();
        }
        e.slopePerDay = realOrNaN(q.value(22));
        e.projected30d = realOrNaN(q.value(23));
        e.severity = q.value(24).toString();
        phaseFromName(q.value(25).toString(), e.from);
        phaseFromName(q.value(26).toString(), e.to);
        e.reason = q.value(27).toString();
        events.push_back(std::move(e));
    }
    std::reverse(events.begin(), events.end());
    return events;
}

std::vector<LedgerEntry> Store::loadLedger(const QString &workflow) const
{
    std::vector<LedgerEntry> entries;
    if (!isOpen())
        return entries;
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM ledger %2 ORDER BY hour_start_ms, workflow, version")
                  .arg(columnList(LedgerColumns),
                       workflow.isEmpty() ? QString() : QStringLiteral("WHERE workflow = ?")));
    if (!workflow.isEmpty())
        q.addBindValue(workflow);
    if (!q.exec())
        return entries;
    while (q.next()) {
        LedgerEntry l;
        l.hourStartMs = q.value(0).toLongLong();
        l.workflow = q.value(1).toString();
        l.version = q.value(2).toString();
        l.executions = q.value(3).toLongLong();
        l.apprenticeUsd = q.value(4).toDouble();
        l.investigationUsd = q.value(5).toDouble();
        l.alwaysOnUsd = q.value(6).toDouble();
        entries.push_back(std::move(l));
    }
    return entries;
}

qint64 Store::recordCount() const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(d->db());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM records")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

std::vector<Record> Store::loadRecords(const QString &workflow, qint64 offset, qint64 limit) const
{
    std::vector<Record> records;
    if (!isOpen())
        return records;
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM records %2 ORDER BY id LIMIT ? OFFSET ?")
                  .arg(columnList(RecordColumns),
                       workflow.isEmpty() ? QString() : QStringLiteral("WHERE workflow = ?")));
    if (!workflow.isEmpty())
        q.addBindValue(workflow);
    q.addBindValue(limit < 0 ? qint64(-1) : limit);
    q.addBindValue(std::max<qint64>(offset, 0));
    if (!q.exec())
        return records;
    while (q.next()) {
        Record r;
        r.tsMs = q.value(0).toLongLong();
        r.workflow = toStdString(q.value(1));
        r.version = toStdString(q.value(2));
        r.execution = toStdString(q.value(3));
        r.tool = toStdString(q.value(4));
        r.ok = q.value(5).toString() == u"ok";
        for (int m = 0; m < BuiltinMetricCount; ++m)
            r.values[size_t(m)] = realOrNaN(q.value(6 + m));
        r.error = toStdString(q.value(12));
        if (!q.value(13).isNull()) {
            const QJsonObject metrics = QJsonDocument::fromJson(q.value(13).toString().toUtf8()).object();
            for (auto it = metrics.begin(); it != metrics.end(); ++it)
                r.custom.emplace_back(it.key().toStdString(), it.value().isDouble() ? it.value().toDouble() : std::nan(""));
        }
        r.line = q.value(14).toLongLong();
        records.push_back(std::move(r));
    }
    return records;
}

} // namespace Apprentice
