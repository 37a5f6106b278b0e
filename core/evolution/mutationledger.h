#pragma once

#include "avoidancerulebook.h"
#include "mutation.h"

#include <QObject>

#include <functional>
#include <vector>

namespace Apprentice {

/// The mutation ledger: every proposed change of a workflow with its state machine
/// (proposed → shadow → promoted | rolled_back | rejected; promoted → rolled_back) and an audit
/// trail of who moved it, when, why and on what evidence. A rollback becomes an avoidance rule that
/// every workflow inherits; proposals repeating a rule are flagged. Lives on one thread (the GUI's).
class MutationLedger : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    explicit MutationLedger(QObject *parent = nullptr);

    /// Milliseconds since the epoch for the audit trail (default: the system clock).
    void setClock(Clock clock);
    qint64 now() const;

    static bool canTransition(MutationState from, MutationState to);
    static QList<MutationState> nextStates(MutationState from);

    /// Records a proposal and returns its id. An open mutation (proposed or shadow) of the same
    /// workflow, tool and kind absorbs a repeated proposal instead: its evidence and events are
    /// appended and its id returned. Proposals matching an avoidance rule are recorded with the rule
    /// in their first audit entry and show as flagged.
    qint64 propose(const MutationProposal &proposal, const QString &who);

    /// Adds a step to the audit trail without changing the state (from = to): someone endorsed or
    /// commented on the mutation, e.g. an operator marking another drift of it for evolution.
    bool note(qint64 id, const QString &who, const QString &why, const QStringList &evidence = {},
              QString *error = nullptr);
    /// proposed → shadow: the candidate version now runs beside the current one.
    bool startShadow(qint64 id, const QString &candidateVersion, const QString &who, const QString &why,
                     QString *error = nullptr);
    /// shadow → promoted.
    bool promote(qint64 id, const QString &who, const QString &why, const QStringList &evidence = {},
                 QString *error = nullptr);
    /// shadow or promoted → rolled_back, and an avoidance rule (kind, tool pattern, what it broke).
    /// Empty patterns mean: this mutation's tool ("*" when it had none), every workflow.
    bool rollBack(qint64 id, const QString &who, const QString &why, const QString &broke,
                  const QStringList &evidence = {}, QString *error = nullptr, const QString &toolPattern = {},
                  const QString &workflowPattern = {});
    /// proposed or shadow → rejected (not pursued; no rule: nothing was shown to break).
    bool reject(qint64 id, const QString &who, const QString &why, QString *error = nullptr);

    const std::vector<Mutation> &mutations() const { return m_mutations; }
    const Mutation *mutation(qint64 id) const;
    /// Avoidance rules this mutation would repeat (evaluated now, so imported rules count too),
    /// except the one its own rollback created.
    std::vector<const AvoidanceRule *> matchingRules(const Mutation &m) const;
    bool isFlagged(qint64 id) const;

    const AvoidanceRuleBook &ruleBook() const { return m_rules; }
    qint64 addRule(const AvoidanceRule &rule);
    bool removeRule(qint64 id);
    /// Imports exchange JSON (all or nothing), see AvoidanceRuleBook::importJson.
    AvoidanceRuleBook::ImportReport importRules(const QByteArray &json);
    QByteArray exportRules() const;

    /// Replaces everything with stored state (ids kept).
    void restore(std::vector<Mutation> mutations, std::vector<AvoidanceRule> rules);

signals:
    void mutationAdded(qint64 id);
    void mutationChanged(qint64 id);
    void rulesChanged();
    void ledgerReset();

private:
    Mutation *find(qint64 id);
    bool transition(qint64 id, MutationState to, const QString &who, const QString &why, const QStringList &evidence,
                    QString *error, Mutation **changed);

    Clock m_clock;
    std::vector<Mutation> m_mutations;
    AvoidanceRuleBook m_rules;
    qint64 m_nextId = 1;
};

} // namespace Apprentice
