#include "demostreamserver.h"

#include "demostreamsession.h"
#include "hostport.h"

#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace Apprentice {

DemoStreamServer::DemoStreamServer(const DemoStreamConfig &config, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_config(config)
{
    m_server->setListenBacklogSize(256);
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            auto *session = new DemoStreamSession(socket, m_config, this);
            ++m_clients;
            connect(session, &DemoStreamSession::started, this, &DemoStreamServer::clientStarted);
            connect(session, &DemoStreamSession::finished, this, [this](DemoStreamSession *s) {
                --m_clients;
                s->deleteLater();
            });
        }
    });
}

DemoStreamServer::~DemoStreamServer() = default;

bool DemoStreamServer::listen(const QHostAddress &address, quint16 port, bool allowRemote, QString *error)
{
    const QString where = formatHostPort(address, port);
    if (!address.isLoopback() && !allowRemote) {
        if (error)
            *error = tr("refusing to listen on %1: not a loopback address; allow remote clients explicitly").arg(where);
        return false;
    }
    if (!m_server->listen(address, port)) {
        if (error)
            *error = tr("cannot listen on %1: %2").arg(where, m_server->errorString());
        return false;
    }
    return true;
}

quint16 DemoStreamServer::serverPort() const
{
    return m_server->serverPort();
}

QHostAddress DemoStreamServer::serverAddress() const
{
    return m_server->serverAddress();
}

} // namespace Apprentice
