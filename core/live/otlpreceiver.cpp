#include "otlpreceiver.h"

#include "hostport.h"
#include "otlprequesthandler.h"
#include "otlpworker.h"

#include <QDateTime>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <functional>

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

// Accepts on the first connection thread and hands each descriptor to a worker, round robin.
class DescriptorListener : public QTcpServer
{
public:
    DescriptorListener(std::vector<OtlpWorker *> workers, QObject *parent)
        : QTcpServer(parent)
        , m_workers(std::move(workers))
    {
        setMaxPendingConnections(1024);
        // Qt's default backlog of 50 makes a burst of clients wait for SYN retries (a second or more each).
        setListenBacklogSize(1024);
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        OtlpWorker *worker = m_workers[m_next++ % m_workers.size()];
        if (worker->thread() == QThread::currentThread())
            worker->adopt(descriptor);
        else
            QMetaObject::invokeMethod(worker, [worker, descriptor] { worker->adopt(descriptor); }, Qt::QueuedConnection);
    }

private:
    std::vector<OtlpWorker *> m_workers;
    size_t m_next = 0;
};

constexpr int StatusIntervalMs = 200;

} // namespace

OtlpReceiver::OtlpReceiver(const OtlpReceiverConfig &config, int id, RecordQueue *queue,
                           std::shared_ptr<LiveStatus> status, QObject *parent)
    : LiveSource(id, queue, std::move(status), parent)
    , m_config(config)
    , m_counters(std::make_unique<OtlpReceiverCounters>())
    , m_handler(std::make_unique<OtlpRequestHandler>(m_config, queue, id, m_counters.get()))
    , m_statusTimer(new QTimer(this))
{
    m_statusTimer->setInterval(StatusIntervalMs);
    connect(m_statusTimer, &QTimer::timeout, this, &OtlpReceiver::syncStatus);
}

OtlpReceiver::~OtlpReceiver()
{
    stop();
}

bool OtlpReceiver::listen(QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        m_status->setState(ConnectionState::Stopped, why);
        return false;
    };
    if (m_listening)
        return true;
    const QString where = formatHostPort(m_config.address, m_config.port);
    if (!m_config.address.isLoopback() && !m_config.allowRemote) {
        return fail(tr("refusing to listen on %1: not a loopback address; allow remote clients explicitly to accept "
                       "spans from other machines").arg(where));
    }
    if (!m_config.address.isLoopback()) {
        qWarning("OTLP receiver listening on %s, beyond this machine: anyone who can reach it can send spans%s",
                 qPrintable(where), m_config.bearerToken.isEmpty() ? " (and no bearer token is required)" : "");
    }

    const int threads = m_config.threads > 0 ? m_config.threads : std::clamp(QThread::idealThreadCount(), 1, 4);
    for (int i = 0; i < threads; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(u"otlp-receiver-%1"_s.arg(i));
        auto *worker = new OtlpWorker(*m_handler, m_config, *m_counters, *m_status);
        worker->moveToThread(thread);
        thread->start();
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }

    bool ok = false;
    QString why;
    quint16 port = 0;
    QHostAddress address;
    OtlpWorker *first = m_workers.front();
    QMetaObject::invokeMethod(first, [&, first] {
        auto *listener = new DescriptorListener(m_workers, first);
        ok = listener->listen(m_config.address, m_config.port);
        if (ok) {
            port = listener->serverPort();
            address = listener->serverAddress();
            m_listener = listener;
        } else {
            why = listener->errorString();
            delete listener;
        }
    }, Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        return fail(tr("cannot listen on %1: %2").arg(where, why));
    }
    m_boundAddress = address;
    m_boundPort = port;
    m_listening = true;
    m_status->setEndpoint(formatHostPort(address, port));
    m_status->setState(ConnectionState::Connected);
    m_statusTimer->start();
    return true;
}

void OtlpReceiver::start()
{
    listen();
}

void OtlpReceiver::stop()
{
    if (m_listener) {
        QObject *listener = std::exchange(m_listener, nullptr);
        QMetaObject::invokeMethod(listener, [listener] { delete listener; }, Qt::BlockingQueuedConnection);
    }
    for (OtlpWorker *worker : m_workers)
        QMetaObject::invokeMethod(worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_workers.clear();
    for (QThread *thread : m_threads) {
        thread->quit();
        thread->wait();
        delete thread;
    }
    m_threads.clear();
    m_statusTimer->stop();
    // Records held back for their workflow were answered 200: they go now, with the best workflow known.
    m_handler->releaseHeld(QDateTime::currentMSecsSinceEpoch(), true);
    if (m_listening) {
        m_listening = false;
        syncStatus();
        m_status->setState(ConnectionState::Stopped);
    }
}

OtlpReceiverStats OtlpReceiver::stats() const
{
    return m_counters->snapshot();
}

qint64 OtlpReceiver::heldRecords() const
{
    return m_handler->heldRecords();
}

qint64 OtlpReceiver::bufferedBytes() const
{
    return m_counters->bufferedBytes;
}

void OtlpReceiver::syncStatus()
{
    m_handler->releaseHeld(QDateTime::currentMSecsSinceEpoch(), false);
    const qint64 bytes = m_counters->bytesReceived;
    m_status->addBytes(bytes - m_syncedBytes);
    m_syncedBytes = bytes;
    m_status->setClients(m_counters->connectionsOpen);
}

} // namespace Apprentice
