#include "connectionmanager.h"

#include "filetail.h"
#include "hostport.h"
#include "otlpreceiver.h"
#include "recordqueue.h"
#include "streamclient.h"

#include <QFileInfo>
#include <QThread>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Apprentice {

ConnectionManager::ConnectionManager(QObject *parent)
    : QObject(parent)
    , m_queue(new RecordQueue(LiveOptions().queueCapacity, this))
    , m_deliveryTimer(new QTimer(this))
    , m_statusTimer(new QTimer(this))
{
    m_deliveryTimer->setSingleShot(true);
    m_deliveryTimer->setInterval(m_options.flushIntervalMs);
    connect(m_deliveryTimer, &QTimer::timeout, this, &ConnectionManager::deliver);
    // Sources push from their threads; the signal comes here queued.
    connect(m_queue, &RecordQueue::available, this, &ConnectionManager::scheduleDelivery, Qt::QueuedConnection);
    m_statusTimer->setInterval(m_options.statusIntervalMs);
    connect(m_statusTimer, &QTimer::timeout, this, &ConnectionManager::pollStatus);
}

ConnectionManager::~ConnectionManager()
{
    removeAll();
    if (m_sourceThread) {
        m_sourceThread->quit();
        m_sourceThread->wait();
        delete m_sourceThread;
    }
}

void ConnectionManager::setOptions(const LiveOptions &options)
{
    m_options = options;
    m_queue->setCapacity(options.queueCapacity);
    m_deliveryTimer->setInterval(std::max(0, options.flushIntervalMs));
    m_statusTimer->setInterval(std::max(1, options.statusIntervalMs));
}

QThread *ConnectionManager::sourceThread()
{
    if (!m_sourceThread) {
        m_sourceThread = new QThread;
        m_sourceThread->setObjectName(u"live-sources"_s);
        m_sourceThread->start();
    }
    return m_sourceThread;
}

LiveSource *ConnectionManager::createSource(int id, const ConnectionSpec &spec,
                                            const std::shared_ptr<LiveStatus> &status, QString *error)
{
    const auto fail = [&](const QString &why) -> LiveSource * {
        if (error)
            *error = why;
        return nullptr;
    };
    switch (spec.kind) {
    case ConnectionKind::OtlpReceiver: {
        OtlpReceiverConfig config = m_options.receiver;
        QString why;
        const QString address = spec.address.trimmed().isEmpty() ? defaultReceiverAddress() : spec.address;
        if (!parseListenAddress(address, 4318, config.address, config.port, &why))
            return fail(why);
        config.bearerToken = spec.token.toUtf8();
        config.allowRemote = spec.allowRemote;
        auto *receiver = new OtlpReceiver(config, id, m_queue, status, this);
        if (!receiver->listen(&why)) {
            delete receiver;
            return fail(why);
        }
        return receiver;
    }
    case ConnectionKind::NdjsonStream:
    case ConnectionKind::SseStream: {
        const QUrl url(spec.address.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            return fail(tr("'%1' is not an http:// or https:// URL").arg(spec.address));
        StreamClientConfig config = m_options.stream;
        config.url = url;
        config.format = spec.kind == ConnectionKind::SseStream ? StreamFormat::Sse : StreamFormat::Ndjson;
        config.bearerToken = spec.token.toUtf8();
        auto *client = new StreamClient(config, id, m_queue, status);
        client->moveToThread(sourceThread());
        QMetaObject::invokeMethod(client, &LiveSource::start, Qt::QueuedConnection);
        return client;
    }
    case ConnectionKind::FileTail: {
        const QString path = spec.address.trimmed();
        if (path.isEmpty())
            return fail(tr("name the file to follow"));
        if (QFileInfo(path).isDir())
            return fail(tr("%1 is a directory; name a JSON Lines file").arg(path));
        FileTailConfig config = m_options.tail;
        config.path = QFileInfo(path).absoluteFilePath();
        config.fromStart = spec.fromStart;
        config.skipLines = spec.skipLines;
        auto *tail = new FileTail(config, id, m_queue, status);
        tail->moveToThread(sourceThread());
        QMetaObject::invokeMethod(tail, &LiveSource::start, Qt::QueuedConnection);
        return tail;
    }
    }
    return fail(tr("unknown connection kind"));
}

void ConnectionManager::destroySource(LiveSource *source)
{
    if (!source)
        return;
    if (source->thread() == thread()) {
        source->stop();
        delete source;
        return;
    }
    // Stop on its own thread and wait, so nothing more is pushed once this returns; delete it there too.
    QMetaObject::invokeMethod(source, &LiveSource::stop, Qt::BlockingQueuedConnection);
    source->deleteLater();
}

int ConnectionManager::addConnection(const ConnectionSpec &spec, QString *error)
{
    const int id = m_nextId;
    auto status = std::make_shared<LiveStatus>();
    LiveSource *source = createSource(id, spec, status, error);
    if (!source)
        return -1;
    ++m_nextId;
    Entry &entry = m_entries[id];
    entry.spec = spec;
    entry.source = source;
    entry.status = std::move(status);
    if (!m_statusTimer->isActive())
        m_statusTimer->start();
    emit connectionAdded(id);
    return id;
}

bool ConnectionManager::removeConnection(int id)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return false;
    LiveSource *source = std::exchange(it->second.source, nullptr);
    m_entries.erase(it);
    destroySource(source);
    if (m_entries.empty())
        m_statusTimer->stop();
    emit connectionRemoved(id);
    return true;
}

bool ConnectionManager::restartConnection(int id, QString *error)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return false;
    destroySource(std::exchange(it->second.source, nullptr));
    QString why;
    it->second.source = createSource(id, it->second.spec, it->second.status, &why);
    if (!it->second.source) {
        it->second.status->setState(ConnectionState::Stopped, why);
        if (error)
            *error = why;
    }
    pollStatus();
    return it->second.source != nullptr;
}

void ConnectionManager::removeAll()
{
    while (!m_entries.empty())
        removeConnection(m_entries.begin()->first);
}

QList<int> ConnectionManager::connectionIds() const
{
    QList<int> ids;
    for (const auto &[id, entry] : m_entries)
        ids.append(id);
    return ids;
}

ConnectionInfo ConnectionManager::connection(int id) const
{
    ConnectionInfo info;
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return info;
    const Entry &e = it->second;
    const LiveStatusSnapshot s = e.status->snapshot();
    info.id = id;
    info.spec = e.spec;
    info.state = s.state;
    info.endpoint = s.endpoint;
    info.lastError = s.lastError;
    info.errors = s.errors;
    info.clients = s.clients;
    info.bytes = s.bytes;
    info.records = e.records;
    info.rejected = e.rejected;
    if (const auto *receiver = qobject_cast<const OtlpReceiver *>(e.source)) {
        const OtlpReceiverStats stats = receiver->stats();
        info.llmCalls = stats.llmCalls;
        info.llmCallsUnpriced = stats.llmCallsUnpriced;
    }
    return info;
}

QList<ConnectionInfo> ConnectionManager::connections() const
{
    QList<ConnectionInfo> out;
    for (const auto &[id, entry] : m_entries)
        out.append(connection(id));
    return out;
}

std::optional<OtlpReceiverStats> ConnectionManager::receiverStats(int id) const
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return std::nullopt;
    if (const auto *receiver = qobject_cast<const OtlpReceiver *>(it->second.source))
        return receiver->stats();
    return std::nullopt;
}

void ConnectionManager::scheduleDelivery()
{
    if (!m_deliveryTimer->isActive())
        m_deliveryTimer->start();
}

void ConnectionManager::flush()
{
    m_deliveryTimer->stop();
    deliver();
}

qint64 ConnectionManager::pendingRecords() const
{
    return m_queue->size();
}

void ConnectionManager::deliver()
{
    std::vector<LiveBatch> batches = m_queue->takeAll();
    if (batches.empty())
        return;
    for (const LiveBatch &b : batches) {
        const auto it = m_entries.find(b.connection);
        if (it == m_entries.end())
            continue;
        it->second.records += qint64(b.records.size());
        it->second.rejected += b.rejected;
    }
    emit recordsReceived(batches);
}

void ConnectionManager::pollStatus()
{
    // Collect first: a slot connected to connectionChanged may add or remove connections.
    QList<int> changed;
    for (auto &[id, e] : m_entries) {
        const LiveStatusSnapshot s = e.status->snapshot();
        const bool same = s.state == e.shown.state && s.lastError == e.shown.lastError && s.errors == e.shown.errors
            && s.clients == e.shown.clients && s.bytes == e.shown.bytes && s.endpoint == e.shown.endpoint
            && e.records == e.shownRecords && e.rejected == e.shownRejected;
        if (same)
            continue;
        e.shown = s;
        e.shownRecords = e.records;
        e.shownRejected = e.rejected;
        changed.append(id);
    }
    for (int id : std::as_const(changed))
        emit connectionChanged(id);
}

} // namespace Apprentice
