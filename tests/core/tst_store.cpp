#include "engine.h"
#include "ingest/importer.h"
#include "ingest/importoptions.h"
#include "recordsink.h"
#include "simulator/demosimulator.h"
#include "simulator/exportwriter.h"
#include "storage/importplan.h"
#include "storage/store.h"
#include "storage/sqliteapi.h"
#include "storage/storeschema.h"
#include "storage/storewriter.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

using namespace Apprentice;

namespace {

constexpr int CrashBatchRecords = 4000;
constexpr int CrashHookBatch = 5;
constexpr int NoHookExit = 77;

QString num(double v)
{
    return std::isnan(v) ? QStringLiteral("nan") : QString::number(v, 'g', 17);
}

QString dist(const Distribution &d)
{
    return QString::fromLatin1(d.serialize().toHex());
}

// Tables compared as string dumps: a failing QCOMPARE then names the first differing field.
QStringList dump(const EngineSnapshot &s)
{
    QStringList out{QStringLiteral("nextEventId=%1").arg(s.nextEventId)};
    for (const WorkflowSnapshot &w : s.workflows) {
        out << QStringList{w.workflow, w.version, phaseName(w.phase), QString::number(w.relearning),
                           QString::number(w.executions), QString::number(w.records),
                           QString::number(w.failedExecutions), QString::number(w.graduatedAtExecution),
                           w.reason, QString::number(w.ledger.apprenticeExecutions),
                           QString::number(w.ledger.graduatedExecutions), QString::number(w.ledger.investigations),
                           num(w.ledger.apprenticeUsd), num(w.ledger.investigationUsd), num(w.ledger.alwaysOnUsd),
                           dist(w.executionLatency), QString::fromLatin1(w.trackerState.toHex())}
                   .join(u'|');
        for (const ToolSnapshot &t : w.tools) {
            out << QStringLiteral("  %1|%2|%3").arg(t.tool).arg(t.calls).arg(t.errors);
            for (const MetricSnapshot &m : t.metrics)
                out << QStringLiteral("    %1|%2|%3").arg(m.metric, dist(m.profile), QString::fromLatin1(m.monitorState.toHex()));
        }
    }
    return out;
}

QStringList dump(const std::vector<Event> &events)
{
    QStringList out;
    for (const Event &e : events) {
        out << QStringList{eventKindName(e.kind), e.workflow, e.version, e.tool, e.metric,
                           QString::number(e.line), QString::number(e.fileIndex), QString::number(e.tsMs),
                           QString::number(e.executions), num(e.value), num(e.expected), num(e.score),
                           QString::number(e.direction), e.tier, e.status, num(e.confidence), e.action,
                           num(e.costUsd), e.rootCause, e.evidence.join(u'\n'), num(e.slopePerDay),
                           num(e.projected30d), e.severity, phaseName(e.from), phaseName(e.to), e.reason,
                           QString::number(e.id), QString::number(e.relatesTo)}
                   .join(u'|');
    }
    return out;
}

QStringList dump(const std::vector<Record> &records)
{
    QStringList out;
    for (const Record &r : records) {
        QStringList fields{QString::fromStdString(r.workflow), QString::fromStdString(r.version),
                           QString::fromStdString(r.execution), QString::fromStdString(r.tool),
                           QString::fromStdString(r.error), QString::number(r.tsMs), QString::number(r.ok),
                           QString::number(r.line)};
        for (double v : r.values)
            fields << num(v);
        auto custom = r.custom;
        std::sort(custom.begin(), custom.end());
        for (const auto &[name, value] : custom)
            fields << QString::fromStdString(name) + u'=' + num(value);
        out << fields.join(u'|');
    }
    return out;
}

QStringList dump(const std::vector<LedgerEntry> &ledger)
{
    QStringList out;
    for (const LedgerEntry &l : ledger)
        out << QStringLiteral("%1|%2|%3|%4|%5|%6|%7")
                   .arg(l.hourStartMs)
                   .arg(l.workflow, l.version)
                   .arg(l.executions)
                   .arg(num(l.apprenticeUsd), num(l.investigationUsd), num(l.alwaysOnUsd));
    return out;
}

Distribution distribution(double base, int n)
{
    Distribution d;
    for (int i = 0; i < n; ++i)
        d.add(base + (i % 37) * 0.731);
    return d;
}

EngineSnapshot makeSnapshot(int variant = 0)
{
    EngineSnapshot s;
    s.nextEventId = 4711 + variant;
    const std::array phases{Phase::Graduated, Phase::Apprentice, Phase::Investigating};
    for (int w = 0; w < 3; ++w) {
        WorkflowSnapshot ws;
        ws.workflow = w == 2 ? QStringLiteral("génération_rapport") : QStringLiteral("workflow_%1").arg(w);
        ws.version = QStringLiteral("1.%1.0").arg(w + variant);
        ws.phase = phases[size_t(w)];
        ws.relearning = w == 1;
        ws.executions = 1000 + w + variant;
        ws.records = 4000 + w;
        ws.failedExecutions = w * 3;
        ws.graduatedAtExecution = w == 0 ? 52 : 0;
        ws.reason = w == 0 ? QStringLiteral("50/50 executions, pass rate 0.98") : QStringLiteral("%1/50 executions").arg(37 + w);
        ws.ledger = {1000 + w, 52 + w, w, 12.3456789 + w, 0.0123, 98.76543210987};
        ws.executionLatency = distribution(800 + w, 500 + w);
        ws.trackerState = QByteArray("\x00\x01tracker\xff", 11) + QByteArray::number(w);
        for (int t = 0; t < 2 + w; ++t) {
            ToolSnapshot ts;
            ts.tool = QStringLiteral("tool_%1_%2").arg(w).arg(t);
            ts.calls = 1000 + t;
            ts.errors = t;
            for (std::string_view name : {"latency_ms", "output_bytes", "validation_pass"}) {
                MetricSnapshot m;
                m.metric = QString::fromLatin1(name.data(), qsizetype(name.size()));
                m.profile = distribution(100 * (t + 1), 300 + t);
                m.monitorState = QByteArray(64 + t, char('a' + t)) + QByteArray("\x00z", 2);
                ts.metrics.push_back(std::move(m));
            }
            MetricSnapshot custom;
            custom.metric = QStringLiteral("tokens_out");
            custom.profile = distribution(40, 10);
            ts.metrics.push_back(std::move(custom)); // empty monitor state on purpose
            ts.metrics.push_back({QStringLiteral("empty_metric"), Distribution(), QByteArray()});
            ws.tools.push_back(std::move(ts));
        }
        s.workflows.push_back(std::move(ws));
    }
    return s;
}

std::vector<Event> makeEvents()
{
    std::vector<Event> events;
    Event drift;
    drift.kind = EventKind::Drift;
    drift.workflow = QStringLiteral("workflow_0");
    drift.version = QStringLiteral("1.0.0");
    drift.tool = QStringLiteral("fetch_data");
    drift.metric = QStringLiteral("latency_ms");
    drift.line = 12345;
    drift.fileIndex = 1;
    drift.tsMs = 1790812800123;
    drift.executions = 812;
    drift.value = 456.78;
    drift.expected = 231.4;
    drift.score = 7.25;
    drift.direction = 1;
    drift.id = 41;
    events.push_back(drift);

    Event diagnosis = drift;
    diagnosis.kind = EventKind::Diagnosis;
    diagnosis.metric.clear();
    diagnosis.value = std::nan("");
    diagnosis.score = std::nan("");
    diagnosis.tier = QStringLiteral("rules");
    diagnosis.status = QStringLiteral("SUSPICIOUS");
    diagnosis.confidence = 0.82;
    diagnosis.action = QStringLiteral("UPDATE_PROFILE");
    diagnosis.costUsd = 0.0015;
    diagnosis.rootCause = QStringLiteral("Upstream \"slow\" path; ≈ +97% latency");
    diagnosis.evidence = {QStringLiteral("p95 doubled"), QStringLiteral("validation 0.99 → 0.99"),
                          QStringLiteral("quote \" and backslash \\ and\nnewline")};
    diagnosis.id = 42;
    diagnosis.relatesTo = 41;
    events.push_back(diagnosis);

    Event trend;
    trend.kind = EventKind::Trend;
    trend.workflow = QStringLiteral("workflow_1");
    trend.version = QStringLiteral("2.0.0");
    trend.tool = QStringLiteral("store");
    trend.metric = QStringLiteral("memory_mb");
    trend.slopePerDay = 1.25;
    trend.projected30d = 81.5;
    trend.severity = QStringLiteral("warning");
    trend.id = 43;
    events.push_back(trend);

    Event transition;
    transition.kind = EventKind::Transition;
    transition.workflow = QStringLiteral("workflow_0");
    transition.version = QStringLiteral("1.0.0");
    transition.from = Phase::Graduated;
    transition.to = Phase::Investigating;
    transition.reason = QStringLiteral("drift on fetch_data latency_ms");
    transition.id = 44;
    events.push_back(transition);

    Event graduated;
    graduated.kind = EventKind::Graduated;
    graduated.workflow = QStringLiteral("workflow_1");
    graduated.version = QStringLiteral("2.0.0");
    graduated.line = 999;
    graduated.executions = 50;
    graduated.id = 45;
    events.push_back(graduated);

    Event anomaly = drift;
    anomaly.kind = EventKind::Anomaly;
    anomaly.value = -std::numeric_limits<double>::infinity();
    anomaly.direction = -1;
    anomaly.id = 46;
    events.push_back(anomaly);
    return events;
}

std::vector<Record> makeRecords(int n, qint64 firstLine = 1)
{
    std::vector<Record> out;
    for (int i = 0; i < n; ++i) {
        Record r;
        r.workflow = i % 3 ? "process_customer_order" : "génération_rapport";
        r.version = i % 5 ? "1.0.0" : "2.1.0";
        r.execution = i % 7 ? "pco-" + std::to_string(i / 4) : std::string();
        r.tool = "tool_" + std::to_string(i % 4);
        r.tsMs = 1790812800000 + i * 137;
        r.setValue(Metric::Latency, 200 + i * 0.1);
        if (i % 2)
            r.setValue(Metric::OutputBytes, 1180 + i);
        if (i % 3)
            r.setValue(Metric::Memory, 44.2 + i / 7.0);
        if (i % 4 == 0)
            r.setValue(Metric::Validation, 0.1 * (i % 11));
        if (i % 6 == 0)
            r.setValue(Metric::Cost, 0.000123 * i);
        r.setValue(Metric::Cpu, i % 9 ? Absent : 12.5);
        r.ok = i % 10 != 9;
        if (!r.ok)
            r.error = "timeout \"after\" 30 s\n\\retry";
        if (i % 4 == 1)
            r.custom = {{"tokens", double(i)}, {"a\"quoted\\name", 1.0 / 3.0}, {"z_last", -2.5e-12}};
        r.line = firstLine + i;
        out.push_back(std::move(r));
    }
    return out;
}

/// A second, plain connection to the same file, as the sqlite3 shell would have.
class RawDb
{
public:
    explicit RawDb(const QString &path)
        : m_name(QStringLiteral("raw-%1").arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawDb()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QVariant value(const QString &sql) const
    {
        QSqlQuery q(db());
        if (!q.exec(sql) || !q.next())
            return QVariant(QStringLiteral("error: ") + q.lastError().text());
        return q.value(0);
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery q(db());
        return q.exec(sql);
    }

private:
    QString m_name;
    static inline int s_counter = 0;
};

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

StoreBatch crashBatch()
{
    StoreBatch batch;
    batch.records = makeRecords(CrashBatchRecords);
    Event e;
    e.kind = EventKind::Anomaly;
    e.workflow = QStringLiteral("crash");
    batch.events.push_back(e);
    batch.ledger.push_back({0, QStringLiteral("crash"), QStringLiteral("1.0.0"), 1, 0.5, 0, 1});
    EngineSnapshot snap;
    WorkflowSnapshot w;
    w.workflow = QStringLiteral("crash");
    w.version = QStringLiteral("1.0.0");
    snap.workflows.push_back(w);
    batch.snapshot = snap;
    return batch;
}

// Cheap enough that the writer is inside write() almost all the time, where the kill should land.
void renumber(StoreBatch &batch, int i)
{
    for (Record &r : batch.records)
        r.line = i;
    batch.events.front().line = i;
    batch.snapshot->workflows.front().executions = i;
    batch.snapshot->workflows.front().records = qint64(i) * CrashBatchRecords;
}

int g_killAtRow = 0;
int g_rows = 0;

void killAtRow(void *, int, const char *, const char *, qint64)
{
    if (++g_rows == g_killAtRow)
        std::raise(SIGKILL);
}

int g_killAtCommit = 1;
int g_commits = 0;

int killBeforeCommit(void *)
{
    if (++g_commits == g_killAtCommit)
        std::raise(SIGKILL);
    return 0;
}

// Makes the writer die at an exact point inside the next transaction, through SQLite's own hooks
// on the store's connection: `rows:N` after the N-th row change, `commit` just before the commit.
bool armCrash(const QString &mode)
{
    const QStringList names = QSqlDatabase::connectionNames();
    const auto it = std::find_if(names.begin(), names.end(),
                                 [](const QString &n) { return n.startsWith(u"apprentice-store-"); });
    if (it == names.end())
        return false;
    const QSqlDatabase db = QSqlDatabase::database(*it, false);
    sqlite3 *handle = SqliteApi::handle(db);
    if (mode.startsWith(u"commit")) {
        g_killAtCommit = mode.startsWith(u"commit:") ? mode.mid(7).toInt() : 1;
        using CommitHook = void *(*)(sqlite3 *, int (*)(void *), void *);
        const auto hook = reinterpret_cast<CommitHook>(SqliteApi::resolve(db, "sqlite3_commit_hook"));
        if (!hook)
            return false;
        hook(handle, &killBeforeCommit, nullptr);
        return true;
    }
    using UpdateHook = void *(*)(sqlite3 *, void (*)(void *, int, const char *, const char *, qint64), void *);
    const auto hook = reinterpret_cast<UpdateHook>(SqliteApi::resolve(db, "sqlite3_update_hook"));
    if (!hook)
        return false;
    g_killAtRow = mode.mid(5).toInt();
    hook(handle, &killAtRow, nullptr);
    return true;
}

// The child side of the crash test: commits batches until it is killed, by the parent (`parent`)
// or by itself inside batch CrashHookBatch (see armCrash).
int runCrashWriter(const QString &path, const QString &mode)
{
    Store store;
    QString error;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    StoreBatch batch = crashBatch();
    for (int i = 1; i < 100000; ++i) {
        if (i == CrashHookBatch && mode != u"parent" && !armCrash(mode))
            return NoHookExit;
        renumber(batch, i);
        if (!store.write(batch, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        std::printf("committed %d\n", i);
        std::fflush(stdout);
    }
    return 0;
}

/// Feeds an import to the engine and the store writer, as analyze does.
class AnalyzingSink : public RecordSink
{
public:
    AnalyzingSink(Engine &engine, StoreWriter &writer) : m_engine(engine), m_writer(writer) {}
    void onRecord(const RecordView &r) override
    {
        m_engine.process(r);
        m_writer.addRecord(r);
    }
    void onRejected(qint64, const QString &) override {}
    void onLinesDone(qint64 lines) override { m_writer.linesDone(lines); }

private:
    Engine &m_engine;
    StoreWriter &m_writer;
};

/// Imports `file` into the store at `path` as analyze does, continuing from what the store holds of both, in
/// small batches (64 KB read at a time, a write every 2,000 records). False + error on failure.
bool importInto(const QString &path, const QString &file, ImportResult *result, QString *error)
{
    Store store;
    Engine engine;
    EngineSnapshot snapshot;
    if (!store.open(path, error) || !store.claimWriting(error) || !store.loadSnapshot(snapshot, error)
        || !engine.restore(snapshot, error))
        return false;
    StoreWriter writer(engine, &store, false, [error](const QString &message) { *error = message; });
    writer.setMaxBatchRecords(2000);
    ImportPlan plan;
    if (!planImport(store, file, false, plan, error))
        return false;
    writer.beginFile(plan.progress);
    AnalyzingSink sink(engine, writer);
    ImportOptions options;
    options.chunkBytes = 64 << 10;
    options.skipLines = plan.skipLines;
    if (const QString crash = qEnvironmentVariable("APPRENTICE_TEST_CRASH"); !crash.isEmpty() && !armCrash(crash))
        std::exit(NoHookExit);
    *result = importFile(file, sink, nullptr, InputFormat::Auto, options);
    writer.endFile(*result);
    engine.finish();
    return writer.flush();
}

/// What the store at `path` holds of `file` (its only mark) and the tool calls its profiles count.
bool keptOf(const QString &path, const QString &file, ImportedFile &kept, qint64 &calls)
{
    Store store;
    QString error;
    std::vector<ImportedFile> rows;
    EngineSnapshot snapshot;
    if (!store.open(path, &error) || !store.loadImportedFiles(QFileInfo(file).canonicalFilePath(), rows, &error)
        || rows.size() != 1 || !store.loadSnapshot(snapshot, &error)) {
        qWarning() << "nothing kept of" << file << error << rows.size();
        return false;
    }
    kept = rows.front();
    calls = 0;
    for (const WorkflowSnapshot &w : snapshot.workflows)
        for (const ToolSnapshot &t : w.tools)
            calls += t.calls;
    return true;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("store-%1.sqlite").arg(++m_files)); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void defaultPathIsInTheDataDirectory()
    {
        const QString path = Store::defaultPath();
        QCOMPARE(QFileInfo(path).fileName(), u"apprentice.sqlite"_qs);
        QCOMPARE(QFileInfo(path).absolutePath(),
                 QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
        QVERIFY(QFileInfo(path).absoluteDir().exists());
    }

    void newFileGetsCurrentSchemaAndWal()
    {
        const QString path = newPath();
        Store store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QVERIFY(store.isOpen());
        QCOMPARE(store.path(), path);
        QCOMPARE(store.schemaVersion(), Store::currentSchemaVersion());
        QVERIFY(Store::currentSchemaVersion() >= 1);
        RawDb raw(path);
        QCOMPARE(raw.value(u"SELECT value FROM meta WHERE key = 'schema_version'"_qs).toInt(),
                 Store::currentSchemaVersion());
        QCOMPARE(raw.value(u"PRAGMA journal_mode"_qs).toString(), u"wal"_qs);
        QCOMPARE(raw.value(u"PRAGMA application_id"_qs).toInt(), StoreSchema::ApplicationId);
        for (const char *table : {"workflows", "tool_profiles", "metric_profiles", "events", "ledger", "records"})
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = '%1'")
                                   .arg(QLatin1String(table))).toInt(), 1);
        EngineSnapshot snap;
        QVERIFY(store.loadSnapshot(snap, &error));
        QVERIFY(snap.workflows.empty());
        QCOMPARE(store.recordCount(), 0);
    }

    void refusesFileThatIsNotSqlite_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("json lines") << QByteArray("{\"ts\":\"2026-10-01T00:00:12.345Z\",\"workflow\":\"w\"}\n");
        QTest::newRow("binary") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xfe", 12).repeated(50);
        QTest::newRow("short text") << QByteArray("x");
        QTest::newRow("damaged header") << QByteArray("SQLite format 2\0", 16) + QByteArray(4080, '\0');
    }
    void refusesFileThatIsNotSqlite()
    {
        QFETCH(QByteArray, content);
        const QString path = newPath();
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        Store store;
        QString error;
        QVERIFY(!store.open(path, &error));
        QVERIFY(!store.isOpen());
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(u"not an SQLite database"_qs), qPrintable(error));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
        QVERIFY(!QFile::exists(path + u"-wal"_qs));
        StoreBatch batch;
        batch.records = makeRecords(1);
        QVERIFY(!store.write(batch, &error));
    }

    void refusesDatabaseOfAnotherProgram()
    {
        const QString path = newPath();
        {
            RawDb raw(path);
            QVERIFY(raw.exec(u"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"_qs));
            QVERIFY(raw.exec(u"INSERT INTO customers (name) VALUES ('Ada')"_qs));
        }
        const QByteArray before = fileHash(path);
        Store store;
        QString error;
        QVERIFY(!store.open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(u"another program"_qs), qPrintable(error));
        QCOMPARE(fileHash(path), before);
    }

    void refusesNewerSchemaAndLeavesFileUntouched()
    {
        const QString path = newPath();
        {
            Store store;
            QString error;
            QVERIFY2(store.open(path, &error), qPrintable(error));
            StoreBatch batch;
            batch.snapshot = makeSnapshot();
            QVERIFY2(store.write(batch, &error), qPrintable(error));
        }
        {
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'schema_version'")
                                 .arg(Store::currentSchemaVersion() + 1)));
        }
        const QByteArray before = fileHash(path);
        Store store;
        QString error;
        QVERIFY(!store.open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(u"newer"_qs)
                     && error.contains(QString::number(Store::currentSchemaVersion() + 1)),
                 qPrintable(error));
        QCOMPARE(fileHash(path), before);
        QVERIFY(!store.isOpen());
    }

    void migrationsRunInOrderAndAllOrNothing()
    {
        const QString path = newPath();
        {
            Store store;
            QString error;
            QVERIFY2(store.open(path, &error), qPrintable(error));
        }
        std::vector<Migration> steps = StoreSchema::migrations();
        const int v2 = int(steps.size()) + 1;
        steps.push_back({v2, [](QSqlDatabase &db, QString *error) {
                             QSqlQuery q(db);
                             const bool ok = q.exec(u"ALTER TABLE workflows ADD COLUMN note TEXT"_qs);
                             if (!ok)
                                 *error = q.lastError().text();
                             return ok;
                         }});
        RawDb raw(path);
        QSqlDatabase db = raw.db();
        QString error;
        QVERIFY2(StoreSchema::migrate(db, steps, &error), qPrintable(error));
        QCOMPARE(raw.value(u"SELECT value FROM meta WHERE key = 'schema_version'"_qs).toInt(), v2);
        QCOMPARE(raw.value(u"SELECT count(*) FROM pragma_table_info('workflows') WHERE name = 'note'"_qs).toInt(), 1);

        // A failing step leaves the file exactly at the previous version, its partial work undone.
        steps.push_back({v2 + 1, [](QSqlDatabase &target, QString *why) {
                             QSqlQuery q(target);
                             q.exec(u"CREATE TABLE half_done (x)"_qs);
                             *why = u"simulated failure"_qs;
                             return false;
                         }});
        QVERIFY(!StoreSchema::migrate(db, steps, &error));
        QVERIFY2(error.contains(u"simulated failure"_qs) && error.contains(QString::number(v2 + 1)), qPrintable(error));
        QCOMPARE(raw.value(u"SELECT value FROM meta WHERE key = 'schema_version'"_qs).toInt(), v2);
        QCOMPARE(raw.value(u"SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"_qs).toInt(), 0);

        // Migrating again is a no-op, and the build that only knows v1 now refuses the file.
        steps.pop_back();
        QVERIFY2(StoreSchema::migrate(db, steps, &error), qPrintable(error));
        Store store;
        QVERIFY(!store.open(path, &error));
        QVERIFY2(error.contains(u"newer"_qs), qPrintable(error));
    }

    void snapshotRoundTrip_data()
    {
        QTest::addColumn<bool>("native");
        QTest::newRow("SQLite functions") << true;
        QTest::newRow("QSqlQuery") << false;
    }
    void snapshotRoundTrip()
    {
        QFETCH(bool, native);
        const QString path = newPath();
        const EngineSnapshot written = makeSnapshot();
        {
            Store store;
            store.setNativeBinding(native);
            QString error;
            QVERIFY2(store.open(path, &error), qPrintable(error));
            if (native)
                QVERIFY(store.usesNativeBinding());
            else
                QVERIFY(!store.usesNativeBinding());
            StoreBatch batch;
            batch.snapshot = written;
            QVERIFY2(store.write(batch, &error), qPrintable(error));
        }
        Store store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        EngineSnapshot loaded;
        QVERIFY2(store.loadSnapshot(loaded, &error), qPrintable(error));
        QCOMPARE(dump(loaded), dump(written));
        QCOMPARE(loaded.workflows[0].phase, Phase::Graduated);

        // The readable columns say the same as the blobs, for the sqlite3 shell.
        RawDb raw(path);
        const Distribution &d = written.workflows[1].tools[1].metrics[0].profile;
        QSqlQuery q(raw.db());
        QVERIFY(q.exec(u"SELECT n, mean, std, min, max, p50, p95, p99 FROM metric_profiles"
                       " WHERE workflow = 'workflow_1' AND tool = 'tool_1_1' AND metric = 'latency_ms'"_qs));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toULongLong(), d.count());
        QCOMPARE(q.value(1).toDouble(), d.mean());
        QCOMPARE(q.value(2).toDouble(), d.stddev());
        QCOMPARE(q.value(3).toDouble(), d.min());
        QCOMPARE(q.value(4).toDouble(), d.max());
        QCOMPARE(q.value(5).toDouble(), d.p50());
        QCOMPARE(q.value(6).toDouble(), d.p95());
        QCOMPARE(q.value(7).toDouble(), d.p99());
        QVERIFY(q.exec(u"SELECT phase, executions, apprentice_usd FROM workflows WHERE workflow = 'workflow_0'"_qs));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"GRADUATED"_qs);
        QCOMPARE(q.value(1).toLongLong(), written.workflows[0].executions);
        QCOMPARE(q.value(2).toDouble(), written.workflows[0].ledger.apprenticeUsd);
    }

    void snapshotReplacesStoredProfiles()
    {
        const QString path = newPath();
        Store store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        StoreBatch first;
        first.snapshot = makeSnapshot();
        QVERIFY2(store.write(first, &error), qPrintable(error));

        EngineSnapshot smaller = makeSnapshot(1);
        smaller.workflows.erase(smaller.workflows.begin() + 1, smaller.workflows.end());
        smaller.workflows[0].tools.pop_back();
        StoreBatch second;
        second.snapshot = smaller;
        QVERIFY2(store.write(second, &error), qPrintable(error));

        // A batch without a snapshot leaves the profiles alone.
        StoreBatch eventsOnly;
        eventsOnly.events = makeEvents();
        QVERIFY2(store.write(eventsOnly, &error), qPrintable(error));

        EngineSnapshot loaded;
        QVERIFY2(store.loadSnapshot(loaded, &error), qPrintable(error));
        QCOMPARE(dump(loaded), dump(smaller));
        RawDb raw(path);
        QCOMPARE(raw.value(u"SELECT count(*) FROM tool_profiles"_qs).toInt(), 1);
        QCOMPARE(raw.value(u"SELECT count(*) FROM metric_profiles"_qs).toInt(), 5);
    }

    void eventsRoundTripInOrder_data()
    {
        QTest::addColumn<bool>("native");
        QTest::newRow("SQLite functions") << true;
        QTest::newRow("QSqlQuery") << false;
    }
    void eventsRoundTripInOrder()
    {
        QFETCH(bool, native);
        const QString path = newPath();
        const std::vector<Event> events = makeEvents();
        {
            Store store;
            store.setNativeBinding(native);
            QString error;
            QVERIFY2(store.open(path, &error), qPrintable(error));
            StoreBatch first, second;
            first.events.assign(events.begin(), events.begin() + 2);
            second.events.assign(events.begin() + 2, events.end());
            QVERIFY2(store.write(first, &error), qPrintable(error));
            QVERIFY2(store.write(second, &error), qPrintable(error));
        }
        Store store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QCOMPARE(dump(store.loadEvents()), dump(events));

        std::vector<Event> ofWorkflow0;
        std::copy_if(events.begin(), events.end(), std::back_inserter(ofWorkflow0),
                     [](const Event &e) { return e.workflow == u"workflow_0"; });
        QCOMPARE(dump(store.loadEvents(u"workflow_0"_qs)), dump(ofWorkflow0));
        QCOMPARE(dump(store.loadEvents({}, 2)), dump(std::vector<Event>(events.end() - 2, events.end())));
        QCOMPARE(dump(store.loadEvents(u"workflow_0"_qs, 1)), dump(std::vector<Event>{ofWorkflow0.back()}));
        QVERIFY(store.loadEvents(u"nobody"_qs).empty());

        RawDb raw(path);
        QCOMPARE(raw.value(u"SELECT count(*) FROM diagnoses"_qs).toInt(), 1);
        QCOMPARE(raw.value(u"SELECT json_extract(evidence, '$[1]') FROM diagnoses"_qs).toString(),
                 u"validation 0.99 → 0.99"_qs);
    }

    void ledgerEntriesAddUp()
    {
        const QString path = newPath();
        Store store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        constexpr qint64 Hour = 3600000;
        const qint64 h0 = 1790812800000;
        StoreBatch first;
        first.ledger = {{h0 + Hour, u"w"_qs, u"1.0.0"_qs, 10, 0.5, 0.25, 2.0},
                        {h0, u"w"_qs, u"1.0.0"_qs, 4, 0.2, 0, 0.8},
                        {h0, u"v"_qs, u"1.0.0"_qs, 1, 0.1, 0, 0.2}};
        StoreBatch second;
        second.ledger = {{h0 + Hour, u"w"_qs, u"1.0.0"_qs, 5, 0.25, 0.5, 1.0},
                         {h0 + Hour, u"w"_qs, u"2.0.0"_qs, 3, 0.125, 0, 0.5}};
        QVERIFY2(store.write(first, &error), qPrintable(error));
        QVERIFY2(store.write(second, &error), qPrintable(error));
        const std::vector<LedgerEntry> want{{h0, u"v"_qs, u"1.0.0"_qs, 1, 0.1, 0, 0.2},
                                            {h0, u"w"_qs, u"1.0.0"_qs, 4, 0.2, 0, 0.8},
                                            {h0 + Hour, u"w"_qs, u"1.0.0"_qs, 15, 0.75, 0.75, 3.0},
                                            {h0 + Hour, u"w"_qs, u"2.0.0"_qs, 3, 0.125, 0, 0.5}};
        QCOMPARE(dump(store.loadLedger()), dump(want));
        QCOMPARE(dump(store.loadLedger(u"v"_qs)), dump(std::vector<LedgerEntry>{want[0]}));
    }

    void recordsRoundTrip_data()
    {
        QTest::addColumn<bool>("native");
        QTest::newRow("SQLite functions") << true;
        QTest::newRow("QSqlQuery") << false;
    }
    void recordsRoundTrip()
    {
        QFETCH(bool, native);
        const QString path = newPath();
        const std::vector<Record> records = makeRecords(200);
        Store store;
        store.setNativeBinding(native);
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        StoreBatch batch;
        batch.records = records;
        QVERIFY2(store.write(batch, &error), qPrintable(error));
        QCOMPARE(store.recordCount(), 200);
        QCOMPARE(dump(store.loadRecords()), dump(records));
        QCOMPARE(dump(store.loadRecords({}, 10, 5)), dump(std::vector<Record>(records.begin() + 10, records.begin() + 15)));
        std::vector<Record> ofOne;
        std::copy_if(records.begin(), records.end(), std::back_inserter(ofOne),
                     [](const Record &r) { return r.workflow == "génération_rapport"; });
        QCOMPARE(dump(store.loadRecords(u"génération_rapport"_qs)), dump(ofOne));

        RawDb raw(path);
        QCOMPARE(raw.value(u"SELECT json_extract(metrics, '$.tokens') FROM records WHERE id = 2"_qs).toDouble(), 1.0);
        QCOMPARE(raw.value(u"SELECT count(*) FROM records WHERE status = 'error'"_qs).toInt(), 20);
        QCOMPARE(raw.value(u"SELECT typeof(execution) FROM records WHERE id = 1"_qs).toString(), u"null"_qs);
    }

    void failedBatchStoresNothing_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("duplicate workflow") << u"workflow"_qs;
        QTest::newRow("duplicate tool") << u"tool"_qs;
        QTest::newRow("NaN ledger amount") << u"ledger"_qs;
    }
    void failedBatchStoresNothing()
    {
        QFETCH(QString, fault);
        const QString path = newPath();
        Store store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        StoreBatch good;
        good.events = makeEvents();
        good.records = makeRecords(50);
        good.ledger = {{0, u"w"_qs, u"1.0.0"_qs, 1, 1, 1, 1}};
        good.snapshot = makeSnapshot();
        QVERIFY2(store.write(good, &error), qPrintable(error));

        StoreBatch bad;
        bad.events = makeEvents();
        bad.records = makeRecords(50, 1000);
        bad.ledger = {{0, u"w"_qs, u"1.0.0"_qs, 1, 1, 1, 1}};
        bad.snapshot = makeSnapshot(1);
        if (fault == u"workflow")
            bad.snapshot->workflows.push_back(bad.snapshot->workflows.front());
        else if (fault == u"tool")
            bad.snapshot->workflows[1].tools.push_back(bad.snapshot->workflows[1].tools[0]);
        else
            bad.ledger.push_back({0, u"w"_qs, u"1.0.0"_qs, 1, std::nan(""), 0, 0});
        QVERIFY(!store.write(bad, &error));
        QVERIFY2(error.contains(path) && error.contains(u"nothing of this batch"_qs), qPrintable(error));

        QCOMPARE(store.recordCount(), 50);
        QCOMPARE(dump(store.loadEvents()), dump(good.events));
        QCOMPARE(dump(store.loadLedger()), dump(good.ledger));
        EngineSnapshot loaded;
        QVERIFY2(store.loadSnapshot(loaded, &error), qPrintable(error));
        QCOMPARE(dump(loaded), dump(*good.snapshot));

        // The store is still usable after the rollback.
        StoreBatch next;
        next.records = makeRecords(5);
        QVERIFY2(store.write(next, &error), qPrintable(error));
        QCOMPARE(store.recordCount(), 55);
    }

    void writeOnClosedStoreFails()
    {
        Store store;
        QString error;
        QVERIFY(!store.write(StoreBatch(), &error));
        QVERIFY(!error.isEmpty());
        EngineSnapshot snap;
        QVERIFY(!store.loadSnapshot(snap, &error));
        QVERIFY(store.loadEvents().empty());
        QCOMPARE(store.recordCount(), 0);
    }

    void missingDirectoryIsAClearError()
    {
        const QString path = m_dir.filePath(u"no/such/dir/store.sqlite"_qs);
        Store store;
        QString error;
        QVERIFY(!store.open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(u"does not exist"_qs), qPrintable(error));
    }

    void oneWriterAtATime()
    {
        const QString path = newPath();
        Store first, second, reader;
        QString error;
        QVERIFY2(first.open(path, &error) && first.claimWriting(&error), qPrintable(error));
        QVERIFY(first.claimWriting(&error)); // claiming again is a no-op
        QVERIFY(second.open(path, &error));
        QVERIFY(!second.claimWriting(&error));
        QVERIFY2(error.contains(u"is being written by"_qs) && error.contains(u"(pid %1)"_qs.arg(QCoreApplication::applicationPid())),
                 qPrintable(error));
        // Readers need no claim.
        QVERIFY(reader.open(path, &error));
        EngineSnapshot snapshot;
        QVERIFY(reader.loadSnapshot(snapshot, &error));
        first.close();
        QVERIFY2(second.claimWriting(&error), qPrintable(error));
    }

    void killedImportContinuesWhereItsStoredLinesEnd()
    {
        // 6,000 demo executions: 24,000 records in 64 KB reads, a write every 2,000 records.
        const QString file = m_dir.filePath(QStringLiteral("killed-import.jsonl"));
        {
            DemoSimulator sim(3);
            std::string text;
            for (int i = 0; i < 6000; ++i)
                for (const Record &r : sim.nextExecution())
                    ExportWriter::appendLine(text, r);
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text.data(), qint64(text.size()));
        }
        const QString path = newPath();
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("APPRENTICE_TEST_CRASH"), QStringLiteral("commit:4")); // dies writing its 4th batch
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {u"--import"_qs, path, file});
        QVERIFY(child.waitForFinished(60000));
        if (child.exitStatus() == QProcess::NormalExit && child.exitCode() == NoHookExit)
            QSKIP("SQLite hooks are not reachable on this platform");
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        ImportedFile kept;
        qint64 calls = 0;
        QVERIFY(keptOf(path, file, kept, calls));
        QCOMPARE(kept.bytes, qint64(-1)); // cut short
        QVERIFY2(kept.lines >= 3 * 2000 && kept.lines < 24000, qPrintable(QString::number(kept.lines)));
        // What is stored of the file and the profiles agree: one call per line handed over.
        QCOMPARE(calls, kept.lines);

        // The next run reads on from there (the killed one's claim on the store went with it): every record
        // counted once.
        QProcess next;
        next.start(QCoreApplication::applicationFilePath(), {u"--import"_qs, path, file});
        QVERIFY(next.waitForFinished(60000));
        QCOMPARE(next.exitStatus(), QProcess::NormalExit);
        QCOMPARE(next.exitCode(), 0);
        QVERIFY(keptOf(path, file, kept, calls));
        QCOMPARE(kept.lines, qint64(24000));
        QCOMPARE(kept.bytes, QFileInfo(file).size());
        QCOMPARE(calls, qint64(24000));
    }

    void killedWriterLeavesOnlyWholeBatches_data()
    {
        QTest::addColumn<QString>("mode");
        // The parent's kill lands wherever the writer is; the others are exact points in a batch.
        QTest::newRow("killed by the parent") << u"parent"_qs;
        QTest::newRow("among the records") << u"rows:2000"_qs;
        QTest::newRow("after removing the old profiles") << QStringLiteral("rows:%1").arg(CrashBatchRecords + 3);
        QTest::newRow("just before the commit") << u"commit"_qs;
    }
    void killedWriterLeavesOnlyWholeBatches()
    {
        QFETCH(QString, mode);
        const QString path = newPath();
        QProcess writer;
        writer.start(QCoreApplication::applicationFilePath(), {u"--crash-writer"_qs, path, mode});
        QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));
        QByteArray output;
        if (mode == u"parent") {
            int reported = 0;
            while (reported < 4) {
                QVERIFY2(writer.waitForReadyRead(60000), writer.readAllStandardError().constData());
                output += writer.readAllStandardOutput();
                const QByteArray last = output.trimmed().split('\n').last();
                reported = last.startsWith("committed ") ? last.mid(10).toInt() : reported;
            }
            writer.kill();
        }
        QVERIFY(writer.waitForFinished(60000));
        if (writer.exitStatus() == QProcess::NormalExit && writer.exitCode() == NoHookExit)
            QSKIP("SQLite hooks are not reachable on this platform");
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        output += writer.readAllStandardOutput();
        const int reported = output.trimmed().split('\n').last().mid(10).toInt();
        QVERIFY(reported >= 4);

        {
            RawDb raw(path);
            QCOMPARE(raw.value(u"PRAGMA integrity_check"_qs).toString(), u"ok"_qs);
        }
        Store store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        const qint64 batches = qint64(store.loadEvents().size());
        if (mode == u"parent") {
            // The batch in flight at the kill may have committed before its line was printed.
            QVERIFY2(batches == reported || batches == reported + 1,
                     qPrintable(QStringLiteral("%1 batches stored, %2 reported").arg(batches).arg(reported)));
        } else {
            QCOMPARE(reported, CrashHookBatch - 1);
            QCOMPARE(batches, qint64(CrashHookBatch - 1));
        }
        QCOMPARE(store.recordCount(), batches * CrashBatchRecords);
        {
            RawDb raw(path);
            QSqlQuery q(raw.db());
            QVERIFY(q.exec(u"SELECT count(*), min(c), max(c), max(line) FROM"
                           " (SELECT line, count(*) AS c FROM records GROUP BY line)"_qs));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), batches);
            QCOMPARE(q.value(1).toInt(), CrashBatchRecords);
            QCOMPARE(q.value(2).toInt(), CrashBatchRecords);
            QCOMPARE(q.value(3).toLongLong(), batches);
        }
        const std::vector<LedgerEntry> ledger = store.loadLedger();
        QCOMPARE(ledger.size(), size_t(1));
        QCOMPARE(ledger[0].executions, batches);
        EngineSnapshot snap;
        QVERIFY2(store.loadSnapshot(snap, &error), qPrintable(error));
        QCOMPARE(snap.workflows.size(), size_t(1));
        QCOMPARE(snap.workflows[0].executions, batches);

        StoreBatch next = crashBatch();
        renumber(next, int(batches) + 1);
        QVERIFY2(store.write(next, &error), qPrintable(error));
        QCOMPARE(store.recordCount(), (batches + 1) * CrashBatchRecords);
    }

    void openReadDoesNotBlockWriter()
    {
        const QString path = newPath();
        Store writer;
        QString error;
        QVERIFY2(writer.open(path, &error), qPrintable(error));
        StoreBatch batch;
        batch.records = makeRecords(100);
        QVERIFY2(writer.write(batch, &error), qPrintable(error));

        RawDb reader(path);
        QSqlQuery q(reader.db());
        QVERIFY(q.exec(u"BEGIN"_qs));
        QVERIFY(q.exec(u"SELECT count(*) FROM records"_qs) && q.next());
        QCOMPARE(q.value(0).toInt(), 100);
        q.finish();

        // The reader's transaction is still open: under WAL the writer commits anyway, at once.
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(writer.write(batch, &error), qPrintable(error));
        QVERIFY2(timer.elapsed() < 2000, "the writer waited for the reader");
        QCOMPARE(writer.recordCount(), 200);

        QVERIFY(q.exec(u"SELECT count(*) FROM records"_qs) && q.next());
        QCOMPARE(q.value(0).toInt(), 100); // its snapshot is stable
        q.finish();
        QVERIFY(q.exec(u"COMMIT"_qs));
        QVERIFY(q.exec(u"SELECT count(*) FROM records"_qs) && q.next());
        QCOMPARE(q.value(0).toInt(), 200);
    }

    void readerThreadSeesWholeBatchesDuringWrites()
    {
        const QString path = newPath();
        constexpr int Batches = 30;
        constexpr int PerBatch = 2000;
        Store writer;
        QString error;
        QVERIFY2(writer.open(path, &error), qPrintable(error));

        std::atomic<bool> done{false};
        QStringList problems;
        int reads = 0;
        qint64 lastSeen = 0;
        std::thread reader([&] {
            Store store; // its own connection, made on this thread
            QString readError;
            if (!store.open(path, &readError)) {
                problems << readError;
                return;
            }
            // Read at least once after the writer finished, so the final state is seen too.
            for (bool last = false; !last;) {
                last = done.load();
                const qint64 count = store.recordCount();
                if (count % PerBatch != 0 || count < lastSeen)
                    problems << QStringLiteral("saw %1 records after %2").arg(count).arg(lastSeen);
                lastSeen = count;
                EngineSnapshot snap;
                if (!store.loadSnapshot(snap, &readError)) {
                    problems << readError;
                } else if (!snap.workflows.empty()) {
                    const WorkflowSnapshot &w = snap.workflows.front();
                    qint64 calls = 0;
                    for (const ToolSnapshot &t : w.tools)
                        calls += t.calls;
                    if (calls != w.records)
                        problems << QStringLiteral("torn snapshot: %1 calls, %2 records").arg(calls).arg(w.records);
                }
                ++reads;
            }
        });
        for (int i = 1; i <= Batches; ++i) {
            StoreBatch batch;
            batch.records = makeRecords(PerBatch);
            EngineSnapshot snap = makeSnapshot();
            WorkflowSnapshot &w = snap.workflows.front();
            w.records = qint64(i) * PerBatch;
            qint64 rest = w.records;
            for (size_t t = 0; t < w.tools.size(); ++t) {
                w.tools[t].calls = t + 1 < w.tools.size() ? rest / 2 : rest;
                rest -= w.tools[t].calls;
            }
            batch.snapshot = snap;
            if (!writer.write(batch, &error))
                break;
        }
        done = true;
        reader.join();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(reads > 0);
        QCOMPARE(lastSeen, qint64(Batches) * PerBatch);
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], "--crash-writer") == 0)
        return runCrashWriter(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    if (argc == 4 && qstrcmp(argv[1], "--import") == 0) {
        ImportResult result;
        QString error;
        if (!importInto(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]), &result, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        return 0;
    }
    TestStore tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "tst_store.moc"
