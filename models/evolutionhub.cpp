#include "evolutionhub.h"

#include "evolution/evolutionstore.h"
#include "evolution/mutationledger.h"
#include "evolution/mutationproposals.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace Apprentice;

namespace {

constexpr int SaveDelayMs = 400;          // changes come in bursts (a proposal absorbs several warnings)
constexpr size_t MaxRememberedDrifts = 100000;

QString proposalSummary(const Mutation &m)
{
    return QStringLiteral("#%1 %2 %3 %4").arg(m.id).arg(m.kindLabel(), m.workflow, m.tool);
}

} // namespace

EvolutionHub::EvolutionHub(QObject *parent)
    : QObject(parent)
    , m_ledger(new MutationLedger(this))
    , m_trends(std::make_shared<const std::vector<TrendSeriesData>>())
    , m_comparisons(std::make_shared<const std::vector<ShadowComparison>>())
{
    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(SaveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, [this] {
        QString error;
        if (!save(&error))
            emit saveFailed(error);
    });
    connect(m_ledger, &MutationLedger::mutationAdded, this, &EvolutionHub::scheduleSave);
    connect(m_ledger, &MutationLedger::mutationChanged, this, &EvolutionHub::scheduleSave);
    connect(m_ledger, &MutationLedger::rulesChanged, this, &EvolutionHub::scheduleSave);
}

EvolutionHub::~EvolutionHub()
{
    if (m_saveTimer->isActive())
        save();
}

bool EvolutionHub::setDatabase(const QString &path, QString *error)
{
    if (m_saveTimer->isActive())
        save();
    if (path.isEmpty()) {
        m_store.reset();
        m_path.clear();
        return true;
    }
    auto store = std::make_unique<EvolutionStore>();
    QString why;
    if (!store->open(path, &why)) {
        m_error = why;
        if (error)
            *error = why;
        return false;
    }
    m_store = std::move(store);
    m_path = path;
    return reload(error);
}

bool EvolutionHub::reload(QString *error)
{
    m_saveTimer->stop();
    m_loading = true;
    bool ok = true;
    if (m_store) {
        QString why;
        ok = m_store->load(*m_ledger, &why);
        if (!ok) {
            m_error = why;
            if (error)
                *error = why;
        }
    } else {
        // Nothing kept on disk: a new session starts with no mutations but keeps the rules learned.
        std::vector<AvoidanceRule> rules = m_ledger->ruleBook().rules();
        m_ledger->restore({}, std::move(rules));
    }
    m_loading = false;
    m_proposedDrifts.clear();
    return ok;
}

void EvolutionHub::setScratch(bool scratch)
{
    if (scratch == m_scratch)
        return;
    if (scratch && m_saveTimer->isActive())
        save();
    m_scratch = scratch;
    if (!scratch)
        reload(nullptr); // whatever the demo did to the ledger is dropped
}

bool EvolutionHub::save(QString *error)
{
    m_saveTimer->stop();
    if (!m_store || m_scratch)
        return true;
    QString why;
    if (!m_store->save(*m_ledger, &why)) {
        m_error = why;
        if (error)
            *error = why;
        return false;
    }
    return true;
}

void EvolutionHub::scheduleSave()
{
    if (!m_loading && !m_scratch && m_store)
        m_saveTimer->start();
}

void EvolutionHub::reset()
{
    if (m_scratch)
        reload(nullptr);
    m_proposedDrifts.clear();
    m_trends = std::make_shared<const std::vector<TrendSeriesData>>();
    m_comparisons = std::make_shared<const std::vector<ShadowComparison>>();
    emit trendsChanged();
    emit comparisonsChanged();
}

void EvolutionHub::addPublication(const EnginePublication &p)
{
    for (const TrendResult &t : p.trendWarnings) {
        if (const auto proposal = proposalFromTrend(t)) {
            const qint64 id = m_ledger->propose(*proposal, QStringLiteral("trend watch"));
            if (const Mutation *m = m_ledger->mutation(id))
                emit mutationProposed(id, proposalSummary(*m));
        }
    }
    for (const InvestigationRecord &rec : p.investigations) {
        if (rec.running || m_proposedDrifts.count(rec.driftId))
            continue;
        if (m_proposedDrifts.size() >= MaxRememberedDrifts)
            m_proposedDrifts.clear();
        m_proposedDrifts.insert(rec.driftId);
        const auto proposal = proposalFromDiagnosis(rec.context, rec.result.diagnosis, rec.driftId);
        if (!proposal)
            continue;
        const QString who = rec.result.acceptedTier.isEmpty() ? QStringLiteral("investigation")
                                                              : QStringLiteral("tier %1").arg(rec.result.acceptedTier);
        const qint64 id = m_ledger->propose(*proposal, who);
        if (const Mutation *m = m_ledger->mutation(id))
            emit mutationProposed(id, proposalSummary(*m));
    }
    if (p.trends) {
        m_trends = p.trends;
        emit trendsChanged();
    }
    if (p.comparisons) {
        m_comparisons = p.comparisons;
        emit comparisonsChanged();
    }
}

qint64 EvolutionHub::proposeForDrift(const Event &drift, const InvestigationRecord *investigation, const QString &who)
{
    std::optional<MutationProposal> proposal;
    if (investigation && !investigation->running)
        proposal = proposalFromDiagnosis(investigation->context, investigation->result.diagnosis, drift.id);
    if (!proposal) {
        MutationProposal p;
        p.workflow = drift.workflow;
        p.version = drift.version;
        p.tool = drift.tool;
        p.kind = MutationKind::Custom;
        p.customKind = QStringLiteral("evolve");
        p.description = drift.metric == u"status"
                            ? QStringLiteral("Make %1 resilient to its failures").arg(drift.tool)
                            : QStringLiteral("Evolve %1: its %2 left the profile").arg(drift.tool, drift.metric);
        p.sourceRef = QStringLiteral("drift #%1").arg(drift.id);
        if (drift.id > 0)
            p.eventIds << drift.id;
        if (std::isfinite(drift.value))
            p.evidence << QStringLiteral("%1 %2: %3 against a profile median of %4 (line %5)")
                              .arg(drift.tool, drift.metric)
                              .arg(drift.value, 0, 'g', 4)
                              .arg(drift.expected, 0, 'g', 4)
                              .arg(drift.line);
        proposal = std::move(p);
    }
    const qsizetype before = qsizetype(m_ledger->mutations().size());
    const qint64 id = m_ledger->propose(*proposal, who);
    if (qsizetype(m_ledger->mutations().size()) == before) {
        // An open mutation absorbed it: the operator's decision still belongs in its audit trail.
        m_ledger->note(id, who, QStringLiteral("marked %1 for evolution").arg(proposal->sourceRef), proposal->evidence);
    }
    return id;
}

int EvolutionHub::warningCount() const
{
    return int(std::count_if(m_trends->begin(), m_trends->end(), [](const TrendSeriesData &d) {
        return d.result.significant && d.result.severity != TrendSeverity::None;
    }));
}
