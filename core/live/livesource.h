#pragma once

#include "livestatus.h"

#include <QObject>

#include <memory>
#include <string_view>

namespace Apprentice {

class RecordQueue;
struct LiveBatch;

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
    /// Only spaces, tabs and a CR: a line that is neither a record nor a rejection.
    static bool isBlank(std::string_view line);
    /// One JSON line of a line-oriented source into `pending`: its record or its rejection (also for a
    /// line cut at `maxLineBytes`); nothing for a blank line.
    static void addJsonLine(LiveBatch &pending, std::string_view line, qint64 lineNo, bool tooLong,
                            qint64 maxLineBytes, int maxItemised);
    /// Hands `pending` to the queue and starts a new batch of this source; false when the queue is full
    /// (`pending` stays as it was, to be pushed again).
    bool pushPending(LiveBatch &pending);

    const int m_id;
    RecordQueue *const m_queue;
    const std::shared_ptr<LiveStatus> m_status;
};

} // namespace Apprentice
