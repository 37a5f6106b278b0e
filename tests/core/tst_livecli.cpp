// apprentice-cli listen and serve-demo as processes: sources on loopback, events on stdout, a clean stop on
// SIGTERM or SIGINT.
#include "tst_livehelpers.h"

#include "storage/store.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <memory>

using namespace LiveTest;
using namespace Qt::StringLiterals;

namespace {

// A CLI process whose output is collected as it comes.
struct Cli {
    QProcess process;
    QByteArray out;
    QByteArray err;

    explicit Cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        process.setProcessEnvironment(env);
        QObject::connect(&process, &QProcess::readyReadStandardOutput, &process,
                         [this] { out += process.readAllStandardOutput(); });
        QObject::connect(&process, &QProcess::readyReadStandardError, &process,
                         [this] { err += process.readAllStandardError(); });
        process.start(QStringLiteral(APPRENTICE_CLI), args);
    }
    ~Cli()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(3000);
        }
    }
    /// The HOST:PORT the process announced on stderr after `prefix`, once it did.
    QString announced(const QString &prefix) const
    {
        const QRegularExpression re(QRegularExpression::escape(prefix) + u"http://(127\\.0\\.0\\.1:\\d+)"_s);
        return re.match(QString::fromUtf8(err)).captured(1);
    }
    quint16 port(const QString &prefix) const { return quint16(announced(prefix).section(u':', 1).toUInt()); }
    QList<QJsonObject> events() const
    {
        QList<QJsonObject> list;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.trimmed().isEmpty())
                list << QJsonDocument::fromJson(line).object();
        }
        return list;
    }
    bool finish(int timeoutMs = 8000)
    {
        if (!process.waitForFinished(timeoutMs))
            return false;
        out += process.readAllStandardOutput();
        err += process.readAllStandardError();
        return true;
    }
};

constexpr auto ReceivingPrefix = "receiving OTLP/HTTP JSON on ";
constexpr auto ServingPrefix = "serving ";

// One execution: a trace with fetch and send tool spans under an invoke_agent span.
/// One run of `orders`: an agent span with fetch_data and send_results; with `chatModel`, fetch_data made an LLM call.
QByteArray execution(int n, double fetchLatency = 200, const QString &chatModel = {})
{
    Span agent;
    agent.spanId = u"a%1"_s.arg(n, 15, 10, QChar(u'0'));
    agent.traceId = u"%1"_s.arg(n, 32, 10, QChar(u'0'));
    agent.name = u"invoke_agent orders"_s;
    agent.operation = u"invoke_agent"_s;
    agent.agent = u"orders"_s;
    agent.startNs += qint64(n) * 1000000000;
    Span fetch = toolSpan(u"b%1"_s.arg(n, 15, 10, QChar(u'0')), u"fetch_data"_s, fetchLatency + (n % 7), true, agent.spanId);
    fetch.traceId = agent.traceId;
    fetch.startNs = agent.startNs;
    fetch.endNs = fetch.startNs + qint64((fetchLatency + (n % 7)) * 1e6);
    Span send = toolSpan(u"c%1"_s.arg(n, 15, 10, QChar(u'0')), u"send_results"_s, 50 + (n % 5), true, agent.spanId);
    send.traceId = agent.traceId;
    send.startNs = fetch.endNs;
    send.endNs = send.startNs + qint64((50 + (n % 5)) * 1e6);
    if (chatModel.isEmpty())
        return otlpRequest(u"svc"_s, {agent, fetch, send});
    Span chat = chatSpan(u"d%1"_s.arg(n, 15, 10, QChar(u'0')), fetch.spanId, 1200, 300, chatModel);
    chat.traceId = agent.traceId;
    chat.startNs = fetch.startNs + 1000000;
    chat.endNs = fetch.startNs + 50000000;
    return otlpRequest(u"svc"_s, {agent, fetch, chat, send});
}

} // namespace

class TestLiveCli : public QObject
{
    Q_OBJECT

private slots:
    void helpAndUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("text");
        QTest::newRow("listen help") << QStringList{u"listen"_s, u"--help"_s} << 0 << u"--otlp HOST:PORT"_s;
        QTest::newRow("no source") << QStringList{u"listen"_s, u"--no-db"_s} << 2 << u"at least one source"_s;
        QTest::newRow("bad address") << QStringList{u"listen"_s, u"--no-db"_s, u"--otlp"_s, u"nowhere:x"_s} << 2 << u"--otlp"_s;
        QTest::newRow("remote without permission") << QStringList{u"listen"_s, u"--no-db"_s, u"--otlp"_s, u"0.0.0.0:0"_s}
                                                   << 2 << u"--allow-remote"_s;
        QTest::newRow("unset token variable") << QStringList{u"listen"_s, u"--no-db"_s, u"--otlp"_s, u":0"_s,
                                                             u"--token-env"_s, u"APPRENTICE_TEST_UNSET_TOKEN"_s}
                                              << 2 << u"not set"_s;
        QTest::newRow("serve-demo help") << QStringList{u"serve-demo"_s, u"--help"_s} << 0 << u"GET /events"_s;
        QTest::newRow("serve-demo bad speed") << QStringList{u"serve-demo"_s, u"--speed"_s, u"fast"_s} << 2 << u"--speed"_s;
        QTest::newRow("serve-demo bad host") << QStringList{u"serve-demo"_s, u"--host"_s, u"example.org"_s} << 2 << u"--host"_s;
    }
    void helpAndUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, text);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"APPRENTICE_TEST_UNSET_TOKEN"_s);
        Cli cli(args, env);
        QVERIFY(cli.finish());
        QCOMPARE(cli.process.exitCode(), exitCode);
        QVERIFY2((exitCode == 0 ? cli.out : cli.err).contains(text.toUtf8()), cli.err.constData());
    }

    void listenAnalysesSpansUntilSigterm()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"live.sqlite"_s);
        Cli cli({u"listen"_s, u"--otlp"_s, u"127.0.0.1:0"_s, u"--db"_s, db, u"--graduate-after"_s, u"20"_s});
        QTRY_VERIFY(!cli.announced(QString::fromLatin1(ReceivingPrefix)).isEmpty());
        RawClient client;
        QVERIFY(client.connectTo(cli.port(QString::fromLatin1(ReceivingPrefix))));
        for (int n = 1; n <= 40; ++n) {
            // Two runs call an LLM: one model the price table knows, one it does not.
            const QString model = n == 39 ? u"gpt-4o-mini"_s : n == 40 ? u"in-house-llm-7"_s : QString();
            QCOMPARE(client.exchange(post(execution(n, 200, model), {}, 256)).status, 200); // chunked, kept alive, like the SDK
        }
        // Live: the graduation shows up while the receiver still runs.
        QTRY_VERIFY(cli.out.contains("\"event\":\"graduated\""));
        QCOMPARE(cli.process.state(), QProcess::Running);
        const QJsonObject graduated = cli.events().constFirst();
        QCOMPARE(graduated.value(u"workflow").toString(), u"orders"_s);
        QVERIFY(graduated.value(u"line").toInteger() > 40 && graduated.value(u"line").toInteger() <= 80);

        cli.process.terminate(); // SIGTERM
        QVERIFY(cli.finish());
        QCOMPARE(cli.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli.process.exitCode(), 0);
        const QJsonObject summary = cli.events().constLast();
        QCOMPARE(summary.value(u"event").toString(), u"summary"_s);
        QCOMPARE(summary.value(u"records").toInteger(), 80);
        QCOMPARE(summary.value(u"rejected").toInteger(), 0);
        QCOMPARE(summary.value(u"executions").toInteger(), 40);
        QCOMPARE(summary.value(u"llm_calls").toInteger(), 2);
        QCOMPARE(summary.value(u"llm_calls_unpriced").toInteger(), 1);

        Apprentice::Store store;
        QString error;
        QVERIFY2(store.open(db, &error), qPrintable(error));
        Apprentice::EngineSnapshot snapshot;
        QVERIFY(store.loadSnapshot(snapshot, &error));
        QCOMPARE(snapshot.workflows.size(), size_t(1));
        QCOMPARE(snapshot.workflows.front().workflow, u"orders"_s);
    }

    void sigintFlushesAndReportsRejections()
    {
        Cli cli({u"listen"_s, u"--otlp"_s, u":0"_s, u"--no-db"_s});
        QTRY_VERIFY(!cli.announced(QString::fromLatin1(ReceivingPrefix)).isEmpty());
        RawClient client;
        QVERIFY(client.connectTo(cli.port(QString::fromLatin1(ReceivingPrefix))));
        Span bad = toolSpan(u"0000000000000bad"_s, QString(), 1);
        bad.name = u"execute_tool"_s;
        const Reply reply = client.exchange(post(otlpRequest(u"svc"_s, {bad, toolSpan(u"0000000000000001"_s, u"ok"_s, 3)})));
        QCOMPARE(reply.status, 200);
        QCOMPARE(client.exchange(post("{nope")).status, 400);
        QTRY_VERIFY(cli.err.contains("0000000000000bad"));
        ::kill(pid_t(cli.process.processId()), SIGINT);
        QVERIFY(cli.finish());
        QCOMPARE(cli.process.exitCode(), 0);
        const QJsonObject summary = cli.events().constLast();
        QCOMPARE(summary.value(u"records").toInteger(), 1);
        QCOMPARE(summary.value(u"rejected").toInteger(), 1);
        QVERIFY2(cli.err.contains("HTTP 400"), cli.err.constData()); // the refused request shows on stderr
    }

    void tokenFromTheEnvironmentIsRequired()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"APPRENTICE_TEST_TOKEN"_s, u"t0ken"_s);
        Cli cli({u"listen"_s, u"--otlp"_s, u":0"_s, u"--no-db"_s, u"--token-env"_s, u"APPRENTICE_TEST_TOKEN"_s}, env);
        QTRY_VERIFY(!cli.announced(QString::fromLatin1(ReceivingPrefix)).isEmpty());
        QVERIFY(cli.err.contains("bearer token required"));
        RawClient client;
        QVERIFY(client.connectTo(cli.port(QString::fromLatin1(ReceivingPrefix))));
        QCOMPARE(client.exchange(post(execution(1))).status, 401);
        RawClient authorised;
        QVERIFY(authorised.connectTo(cli.port(QString::fromLatin1(ReceivingPrefix))));
        QCOMPARE(authorised.exchange(post(execution(1), {{"Authorization", "Bearer t0ken"}})).status, 200);
        cli.process.terminate();
        QVERIFY(cli.finish());
        QCOMPARE(cli.events().constLast().value(u"records").toInteger(), 2);
    }

    void takenPortIsAnIoFailure()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress(QHostAddress::LocalHost), 0));
        Cli cli({u"listen"_s, u"--no-db"_s, u"--otlp"_s, u"127.0.0.1:%1"_s.arg(taken.serverPort())});
        QVERIFY(cli.finish());
        QCOMPARE(cli.process.exitCode(), 1);
        QVERIFY2(cli.err.contains("cannot listen"), cli.err.constData());
        QVERIFY(cli.out.isEmpty());
    }

    void listenWarnsOfTrendsLikeAnalyze()
    {
        // Twelve days of slow creep, followed as a file tail: the same trend warnings at the same records
        // with the same slopes as analyze gives for the file.
        QTemporaryDir dir;
        const QString file = dir.filePath(u"creep.jsonl"_s);
        QProcess sim;
        sim.start(QStringLiteral(APPRENTICE_CLI), {u"simulate"_s, u"--scenario"_s, u"slow_creep"_s, u"--days"_s, u"12"_s,
                                                   u"--rate"_s, u"2000"_s, u"--at"_s, u"0"_s, u"--out"_s, file});
        QVERIFY(sim.waitForFinished(60000) && sim.exitCode() == 0);
        Cli analyze({u"analyze"_s, u"--no-db"_s, file});
        QVERIFY(analyze.finish(60000));
        const auto lineTrends = [](const QList<QJsonObject> &events) {
            QList<QJsonObject> trends;
            for (const QJsonObject &e : events)
                if (e.value(u"event").toString() == u"trend" && e.contains(u"line"))
                    trends << e;
            return trends;
        };
        const QList<QJsonObject> expected = lineTrends(analyze.events());
        QVERIFY(!expected.isEmpty());

        Cli listen({u"listen"_s, u"--no-db"_s, u"--tail"_s, file});
        QTRY_VERIFY_WITH_TIMEOUT(lineTrends(listen.events()).size() >= expected.size(), 60000);
        listen.process.terminate();
        QVERIFY(listen.finish());
        QCOMPARE(listen.process.exitCode(), 0);
        const QList<QJsonObject> got = lineTrends(listen.events());
        QCOMPARE(got.size(), expected.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].value(u"line").toInteger(), expected[i].value(u"line").toInteger());
            QCOMPARE(got[i].value(u"tool").toString(), expected[i].value(u"tool").toString());
            QCOMPARE(got[i].value(u"slope_per_day").toDouble(), expected[i].value(u"slope_per_day").toDouble());
        }
    }

    void aTailGoesOnWhereTheLastListenStopped()
    {
        // listen --tail with a store remembers how far it followed the file; the next listen (or analyze) reads on
        // from there instead of counting the file again.
        QTemporaryDir dir;
        const QString source = dir.filePath(u"source.jsonl"_s);
        QProcess sim;
        sim.start(QStringLiteral(APPRENTICE_CLI), {u"simulate"_s, u"--executions"_s, u"120"_s, u"--out"_s, source});
        QVERIFY(sim.waitForFinished(60000) && sim.exitCode() == 0);
        QFile in(source);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = in.readAll().split('\n');
        const QString file = dir.filePath(u"app.jsonl"_s);
        const QString db = dir.filePath(u"tail.sqlite"_s);
        const auto append = [&](int from, int to) {
            QFile out(file);
            QVERIFY(out.open(QIODevice::Append));
            for (int i = from; i < to; ++i)
                out.write(lines[i] + '\n');
        };
        // Lines the store says are done for the file (−1: none yet).
        const auto storedLines = [&] {
            Apprentice::Store store;
            std::vector<Apprentice::ImportedFile> rows;
            if (!store.open(db, nullptr) || !store.loadImportedFiles(QFileInfo(file).canonicalFilePath(), rows, nullptr) || rows.empty())
                return qint64(-1);
            return rows.front().lines;
        };
        const QStringList listenArgs{u"listen"_s, u"--db"_s, db, u"--tail"_s, file};
        append(0, 240);
        {
            Cli listen(listenArgs);
            QTRY_COMPARE_WITH_TIMEOUT(storedLines(), qint64(240), 20000); // written every 5 s while it runs
            listen.process.terminate();
            QVERIFY(listen.finish());
            QCOMPARE(listen.events().last().value(u"records").toInt(), 240);
        }
        append(240, 400);
        {
            Cli listen(listenArgs);
            QTRY_COMPARE_WITH_TIMEOUT(storedLines(), qint64(400), 20000);
            listen.process.terminate();
            QVERIFY(listen.finish());
            QCOMPARE(listen.events().last().value(u"records").toInt(), 160); // not 400
            QVERIFY2(listen.err.contains("following after line 240"), listen.err.constData());
        }

        // analyze of the same file reads what came after the tail stopped.
        append(400, 440);
        Cli analyze({u"analyze"_s, u"--db"_s, db, file});
        QVERIFY(analyze.finish(60000));
        QCOMPARE(analyze.events().last().value(u"records").toInt(), 40);
    }

    void serveDemoFeedsListenEndToEnd()
    {
        // The demo's API slows down after 60 executions: listening over SSE must graduate, then see the drift.
        Cli server({u"serve-demo"_s, u"--port"_s, u"0"_s, u"--speed"_s, u"0"_s, u"--executions"_s, u"120"_s,
                    u"--scenario"_s, u"api_slowdown"_s, u"--at"_s, u"60"_s});
        QTRY_VERIFY(!server.announced(QString::fromLatin1(ServingPrefix)).isEmpty());
        const QString base = u"http://"_s + server.announced(QString::fromLatin1(ServingPrefix));
        Cli listen({u"listen"_s, u"--sse"_s, base + u"/events"_s, u"--no-db"_s, u"--graduate-after"_s, u"30"_s,
                    u"--quiet-anomalies"_s});
        QTRY_VERIFY_WITH_TIMEOUT(listen.out.contains("\"event\":\"drift\""), 8000);
        // The stream ends after 480 records; reconnecting resumes after the last id, so nothing repeats.
        QTRY_VERIFY(listen.err.contains("the server ended the stream"));
        listen.process.terminate();
        QVERIFY(listen.finish());
        QCOMPARE(listen.process.exitCode(), 0);
        const QList<QJsonObject> events = listen.events();
        QCOMPARE(events.constFirst().value(u"event").toString(), u"graduated"_s);
        QCOMPARE(events.constFirst().value(u"workflow").toString(), u"process_customer_order"_s);
        bool fetchDrift = false;
        for (const QJsonObject &e : events)
            fetchDrift |= e.value(u"event").toString() == u"drift" && e.value(u"tool").toString() == u"fetch_data";
        QVERIFY(fetchDrift);
        QCOMPARE(events.constLast().value(u"records").toInteger(), 480);
        server.process.terminate();
        QVERIFY(server.finish());
        QCOMPARE(server.process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLiveCli)
#include "tst_livecli.moc"
