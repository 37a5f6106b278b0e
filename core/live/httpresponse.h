#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace Apprentice {

/// An HTTP/1.1 response the receiver writes back.
struct HttpResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; ///< besides Content-Type, Content-Length and Connection
    bool close = false; ///< the connection ends after this response
    QString logMessage; ///< why it failed, for the connection's status (not sent)

    /// The bytes on the wire. `keepAlive` is what the request asked for; `close` overrides it.
    QByteArray serialize(bool keepAlive, int minorVersion = 1) const;

    /// A failure as OTLP/HTTP wants it: a google.rpc.Status JSON body {"code":…,"message":…,"details":[]}.
    static HttpResponse rpcStatus(int httpStatus, int rpcCode, const QString &message);
    /// "OK", "Bad Request", …
    static QByteArray reasonPhrase(int status);
};

/// google.rpc.Code values used in OTLP failure bodies.
namespace RpcCode {
constexpr int InvalidArgument = 3;
constexpr int DeadlineExceeded = 4;
constexpr int NotFound = 5;
constexpr int ResourceExhausted = 8;
constexpr int Unimplemented = 12;
constexpr int Unavailable = 14;
constexpr int Unauthenticated = 16;
} // namespace RpcCode

} // namespace Apprentice
