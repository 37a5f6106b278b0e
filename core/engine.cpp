#include "engine.h"

#include "callorder.h"
#include "workflowstate.h"

#include <algorithm>

namespace Apprentice {

struct Engine::Pending {
    qint64 id = 0;
    WorkflowState *workflow = nullptr;
    QString tool;
    QString metric;
    Trigger trigger = Trigger::Drift;
    qint64 line = 0;
    qint64 tsMs = 0;
    int fileIndex = -1;
    bool escalated = false;
};

Engine::Engine(EngineConfig config)
    : m_config(std::move(config))
{
}

Engine::~Engine() = default;

WorkflowState *Engine::workflowFor(std::string_view workflow, std::string_view version)
{
    return &byCallOrder(
        m_last, &WorkflowState::nextWorkflow, [&](const WorkflowState &w) { return w.is(workflow, version); },
        [&]() -> WorkflowState & {
            for (auto &w : m_workflows)
                if (w->is(workflow, version))
                    return *w;
            return *m_workflows.emplace_back(std::make_unique<WorkflowState>(*this, workflow, version));
        },
        true); // most records belong to the previous record's run
}

void Engine::process(const RecordView &record)
{
    ++m_totals.records;
    m_currentTsMs = record.tsMs;
    m_currentLine = record.line;
    workflowFor(record.workflow, record.version)->process(record);
}

void Engine::process(const Record &record)
{
    std::vector<CustomMetricView> scratch;
    process(record.view(scratch));
}

void Engine::finish()
{
    for (auto &w : m_workflows)
        w->finish();
}

void Engine::emitEvent(Event &e)
{
    e.id = m_nextEventId++;
    e.fileIndex = m_fileIndex;
    if (m_onEvent)
        m_onEvent(e);
}

void Engine::requestInvestigation(WorkflowState &wf, InvestigationRequest request, Trigger trigger)
{
    auto p = std::make_unique<Pending>();
    p->id = request.id;
    p->workflow = &wf;
    p->tool = request.context.tool;
    p->metric = request.context.metric;
    p->trigger = trigger;
    p->line = request.context.line;
    p->tsMs = m_currentTsMs;
    p->fileIndex = m_fileIndex;
    m_pending.push_back(std::move(p));
    ++wf.pendingInvestigations;
    ++wf.ledger.investigations;
    if (wf.phase == Phase::Graduated)
        wf.transition(Phase::Investigating,
                      QStringLiteral("%1 of %2 %3").arg(triggerName(trigger), request.context.tool, request.context.metric),
                      nullptr);
    else
        wf.updateReason();

    if (m_onInvestigate) {
        m_onInvestigate(request);
        return;
    }
    // The built-in $0 diagnostician answers at once; the ledger charges what the seed's ladder
    // would have cost (fast+medium for a drift, all three tiers for a failure).
    const CostModel &c = m_config.costs;
    const double modelled = trigger == Trigger::Failure ? c.fastCall + c.mediumCall + c.expensiveCall
                                                        : c.fastCall + c.mediumCall;
    resolveInvestigation(request.id, {TierOutcome{QStringLiteral("rules"), diagnoseByRules(request.context), modelled}});
}

void Engine::requestReview(WorkflowState &wf, InvestigationContext context)
{
    auto p = std::make_unique<Pending>();
    p->id = -(m_nextReviewId++); // reviews are not events: negative ids keep them apart
    p->workflow = &wf;
    p->trigger = Trigger::ApprenticeReview;
    p->line = m_currentLine;
    p->tsMs = m_currentTsMs;
    p->fileIndex = m_fileIndex;
    InvestigationRequest request;
    request.id = p->id;
    context.trigger = Trigger::ApprenticeReview;
    context.line = m_currentLine;
    request.context = std::move(context);
    m_pending.push_back(std::move(p));
    m_onInvestigate(request);
}

bool Engine::resolveInvestigation(qint64 id, const std::vector<TierOutcome> &tiers, QString *error)
{
    auto it = std::find_if(m_pending.begin(), m_pending.end(), [id](const auto &p) { return p->id == id; });
    if (it == m_pending.end()) {
        if (error)
            *error = QStringLiteral("no open investigation %1").arg(id);
        return false;
    }
    if (tiers.empty()) {
        if (error)
            *error = QStringLiteral("investigation %1 resolved without an answer").arg(id);
        return false;
    }
    Pending &p = **it;
    WorkflowState &wf = *p.workflow;
    if (p.trigger == Trigger::ApprenticeReview) {
        double cost = 0;
        for (const TierOutcome &t : tiers)
            cost += t.costUsd;
        wf.addApprenticeCost(cost, p.tsMs);
        if (tiers.back().diagnosis.status == DiagnosisStatus::Normal) {
            m_pending.erase(it);
            return true;
        }
    }
    const int savedFile = m_fileIndex;
    m_fileIndex = p.fileIndex;
    for (const TierOutcome &t : tiers) {
        Event e;
        e.kind = EventKind::Diagnosis;
        e.workflow = wf.qWorkflow;
        e.version = wf.qVersion;
        e.tool = p.tool;
        e.metric = p.metric;
        e.line = p.line;
        e.tier = t.tier;
        e.status = statusName(t.diagnosis.status);
        e.confidence = t.diagnosis.confidence;
        e.action = actionName(t.diagnosis.action);
        e.costUsd = t.costUsd;
        e.rootCause = t.diagnosis.rootCause;
        e.evidence = t.diagnosis.evidence;
        e.mutationKind = t.diagnosis.mutation.kind;
        e.mutationDescription = t.diagnosis.mutation.description;
        e.mutationEffect = t.diagnosis.mutation.expectedEffect;
        e.relatesTo = id;
        emitEvent(e);
        if (p.trigger != Trigger::ApprenticeReview)
            wf.addInvestigationCost(t.costUsd, p.tsMs);
    }
    m_fileIndex = savedFile;
    if (p.trigger == Trigger::ApprenticeReview) {
        m_pending.erase(it);
        return true;
    }

    const Diagnosis &final = tiers.back().diagnosis;
    ToolState *tool = wf.findTool(p.tool);
    MetricState *metric = tool ? tool->find(p.metric) : nullptr;
    switch (final.action) {
    case DiagnosisAction::UpdateProfile:
        if (metric) {
            metric->monitor.rebase();
            metric->profile.clear();
            for (float v : metric->monitor.reference())
                metric->profile.add(double(v));
        }
        break;
    case DiagnosisAction::Ignore:
        if (metric)
            metric->monitor.resetDetector();
        break;
    case DiagnosisAction::EvolveWorkflow: // the change is real and unwanted: stays latched until fixed
    case DiagnosisAction::Recover:
        break;
    case DiagnosisAction::EscalateToHuman:
        p.escalated = true;
        wf.updateReason();
        return true; // stays open until an operator accepts or dismisses
    }
    --wf.pendingInvestigations;
    m_pending.erase(it);
    if (wf.phase == Phase::Investigating && wf.pendingInvestigations == 0)
        wf.transition(Phase::Graduated,
                      QStringLiteral("%1 applied (%2)").arg(actionName(final.action), tiers.back().tier), nullptr);
    else
        wf.updateReason();
    return true;
}

namespace {
WorkflowState *findWorkflow(const std::vector<std::unique_ptr<WorkflowState>> &all, const QString &workflow,
                            const QString &version)
{
    for (const auto &w : all)
        if (w->qWorkflow == workflow && w->qVersion == version)
            return w.get();
    return nullptr;
}
} // namespace

void Engine::closeByOperator(WorkflowState &wf, const QString &tool, const QString &metric, const QString &what,
                             const QString &who)
{
    // Close what was open on this metric: the operator has decided.
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if ((*it)->workflow == &wf && (*it)->tool == tool && (*it)->metric == metric) {
            --wf.pendingInvestigations;
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
    Event e;
    e.kind = EventKind::Transition;
    e.workflow = wf.qWorkflow;
    e.version = wf.qVersion;
    e.tool = tool;
    e.metric = metric;
    e.from = e.to = wf.phase;
    e.reason = QStringLiteral("%1 %2 %3 by %4").arg(tool, metric, what, who);
    emitEvent(e);
    if (wf.phase == Phase::Investigating && wf.pendingInvestigations == 0)
        wf.transition(Phase::Graduated, QStringLiteral("%1 by %2").arg(what, who), nullptr);
    else
        wf.updateReason();
}

bool Engine::acceptAsNormal(const QString &workflow, const QString &version, const QString &tool,
                            const QString &metric, const QString &who, QString *error)
{
    WorkflowState *wf = findWorkflow(m_workflows, workflow, version);
    ToolState *t = wf ? wf->findTool(tool) : nullptr;
    MetricState *m = t ? t->find(metric) : nullptr;
    if (!m) {
        if (error)
            *error = QStringLiteral("no profile for %1 %2 %3 %4").arg(workflow, version, tool, metric);
        return false;
    }
    m->monitor.rebase();
    m->profile.clear();
    for (float v : m->monitor.reference())
        m->profile.add(double(v));
    closeByOperator(*wf, tool, metric, QStringLiteral("accepted as the new normal"), who);
    return true;
}

bool Engine::dismiss(const QString &workflow, const QString &version, const QString &tool, const QString &metric,
                     const QString &who, QString *error)
{
    WorkflowState *wf = findWorkflow(m_workflows, workflow, version);
    ToolState *t = wf ? wf->findTool(tool) : nullptr;
    MetricState *m = t ? t->find(metric) : nullptr;
    if (!t || (!m && metric != u"status")) {
        if (error)
            *error = QStringLiteral("no profile for %1 %2 %3 %4").arg(workflow, version, tool, metric);
        return false;
    }
    if (m)
        m->monitor.resetDetector();
    closeByOperator(*wf, tool, metric, QStringLiteral("dismissed as a false alarm"), who);
    return true;
}

EngineTotals Engine::totals() const
{
    EngineTotals t = m_totals;
    t.workflows = qint64(m_workflows.size());
    t.executions = 0;
    t.monitoringCostUsd = 0;
    t.alwaysOnCostUsd = 0;
    t.phaseCounts = {};
    for (const auto &w : m_workflows) {
        t.executions += w->executions;
        t.monitoringCostUsd += w->ledger.spentUsd();
        t.alwaysOnCostUsd += w->ledger.alwaysOnUsd;
        ++t.phaseCounts[size_t(w->phase)];
    }
    return t;
}

EngineSnapshot Engine::snapshot() const
{
    EngineSnapshot s;
    s.nextEventId = m_nextEventId;
    for (const auto &w : m_workflows)
        s.workflows.push_back(w->snapshot());
    return s;
}

bool Engine::restore(const EngineSnapshot &snapshot, QString *error)
{
    std::vector<std::unique_ptr<WorkflowState>> restored;
    for (const WorkflowSnapshot &ws : snapshot.workflows) {
        const QByteArray wf = ws.workflow.toUtf8();
        const QByteArray ver = ws.version.toUtf8();
        auto state = std::make_unique<WorkflowState>(*this, std::string_view(wf.constData(), size_t(wf.size())),
                                                     std::string_view(ver.constData(), size_t(ver.size())));
        if (!state->restore(ws, error))
            return false;
        restored.push_back(std::move(state));
    }
    m_workflows = std::move(restored);
    m_last = nullptr;
    m_pending.clear();
    m_nextEventId = std::max<qint64>(snapshot.nextEventId, 1);
    return true;
}

std::vector<LedgerEntry> Engine::takeLedgerEntries()
{
    return std::exchange(m_ledgerOut, {});
}

bool Engine::contextFor(const QString &workflow, const QString &version, const QString &tool, const QString &metric,
                        InvestigationContext &c) const
{
    WorkflowState *wf = findWorkflow(m_workflows, workflow, version);
    ToolState *t = wf ? wf->findTool(tool) : nullptr;
    MetricState *m = t ? t->find(metric) : nullptr;
    if (!m)
        return false;
    auto statsOf = [](const MetricState &ms) {
        const MetricMonitor &mon = ms.monitor;
        ProfileStats p;
        const Moments &mo = ms.profile.moments();
        p.n = qint64(mo.n);
        p.mean = mo.mean;
        p.stddev = mo.stddev();
        p.min = mo.n ? mo.min : 0;
        p.max = mo.n ? mo.max : 0;
        p.p50 = mon.referenceQuantile(0.5);
        p.p95 = mon.referenceQuantile(0.95);
        p.p99 = mon.referenceQuantile(0.99);
        return p;
    };
    c.workflow = workflow;
    c.version = version;
    c.tool = tool;
    c.metric = metric;
    c.profile = statsOf(*m);
    c.recent = m->monitor.recentValues(10);
    c.recentFailures = t->recentFailures();
    c.recentCalls = t->recentCalls();
    c.consecutiveFailures = t->consecutiveFailures;
    c.errorText = t->lastError;
    c.siblings.clear();
    t->forEachMetric([&](const MetricState &s) {
        if (&s == m)
            return;
        SiblingMetric sib;
        sib.metric = s.qname;
        sib.profile = statsOf(s);
        sib.recentMean = s.monitor.recentMean(5);
        sib.shiftSigma = sib.profile.stddev > 0 ? (sib.recentMean - sib.profile.mean) / sib.profile.stddev : 0.0;
        c.siblings.push_back(sib);
    });
    return true;
}

} // namespace Apprentice
