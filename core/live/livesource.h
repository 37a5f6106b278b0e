#pragma once

#include "livestatus.h"

#include <QObject>

#include <memory>

namespace Apprentice {

class RecordQueue;

/// A live endpoint: delivers LiveBatches to a RecordQueue and keeps its LiveStatus current. Its methods run on
/// the thread it lives on; the manager calls them through queued invocations.
class LiveSource : public QObject
{
    Q_OBJECT
public:
    LiveSource(int id, RecordQueue *queue, std::shared_ptr<LiveStatus> status, QObject *parent = nullptr);

    int id() const { return m_id; }
    const std::shared_ptr<LiveStatus> &status() const { return m_status; }

    /// Starts listening, dialling or reading. Failures show in the status.
    virtual void start() = 0;
    /// Stops for good: closes sockets and files, cancels timers. Records already queued stay queued.
    virtual void stop() = 0;

protected:
    const int m_id;
    RecordQueue *const m_queue;
    const std::shared_ptr<LiveStatus> m_status;
};

} // namespace Apprentice
