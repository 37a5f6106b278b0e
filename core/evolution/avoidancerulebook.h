#pragma once

#include "avoidancerule.h"

#include <QByteArray>
#include <QStringList>

#include <vector>

namespace Apprentice {

/// The avoidance rules of one installation, shareable between teams as JSON (docs/evolution.md):
/// {"format": "apprentice-avoidance-rules", "version": 1, "rules": [...]}.
class AvoidanceRuleBook
{
public:
    static constexpr int FormatVersion = 1;
    static QString formatName() { return QStringLiteral("apprentice-avoidance-rules"); }

    const std::vector<AvoidanceRule> &rules() const { return m_rules; }
    const AvoidanceRule *rule(qint64 id) const;
    /// Adds a rule and returns its id; an existing rule of the same substance keeps its id instead.
    qint64 add(AvoidanceRule rule);
    bool remove(qint64 id);
    void clear();
    /// Replaces everything with stored rules, keeping their ids.
    void restore(std::vector<AvoidanceRule> rules);

    /// Rules that a proposal of this kind for this workflow and tool would repeat.
    std::vector<const AvoidanceRule *> matching(MutationKind kind, const QString &customKind, const QString &workflow,
                                                const QString &tool) const;

    /// The whole book as the exchange JSON (indented, stable field order).
    QByteArray exportJson(qint64 nowMs) const;

    struct ImportReport {
        int added = 0;
        int duplicates = 0;   ///< already present in substance: skipped
        QStringList errors;   ///< every problem, each naming its field; nothing is imported when any
        bool ok() const { return errors.isEmpty(); }
    };
    /// Reads exchange JSON; all or nothing: with any error no rule is added.
    ImportReport importJson(const QByteArray &json);
    /// Only validates and parses; the rules come back without ids.
    static bool parseJson(const QByteArray &json, std::vector<AvoidanceRule> &out, QStringList *errors);

private:
    std::vector<AvoidanceRule> m_rules;
    qint64 m_nextId = 1;
};

} // namespace Apprentice
