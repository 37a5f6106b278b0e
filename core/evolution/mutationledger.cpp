#include "mutationledger.h"

#include <QDateTime>

#include <algorithm>

namespace Apprentice {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QString ruleLine(const AvoidanceRule &r)
{
    return QStringLiteral("matches avoidance rule #%1: %2 broke %3").arg(r.id).arg(r.scope(), r.broke);
}

} // namespace

MutationLedger::MutationLedger(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

void MutationLedger::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

qint64 MutationLedger::now() const
{
    return m_clock();
}

bool MutationLedger::canTransition(MutationState from, MutationState to)
{
    switch (from) {
    case MutationState::Proposed: return to == MutationState::Shadow || to == MutationState::Rejected;
    case MutationState::Shadow:
        return to == MutationState::Promoted || to == MutationState::RolledBack || to == MutationState::Rejected;
    case MutationState::Promoted: return to == MutationState::RolledBack;
    case MutationState::RolledBack:
    case MutationState::Rejected: return false;
    }
    return false;
}

QList<MutationState> MutationLedger::nextStates(MutationState from)
{
    QList<MutationState> out;
    for (int i = 0; i < MutationStateCount; ++i) {
        if (canTransition(from, MutationState(i)))
            out << MutationState(i);
    }
    return out;
}

Mutation *MutationLedger::find(qint64 id)
{
    for (Mutation &m : m_mutations) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

const Mutation *MutationLedger::mutation(qint64 id) const
{
    return const_cast<MutationLedger *>(this)->find(id);
}

std::vector<const AvoidanceRule *> MutationLedger::matchingRules(const Mutation &m) const
{
    std::vector<const AvoidanceRule *> rules = m_rules.matching(m.kind, m.customKind, m.workflow, m.tool);
    // The rule a mutation's own rollback created is its lesson, not a warning about it.
    std::erase_if(rules, [&](const AvoidanceRule *r) { return r->id == m.ruleId; });
    return rules;
}

bool MutationLedger::isFlagged(qint64 id) const
{
    const Mutation *m = mutation(id);
    return m && !matchingRules(*m).empty();
}

bool MutationLedger::note(qint64 id, const QString &who, const QString &why, const QStringList &evidence, QString *error)
{
    Mutation *m = find(id);
    if (!m || who.trimmed().isEmpty() || why.trimmed().isEmpty()) {
        if (error)
            *error = !m ? QStringLiteral("no mutation #%1").arg(id)
                        : QStringLiteral("a note needs who and why");
        return false;
    }
    MutationTransition t;
    t.from = t.to = m->state;
    t.atMs = now();
    t.who = who.trimmed();
    t.why = why.trimmed();
    t.evidence = evidence;
    m->history.push_back(t);
    m->updatedMs = t.atMs;
    emit mutationChanged(id);
    return true;
}

qint64 MutationLedger::propose(const MutationProposal &p, const QString &who)
{
    const qint64 at = now();
    for (Mutation &m : m_mutations) {
        if (m.isOpen() && m.workflow == p.workflow && m.tool == p.tool && m.kind == p.kind
            && m.customKind.compare(p.customKind, Qt::CaseInsensitive) == 0) {
            for (const QString &e : p.evidence) {
                if (!m.evidence.contains(e))
                    m.evidence << e;
            }
            for (qint64 e : p.eventIds) {
                if (!m.eventIds.contains(e))
                    m.eventIds << e;
            }
            m.updatedMs = at;
            emit mutationChanged(m.id);
            return m.id;
        }
    }
    Mutation m;
    m.id = m_nextId++;
    m.workflow = p.workflow;
    m.baseVersion = p.version;
    m.tool = p.tool;
    m.kind = p.kind;
    m.customKind = p.customKind;
    m.description = p.description;
    m.expectedEffect = p.expectedEffect;
    m.source = p.source;
    m.sourceRef = p.sourceRef;
    m.eventIds = p.eventIds;
    m.evidence = p.evidence;
    m.state = MutationState::Proposed;
    m.createdMs = at;
    m.updatedMs = at;
    MutationTransition t;
    t.initial = true;
    t.to = MutationState::Proposed;
    t.atMs = at;
    t.who = who.trimmed().isEmpty() ? mutationSourceName(p.source) : who.trimmed();
    t.why = p.sourceRef.isEmpty() ? QStringLiteral("proposed by %1").arg(mutationSourceName(p.source))
                                  : QStringLiteral("proposed from %1").arg(p.sourceRef);
    for (const AvoidanceRule *r : m_rules.matching(m.kind, m.customKind, m.workflow, m.tool))
        t.evidence << ruleLine(*r);
    m.history.push_back(t);
    m_mutations.push_back(std::move(m));
    emit mutationAdded(m_mutations.back().id);
    return m_mutations.back().id;
}

bool MutationLedger::transition(qint64 id, MutationState to, const QString &who, const QString &why,
                                const QStringList &evidence, QString *error, Mutation **changed)
{
    Mutation *m = find(id);
    if (!m)
        return fail(error, QStringLiteral("no mutation #%1").arg(id));
    if (!canTransition(m->state, to))
        return fail(error, QStringLiteral("mutation #%1 is %2: it cannot move to %3")
                               .arg(id).arg(mutationStateName(m->state), mutationStateName(to)));
    if (who.trimmed().isEmpty())
        return fail(error, QStringLiteral("who moves mutation #%1 to %2 is required").arg(id).arg(mutationStateName(to)));
    if (why.trimmed().isEmpty())
        return fail(error, QStringLiteral("why mutation #%1 moves to %2 is required").arg(id).arg(mutationStateName(to)));
    MutationTransition t;
    t.from = m->state;
    t.to = to;
    t.atMs = now();
    t.who = who.trimmed();
    t.why = why.trimmed();
    t.evidence = evidence;
    m->history.push_back(t);
    m->state = to;
    m->updatedMs = t.atMs;
    *changed = m;
    return true;
}

bool MutationLedger::startShadow(qint64 id, const QString &candidateVersion, const QString &who, const QString &why,
                                 QString *error)
{
    const Mutation *current = mutation(id);
    if (current && candidateVersion.trimmed().isEmpty())
        return fail(error, QStringLiteral("shadow mode of mutation #%1 needs the candidate version").arg(id));
    if (current && candidateVersion.trimmed() == current->baseVersion)
        return fail(error, QStringLiteral("the candidate version of mutation #%1 must differ from %2")
                               .arg(id).arg(current->baseVersion));
    QStringList evidence{QStringLiteral("candidate version %1").arg(candidateVersion.trimmed())};
    if (current) {
        // Going ahead against a rule is allowed, but the trail says it was done knowingly.
        for (const AvoidanceRule *r : matchingRules(*current))
            evidence << QStringLiteral("proceeding despite: ") + ruleLine(*r);
    }
    Mutation *m = nullptr;
    if (!transition(id, MutationState::Shadow, who, why, evidence, error, &m))
        return false;
    m->candidateVersion = candidateVersion.trimmed();
    emit mutationChanged(id);
    return true;
}

bool MutationLedger::promote(qint64 id, const QString &who, const QString &why, const QStringList &evidence, QString *error)
{
    Mutation *m = nullptr;
    if (!transition(id, MutationState::Promoted, who, why, evidence, error, &m))
        return false;
    emit mutationChanged(id);
    return true;
}

bool MutationLedger::rollBack(qint64 id, const QString &who, const QString &why, const QString &broke,
                              const QStringList &evidence, QString *error, const QString &toolPattern,
                              const QString &workflowPattern)
{
    const Mutation *current = mutation(id);
    if (current && canTransition(current->state, MutationState::RolledBack) && broke.trimmed().isEmpty())
        return fail(error, QStringLiteral("rolling back mutation #%1 needs what it broke (it becomes an avoidance rule)").arg(id));
    Mutation *m = nullptr;
    if (!transition(id, MutationState::RolledBack, who, why, evidence, error, &m))
        return false;
    AvoidanceRule rule;
    rule.kind = m->kind;
    rule.customKind = m->customKind;
    rule.toolPattern = !toolPattern.trimmed().isEmpty() ? toolPattern.trimmed()
                       : m->tool.isEmpty()              ? QStringLiteral("*")
                                                        : m->tool;
    rule.workflowPattern = workflowPattern.trimmed().isEmpty() ? QStringLiteral("*") : workflowPattern.trimmed();
    rule.broke = broke.trimmed();
    rule.reason = why.trimmed();
    rule.sourceWorkflow = m->workflow;
    rule.sourceVersion = m->candidateVersion;
    rule.sourceMutation = m->id;
    rule.createdBy = who.trimmed();
    rule.createdMs = m->updatedMs;
    m->ruleId = m_rules.add(rule);
    m->history.back().evidence << QStringLiteral("avoidance rule #%1: %2").arg(m->ruleId).arg(rule.scope());
    emit mutationChanged(id);
    emit rulesChanged();
    return true;
}

bool MutationLedger::reject(qint64 id, const QString &who, const QString &why, QString *error)
{
    Mutation *m = nullptr;
    if (!transition(id, MutationState::Rejected, who, why, {}, error, &m))
        return false;
    emit mutationChanged(id);
    return true;
}

qint64 MutationLedger::addRule(const AvoidanceRule &rule)
{
    const qint64 id = m_rules.add(rule);
    emit rulesChanged();
    return id;
}

bool MutationLedger::removeRule(qint64 id)
{
    if (!m_rules.remove(id))
        return false;
    emit rulesChanged();
    return true;
}

AvoidanceRuleBook::ImportReport MutationLedger::importRules(const QByteArray &json)
{
    AvoidanceRuleBook::ImportReport report = m_rules.importJson(json);
    if (report.added > 0)
        emit rulesChanged();
    return report;
}

QByteArray MutationLedger::exportRules() const
{
    return m_rules.exportJson(now());
}

void MutationLedger::restore(std::vector<Mutation> mutations, std::vector<AvoidanceRule> rules)
{
    m_mutations = std::move(mutations);
    m_rules.restore(std::move(rules));
    m_nextId = 1;
    for (const Mutation &m : m_mutations)
        m_nextId = std::max(m_nextId, m.id + 1);
    emit ledgerReset();
}

} // namespace Apprentice
