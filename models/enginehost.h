#pragma once

#include "enginepublication.h"
#include "hostconfig.h"

#include "record.h"
#include "simulator/situation.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

class QThread;
class EngineWorker;

/// The GUI's handle on the engine thread. Every call returns at once; the work is queued to the
/// worker, which owns the Engine, the demo simulator and chart history, and publishes what changed
/// at ~20 Hz. Sources feed it through openFiles(), startDemo() and appendRecords().
class EngineHost : public QObject
{
    Q_OBJECT
public:
    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;

    void configure(const HostConfig &config);
    const HostConfig &config() const { return m_config; }

    /// Forgets the session (profiles, history, events) and starts an empty one.
    void resetSession();
    qint64 generation() const { return m_generation; }

    /// Imports log exports in the background, in order; a running import keeps going and these follow.
    void openFiles(const QStringList &paths);
    /// Cancels the running import (and those queued behind it). Cancelling is a normal outcome.
    void cancelImport();
    bool isImporting() const { return m_importing; }

    void startDemo(const DemoOptions &options);
    void stopDemo();
    void setDemoSpeed(double speed);
    void setDemoPaused(bool paused);
    void setSituation(Apprentice::Situation situation, bool active);
    bool isDemoRunning() const { return m_demo.running; }
    const DemoState &demoState() const { return m_demo; }

    /// The entry point for live sources: records are processed in call order. `source` names them in the live
    /// stream (e.g. "OTLP 127.0.0.1:4318"); empty: unnamed.
    void appendRecords(std::vector<Apprentice::Record> records, const QString &source = {});

    void applyAction(const OperatorAction &action);
    /// Investigates drift `driftId` again with only the configured tier `tierName` (same queue as
    /// every investigation); the updated InvestigationRecord arrives in a publication, a refusal as rerunRefused().
    void rerunInvestigation(qint64 driftId, const QString &tierName);
    /// Answers with seriesReady() (computed on the engine thread).
    void querySeries(const SeriesQuery &query);
    /// Compares two versions of a workflow tool by tool; answers with comparisonReady().
    void compareVersions(const QString &workflow, const QString &baseline, const QString &candidate);
    /// Asks for a publication right away.
    void flush();

    /// Rows, events and the snapshot of the last publication are handed out through published().
    const Apprentice::EngineTotals &totals() const { return m_totals; }
    double recordsPerSecond() const { return m_rate; }
    qint64 latestTsMs() const { return m_latestTsMs; }
    std::shared_ptr<const Apprentice::EngineSnapshot> snapshot() const { return m_snapshot; }
    /// Whether this session keeps what it learns, and where (see HostConfig::storePath).
    const StoreStatus &storeStatus() const { return m_storeStatus; }

signals:
    void published(std::shared_ptr<const EnginePublication> publication);
    void importStarted(const QString &path, int index, int count);
    void importProgress(qint64 done, qint64 total);
    void importFinished(const ImportSummary &summary);
    void importingChanged(bool importing);
    void demoStateChanged(const DemoState &state);
    void seriesReady(std::shared_ptr<const SeriesReply> reply);
    void actionDone(const OperatorAction &action, bool ok, const QString &error);
    void comparisonReady(const Apprentice::ShadowComparison &comparison);
    void rerunRefused(qint64 driftId, const QString &tierName, RerunRefusal why);
    void sessionReset();
    void storeChanged(const StoreStatus &status);

private:
    void onPublished(std::shared_ptr<const EnginePublication> publication);
    template<typename F>
    void post(F &&f);

    QThread *m_thread = nullptr;
    EngineWorker *m_worker = nullptr;
    HostConfig m_config;
    qint64 m_generation = 0;
    bool m_importing = false;
    int m_pendingImports = 0;
    std::vector<std::shared_ptr<std::atomic_bool>> m_cancels;
    DemoState m_demo;
    Apprentice::EngineTotals m_totals;
    double m_rate = 0;
    qint64 m_latestTsMs = 0;
    std::shared_ptr<const Apprentice::EngineSnapshot> m_snapshot;
    StoreStatus m_storeStatus;
};
