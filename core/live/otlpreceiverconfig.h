#pragma once

#include <QByteArray>
#include <QHostAddress>

namespace Apprentice {

/// How an OTLP/HTTP receiver listens and what it tolerates. The defaults suit a console on a workstation.
struct OtlpReceiverConfig {
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 4318;           ///< 0: the system picks one (see OtlpReceiver::serverPort())
    bool allowRemote = false;      ///< without it, only loopback addresses are accepted for `address`
    QByteArray bearerToken;        ///< when set, requests need "Authorization: Bearer <token>"
    qint64 maxBodyBytes = 64 << 20;    ///< a body as sent (compressed or not); larger: 413
    qint64 maxDecodedBytes = 64 << 20; ///< a gzip body once inflated; larger: 413
    qint64 maxHeaderBytes = 64 << 10;  ///< request line and headers; larger: 431
    qint64 maxBufferedBytes = 512 << 20; ///< request bytes held across all connections at once; beyond: 503
    int maxConnections = 4096;     ///< open connections; beyond, a new one gets 503 and is closed
    int headerTimeoutMs = 10000;   ///< from a request's first byte to the end of its headers; then 408
    int requestTimeoutMs = 30000;  ///< from a request's first byte to the end of its body; then 408
    int idleTimeoutMs = 60000;     ///< a kept-alive connection without a request is closed after this
    int lingerMs = 1000;           ///< after an error answer, how long unread input is drained before closing
    int threads = 0;               ///< connection threads; 0: by core count (1 to 4)
    int maxItemisedRejections = 20; ///< per request, rejected spans listed in the LiveBatch (all are counted)
    /// How long a tool call whose workflow or agent span has not arrived yet is held back waiting for it (exporters
    /// send spans as they end, parents last); then it goes on with the nearest agent seen or the service name.
    /// 0: no waiting. The default covers the SDKs' 5 s batch delay.
    int stitchHoldMs = 6000;
    qint64 maxHeldRecords = 100000; ///< records held back at once; beyond, new ones go on without waiting
};

} // namespace Apprentice
