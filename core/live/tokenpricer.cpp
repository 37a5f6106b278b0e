#include "tokenpricer.h"

#include <algorithm>
#include <string>
#include <unordered_map>

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

std::optional<ModelPrice> TokenPricer::priceOf(std::string_view provider, std::string_view model) const
{
    ProviderKind kind = ProviderKind::Rules;
    if (model.empty() || !providerKindFromName(QString::fromUtf8(provider.data(), qsizetype(provider.size())), kind)
        || kind == ProviderKind::Rules)
        return std::nullopt;
    return m_table.lookup(kind, QString::fromUtf8(model.data(), qsizetype(model.size())));
}

std::optional<double> TokenPricer::costUsd(std::string_view provider, std::string_view model, double input,
                                           double output, double cachedInput) const
{
    // Spans name few distinct models: remember the answers per thread rather than scan the table per span.
    struct Rates {
        bool known = false;
        double in = 0, out = 0, cached = -1;
    };
    thread_local std::unordered_map<std::string, Rates> cache;
    thread_local const TokenPricer *cacheOwner = nullptr;
    thread_local std::string key;
    if (cacheOwner != this || cache.size() > 1024) {
        cache.clear();
        cacheOwner = this;
    }
    key.assign(provider);
    key += '\n';
    key.append(model);
    auto it = cache.find(key);
    if (it == cache.end()) {
        Rates r;
        if (const std::optional<ModelPrice> price = priceOf(provider, model))
            r = {true, price->inputUsdPerMTok, price->outputUsdPerMTok, price->cachedInputUsdPerMTok};
        it = cache.emplace(key, r).first;
    }
    const Rates &r = it->second;
    if (!r.known)
        return std::nullopt;
    input = std::max(0.0, input);
    output = std::max(0.0, output);
    const double cached = r.cached >= 0 ? std::clamp(cachedInput, 0.0, input) : 0.0;
    return ((input - cached) * r.in + cached * std::max(0.0, r.cached) + output * r.out) / 1e6;
}

} // namespace Apprentice
