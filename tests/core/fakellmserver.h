#pragma once

// A scripted HTTP/1.1 server on 127.0.0.1 for provider tests: parses requests (Content-Length
// bodies), records them, and answers each with the next scripted response (status, headers, body),
// optionally after a delay, or closes the connection, or never answers. Header-only so every test
// executable can include it without a library of its own (and so without Q_OBJECT).

#include "diagnosis.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <memory>

namespace FakeLlm {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct Response {
    enum Mode { Reply, Close, Hang };
    int status = 200;
    Headers headers;
    QByteArray body;
    int delayMs = 0;
    Mode mode = Reply;

    static Response json(int status, const QByteArray &body, Headers headers = {})
    {
        Response r;
        r.status = status;
        r.body = body;
        r.headers = std::move(headers);
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        return r;
    }
    static Response json(int status, const QJsonObject &body, Headers headers = {})
    {
        return json(status, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(headers));
    }
    static Response closeConnection()
    {
        Response r;
        r.mode = Close;
        return r;
    }
    static Response hang()
    {
        Response r;
        r.mode = Hang;
        return r;
    }
};

struct Request {
    QByteArray method;
    QByteArray path;
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
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

inline QByteArray reasonPhrase(int status)
{
    static const QHash<int, QByteArray> reasons = {
        {200, "OK"}, {400, "Bad Request"}, {401, "Unauthorized"}, {402, "Payment Required"}, {403, "Forbidden"},
        {404, "Not Found"}, {408, "Request Timeout"}, {409, "Conflict"}, {413, "Payload Too Large"},
        {429, "Too Many Requests"}, {500, "Internal Server Error"}, {502, "Bad Gateway"},
        {503, "Service Unavailable"}, {504, "Gateway Timeout"}, {529, "Site Overloaded"}};
    return reasons.value(status, "Status");
}

class Server : public QObject
{
public:
    Server()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    parse(socket, *buffer);
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }

    /// Responses are used in order, whatever the path; routes answer a path every time.
    void enqueue(const Response &r) { m_script.push_back(r); }
    void route(const QByteArray &path, const Response &r) { m_routes.insert(path, r); }
    int pending() const { return int(m_script.size()); }

    const QList<Request> &requests() const { return m_requests; }
    int count() const { return int(m_requests.size()); }
    const Request &last() const { return m_requests.back(); }

    /// A port nothing listens on (bound, then released): connecting to it is refused.
    static quint16 unusedPort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 p = probe.serverPort();
        probe.close();
        return p;
    }

private:
    void parse(QTcpSocket *socket, QByteArray &buffer)
    {
        for (;;) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            Request req;
            const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
            req.method = start.value(0);
            req.path = start.value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed();
                const QByteArray value = line.mid(colon + 1).trimmed();
                req.headers.append(qMakePair(name, value));
                if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                    length = value.toLongLong();
            }
            if (buffer.size() < headerEnd + 4 + length)
                return;
            req.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            m_requests.append(req);
            answer(socket, req);
        }
    }

    void answer(QTcpSocket *socket, const Request &req)
    {
        Response r;
        const QByteArray path = req.path.left(req.path.indexOf('?') < 0 ? req.path.size() : req.path.indexOf('?'));
        if (m_routes.contains(path)) {
            r = m_routes.value(path);
        } else if (!m_script.empty()) {
            r = m_script.front();
            m_script.pop_front();
        } else {
            r = Response::json(500, QByteArray(R"({"error":"no scripted response left"})"));
        }
        if (r.mode == Response::Hang)
            return;
        QPointer<QTcpSocket> guard(socket);
        auto send = [guard, r] {
            if (!guard)
                return;
            if (r.mode == Response::Close) {
                guard->abort();
                return;
            }
            QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
            for (const auto &h : r.headers)
                out += h.first + ": " + h.second + "\r\n";
            out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\nConnection: close\r\n\r\n" + r.body;
            guard->write(out);
            guard->disconnectFromHost();
        };
        if (r.delayMs > 0)
            QTimer::singleShot(r.delayMs, socket, send);
        else
            send();
    }

    QTcpServer m_server;
    std::deque<Response> m_script;
    QHash<QByteArray, Response> m_routes;
    QList<Request> m_requests;
};

// Bodies in each provider's real wire format.

inline QByteArray ollamaChat(const QByteArray &content, int promptEval = 34, int eval = 12, bool withPromptCount = true)
{
    QJsonObject o{{QStringLiteral("model"), QStringLiteral("gemma2:2b")},
                  {QStringLiteral("created_at"), QStringLiteral("2026-10-01T00:00:00Z")},
                  {QStringLiteral("message"), QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                          {QStringLiteral("content"), QString::fromUtf8(content)}}},
                  {QStringLiteral("done"), true},
                  {QStringLiteral("done_reason"), QStringLiteral("stop")},
                  {QStringLiteral("total_duration"), 2254970291.0},
                  {QStringLiteral("load_duration"), 574751416},
                  {QStringLiteral("prompt_eval_duration"), 1502000000},
                  {QStringLiteral("eval_count"), eval},
                  {QStringLiteral("eval_duration"), 175000000}};
    if (withPromptCount)
        o.insert(QStringLiteral("prompt_eval_count"), promptEval);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

inline QByteArray openaiChat(const QByteArray &content, int prompt = 20, int completion = 5)
{
    QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                        {QStringLiteral("content"), QString::fromUtf8(content)},
                        {QStringLiteral("refusal"), QJsonValue::Null}};
    QJsonObject choice{{QStringLiteral("index"), 0}, {QStringLiteral("finish_reason"), QStringLiteral("stop")},
                       {QStringLiteral("message"), message}};
    QJsonObject usage{{QStringLiteral("prompt_tokens"), prompt}, {QStringLiteral("completion_tokens"), completion},
                      {QStringLiteral("total_tokens"), prompt + completion},
                      {QStringLiteral("prompt_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), 0}}}};
    QJsonObject o{{QStringLiteral("id"), QStringLiteral("chatcmpl-1")},
                  {QStringLiteral("object"), QStringLiteral("chat.completion")},
                  {QStringLiteral("created"), 1700000000},
                  {QStringLiteral("model"), QStringLiteral("gpt-4o-mini-2024-07-18")},
                  {QStringLiteral("choices"), QJsonArray{choice}},
                  {QStringLiteral("usage"), usage}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

inline QByteArray anthropicMessage(const QByteArray &text, int input = 25, int output = 9, int cacheCreation = 0,
                                   int cacheRead = 0)
{
    QJsonObject block{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString::fromUtf8(text)}};
    QJsonObject usage{{QStringLiteral("input_tokens"), input}, {QStringLiteral("output_tokens"), output},
                      {QStringLiteral("cache_creation_input_tokens"), cacheCreation},
                      {QStringLiteral("cache_read_input_tokens"), cacheRead}};
    QJsonObject o{{QStringLiteral("id"), QStringLiteral("msg_01A")},
                  {QStringLiteral("type"), QStringLiteral("message")},
                  {QStringLiteral("role"), QStringLiteral("assistant")},
                  {QStringLiteral("model"), QStringLiteral("claude-sonnet-4-6")},
                  {QStringLiteral("content"), QJsonArray{block}},
                  {QStringLiteral("stop_reason"), QStringLiteral("end_turn")},
                  {QStringLiteral("stop_sequence"), QJsonValue::Null},
                  {QStringLiteral("usage"), usage}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// GET /v1/models as OpenAI (and llama.cpp, vLLM, LM Studio) answer it.
inline QByteArray openaiModels(const QStringList &ids)
{
    QJsonArray data;
    for (const QString &id : ids)
        data.append(QJsonObject{{QStringLiteral("id"), id},
                                {QStringLiteral("object"), QStringLiteral("model")},
                                {QStringLiteral("created"), 1715367049},
                                {QStringLiteral("owned_by"), QStringLiteral("system")}});
    return QJsonDocument(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

/// GET /api/tags as Ollama answers it.
inline QByteArray ollamaTags(const QStringList &names)
{
    QJsonArray models;
    for (const QString &name : names)
        models.append(QJsonObject{{QStringLiteral("name"), name},
                                  {QStringLiteral("model"), name},
                                  {QStringLiteral("modified_at"), QStringLiteral("2026-09-28T11:02:31.207917Z")},
                                  {QStringLiteral("size"), 1629518495},
                                  {QStringLiteral("digest"), QStringLiteral("8ccf136fdd5298f3ffe2d69862750ea7fb56555fa4d5b18c04e3fa4d82ee09d7")},
                                  {QStringLiteral("details"), QJsonObject{{QStringLiteral("format"), QStringLiteral("gguf")},
                                                                          {QStringLiteral("family"), QStringLiteral("gemma2")},
                                                                          {QStringLiteral("parameter_size"), QStringLiteral("2.6B")},
                                                                          {QStringLiteral("quantization_level"), QStringLiteral("Q4_0")}}}});
    return QJsonDocument(QJsonObject{{QStringLiteral("models"), models}}).toJson(QJsonDocument::Compact);
}

inline QByteArray openaiError(const char *type, const char *code, const char *message)
{
    QJsonObject e{{QStringLiteral("message"), QString::fromUtf8(message)},
                  {QStringLiteral("type"), QString::fromUtf8(type)},
                  {QStringLiteral("param"), QJsonValue::Null},
                  {QStringLiteral("code"), code ? QJsonValue(QString::fromUtf8(code)) : QJsonValue(QJsonValue::Null)}};
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), e}}).toJson(QJsonDocument::Compact);
}

inline QByteArray anthropicError(const char *type, const char *message, const char *detailCode = nullptr)
{
    QJsonObject e{{QStringLiteral("type"), QString::fromUtf8(type)}, {QStringLiteral("message"), QString::fromUtf8(message)}};
    if (detailCode)
        e.insert(QStringLiteral("details"), QJsonObject{{QStringLiteral("error_code"), QString::fromUtf8(detailCode)}});
    return QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                                     {QStringLiteral("error"), e},
                                     {QStringLiteral("request_id"), QStringLiteral("req_011CTest")}})
        .toJson(QJsonDocument::Compact);
}

inline QByteArray ollamaError(const char *message)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), QString::fromUtf8(message)}}).toJson(QJsonDocument::Compact);
}

/// A diagnosis in the schema's shape.
inline QByteArray diagnosisJson(const char *status, double confidence, const char *action,
                                const char *rootCause = "External API latency shifted", const char *kind = "none")
{
    QJsonObject m{{QStringLiteral("kind"), QString::fromUtf8(kind)},
                  {QStringLiteral("description"), QString()},
                  {QStringLiteral("expected_effect"), QString()}};
    QJsonObject o{{QStringLiteral("status"), QString::fromUtf8(status)},
                  {QStringLiteral("confidence"), confidence},
                  {QStringLiteral("root_cause"), QString::fromUtf8(rootCause)},
                  {QStringLiteral("evidence"), QJsonArray{QStringLiteral("latency p50 229 -> 480 ms"),
                                                          QStringLiteral("output bytes unchanged")}},
                  {QStringLiteral("action"), QString::fromUtf8(action)},
                  {QStringLiteral("proposed_mutation"), m}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// The investigation both the provider and the view tests ask about: validation of `process`
/// falling to 0.85 against a profile at 0.995, with `trend` as the trend line of the prompt.
inline Apprentice::InvestigationContext validationDrift(const QString &trend)
{
    using namespace Apprentice;
    InvestigationContext ctx;
    ctx.trigger = Trigger::Drift;
    ctx.workflow = QStringLiteral("process_customer_order");
    ctx.version = QStringLiteral("1.0.0");
    ctx.tool = QStringLiteral("process");
    ctx.metric = QStringLiteral("validation_pass");
    ctx.value = 0.85;
    ctx.direction = -1;
    ctx.profile = {2847, 0.995, 0.01, 1.0, 1.0, 1.0, 0.97, 1.0};
    ctx.recent = {0.94, 0.92, 1.0, 0.89, 0.91, 1.0, 0.87, 0.93, 1.0, 0.85};
    ctx.trend = trend;
    return ctx;
}

} // namespace FakeLlm
