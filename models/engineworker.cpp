#include "engineworker.h"

#include "ingest/importer.h"
#include "ingest/importoptions.h"
#include "llm/investigationqueue.h"
#include "llm/investigator.h"
#include "llm/promptbuilder.h"
#include "llm/tierladder.h"
#include "recordsink.h"
#include "resources.h"
#include "storage/importplan.h"
#include "storage/store.h"
#include "storage/storewriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QSet>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Apprentice;

namespace {

constexpr qsizetype MaxEventsPerTick = 50000;
constexpr qsizetype MaxMarkersPerSeries = 20000;
constexpr size_t MaxInvestigations = 5000;
constexpr size_t MaxInternedStrings = 200000;
constexpr qint64 DemoBudgetMs = 20;
constexpr qint64 EvolutionIntervalMs = 2000; // trends are daily: re-analysing more often shows nothing new
constexpr qint64 StoreIntervalMs = 2000;     // live data and operator actions reach the store this often

double seedScore(double z)
{
    return 1.0 / (1.0 + std::exp(3.0 - z));
}

WindowStats summarise(const QString &metric, std::vector<double> values)
{
    WindowStats s;
    s.metric = metric;
    s.n = qint64(values.size());
    if (values.empty())
        return s;
    Moments m;
    for (double v : values)
        m.add(v);
    s.mean = m.mean;
    s.stddev = m.stddev();
    std::sort(values.begin(), values.end());
    auto q = [&](double p) { return values[size_t(std::floor(p * double(values.size() - 1)))]; };
    s.p50 = q(0.5);
    s.p95 = q(0.95);
    s.p99 = q(0.99);
    return s;
}

/// What the operator reads of a file an earlier import had read (empty for a new one).
QString planNote(const ImportPlan &plan)
{
    const QString at = QLocale().toString(QDateTime::fromMSecsSinceEpoch(plan.previous.updatedMs), QLocale::ShortFormat);
    switch (plan.kind) {
    case ImportPlan::Kind::New: return {};
    case ImportPlan::Kind::Continue:
        return plan.renamed() ? EngineWorker::tr("continuing after line %1 (imported %2 as %3)")
                                    .arg(QLocale().toString(plan.skipLines), at, QDir::toNativeSeparators(plan.previous.path))
                              : EngineWorker::tr("continuing after line %1 (imported %2)").arg(QLocale().toString(plan.skipLines), at);
    case ImportPlan::Kind::Unchanged:
        return plan.renamed() ? EngineWorker::tr("already imported up to line %1 on %2 as %3: nothing new")
                                    .arg(QLocale().toString(plan.previous.lines), at, QDir::toNativeSeparators(plan.previous.path))
                              : EngineWorker::tr("already imported up to line %1 on %2: nothing new")
                                    .arg(QLocale().toString(plan.previous.lines), at);
    case ImportPlan::Kind::Replaced:
        return EngineWorker::tr("not the file imported on %1 (rotated, rewritten or truncated): read from the start").arg(at);
    }
    return {};
}

} // namespace

/// Feeds an import into the worker; polled for cancellation between batches.
class EngineWorker::ImportSink : public RecordSink, public ProgressSink
{
public:
    ImportSink(EngineWorker &worker, int fileIndex, const QString &name, std::shared_ptr<std::atomic_bool> cancel,
               ImportSummary &summary)
        : m_worker(worker), m_fileIndex(fileIndex), m_source(StreamSources::intern(name)), m_name(name)
        , m_cancel(std::move(cancel)), m_summary(summary)
    {
        m_clock.start();
    }

    void onRecord(const RecordView &record) override
    {
        m_worker.processRecord(record, m_fileIndex, m_source);
        if ((++m_count & 1023) == 0)
            m_worker.serviceEvents();
    }
    void onRejected(qint64 line, const QString &reason) override
    {
        ++m_rejected;
        if (m_summary.rejectedSample.size() < ImportSummary::RejectedSample)
            m_summary.rejectedSample << QStringLiteral("%1:%2: %3").arg(m_name).arg(line).arg(reason);
    }
    void progress(qint64 done, qint64 total) override
    {
        // May be called from the reader thread: the signal is queued to the GUI either way.
        const qint64 now = m_clock.elapsed();
        if (now - m_lastProgress.load() < 100 && done < total)
            return;
        m_lastProgress = now;
        emit m_worker.importProgress(done, total);
    }
    void onLinesDone(qint64 lines) override
    {
        if (m_worker.m_storeWriter)
            m_worker.m_storeWriter->linesDone(lines);
    }
    bool isCancelled() const override { return m_cancel && m_cancel->load(); }

    qint64 rejected() const { return m_rejected; }

private:
    EngineWorker &m_worker;
    int m_fileIndex;
    qint16 m_source; // the file name, interned once per import
    QString m_name;
    std::shared_ptr<std::atomic_bool> m_cancel;
    ImportSummary &m_summary;
    qint64 m_count = 0;
    qint64 m_rejected = 0;
    QElapsedTimer m_clock;
    std::atomic<qint64> m_lastProgress{-1000};
};

EngineWorker::EngineWorker(QObject *parent)
    : QObject(parent)
{
    ensureResources();
    m_wall.start();
    m_sincePublish.start();
    m_sinceSnapshot.start();
    m_rateClock.start();
    m_sinceEvolution.start();
    m_demoTimer = new QTimer(this);
    m_demoTimer->setTimerType(Qt::PreciseTimer);
    connect(m_demoTimer, &QTimer::timeout, this, &EngineWorker::onDemoTick);
    m_publishTimer = new QTimer(this);
    connect(m_publishTimer, &QTimer::timeout, this, &EngineWorker::onPublishTick);
    newEngine();
}

EngineWorker::~EngineWorker()
{
    writeStore();
}

void EngineWorker::configure(const HostConfig &config)
{
    const bool tiersChanged = config.tiersJson != m_config.tiersJson;
    const bool historyChanged = config.historyCapacity != m_config.historyCapacity;
    m_config = config;
    m_config.streamCapacity = std::max(1, m_config.streamCapacity);
    m_publishTimer->start(std::max(10, m_config.publishIntervalMs));
    if (historyChanged) {
        for (auto &s : m_series)
            s->buffer.reset(m_config.historyCapacity);
    }
    if (tiersChanged)
        setupInvestigations();
}

void EngineWorker::newEngine()
{
    EngineConfig config;
    config.graduationExecutions = std::max(1, m_config.graduationExecutions);
    m_engine = std::make_unique<Engine>(config);
    m_engine->setEventHandler([this](const Event &e) { onEngineEvent(e); });
    setupInvestigations();
}

void EngineWorker::setupInvestigations()
{
    if (m_queue) {
        m_queue->cancelAll();
        m_queue->deleteLater();
        m_queue = nullptr;
    }
    m_queueToDrift.clear();
    m_reruns.clear();
    m_engine->setInvestigationHandler({});
    if (m_config.tiersJson.isEmpty())
        return;
    QStringList errors;
    const TierLadder ladder = TierLadder::fromJson(m_config.tiersJson, &errors);
    const bool anyNetwork = std::any_of(ladder.tiers().begin(), ladder.tiers().end(),
                                        [](const TierConfig &t) { return !t.isLocalRules(); });
    if (ladder.isEmpty() || !anyNetwork)
        return; // the engine's own rules tier answers synchronously, at modelled prices

    m_queue = new InvestigationQueue(ladder, nullptr, this);
    connect(m_queue, &InvestigationQueue::callFinished, this, [this](qint64 id, const TierCall &call) {
        const auto q = m_queueToDrift.find(id);
        if (q == m_queueToDrift.end())
            return;
        const auto it = m_investigations.find(q->second);
        if (it == m_investigations.end())
            return;
        it->second.result.calls.push_back(call);
        m_investigationsOut[it->first] = it->second;
        m_dirty = true;
    });
    connect(m_queue, &InvestigationQueue::finished, this,
            [this](qint64 id, const InvestigationContext &, const InvestigationResult &result) {
                const auto q = m_queueToDrift.find(id);
                if (q == m_queueToDrift.end())
                    return;
                const qint64 driftId = q->second;
                m_queueToDrift.erase(q);
                // Every tier that answered is recorded; the final diagnosis decides.
                std::vector<TierOutcome> outcomes;
                double unassigned = 0;
                for (const TierCall &c : result.calls) {
                    unassigned += c.costUsd;
                    if (c.hasDiagnosis) {
                        outcomes.push_back({c.tier, c.diagnosis, unassigned});
                        unassigned = 0;
                    }
                }
                const bool finalIsLast = !outcomes.empty() && outcomes.back().tier == result.acceptedTier
                                         && outcomes.back().diagnosis.action == result.diagnosis.action;
                if (!finalIsLast || unassigned > 0)
                    outcomes.push_back({result.acceptedTier.isEmpty() ? QStringLiteral("ladder") : result.acceptedTier,
                                        result.diagnosis, unassigned});
                m_engine->resolveInvestigation(driftId, outcomes);
                const auto it = m_investigations.find(driftId);
                if (it != m_investigations.end()) {
                    it->second.result = result;
                    it->second.running = false;
                    m_investigationsOut[driftId] = it->second;
                }
                m_forceSnapshot = true;
                m_dirty = true;
            });
    connect(m_queue, &InvestigationQueue::skipped, this,
            [this](qint64 id, const InvestigationContext &, const QString &reason) {
                const auto q = m_queueToDrift.find(id);
                if (q == m_queueToDrift.end())
                    return;
                const qint64 driftId = q->second;
                m_queueToDrift.erase(q);
                Diagnosis d;
                d.status = DiagnosisStatus::Suspicious;
                d.action = DiagnosisAction::EscalateToHuman;
                d.rootCause = QStringLiteral("Investigation skipped: %1").arg(reason);
                m_engine->resolveInvestigation(driftId, {TierOutcome{QStringLiteral("queue"), d, 0}});
                const auto it = m_investigations.find(driftId);
                if (it != m_investigations.end()) {
                    it->second.result.diagnosis = d;
                    it->second.result.outcome = InvestigationOutcome::Failed;
                    it->second.running = false;
                    m_investigationsOut[driftId] = it->second;
                }
                m_dirty = true;
            });
    connectReruns();
    m_engine->setInvestigationHandler([this](const InvestigationRequest &r) { onInvestigationRequested(r); });
}

void EngineWorker::onInvestigationRequested(const InvestigationRequest &request)
{
    if (!m_queue)
        return;
    const qint64 queueId = m_queue->enqueue(request.context);
    m_queueToDrift[queueId] = request.id;
    InvestigationRecord &rec = m_investigations[request.id];
    rec.driftId = request.id;
    rec.context = request.context;
    rec.running = true;
    m_investigationsOut[request.id] = rec;
}

void EngineWorker::resetSession(qint64 generation)
{
    if (m_importing) {
        // The import loop is below us on the stack: finish it first.
        m_resetPending = true;
        m_resetGeneration = generation;
        return;
    }
    stopDemo();
    detachStore();
    m_generation = generation;
    m_seq = 0;
    m_latestTsMs = 0;
    m_firstTsMs = 0;
    m_costs.clear();
    m_costOriginSent = false;
    m_lastCostSeq = 0;
    m_investigationUsd = 0;
    m_rerunUsd = 0;
    m_rerunUsdByWorkflow.clear();
    m_rerunLedger.clear();
    m_rows.clear();
    m_droppedRows = 0;
    m_events.clear();
    m_investigationsOut.clear();
    m_investigations.clear();
    m_workflows.clear();
    m_tools.clear();
    m_series.clear();
    m_seriesIndex.clear();
    m_lastTool = nullptr;
    m_lastToolKey.clear();
    m_strings.clear();
    m_lastExecution.clear();
    m_lastExecutionText.clear();
    m_files.clear();
    m_rate = 0;
    m_rateRecords = 0;
    m_evolution.clear();
    m_trendWarnings.clear();
    newEngine();
    m_forceSnapshot = true;
    publish(true);
}

const QString &EngineWorker::intern(std::string_view text)
{
    const auto it = m_strings.find(text);
    if (it != m_strings.end())
        return it->second;
    if (m_strings.size() >= MaxInternedStrings)
        m_strings.clear(); // pathological input (a new name per record): sharing stops, correctness stays
    return m_strings.emplace(std::string(text), QString::fromUtf8(text.data(), qsizetype(text.size()))).first->second;
}

EngineWorker::ToolSeries &EngineWorker::toolSeries(std::string_view workflow, std::string_view version,
                                                   std::string_view tool)
{
    std::string key;
    key.reserve(workflow.size() + version.size() + tool.size() + 2);
    key.append(workflow).append(1, '\x1f').append(version).append(1, '\x1f').append(tool);
    if (m_lastTool && key == m_lastToolKey)
        return *m_lastTool;
    auto it = m_tools.find(key);
    if (it == m_tools.end()) {
        const std::string wfKey = std::string(workflow) + '\x1f' + std::string(version);
        auto &info = m_workflows[wfKey];
        if (!info) {
            info = std::make_unique<WorkflowInfo>();
            info->workflow = intern(workflow);
            info->version = intern(version);
        }
        auto ts = std::make_unique<ToolSeries>();
        ts->workflow = info.get();
        ts->tool = intern(tool);
        it = m_tools.emplace(key, std::move(ts)).first;
    }
    m_lastTool = it->second.get();
    m_lastToolKey = std::move(key);
    return *m_lastTool;
}

EngineWorker::MetricSeries &EngineWorker::metricSeries(ToolSeries &tool, const QString &metric)
{
    auto &slot = m_seriesIndex[{tool.workflow->workflow, tool.workflow->version, tool.tool, metric}];
    if (!slot) {
        m_series.push_back(std::make_unique<MetricSeries>());
        m_series.back()->buffer.reset(m_config.historyCapacity);
        slot = m_series.back().get();
    }
    return *slot;
}

EngineWorker::MetricSeries *EngineWorker::findSeries(const QString &workflow, const QString &version,
                                                     const QString &tool, const QString &metric) const
{
    const auto it = m_seriesIndex.find({workflow, version, tool, metric});
    return it == m_seriesIndex.end() ? nullptr : it->second;
}

void EngineWorker::processRecord(const RecordView &v, int fileIndex, qint16 source)
{
    ToolSeries &ts = toolSeries(v.workflow, v.version, v.tool);
    if (m_storeWriter)
        m_storeWriter->addRecord(v);
    StreamRow &row = m_rows.emplace_back();
    row.seq = ++m_seq;
    if (m_seq == 1)
        m_firstTsMs = v.tsMs;
    row.tsMs = v.tsMs;
    row.line = v.line;
    row.workflow = ts.workflow->workflow;
    row.version = ts.workflow->version;
    row.tool = ts.tool;
    if (!v.execution.empty()) {
        if (v.execution != m_lastExecution) {
            m_lastExecution.assign(v.execution);
            m_lastExecutionText = QString::fromUtf8(v.execution.data(), qsizetype(v.execution.size()));
        }
        row.execution = m_lastExecutionText;
    }
    if (!v.error.empty())
        row.error = QString::fromUtf8(v.error.data(), qsizetype(v.error.size()));
    row.values = v.values;
    row.ok = v.ok;
    row.fileIndex = qint16(std::clamp(fileIndex, -1, 32767));
    row.source = source;
    const Phase phase = ts.workflow->phase;
    row.phase = quint8(phase);
    if (phase == Phase::Apprentice)
        row.flags |= StreamRow::Learning;
    if (!v.ok)
        row.flags |= StreamRow::Failure;

    m_current = &row;
    m_engine->process(v);
    m_evolution.onRecord(v);
    for (EvolutionFeed::Warning &w : m_evolution.takeWarnings()) {
        // A trend warning is an event of the record that started the day it was found on.
        Event e = w.result.toEvent();
        e.line = w.line;
        e.tsMs = w.tsMs;
        e.id = --m_syntheticEventId;
        m_events.push_back({e, row.seq});
        m_trendWarnings.push_back(std::move(w.result));
    }
    m_current = nullptr;

    float best = 0;
    if (v.ok) {
        auto note = [&](MetricSeries &ms, double value) {
            ms.buffer.append(v.tsMs, value, row.seq);
            if (phase != Phase::Apprentice && ms.hasProfile && ms.profileStd > 0)
                best = std::max(best, float(seedScore(std::abs(value - ms.profileMean) / ms.profileStd)));
        };
        for (int i = 0; i < BuiltinMetricCount; ++i) {
            const double value = v.values[size_t(i)];
            if (!isPresent(value))
                continue;
            MetricSeries *&ms = ts.builtin[size_t(i)];
            if (!ms)
                ms = &metricSeries(ts, QString::fromLatin1(BuiltinMetricNames[size_t(i)].data(),
                                                           qsizetype(BuiltinMetricNames[size_t(i)].size())));
            note(*ms, value);
        }
        for (int i = 0; i < v.customCount; ++i) {
            const CustomMetricView &c = v.custom[i];
            auto it = std::find_if(ts.custom.begin(), ts.custom.end(), [&](const auto &p) { return p.first == c.name; });
            if (it == ts.custom.end()) {
                ts.custom.emplace_back(std::string(c.name), &metricSeries(ts, intern(c.name)));
                it = ts.custom.end() - 1;
            }
            note(*it->second, c.value);
        }
    } else {
        best = 1;
    }
    row.driftScore = std::max(row.driftScore, best);
    m_latestTsMs = std::max(m_latestTsMs, v.tsMs);
    if (m_seq - m_lastCostSeq >= std::max<qint64>(64, m_seq / 512))
        sampleCost();
    while (qsizetype(m_rows.size()) > m_config.streamCapacity) {
        m_rows.pop_front();
        ++m_droppedRows;
    }
    m_dirty = true;
}

void EngineWorker::addMarker(const Event &e)
{
    const bool failure = e.metric == u"status";
    MetricSeries *ms = findSeries(e.workflow, e.version, e.tool, failure ? QStringLiteral("latency_ms") : e.metric);
    if (!ms)
        return;
    SeriesMarker m;
    m.tsMs = e.tsMs;
    m.value = failure ? (m_current ? m_current->value(Metric::Latency) : 0) : e.value;
    if (!std::isfinite(m.value))
        m.value = 0;
    m.seq = m_current ? m_current->seq : 0;
    m.kind = e.kind;
    m.failure = failure;
    ms->markers.push_back(m);
    if (qsizetype(ms->markers.size()) > MaxMarkersPerSeries)
        ms->markers.pop_front();
}

InvestigationRecord EngineWorker::contextFor(const Event &drift) const
{
    InvestigationRecord rec;
    rec.driftId = drift.id;
    InvestigationContext &c = rec.context;
    const bool failure = drift.metric == u"status";
    m_engine->contextFor(drift.workflow, drift.version, drift.tool,
                         failure ? QStringLiteral("latency_ms") : drift.metric, c);
    c.workflow = drift.workflow;
    c.version = drift.version;
    c.tool = drift.tool;
    c.metric = drift.metric;
    c.trigger = failure ? Trigger::Failure : Trigger::Drift;
    c.line = drift.line;
    c.value = failure ? 0 : drift.value;
    c.direction = drift.direction;
    c.detectorScore = failure ? 0 : drift.score;
    if (failure && m_current)
        c.errorText = m_current->error;
    rec.running = true;
    return rec;
}

void EngineWorker::onEngineEvent(const Event &e)
{
    if (m_storeWriter)
        m_storeWriter->addEvent(e);
    EventRecord r{e, m_current ? m_current->seq : 0};
    switch (e.kind) {
    case EventKind::Anomaly:
        if (m_current) {
            m_current->flags |= StreamRow::Anomaly;
            m_current->driftScore = std::max(m_current->driftScore, float(std::isfinite(e.score) ? e.score : 0));
        }
        addMarker(e);
        break;
    case EventKind::Drift: {
        if (m_current)
            m_current->flags |= StreamRow::Drift;
        addMarker(e);
        InvestigationRecord rec = contextFor(e);
        m_investigations[e.id] = rec;
        m_investigationsOut[e.id] = rec;
        while (m_investigations.size() > MaxInvestigations)
            m_investigations.erase(m_investigations.begin());
        break;
    }
    case EventKind::Diagnosis: {
        m_investigationUsd += e.costUsd;
        const auto it = m_investigations.find(e.relatesTo);
        if (it != m_investigations.end() && !m_queue) {
            // The built-in rules tier answered inside the engine: show it as a one-call transcript.
            InvestigationRecord &rec = it->second;
            TierCall call;
            call.tier = e.tier;
            call.provider = QStringLiteral("rules");
            call.model = QStringLiteral("built-in rules");
            call.request = PromptBuilder::userPrompt(rec.context, {});
            call.hasDiagnosis = true;
            call.accepted = true;
            DiagnosisStatus status = DiagnosisStatus::Suspicious;
            statusFromName(e.status, status);
            DiagnosisAction action = DiagnosisAction::EscalateToHuman;
            actionFromName(e.action, action);
            call.diagnosis.status = status;
            call.diagnosis.action = action;
            call.diagnosis.confidence = e.confidence;
            call.diagnosis.rootCause = e.rootCause;
            call.diagnosis.evidence = e.evidence;
            call.diagnosis.mutation = {e.mutationKind, e.mutationDescription, e.mutationEffect};
            call.costUsd = e.costUsd;
            call.response = QStringLiteral("%1 → %2, confidence %3\n%4")
                                .arg(e.status, e.action)
                                .arg(e.confidence, 0, 'f', 2)
                                .arg(e.rootCause);
            rec.result.calls.push_back(call);
            rec.result.diagnosis = call.diagnosis;
            rec.result.acceptedTier = e.tier;
            rec.result.totalCostUsd += e.costUsd;
            rec.result.outcome = InvestigationOutcome::Accepted;
            rec.running = false;
            m_investigationsOut[it->first] = rec;
        }
        break;
    }
    case EventKind::Transition: {
        const auto it = m_workflows.find(e.workflow.toStdString() + '\x1f' + e.version.toStdString());
        if (it != m_workflows.end())
            it->second->phase = e.to;
        m_forceSnapshot = true;
        break;
    }
    case EventKind::Graduated:
    case EventKind::Trend:
        m_forceSnapshot = true;
        break;
    }
    if (qsizetype(m_events.size()) < MaxEventsPerTick || e.kind != EventKind::Anomaly)
        m_events.push_back(std::move(r));
    m_dirty = true;
}

void EngineWorker::refreshProfiles(const EngineSnapshot &snapshot)
{
    for (const WorkflowSnapshot &w : snapshot.workflows) {
        for (const ToolSnapshot &t : w.tools) {
            for (const MetricSnapshot &m : t.metrics) {
                MetricSeries *ms = findSeries(w.workflow, w.version, t.tool, m.metric);
                if (!ms)
                    continue;
                ms->hasProfile = m.profile.count() >= 20;
                ms->profileMean = m.profile.mean();
                ms->profileStd = m.profile.stddev();
            }
        }
    }
}

void EngineWorker::importFiles(const QStringList &paths, std::shared_ptr<std::atomic_bool> cancel)
{
    if (m_importing) {
        m_importQueue.emplace_back(paths, std::move(cancel));
        return;
    }
    attachStore();
    QSet<QString> readThisImport; // a name given twice is read once
    m_importing = true;
    ImportSummary summary;
    summary.files = paths;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < paths.size(); ++i) {
        const QString &path = paths[i];
        // With a store, a file read before continues after its lines (or is skipped when it has not grown).
        ImportPlan plan;
        if (m_storeWriter && m_storeWriter->isWriting()) {
            const QString id = QFileInfo(path).canonicalFilePath();
            if (!id.isEmpty() && readThisImport.contains(id)) {
                summary.notes << QFileInfo(path).fileName() + u": " + tr("given more than once: read once");
                continue;
            }
            readThisImport.insert(id);
            QString error;
            if (!planImport(*m_store, path, false, plan, &error)) {
                summary.notes << QFileInfo(path).fileName() + u": " + error;
                plan = ImportPlan();
            }
            if (const QString note = planNote(plan); !note.isEmpty())
                summary.notes << QFileInfo(path).fileName() + u": " + note;
            if (plan.kind == ImportPlan::Kind::Unchanged)
                continue;
            m_storeWriter->beginFile(plan.progress);
        }
        const int fileIndex = int(m_files.size());
        m_files << path;
        emit importStarted(path, i, int(paths.size()));
        ImportSink sink(*this, fileIndex, QFileInfo(path).fileName(), cancel, summary);
        m_engine->setFileIndex(fileIndex);
        ImportOptions options;
        options.skipLines = plan.skipLines;
        const ImportResult result = importFile(path, sink, &sink, InputFormat::Auto, options);
        if (m_storeWriter)
            m_storeWriter->endFile(result);
        summary.records += result.records;
        summary.rejected += result.rejected;
        summary.bytes += result.bytes;
        if (result.outcome != Outcome::Finished) {
            summary.outcome = result.outcome;
            if (result.outcome == Outcome::Failed)
                summary.error = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), result.error);
            break;
        }
    }
    m_engine->setFileIndex(-1);
    m_engine->finish();
    summary.elapsedMs = clock.elapsed();
    m_importing = false;
    m_forceSnapshot = true;
    publish(true);
    writeStore(true);
    emit importFinished(summary);

    if (m_resetPending) {
        m_resetPending = false;
        for (auto &queued : m_importQueue)
            if (queued.second)
                queued.second->store(true);
        m_importQueue.clear();
        resetSession(m_resetGeneration);
    }
    if (!m_importQueue.empty()) {
        auto next = std::move(m_importQueue.front());
        m_importQueue.pop_front();
        QMetaObject::invokeMethod(
            this, [this, next] { importFiles(next.first, next.second); }, Qt::QueuedConnection);
    }
}

void EngineWorker::serviceEvents()
{
    if (m_sincePublish.elapsed() >= m_config.publishIntervalMs)
        publish(false);
    // Chart queries and operator actions queued meanwhile are answered between batches.
    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

void EngineWorker::appendRecords(const std::vector<Record> &records, qint16 source)
{
    if (!m_storeChecked)
        attachStore();
    for (const Record &r : records)
        processRecord(r.view(m_scratch), -1, source);
}

void EngineWorker::startDemo(const DemoOptions &options)
{
    m_demo = options;
    m_sim.reset(options.seed, DemoSimulator::DefaultStartMs);
    m_sim.setRatePerDay(options.ratePerDay);
    if (options.scenario != Situation::Normal)
        m_sim.schedule(options.scenario, std::max<qint64>(0, options.scenarioAt));
    m_pacer = SimulationPacer();
    m_pacer.setSpeed(options.speed, m_wall.elapsed(), m_sim.simulatedTimeMs());
    m_pacer.start(m_wall.elapsed(), m_sim.simulatedTimeMs());
    m_demoRunning = true;
    m_demoTimer->start(m_pacer.isUnlimited() ? 0 : 10);
    m_dirty = true;
}

void EngineWorker::stopDemo()
{
    m_demoRunning = false;
    m_demoTimer->stop();
    m_dirty = true;
}

void EngineWorker::setDemoSpeed(double speed)
{
    m_demo.speed = speed;
    m_pacer.setSpeed(speed, m_wall.elapsed(), m_sim.simulatedTimeMs());
    if (m_demoRunning)
        m_demoTimer->start(m_pacer.isUnlimited() ? 0 : 10);
    m_dirty = true;
}

void EngineWorker::setDemoPaused(bool paused)
{
    if (paused) {
        m_pacer.pause(m_wall.elapsed(), m_sim.simulatedTimeMs());
    } else {
        m_demo.pauseAt = -1; // resuming after a planned stop means go on, not stop again at once
        m_pacer.resume(m_wall.elapsed(), m_sim.simulatedTimeMs());
    }
    m_dirty = true;
}

void EngineWorker::setSituation(Situation situation, bool active)
{
    if (active)
        m_sim.trigger(situation);
    else
        m_sim.clear(situation);
    m_dirty = true;
}

void EngineWorker::onDemoTick()
{
    if (!m_demoRunning || m_importing || m_pacer.isPaused())
        return;
    const qint64 target = m_pacer.targetMs(m_wall.elapsed());
    QElapsedTimer budget;
    budget.start();
    int produced = 0;
    while (m_sim.nextArrivalMs() <= target) {
        if (m_demo.pauseAt >= 0 && m_sim.executions() >= m_demo.pauseAt) {
            m_pacer.pause(m_wall.elapsed(), m_sim.simulatedTimeMs());
            m_dirty = true;
            break;
        }
        const int n = m_sim.nextExecution(m_execution);
        for (int i = 0; i < n; ++i)
            processRecord(m_execution[size_t(i)].view(m_scratch), -1, StreamSources::Demo);
        // Yield to the event loop regularly: chart queries and actions stay responsive.
        if ((++produced & 31) == 0 && budget.elapsed() >= DemoBudgetMs)
            break;
    }
    if (!m_pacer.isUnlimited() && m_sim.nextArrivalMs() > target) {
        // Sleep until the next arrival is due (bounded, so speed changes apply quickly).
        const double speed = std::max(1e-9, m_pacer.speed());
        const double waitMs = double(m_sim.nextArrivalMs() - target) / speed;
        m_demoTimer->setInterval(int(std::clamp(waitMs, 5.0, 50.0)));
    } else {
        m_demoTimer->setInterval(0);
    }
}

DemoState EngineWorker::demoState() const
{
    DemoState d;
    d.running = m_demoRunning;
    d.paused = m_pacer.isPaused();
    d.speed = m_pacer.speed();
    for (int s = 1; s < SituationCount; ++s)
        if (m_sim.isActive(Situation(s)))
            d.situations |= 1u << s;
    d.executions = m_sim.executions();
    d.simulatedTimeMs = m_sim.simulatedTimeMs();
    return d;
}

void EngineWorker::sampleCost()
{
    m_lastCostSeq = m_seq;
    const EngineTotals t = m_engine->totals();
    if (t.executions == 0)
        return;
    if (!m_costOriginSent) {
        // Start the curves where the data starts: at zero, or at what earlier sessions spent (kept in the store).
        CostSample origin = m_costBase;
        origin.tsMs = m_firstTsMs;
        m_costs.push_back(origin);
        m_costOriginSent = true;
    }
    CostSample c;
    c.tsMs = m_latestTsMs;
    c.executions = t.executions;
    c.spentUsd = t.monitoringCostUsd + m_rerunUsd;
    c.investigationUsd = m_investigationUsd;
    c.alwaysOnUsd = t.alwaysOnCostUsd;
    m_costs.push_back(c);
}

void EngineWorker::onPublishTick()
{
    if (m_dirty || m_forceSnapshot)
        publish(false);
    if (m_storeWriter && !m_importing && m_storeWriter->dirty() && m_storeWriter->sinceWrite() >= StoreIntervalMs)
        writeStore();
}

void EngineWorker::attachStore()
{
    if (m_storeChecked)
        return;
    m_storeChecked = true;
    // Only a fresh session on real data: the demo's synthetic workflows are never kept.
    if (m_config.storePath.isEmpty() || m_demoRunning || m_seq > 0)
        return;
    StoreStatus status;
    status.path = m_config.storePath;
    auto store = std::make_unique<Store>();
    QString error;
    EngineSnapshot snapshot;
    const auto restore = [&] {
        QByteArray trendState;
        if (!store->loadSnapshot(snapshot, &error) || !m_engine->restore(snapshot, &error)
            || !store->loadTrendState(trendState, &error))
            return false;
        if (!trendState.isEmpty() && !m_evolution.restoreTrends(trendState)) {
            error = QStringLiteral("its trend aggregates are unreadable");
            return false;
        }
        return true;
    };
    if (!store->open(m_config.storePath, &error) || !store->claimWriting(&error)) {
        status.error = error;
    } else if (!restore()) {
        status.error = QStringLiteral("cannot continue from %1: %2").arg(QDir::toNativeSeparators(m_config.storePath), error);
        newEngine(); // nothing half-restored
        m_evolution.clear();
    }
    if (!status.error.isEmpty()) {
        emit storeChanged(status);
        return;
    }
    status.restored = int(snapshot.workflows.size());
    m_storedLedger = store->loadLedger(); // the economics of earlier sessions, shown beside this one's
    const EngineTotals base = m_engine->totals();
    m_costBase.executions = base.executions;
    m_costBase.spentUsd = base.monitoringCostUsd;
    m_costBase.alwaysOnUsd = base.alwaysOnCostUsd;
    m_store = std::move(store);
    m_storeWriter = std::make_unique<StoreWriter>(
        *m_engine, m_store.get(), false,
        [this](const QString &message) {
            StoreStatus failed;
            failed.path = m_config.storePath;
            failed.error = message;
            emit storeChanged(failed);
        },
        StoreWriter::Ledger::Handed); // publish() takes the ledger rows and hands them over
    emit storeChanged(status);
    m_forceSnapshot = true;
    publish(true);
}

void EngineWorker::writeStore(bool withTrends)
{
    if (!m_storeWriter || !m_storeWriter->dirty())
        return;
    // The aggregates are larger than a batch (≈ 100 KB for 30 days of a workflow) and change by the day.
    if (withTrends || !m_sinceTrendsStored.isValid() || m_sinceTrendsStored.elapsed() >= 60000) {
        m_storeWriter->setTrendState(m_evolution.saveTrends());
        m_sinceTrendsStored.start();
    }
    m_storeWriter->flush();
}

void EngineWorker::detachStore()
{
    if (m_storeWriter) {
        m_engine->finish(); // open executions count, as at the end of an import
        publish(true);      // hands the last ledger rows over
        writeStore(true);
    }
    m_storeWriter.reset();
    m_store.reset();
    m_storedLedger.clear();
    m_costBase = CostSample();
    m_storeChecked = false;
}

void EngineWorker::flush()
{
    m_forceSnapshot = true;
    publish(true);
}

void EngineWorker::publish(bool force)
{
    auto p = std::make_shared<EnginePublication>();
    p->generation = m_generation;
    p->rows.reserve(m_rows.size());
    std::move(m_rows.begin(), m_rows.end(), std::back_inserter(p->rows));
    m_rows.clear();
    p->droppedRows = std::exchange(m_droppedRows, 0);
    p->events = std::exchange(m_events, {});
    p->investigations.reserve(m_investigationsOut.size());
    for (auto &[id, rec] : m_investigationsOut)
        p->investigations.push_back(std::move(rec));
    m_investigationsOut.clear();

    // Snapshots cost O(profiles): keep them to a small share of the thread's time.
    const qint64 minInterval = std::max<qint64>(100, m_snapshotCostUs / 50);
    if (m_forceSnapshot || m_sinceSnapshot.elapsed() >= minInterval) {
        QElapsedTimer cost;
        cost.start();
        auto snapshot = std::make_shared<EngineSnapshot>(m_engine->snapshot());
        addRerunCharges(*snapshot);
        refreshProfiles(*snapshot);
        p->snapshot = std::move(snapshot);
        m_snapshotCostUs = cost.nsecsElapsed() / 1000;
        m_sinceSnapshot.restart();
        m_forceSnapshot = false;
    }
    p->totals = m_engine->totals();
    p->totals.monitoringCostUsd += m_rerunUsd;
    p->ledger = m_engine->takeLedgerEntries();
    p->ledger.insert(p->ledger.end(), m_rerunLedger.begin(), m_rerunLedger.end());
    m_rerunLedger.clear();
    if (m_storeWriter)
        m_storeWriter->addLedger(p->ledger);
    if (!m_storedLedger.empty()) // shown, never written back: the store has them
        p->ledger.insert(p->ledger.begin(), std::make_move_iterator(m_storedLedger.begin()),
                         std::make_move_iterator(m_storedLedger.end()));
    m_storedLedger.clear();
    if (m_seq > m_lastCostSeq)
        sampleCost(); // the latest point is always current
    p->costs = std::exchange(m_costs, {});
    p->latestTsMs = m_latestTsMs;

    const qint64 elapsed = m_rateClock.elapsed();
    if (elapsed >= 250) {
        const double instant = double(p->totals.records - m_rateRecords) * 1000.0 / double(elapsed);
        m_rate = m_rate <= 0 ? instant : 0.6 * m_rate + 0.4 * instant;
        if (m_rate < 0.5)
            m_rate = 0;
        m_rateRecords = p->totals.records;
        m_rateClock.restart();
    }
    p->recordsPerSecond = m_rate;
    p->demo = demoState();
    p->trendWarnings = std::exchange(m_trendWarnings, {});
    if (m_evolution.isStale(m_sinceEvolution.elapsed(), force ? 0 : EvolutionIntervalMs)) {
        p->trends = m_evolution.takeTrends(m_sinceEvolution.elapsed());
        p->comparisons = m_evolution.takeComparisons();
    }
    m_dirty = false;
    m_sincePublish.restart();
    emit published(p);
}

void EngineWorker::applyAction(const OperatorAction &a)
{
    QString error;
    bool ok = true;
    switch (a.kind) {
    case OperatorAction::AcceptAsNormal:
        ok = m_engine->acceptAsNormal(a.workflow, a.version, a.tool, a.metric, a.who, &error);
        break;
    case OperatorAction::Dismiss:
        ok = m_engine->dismiss(a.workflow, a.version, a.tool, a.metric, a.who, &error);
        break;
    case OperatorAction::MarkForEvolution: {
        // Not an engine state change: the proposal is recorded in the audit trail for whoever evolves the workflow.
        Event e;
        e.kind = EventKind::Transition;
        e.id = --m_syntheticEventId;
        e.workflow = a.workflow;
        e.version = a.version;
        e.tool = a.tool;
        e.metric = a.metric;
        e.tsMs = m_latestTsMs;
        e.relatesTo = a.eventId;
        const auto it = m_workflows.find(a.workflow.toStdString() + '\x1f' + a.version.toStdString());
        e.from = e.to = it != m_workflows.end() ? it->second->phase : Phase::Graduated;
        e.reason = QStringLiteral("%1 %2 marked for evolution by %3").arg(a.tool, a.metric, a.who);
        m_events.push_back({e, 0});
        break;
    }
    }
    m_forceSnapshot = true;
    m_dirty = true;
    if (m_storeWriter)
        m_storeWriter->touch();
    publish(true);
    emit actionDone(a, ok, error);
}

void EngineWorker::querySeries(const SeriesQuery &q)
{
    QElapsedTimer clock;
    clock.start();
    auto reply = std::make_shared<SeriesReply>();
    reply->query = q;
    const MetricSeries *ms = findSeries(q.workflow, q.version, q.tool, q.metric);
    if (ms && !ms->buffer.isEmpty()) {
        const SeriesBuffer &b = ms->buffer;
        if (b.isMonotonic()) {
            reply->historyFromMs = b.tsAt(0);
            reply->historyToMs = b.tsAt(b.size() - 1);
        } else {
            qint64 lo = std::numeric_limits<qint64>::max(), hi = std::numeric_limits<qint64>::min();
            b.forEach(0, b.size(), [&](qint64 ts, float, qint64) {
                lo = std::min(lo, ts);
                hi = std::max(hi, ts);
            });
            reply->historyFromMs = lo;
            reply->historyToMs = hi;
        }
        reply->historySize = b.size();
        qint64 from = q.fromMs, to = q.toMs;
        if (q.aroundSeq > 0) {
            // seq grows along the buffer: binary search, then the raw neighbourhood.
            qsizetype lo = 0, hi = b.size();
            while (lo < hi) {
                const qsizetype mid = lo + (hi - lo) / 2;
                if (b.seqAt(mid) < q.aroundSeq)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            const qsizetype first = std::max<qsizetype>(0, lo - q.before);
            const qsizetype last = std::min<qsizetype>(b.size(), lo + q.after + 1);
            if (first < last) {
                from = b.tsAt(first);
                to = b.tsAt(last - 1);
            }
            b.forEach(first, last, [&](qint64 ts, float v, qint64 seq) { reply->points.push_back({ts, double(v), seq}); });
            reply->pointsInRange = last - first;
        } else if (from == 0 && to == 0) {
            from = reply->historyFromMs;
            to = reply->historyToMs;
        }
        if (q.aroundSeq <= 0) {
            DownsampledSeries ds = downsampleMinMax(b, from, to, q.buckets);
            reply->points = std::move(ds.points);
            reply->pointsInRange = ds.pointsInRange;
            reply->minValue = ds.minValue;
            reply->maxValue = ds.maxValue;
        }
        // Drifts and failures are few and all shown; anomalies are thinned to a readable number.
        std::vector<SeriesMarker> anomalies;
        for (const SeriesMarker &m : ms->markers) {
            if (m.tsMs < from || m.tsMs > to)
                continue;
            if (m.kind == EventKind::Anomaly && !m.failure)
                anomalies.push_back(m);
            else
                reply->markers.push_back(m);
        }
        const size_t maxAnomalies = size_t(std::max(50, q.buckets / 2));
        const size_t stride = anomalies.size() / maxAnomalies + 1;
        for (size_t i = 0; i < anomalies.size(); i += stride)
            reply->markers.push_back(anomalies[i]);
        reply->windowValues = lastValues(b, q.windowSize);
    }
    // The "current window" of every metric of the tool, for the statistics table.
    for (const auto &[key, series] : m_seriesIndex) {
        if (std::get<0>(key) != q.workflow || std::get<1>(key) != q.version || std::get<2>(key) != q.tool)
            continue;
        reply->window.push_back(summarise(std::get<3>(key), lastValues(series->buffer, q.windowSize)));
    }
    reply->computeUs = clock.nsecsElapsed() / 1000;
    emit seriesReady(reply);
}

void EngineWorker::compareVersions(const QString &workflow, const QString &baseline, const QString &candidate)
{
    emit comparisonReady(m_evolution.compare(workflow, baseline, candidate));
}

void EngineWorker::shutdown()
{
    m_shutdown = true;
    stopDemo();
    m_publishTimer->stop();
    detachStore();
    if (m_queue)
        m_queue->cancelAll();
}

void EngineWorker::rerunInvestigation(qint64 driftId, const QString &tierName)
{
    const TierLadder one = TierLadder::effective(m_config.tiersJson).only(tierName);
    if (one.isEmpty()) {
        emit rerunRefused(driftId, tierName, RerunRefusal::UnknownTier);
        return;
    }
    const auto it = m_investigations.find(driftId);
    if (it == m_investigations.end()) {
        emit rerunRefused(driftId, tierName, RerunRefusal::NotKept);
        return;
    }
    const bool queued = std::any_of(m_queueToDrift.begin(), m_queueToDrift.end(), [driftId](const auto &q) { return q.second == driftId; })
                        || std::any_of(m_reruns.begin(), m_reruns.end(), [driftId](const auto &q) { return q.second.driftId == driftId; });
    if (queued) {
        emit rerunRefused(driftId, tierName, RerunRefusal::AlreadyRunning);
        return;
    }
    Rerun job;
    job.driftId = driftId;
    job.tier = tierName;
    job.callsBefore = it->second.result.calls.size();
    job.round = lastRerun(it->second.result) + 1;
    if (!m_queue) {
        // Only rules tiers: answered here and now, as the engine's own investigation was.
        finishRerun(job, it->second.context, investigateBlocking(one, it->second.context));
        return;
    }
    it->second.running = true;
    m_investigationsOut[driftId] = it->second;
    m_dirty = true;
    m_enqueuing = job;
    const qint64 id = m_queue->enqueue(it->second.context, one);
    if (std::exchange(m_enqueuing, Rerun()).driftId != 0)
        m_reruns[id] = job;
}

void EngineWorker::connectReruns()
{
    connect(m_queue, &InvestigationQueue::callFinished, this, [this](qint64 id, const TierCall &call) {
        const auto job = m_reruns.find(id);
        const auto it = job == m_reruns.end() ? m_investigations.end() : m_investigations.find(job->second.driftId);
        if (it == m_investigations.end())
            return;
        it->second.result.calls.push_back(call);
        it->second.result.calls.back().rerun = job->second.round;
        m_investigationsOut[it->first] = it->second;
        m_dirty = true;
    });
    connect(m_queue, &InvestigationQueue::finished, this,
            [this](qint64 id, const InvestigationContext &ctx, const InvestigationResult &result) {
                const auto job = m_reruns.find(id);
                if (job == m_reruns.end())
                    return;
                const Rerun done = job->second;
                m_reruns.erase(job);
                finishRerun(done, ctx, result);
            });
    connect(m_queue, &InvestigationQueue::skipped, this,
            [this](qint64 id, const InvestigationContext &ctx, const QString &reason) {
                Rerun done;
                const auto job = m_reruns.find(id);
                if (job != m_reruns.end()) {
                    done = job->second;
                    m_reruns.erase(job);
                } else if (m_enqueuing.driftId != 0 && !m_queueToDrift.count(id)) {
                    done = std::exchange(m_enqueuing, Rerun());
                } else {
                    return;
                }
                // Recorded like any failed call, so the transcript says why the re-run never ran.
                InvestigationResult skipped;
                TierCall call;
                call.tier = done.tier;
                const TierLadder one = TierLadder::effective(m_config.tiersJson).only(done.tier);
                if (!one.isEmpty()) {
                    call.provider = providerKindName(one.at(0).provider);
                    call.model = one.at(0).model;
                }
                call.error = QStringLiteral("not run: %1").arg(reason);
                skipped.calls.push_back(call);
                skipped.outcome = InvestigationOutcome::Failed;
                finishRerun(done, ctx, skipped);
            });
}

void EngineWorker::finishRerun(const Rerun &job, const InvestigationContext &ctx, const InvestigationResult &result)
{
    double usd = 0;
    for (const TierCall &c : result.calls)
        usd += c.costUsd;
    if (usd > 0) {
        // Charged when the answer came, in record time: the ledger's hour of the newest record.
        m_rerunUsd += usd;
        m_investigationUsd += usd;
        m_rerunUsdByWorkflow[{ctx.workflow, ctx.version}] += usd;
        LedgerEntry e;
        e.hourStartMs = m_latestTsMs - ((m_latestTsMs % 3600000) + 3600000) % 3600000;
        e.workflow = ctx.workflow;
        e.version = ctx.version;
        e.investigationUsd = usd;
        m_rerunLedger.push_back(e);
        m_forceSnapshot = true;
    }
    const auto it = m_investigations.find(job.driftId);
    if (it != m_investigations.end()) {
        // The calls shown live are replaced by the final ones (which carry the accepted mark).
        std::vector<TierCall> &calls = it->second.result.calls;
        calls.erase(calls.begin() + qsizetype(std::min(calls.size(), job.callsBefore)), calls.end());
        appendRerun(it->second.result, result);
        it->second.running = false;
        m_investigationsOut[job.driftId] = it->second;
    }
    m_dirty = true;
}

void EngineWorker::addRerunCharges(EngineSnapshot &snapshot) const
{
    for (WorkflowSnapshot &w : snapshot.workflows) {
        const auto it = m_rerunUsdByWorkflow.find({w.workflow, w.version});
        if (it != m_rerunUsdByWorkflow.end())
            w.ledger.investigationUsd += it->second;
    }
}
