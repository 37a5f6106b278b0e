#pragma once

#include "mutationkind.h"

#include <QJsonObject>
#include <QString>

namespace Apprentice {

/// "Never again": a rolled-back mutation turned into a rule every workflow inherits. A proposal
/// matches when its kind is the rule's kind (for custom kinds, also the same custom name when the
/// rule names one) and its tool and workflow match the rule's wildcard patterns.
struct AvoidanceRule {
    qint64 id = 0; ///< local id in one rule book (not exported)
    MutationKind kind = MutationKind::Custom;
    QString customKind;      ///< with kind Custom: only this custom name matches (empty: any custom mutation)
    QString toolPattern = QStringLiteral("*");
    QString workflowPattern = QStringLiteral("*");
    QString broke;           ///< what the mutation broke, e.g. "validate validation_pass −3.8 pp"
    QString reason;          ///< why it was rolled back
    QString sourceWorkflow;  ///< where it was learned
    QString sourceVersion;
    qint64 sourceMutation = 0;
    QString createdBy;
    qint64 createdMs = 0;

    bool matches(MutationKind proposedKind, const QString &proposedCustomKind, const QString &workflow,
                 const QString &tool) const;
    /// Same rule in substance (kind, patterns, what it broke): imports skip such duplicates.
    bool sameAs(const AvoidanceRule &other) const;
    /// "add_cache on fetch_* (any workflow)".
    QString scope() const;

    /// One element of the exported `rules` array (docs/evolution.md).
    QJsonObject toJson() const;
    /// Reads one element; every problem is appended to `errors` naming its field under `path`,
    /// e.g. "rules[2].kind: unknown mutation kind \"add_retyr\"". False when there was any.
    static bool fromJson(const QJsonObject &o, const QString &path, AvoidanceRule &out, QStringList *errors);
};

} // namespace Apprentice
