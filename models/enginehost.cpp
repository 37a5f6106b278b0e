#include "enginehost.h"

#include "engineworker.h"

#include <QThread>

using namespace Apprentice;

namespace {

bool sameDemo(const DemoState &a, const DemoState &b)
{
    return a.running == b.running && a.paused == b.paused && a.speed == b.speed && a.situations == b.situations
           && a.executions == b.executions && a.simulatedTimeMs == b.simulatedTimeMs;
}

} // namespace

EngineHost::EngineHost(QObject *parent)
    : QObject(parent)
{
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("engine"));
    m_worker = new EngineWorker;
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &EngineWorker::published, this, &EngineHost::onPublished);
    connect(m_worker, &EngineWorker::importStarted, this, &EngineHost::importStarted);
    connect(m_worker, &EngineWorker::importProgress, this, &EngineHost::importProgress);
    connect(m_worker, &EngineWorker::importFinished, this, [this](const ImportSummary &summary) {
        m_pendingImports = std::max(0, m_pendingImports - 1);
        if (m_pendingImports == 0) {
            m_cancels.clear();
            m_importing = false;
        }
        emit importFinished(summary);
        if (!m_importing)
            emit importingChanged(false);
    });
    connect(m_worker, &EngineWorker::seriesReady, this, &EngineHost::seriesReady);
    connect(m_worker, &EngineWorker::actionDone, this, &EngineHost::actionDone);
    connect(m_worker, &EngineWorker::comparisonReady, this, &EngineHost::comparisonReady);
    connect(m_worker, &EngineWorker::rerunRefused, this, &EngineHost::rerunRefused);
    connect(m_worker, &EngineWorker::storeChanged, this, [this](const StoreStatus &status) {
        m_storeStatus = status;
        emit storeChanged(status);
    });
    m_thread->start();
    configure(m_config);
}

EngineHost::~EngineHost()
{
    for (const auto &c : m_cancels)
        c->store(true);
    post([w = m_worker] { w->shutdown(); });
    m_thread->quit();
    m_thread->wait();
}

template<typename F>
void EngineHost::post(F &&f)
{
    QMetaObject::invokeMethod(m_worker, std::forward<F>(f), Qt::QueuedConnection);
}

void EngineHost::configure(const HostConfig &config)
{
    m_config = config;
    post([w = m_worker, config] { w->configure(config); });
}

void EngineHost::resetSession()
{
    cancelImport();
    const qint64 generation = ++m_generation;
    m_totals = EngineTotals();
    m_rate = 0;
    m_latestTsMs = 0;
    m_snapshot.reset();
    m_demo = DemoState();
    post([w = m_worker, generation] { w->resetSession(generation); });
    emit sessionReset();
    emit demoStateChanged(m_demo);
    if (!m_storeStatus.path.isEmpty() || !m_storeStatus.error.isEmpty()) {
        m_storeStatus = StoreStatus();
        emit storeChanged(m_storeStatus);
    }
}

void EngineHost::openFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancels.push_back(cancel);
    ++m_pendingImports;
    const bool was = m_importing;
    m_importing = true;
    post([w = m_worker, paths, cancel] { w->importFiles(paths, cancel); });
    if (!was)
        emit importingChanged(true);
}

void EngineHost::cancelImport()
{
    for (const auto &c : m_cancels)
        c->store(true);
}

void EngineHost::startDemo(const DemoOptions &options)
{
    m_demo.running = true;
    m_demo.paused = false;
    m_demo.speed = options.speed;
    post([w = m_worker, options] { w->startDemo(options); });
    emit demoStateChanged(m_demo);
}

void EngineHost::stopDemo()
{
    m_demo.running = false;
    post([w = m_worker] { w->stopDemo(); });
    emit demoStateChanged(m_demo);
}

void EngineHost::setDemoSpeed(double speed)
{
    m_demo.speed = speed;
    post([w = m_worker, speed] { w->setDemoSpeed(speed); });
    emit demoStateChanged(m_demo);
}

void EngineHost::setDemoPaused(bool paused)
{
    m_demo.paused = paused;
    post([w = m_worker, paused] { w->setDemoPaused(paused); });
    emit demoStateChanged(m_demo);
}

void EngineHost::setSituation(Situation situation, bool active)
{
    if (situation == Situation::Normal)
        m_demo.situations = 0;
    else if (active)
        m_demo.situations |= 1u << unsigned(situation);
    else
        m_demo.situations &= ~(1u << unsigned(situation));
    post([w = m_worker, situation, active] { w->setSituation(situation, active); });
    emit demoStateChanged(m_demo);
}

void EngineHost::appendRecords(std::vector<Record> records, const QString &source)
{
    // Interned here, once per batch: rows carry a small index, never a string of their own.
    const qint16 index = source.isEmpty() ? StreamSources::None : StreamSources::intern(source);
    post([w = m_worker, records = std::move(records), index] { w->appendRecords(records, index); });
}

void EngineHost::applyAction(const OperatorAction &action)
{
    post([w = m_worker, action] { w->applyAction(action); });
}

void EngineHost::rerunInvestigation(qint64 driftId, const QString &tierName)
{
    post([w = m_worker, driftId, tierName] { w->rerunInvestigation(driftId, tierName); });
}

void EngineHost::querySeries(const SeriesQuery &query)
{
    post([w = m_worker, query] { w->querySeries(query); });
}

void EngineHost::compareVersions(const QString &workflow, const QString &baseline, const QString &candidate)
{
    post([w = m_worker, workflow, baseline, candidate] { w->compareVersions(workflow, baseline, candidate); });
}

void EngineHost::flush()
{
    post([w = m_worker] { w->flush(); });
}

void EngineHost::onPublished(std::shared_ptr<const EnginePublication> p)
{
    if (p->generation != m_generation)
        return; // a tick of a session that has been reset meanwhile
    m_totals = p->totals;
    m_rate = p->recordsPerSecond;
    m_latestTsMs = p->latestTsMs;
    if (p->snapshot)
        m_snapshot = p->snapshot;
    // The demo flags the GUI set optimistically hold until the worker has seen the change.
    const DemoState before = m_demo;
    m_demo = p->demo;
    emit published(p);
    if (!sameDemo(before, m_demo))
        emit demoStateChanged(m_demo);
}
