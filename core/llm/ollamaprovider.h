#pragma once

#include "llmprovider.h"

namespace Apprentice {

/// Ollama native API: POST {base}/api/chat, stream false, the schema as `format`, temperature 0.
class OllamaProvider : public LlmProvider
{
    Q_OBJECT
public:
    using LlmProvider::LlmProvider;
protected:
    QUrl chatUrl() const override;
    QJsonObject chatBody(const ChatRequest &request) const override;
    void setAuthHeaders(QNetworkRequest &request, const QString &key) const override;
    bool readChatResponse(const QJsonObject &body, ProviderReply &reply) const override;
};

} // namespace Apprentice
