#include "otlpconnection.h"

#include "hostport.h"
#include "httpresponse.h"
#include "livestatus.h"
#include "otlpreceiverconfig.h"
#include "otlpreceiverstats.h"
#include "otlprequesthandler.h"

#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

constexpr qint64 ReadChunk = 256 * 1024;

int rpcCodeFor(int httpStatus)
{
    switch (httpStatus) {
    case 408: return RpcCode::DeadlineExceeded;
    case 413: return RpcCode::ResourceExhausted;
    case 501: case 505: return RpcCode::Unimplemented;
    case 503: return RpcCode::Unavailable;
    default: return RpcCode::InvalidArgument;
    }
}

HttpRequestParser::Limits parserLimits(const OtlpReceiverConfig &config)
{
    HttpRequestParser::Limits limits;
    limits.maxHeaderBytes = config.maxHeaderBytes;
    limits.maxBodyBytes = config.maxBodyBytes;
    return limits;
}

} // namespace

OtlpConnection::OtlpConnection(QTcpSocket *socket, OtlpRequestHandler &handler, const OtlpReceiverConfig &config,
                               OtlpReceiverCounters &counters, LiveStatus &status, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(handler)
    , m_config(config)
    , m_counters(counters)
    , m_status(status)
    , m_parser(parserLimits(config))
    , m_peer(formatHostPort(socket->peerAddress(), socket->peerPort()))
    , m_idleDeadline(config.idleTimeoutMs)
{
    m_socket->setParent(this);
    // Qt stops reading from the kernel when this fills: a fast sender is held back by TCP, not by our memory.
    m_socket->setReadBufferSize(ReadChunk);
    connect(m_socket, &QTcpSocket::readyRead, this, &OtlpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &OtlpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &OtlpConnection::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError)
            finish();
    });
    ++m_counters.connectionsOpen;
}

OtlpConnection::~OtlpConnection()
{
    releaseTo(0);
    --m_counters.connectionsOpen;
}

bool OtlpConnection::reserve(qint64 bytes)
{
    const qint64 before = m_counters.bufferedBytes.fetch_add(bytes);
    if (before + bytes > m_config.maxBufferedBytes) {
        m_counters.bufferedBytes -= bytes;
        return false;
    }
    m_reserved += bytes;
    return true;
}

void OtlpConnection::releaseTo(qint64 held)
{
    if (m_reserved > held) {
        m_counters.bufferedBytes -= m_reserved - held;
        m_reserved = held;
    }
}

void OtlpConnection::refuse(const HttpResponse &response)
{
    respond(response, false, 1);
}

void OtlpConnection::onReadyRead()
{
    while (m_socket->bytesAvailable() > 0) {
        if (m_mode == Mode::Closing) {
            // Draining: what a refused client still sends is read and dropped, so closing does not reset the
            // connection before it read the answer.
            m_socket->skip(m_socket->bytesAvailable());
            return;
        }
        const QByteArray chunk = m_socket->read(ReadChunk);
        if (chunk.isEmpty())
            return;
        m_counters.bytesReceived += chunk.size();
        if (!reserve(chunk.size())) {
            HttpResponse busy = HttpResponse::rpcStatus(503, RpcCode::Unavailable,
                u"the receiver holds too many unfinished requests; retry later"_s);
            busy.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
            respond(busy, false, 1);
            return;
        }
        m_parser.append(chunk);
        if (!m_inRequest && m_parser.hasStarted()) {
            m_inRequest = true;
            m_headerDeadline.setRemainingTime(m_config.headerTimeoutMs);
            m_requestDeadline.setRemainingTime(m_config.requestTimeoutMs);
        }
        process();
    }
}

void OtlpConnection::process()
{
    while (m_mode == Mode::Open) {
        switch (m_parser.parse()) {
        case HttpRequestParser::Status::NeedMore:
            if (!m_inRequest && m_parser.hasStarted()) {
                m_inRequest = true;
                m_headerDeadline.setRemainingTime(m_config.headerTimeoutMs);
                m_requestDeadline.setRemainingTime(m_config.requestTimeoutMs);
            }
            return;
        case HttpRequestParser::Status::HeadersReady: {
            const HttpRequest &request = m_parser.request();
            if (std::optional<HttpResponse> refusal = m_handler.checkHeaders(request)) {
                refusal->close = true; // the body is not read: the connection cannot carry another request
                respond(*refusal, false, request.minorVersion);
                return;
            }
            if (request.minorVersion == 1 && request.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0)
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            break;
        }
        case HttpRequestParser::Status::Complete: {
            const HttpRequest request = m_parser.takeRequest();
            m_parser.next();
            const HttpResponse response = m_handler.handle(request);
            releaseTo(m_parser.heldBytes());
            m_inRequest = false;
            respond(response, request.keepAlive(), request.minorVersion);
            m_idleDeadline.setRemainingTime(m_config.idleTimeoutMs);
            break;
        }
        case HttpRequestParser::Status::Failed:
            respond(HttpResponse::rpcStatus(m_parser.errorStatus(), rpcCodeFor(m_parser.errorStatus()),
                                            m_parser.errorMessage()),
                    false, 1);
            return;
        }
    }
}

void OtlpConnection::respond(const HttpResponse &response, bool keepAlive, int minorVersion)
{
    const bool close = response.close || !keepAlive;
    m_socket->write(response.serialize(!close, minorVersion));
    ++m_counters.requests;
    if (response.status < 300) {
        ++m_counters.requestsOk;
    } else {
        ++m_counters.requestsFailed;
        if (response.status == 503)
            ++m_counters.requestsBusy;
        if (response.status == 408)
            ++m_counters.timeouts;
        m_status.addError(u"HTTP %1 to %2: %3"_s.arg(response.status).arg(m_peer, response.logMessage));
    }
    if (close)
        startClosing();
}

void OtlpConnection::startClosing()
{
    m_mode = Mode::Closing;
    m_inRequest = false;
    m_parser = HttpRequestParser(parserLimits(m_config));
    releaseTo(0);
    m_lingerDeadline.setRemainingTime(m_config.lingerMs);
    if (m_socket->bytesToWrite() == 0)
        halfClose();
    if (m_socket->bytesAvailable() > 0)
        m_socket->skip(m_socket->bytesAvailable());
}

void OtlpConnection::onBytesWritten()
{
    if (m_mode == Mode::Closing && !m_halfClosed && m_socket->bytesToWrite() == 0)
        halfClose();
}

void OtlpConnection::halfClose()
{
    m_halfClosed = true;
#ifdef Q_OS_UNIX
    // Send FIN but keep reading: the client sees the whole answer, then the end of the stream.
    if (m_socket->socketDescriptor() >= 0 && ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) == 0)
        return;
#endif
    m_socket->disconnectFromHost();
}

void OtlpConnection::checkTimeouts()
{
    if (m_finished)
        return;
    if (m_mode == Mode::Closing) {
        if (m_lingerDeadline.hasExpired()) {
            m_socket->abort();
            finish();
        }
        return;
    }
    if (m_inRequest) {
        const bool headersLate = !m_parser.headersComplete() && m_headerDeadline.hasExpired();
        if (headersLate || m_requestDeadline.hasExpired()) {
            respond(HttpResponse::rpcStatus(408, RpcCode::DeadlineExceeded,
                        headersLate ? u"request headers not received within %1 ms"_s.arg(m_config.headerTimeoutMs)
                                    : u"request not received within %1 ms"_s.arg(m_config.requestTimeoutMs)),
                    false, 1);
        }
        return;
    }
    if (m_idleDeadline.hasExpired()) {
        m_socket->disconnectFromHost(); // idle keep-alive: a quiet close is the norm
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finish();
    }
}

void OtlpConnection::closeNow()
{
    if (m_finished)
        return;
    m_socket->flush();
    m_socket->abort();
    finish();
}

void OtlpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    releaseTo(0);
    emit finished(this);
}

} // namespace Apprentice
