// apprentice-cli listen: receive records live (OTLP/HTTP, streams, file tails); analysis events on stdout.
#include "command.h"
#include "engineoptions.h"
#include "storage/importplan.h"
#include "storage/storewriter.h"

#include "engine.h"
#include "eventjson.h"
#include "evolution/trendwatch.h"
#include "live/connectionmanager.h"
#include "live/hostport.h"
#include "live/stopsignals.h"
#include "record.h"
#include "storage/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace Apprentice;

namespace {

constexpr const char *Usage =
    "Usage: apprentice-cli listen [OPTIONS]\n"
    "\n"
    "Receives execution records live and analyses them as they arrive, with the same engine as analyze:\n"
    "workflows instrumented with OpenTelemetry (GenAI semantic conventions) export their spans to the\n"
    "OTLP/HTTP receiver; HTTP endpoints stream records; log files grow. Writes one JSON analysis event per\n"
    "line to stdout (FORMATS.md section 2; \"line\" is the running number of the record received) until\n"
    "SIGINT or SIGTERM, then analyses everything already accepted, flushes the store and closes with the\n"
    "current trends and a summary line. Trend warnings come at the first record of a new day, from daily\n"
    "aggregates kept in the store. Refused spans and lines, and connection problems, go to stderr.\n"
    "\n"
    "Sources (at least one; each may be repeated):\n"
    "  --otlp HOST:PORT       receive OTLP/HTTP JSON at http://HOST:PORT/v1/traces (127.0.0.1:4318 is the\n"
    "                         OpenTelemetry default; port 0 picks a free one, printed on stderr)\n"
    "  --ndjson URL           pull JSON Lines records from an HTTP stream\n"
    "  --sse URL              pull records from a Server-Sent Events stream\n"
    "  --tail FILE            follow a growing JSON Lines file, surviving rotation and truncation; with a\n"
    "                         store, from where the last run that read it stopped\n"
    "\n"
    "Connection options:\n"
    "  --token-env VAR        bearer token from environment variable VAR: receivers require it\n"
    "                         (\"Authorization: Bearer <token>\"), streams send it\n"
    "  --token TOKEN          the same, given directly (visible to other users in the process list)\n"
    "  --allow-remote         let a receiver listen on a non-loopback address (a warning is printed)\n"
    "  --max-body-bytes N     receivers answer 413 to larger requests (default 67108864)\n"
    "  --tail-from-end        tails skip what the file already holds\n"
    "\n"
    "Analysis options:\n"
    "  --db PATH              the store (default: apprentice.sqlite in the user's data directory)\n"
    "  --no-db                keep nothing: start from scratch and store nothing\n"
    "  --keep-records         also store every raw record\n"
    "  --graduate-after N     executions before graduation (default 50)\n"
    "  --apprentice-cost USD  modelled cost of reviewing one apprentice execution (default 0.016)\n"
    "  --always-on-cost USD   counterfactual cost of AI-monitoring one execution (default 0.01)\n"
    "  --transitions          also print phase transitions (event \"transition\")\n"
    "  --quiet-anomalies      do not print anomaly events\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit codes: 0 stopped by a signal after a clean flush, 1 a source or the store failed, 2 usage error.\n";

constexpr int StoreFlushIntervalMs = 5000;
constexpr int TrendFlushEvery = 12; // store writes between two writes of the trend aggregates

QString sourceLabel(const ConnectionInfo &info)
{
    return QStringLiteral("%1 %2").arg(connectionKindName(info.spec.kind),
                                       info.endpoint.isEmpty() ? info.spec.address : info.endpoint);
}

int run(const QStringList &args)
{
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption otlp(QStringLiteral("otlp"), QString(), QStringLiteral("HOST:PORT"));
    const QCommandLineOption ndjson(QStringLiteral("ndjson"), QString(), QStringLiteral("URL"));
    const QCommandLineOption sse(QStringLiteral("sse"), QString(), QStringLiteral("URL"));
    const QCommandLineOption tail(QStringLiteral("tail"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption tokenEnv(QStringLiteral("token-env"), QString(), QStringLiteral("VAR"));
    const QCommandLineOption token(QStringLiteral("token"), QString(), QStringLiteral("TOKEN"));
    const QCommandLineOption allowRemote(QStringLiteral("allow-remote"));
    const QCommandLineOption maxBody(QStringLiteral("max-body-bytes"), QString(), QStringLiteral("N"));
    const QCommandLineOption tailFromEnd(QStringLiteral("tail-from-end"));
    const QCommandLineOption db(QStringLiteral("db"), QString(), QStringLiteral("PATH"));
    const QCommandLineOption noDb(QStringLiteral("no-db"));
    const QCommandLineOption keep(QStringLiteral("keep-records"));
    const EngineOptions engineOptions;
    const QCommandLineOption transitions(QStringLiteral("transitions"));
    const QCommandLineOption quietAnomalies(QStringLiteral("quiet-anomalies"));
    p.addOptions({help, otlp, ndjson, sse, tail, tokenEnv, token, allowRemote, maxBody, tailFromEnd, db, noDb, keep,
                  transitions, quietAnomalies});
    engineOptions.addTo(p);
    if (!p.parse(QStringList{QStringLiteral("listen")} + args))
        return usageError("listen", p.errorText());
    if (p.isSet(help)) {
        std::fputs(Usage, stdout);
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty())
        return usageError("listen", QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().constFirst()));
    if (!p.isSet(otlp) && !p.isSet(ndjson) && !p.isSet(sse) && !p.isSet(tail))
        return usageError("listen", QStringLiteral("name at least one source: --otlp, --ndjson, --sse or --tail"));
    if (p.isSet(db) && p.isSet(noDb))
        return usageError("listen", QStringLiteral("--db and --no-db exclude each other"));
    if (p.isSet(token) && p.isSet(tokenEnv))
        return usageError("listen", QStringLiteral("--token and --token-env exclude each other"));
    QString bearer = p.value(token);
    if (p.isSet(tokenEnv)) {
        bearer = qEnvironmentVariable(qPrintable(p.value(tokenEnv)));
        if (bearer.isEmpty())
            return usageError("listen", QStringLiteral("--token-env: environment variable %1 is not set").arg(p.value(tokenEnv)));
    }

    LiveOptions options;
    options.flushIntervalMs = 10; // headless: analyse promptly, no screen to spare
    if (p.isSet(maxBody)) {
        bool ok = false;
        const qint64 n = p.value(maxBody).toLongLong(&ok);
        if (!ok || n < 1)
            return usageError("listen", QStringLiteral("--max-body-bytes needs a whole number >= 1, got '%1'").arg(p.value(maxBody)));
        options.receiver.maxBodyBytes = n;
        options.receiver.maxDecodedBytes = std::max(options.receiver.maxDecodedBytes, n);
    }

    for (const QString &address : p.values(otlp)) {
        QHostAddress host;
        quint16 port = 0;
        QString why;
        if (!parseListenAddress(address, 4318, host, port, &why))
            return usageError("listen", QStringLiteral("--otlp: %1").arg(why));
        if (!host.isLoopback() && !p.isSet(allowRemote))
            return usageError("listen", QStringLiteral("--otlp %1 is not a loopback address: add --allow-remote to accept spans "
                                             "from other machines").arg(address));
        if (!host.isLoopback())
            std::fprintf(stderr, "apprentice-cli listen: warning: receiving on %s, reachable beyond this machine%s\n",
                         qPrintable(address), bearer.isEmpty() ? " and without a bearer token" : "");
    }

    EngineConfig config;
    QString optionError;
    if (!engineOptions.apply(p, config, &optionError))
        return usageError("listen", optionError);

    Engine engine(config);
    Store store;
    Store *storePtr = nullptr;
    if (!p.isSet(noDb)) {
        if (!openStoreAndRestore("listen", p.isSet(db) ? p.value(db) : QString(), store, engine))
            return ExitIoFailure;
        storePtr = &store;
    }

    const EngineTotals before = engine.totals();
    StoreWriter writer(engine, storePtr, p.isSet(keep), [](const QString &message) {
        std::fprintf(stderr, "apprentice-cli listen: %s\n", qPrintable(message));
    });
    qint64 received = 0;
    qint64 rejected = 0;
    std::vector<CustomMetricView> scratch;
    const bool printTransitions = p.isSet(transitions);
    const bool printAnomalies = !p.isSet(quietAnomalies);
    engine.setEventHandler([&](const Event &e) {
        writer.addEvent(e);
        if ((e.kind == EventKind::Transition && !printTransitions) || (e.kind == EventKind::Anomaly && !printAnomalies))
            return;
        writeLine(eventToJson(e));
    });

    // Trends ($0), as analyze keeps them: a warning when a new day shows a significant trend, in stream
    // order; the daily aggregates continue from the store and go back to it with every write.
    TrendWatch trends;
    trends.setWarningHandler([&](const TrendResult &r, qint64 line, qint64 tsMs) {
        Event e = r.toEvent();
        e.line = line;
        writer.addEvent(e);
        writeLine(TrendWatch::eventJson(r, QString(), line, tsMs));
    });
    if (storePtr && !restoreTrends("listen", store, trends))
        return ExitIoFailure;

    ConnectionManager manager;
    manager.setOptions(options);
    QHash<int, QString> labels;
    QHash<int, ImportedFile> tailMarks; // tails from the start of a file the store can remember
    QHash<int, QPair<ConnectionState, QString>> shown;
    QObject::connect(&manager, &ConnectionManager::recordsReceived, &manager,
                     [&](const std::vector<LiveBatch> &batches) {
        for (const LiveBatch &batch : batches) {
            for (const LiveRejection &r : batch.rejections)
                std::fprintf(stderr, "%s:%lld: %s\n", qPrintable(labels.value(batch.connection)), r.line, qPrintable(r.reason));
            if (batch.rejected > qint64(batch.rejections.size()))
                std::fprintf(stderr, "%s: %lld more rejected\n", qPrintable(labels.value(batch.connection)),
                             batch.rejected - qint64(batch.rejections.size()));
            rejected += batch.rejected;
            for (const Record &record : batch.records) {
                RecordView view = record.view(scratch);
                view.line = ++received; // the running number over all sources
                trends.onRecord(view);  // a new day's trend warnings come before what its first record triggers
                engine.process(view);
                writer.addRecord(view);
            }
            // A tailed file's place, once its records are in: the next run reads on from there. Another file under
            // the path (rotated, truncated) is not followed into the store.
            if (const auto mark = tailMarks.find(batch.connection); mark != tailMarks.end() && batch.fileLines >= 0) {
                if (batch.fileGeneration == 1) {
                    mark->lines = batch.fileLines;
                    writer.liveFile(*mark);
                } else {
                    tailMarks.erase(mark);
                }
            }
        }
        std::fflush(stdout);
    });
    const auto report = [&](int id) {
        const ConnectionInfo info = manager.connection(id);
        const auto now = qMakePair(info.state, info.lastError);
        if (shown.value(id) == now)
            return;
        shown.insert(id, now);
        if (info.lastError.isEmpty())
            std::fprintf(stderr, "apprentice-cli listen: %s: %s\n", qPrintable(labels.value(id)),
                         qPrintable(connectionStateName(info.state)));
        else
            std::fprintf(stderr, "apprentice-cli listen: %s: %s (%lld errors, last: %s)\n", qPrintable(labels.value(id)),
                         qPrintable(connectionStateName(info.state)), info.errors, qPrintable(info.lastError));
    };
    QObject::connect(&manager, &ConnectionManager::connectionChanged, &manager, report);

    struct Wanted {
        ConnectionKind kind;
        const QCommandLineOption *option;
    };
    const Wanted wanted[] = {{ConnectionKind::OtlpReceiver, &otlp}, {ConnectionKind::NdjsonStream, &ndjson},
                             {ConnectionKind::SseStream, &sse}, {ConnectionKind::FileTail, &tail}};
    for (const Wanted &w : wanted) {
        for (const QString &address : p.values(*w.option)) {
            ConnectionSpec spec;
            spec.kind = w.kind;
            spec.address = address;
            spec.token = bearer;
            spec.allowRemote = p.isSet(allowRemote);
            spec.fromStart = !p.isSet(tailFromEnd);
            ImportPlan plan;
            if (w.kind == ConnectionKind::FileTail && spec.fromStart && storePtr) {
                // A file read before (by analyze or an earlier listen) is followed from where that ended.
                QString error;
                if (!planImport(store, address, false, plan, &error)) {
                    std::fprintf(stderr, "apprentice-cli listen: %s\n", qPrintable(error));
                    return ExitIoFailure;
                }
                spec.skipLines = plan.skipLines;
                if (plan.kind == ImportPlan::Kind::Continue || plan.kind == ImportPlan::Kind::Unchanged)
                    std::fprintf(stderr, "apprentice-cli listen: %s: following after line %lld (read before on %s)\n",
                                 qPrintable(address), static_cast<long long>(plan.skipLines),
                                 qPrintable(QDateTime::fromMSecsSinceEpoch(plan.previous.updatedMs).toString(u"yyyy-MM-dd HH:mm")));
            }
            QString error;
            const int id = manager.addConnection(spec, &error);
            if (id < 0) {
                std::fprintf(stderr, "apprentice-cli listen: %s\n", qPrintable(error));
                return ExitIoFailure;
            }
            const ConnectionInfo info = manager.connection(id);
            labels.insert(id, sourceLabel(info));
            if (w.kind == ConnectionKind::FileTail && spec.fromStart && storePtr && !plan.progress.headSha1.isEmpty())
                tailMarks.insert(id, plan.progress);
            if (w.kind == ConnectionKind::OtlpReceiver)
                std::fprintf(stderr, "apprentice-cli listen: receiving OTLP/HTTP JSON on http://%s/v1/traces%s\n",
                             qPrintable(info.endpoint), bearer.isEmpty() ? "" : " (bearer token required)");
            else
                std::fprintf(stderr, "apprentice-cli listen: following %s\n", qPrintable(labels.value(id)));
        }
    }
    std::fflush(stderr);

    QTimer storeTimer;
    storeTimer.setInterval(StoreFlushIntervalMs);
    int flushes = 0;
    QObject::connect(&storeTimer, &QTimer::timeout, &manager, [&] {
        if (writer.dirty()) {
            // The daily aggregates are about 1 KB per tool, metric set and day: once a minute is enough.
            if (++flushes % TrendFlushEvery == 0)
                writer.setTrendState(trends.saveState());
            writer.flush();
        }
    });
    if (storePtr)
        storeTimer.start();

    StopSignals stop;
    QObject::connect(&stop, &StopSignals::stopRequested, QCoreApplication::instance(), [](int) { QCoreApplication::quit(); });
    QCoreApplication::exec();

    // Stop every source first, so nothing more is accepted, then analyse all that was.
    qint64 llmCalls = -1, llmCallsUnpriced = 0;
    for (int id : manager.connectionIds()) {
        report(id); // what happened since the last status tick
        const ConnectionInfo info = manager.connection(id);
        if (info.spec.kind == ConnectionKind::OtlpReceiver) {
            llmCalls = std::max<qint64>(llmCalls, 0) + info.llmCalls;
            llmCallsUnpriced += info.llmCallsUnpriced;
        }
    }
    manager.removeAll();
    manager.flush();
    engine.finish();
    writer.setTrendState(trends.saveState());
    writer.flush();
    writeCurrentTrends(trends);

    const EngineTotals t = engine.totals();
    QSet<QString> names;
    for (const WorkflowSnapshot &w : engine.snapshot().workflows)
        names.insert(w.workflow);
    AnalysisSummary s;
    s.records = received;
    s.rejected = rejected;
    s.workflows = names.size();
    s.workflowVersions = t.workflows;
    s.executions = t.executions - before.executions;
    s.driftEvents = t.driftEvents;
    s.anomalies = t.anomalies;
    s.graduated = t.phaseCounts[size_t(Phase::Graduated)];
    s.monitoringCostUsd = t.monitoringCostUsd - before.monitoringCostUsd;
    s.alwaysOnCostUsd = t.alwaysOnCostUsd - before.alwaysOnCostUsd;
    s.costBasis = QStringLiteral("modelled");
    s.llmCalls = llmCalls;
    s.llmCallsUnpriced = llmCallsUnpriced;
    writeLine(summaryToJson(s));
    std::fflush(stdout);
    return writer.failed() ? ExitIoFailure : ExitOk;
}

CommandRegistration reg({"listen", "receive records live (OTLP/HTTP, NDJSON/SSE streams, file tail) and analyse them", &run});

} // namespace
