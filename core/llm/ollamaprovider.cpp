#include "ollamaprovider.h"

#include <QJsonArray>

namespace Apprentice {

QUrl OllamaProvider::chatUrl() const
{
    return joinUrl(tier().baseUrl, QStringLiteral("/api/chat"));
}

QJsonObject OllamaProvider::chatBody(const ChatRequest &request) const
{
    QJsonArray messages;
    if (!request.system.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), request.system}});
    for (const ChatMessage &m : request.messages)
        messages.append(QJsonObject{{QStringLiteral("role"), m.role}, {QStringLiteral("content"), m.content}});
    QJsonObject options;
    if (tier().sendTemperature)
        options.insert(u"temperature", 0);
    options.insert(u"num_predict", tier().maxTokens);
    QJsonObject body;
    body.insert(u"model", tier().model);
    body.insert(u"stream", false);
    body.insert(u"messages", messages);
    if (!request.schema.isEmpty())
        body.insert(u"format", tier().structuredOutput ? QJsonValue(request.schema) : QJsonValue(QStringLiteral("json")));
    body.insert(u"options", options);
    return body;
}

void OllamaProvider::setAuthHeaders(QNetworkRequest &request, const QString &key) const
{
    // Ollama itself has no auth; a key is for a reverse proxy in front of it.
    if (!key.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
}

bool OllamaProvider::readChatResponse(const QJsonObject &body, ProviderReply &reply) const
{
    const QJsonValue message = body.value(u"message");
    if (!message.isObject() || !message.toObject().value(u"content").isString()) {
        reply.error = QStringLiteral("Ollama reply has no message.content");
        return false;
    }
    reply.content = message.toObject().value(u"content").toString();
    // Older servers left prompt_eval_count out on a prompt-cache hit.
    reply.inputTokens = qint64(body.value(u"prompt_eval_count").toDouble(0));
    reply.outputTokens = qint64(body.value(u"eval_count").toDouble(0));
    reply.finishReason = body.value(u"done_reason").toString();
    return true;
}

} // namespace Apprentice
