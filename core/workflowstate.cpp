#include "workflowstate.h"

#include "callorder.h"
#include "engine.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace Apprentice {

MetricState &ToolState::addBuiltin(int builtinIndex, const DetectorConfig *config)
{
    auto &slot = builtin[size_t(builtinIndex)];
    if (!slot)
        slot = std::make_unique<MetricState>(std::string(BuiltinMetricNames[size_t(builtinIndex)]), config);
    return *slot;
}

namespace {

inline std::uint64_t mix(std::uint64_t h)
{
    // murmur3's finaliser: every input bit reaches the low bits the table index uses
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

inline std::uint64_t textHash(std::string_view s)
{
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = mix(h ^ w);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, s.data() + i, s.size() - i);
    return mix(h ^ tail);
}

} // namespace

MetricState &ToolState::custom_(std::string_view n, const DetectorConfig *config)
{
    for (auto &m : custom)
        if (m->name == n)
            return *m;
    custom.push_back(std::make_unique<MetricState>(std::string(n), config));
    return *custom.back();
}

MetricState *ToolState::find(const QString &n) const
{
    MetricState *found = nullptr;
    forEachMetric([&](const MetricState &m) {
        if (m.qname == n)
            found = const_cast<MetricState *>(&m);
    });
    return found;
}

int ToolState::recentFailures() const
{
    return std::popcount(failureBits);
}

WorkflowState::WorkflowState(Engine &engine, std::string_view wf, std::string_view ver)
    : workflow(wf), version(ver), qWorkflow(QString::fromUtf8(wf.data(), qsizetype(wf.size()))),
      qVersion(QString::fromUtf8(ver.data(), qsizetype(ver.size()))), m_engine(engine)
{
    updateReason();
}

ToolState *WorkflowState::findTool(const QString &name) const
{
    for (const auto &t : tools)
        if (t->qname == name)
            return t.get();
    return nullptr;
}

ToolState &WorkflowState::toolFor(std::string_view name)
{
    return byCallOrder(
        m_lastTool, &ToolState::next, [name](const ToolState &t) { return sameText(t.name, name); },
        [&]() -> ToolState & {
            for (auto &t : tools)
                if (sameText(t->name, name))
                    return *t;
            return *tools.emplace_back(std::make_unique<ToolState>(name));
        });
}

std::uint32_t *WorkflowState::findOpen(std::string_view id, std::uint64_t hash)
{
    if (m_openIndex.empty())
        return nullptr;
    const size_t mask = m_openIndex.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        std::uint32_t &slot = m_openIndex[i];
        if (slot == Empty)
            return nullptr;
        if (m_open[slot].hash == hash && sameText(m_open[slot].id, id))
            return &slot;
    }
}

void WorkflowState::indexOpen(std::uint32_t slot)
{
    if (m_openIndex.empty()) {
        const size_t capacity = size_t(std::max(1, m_engine.m_config.openExecutions));
        m_openIndex.assign(std::bit_ceil(capacity * 2), Empty); // at most half full: short probes
    }
    const size_t mask = m_openIndex.size() - 1;
    size_t i = m_open[slot].hash & mask;
    while (m_openIndex[i] != Empty)
        i = (i + 1) & mask;
    m_openIndex[i] = slot;
}

void WorkflowState::unindexOpen(std::uint32_t slot)
{
    if (m_openIndex.empty())
        return;
    const size_t mask = m_openIndex.size() - 1;
    size_t hole = m_open[slot].hash & mask;
    while (m_openIndex[hole] != slot) {
        if (m_openIndex[hole] == Empty)
            return;
        hole = (hole + 1) & mask;
    }
    // Backward-shift deletion: move later members of the probe run into the hole.
    for (size_t i = (hole + 1) & mask; m_openIndex[i] != Empty; i = (i + 1) & mask) {
        const size_t home = m_open[m_openIndex[i]].hash & mask;
        // Movable when its home is not in the cyclic range (hole, i].
        if (((i - home) & mask) >= ((i - hole) & mask)) {
            m_openIndex[hole] = m_openIndex[i];
            hole = i;
        }
    }
    m_openIndex[hole] = Empty;
}

WorkflowState::OpenExecution &WorkflowState::executionFor(const RecordView &r)
{
    std::uint64_t hash = 0;
    if (!r.execution.empty()) {
        if (m_openLast < m_open.size() && sameText(m_open[m_openLast].id, r.execution)) [[likely]]
            return m_open[m_openLast];
        hash = textHash(r.execution);
        if (const std::uint32_t *slot = findOpen(r.execution, hash)) {
            m_openLast = *slot;
            return m_open[m_openLast];
        }
    } else {
        hash = textHash({});
    }
    startExecution(r, hash);
    return m_open[m_openLast];
}

void WorkflowState::startExecution(const RecordView &r, std::uint64_t hash)
{
    const EngineConfig &cfg = m_engine.m_config;
    // Full monitoring: with a real ladder, the run before this one is reviewed now.
    if (phase == Phase::Apprentice && m_engine.m_onInvestigate && m_openLast < m_open.size()
        && m_open[m_openLast].index > 0)
        requestReview(m_open[m_openLast]);
    // The runs before this one are complete enough to judge: graduate before counting it.
    if (phase == Phase::Apprentice)
        checkGraduation(r);

    ++executions;
    ledgerHour(r.tsMs);
    const CostModel &costs = cfg.costs;
    if (phase == Phase::Apprentice) {
        ++ledger.apprenticeExecutions;
        if (!m_engine.m_onInvestigate) {
            ledger.apprenticeUsd += costs.apprenticeExecution;
            m_hour.apprenticeUsd += costs.apprenticeExecution;
        }
    } else {
        ++ledger.graduatedExecutions;
    }
    ledger.alwaysOnUsd += costs.alwaysOnExecution;
    m_hour.alwaysOnUsd += costs.alwaysOnExecution;
    ++m_hour.executions;

    const size_t capacity = size_t(std::max(1, cfg.openExecutions));
    if (m_open.size() < capacity) {
        m_open.emplace_back();
        m_openNext = m_open.size() - 1;
    } else {
        OpenExecution &oldest = m_open[m_openNext];
        finalize(oldest);
        if (!oldest.id.empty())
            unindexOpen(std::uint32_t(m_openNext));
    }
    OpenExecution &slot = m_open[m_openNext];
    slot.id.assign(r.execution);
    slot.hash = hash;
    slot.totalLatency = 0;
    slot.failed = false;
    slot.index = executions;
    if (!slot.id.empty())
        indexOpen(std::uint32_t(m_openNext));
    m_openLast = m_openNext;
    m_openNext = (m_openNext + 1) % capacity;
    if (phase == Phase::Apprentice)
        updateReason();
}

void WorkflowState::finalize(const OpenExecution &e)
{
    if (e.index < 0)
        return; // already completed
    if (e.failed)
        ++failedExecutions;
    else
        executionLatency.add(e.totalLatency);
}

void WorkflowState::ledgerHour(qint64 tsMs)
{
    if (m_hour.executions > 0 && tsMs >= m_hour.hourStartMs && tsMs - m_hour.hourStartMs < 3600000) [[likely]]
        return; // still the hour being accumulated
    const qint64 hour = tsMs - ((tsMs % 3600000) + 3600000) % 3600000;
    if (m_hour.executions > 0 && m_hour.hourStartMs != hour) {
        m_engine.m_ledgerOut.push_back(m_hour);
        m_hour = LedgerEntry();
    }
    if (m_hour.executions == 0 && m_hour.investigationUsd == 0) {
        m_hour.hourStartMs = hour;
        m_hour.workflow = qWorkflow;
        m_hour.version = qVersion;
    }
}

void WorkflowState::addApprenticeCost(double usd, qint64 tsMs)
{
    ledger.apprenticeUsd += usd;
    ledgerHour(tsMs);
    m_hour.apprenticeUsd += usd;
}

void WorkflowState::requestReview(const OpenExecution &e)
{
    // The ladder sees the finished run against everything learned so far, tool by tool.
    InvestigationContext c;
    c.workflow = qWorkflow;
    c.version = qVersion;
    c.tool = QStringLiteral("(execution)");
    c.metric = QStringLiteral("latency_ms");
    c.value = e.totalLatency;
    c.profile.n = qint64(executionLatency.count());
    c.profile.mean = executionLatency.count() ? executionLatency.mean() : 0;
    c.profile.stddev = executionLatency.stddev();
    c.profile.p50 = executionLatency.count() ? executionLatency.p50() : 0;
    c.profile.p95 = executionLatency.count() ? executionLatency.p95() : 0;
    c.profile.p99 = executionLatency.count() ? executionLatency.p99() : 0;
    for (const auto &t : tools) {
        t->forEachMetric([&](const MetricState &m) {
            SiblingMetric s;
            s.metric = t->qname + QLatin1Char(' ') + m.qname;
            const Moments &mo = m.profile.moments();
            s.profile.n = qint64(mo.n);
            s.profile.mean = mo.mean;
            s.profile.stddev = mo.stddev();
            s.profile.p50 = m.monitor.referenceQuantile(0.5);
            s.profile.p95 = m.monitor.referenceQuantile(0.95);
            s.profile.p99 = m.monitor.referenceQuantile(0.99);
            const auto last = m.monitor.recentValues(1);
            s.recentMean = last.empty() ? 0 : last.back();
            s.shiftSigma = s.profile.stddev > 0 ? (s.recentMean - s.profile.mean) / s.profile.stddev : 0.0;
            c.siblings.push_back(s);
        });
        c.recentFailures += t->recentFailures();
        c.recentCalls += t->recentCalls();
    }
    if (e.failed)
        c.errorText = QStringLiteral("the execution had a failed call");
    m_engine.requestReview(*this, std::move(c));
}

void WorkflowState::addInvestigationCost(double usd, qint64 tsMs)
{
    ledger.investigationUsd += usd;
    ledgerHour(tsMs);
    m_hour.investigationUsd += usd;
}

void WorkflowState::measureStability()
{
    std::vector<std::pair<QString, double>> now;
    for (const auto &t : tools) {
        t->forEachMetric([&](const MetricState &m) {
            if (m.profile.count() >= 10)
                now.emplace_back(t->qname + QLatin1Char(' ') + m.qname, m.profile.p95());
        });
    }
    double worst = now.empty() ? 1.0 : 0.0;
    QString what;
    for (const auto &[key, p95] : now) {
        double moved = 1.0;
        for (const auto &[oldKey, old] : m_lastP95) {
            if (oldKey == key) {
                moved = std::abs(p95 - old) / std::max(std::abs(p95), 1e-12);
                if (p95 == old)
                    moved = 0;
                break;
            }
        }
        if (moved > worst) {
            worst = moved;
            what = key;
        }
    }
    m_lastP95 = std::move(now);
    m_movement = worst;
    m_movingWhat = what;
    m_movementMeasuredAt = executions;
}

void WorkflowState::checkGraduation(const RecordView &r)
{
    const EngineConfig &cfg = m_engine.m_config;
    const qint64 learned = executions - phaseStartExecutions;
    if (learned > 0 && learned % cfg.stabilityLag == 0 && m_movementMeasuredAt != executions)
        measureStability();
    if (learned < cfg.graduationExecutions)
        return;
    const bool clean = lastFailedExecution < 0 || executions - lastFailedExecution >= cfg.cleanExecutions;
    const bool stable = m_movementMeasuredAt >= 0 && m_movement <= cfg.stabilityTolerance;
    if (!clean || !stable)
        return;
    graduatedAt = executions;
    Event e;
    e.kind = EventKind::Graduated;
    e.workflow = qWorkflow;
    e.version = qVersion;
    e.line = r.line;
    e.tsMs = r.tsMs;
    e.executions = learned;
    m_engine.emitEvent(e);
    ++m_engine.m_totals.graduations;
    transition(Phase::Graduated,
               QStringLiteral("graduated after %1 executions; p95 moved %2 % over the last %3")
                   .arg(learned)
                   .arg(m_movement * 100, 0, 'f', 1)
                   .arg(cfg.stabilityLag),
               &r);
    relearning = false;
}

void WorkflowState::updateReason()
{
    if (phase == Phase::Graduated) {
        reason = QStringLiteral("graduated at execution %1").arg(graduatedAt);
        return;
    }
    if (phase == Phase::Investigating) {
        reason = QStringLiteral("%1 investigation(s) open").arg(pendingInvestigations);
        return;
    }
    const EngineConfig &cfg = m_engine.m_config;
    const qint64 learned = executions - phaseStartExecutions;
    const QString prefix = relearning ? QStringLiteral("re-learning: ") : QString();
    if (learned < cfg.graduationExecutions) {
        reason = prefix + QStringLiteral("%1/%2 executions").arg(learned).arg(cfg.graduationExecutions);
    } else if (lastFailedExecution >= 0 && executions - lastFailedExecution < cfg.cleanExecutions) {
        reason = prefix + QStringLiteral("failure %1 executions ago (%2 clean needed)")
                              .arg(executions - lastFailedExecution)
                              .arg(cfg.cleanExecutions);
    } else if (m_movementMeasuredAt < 0 || m_movement > cfg.stabilityTolerance) {
        reason = prefix + (m_movingWhat.isEmpty()
                               ? QStringLiteral("profile still forming")
                               : QStringLiteral("p95 of %1 still moving %2 %")
                                     .arg(m_movingWhat)
                                     .arg(m_movement * 100, 0, 'f', 0));
    } else {
        reason = prefix + QStringLiteral("ready to graduate");
    }
}

void WorkflowState::transition(Phase to, const QString &why, const RecordView *r)
{
    if (to == phase)
        return;
    Event e;
    e.kind = EventKind::Transition;
    e.workflow = qWorkflow;
    e.version = qVersion;
    e.from = phase;
    e.to = to;
    e.reason = why;
    e.line = r ? r->line : m_engine.m_currentLine;
    e.tsMs = r ? r->tsMs : m_engine.m_currentTsMs;
    e.executions = executions;
    phase = to;
    updateReason();
    m_engine.emitEvent(e);
}

void WorkflowState::relearn(const RecordView &r, const QString &why)
{
    for (auto &t : tools) {
        t->forEachMetric([](const MetricState &m) {
            auto &mm = const_cast<MetricState &>(m);
            mm.profile.clear();
            mm.monitor.clear();
        });
    }
    relearning = true;
    phaseStartExecutions = executions;
    m_lastP95.clear();
    m_movement = 1.0;
    m_movingWhat.clear();
    m_movementMeasuredAt = -1;
    transition(Phase::Apprentice, why, &r);
}

void WorkflowState::onFailure(ToolState &tool, const RecordView &r)
{
    ++tool.errors;
    ++tool.consecutiveFailures;
    tool.lastError = QString::fromUtf8(r.error.data(), qsizetype(r.error.size()));
    lastFailedExecution = executions;
    const EngineConfig &cfg = m_engine.m_config;

    if (phase != Phase::Apprentice && tool.consecutiveFailures >= cfg.criticalFailureRun) {
        relearn(r, QStringLiteral("critical failure: %1 failed %2 times in a row")
                       .arg(tool.qname)
                       .arg(tool.consecutiveFailures));
    }
    if (tool.failureLatched)
        return;
    tool.failureLatched = true;

    Event e;
    e.kind = EventKind::Drift;
    e.workflow = qWorkflow;
    e.version = qVersion;
    e.tool = tool.qname;
    e.metric = QStringLiteral("status");
    e.line = r.line;
    e.tsMs = r.tsMs;
    e.value = 1;
    e.expected = 0;
    e.score = 1.0;
    e.direction = 1;
    m_engine.emitEvent(e);
    ++m_engine.m_totals.driftEvents;

    InvestigationRequest req;
    req.id = e.id;
    InvestigationContext &c = req.context;
    c.trigger = Trigger::Failure;
    c.workflow = qWorkflow;
    c.version = qVersion;
    c.tool = tool.qname;
    c.metric = e.metric;
    c.line = r.line;
    c.value = 1;
    c.direction = 1;
    c.seedDriftScore = 1.0;
    c.recentFailures = tool.recentFailures();
    c.recentCalls = tool.recentCalls();
    c.consecutiveFailures = tool.consecutiveFailures;
    c.errorText = tool.lastError;
    if (tool.builtin[0]) {
        const MetricMonitor &mon = tool.builtin[0]->monitor;
        c.recent = mon.recentValues(10);
    }
    m_engine.requestInvestigation(*this, std::move(req), Trigger::Failure);
}

inline void WorkflowState::onMetric(ToolState &tool, MetricState &m, double v, const RecordView &r)
{
    if (phase == Phase::Apprentice) [[unlikely]] {
        m.profile.add(v);
        m.monitor.learn(v);
        return;
    }
    const MetricMonitor::Check check = m.monitor.check(v);
    if (!m.monitor.isLatched()) [[likely]]
        m.profile.add(v);
    if (check.verdict == MetricMonitor::Verdict::Normal || check.verdict == MetricMonitor::Verdict::Learning) [[likely]]
        return;
    report(tool, m, v, r, check);
}

void WorkflowState::report(ToolState &tool, MetricState &m, double v, const RecordView &r,
                           const MetricMonitor::Check &check)
{
    Event e;
    e.workflow = qWorkflow;
    e.version = qVersion;
    e.tool = tool.qname;
    e.metric = m.qname;
    e.line = r.line;
    e.tsMs = r.tsMs;
    e.value = v;
    e.expected = m.monitor.referenceQuantile(0.5);
    e.direction = check.direction;
    if (check.verdict == MetricMonitor::Verdict::Anomaly) {
        e.kind = EventKind::Anomaly;
        e.score = MetricMonitor::seedDriftScore(m.profile.moments(), v);
        m_engine.emitEvent(e);
        ++m_engine.m_totals.anomalies;
        return;
    }
    e.kind = EventKind::Drift;
    e.score = check.statistic;
    m_engine.emitEvent(e);
    ++m_engine.m_totals.driftEvents;

    InvestigationRequest req;
    req.id = e.id;
    m_engine.contextFor(qWorkflow, qVersion, tool.qname, m.qname, req.context);
    req.context.trigger = Trigger::Drift;
    req.context.line = r.line;
    req.context.value = v;
    req.context.direction = check.direction;
    req.context.detectorScore = check.statistic;
    req.context.seedDriftScore = MetricMonitor::seedDriftScore(m.profile.moments(), v);
    m_engine.requestInvestigation(*this, std::move(req), Trigger::Drift);
}

void WorkflowState::process(const RecordView &r)
{
    ++records;
    OpenExecution &ex = executionFor(r);
    ToolState &tool = toolFor(r.tool);
    ++tool.calls;
    tool.failureBits = (tool.failureBits << 1) | (r.ok ? 0u : 1u);
    const double latency = r.value(Metric::Latency);
    if (isPresent(latency))
        ex.totalLatency += latency;
    if (!r.ok) {
        ex.failed = true;
        onFailure(tool, r);
        return; // a failed call's metrics describe the failure, not the tool's normal behaviour
    }
    tool.consecutiveFailures = 0;
    tool.failureLatched = false;
    const DetectorConfig *dc = &m_engine.m_config.detector;
    for (int i = 0; i < BuiltinMetricCount; ++i) {
        const double v = r.values[size_t(i)];
        if (isPresent(v))
            onMetric(tool, tool.metric(i, dc), v, r);
    }
    for (int i = 0; i < r.customCount; ++i)
        onMetric(tool, tool.custom_(r.custom[i].name, dc), r.custom[i].value, r);
    if (r.execution.empty()) {
        // A record without an execution id is its own run: complete now.
        finalize(ex);
        ex.index = -1;
    }
}

void WorkflowState::finish()
{
    for (const auto &e : m_open)
        finalize(e);
    m_open.clear();
    m_openIndex.clear();
    m_openNext = m_openLast = 0;
    if (m_hour.executions > 0 || m_hour.investigationUsd > 0) {
        m_engine.m_ledgerOut.push_back(m_hour);
        m_hour = LedgerEntry();
    }
}

QByteArray WorkflowState::trackerState() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint8(1) << phaseStartExecutions << lastFailedExecution << m_movement << m_movingWhat
      << m_movementMeasuredAt << quint32(m_lastP95.size());
    for (const auto &[k, v] : m_lastP95)
        s << k << v;
    for (const auto &t : tools)
        s << t->qname << qint32(t->consecutiveFailures) << t->failureLatched << quint64(t->failureBits) << t->lastError;
    return out;
}

bool WorkflowState::restoreTracker(const QByteArray &data)
{
    QDataStream s(data);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 format = 0;
    quint32 n = 0;
    s >> format >> phaseStartExecutions >> lastFailedExecution >> m_movement >> m_movingWhat >> m_movementMeasuredAt >> n;
    if (s.status() != QDataStream::Ok || format != 1 || n > 100000)
        return false;
    m_lastP95.clear();
    for (quint32 i = 0; i < n; ++i) {
        QString k;
        double v = 0;
        s >> k >> v;
        m_lastP95.emplace_back(k, v);
    }
    while (!s.atEnd() && s.status() == QDataStream::Ok) {
        QString name, lastError;
        qint32 consecutive = 0;
        bool latched = false;
        quint64 bits = 0;
        s >> name >> consecutive >> latched >> bits >> lastError;
        if (s.status() != QDataStream::Ok)
            break;
        if (ToolState *t = findTool(name)) {
            t->consecutiveFailures = consecutive;
            t->failureLatched = latched;
            t->failureBits = bits;
            t->lastError = lastError;
        }
    }
    return s.status() == QDataStream::Ok;
}

WorkflowSnapshot WorkflowState::snapshot() const
{
    WorkflowSnapshot s;
    s.workflow = qWorkflow;
    s.version = qVersion;
    s.phase = phase;
    s.relearning = relearning;
    s.executions = executions;
    s.records = records;
    s.failedExecutions = failedExecutions;
    s.graduatedAtExecution = graduatedAt;
    s.reason = reason;
    s.ledger = ledger;
    s.executionLatency = executionLatency;
    for (const auto &t : tools) {
        ToolSnapshot ts;
        ts.tool = t->qname;
        ts.calls = t->calls;
        ts.errors = t->errors;
        t->forEachMetric([&](const MetricState &m) {
            ts.metrics.push_back({m.qname, m.profile, m.monitor.serialize()});
        });
        s.tools.push_back(std::move(ts));
    }
    s.trackerState = trackerState();
    return s;
}

bool WorkflowState::restore(const WorkflowSnapshot &s, QString *error)
{
    phase = s.phase;
    relearning = s.relearning;
    executions = s.executions;
    records = s.records;
    failedExecutions = s.failedExecutions;
    graduatedAt = s.graduatedAtExecution;
    ledger = s.ledger;
    executionLatency = s.executionLatency;
    const DetectorConfig *dc = &m_engine.m_config.detector;
    for (const ToolSnapshot &ts : s.tools) {
        const QByteArray name = ts.tool.toUtf8();
        ToolState &t = toolFor(std::string_view(name.constData(), size_t(name.size())));
        t.calls = ts.calls;
        t.errors = ts.errors;
        for (const MetricSnapshot &ms : ts.metrics) {
            const QByteArray mn = ms.metric.toUtf8();
            const std::string_view mname(mn.constData(), size_t(mn.size()));
            const auto it = std::find(BuiltinMetricNames.begin(), BuiltinMetricNames.end(), mname);
            MetricState &m = it != BuiltinMetricNames.end() ? t.metric(int(it - BuiltinMetricNames.begin()), dc)
                                                            : t.custom_(mname, dc);
            m.profile = ms.profile;
            if (!m.monitor.deserialize(ms.monitorState)) {
                if (error)
                    *error = QStringLiteral("unreadable detector state for %1/%2 %3 %4")
                                 .arg(qWorkflow, qVersion, ts.tool, ms.metric);
                return false;
            }
        }
    }
    if (!s.trackerState.isEmpty() && !restoreTracker(s.trackerState)) {
        if (error)
            *error = QStringLiteral("unreadable graduation state for %1/%2").arg(qWorkflow, qVersion);
        return false;
    }
    // Investigations are not persisted: a stored INVESTIGATING version resumes graduated monitoring.
    if (phase == Phase::Investigating)
        phase = Phase::Graduated;
    updateReason();
    if (!s.reason.isEmpty() && phase == Phase::Apprentice)
        reason = s.reason;
    return true;
}

} // namespace Apprentice
