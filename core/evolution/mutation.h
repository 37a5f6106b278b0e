#pragma once

#include "mutationkind.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace Apprentice {

/// Where a mutation is in its life: proposed → shadow → promoted | rolled_back | rejected
/// (a proposal can be rejected outright, a promoted one still rolled back).
enum class MutationState { Proposed, Shadow, Promoted, RolledBack, Rejected };
constexpr int MutationStateCount = 5;
QString mutationStateName(MutationState s); ///< "proposed", "shadow", "promoted", "rolled_back", "rejected"
bool mutationStateFromName(const QString &name, MutationState &out);

/// What brought a mutation up.
enum class MutationSource { Diagnosis, Trend, Operator };
QString mutationSourceName(MutationSource s); ///< "diagnosis", "trend", "operator"
bool mutationSourceFromName(const QString &name, MutationSource &out);

/// One step of the audit trail: who moved the mutation where, when, why, and on what evidence.
struct MutationTransition {
    bool initial = false; ///< the proposal itself (`from` is meaningless)
    MutationState from = MutationState::Proposed;
    MutationState to = MutationState::Proposed;
    qint64 atMs = 0;
    QString who;
    QString why;
    QStringList evidence;
};

/// What a diagnosis, a trend warning or an operator proposes.
struct MutationProposal {
    QString workflow;
    QString version; ///< the version the mutation would change (the current one)
    QString tool;    ///< empty: the whole workflow
    MutationKind kind = MutationKind::Custom;
    QString customKind; ///< the proposer's own name when kind is Custom (e.g. an LLM's "fallback_api")
    QString description;
    QString expectedEffect;
    MutationSource source = MutationSource::Operator;
    QString sourceRef;     ///< e.g. "drift #19", "trend fetch_data latency_ms p95"
    QList<qint64> eventIds; ///< engine events behind it (drift, diagnosis)
    QStringList evidence;
};

/// One entry of the mutation ledger.
struct Mutation {
    qint64 id = 0;
    QString workflow;
    QString baseVersion;      ///< the version being changed
    QString candidateVersion; ///< the version that carries the change (set when shadowing starts)
    QString tool;
    MutationKind kind = MutationKind::Custom;
    QString customKind;
    QString description;
    QString expectedEffect;
    MutationSource source = MutationSource::Operator;
    QString sourceRef;
    QList<qint64> eventIds;
    QStringList evidence;
    MutationState state = MutationState::Proposed;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    qint64 ruleId = 0; ///< the avoidance rule its rollback created (0: none)
    std::vector<MutationTransition> history;

    /// "add_cache" or, for custom kinds, "custom:fallback_api".
    QString kindLabel() const;
    bool isOpen() const { return state == MutationState::Proposed || state == MutationState::Shadow; }
};

} // namespace Apprentice
