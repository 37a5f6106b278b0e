#pragma once

#include "llm/pricetable.h"

#include <optional>
#include <string_view>

namespace Apprentice {

/// Prices the token usage of an LLM call reported in a trace with the dated price table (resources/prices.json).
/// A provider or model the table does not know has no price: the caller counts it as unpriced, nothing is guessed.
class TokenPricer
{
public:
    explicit TokenPricer(PriceTable table);
    /// The table compiled into the application; built once, shared by every thread.
    static const TokenPricer &builtIn();

    /// USD for `input` tokens (of which `cachedInput` were read from the provider's cache, priced at the cached rate
    /// when the table has one) and `output` tokens; nullopt when the table has no row for the provider and model.
    /// Negative counts mean "not reported" and cost nothing.
    std::optional<double> costUsd(std::string_view provider, std::string_view model, double input, double output,
                                  double cachedInput = -1) const;

private:
    std::optional<ModelPrice> priceOf(std::string_view provider, std::string_view model) const;

    PriceTable m_table;
};

} // namespace Apprentice
