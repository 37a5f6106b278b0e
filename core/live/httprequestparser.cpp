#include "httprequestparser.h"
#include "sizetext.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

constexpr qint64 MaxChunkSizeLine = 1024;

// RFC 9110 tchar: what a method or header name may hold.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(const QByteArray &s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

} // namespace

HttpRequestParser::HttpRequestParser(Limits limits)
    : m_limits(limits)
{
}

HttpRequestParser::HttpRequestParser()
    : HttpRequestParser(Limits{})
{
}

void HttpRequestParser::append(const char *data, qsizetype size)
{
    if (m_state != State::Failed)
        m_buffer.append(data, size);
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const QString &message)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorMessage = message;
    m_buffer.clear();
    m_pos = 0;
    m_request.body.clear();
    return Status::Failed;
}

bool HttpRequestParser::takeLine(QByteArray &line, qint64 limit, int overflowStatus)
{
    const qsizetype newline = m_buffer.indexOf('\n', m_pos);
    const qint64 length = newline < 0 ? qint64(m_buffer.size() - m_pos) : qint64(newline - m_pos);
    if (length > limit + 1) { // + 1: the CR of a CRLF
        fail(overflowStatus, overflowStatus == 400 ? u"chunk size line too long"_s
                             : overflowStatus == 414 ? u"request line longer than %1"_s.arg(sizeText(m_limits.maxHeaderBytes))
                                                     : u"request headers longer than %1"_s.arg(sizeText(m_limits.maxHeaderBytes)));
        return false;
    }
    if (newline < 0)
        return false;
    line = m_buffer.mid(m_pos, length);
    if (line.endsWith('\r'))
        line.chop(1);
    m_pos = newline + 1;
    return true;
}

bool HttpRequestParser::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
        fail(400, u"malformed request line"_s);
        return false;
    }
    const QByteArray &version = parts[2];
    if (version == "HTTP/1.1") {
        m_request.minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        m_request.minorVersion = 0;
    } else if (version.startsWith("HTTP/")) {
        fail(505, u"HTTP version %1 is not supported; send HTTP/1.1"_s.arg(QString::fromLatin1(version.mid(5))));
        return false;
    } else {
        fail(400, u"malformed request line"_s);
        return false;
    }
    m_request.method = parts[0];
    m_request.target = parts[1];
    return true;
}

bool HttpRequestParser::parseHeaderLine(const QByteArray &line)
{
    if (line.startsWith(' ') || line.startsWith('\t')) {
        fail(400, u"obsolete header line folding"_s);
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = colon > 0 ? line.left(colon) : QByteArray();
    if (!isToken(name)) {
        fail(400, u"malformed header line"_s);
        return false;
    }
    if (m_request.headers.size() >= m_limits.maxHeaderCount) {
        fail(431, u"more than %1 request headers"_s.arg(m_limits.maxHeaderCount));
        return false;
    }
    m_request.headers.append(qMakePair(name, line.mid(colon + 1).trimmed()));
    return true;
}

HttpRequestParser::Status HttpRequestParser::finishHeaders()
{
    const QByteArray transferEncoding = m_request.header("Transfer-Encoding").toLower();
    bool hasLength = false;
    qint64 length = -1;
    for (const auto &h : std::as_const(m_request.headers)) {
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray &v = h.second;
        if (v.isEmpty() || v.size() > 18 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return fail(400, u"invalid Content-Length"_s);
        const qint64 value = v.toLongLong();
        if (hasLength && value != length)
            return fail(400, u"conflicting Content-Length headers"_s);
        hasLength = true;
        length = value;
    }

    if (!transferEncoding.isEmpty()) {
        // Both framings at once is how requests get smuggled past proxies: refuse it.
        if (hasLength)
            return fail(400, u"both Content-Length and Transfer-Encoding"_s);
        const QList<QByteArray> codings = transferEncoding.split(',');
        for (qsizetype i = 0; i < codings.size(); ++i) {
            const QByteArray coding = codings[i].trimmed();
            if (coding != "chunked")
                return fail(501, u"transfer coding \"%1\" is not supported; use chunked (and Content-Encoding: gzip)"_s.arg(
                                     QString::fromLatin1(coding)));
            if (i != codings.size() - 1)
                return fail(400, u"chunked applied twice"_s);
        }
        m_request.chunked = true;
        m_contentLength = -1;
        m_state = State::ChunkSize;
    } else {
        m_contentLength = hasLength ? length : 0;
        if (m_contentLength > m_limits.maxBodyBytes)
            return fail(413, u"request body of %1 bytes exceeds the limit of %2"_s.arg(m_contentLength).arg(
                                 sizeText(m_limits.maxBodyBytes)));
        m_request.body.reserve(m_contentLength);
        m_state = State::Body;
    }
    return Status::HeadersReady;
}

void HttpRequestParser::compact()
{
    if (m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    } else if (m_pos > 65536 && m_pos > m_buffer.size() / 2) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
}

HttpRequestParser::Status HttpRequestParser::parse()
{
    for (;;) {
        switch (m_state) {
        case State::RequestLine: {
            // RFC 9112 §2.2: ignore empty lines before a request line (some clients send CRLF after a body).
            while (!m_started && m_pos < m_buffer.size() && (m_buffer[m_pos] == '\r' || m_buffer[m_pos] == '\n'))
                ++m_pos;
            if (m_pos < m_buffer.size())
                m_started = true;
            QByteArray line;
            if (!takeLine(line, m_limits.maxHeaderBytes, 414))
                return m_state == State::Failed ? Status::Failed : (compact(), Status::NeedMore);
            m_headerBytes = line.size() + 2;
            if (!parseRequestLine(line))
                return Status::Failed;
            m_state = State::Headers;
            break;
        }
        case State::Headers: {
            QByteArray line;
            if (!takeLine(line, m_limits.maxHeaderBytes - m_headerBytes, 431))
                return m_state == State::Failed ? Status::Failed : Status::NeedMore;
            m_headerBytes += line.size() + 2;
            if (line.isEmpty())
                return finishHeaders();
            if (!parseHeaderLine(line))
                return Status::Failed;
            break;
        }
        case State::Body: {
            const qint64 wanted = m_contentLength - m_request.body.size();
            const qint64 take = std::min<qint64>(wanted, m_buffer.size() - m_pos);
            m_request.body.append(m_buffer.constData() + m_pos, take);
            m_pos += take;
            compact();
            if (m_request.body.size() < m_contentLength)
                return Status::NeedMore;
            m_state = State::Done;
            return Status::Complete;
        }
        case State::ChunkSize: {
            QByteArray line;
            if (!takeLine(line, MaxChunkSizeLine, 400))
                return m_state == State::Failed ? Status::Failed : (compact(), Status::NeedMore);
            const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
            const QByteArray hex = (semicolon < 0 ? line : line.left(semicolon)).trimmed();
            bool ok = !hex.isEmpty() && hex.size() <= 15;
            const qint64 size = ok ? hex.toLongLong(&ok, 16) : 0;
            if (!ok || hex.startsWith('+') || hex.startsWith('-'))
                return fail(400, u"malformed chunk size"_s);
            if (m_request.body.size() + size > m_limits.maxBodyBytes)
                return fail(413, u"chunked request body exceeds the limit of %1"_s.arg(sizeText(m_limits.maxBodyBytes)));
            m_chunkRemaining = size;
            m_state = size == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qint64 take = std::min<qint64>(m_chunkRemaining, m_buffer.size() - m_pos);
            m_request.body.append(m_buffer.constData() + m_pos, take);
            m_pos += take;
            m_chunkRemaining -= take;
            compact();
            if (m_chunkRemaining > 0)
                return Status::NeedMore;
            m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            QByteArray line;
            if (!takeLine(line, 0, 400))
                return m_state == State::Failed ? Status::Failed : Status::NeedMore;
            if (!line.isEmpty())
                return fail(400, u"chunk data longer than its size"_s);
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailers: {
            QByteArray line;
            if (!takeLine(line, std::max<qint64>(0, m_limits.maxHeaderBytes - m_headerBytes), 431))
                return m_state == State::Failed ? Status::Failed : Status::NeedMore;
            m_headerBytes += line.size() + 2;
            if (!line.isEmpty())
                break; // trailer fields carry nothing the receiver uses
            compact();
            m_state = State::Done;
            return Status::Complete;
        }
        case State::Done:
            return Status::Complete;
        case State::Failed:
            return Status::Failed;
        }
    }
}

void HttpRequestParser::next()
{
    if (m_state == State::Failed)
        return;
    m_buffer.remove(0, m_pos);
    m_pos = 0;
    m_request = HttpRequest();
    m_state = State::RequestLine;
    m_headerBytes = 0;
    m_contentLength = -1;
    m_chunkRemaining = 0;
    m_started = false;
}

HttpRequest HttpRequestParser::takeRequest()
{
    return std::exchange(m_request, HttpRequest());
}

} // namespace Apprentice
