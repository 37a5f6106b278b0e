#pragma once

#include "connectioninfo.h"
#include "livebatch.h"
#include "liveoptions.h"
#include "livestatus.h"
#include "otlpreceiverstats.h"

#include <QList>
#include <QObject>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class QThread;
class QTimer;

namespace Apprentice {

class LiveSource;
class RecordQueue;

/// Owns the console's live connections (OTLP receivers, NDJSON and SSE streams, file tails) and delivers what
/// they receive as batches on its own thread, coalesced to ~15 Hz. Receivers serve on threads of their own;
/// streams and tails share one worker thread; nothing of it runs on the owner's thread but the delivery.
/// Records a source handed over are delivered even after it is removed: accepted means analysed.
class ConnectionManager : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionManager(QObject *parent = nullptr);
    ~ConnectionManager() override;

    /// Tuning for connections added from now on (and the queue and delivery rate at once).
    void setOptions(const LiveOptions &options);
    const LiveOptions &options() const { return m_options; }

    /// Opens a connection and returns its id (> 0). A receiver binds now, so a bad or taken address, or a
    /// non-loopback one without spec.allowRemote, fails here: -1 and `error`. So does a malformed URL or an
    /// empty path. Streams and tails connect in the background; watch connectionChanged().
    int addConnection(const ConnectionSpec &spec, QString *error = nullptr);
    /// Closes a connection. False when there is no such id.
    bool removeConnection(int id);
    /// Closes and reopens a connection with the same spec, keeping its id and counts (a receiver re-binds).
    bool restartConnection(int id, QString *error = nullptr);
    /// Closes every connection.
    void removeAll();

    QList<int> connectionIds() const;
    bool contains(int id) const { return m_entries.count(id) > 0; }
    /// The connection's spec, state and counts; a default ConnectionInfo (id 0) for an unknown id.
    ConnectionInfo connection(int id) const;
    QList<ConnectionInfo> connections() const;
    /// Totals of a receiver connection (for diagnostics and benchmarks); empty for other kinds.
    std::optional<OtlpReceiverStats> receiverStats(int id) const;

    /// Delivers whatever is queued now instead of at the next tick (before analysing the last records at exit).
    void flush();
    /// Records received but not delivered yet.
    qint64 pendingRecords() const;

signals:
    /// What arrived since the last delivery, per connection in arrival order.
    void recordsReceived(const std::vector<Apprentice::LiveBatch> &batches);
    void connectionAdded(int id);
    /// State, error or counts changed (at most every statusIntervalMs).
    void connectionChanged(int id);
    void connectionRemoved(int id);

private:
    struct Entry {
        ConnectionSpec spec;
        LiveSource *source = nullptr;
        std::shared_ptr<LiveStatus> status;
        LiveStatusSnapshot shown;
        qint64 records = 0;
        qint64 rejected = 0;
        qint64 shownRecords = -1;
        qint64 shownRejected = -1;
    };

    LiveSource *createSource(int id, const ConnectionSpec &spec, const std::shared_ptr<LiveStatus> &status,
                             QString *error);
    void destroySource(LiveSource *source);
    void scheduleDelivery();
    void deliver();
    void pollStatus();
    QThread *sourceThread();

    LiveOptions m_options;
    RecordQueue *m_queue;
    QTimer *m_deliveryTimer;
    QTimer *m_statusTimer;
    QThread *m_sourceThread = nullptr;
    std::map<int, Entry> m_entries;
    int m_nextId = 1;
};

} // namespace Apprentice
