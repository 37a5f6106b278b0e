#pragma once

#include "diagnosis.h"
#include "investigationresult.h"
#include "retrypolicy.h"
#include "tierladder.h"

#include <QObject>

#include <deque>

class QNetworkAccessManager;

namespace Apprentice {

class Investigator;

/// Severity used when the queue is full: failure 3 > drift 2 > anomaly 1 > apprentice review 0.
int investigationSeverity(Trigger t);

/// Investigations waiting for the ladder, one running at a time (most severe first, then oldest),
/// so a slow or dead provider never stalls ingestion: enqueue() returns at once. The queue is bounded; when it is full the oldest
/// of the lowest-severity waiting investigations (possibly the new one) is skipped and reported.
class InvestigationQueue : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultCapacity = 32;

    explicit InvestigationQueue(const TierLadder &ladder, QNetworkAccessManager *network = nullptr,
                                QObject *parent = nullptr);
    ~InvestigationQueue() override;

    void setLadder(const TierLadder &ladder); ///< for investigations started afterwards
    void setRetryPolicy(const RetryPolicy &policy);
    void setCapacity(int waiting);            ///< waiting investigations (the running one not counted), >= 1
    int capacity() const { return m_capacity; }
    int waitingCount() const { return int(m_waiting.size()); }
    bool isRunning() const { return m_runningId != 0; }

    /// Queues `ctx` and returns its id (> 0). Never blocks. skipped() may fire before this returns.
    /// A non-empty `ladder` replaces the queue's for this investigation (a re-run with one chosen tier).
    qint64 enqueue(const InvestigationContext &ctx, const TierLadder &ladder = {});
    /// Skips everything waiting (reason "cancelled") and cancels the running investigation.
    void cancelAll();

signals:
    void started(qint64 id, const Apprentice::InvestigationContext &ctx);
    void callFinished(qint64 id, const Apprentice::TierCall &call);
    void finished(qint64 id, const Apprentice::InvestigationContext &ctx, const Apprentice::InvestigationResult &result);
    /// Never silent: a skipped investigation is reported with the reason so it can be recorded.
    void skipped(qint64 id, const Apprentice::InvestigationContext &ctx, const QString &reason);
    void idle();

private:
    struct Item {
        qint64 id = 0;
        InvestigationContext ctx;
        TierLadder ladder; ///< empty: the queue's
    };
    void startNext();
    void onFinished(const InvestigationResult &result);

    Investigator *m_investigator = nullptr;
    std::deque<Item> m_waiting;
    Item m_running;
    qint64 m_runningId = 0;
    qint64 m_nextId = 1;
    int m_capacity = DefaultCapacity;
};

} // namespace Apprentice
