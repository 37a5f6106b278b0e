#include "livestatus.h"

namespace Apprentice {

void LiveStatus::setState(ConnectionState state)
{
    QMutexLocker lock(&m_mutex);
    m_status.state = state;
}

void LiveStatus::setState(ConnectionState state, const QString &error)
{
    QMutexLocker lock(&m_mutex);
    m_status.state = state;
    if (!error.isEmpty()) {
        m_status.lastError = error;
        ++m_status.errors;
    }
}

void LiveStatus::addError(const QString &error)
{
    QMutexLocker lock(&m_mutex);
    m_status.lastError = error;
    ++m_status.errors;
}

void LiveStatus::setEndpoint(const QString &endpoint)
{
    QMutexLocker lock(&m_mutex);
    m_status.endpoint = endpoint;
}

void LiveStatus::setClients(qint64 clients)
{
    QMutexLocker lock(&m_mutex);
    m_status.clients = clients;
}

void LiveStatus::addBytes(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_status.bytes += bytes;
}

LiveStatusSnapshot LiveStatus::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_status;
}

} // namespace Apprentice
