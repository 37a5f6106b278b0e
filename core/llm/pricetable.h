#pragma once

#include "tierconfig.h"

#include <QString>

#include <optional>
#include <vector>

namespace Apprentice {

/// One row of the dated price table (USD per 1M tokens).
struct ModelPrice {
    QString provider;
    QString model;          ///< exact id, or a prefix ending in '*'
    double inputUsdPerMTok = 0;
    double outputUsdPerMTok = 0;
    double cachedInputUsdPerMTok = -1; ///< -1 when the table gives none
    QString asOf;
    QString source;
};

/// The dated per-token price table (resources/prices.json) used to prefill a tier's prices.
class PriceTable
{
public:
    /// The table compiled into the application.
    static PriceTable builtIn();
    static PriceTable fromJson(const QByteArray &json, QString *error = nullptr);

    /// The longest matching row for a model id; local providers (ollama) match "*" at 0.
    std::optional<ModelPrice> lookup(ProviderKind provider, const QString &model) const;
    QString asOf() const { return m_asOf; }
    const std::vector<ModelPrice> &entries() const { return m_entries; }

private:
    QString m_asOf;
    std::vector<ModelPrice> m_entries;
};

} // namespace Apprentice
