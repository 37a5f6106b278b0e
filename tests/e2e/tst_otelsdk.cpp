// A workflow instrumented with the real OpenTelemetry JavaScript SDK (GenAI semantic conventions, BatchSpanProcessor,
// OTLP/HTTP JSON exporter) pointed at the console's receiver: every tool span must arrive as a record with the right
// workflow, tool, latency and status, and the workflow must be profiled and graduate like an imported one.
// Needs node and npm; the SDK packages are installed by otel/setup.sh (also run from here when missing).
#include "engine.h"
#include "live/connectionmanager.h"
#include "record.h"

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include <map>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

struct Sent {
    QString trace;
    QString tool;
    double latencyMs = 0;
    bool ok = true;
    QString error;
    double inputTokens = -1;
};

double custom(const Record &r, const char *name)
{
    for (const auto &[key, value] : r.custom) {
        if (key == name)
            return value;
    }
    return -1;
}

} // namespace

class TestOtelSdk : public QObject
{
    Q_OBJECT

private:
    QString m_node;
    QString m_script;
    QString m_modules;

    struct Run {
        std::vector<Sent> sent;
        std::vector<Record> records;
        std::vector<Event> events;
        OtlpReceiverStats stats;
    };

    // Starts a receiver through the ConnectionManager (as the console does), runs the SDK script against it and
    // collects what arrives, feeding an engine as it comes.
    void run(Run &out, int executions, int failing, const QString &token, bool gzip, int graduateAfter)
    {
        ConnectionManager manager;
        LiveOptions options;
        options.flushIntervalMs = 20;
        manager.setOptions(options);
        EngineConfig config;
        config.graduationExecutions = graduateAfter;
        Engine engine(config);
        engine.setEventHandler([&](const Event &e) { out.events.push_back(e); });
        connect(&manager, &ConnectionManager::recordsReceived, this, [&](const std::vector<LiveBatch> &batches) {
            for (const LiveBatch &b : batches) {
                for (const Record &r : b.records) {
                    engine.process(r);
                    out.records.push_back(r);
                }
            }
        });
        ConnectionSpec spec;
        spec.address = u"127.0.0.1:0"_s;
        spec.token = token;
        QString error;
        const int id = manager.addConnection(spec, &error);
        QVERIFY2(id > 0, qPrintable(error));

        QProcess node;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"NODE_PATH"_s, m_modules);
        env.insert(u"OTLP_URL"_s, u"http://%1/v1/traces"_s.arg(manager.connection(id).endpoint));
        env.insert(u"EXECUTIONS"_s, QString::number(executions));
        env.insert(u"FAILING"_s, QString::number(failing));
        env.insert(u"OTLP_COMPRESSION"_s, gzip ? u"gzip"_s : u"none"_s);
        if (!token.isEmpty())
            env.insert(u"OTLP_TOKEN"_s, token);
        node.setProcessEnvironment(env);
        node.start(m_node, {m_script});
        QVERIFY2(node.waitForStarted(5000), qPrintable(node.errorString()));
        // The manager delivers while the SDK exports: spin the event loop until node is done.
        QTRY_VERIFY_WITH_TIMEOUT(node.state() == QProcess::NotRunning, 30000);
        const QByteArray err = node.readAllStandardError();
        QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0, err.constData());
        for (const QByteArray &line : node.readAllStandardOutput().split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            Sent s;
            s.trace = o.value(u"trace").toString();
            s.tool = o.value(u"tool").toString();
            s.latencyMs = o.value(u"latency_ms").toDouble();
            s.ok = o.value(u"status").toString() == u"ok";
            s.error = o.value(u"error").toString();
            s.inputTokens = o.value(u"input_tokens").isNull() ? -1 : o.value(u"input_tokens").toDouble();
            out.sent.push_back(s);
        }
        QCOMPARE(int(out.sent.size()), executions * 4);
        QTRY_COMPARE(out.records.size(), out.sent.size());
        out.stats = *manager.receiverStats(id);
        manager.removeAll();
        manager.flush();
        QCOMPARE(out.records.size(), out.sent.size()); // nothing more, nothing twice
        engine.finish();
    }

    static void checkEverySpanArrived(const Run &run)
    {
        std::map<std::pair<QString, QString>, const Record *> byKey;
        for (const Record &r : run.records)
            byKey[{QString::fromStdString(r.execution), QString::fromStdString(r.tool)}] = &r;
        QCOMPARE(byKey.size(), run.records.size());
        for (const Sent &s : run.sent) {
            const auto it = byKey.find({s.trace, s.tool});
            QVERIFY2(it != byKey.end(), qPrintable(s.trace + u' ' + s.tool));
            const Record &r = *it->second;
            QCOMPARE(r.workflow, std::string("order_agent")); // from the invoke_agent span, even across batches
            QCOMPARE(r.version, std::string("1.2.3"));
            QCOMPARE(r.value(Metric::Latency), s.latencyMs);
            QCOMPARE(r.ok, s.ok);
            QCOMPARE(QString::fromStdString(r.error), s.error);
            if (s.inputTokens >= 0) {
                QCOMPARE(custom(r, "input_tokens"), s.inputTokens);
                QCOMPARE(r.value(Metric::Cost), 0.0); // ollama: priced by the table, at 0
            }
        }
    }

private slots:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(u"node"_s);
        const QString npm = QStandardPaths::findExecutable(u"npm"_s);
        if (m_node.isEmpty() || npm.isEmpty())
            QSKIP("node and npm are needed to run the OpenTelemetry JavaScript SDK (Debian: apt install nodejs npm)");
        m_script = QFINDTESTDATA("otel/send-spans.js");
        QString setup = QFINDTESTDATA("otel/setup.sh");
        if (m_script.isEmpty() || setup.isEmpty()) {
            // A compiler cache with a base directory makes __FILE__ relative to the build root, the folder above
            // the test executables', where QFINDTESTDATA does not look.
            const QDir here = QFileInfo(QDir(QCoreApplication::applicationDirPath() + u"/.."_s)
                                            .filePath(QString::fromUtf8(__FILE__))).absoluteDir();
            m_script = here.exists(u"otel/send-spans.js"_s) ? here.filePath(u"otel/send-spans.js"_s) : QString();
            setup = here.exists(u"otel/setup.sh"_s) ? here.filePath(u"otel/setup.sh"_s) : QString();
        }
        QVERIFY(!m_script.isEmpty() && !setup.isEmpty());
        QString dir = qEnvironmentVariable("APPRENTICE_OTEL_DIR");
        if (dir.isEmpty())
            dir = QCoreApplication::applicationDirPath() + u"/otel-sdk"_s;
        m_modules = QDir(dir).filePath(u"node_modules"_s);
        if (!QFile::exists(m_modules + u"/@opentelemetry/exporter-trace-otlp-http/package.json"_s)) {
            QProcess install;
            install.start(u"sh"_s, {setup, dir});
            if (!install.waitForFinished(240000) || install.exitCode() != 0
                || !QFile::exists(m_modules + u"/@opentelemetry/exporter-trace-otlp-http/package.json"_s)) {
                QStringList lines = QString::fromUtf8(install.readAllStandardError()).split(u'\n', Qt::SkipEmptyParts);
                const QString why = lines.mid(std::max<qsizetype>(0, lines.size() - 3)).join(u" / "_s);
                QSKIP(qPrintable(u"could not install the OpenTelemetry SDK with npm into %1 (run tests/e2e/otel/setup.sh): %2"_s
                                     .arg(dir, why)));
            }
        }
    }

    void sdkSpansArriveAsRecordsAndTheWorkflowGraduates()
    {
        Run run;
        this->run(run, 60, 0, QString(), false, 20);
        if (QTest::currentTestFailed())
            return;
        checkEverySpanArrived(run);
        // The real exporter sends its JSON chunked over a kept-alive connection.
        QVERIFY(run.stats.requestsOk >= 2);
        QCOMPARE(run.stats.requestsChunked, run.stats.requestsOk);
        QVERIFY2(run.stats.connectionsAccepted < run.stats.requestsOk,
                 qPrintable(u"%1 connections for %2 requests"_s.arg(run.stats.connectionsAccepted).arg(run.stats.requestsOk)));
        QCOMPARE(run.stats.spansAccepted, qint64(run.sent.size()));
        QCOMPARE(run.stats.spansRejected, 0);
        QVERIFY(run.stats.llmCalls > 0);
        QCOMPARE(run.stats.llmCallsUnpriced, 0);
        // Batches of 16 spans split executions: some tool calls came before their invoke_agent span.
        QVERIFY(run.stats.recordsHeld > 0);
        bool graduated = false;
        for (const Event &e : run.events)
            graduated |= e.kind == EventKind::Graduated && e.workflow == u"order_agent";
        QVERIFY(graduated);
    }

    void gzipAndBearerTokenFromTheSdk()
    {
        Run run;
        this->run(run, 12, 2, u"sdk-token-42"_s, true, 50);
        if (QTest::currentTestFailed())
            return;
        checkEverySpanArrived(run);
        QCOMPARE(run.stats.requestsGzip, run.stats.requestsOk);
        int failed = 0;
        for (const Record &r : run.records)
            failed += r.ok ? 0 : 1;
        QCOMPARE(failed, 2);
        bool failureDrift = false; // a failed tool call engages investigation, as for an imported log
        for (const Event &e : run.events)
            failureDrift |= e.kind == EventKind::Drift && e.metric == u"status" && e.tool == u"send_results";
        QVERIFY(failureDrift);
    }
};

QTEST_GUILESS_MAIN(TestOtelSdk)
#include "tst_otelsdk.moc"
