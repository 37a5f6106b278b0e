#include "mutationkind.h"

namespace Apprentice {

QString mutationKindName(MutationKind k)
{
    switch (k) {
    case MutationKind::AddRetry: return QStringLiteral("add_retry");
    case MutationKind::CircuitBreaker: return QStringLiteral("circuit_breaker");
    case MutationKind::SanitizeInput: return QStringLiteral("sanitize_input");
    case MutationKind::AddCache: return QStringLiteral("add_cache");
    case MutationKind::AddIndex: return QStringLiteral("add_index");
    case MutationKind::ReduceConnections: return QStringLiteral("reduce_connections");
    case MutationKind::StreamProcessing: return QStringLiteral("stream_processing");
    case MutationKind::Custom: return QStringLiteral("custom");
    }
    return {};
}

bool mutationKindFromName(const QString &name, MutationKind &out)
{
    for (int i = 0; i < MutationKindCount; ++i) {
        if (mutationKindName(MutationKind(i)) == name) {
            out = MutationKind(i);
            return true;
        }
    }
    return false;
}

QStringList mutationKindNames()
{
    QStringList names;
    for (int i = 0; i < MutationKindCount; ++i)
        names << mutationKindName(MutationKind(i));
    return names;
}

} // namespace Apprentice
