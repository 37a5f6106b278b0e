// apprentice-cli analyze: replay log exports through the engine; analysis events on stdout.
#include "command.h"
#include "engineoptions.h"
#include "storage/storewriter.h"
#include "terminalprogress.h"

#include "engine.h"
#include "evolution/trendwatch.h"
#include "eventjson.h"
#include "ingest/importer.h"
#include "ingest/importoptions.h"
#include "llm/investigator.h"
#include "llm/tierladder.h"
#include "record.h"
#include "recordsink.h"
#include "storage/importplan.h"
#include "storage/store.h"

#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QHash>
#include <QFileInfo>
#include <QSet>

#include <atomic>
#include <cstdio>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>

using namespace Apprentice;

namespace {

constexpr const char *Usage =
    "Usage: apprentice-cli analyze [OPTIONS] FILE...\n"
    "\n"
    "Replays log exports (.jsonl, .jsonl.gz, .csv, OTLP .json) in file order through the engine\n"
    "and writes one JSON analysis event per line to stdout (FORMATS.md section 2), closing with a\n"
    "summary line. Rejected input lines go to stderr as FILE:LINE: reason. Learned profiles are\n"
    "kept in a SQLite store, so a later run continues from them. The store also remembers how far\n"
    "each file was read: a log that has grown since is read on after those lines, and one that has\n"
    "not is skipped (a note on stderr says which), so no record is counted twice.\n"
    "\n"
    "Options:\n"
    "  --db PATH              the store (default: apprentice.sqlite in the user's data directory)\n"
    "  --no-db                keep nothing: start from scratch and store nothing\n"
    "  --from-start           read every file from its first line, even one read before (its records\n"
    "                         count again)\n"
    "  --keep-records         also store every raw record\n"
    "  --graduate-after N     executions before graduation (default 50)\n"
    "  --apprentice-cost USD  modelled cost of reviewing one apprentice execution (default 0.016)\n"
    "  --always-on-cost USD   counterfactual cost of AI-monitoring one execution (default 0.01)\n"
    "  --tiers FILE           investigate through this ladder of LLM tiers ({\"tiers\": [...]});\n"
    "                         apprentice runs are reviewed and drifts diagnosed tier by tier, costs\n"
    "                         from the tokens each provider reports (one diagnosis event per tier)\n"
    "  --transitions          also print phase transitions (event \"transition\")\n"
    "  --quiet-anomalies      do not print anomaly events\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit codes: 0 success (also with rejected lines), 1 I/O failure, 2 usage error.\n";

/// Trend warnings travel from the thread that aggregates trends (ahead of the engine) to the engine's
/// thread, which writes them in line order among its own events.
struct TrendWarnings {
    struct Warning {
        qint64 line;
        Event event;
        QByteArray json;
    };
    std::mutex mutex;
    std::deque<Warning> queue;
    std::atomic<qint64> nextLine{std::numeric_limits<qint64>::max()};
    std::function<void(const Warning &)> write;

    void push(Warning w)
    {
        std::lock_guard lock(mutex);
        queue.push_back(std::move(w));
        nextLine.store(queue.front().line, std::memory_order_relaxed);
    }
    void emitUpTo(qint64 line)
    {
        std::lock_guard lock(mutex);
        while (!queue.empty() && queue.front().line <= line) {
            write(queue.front());
            queue.pop_front();
        }
        nextLine.store(queue.empty() ? std::numeric_limits<qint64>::max() : queue.front().line, std::memory_order_relaxed);
    }
};

/// Feeds the engine and the store writer; reports rejected lines.
class AnalyzeSink : public RecordSink
{
public:
    AnalyzeSink(Engine &engine, StoreWriter &writer)
        : m_engine(engine)
        , m_writer(writer)
    {
    }

    void setFile(const QString &display) { m_file = display; }
    void setProgress(TerminalProgress *progress) { m_progress = progress; }
    /// Trend warnings found ahead of this sink (on the import's ahead thread), each at its record's line.
    void setTrendWarnings(TrendWarnings *warnings) { m_warnings = warnings; }
    void onRecord(const RecordView &r) override
    {
        // A new day's trend warnings come before what its first record triggers.
        if (m_warnings && r.line >= m_warnings->nextLine.load(std::memory_order_relaxed)) [[unlikely]]
            m_warnings->emitUpTo(r.line);
        m_engine.process(r);
        m_writer.addRecord(r);
    }
    void onRejected(qint64 line, const QString &reason) override
    {
        ++rejected;
        if (m_progress)
            m_progress->clear(); // the rejection gets a line of its own; the progress line comes back
        std::fprintf(stderr, "%s:%lld: %s\n", qPrintable(m_file), line, qPrintable(reason));
    }
    void onLinesDone(qint64 lines) override { m_writer.linesDone(lines); }

    qint64 rejected = 0;

private:
    Engine &m_engine;
    StoreWriter &m_writer;
    TrendWarnings *m_warnings = nullptr;
    TerminalProgress *m_progress = nullptr;
    QString m_file;
};

int run(const QStringList &args)
{
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption db(QStringLiteral("db"), QString(), QStringLiteral("PATH"));
    const QCommandLineOption noDb(QStringLiteral("no-db"));
    const QCommandLineOption keep(QStringLiteral("keep-records"));
    const QCommandLineOption fromStart(QStringLiteral("from-start"));
    const EngineOptions engineOptions;
    const QCommandLineOption tiers(QStringLiteral("tiers"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption transitions(QStringLiteral("transitions"));
    const QCommandLineOption quietAnomalies(QStringLiteral("quiet-anomalies"));
    p.addOptions({help, db, noDb, keep, fromStart, tiers, transitions, quietAnomalies});
    engineOptions.addTo(p);
    if (!p.parse(QStringList{QStringLiteral("analyze")} + args))
        return usageError("analyze", p.errorText());
    if (p.isSet(help)) {
        std::fputs(Usage, stdout);
        return ExitOk;
    }
    const QStringList files = p.positionalArguments();
    if (files.isEmpty())
        return usageError("analyze", QStringLiteral("no input file given"));
    if (p.isSet(db) && p.isSet(noDb))
        return usageError("analyze", QStringLiteral("--db and --no-db exclude each other"));

    EngineConfig config;
    QString optionError;
    if (!engineOptions.apply(p, config, &optionError))
        return usageError("analyze", optionError);

    Engine engine(config);
    TierLadder ladder;
    if (p.isSet(tiers)) {
        QStringList errors;
        ladder = TierLadder::fromFile(p.value(tiers), &errors);
        if (!errors.isEmpty() || ladder.size() == 0) {
            std::fprintf(stderr, "apprentice-cli analyze: %s: %s\n", qPrintable(p.value(tiers)),
                         qPrintable(errors.join(QStringLiteral("; "))));
            return QFileInfo::exists(p.value(tiers)) ? ExitUsage : ExitIoFailure;
        }
        // Headless: each investigation runs to its end before the next record, so the events
        // stay in input order. A provider that could not be reached is skipped for 30 s
        // (recorded in each diagnosis it misses), so a dead server costs one timeout, not one
        // per record; when every tier is down, the built-in rules answer at $0.
        engine.setInvestigationHandler([&engine, &ladder](const InvestigationRequest &request) {
            static QHash<QString, QDeadlineTimer> down;
            std::vector<TierConfig> alive;
            std::vector<TierOutcome> outcomes;
            for (const TierConfig &tier : ladder.tiers()) {
                const auto it = down.constFind(tier.name);
                if (it != down.cend() && !it->hasExpired()) {
                    Diagnosis skipped;
                    skipped.confidence = 0;
                    skipped.action = DiagnosisAction::EscalateToHuman;
                    skipped.rootCause = QStringLiteral("tier skipped: %1 unreachable, retried after a pause").arg(tier.baseUrl);
                    outcomes.push_back({tier.name, skipped, 0});
                    continue;
                }
                alive.push_back(tier);
            }
            InvestigationResult result;
            if (alive.empty()) {
                result.diagnosis = diagnoseByRules(request.context);
                outcomes.push_back({QStringLiteral("rules"), result.diagnosis, 0});
                engine.resolveInvestigation(request.id, outcomes);
                return;
            }
            result = investigateBlocking(TierLadder(alive), request.context);
            for (const TierCall &call : result.calls) {
                if (call.httpStatus == 0 && !call.error.isEmpty() && call.provider != u"rules")
                    down.insert(call.tier, QDeadlineTimer(30000));
                if (!outcomes.empty() && outcomes.back().tier == call.tier && call.attempt > 1) {
                    outcomes.back().costUsd += call.costUsd; // the repair request belongs to its tier
                    if (call.hasDiagnosis)
                        outcomes.back().diagnosis = call.diagnosis;
                    continue;
                }
                Diagnosis d = call.hasDiagnosis ? call.diagnosis : Diagnosis{};
                if (!call.hasDiagnosis) {
                    d.status = DiagnosisStatus::Suspicious;
                    d.confidence = 0;
                    d.action = DiagnosisAction::EscalateToHuman;
                    d.rootCause = QStringLiteral("tier failed: %1").arg(call.error);
                }
                outcomes.push_back({call.tier, d, call.costUsd});
            }
            if (outcomes.empty())
                outcomes.push_back({QStringLiteral("none"), result.diagnosis, 0});
            outcomes.back().diagnosis = result.diagnosis; // the ladder's verdict decides
            engine.resolveInvestigation(request.id, outcomes);
        });
    }
    Store store;
    Store *storePtr = nullptr;
    if (!p.isSet(noDb)) {
        if (!openStoreAndRestore("analyze", p.isSet(db) ? p.value(db) : QString(), store, engine))
            return ExitIoFailure;
        storePtr = &store;
    }

    const EngineTotals before = engine.totals(); // stored history: the summary reports this run
    StoreWriter writer(engine, storePtr, p.isSet(keep), [](const QString &message) {
        std::fprintf(stderr, "apprentice-cli analyze: %s\n", qPrintable(message));
    });
    AnalyzeSink sink(engine, writer);
    const bool several = files.size() > 1;
    QString currentFile;
    const bool printTransitions = p.isSet(transitions);
    const bool printAnomalies = !p.isSet(quietAnomalies);
    engine.setEventHandler([&](const Event &e) {
        writer.addEvent(e);
        if ((e.kind == EventKind::Transition && !printTransitions) || (e.kind == EventKind::Anomaly && !printAnomalies))
            return;
        writeLine(eventToJson(e, several ? currentFile : QString()));
    });

    // Trends ($0): early warnings at each new day of the replay, in stream order beside the drifts.
    // The daily aggregates are kept on the import's ahead thread, beside the engine's work.
    TrendWatch trends;
    TrendWarnings warnings;
    warnings.write = [&](const TrendWarnings::Warning &w) {
        writer.addEvent(w.event);
        writeLine(w.json);
    };
    trends.setWarningHandler([&](const TrendResult &r, qint64 line, qint64 tsMs) {
        Event e = r.toEvent();
        e.line = line;
        warnings.push({line, e, TrendWatch::eventJson(r, several ? currentFile : QString(), line, tsMs)});
    });
    sink.setTrendWarnings(&warnings);
    // The daily aggregates of earlier runs: exports analysed a day at a time still get their trends.
    if (storePtr && !restoreTrends("analyze", store, trends))
        return ExitIoFailure;
    ImportOptions importOptions;
    importOptions.ahead = &trends;
    TerminalProgress progress("analyze"); // only on a terminal
    sink.setProgress(&progress);

    bool ioFailed = false;
    QSet<QString> readThisRun;
    for (int i = 0; i < files.size(); ++i) {
        currentFile = files[i];
        engine.setFileIndex(several ? i : -1);
        sink.setFile(files[i]);
        progress.setFile(files[i]);
        ImportPlan plan;
        if (storePtr) {
            // The store learns how far a file was read when its batch is written: within one run, by name.
            const QString id = QFileInfo(files[i]).canonicalFilePath();
            if (!id.isEmpty() && readThisRun.contains(id)) {
                std::fprintf(stderr, "apprentice-cli analyze: %s: given more than once: read once\n", qPrintable(files[i]));
                continue;
            }
            readThisRun.insert(id);
            QString error;
            if (!planImport(store, files[i], p.isSet(fromStart), plan, &error)) {
                std::fprintf(stderr, "apprentice-cli analyze: %s\n", qPrintable(error));
                return ExitIoFailure;
            }
            if (const QString note = plan.note(); !note.isEmpty())
                std::fprintf(stderr, "apprentice-cli analyze: %s: %s%s\n", qPrintable(files[i]), qPrintable(note),
                             plan.kind == ImportPlan::Kind::Unchanged ? " (--from-start reads it again)" : "");
            if (plan.kind == ImportPlan::Kind::Unchanged)
                continue;
            writer.beginFile(plan.progress);
        }
        importOptions.skipLines = plan.skipLines;
        const ImportResult result = importFile(files[i], sink, &progress, InputFormat::Auto, importOptions);
        progress.clear();
        writer.endFile(result);
        warnings.emitUpTo(std::numeric_limits<qint64>::max()); // lines start again in the next file
        if (result.outcome == Outcome::Failed) {
            std::fprintf(stderr, "apprentice-cli analyze: %s\n", qPrintable(result.error));
            ioFailed = true;
        }
    }
    engine.finish();
    writer.setTrendState(trends.saveState()); // the import threads are done with it
    writer.flush();
    writeCurrentTrends(trends);

    const EngineTotals t = engine.totals();
    QSet<QString> names;
    for (const WorkflowSnapshot &w : engine.snapshot().workflows)
        names.insert(w.workflow);
    AnalysisSummary s;
    s.records = t.records;
    s.rejected = sink.rejected;
    s.workflows = names.size();
    s.workflowVersions = t.workflows;
    s.executions = t.executions - before.executions;
    s.driftEvents = t.driftEvents;
    s.anomalies = t.anomalies;
    s.graduated = t.phaseCounts[size_t(Phase::Graduated)];
    s.monitoringCostUsd = t.monitoringCostUsd - before.monitoringCostUsd;
    s.alwaysOnCostUsd = t.alwaysOnCostUsd - before.alwaysOnCostUsd;
    s.costBasis = p.isSet(tiers) ? QStringLiteral("tokens") : QStringLiteral("modelled");
    writeLine(summaryToJson(s));
    std::fflush(stdout);
    return ioFailed || writer.failed() ? ExitIoFailure : ExitOk;
}

CommandRegistration reg({"analyze", "replay log exports through the engine; analysis events as JSON Lines", &run});

} // namespace
