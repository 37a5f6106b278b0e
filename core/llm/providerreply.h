#pragma once

#include <QString>
#include <QStringList>

namespace Apprentice {

/// Why a provider call produced no answer text.
enum class ProviderError {
    None,
    MissingApiKey,    ///< the environment variable named by api_key_env is not set
    ConnectionFailed, ///< refused, reset, host not found (after retries)
    Timeout,          ///< no complete answer within the tier's timeout_s
    Http,             ///< a non-2xx status that was not (or no longer) retried
    QuotaExhausted,   ///< 429 insufficient_quota / enforced_spend_limit_reached: retrying cannot help
    BadResponse,      ///< 2xx but not the provider's response shape (no JSON, no message, refusal)
    Cancelled
};
QString providerErrorName(ProviderError e); ///< "missing_api_key", "connection_failed", ...

/// What one chat request produced, with everything the transcript needs.
struct ProviderReply {
    ProviderError errorKind = ProviderError::None;
    QString error;            ///< human-readable; names the variable for MissingApiKey
    QString content;          ///< the model's answer text (a JSON document when structured output works)
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    int httpStatus = 0;
    int httpAttempts = 0;
    qint64 latencyMs = 0;
    QString request;          ///< as sent, API keys redacted
    QString response;         ///< as received (last attempt)
    QStringList retries;      ///< one line per retried attempt
    QString finishReason;     ///< stop / length / end_turn / max_tokens / ...

    bool ok() const { return errorKind == ProviderError::None; }
};

} // namespace Apprentice
