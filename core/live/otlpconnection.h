#pragma once

#include "httprequestparser.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QString>

class QTcpSocket;

namespace Apprentice {

class LiveStatus;
class OtlpRequestHandler;
struct HttpResponse;
struct OtlpReceiverConfig;
struct OtlpReceiverCounters;

/// One client connection of the OTLP receiver, on a connection thread: reads requests (kept alive between them),
/// answers each through the handler, enforces the size limits, the shared buffer budget and the timeouts, and
/// after an error answer drains what the client still sends before closing, so the client reads the answer
/// instead of a reset.
class OtlpConnection : public QObject
{
    Q_OBJECT
public:
    /// Takes over `socket` (already connected).
    OtlpConnection(QTcpSocket *socket, OtlpRequestHandler &handler, const OtlpReceiverConfig &config,
                   OtlpReceiverCounters &counters, LiveStatus &status, QObject *parent = nullptr);
    ~OtlpConnection() override;

    /// Answers `response` without reading a request and closes (a connection over the limit).
    void refuse(const HttpResponse &response);
    /// Applies the header, request, idle and linger timeouts.
    void checkTimeouts();
    /// Ends the connection now (the receiver stops), after pushing out what is already written.
    void closeNow();

signals:
    /// The connection is over; the owner deletes it.
    void finished(Apprentice::OtlpConnection *connection);

private:
    enum class Mode { Open, Closing };

    void onReadyRead();
    void onBytesWritten();
    void process();
    void respond(const HttpResponse &response, bool keepAlive, int minorVersion);
    void startClosing();
    void halfClose();
    void finish();
    bool reserve(qint64 bytes);
    void releaseTo(qint64 held);

    QTcpSocket *m_socket;
    OtlpRequestHandler &m_handler;
    const OtlpReceiverConfig &m_config;
    OtlpReceiverCounters &m_counters;
    LiveStatus &m_status;
    HttpRequestParser m_parser;
    QString m_peer;
    Mode m_mode = Mode::Open;
    bool m_inRequest = false;
    bool m_halfClosed = false;
    bool m_finished = false;
    qint64 m_reserved = 0;
    QDeadlineTimer m_idleDeadline;
    QDeadlineTimer m_headerDeadline;
    QDeadlineTimer m_requestDeadline;
    QDeadlineTimer m_lingerDeadline;
};

} // namespace Apprentice
