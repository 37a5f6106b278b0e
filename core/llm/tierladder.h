#pragma once

#include "tierconfig.h"

#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace Apprentice {

/// The tiers of an investigation in escalation order; the last one's answer is always accepted.
class TierLadder
{
public:
    TierLadder() = default;
    explicit TierLadder(std::vector<TierConfig> tiers) : m_tiers(std::move(tiers)) {}

    /// The configuration used when no tiers file is given: one `rules` tier, no LLM at all.
    static TierLadder defaultLadder();
    /// Parses {"tiers":[...]}; on any error returns an empty ladder and fills `errors`
    /// with messages naming the field, e.g. "tiers[1].accept_confidence: must be between 0 and 1".
    static TierLadder fromJson(const QByteArray &json, QStringList *errors = nullptr);
    static TierLadder fromJsonObject(const QJsonObject &root, QStringList *errors = nullptr);
    /// The ladder a tiers setting stands for: its tiers, or defaultLadder() when it is empty or invalid.
    static TierLadder effective(const QByteArray &json);
    /// Reads a tiers file; a missing or unreadable file is an error naming the path.
    static TierLadder fromFile(const QString &path, QStringList *errors = nullptr);

    QJsonObject toJson() const;
    bool saveToFile(const QString &path, QString *error = nullptr) const;
    /// Checks a ladder built in code or in the settings editor; same messages as fromJson.
    QStringList validate() const;

    bool isEmpty() const { return m_tiers.empty(); }
    int size() const { return int(m_tiers.size()); }
    const std::vector<TierConfig> &tiers() const { return m_tiers; }
    const TierConfig &at(int i) const { return m_tiers[size_t(i)]; }
    int indexOf(const QString &name) const; ///< -1 when absent
    QStringList names() const;
    /// A one-tier ladder with just `name` (re-running an investigation with a chosen tier); empty if absent.
    TierLadder only(const QString &name) const;

private:
    std::vector<TierConfig> m_tiers;
};

/// One tier as it appears in the file.
QJsonObject tierToJson(const TierConfig &tier);

} // namespace Apprentice
