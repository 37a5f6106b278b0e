#pragma once

#include "connectionspec.h"

#include <QString>

namespace Apprentice {

/// One connection as the Connections panel shows it.
struct ConnectionInfo {
    int id = 0;
    ConnectionSpec spec;
    ConnectionState state = ConnectionState::Connecting;
    QString endpoint;  ///< bound address of a receiver (with the port chosen), URL of a stream, absolute path of a tail
    QString lastError; ///< the latest failure, kept after recovery
    qint64 records = 0;  ///< records delivered to the consumer
    qint64 rejected = 0; ///< spans, lines or events refused as records
    qint64 errors = 0;   ///< failed requests, lost connections, unreadable files
    qint64 clients = 0;  ///< receiver: connections open now
    qint64 bytes = 0;    ///< bytes received
    qint64 llmCalls = 0;         ///< receiver: LLM spans whose token cost went into records
    qint64 llmCallsUnpriced = 0; ///< of them, with a model the price table does not know (cost 0)
};

} // namespace Apprentice
