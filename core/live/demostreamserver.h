#pragma once

#include "demostreamconfig.h"

#include <QHostAddress>
#include <QObject>

class QTcpServer;

namespace Apprentice {

class DemoStreamSession;

/// Serves the demo simulator over HTTP so a live connection can be shown end to end on one machine:
/// GET /records streams JSON Lines, GET /events streams Server-Sent Events; each client gets its own
/// simulation from the same seed. Runs on the thread that owns it.
class DemoStreamServer : public QObject
{
    Q_OBJECT
public:
    explicit DemoStreamServer(const DemoStreamConfig &config, QObject *parent = nullptr);
    ~DemoStreamServer() override;

    /// Binds; false with the reason. A non-loopback address needs `allowRemote`.
    bool listen(const QHostAddress &address, quint16 port, bool allowRemote, QString *error = nullptr);
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    int clientCount() const { return m_clients; }

signals:
    void clientStarted(const QString &peer, const QString &path);

private:
    QTcpServer *m_server;
    DemoStreamConfig m_config;
    int m_clients = 0;
};

} // namespace Apprentice
