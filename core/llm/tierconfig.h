#pragma once

#include <QString>

namespace Apprentice {

/// The wire protocol a tier speaks.
enum class ProviderKind {
    Rules,     ///< the built-in statistical diagnostician (no network, $0)
    Ollama,    ///< Ollama native /api/chat
    OpenAi,    ///< OpenAI-compatible /v1/chat/completions (OpenAI, llama.cpp, vLLM, LM Studio, Ollama /v1)
    Anthropic  ///< Anthropic /v1/messages
};
QString providerKindName(ProviderKind k); ///< "rules" | "ollama" | "openai" | "anthropic"
bool providerKindFromName(const QString &name, ProviderKind &out);
QString defaultBaseUrl(ProviderKind k); ///< where each server listens out of the box; empty for rules

/// One rung of the escalation ladder, as written in the tiers file.
struct TierConfig {
    QString name;
    ProviderKind provider = ProviderKind::Rules;
    QString baseUrl;               ///< server root; for openai with or without a trailing /v1
    QString model;
    double acceptConfidence = 0.9; ///< the investigation stops at the first tier whose answer reaches this
    QString apiKeyEnv;             ///< NAME of the environment variable holding the key; never the key
    double inputUsdPerMTok = 0;
    double outputUsdPerMTok = 0;
    double timeoutS = 60;          ///< per HTTP attempt
    int maxTokens = 1024;          ///< answer budget (required by Anthropic; sent to Ollama as num_predict)
    bool structuredOutput = true;  ///< send the JSON schema (format / response_format / output_config)
    bool sendTemperature = true;   ///< false for models that reject temperature 0
    int maxAttempts = 0;           ///< HTTP attempts per request; 0 = the investigator's retry policy

    bool isLocalRules() const { return provider == ProviderKind::Rules; }
    /// Cost of one call from the token counts the provider reported.
    double costUsd(qint64 inputTokens, qint64 outputTokens) const
    {
        return (double(inputTokens) * inputUsdPerMTok + double(outputTokens) * outputUsdPerMTok) / 1e6;
    }
};

} // namespace Apprentice
