#pragma once

// Shared by the live-connection tests: OTLP/JSON request builders and a blocking raw HTTP/1.1 client for
// talking to servers that run on other threads (the receiver) byte by byte.

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QTcpSocket>

#include <zlib.h>

#include <vector>

namespace LiveTest {

inline QByteArray gzip(const QByteArray &data)
{
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))) + 32, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

/// One span of a test request. Times in ns since the epoch.
struct Span {
    QString traceId = QStringLiteral("5b8efff798038103d269b633813fc60c");
    QString spanId;
    QString parentSpanId;
    QString name;
    QString operation; ///< gen_ai.operation.name; empty: none
    QString tool;      ///< gen_ai.tool.name; empty: none
    QString agent;     ///< gen_ai.agent.name
    qint64 startNs = 1700000000000000000;
    qint64 endNs = 1700000000250000000;
    int statusCode = 0;
    QString statusMessage;
    qint64 inputTokens = -1;
    qint64 outputTokens = -1;
    QString provider; ///< gen_ai.provider.name
    QString model;    ///< gen_ai.response.model
};

/// An LLM call (`chat`) with token usage, under `parent`, from `startMs` to `endMs` after the tool spans' start.
inline Span chatSpan(const QString &spanId, const QString &parent, qint64 input, qint64 output,
                     const QString &model = QStringLiteral("gpt-4o-mini"), const QString &provider = QStringLiteral("openai"),
                     qint64 startMs = 0, qint64 endMs = 100)
{
    Span s;
    s.spanId = spanId;
    s.parentSpanId = parent;
    s.name = QStringLiteral("chat ") + model;
    s.operation = QStringLiteral("chat");
    s.inputTokens = input;
    s.outputTokens = output;
    s.model = model;
    s.provider = provider;
    s.startNs += startMs * 1000000;
    s.endNs = Span().startNs + endMs * 1000000;
    return s;
}

inline Span toolSpan(const QString &spanId, const QString &tool, double latencyMs, bool ok = true,
                     const QString &parent = {})
{
    Span s;
    s.spanId = spanId;
    s.parentSpanId = parent;
    s.name = QStringLiteral("execute_tool ") + tool;
    s.operation = QStringLiteral("execute_tool");
    s.tool = tool;
    s.endNs = s.startNs + qint64(latencyMs * 1e6);
    if (!ok) {
        s.statusCode = 2;
        s.statusMessage = QStringLiteral("boom");
    }
    return s;
}

inline QJsonObject stringAttribute(const QString &key, const QString &value)
{
    return QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("value"), QJsonObject{{QStringLiteral("stringValue"), value}}}};
}

inline QJsonObject intAttribute(const QString &key, qint64 value)
{
    return QJsonObject{{QStringLiteral("key"), key},
                       {QStringLiteral("value"), QJsonObject{{QStringLiteral("intValue"), QString::number(value)}}}};
}

inline QByteArray otlpRequest(const QString &service, const std::vector<Span> &spans, const QString &version = {})
{
    QJsonArray spanArray;
    for (const Span &s : spans) {
        QJsonArray attributes;
        if (!s.operation.isEmpty())
            attributes.append(stringAttribute(QStringLiteral("gen_ai.operation.name"), s.operation));
        if (!s.tool.isEmpty())
            attributes.append(stringAttribute(QStringLiteral("gen_ai.tool.name"), s.tool));
        if (!s.agent.isEmpty())
            attributes.append(stringAttribute(QStringLiteral("gen_ai.agent.name"), s.agent));
        if (!s.provider.isEmpty())
            attributes.append(stringAttribute(QStringLiteral("gen_ai.provider.name"), s.provider));
        if (!s.model.isEmpty())
            attributes.append(stringAttribute(QStringLiteral("gen_ai.response.model"), s.model));
        if (s.inputTokens >= 0)
            attributes.append(intAttribute(QStringLiteral("gen_ai.usage.input_tokens"), s.inputTokens));
        if (s.outputTokens >= 0)
            attributes.append(intAttribute(QStringLiteral("gen_ai.usage.output_tokens"), s.outputTokens));
        QJsonObject span{{QStringLiteral("traceId"), s.traceId},
                         {QStringLiteral("spanId"), s.spanId},
                         {QStringLiteral("name"), s.name},
                         {QStringLiteral("kind"), 1},
                         {QStringLiteral("startTimeUnixNano"), QString::number(s.startNs)},
                         {QStringLiteral("endTimeUnixNano"), QString::number(s.endNs)},
                         {QStringLiteral("attributes"), attributes}};
        if (!s.parentSpanId.isEmpty())
            span.insert(QStringLiteral("parentSpanId"), s.parentSpanId);
        QJsonObject status;
        if (s.statusCode)
            status.insert(QStringLiteral("code"), s.statusCode);
        if (!s.statusMessage.isEmpty())
            status.insert(QStringLiteral("message"), s.statusMessage);
        span.insert(QStringLiteral("status"), status);
        spanArray.append(span);
    }
    QJsonArray resourceAttributes{stringAttribute(QStringLiteral("service.name"), service)};
    if (!version.isEmpty())
        resourceAttributes.append(stringAttribute(QStringLiteral("service.version"), version));
    const QJsonObject request{
        {QStringLiteral("resourceSpans"),
         QJsonArray{QJsonObject{
             {QStringLiteral("resource"), QJsonObject{{QStringLiteral("attributes"), resourceAttributes}}},
             {QStringLiteral("scopeSpans"),
              QJsonArray{QJsonObject{{QStringLiteral("scope"), QJsonObject{{QStringLiteral("name"), QStringLiteral("test")}}},
                                     {QStringLiteral("spans"), spanArray}}}}}}}};
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

/// A request with `n` execute_tool spans of one trace.
inline QByteArray toolSpans(const QString &service, int n, int traceNo = 0)
{
    std::vector<Span> spans;
    for (int i = 0; i < n; ++i) {
        Span s = toolSpan(QStringLiteral("%1").arg(i + 1, 16, 10, QLatin1Char('0')), QStringLiteral("tool_%1").arg(i % 4),
                          10 + i);
        s.traceId = QStringLiteral("%1").arg(traceNo, 32, 10, QLatin1Char('0'));
        spans.push_back(s);
    }
    return otlpRequest(service, spans);
}

using Headers = QList<QPair<QByteArray, QByteArray>>;

/// A POST /v1/traces request as raw bytes: with Content-Length, or chunked in pieces of `chunk` bytes.
inline QByteArray post(const QByteArray &body, const Headers &headers = {}, int chunk = 0,
                       const QByteArray &contentType = "application/json", const QByteArray &path = "/v1/traces")
{
    QByteArray out = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    if (chunk <= 0) {
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        return out;
    }
    out += "Transfer-Encoding: chunked\r\n\r\n";
    for (qsizetype i = 0; i < body.size(); i += chunk) {
        const QByteArray piece = body.mid(i, chunk);
        out += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
    }
    out += "0\r\n\r\n";
    return out;
}

struct Reply {
    int status = 0;
    Headers headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

/// A blocking HTTP/1.1 client on a raw socket: for servers on other threads only (it does not spin the event loop).
class RawClient
{
public:
    bool connectTo(quint16 port, int timeoutMs = 5000)
    {
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        return socket.waitForConnected(timeoutMs);
    }
    void send(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.flush();
        while (socket.bytesToWrite() > 0 && socket.waitForBytesWritten(5000)) {
        }
    }
    /// Reads one response (status line, headers, Content-Length body). False on timeout or close before it.
    bool read(Reply &reply, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                const QList<QByteArray> lines = buffer.left(end).split('\n');
                Reply r;
                const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
                r.status = statusLine.value(1).toInt();
                qint64 length = 0;
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines[i].trimmed();
                    const qsizetype colon = line.indexOf(':');
                    const QByteArray name = line.left(colon).trimmed();
                    const QByteArray value = line.mid(colon + 1).trimmed();
                    r.headers.append(qMakePair(name, value));
                    if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                        length = value.toLongLong();
                }
                if (buffer.size() >= end + 4 + length) {
                    r.body = buffer.mid(end + 4, length);
                    buffer.remove(0, end + 4 + length);
                    reply = r;
                    return true;
                }
            }
            const qint64 left = timeoutMs - timer.elapsed();
            if (left <= 0)
                return false;
            if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(int(left)))
                return false;
            buffer += socket.readAll();
        }
    }
    Reply exchange(const QByteArray &request)
    {
        send(request);
        Reply r;
        read(r);
        return r;
    }
    /// True once the server closed the connection (after reading anything it still sent).
    bool waitClosed(int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
            if (socket.waitForReadyRead(int(timeoutMs - timer.elapsed())))
                buffer += socket.readAll();
            else if (socket.error() == QAbstractSocket::RemoteHostClosedError || socket.state() != QAbstractSocket::ConnectedState)
                break;
        }
        buffer += socket.readAll();
        return socket.state() != QAbstractSocket::ConnectedState;
    }

    QTcpSocket socket;
    QByteArray buffer;
};

} // namespace LiveTest
