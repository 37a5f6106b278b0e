#include "storage/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Apprentice;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(APPRENTICE_CLI), args);
    Run r;
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

Distribution repeated(std::initializer_list<double> values, int times)
{
    Distribution d;
    for (int i = 0; i < times; ++i) {
        for (double v : values)
            d.add(v);
    }
    return d;
}

MetricSnapshot metric(const char *name, const Distribution &d)
{
    return {QString::fromLatin1(name), d, QByteArray("monitor")};
}

EngineSnapshot sampleSnapshot()
{
    EngineSnapshot s;
    WorkflowSnapshot order;
    order.workflow = QStringLiteral("process_customer_order");
    order.version = QStringLiteral("1.0.0");
    order.phase = Phase::Graduated;
    order.executions = 1250;
    order.records = 5000;
    order.executionLatency = repeated({900, 1100}, 50);
    ToolSnapshot fetch;
    fetch.tool = QStringLiteral("fetch_data");
    fetch.calls = 1250;
    fetch.metrics = {metric("latency_ms", repeated({200, 262.8}, 100)),     // mean 231.4
                     metric("output_bytes", repeated({1180}, 100)),         // 1.2 KiB
                     metric("memory_mb", repeated({44.2}, 100)),
                     metric("validation_pass", repeated({0.987}, 100)),
                     metric("cost_usd", repeated({0.00123}, 100)),
                     metric("tokens", repeated({500, 524}, 100))};          // mean 512
    ToolSnapshot charge;
    charge.tool = QStringLiteral("charge_card");
    charge.calls = 1250;
    charge.metrics = {metric("latency_ms", repeated({1500, 2500}, 10)),    // mean 2.00 s
                      metric("cpu_pct", Distribution())};                   // nothing seen yet
    order.tools = {fetch, charge};
    s.workflows.push_back(order);

    WorkflowSnapshot report;
    report.workflow = QStringLiteral("génération_rapport");
    report.version = QStringLiteral("2.1.0");
    report.phase = Phase::Apprentice;
    report.relearning = true;
    report.executions = 37;
    ToolSnapshot render;
    render.tool = QStringLiteral("render");
    render.metrics = {metric("latency_ms", repeated({5.5}, 37))};
    report.tools = {render};
    s.workflows.push_back(report);
    return s;
}

QStringList cells(const QString &line)
{
    static const QRegularExpression gap(QStringLiteral("\\s{2,}"));
    return line.trimmed().split(gap);
}

} // namespace

class TestStoreProfileShow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("profiles.sqlite"));
        Store store;
        QString error;
        QVERIFY2(store.open(m_db, &error), qPrintable(error));
        StoreBatch batch;
        batch.snapshot = sampleSnapshot();
        ImportedFile read;
        read.path = QStringLiteral("/var/log/orders/app.log.1");
        read.headSha1 = QByteArray(20, 'h');
        read.headBytes = 4096;
        read.lines = 40000;
        read.bytes = 7654321;
        read.updatedMs = 1790000000000;
        ImportedFile cut = read;
        cut.path = QStringLiteral("/var/log/orders/app.log");
        cut.headSha1 = QByteArray(20, 'k');
        cut.lines = 1200;
        cut.bytes = -1;
        cut.updatedMs = 1790000600000;
        batch.files = {read, cut};
        QVERIFY2(store.write(batch, &error), qPrintable(error));
    }

    void helpExitsZero_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("profile --help") << QStringList{u"profile"_qs, u"--help"_qs};
        QTest::newRow("profile show --help") << QStringList{u"profile"_qs, u"show"_qs, u"--help"_qs};
        QTest::newRow("profile show -h") << QStringList{u"profile"_qs, u"show"_qs, u"-h"_qs};
        QTest::newRow("profile files --help") << QStringList{u"profile"_qs, u"files"_qs, u"--help"_qs};
    }
    void helpExitsZero()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(u"Usage: apprentice-cli profile show"_qs), qPrintable(r.out));
        QVERIFY(r.out.contains(u"--format"_qs));
    }

    void badUsageExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no subcommand") << QStringList{u"profile"_qs} << u"missing subcommand"_qs;
        QTest::newRow("unknown subcommand") << QStringList{u"profile"_qs, u"list"_qs} << u"unknown subcommand 'list'"_qs;
        QTest::newRow("unknown option") << QStringList{u"profile"_qs, u"show"_qs, u"--bogus"_qs} << u"unknown option '--bogus'"_qs;
        QTest::newRow("unknown format") << QStringList{u"profile"_qs, u"show"_qs, u"--format"_qs, u"xml"_qs}
                                        << u"unknown format 'xml'"_qs;
        QTest::newRow("missing value") << QStringList{u"profile"_qs, u"show"_qs, u"--db"_qs} << u"--db needs a value"_qs;
        QTest::newRow("stray argument") << QStringList{u"profile"_qs, u"show"_qs, u"extra"_qs}
                                        << u"unexpected argument 'extra'"_qs;
        QTest::newRow("files: unknown option") << QStringList{u"profile"_qs, u"files"_qs, u"--workflow"_qs, u"x"_qs}
                                               << u"unknown option '--workflow'"_qs;
    }
    void badUsageExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        // One line naming the command and the problem, one pointing at the help: not the whole usage.
        QVERIFY2(r.err.startsWith(u"apprentice-cli profile: "_qs + message), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"Run 'apprentice-cli profile --help' for the options."_qs), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 2);
    }

    void filesListsWhatImportsReadNewestFirst()
    {
        const Run table = cli({u"profile"_qs, u"files"_qs, u"--db"_qs, m_db});
        QCOMPARE(table.exitCode, 0);
        const QStringList lines = table.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].startsWith(u"READ"_qs) && lines[0].endsWith(u"FILE"_qs), qPrintable(lines[0]));
        QVERIFY2(lines[1].contains(u"1200"_qs) && lines[1].contains(u"cut short"_qs) && lines[1].endsWith(u"/var/log/orders/app.log"_qs),
                 qPrintable(lines[1]));
        QVERIFY2(lines[2].contains(u"40000"_qs) && lines[2].contains(u"7654321 bytes"_qs), qPrintable(lines[2]));
        QCOMPARE(lines[1].indexOf(u"/var"_qs), lines[2].indexOf(u"/var"_qs)); // aligned

        const Run json = cli({u"profile"_qs, u"files"_qs, u"--db"_qs, m_db, u"--format=json"_qs});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray files = QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"files"_qs).toArray();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[0].toObject().value(u"complete"_qs).toBool(), false);
        QVERIFY(files[0].toObject().value(u"bytes"_qs).isNull());
        QCOMPARE(files[1].toObject().value(u"lines"_qs).toInteger(), 40000);
        QCOMPARE(files[1].toObject().value(u"bytes"_qs).toInteger(), 7654321);
        QCOMPARE(files[1].toObject().value(u"updated"_qs).toString(), u"2026-09-21T14:13:20.000Z"_qs);
    }

    void missingStoreExitsOneAndCreatesNothing()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing.sqlite"));
        const Run r = cli({u"profile"_qs, u"show"_qs, u"--db"_qs, path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"no store at "_qs + path), qPrintable(r.err));
        QVERIFY(!QFile::exists(path));
    }

    void fileThatIsNotAStoreExitsOne()
    {
        const QString path = m_dir.filePath(QStringLiteral("records.jsonl"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"workflow\":\"w\"}\n");
        f.close();
        const Run r = cli({u"profile"_qs, u"show"_qs, u"--db"_qs, path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path) && r.err.contains(u"not an SQLite database"_qs), qPrintable(r.err));
    }

    void tableListsEveryProfileAligned()
    {
        const Run r = cli({u"profile"_qs, u"show"_qs, u"--db"_qs, m_db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(cells(lines[0]), (QStringList{u"WORKFLOW"_qs, u"VERSION"_qs, u"PHASE"_qs, u"EXECUTIONS"_qs,
                                               u"TOOL"_qs, u"METRIC"_qs, u"N"_qs, u"MEAN"_qs, u"STD"_qs,
                                               u"P50"_qs, u"P95"_qs, u"P99"_qs}));
        // Header, one (execution) row, 6 + 2 metric rows, 1 row of the second workflow.
        QCOMPARE(lines.size(), 11);

        // The last column is right-aligned, so every line ends at the same place; text columns start together.
        const qsizetype toolColumn = lines[0].indexOf(u"TOOL"_qs);
        for (const QString &line : lines) {
            QCOMPARE(line.size(), lines[0].size());
            QVERIFY2(line.at(toolColumn - 1) == u' ' && line.at(toolColumn) != u' ', qPrintable(line));
        }

        QHash<QString, QStringList> byKey;
        for (const QString &line : lines.mid(1)) {
            const QStringList c = cells(line);
            QCOMPARE(c.size(), 12);
            byKey.insert(c[4] + u'/' + c[5], c);
        }
        const QStringList latency = byKey.value(u"fetch_data/latency_ms"_qs);
        QCOMPARE(latency.mid(0, 8), (QStringList{u"process_customer_order"_qs, u"1.0.0"_qs, u"GRADUATED"_qs,
                                                 u"1250"_qs, u"fetch_data"_qs, u"latency_ms"_qs, u"200"_qs,
                                                 u"231.4 ms"_qs}));
        QCOMPARE(latency[8], u"31.4 ms"_qs);
        QCOMPARE(byKey.value(u"fetch_data/output_bytes"_qs)[7], u"1.2 KiB"_qs);
        QCOMPARE(byKey.value(u"fetch_data/memory_mb"_qs)[7], u"44.2 MB"_qs);
        QCOMPARE(byKey.value(u"fetch_data/validation_pass"_qs)[7], u"0.987"_qs);
        QCOMPARE(byKey.value(u"fetch_data/cost_usd"_qs)[7], u"$0.00123"_qs);
        QCOMPARE(byKey.value(u"fetch_data/tokens"_qs)[7], u"512.0"_qs);
        QCOMPARE(byKey.value(u"charge_card/latency_ms"_qs)[7], u"2.00 s"_qs);
        QCOMPARE(byKey.value(u"charge_card/cpu_pct"_qs).mid(6), (QStringList{u"0"_qs, u"-"_qs, u"-"_qs, u"-"_qs, u"-"_qs, u"-"_qs}));
        QCOMPARE(byKey.value(u"(execution)/latency_ms"_qs)[7], u"1.00 s"_qs);
        const QStringList render = byKey.value(u"render/latency_ms"_qs);
        QCOMPARE(render.mid(0, 4), (QStringList{u"génération_rapport"_qs, u"2.1.0"_qs, u"APPRENTICE (relearning)"_qs, u"37"_qs}));
        QCOMPARE(render[7], u"5.50 ms"_qs);
        // Quantiles come from the sketch: within its 1 % of the true value.
        const double p50 = render[9].section(u' ', 0, 0).toDouble();
        QVERIFY2(std::abs(p50 - 5.5) <= 0.06, qPrintable(render[9]));
    }

    void workflowFilter_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("table") << u"table"_qs;
        QTest::newRow("json") << u"json"_qs;
    }
    void workflowFilter()
    {
        QFETCH(QString, format);
        const Run r = cli({u"profile"_qs, u"show"_qs, u"--db="_qs + m_db, u"--workflow"_qs, u"génération_rapport"_qs,
                           u"--format"_qs, format});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(u"génération_rapport"_qs));
        QVERIFY(!r.out.contains(u"process_customer_order"_qs));

        const Run none = cli({u"profile"_qs, u"show"_qs, u"--db"_qs, m_db, u"--workflow"_qs, u"nobody"_qs,
                              u"--format"_qs, format});
        QCOMPARE(none.exitCode, 0);
        if (format == u"json")
            QCOMPARE(QJsonDocument::fromJson(none.out.toUtf8()).object().value(u"workflows"_qs).toArray().size(), 0);
        else
            QVERIFY2(none.out.isEmpty() && none.err.contains(u"no profiles of workflow 'nobody'"_qs), qPrintable(none.err));
    }

    void jsonCarriesTheWholeProfile()
    {
        const Run r = cli({u"profile"_qs, u"show"_qs, u"--db"_qs, m_db, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError parseError;
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8(), &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(root.value(u"schema_version"_qs).toInt(), Store::currentSchemaVersion());
        const QJsonArray workflows = root.value(u"workflows"_qs).toArray();
        QCOMPARE(workflows.size(), 2);
        const EngineSnapshot want = sampleSnapshot();
        const QJsonObject order = workflows[0].toObject();
        QCOMPARE(order.value(u"workflow"_qs).toString(), want.workflows[0].workflow);
        QCOMPARE(order.value(u"phase"_qs).toString(), u"GRADUATED"_qs);
        QCOMPARE(order.value(u"executions"_qs).toInteger(), 1250);
        QCOMPARE(workflows[1].toObject().value(u"relearning"_qs).toBool(), true);
        const QJsonArray tools = order.value(u"tools"_qs).toArray();
        QCOMPARE(tools.size(), 2);
        const QJsonObject latency = tools[0].toObject().value(u"metrics"_qs).toArray()[0].toObject();
        const Distribution &d = want.workflows[0].tools[0].metrics[0].profile;
        QCOMPARE(latency.value(u"metric"_qs).toString(), u"latency_ms"_qs);
        QCOMPARE(latency.value(u"n"_qs).toInteger(), 200);
        QCOMPARE(latency.value(u"mean"_qs).toDouble(), d.mean());
        QCOMPARE(latency.value(u"p95"_qs).toDouble(), d.p95());
        const QJsonObject empty = tools[1].toObject().value(u"metrics"_qs).toArray()[1].toObject();
        QCOMPARE(empty.value(u"n"_qs).toInteger(), 0);
        QVERIFY(empty.value(u"mean"_qs).isNull());
        QCOMPARE(order.value(u"execution_latency_ms"_qs).toObject().value(u"mean"_qs).toDouble(), 1000.0);
    }

    void emptyStoreSaysSo()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.sqlite"));
        {
            Store store;
            QString error;
            QVERIFY2(store.open(path, &error), qPrintable(error));
        }
        const Run r = cli({u"profile"_qs, u"show"_qs, u"--db"_qs, path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(u"no profiles stored in "_qs + path), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestStoreProfileShow)
#include "tst_storeprofileshow.moc"
