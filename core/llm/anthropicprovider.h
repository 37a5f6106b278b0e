#pragma once

#include "llmprovider.h"

namespace Apprentice {

/// Anthropic Messages API: POST {base}/v1/messages with x-api-key, anthropic-version 2023-06-01,
/// output_config json_schema; the JSON object is also read out of free text.
class AnthropicProvider : public LlmProvider
{
    Q_OBJECT
public:
    using LlmProvider::LlmProvider;
    bool keyOptional() const override { return false; }

protected:
    QUrl chatUrl() const override;
    QJsonObject chatBody(const ChatRequest &request) const override;
    void setAuthHeaders(QNetworkRequest &request, const QString &key) const override;
    bool readChatResponse(const QJsonObject &body, ProviderReply &reply) const override;
};

} // namespace Apprentice
