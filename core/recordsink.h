#pragma once

#include <QString>

namespace Apprentice {

struct RecordView;

/// Receives what a reader produces, in input order.
class RecordSink
{
public:
    virtual ~RecordSink() = default;
    /// A valid record; the view is valid only during the call.
    virtual void onRecord(const RecordView &record) = 0;
    /// A rejected input line: its 1-based physical line number and a human-readable reason.
    virtual void onRejected(qint64 line, const QString &reason) = 0;
    /// Every physical line up to `lines` (counted from the file's start) has been handed over, as a record, a
    /// rejection or nothing (blank): where an import of the same file may continue. Called between batches.
    virtual void onLinesDone(qint64 lines) { Q_UNUSED(lines); }
};

/// Progress and cancellation for long work (import, simulation, bulk SQL).
/// Called from the working thread; implementations must be thread-safe.
class ProgressSink
{
public:
    virtual ~ProgressSink() = default;
    /// Work done so far out of total (bytes for imports); total is -1 when unknown.
    virtual void progress(qint64 done, qint64 total) { Q_UNUSED(done); Q_UNUSED(total); }
    /// Polled between batches; returning true ends the work with Outcome::Cancelled.
    virtual bool isCancelled() const { return false; }
};

/// How long work ended. Cancellation is a normal outcome, not an error.
enum class Outcome { Finished, Cancelled, Failed };

} // namespace Apprentice
