#include "otlpworker.h"

#include "httpresponse.h"
#include "otlpconnection.h"
#include "otlpreceiverconfig.h"
#include "otlpreceiverstats.h"

#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Apprentice {

OtlpWorker::OtlpWorker(OtlpRequestHandler &handler, const OtlpReceiverConfig &config, OtlpReceiverCounters &counters,
                       LiveStatus &status)
    : m_handler(handler)
    , m_config(config)
    , m_counters(counters)
    , m_status(status)
    , m_sweep(new QTimer(this))
{
    // A quarter of the shortest timeout: late by at most 25 %, and cheap for thousands of idle connections.
    const int shortest = std::min({config.headerTimeoutMs, config.requestTimeoutMs, config.idleTimeoutMs, config.lingerMs});
    m_sweep->setInterval(std::clamp(shortest / 4, 5, 250));
    connect(m_sweep, &QTimer::timeout, this, &OtlpWorker::sweep);
}

OtlpWorker::~OtlpWorker()
{
    closeAll();
}

void OtlpWorker::adopt(qintptr descriptor)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
#ifdef Q_OS_UNIX
        ::close(int(descriptor));
#endif
        return;
    }
    auto *connection = new OtlpConnection(socket, m_handler, m_config, m_counters, m_status, this);
    connect(connection, &OtlpConnection::finished, this, &OtlpWorker::remove);
    m_connections.insert(connection);
    if (!m_sweep->isActive())
        m_sweep->start();
    if (m_counters.connectionsOpen > m_config.maxConnections) {
        ++m_counters.connectionsRefused;
        HttpResponse busy = HttpResponse::rpcStatus(503, RpcCode::Unavailable,
            u"too many connections (limit %1); retry later"_s.arg(m_config.maxConnections));
        busy.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
        connection->refuse(busy);
        return;
    }
    ++m_counters.connectionsAccepted;
}

void OtlpWorker::remove(OtlpConnection *connection)
{
    if (m_connections.remove(connection))
        connection->deleteLater();
    if (m_connections.isEmpty())
        m_sweep->stop();
}

void OtlpWorker::sweep()
{
    // checkTimeouts may finish a connection, which removes it from the set: iterate over a copy.
    const QList<OtlpConnection *> connections = m_connections.values();
    for (OtlpConnection *c : connections)
        c->checkTimeouts();
}

void OtlpWorker::closeAll()
{
    const QList<OtlpConnection *> connections = m_connections.values();
    for (OtlpConnection *c : connections)
        c->closeNow();
    // closeNow() emitted finished(): the set is empty and each connection awaits deleteLater. The thread may end
    // before that runs, so delete now.
    for (OtlpConnection *c : connections)
        delete c;
    m_connections.clear();
    m_sweep->stop();
}

} // namespace Apprentice
