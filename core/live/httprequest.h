#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace Apprentice {

/// One HTTP/1.x request as the receiver's parser read it.
struct HttpRequest {
    QByteArray method;
    QByteArray target;    ///< the request-target as sent, e.g. "/v1/traces?x=1"
    int minorVersion = 1; ///< HTTP/1.<minorVersion>
    QList<QPair<QByteArray, QByteArray>> headers; ///< in arrival order, names as sent, values trimmed
    QByteArray body;      ///< de-chunked, still content-encoded
    bool chunked = false; ///< the body came with Transfer-Encoding: chunked

    /// The first header called `name` (case-insensitive); empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    /// The target without its query string.
    QByteArray path() const;
    /// Whether the connection may carry another request after this one (HTTP/1.1 unless `Connection: close`;
    /// HTTP/1.0 only with `Connection: keep-alive`).
    bool keepAlive() const;
    /// The media type of Content-Type, lower case, without parameters ("application/json").
    QByteArray mediaType() const;
};

} // namespace Apprentice
