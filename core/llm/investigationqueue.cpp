#include "investigationqueue.h"

#include "investigator.h"

#include <QTimer>

namespace Apprentice {

int investigationSeverity(Trigger t)
{
    switch (t) {
    case Trigger::Failure: return 3;
    case Trigger::Drift: return 2;
    case Trigger::Anomaly: return 1;
    case Trigger::ApprenticeReview: return 0;
    }
    return 0;
}

InvestigationQueue::InvestigationQueue(const TierLadder &ladder, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_investigator(new Investigator(ladder, network, this))
{
    connect(m_investigator, &Investigator::finished, this, &InvestigationQueue::onFinished);
    connect(m_investigator, &Investigator::callFinished, this, [this](const TierCall &call) {
        emit callFinished(m_runningId, call);
    });
}

InvestigationQueue::~InvestigationQueue() = default;

void InvestigationQueue::setLadder(const TierLadder &ladder)
{
    m_investigator->setLadder(ladder);
}

void InvestigationQueue::setRetryPolicy(const RetryPolicy &policy)
{
    m_investigator->setRetryPolicy(policy);
}

void InvestigationQueue::setCapacity(int waiting)
{
    m_capacity = std::max(1, waiting);
    while (int(m_waiting.size()) > m_capacity) {
        // Shrinking drops by the same rule as a full queue.
        auto victim = m_waiting.begin();
        for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
            if (investigationSeverity(it->ctx.trigger) < investigationSeverity(victim->ctx.trigger))
                victim = it;
        }
        const Item item = *victim;
        m_waiting.erase(victim);
        emit skipped(item.id, item.ctx, tr("queue capacity lowered to %1").arg(m_capacity));
    }
}

qint64 InvestigationQueue::enqueue(const InvestigationContext &ctx, const TierLadder &ladder)
{
    const qint64 id = m_nextId++;
    if (int(m_waiting.size()) >= m_capacity) {
        // The oldest of the least severe waiting ones goes; the newcomer goes instead if it is less
        // severe than all of them (ties keep the older: it has waited, the newcomer has not).
        auto victim = m_waiting.begin();
        for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
            if (investigationSeverity(it->ctx.trigger) < investigationSeverity(victim->ctx.trigger))
                victim = it;
        }
        const QString why = tr("investigation queue full (%1 waiting)").arg(m_capacity);
        if (investigationSeverity(ctx.trigger) < investigationSeverity(victim->ctx.trigger)) {
            emit skipped(id, ctx, why % tr("; every waiting investigation is more severe than this %1")
                                           .arg(triggerName(ctx.trigger)));
            return id;
        }
        const Item dropped = *victim;
        m_waiting.erase(victim);
        emit skipped(dropped.id, dropped.ctx, why % tr("; the oldest %1 made room for a %2")
                                                    .arg(triggerName(dropped.ctx.trigger), triggerName(ctx.trigger)));
    }
    m_waiting.push_back({id, ctx, ladder});
    if (!m_runningId)
        QTimer::singleShot(0, this, &InvestigationQueue::startNext);
    return id;
}

void InvestigationQueue::startNext()
{
    if (m_runningId)
        return;
    if (m_waiting.empty()) {
        emit idle();
        return;
    }
    // Most severe first; among equals, the one that waited longest.
    auto next = m_waiting.begin();
    for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
        if (investigationSeverity(it->ctx.trigger) > investigationSeverity(next->ctx.trigger))
            next = it;
    }
    m_running = *next;
    m_waiting.erase(next);
    m_runningId = m_running.id;
    emit started(m_running.id, m_running.ctx);
    if (m_running.ladder.isEmpty())
        m_investigator->start(m_running.ctx);
    else
        m_investigator->start(m_running.ctx, m_running.ladder);
}

void InvestigationQueue::onFinished(const InvestigationResult &result)
{
    const Item done = m_running;
    m_running = Item();
    m_runningId = 0;
    emit finished(done.id, done.ctx, result);
    QTimer::singleShot(0, this, &InvestigationQueue::startNext);
}

void InvestigationQueue::cancelAll()
{
    std::deque<Item> waiting;
    waiting.swap(m_waiting);
    for (const Item &item : waiting)
        emit skipped(item.id, item.ctx, tr("cancelled"));
    if (m_runningId)
        m_investigator->cancel();
}

} // namespace Apprentice
