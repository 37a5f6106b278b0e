#pragma once

#include "llmprovider.h"

namespace Apprentice {

/// OpenAI-compatible chat completions (OpenAI, llama.cpp server, vLLM, LM Studio, Ollama /v1):
/// POST {base}/v1/chat/completions with response_format json_schema (strict), Bearer key when configured.
class OpenAiProvider : public LlmProvider
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
