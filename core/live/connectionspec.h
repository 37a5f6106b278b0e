#pragma once

#include <QString>

namespace Apprentice {

/// The kinds of live endpoint the console connects to.
enum class ConnectionKind {
    OtlpReceiver, ///< listens: OpenTelemetry exporters POST OTLP/HTTP JSON to /v1/traces
    NdjsonStream, ///< pulls: an HTTP endpoint streaming JSON Lines records
    SseStream,    ///< pulls: an HTTP endpoint streaming records as Server-Sent Events
    FileTail      ///< follows a growing JSON Lines file
};
constexpr int ConnectionKindCount = 4;

/// Where a connection is. A receiver is Connected while it listens.
enum class ConnectionState {
    Connecting, ///< dialling, or waiting for the file to appear
    Connected,  ///< records can arrive
    Retrying,   ///< lost or refused: waiting before the next attempt (see lastError)
    Stopped     ///< given up or removed; a receiver that could not bind
};

/// Wire names: "otlp", "ndjson", "sse", "tail".
QString connectionKindName(ConnectionKind kind);
bool connectionKindFromName(const QString &name, ConnectionKind &out);
/// Wire names: "connecting", "connected", "retrying", "stopped".
QString connectionStateName(ConnectionState state);

/// What the operator asked for in File → Connect… or on the command line.
struct ConnectionSpec {
    ConnectionKind kind = ConnectionKind::OtlpReceiver;
    /// HOST:PORT to listen on (receiver; default 127.0.0.1:4318), an http(s) URL (streams), or a file path (tail).
    QString address;
    /// Bearer token: required from clients by a receiver, sent to the server by a stream. Empty: none.
    QString token;
    /// A receiver may listen on a non-loopback address (it warns when it does).
    bool allowRemote = false;
    /// A tail reads what the file already holds before following it; otherwise it starts at the end.
    bool fromStart = true;
    qint64 skipLines = 0; ///< file tail from the start: lines an earlier run already handed over
};

/// The address a receiver listens on when the spec leaves it empty.
inline QString defaultReceiverAddress() { return QStringLiteral("127.0.0.1:4318"); }

} // namespace Apprentice
