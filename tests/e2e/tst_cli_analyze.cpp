// apprentice-cli analyze end to end: real files, real processes, a real SQLite store and an
// OpenAI-compatible server on loopback for the tier ladder.
#include "core/fakellmserver.h"

#include "storage/store.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QList<QJsonObject> events;
    QStringList stderrLines;
};

Run runCli(const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(QStringLiteral(APPRENTICE_CLI), args);
    // Wait with the event loop running, so servers in this process can answer.
    QDeadlineTimer deadline(timeoutMs);
    while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    Run r;
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        qWarning() << "timed out:" << args;
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        r.events << doc.object();
    }
    for (const QByteArray &line : p.readAllStandardError().split('\n'))
        if (!line.isEmpty())
            r.stderrLines << QString::fromUtf8(line);
    return r;
}

QList<QJsonObject> ofKind(const Run &r, const char *kind)
{
    QList<QJsonObject> out;
    for (const QJsonObject &e : r.events)
        if (e.value(QStringLiteral("event")).toString() == QLatin1String(kind))
            out << e;
    return out;
}

} // namespace

class TestCliAnalyze : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    void simulate(const QString &out, const QString &scenario, int executions, int at)
    {
        const Run r = runCli({QStringLiteral("simulate"), QStringLiteral("--scenario"), scenario,
                              QStringLiteral("--executions"), QString::number(executions), QStringLiteral("--at"),
                              QString::number(at), QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 0);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void slowdownIsDetectedWithinTwoCalls()
    {
        simulate(path(QStringLiteral("slow.jsonl")), QStringLiteral("api_slowdown"), 1200, 600);
        const Run r = runCli({QStringLiteral("analyze"), QStringLiteral("--no-db"), path(QStringLiteral("slow.jsonl"))});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.stderrLines.isEmpty());
        const auto grads = ofKind(r, "graduated");
        QCOMPARE(grads.size(), 1);
        QVERIFY(grads[0].value(QStringLiteral("executions")).toInt() >= 50);
        const auto drifts = ofKind(r, "drift");
        QVERIFY(!drifts.isEmpty());
        const QJsonObject d = drifts[0];
        QCOMPARE(d.value(QStringLiteral("tool")).toString(), QStringLiteral("fetch_data"));
        QCOMPARE(d.value(QStringLiteral("metric")).toString(), QStringLiteral("latency_ms"));
        QCOMPARE(d.value(QStringLiteral("direction")).toString(), QStringLiteral("up"));
        // Execution 601 starts at line 2401 (4 calls each): detected by its 2nd fetch_data call.
        const int line = d.value(QStringLiteral("line")).toInt();
        QVERIFY2(line == 2401 || line == 2405, qPrintable(QString::number(line)));
        const auto diags = ofKind(r, "diagnosis");
        QCOMPARE(diags[0].value(QStringLiteral("action")).toString(), QStringLiteral("UPDATE_PROFILE"));
        QCOMPARE(diags[0].value(QStringLiteral("tier")).toString(), QStringLiteral("rules"));
        const QJsonObject summary = r.events.last();
        QCOMPARE(summary.value(QStringLiteral("event")).toString(), QStringLiteral("summary"));
        QCOMPARE(summary.value(QStringLiteral("records")).toInt(), 4800);
        QCOMPARE(summary.value(QStringLiteral("rejected")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("workflows")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("drift_events")).toInt(), drifts.size());
        QVERIFY(qFuzzyCompare(summary.value(QStringLiteral("always_on_cost_usd")).toDouble(), 1200 * 0.01));
        QVERIFY(summary.value(QStringLiteral("monitoring_cost_usd")).toDouble() < 0.1 * 1200 * 0.01);
    }

    void rejectedLinesGoToStderrAndTheRestIsAnalysed()
    {
        QFile f(path(QStringLiteral("bad.jsonl")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"ts\":\"2026-10-01T00:00:00Z\",\"workflow\":\"w\",\"tool\":\"t\",\"latency_ms\":5,\"status\":\"ok\"}\n"
                "{not json\n"
                "{\"ts\":\"2026-10-01T00:00:01Z\",\"workflow\":\"w\",\"tool\":\"t\",\"latency_ms\":-4,\"status\":\"ok\"}\n"
                "{\"ts\":\"2026-10-01T00:00:02Z\",\"workflow\":\"w\",\"tool\":\"t\",\"latency_ms\":6,\"status\":\"ok\"}\n");
        f.close();
        const Run r = runCli({QStringLiteral("analyze"), QStringLiteral("--no-db"), f.fileName()});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.stderrLines.size(), 2);
        QVERIFY(r.stderrLines[0].startsWith(f.fileName() + QStringLiteral(":2: ")));
        QVERIFY(r.stderrLines[1].startsWith(f.fileName() + QStringLiteral(":3: ")));
        QVERIFY(r.stderrLines[1].contains(QStringLiteral("latency_ms")));
        const QJsonObject summary = r.events.last();
        QCOMPARE(summary.value(QStringLiteral("records")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("rejected")).toInt(), 2);
    }

    void progressOnlyOnATerminal()
    {
        // On a terminal the import's progress rewrites one stderr line and is erased at the end; a rejected
        // line still gets a line of its own. Through pipes (every other test here) stderr has only rejections.
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty())
            QSKIP("no script(1) to give the command a terminal");
        QFile f(path(QStringLiteral("tty.jsonl")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 60000; ++i) // 5 MB: two batches, so progress shows before the bad line
            f.write(QByteArrayLiteral("{\"ts\":\"2026-10-01T00:00:00Z\",\"workflow\":\"w\",\"tool\":\"t\",\"latency_ms\":5,\"status\":\"ok\"}\n"));
        f.write("{not json\n");
        f.close();
        const QString command = QStringLiteral("%1 analyze --no-db %2 > /dev/null").arg(QStringLiteral(APPRENTICE_CLI), f.fileName());
        QProcess p;
        p.start(script, {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray tty = p.readAllStandardOutput(); // the terminal: the command's stderr
        const QByteArray erase = "\r\033[K";
        QVERIFY2(tty.contains(QByteArray(erase + "apprentice-cli analyze: " + f.fileName().toUtf8() + "  100 %")), tty.constData());
        QVERIFY2(tty.endsWith(erase), tty.constData()); // nothing left standing after the summary
        // the rejection, on a clean line: the progress line shown before it is erased first
        QVERIFY2(tty.contains(QByteArray(erase + f.fileName().toUtf8() + ":60001: ")), tty.constData());
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("missing file") << QStringList{QStringLiteral("analyze"), QStringLiteral("--no-db"), QStringLiteral("/nonexistent/x.jsonl")} << 1;
        QTest::newRow("no file") << QStringList{QStringLiteral("analyze"), QStringLiteral("--no-db")} << 2;
        QTest::newRow("unknown option") << QStringList{QStringLiteral("analyze"), QStringLiteral("--frobnicate"), QStringLiteral("x")} << 2;
        QTest::newRow("bad number") << QStringList{QStringLiteral("analyze"), QStringLiteral("--graduate-after"), QStringLiteral("0"), QStringLiteral("x")} << 2;
        QTest::newRow("help") << QStringList{QStringLiteral("analyze"), QStringLiteral("--help")} << 0;
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2;
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QCOMPARE(runCli(args).exitCode, exitCode);
    }

    void knowledgeIsPermanentAcrossRuns()
    {
        const QString db = path(QStringLiteral("store.sqlite"));
        simulate(path(QStringLiteral("a.jsonl")), QStringLiteral("normal"), 300, 0);
        Run first = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, path(QStringLiteral("a.jsonl"))});
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(ofKind(first, "graduated").size(), 1);
        // Newer data of the same workflow: it stays graduated, so no second graduation and no
        // apprenticeship spend; its profile keeps growing.
        const Run r = runCli({QStringLiteral("simulate"), QStringLiteral("--executions"), QStringLiteral("100"),
                              QStringLiteral("--seed"), QStringLiteral("2"), QStringLiteral("--start"),
                              QStringLiteral("2026-10-02T00:00:00Z"), QStringLiteral("--out"), path(QStringLiteral("b.jsonl"))});
        QCOMPARE(r.exitCode, 0);
        Run second = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, path(QStringLiteral("b.jsonl"))});
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(ofKind(second, "graduated").size(), 0);
        QCOMPARE(second.events.last().value(QStringLiteral("monitoring_cost_usd")).toDouble(), 0.0);
        const Run show = runCli({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("--db"), db,
                                 QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(show.exitCode, 0);
    }

    /// A simulated export's lines (the last one empty: the file ends with a newline).
    QList<QByteArray> simulatedLines(const QString &out, const QString &scenario, int executions, int at)
    {
        simulate(out, scenario, executions, at);
        QFile in(out);
        return in.open(QIODevice::ReadOnly) ? in.readAll().split('\n') : QList<QByteArray>();
    }

    static QStringList keyEvents(const QList<QJsonObject> &events, qint64 fromLine = 0)
    {
        QStringList out;
        for (const QJsonObject &e : events) {
            const QString kind = e.value(u"event").toString();
            if (kind == u"summary" || kind == u"trend" || e.value(u"line").toInteger() <= fromLine)
                continue;
            out << QStringLiteral("%1 %2 %3 %4").arg(kind, e.value(u"tool").toString(), e.value(u"metric").toString())
                       .arg(e.value(u"line").toInteger());
        }
        return out;
    }

    void aGrownLogIsReadOnAndAnUnchangedOneSkipped()
    {
        const QString whole = path(QStringLiteral("whole.jsonl"));
        const QList<QByteArray> lines = simulatedLines(whole, QStringLiteral("api_slowdown"), 400, 250);
        QCOMPARE(lines.size(), 1601); // 1600 records and the empty rest after the last newline
        const QString log = path(QStringLiteral("growing.jsonl"));
        const auto writeLines = [&](int from, int to, QIODevice::OpenMode mode) {
            QFile out(log);
            QVERIFY(out.open(mode));
            for (int i = from; i < to; ++i)
                out.write(lines[i] + '\n');
        };
        writeLines(0, 1000, QIODevice::WriteOnly);
        const QString db = path(QStringLiteral("growing.sqlite"));
        const Run day1 = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, log});
        QCOMPARE(day1.exitCode, 0);
        QCOMPARE(day1.events.last().value(u"records").toInt(), 1000);

        // Nothing new: skipped, and said so.
        const Run again = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, log});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.events.last().value(u"records").toInt(), 0);
        QVERIFY2(again.stderrLines.join(u'\n').contains(u"already imported up to line 1,000"), qPrintable(again.stderrLines.join(u'\n')));

        // The log grew: only the new lines are read, with their own line numbers, and together the two runs
        // report what one run over the whole file reports.
        writeLines(1000, 1600, QIODevice::Append);
        const Run day2 = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, log});
        QCOMPARE(day2.exitCode, 0);
        QCOMPARE(day2.events.last().value(u"records").toInt(), 600);
        QVERIFY2(day2.stderrLines.join(u'\n').contains(u"continuing after line 1,000"), qPrintable(day2.stderrLines.join(u'\n')));
        QVERIFY(keyEvents(day2.events, 1000) == keyEvents(day2.events));
        const Run reference = runCli({QStringLiteral("analyze"), QStringLiteral("--no-db"), whole});
        QCOMPARE(reference.exitCode, 0);
        QVERIFY(!ofKind(reference, "drift").isEmpty());
        QCOMPARE(keyEvents(day1.events) + keyEvents(day2.events), keyEvents(reference.events));

        // Given twice in one run: read once.
        const Run twice = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), path(QStringLiteral("twice.sqlite")), log, log});
        QCOMPARE(twice.events.last().value(u"records").toInt(), 1600);
        QVERIFY2(twice.stderrLines.join(u'\n').contains(u"given more than once: read once"), qPrintable(twice.stderrLines.join(u'\n')));

        // --from-start reads it all again (and counts it again).
        const Run all = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, QStringLiteral("--from-start"), log});
        QCOMPARE(all.events.last().value(u"records").toInt(), 1600);

        // Another file under the same name (rotated): read from its first line.
        writeLines(1200, 1300, QIODevice::WriteOnly);
        const Run rotated = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, log});
        QCOMPARE(rotated.events.last().value(u"records").toInt(), 100);
        QVERIFY2(rotated.stderrLines.join(u'\n').contains(u"not the file imported on"), qPrintable(rotated.stderrLines.join(u'\n')));
    }

    void aRotatedLogIsRecognisedUnderItsNewName()
    {
        const QList<QByteArray> lines = simulatedLines(path(QStringLiteral("rotation-source.jsonl")), QStringLiteral("normal"), 400, 0);
        const auto write = [&](const QString &name, int from, int to, QIODevice::OpenMode mode) {
            QFile out(path(name));
            QVERIFY(out.open(mode));
            for (int i = from; i < to; ++i)
                out.write(lines[i] + '\n');
        };
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("logs")));
        const QString db = path(QStringLiteral("rotation.sqlite"));
        write(QStringLiteral("logs/app.log"), 0, 1000, QIODevice::WriteOnly);
        QCOMPARE(runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, path(QStringLiteral("logs/app.log"))})
                     .events.last().value(u"records").toInt(), 1000);
        // The writer goes on, then the log rotates: app.log becomes app.log.1, a new app.log starts.
        write(QStringLiteral("logs/app.log"), 1000, 1200, QIODevice::Append);
        QVERIFY(QFile::rename(path(QStringLiteral("logs/app.log")), path(QStringLiteral("logs/app.log.1"))));
        write(QStringLiteral("logs/app.log"), 1200, 1500, QIODevice::WriteOnly);
        // In glob order, the new file first: it is read whole, and the rotated one only after line 1,000.
        const QStringList both{path(QStringLiteral("logs/app.log")), path(QStringLiteral("logs/app.log.1"))};
        const Run after = runCli(QStringList{QStringLiteral("analyze"), QStringLiteral("--db"), db} + both);
        QCOMPARE(after.exitCode, 0);
        QCOMPARE(after.events.last().value(u"records").toInt(), 300 + 200);
        const QString notes = after.stderrLines.join(u'\n');
        QVERIFY2(notes.contains(u"app.log: not the file imported on") && notes.contains(u"app.log.1: continuing after line 1,000")
                     && notes.contains(QDir::toNativeSeparators(QFileInfo(path(QStringLiteral("logs/app.log"))).canonicalFilePath())),
                 qPrintable(notes));
        const Run again = runCli(QStringList{QStringLiteral("analyze"), QStringLiteral("--db"), db} + both);
        QCOMPARE(again.events.last().value(u"records").toInt(), 0);
        QCOMPARE(again.stderrLines.filter(QStringLiteral("nothing new")).size(), 2);

        // A file that only begins like one read before (the same first records, then others) is not that file.
        write(QStringLiteral("logs/other.log"), 0, 800, QIODevice::WriteOnly);
        write(QStringLiteral("logs/other.log"), 1400, 1600, QIODevice::Append);
        write(QStringLiteral("logs/other.log"), 1400, 1600, QIODevice::Append);
        const Run other = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, path(QStringLiteral("logs/other.log"))});
        QCOMPARE(other.events.last().value(u"records").toInt(), 1200);
        QVERIFY2(other.stderrLines.filter(QStringLiteral("continuing")).isEmpty(), qPrintable(other.stderrLines.join(u'\n')));
    }

    void aStoreBeingWrittenIsLeftToItsWriter()
    {
        const QString db = path(QStringLiteral("claimed.sqlite"));
        const QString file = path(QStringLiteral("claimed.jsonl"));
        simulate(file, QStringLiteral("normal"), 60, 0);
        {
            Apprentice::Store console; // another writer, such as a console session, holds it
            QString error;
            QVERIFY2(console.open(db, &error) && console.claimWriting(&error), qPrintable(error));
            const Run refused = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, file});
            QCOMPARE(refused.exitCode, 1);
            QVERIFY2(refused.stderrLines.join(u'\n').contains(u"is being written by"), qPrintable(refused.stderrLines.join(u'\n')));
            QVERIFY(refused.events.isEmpty());
        }
        const Run done = runCli({QStringLiteral("analyze"), QStringLiteral("--db"), db, file});
        QCOMPARE(done.exitCode, 0);
        QCOMPARE(done.events.last().value(u"records").toInt(), 240);
    }

    void tiersAreConsultedAndChargedByTokens()
    {
        FakeLlm::Server server;
        QVERIFY(server.isListening());
        // Every call answers with ~20 prompt and 5 completion tokens.
        server.route("/v1/chat/completions",
                     FakeLlm::Response::json(200, FakeLlm::openaiChat(FakeLlm::diagnosisJson("NORMAL", 0.97, "UPDATE_PROFILE"), 20, 5)));
        QFile tiers(path(QStringLiteral("tiers.json")));
        QVERIFY(tiers.open(QIODevice::WriteOnly));
        tiers.write(QStringLiteral(R"({"tiers":[{"name":"cheap","provider":"openai","base_url":"%1","model":"gpt-4o-mini",
            "accept_confidence":0.9,"input_usd_per_mtok":0.15,"output_usd_per_mtok":0.60,"timeout_s":10}]})")
                        .arg(server.url()).toUtf8());
        tiers.close();
        simulate(path(QStringLiteral("t.jsonl")), QStringLiteral("api_slowdown"), 200, 100);
        const Run r = runCli({QStringLiteral("analyze"), QStringLiteral("--no-db"), QStringLiteral("--tiers"), tiers.fileName(),
                              path(QStringLiteral("t.jsonl"))});
        QCOMPARE(r.exitCode, 0);
        const double perCall = 20 * 0.15e-6 + 5 * 0.60e-6;
        const auto diags = ofKind(r, "diagnosis");
        QVERIFY(!diags.isEmpty());
        for (const QJsonObject &d : diags) {
            QCOMPARE(d.value(QStringLiteral("tier")).toString(), QStringLiteral("cheap"));
            QVERIFY(qFuzzyCompare(d.value(QStringLiteral("cost_usd")).toDouble(), perCall));
        }
        // Every apprentice run reviewed plus each drift investigated, all priced by tokens.
        const QJsonObject summary = r.events.last();
        QCOMPARE(summary.value(QStringLiteral("cost_basis")).toString(), QStringLiteral("tokens"));
        QVERIFY(server.count() >= 50 + diags.size());
        QVERIFY(qFuzzyCompare(summary.value(QStringLiteral("monitoring_cost_usd")).toDouble(),
                              std::round(server.count() * perCall * 1e6) / 1e6));
    }
};

QTEST_GUILESS_MAIN(TestCliAnalyze)
#include "tst_cli_analyze.moc"
