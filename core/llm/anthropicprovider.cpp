#include "anthropicprovider.h"

#include <QJsonArray>

namespace Apprentice {

QUrl AnthropicProvider::chatUrl() const
{
    return joinUrl(tier().baseUrl, QStringLiteral("/v1/messages"));
}

QJsonObject AnthropicProvider::chatBody(const ChatRequest &request) const
{
    QJsonArray messages;
    for (const ChatMessage &m : request.messages)
        messages.append(QJsonObject{{QStringLiteral("role"), m.role}, {QStringLiteral("content"), m.content}});
    QJsonObject body;
    body.insert(u"model", tier().model);
    body.insert(u"max_tokens", tier().maxTokens);
    if (!request.system.isEmpty())
        body.insert(u"system", request.system);
    if (tier().sendTemperature)
        body.insert(u"temperature", 0);
    body.insert(u"messages", messages);
    if (!request.schema.isEmpty() && tier().structuredOutput) {
        QJsonObject format{{QStringLiteral("type"), QStringLiteral("json_schema")}, {QStringLiteral("schema"), request.schema}};
        body.insert(u"output_config", QJsonObject{{QStringLiteral("format"), format}});
    }
    return body;
}

void AnthropicProvider::setAuthHeaders(QNetworkRequest &request, const QString &key) const
{
    request.setRawHeader("x-api-key", key.toUtf8());
    request.setRawHeader("anthropic-version", "2023-06-01");
}

bool AnthropicProvider::readChatResponse(const QJsonObject &body, ProviderReply &reply) const
{
    if (body.value(u"type").toString() == u"error") {
        reply.error = QStringLiteral("Anthropic error: %1").arg(body.value(u"error").toObject().value(u"message").toString());
        return false;
    }
    const QJsonValue content = body.value(u"content");
    if (!content.isArray()) {
        reply.error = QStringLiteral("message has no content array");
        return false;
    }
    QString text;
    for (const QJsonValue &block : content.toArray()) {
        const QJsonObject b = block.toObject();
        if (b.value(u"type").toString() == u"text")
            text += b.value(u"text").toString();
    }
    const QJsonObject usage = body.value(u"usage").toObject();
    // input_tokens excludes cache reads and writes; all of them are paid input.
    reply.inputTokens = qint64(usage.value(u"input_tokens").toDouble(0) + usage.value(u"cache_creation_input_tokens").toDouble(0)
                               + usage.value(u"cache_read_input_tokens").toDouble(0));
    reply.outputTokens = qint64(usage.value(u"output_tokens").toDouble(0));
    reply.finishReason = body.value(u"stop_reason").toString();
    if (reply.finishReason == u"refusal") {
        reply.error = QStringLiteral("the model refused to answer");
        return false;
    }
    reply.content = text;
    return true;
}

} // namespace Apprentice
