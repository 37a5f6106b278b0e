#pragma once

#include "httprequest.h"

#include <QByteArray>
#include <QString>

namespace Apprentice {

/// An incremental HTTP/1.x request parser for the receiver: request line, headers, and a body framed by
/// Content-Length or chunked transfer coding, within size limits. Feed it bytes as they arrive and call
/// parse() until it needs more; it never reads past the end of the current request, so the bytes of a
/// following request on a kept-alive connection stay buffered for next().
class HttpRequestParser
{
public:
    struct Limits {
        qint64 maxHeaderBytes = 64 * 1024; ///< request line plus headers (else 431)
        qint64 maxBodyBytes = 64 << 20;    ///< body as sent, de-chunked (else 413)
        int maxHeaderCount = 128;          ///< (else 431)
    };
    enum class Status {
        NeedMore,     ///< give it more bytes
        HeadersReady, ///< the headers are complete (reported once per request, before any body byte is read)
        Complete,     ///< the whole request is in request()
        Failed        ///< the bytes are not an acceptable request: answer errorStatus() and close
    };

    explicit HttpRequestParser(Limits limits);
    HttpRequestParser();

    void append(const char *data, qsizetype size);
    void append(const QByteArray &bytes) { append(bytes.constData(), bytes.size()); }
    /// Advances as far as the buffered bytes allow.
    Status parse();
    /// Starts the next request after Complete, keeping the bytes that follow the one just read.
    void next();

    const HttpRequest &request() const { return m_request; }
    HttpRequest takeRequest();
    /// True once any byte of the current request has arrived (blank lines before it do not count).
    bool hasStarted() const { return m_started; }
    bool headersComplete() const { return m_state >= State::Body; }
    /// The Content-Length of the current request, or -1 when chunked or not known yet.
    qint64 contentLength() const { return m_contentLength; }
    /// Bytes held for the current and any following request (buffered input plus body read so far).
    qint64 heldBytes() const { return qint64(m_buffer.size() - m_pos) + qint64(m_request.body.size()); }

    /// After Failed: the status to answer (400, 413, 431, 501, 505) and a reason for the client.
    int errorStatus() const { return m_errorStatus; }
    QString errorMessage() const { return m_errorMessage; }

private:
    enum class State { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Failed };

    // The next line without its terminator (CRLF or LF); false when no full line is buffered.
    bool takeLine(QByteArray &line, qint64 limit, int overflowStatus);
    Status fail(int status, const QString &message);
    bool parseRequestLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    Status finishHeaders();
    void compact();

    Limits m_limits;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    State m_state = State::RequestLine;
    HttpRequest m_request;
    qint64 m_headerBytes = 0;
    qint64 m_contentLength = -1;
    qint64 m_chunkRemaining = 0;
    bool m_started = false;
    int m_errorStatus = 0;
    QString m_errorMessage;
};

} // namespace Apprentice
