#include "tierconfig.h"

namespace Apprentice {

QString providerKindName(ProviderKind k)
{
    switch (k) {
    case ProviderKind::Rules: return QStringLiteral("rules");
    case ProviderKind::Ollama: return QStringLiteral("ollama");
    case ProviderKind::OpenAi: return QStringLiteral("openai");
    case ProviderKind::Anthropic: return QStringLiteral("anthropic");
    }
    return {};
}

bool providerKindFromName(const QString &name, ProviderKind &out)
{
    for (auto k : {ProviderKind::Rules, ProviderKind::Ollama, ProviderKind::OpenAi, ProviderKind::Anthropic}) {
        if (providerKindName(k) == name) {
            out = k;
            return true;
        }
    }
    return false;
}

QString defaultBaseUrl(ProviderKind k)
{
    switch (k) {
    case ProviderKind::Rules: return {};
    case ProviderKind::Ollama: return QStringLiteral("http://localhost:11434");
    case ProviderKind::OpenAi: return QStringLiteral("https://api.openai.com/v1");
    case ProviderKind::Anthropic: return QStringLiteral("https://api.anthropic.com");
    }
    return {};
}

} // namespace Apprentice
