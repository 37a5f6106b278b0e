#pragma once

#include <QByteArray>
#include <QUrl>

namespace Apprentice {

/// How a pull connection reads its stream.
enum class StreamFormat {
    Auto,   ///< by the response's Content-Type: text/event-stream is SSE, anything else JSON Lines
    Ndjson, ///< one record per line
    Sse     ///< one record per event's data
};

/// A pull connection: the URL, the framing, and how it retries.
struct StreamClientConfig {
    QUrl url;
    StreamFormat format = StreamFormat::Auto;
    QByteArray bearerToken;       ///< sent as "Authorization: Bearer <token>" when set
    qint64 initialBackoffMs = 500;  ///< first reconnection delay (an SSE `retry:` replaces it)
    qint64 maxBackoffMs = 30000;    ///< the cap the doubling stops at
    int idleTimeoutMs = 60000;      ///< no byte for this long: the stream is considered dead and reopened
    qint64 maxLineBytes = 1 << 20;  ///< a longer line or event is rejected
    int maxItemisedRejections = 20; ///< per delivered batch
};

} // namespace Apprentice
