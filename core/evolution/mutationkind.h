#pragma once

#include <QString>
#include <QStringList>

namespace Apprentice {

/// The mutation strategies of the seed's evolvers.
enum class MutationKind {
    AddRetry,          ///< retry with exponential backoff
    CircuitBreaker,    ///< stop calling a failing dependency for a while
    SanitizeInput,     ///< a sanitizing step before processing
    AddCache,          ///< cache frequent reads
    AddIndex,          ///< optimise database queries with an index
    ReduceConnections, ///< fewer connections per instance (pooling, read replicas)
    StreamProcessing,  ///< stream instead of batch to cut memory
    Custom             ///< anything else, described in words
};
constexpr int MutationKindCount = 8;

/// Wire name: "add_retry", "circuit_breaker", "sanitize_input", "add_cache", "add_index",
/// "reduce_connections", "stream_processing", "custom".
QString mutationKindName(MutationKind k);
bool mutationKindFromName(const QString &name, MutationKind &out);
QStringList mutationKindNames();

} // namespace Apprentice
