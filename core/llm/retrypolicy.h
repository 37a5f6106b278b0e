#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>

namespace Apprentice {

/// Bounded retries with server-directed waits, as the vendors' own SDKs do it.
struct RetryPolicy {
    int maxAttempts = 3;          ///< HTTP attempts per request, the first one included
    int baseDelayMs = 500;        ///< backoff = base * 2^(retry) ...
    int maxDelayMs = 8000;        ///< ... capped here, times a jitter factor in [0.75, 1]
    int maxRetryAfterMs = 60000;  ///< a longer retry-after is not honoured: the request fails instead

    /// Whether an HTTP status is worth another attempt (408, 409, 429, 5xx incl. Anthropic's 529).
    static bool isRetryableStatus(int status);
    /// Whether the error code/type in a body forbids retrying (insufficient_quota, enforced_spend_limit_reached).
    static bool isTerminalErrorCode(const QString &code);
    /// Server-requested wait from retry-after-ms, or retry-after as seconds or an HTTP-date; -1 when absent/unparseable.
    static qint64 retryAfterMs(const QList<QPair<QByteArray, QByteArray>> &headers,
                               const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Backoff before retry number `retry` (0-based) when the server named no wait.
    qint64 backoffMs(int retry) const;
};

} // namespace Apprentice
