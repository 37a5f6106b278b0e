#pragma once

#include "connectionspec.h"

#include <QMutex>
#include <QString>

namespace Apprentice {

/// A source's state as the manager shows it; a copy, safe to keep.
struct LiveStatusSnapshot {
    ConnectionState state = ConnectionState::Connecting;
    QString lastError;  ///< the latest failure; kept after recovery so the panel can show what happened
    QString endpoint;   ///< what the source is actually bound or connected to, e.g. "127.0.0.1:4318"
    qint64 errors = 0;  ///< failures so far: refused requests, lost connections, unreadable files
    qint64 clients = 0; ///< receiver: connections open now
    qint64 bytes = 0;   ///< bytes received
};

/// Thread-safe status a source updates from its own thread while the manager polls it.
class LiveStatus
{
public:
    void setState(ConnectionState state);
    /// Counts a failure and remembers it as the last error.
    void addError(const QString &error);
    /// Sets the state and, when `error` is not empty, counts it as a failure.
    void setState(ConnectionState state, const QString &error);
    void setEndpoint(const QString &endpoint);
    void setClients(qint64 clients);
    void addBytes(qint64 bytes);
    LiveStatusSnapshot snapshot() const;

private:
    mutable QMutex m_mutex;
    LiveStatusSnapshot m_status;
};

} // namespace Apprentice
