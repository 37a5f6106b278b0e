#include "openaiprovider.h"

#include <QJsonArray>

namespace Apprentice {

QUrl OpenAiProvider::chatUrl() const
{
    return joinUrl(tier().baseUrl, QStringLiteral("/v1/chat/completions"));
}

QJsonObject OpenAiProvider::chatBody(const ChatRequest &request) const
{
    QJsonArray messages;
    if (!request.system.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), request.system}});
    for (const ChatMessage &m : request.messages)
        messages.append(QJsonObject{{QStringLiteral("role"), m.role}, {QStringLiteral("content"), m.content}});
    QJsonObject body;
    body.insert(u"model", tier().model);
    body.insert(u"messages", messages);
    if (tier().sendTemperature)
        body.insert(u"temperature", 0);
    body.insert(u"stream", false);
    if (!request.schema.isEmpty() && tier().structuredOutput) {
        QJsonObject jsonSchema;
        jsonSchema.insert(u"name", request.schemaName);
        jsonSchema.insert(u"strict", true);
        jsonSchema.insert(u"schema", request.schema);
        body.insert(u"response_format",
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("json_schema")}, {QStringLiteral("json_schema"), jsonSchema}});
    }
    return body;
}

void OpenAiProvider::setAuthHeaders(QNetworkRequest &request, const QString &key) const
{
    if (!key.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
}

bool OpenAiProvider::readChatResponse(const QJsonObject &body, ProviderReply &reply) const
{
    const QJsonArray choices = body.value(u"choices").toArray();
    if (choices.isEmpty() || !choices.at(0).toObject().value(u"message").isObject()) {
        reply.error = QStringLiteral("chat completion has no choices[0].message");
        return false;
    }
    const QJsonObject choice = choices.at(0).toObject();
    const QJsonObject message = choice.value(u"message").toObject();
    reply.finishReason = choice.value(u"finish_reason").toString();
    const QJsonObject usage = body.value(u"usage").toObject();
    reply.inputTokens = qint64(usage.value(u"prompt_tokens").toDouble(0));
    reply.outputTokens = qint64(usage.value(u"completion_tokens").toDouble(0));
    const QJsonValue refusal = message.value(u"refusal");
    if (refusal.isString() && !refusal.toString().isEmpty()) {
        reply.error = QStringLiteral("the model refused: %1").arg(refusal.toString());
        return false;
    }
    if (!message.value(u"content").isString()) {
        reply.error = QStringLiteral("choices[0].message.content is not text (finish_reason %1)").arg(reply.finishReason);
        return false;
    }
    reply.content = message.value(u"content").toString();
    return true;
}

} // namespace Apprentice
