#include "simulator/demosimulator.h"
#include "simulator/exportwriter.h"
#include "storage/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

int runCli(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(APPRENTICE_CLI), args);
    if (!p.waitForFinished(120000))
        return -1;
    if (out)
        *out = p.readAllStandardOutput();
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

std::vector<QJsonObject> jsonLines(const QByteArray &out)
{
    std::vector<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.trimmed().isEmpty())
            lines.push_back(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

bool isTrend(const QJsonObject &o, const QString &tool, const QString &metric)
{
    return o.value(u"event").toString() == u"trend" && o.value(u"tool").toString() == tool
        && o.value(u"metric").toString() == metric;
}

/// A shadow-mode export: 1.0.0 alone for `history` executions, then 1.0.0 and 1.1.0 in turn.
bool writeShadowExport(const QString &path, int history, int shadow, double fetchLatencyFactor)
{
    ExportWriter w;
    if (!w.open(path))
        return false;
    DemoSimulator base(7);
    base.setRatePerDay(2000);
    std::vector<Record> batch;
    for (int i = 0; i < history; ++i) {
        base.nextExecution(batch);
        for (const Record &r : batch)
            w.write(r);
    }
    DemoSimulator cand(8, base.simulatedTimeMs());
    cand.setRatePerDay(2000);
    for (int i = 0; i < shadow; ++i) {
        cand.nextExecution(batch);
        for (Record r : batch) {
            r.version = "1.1.0";
            if (r.tool == "fetch_data")
                r.setValue(Metric::Latency, std::round(r.value(Metric::Latency) * fetchLatencyFactor * 10) / 10);
            w.write(r);
        }
        base.nextExecution(batch);
        for (const Record &r : batch)
            w.write(r);
    }
    return w.close();
}

} // namespace

class TestEvolutionCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_creep;
    QByteArray m_analyze;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_creep = m_dir.filePath(u"creep.jsonl"_s);
        QByteArray err;
        QCOMPARE(runCli({u"simulate"_s, u"--scenario"_s, u"slow_creep"_s, u"--days"_s, u"30"_s, u"--rate"_s, u"2000"_s,
                         u"--out"_s, m_creep}, nullptr, &err), 0);
        QCOMPARE(runCli({u"analyze"_s, u"--no-db"_s, m_creep}, &m_analyze, &err), 0);
    }

    void trendsNamesTheDegradingToolItsSpeedAndBreach()
    {
        QByteArray out, err;
        QCOMPARE(runCli({u"trends"_s, m_creep}, &out, &err), 0);
        const auto lines = jsonLines(out);
        const auto latency = std::find_if(lines.begin(), lines.end(),
                                          [](const QJsonObject &o) { return isTrend(o, u"fetch_data"_s, u"latency_ms"_s); });
        QVERIFY2(latency != lines.end(), out.constData());
        // The simulator adds 1.2 ms a day to fetch_data; its p95 starts near 255 ms, the limit is 300 ms.
        QVERIFY2(std::abs(latency->value(u"slope_per_day").toDouble() - DemoSimulator::CreepLatencyMsPerDay) < 0.15,
                 qPrintable(latency->value(u"slope_per_day").toVariant().toString()));
        const double breach = latency->value(u"breach_in_days").toDouble(-1);
        QVERIFY2(breach > 0 && breach < 30, qPrintable(QString::number(breach)));
        QVERIFY(latency->value(u"severity").toString() != u"none");
        const auto validation = std::find_if(lines.begin(), lines.end(), [](const QJsonObject &o) {
            return isTrend(o, u"validate"_s, u"validation_pass"_s);
        });
        QVERIFY(validation != lines.end());
        QVERIFY(std::abs(validation->value(u"slope_per_day").toDouble() - DemoSimulator::CreepValidationPerDay) < 0.00005);
        // Nothing else degrades in this scenario.
        for (const QJsonObject &o : lines)
            QVERIFY2(&o == &*latency || &o == &*validation || o.value(u"severity").toString() == u"none",
                     QJsonDocument(o).toJson().constData());
    }

    void analyzeWarnsOfTheTrendBeforeAnyDrift()
    {
        const auto lines = jsonLines(m_analyze);
        QVERIFY(!lines.empty());
        QCOMPARE(lines.back().value(u"event").toString(), u"summary"_s);
        int firstTrend = -1, firstDrift = -1;
        for (int i = 0; i < int(lines.size()); ++i) {
            if (firstTrend < 0 && isTrend(lines[size_t(i)], u"fetch_data"_s, u"latency_ms"_s))
                firstTrend = i;
            if (firstDrift < 0 && lines[size_t(i)].value(u"event").toString() == u"drift")
                firstDrift = i;
        }
        QVERIFY2(firstTrend >= 0, m_analyze.left(2000).constData());
        const QJsonObject warning = lines[size_t(firstTrend)];
        // The early warning already says how fast and when.
        QVERIFY(warning.value(u"slope_per_day").toDouble() > 0.5);
        QVERIFY(warning.value(u"breach_in_days").toDouble(-1) > 0);
        QVERIFY(warning.value(u"line").toInteger() > 0);
        const QString asOf = warning.value(u"as_of").toString();
        QVERIFY(!asOf.isEmpty());
        if (firstDrift >= 0) {
            const QJsonObject drift = lines[size_t(firstDrift)];
            QVERIFY2(firstTrend < firstDrift,
                     qPrintable(u"first drift at line %1 before the first trend warning at line %2"_s
                                    .arg(drift.value(u"line").toInteger()).arg(warning.value(u"line").toInteger())));
            QVERIFY(warning.value(u"line").toInteger() < drift.value(u"line").toInteger());
            qInfo("first fetch_data latency trend warning: %s (line %lld, +%.2f ms/day, breach in %.1f days); "
                  "first drift: line %lld (%s %s)",
                  qPrintable(asOf), warning.value(u"line").toInteger(), warning.value(u"slope_per_day").toDouble(),
                  warning.value(u"breach_in_days").toDouble(), drift.value(u"line").toInteger(),
                  qPrintable(drift.value(u"tool").toString()), qPrintable(drift.value(u"metric").toString()));
        }
    }

    void trendsCarryOverFromRunToRunThroughTheStore()
    {
        // The creep exported five days at a time: no export alone holds the 7 days a trend needs, but
        // analyze keeps the daily aggregates in its store, so the second export reports the trend at the
        // same record, with the same slope, as one run over the whole file.
        QFile whole(m_creep);
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = whole.readAll().split('\n');
        const qsizetype records = rows.size() - (rows.last().isEmpty() ? 1 : 0);
        const qsizetype perPart = records / 6;
        QStringList parts;
        for (int i = 0; i < 2; ++i) {
            const QString path = m_dir.filePath(u"creep-part%1.jsonl"_s.arg(i));
            QFile part(path);
            QVERIFY(part.open(QIODevice::WriteOnly));
            for (qsizetype r = i * perPart; r < (i + 1) * perPart; ++r)
                part.write(rows[r] + '\n');
            parts << path;
        }
        const auto lineTrends = [](const QByteArray &out) {
            std::vector<QJsonObject> found;
            for (const QJsonObject &o : jsonLines(out))
                if (o.value(u"event").toString() == u"trend" && o.contains(u"line"))
                    found.push_back(o);
            return found;
        };
        QByteArray out, err;
        for (const QString &part : parts) { // without a store: each part on its own
            QCOMPARE(runCli({u"analyze"_s, u"--no-db"_s, part}, &out, &err), 0);
            QCOMPARE(lineTrends(out).size(), size_t(0));
        }
        const QString db = m_dir.filePath(u"parts.sqlite"_s);
        QCOMPARE(runCli({u"analyze"_s, u"--db"_s, db, parts[0]}, &out, &err), 0);
        QCOMPARE(lineTrends(out).size(), size_t(0));
        QCOMPARE(runCli({u"analyze"_s, u"--db"_s, db, parts[1]}, &out, &err), 0);
        const auto carried = lineTrends(out);
        QVERIFY2(!carried.empty(), out.left(2000).constData());
        // The same warnings as the single run over the whole export, at the same records.
        std::vector<QJsonObject> single;
        for (const QJsonObject &o : lineTrends(m_analyze))
            if (o.value(u"line").toInteger() > perPart && o.value(u"line").toInteger() <= 2 * perPart)
                single.push_back(o);
        QCOMPARE(carried.size(), single.size());
        for (size_t i = 0; i < carried.size(); ++i) {
            QCOMPARE(carried[i].value(u"line").toInteger() + perPart, single[i].value(u"line").toInteger());
            QCOMPARE(carried[i].value(u"tool").toString(), single[i].value(u"tool").toString());
            QCOMPARE(carried[i].value(u"slope_per_day").toDouble(), single[i].value(u"slope_per_day").toDouble());
        }
        // `trends --db` reads the same aggregates: as if both exports were given to it.
        QByteArray fromStore, fromFiles;
        QCOMPARE(runCli({u"trends"_s, u"--db"_s, db}, &fromStore, &err), 0);
        QCOMPARE(runCli({u"trends"_s, parts[0], parts[1]}, &fromFiles, &err), 0);
        QVERIFY(!fromStore.isEmpty());
        QCOMPARE(fromStore, fromFiles);
        // Looking is not creating.
        const QString missing = m_dir.filePath(u"missing.sqlite"_s);
        QCOMPARE(runCli({u"trends"_s, u"--db"_s, missing}, &out, &err), 1);
        QVERIFY2(err.contains("no store at"), err.constData());
        QVERIFY(!QFile::exists(missing));
    }

    void unreadableStoredTrendsStopTheRunAndStayAsTheyWere()
    {
        const QString db = m_dir.filePath(u"damaged.sqlite"_s);
        {
            Store store;
            QString error;
            QVERIFY2(store.open(db, &error), qPrintable(error));
            StoreBatch batch;
            batch.trendState = QByteArray("not a trend state");
            QVERIFY2(store.write(batch, &error), qPrintable(error));
        }
        QByteArray out, err;
        QCOMPARE(runCli({u"analyze"_s, u"--db"_s, db, m_creep}, &out, &err), 1);
        QVERIFY2(err.contains("trend aggregates are unreadable") && err.contains(db.toUtf8()), err.constData());
        QVERIFY(out.isEmpty());
        Store store;
        QString error;
        QVERIFY2(store.open(db, &error), qPrintable(error));
        QByteArray kept;
        QVERIFY(store.loadTrendState(kept, &error));
        QCOMPARE(kept, QByteArray("not a trend state"));
    }

    void analyzeEndsWithTheCurrentTrends()
    {
        const auto lines = jsonLines(m_analyze);
        QVERIFY(lines.size() >= 3);
        // Before the summary: the analysis as of the newest record, without a triggering line.
        const QJsonObject last = lines[lines.size() - 2];
        QCOMPARE(last.value(u"event").toString(), u"trend"_s);
        QVERIFY(!last.contains(u"line"_s));
        bool latency = false;
        for (size_t i = lines.size() - 1; i-- > 0 && lines[i].value(u"event").toString() == u"trend" && !lines[i].contains(u"line"_s);) {
            if (isTrend(lines[i], u"fetch_data"_s, u"latency_ms"_s)) {
                latency = true;
                QVERIFY(std::abs(lines[i].value(u"slope_per_day").toDouble() - DemoSimulator::CreepLatencyMsPerDay) < 0.15);
                QVERIFY(lines[i].value(u"breach_in_days").toDouble(-1) > 0);
            }
        }
        QVERIFY(latency);
        // Each stream warning is one new or more severe series, never a daily repeat.
        int warnings = 0;
        for (const QJsonObject &o : lines)
            warnings += o.value(u"event").toString() == u"trend" && o.contains(u"line"_s) ? 1 : 0;
        QVERIFY2(warnings >= 2 && warnings <= 6, qPrintable(QString::number(warnings)));
    }

    void compareRecommends_data()
    {
        QTest::addColumn<double>("factor");
        QTest::addColumn<QString>("recommendation");
        QTest::newRow("fetch_data 15 % slower") << 1.15 << u"ROLL_BACK"_s;
        QTest::newRow("equivalent") << 1.0 << u"PROMOTE"_s;
    }

    void compareRecommends()
    {
        QFETCH(double, factor);
        QFETCH(QString, recommendation);
        const QString path = m_dir.filePath(u"shadow-%1.jsonl"_s.arg(factor));
        QVERIFY(writeShadowExport(path, 1000, 1200, factor));
        QByteArray out, err;
        QCOMPARE(runCli({u"compare"_s, u"--baseline"_s, u"1.0.0"_s, u"--candidate"_s, u"1.1.0"_s, path}, &out, &err), 0);
        const QJsonObject o = QJsonDocument::fromJson(out).object();
        QCOMPARE(o.value(u"workflow").toString(), QString::fromLatin1(DemoSimulator::workflowName()));
        QCOMPARE(o.value(u"baseline").toString(), u"1.0.0"_s);
        QCOMPARE(o.value(u"candidate").toString(), u"1.1.0"_s);
        QCOMPARE(o.value(u"recommendation").toString(), recommendation);
        QVERIFY(!o.value(u"reasons").toArray().isEmpty());
        const QJsonObject fetch = o.value(u"tools").toArray().at(0).toObject();
        QCOMPARE(fetch.value(u"tool").toString(), u"fetch_data"_s);
        const QJsonObject latency = fetch.value(u"metrics").toArray().at(0).toObject();
        QCOMPARE(latency.value(u"metric").toString(), u"latency_ms"_s);
        QVERIFY(std::abs(latency.value(u"change_pct").toDouble() - (factor - 1) * 100) < 2.5);
        if (recommendation == u"ROLL_BACK") {
            QCOMPARE(latency.value(u"verdict").toString(), u"regression"_s);
            QVERIFY(o.value(u"reasons").toArray().at(0).toString().startsWith(u"fetch_data latency_ms"_s));
        }
        // --compact prints the same as one line.
        QByteArray compact;
        QCOMPARE(runCli({u"compare"_s, u"--compact"_s, u"--baseline"_s, u"1.0.0"_s, u"--candidate"_s, u"1.1.0"_s, path}, &compact), 0);
        QCOMPARE(compact.count('\n'), 1);
        QCOMPARE(QJsonDocument::fromJson(compact).object(), o);
    }

    void compareExitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString file = QStringLiteral("%1"); // replaced by the creep export
        QTest::newRow("help") << QStringList{u"--help"_s} << 0 << u""_s;
        QTest::newRow("no baseline") << QStringList{u"--candidate"_s, u"1.1.0"_s, file} << 2 << u"--baseline VERSION is required"_s;
        QTest::newRow("no candidate") << QStringList{u"--baseline"_s, u"1.0.0"_s, file} << 2 << u"--candidate VERSION is required"_s;
        QTest::newRow("same version") << QStringList{u"--baseline"_s, u"1.0.0"_s, u"--candidate"_s, u"1.0.0"_s, file} << 2
                                      << u"same version"_s;
        QTest::newRow("no file") << QStringList{u"--baseline"_s, u"1.0.0"_s, u"--candidate"_s, u"1.1.0"_s} << 2 << u"no input FILE"_s;
        QTest::newRow("bad alpha") << QStringList{u"--alpha"_s, u"2"_s, u"--baseline"_s, u"1.0.0"_s, u"--candidate"_s, u"1.1.0"_s, file}
                                   << 2 << u"--alpha"_s;
        QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s, file} << 2 << u"frobnicate"_s;
        QTest::newRow("missing file") << QStringList{u"--baseline"_s, u"1.0.0"_s, u"--candidate"_s, u"1.1.0"_s, u"/nonexistent/x.jsonl"_s}
                                      << 1 << u"x.jsonl"_s;
    }

    void compareExitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        for (QString &a : args) {
            if (a == u"%1")
                a = m_creep;
        }
        QByteArray out, err;
        QCOMPARE(runCli(QStringList{u"compare"_s} + args, &out, &err), code);
        QVERIFY2(QString::fromLocal8Bit(err).contains(message), err.constData());
        if (code == 0)
            QVERIFY(out.contains("--baseline"));
    }

    void compareWithoutTheCandidateKeepsShadow()
    {
        // The creep export has 1.0.0 only: the comparison still prints, saying why nothing can be decided.
        QByteArray out, err;
        QCOMPARE(runCli({u"compare"_s, u"--baseline"_s, u"1.0.0"_s, u"--candidate"_s, u"1.1.0"_s, m_creep}, &out, &err), 0);
        const QJsonObject o = QJsonDocument::fromJson(out).object();
        QCOMPARE(o.value(u"recommendation").toString(), u"KEEP_SHADOW"_s);
        QVERIFY(o.value(u"reasons").toArray().at(0).toString().contains(u"no records"_s));
        QVERIFY(err.contains("no workflow in the input has both"));
    }
};

QTEST_GUILESS_MAIN(TestEvolutionCli)
#include "tst_evolutioncli.moc"
