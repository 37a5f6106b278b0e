#include "tokenpricer.h"

#include <algorithm>

namespace Apprentice {

TokenPricer::TokenPricer(PriceTable table)
    : m_table(std::move(table))
{
}

const TokenPricer &TokenPricer::builtIn()
{
    static const TokenPricer pricer(PriceTable::builtIn());
    return pricer;
}

std::optional<double> TokenPricer::costUsd(std::string_view provider, std::string_view model, double input,
                                           double output, double cachedInput) const
{
    ProviderKind kind = ProviderKind::Rules;
    if (model.empty() || !providerKindFromName(QString::fromUtf8(provider.data(), qsizetype(provider.size())), kind)
        || kind == ProviderKind::Rules)
        return std::nullopt;
    const std::optional<ModelPrice> price = m_table.lookup(kind, QString::fromUtf8(model.data(), qsizetype(model.size())));
    if (!price)
        return std::nullopt;
    input = std::max(0.0, input);
    output = std::max(0.0, output);
    const double cached = price->cachedInputUsdPerMTok >= 0 ? std::clamp(cachedInput, 0.0, input) : 0.0;
    return ((input - cached) * price->inputUsdPerMTok + cached * price->cachedInputUsdPerMTok
            + output * price->outputUsdPerMTok)
        / 1e6;
}

} // namespace Apprentice
