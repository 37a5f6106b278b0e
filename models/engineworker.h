#pragma once

#include "enginepublication.h"
#include "evolutionfeed.h"
#include "hostconfig.h"

#include "engine.h"
#include "record.h"
#include "series/seriesbuffer.h"
#include "simulator/demosimulator.h"
#include "simulator/simulationpacer.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

class QTimer;
namespace Apprentice {
class InvestigationQueue;
class Store;
class StoreWriter;
}

/// Lives on the engine thread and owns everything heavy: the Engine, the demo simulator, chart
/// history. Every public function runs on that thread (EngineHost queues the calls); results go
/// out as signals, coalesced into one publication per tick.
class EngineWorker : public QObject
{
    Q_OBJECT
public:
    explicit EngineWorker(QObject *parent = nullptr);
    ~EngineWorker() override;

    /// Applies to the next session (stream and history capacities apply at once).
    void configure(const HostConfig &config);
    /// Drops everything learned and starts an empty session.
    void resetSession(qint64 generation);
    /// Imports files one after the other; `cancel` ends the running one.
    void importFiles(const QStringList &paths, std::shared_ptr<std::atomic_bool> cancel);

    void startDemo(const DemoOptions &options);
    void stopDemo();
    void setDemoSpeed(double speed);
    void setDemoPaused(bool paused);
    void setSituation(Apprentice::Situation situation, bool active);

    /// The live-source entry point: records from any producer, in order; `source` is a StreamSources index.
    void appendRecords(const std::vector<Apprentice::Record> &records, qint16 source = StreamSources::None);

    void applyAction(const OperatorAction &action);
    /// Investigates drift `driftId` again with only the configured tier `tierName`, through the same
    /// queue; the calls are appended to its transcript as a re-run and their cost is charged.
    void rerunInvestigation(qint64 driftId, const QString &tierName);
    void querySeries(const SeriesQuery &query);
    /// Compares two versions of a workflow; answers with comparisonReady().
    void compareVersions(const QString &workflow, const QString &baseline, const QString &candidate);
    /// Publishes now (tests and screenshots use it to settle).
    void flush();
    void shutdown();

signals:
    void published(std::shared_ptr<const EnginePublication> publication);
    void importStarted(const QString &path, int index, int count);
    void importProgress(qint64 done, qint64 total);
    void importFinished(const ImportSummary &summary);
    void seriesReady(std::shared_ptr<const SeriesReply> reply);
    void actionDone(const OperatorAction &action, bool ok, const QString &error);
    void comparisonReady(const Apprentice::ShadowComparison &comparison);
    void rerunRefused(qint64 driftId, const QString &tierName, RerunRefusal why);
    /// The session attached to the store, or keeping it failed.
    void storeChanged(const StoreStatus &status);

private:
    struct WorkflowInfo {
        QString workflow;
        QString version;
        Apprentice::Phase phase = Apprentice::Phase::Apprentice;
    };
    struct MetricSeries {
        Apprentice::SeriesBuffer buffer;
        std::deque<SeriesMarker> markers;
        double profileMean = 0;
        double profileStd = 0;
        bool hasProfile = false;
    };
    struct ToolSeries {
        WorkflowInfo *workflow = nullptr;
        QString tool;
        std::array<MetricSeries *, Apprentice::BuiltinMetricCount> builtin{};
        std::vector<std::pair<std::string, MetricSeries *>> custom;
    };
    class ImportSink;
    friend class ImportSink;

    void processRecord(const Apprentice::RecordView &record, int fileIndex, qint16 source);
    void onEngineEvent(const Apprentice::Event &event);
    void onInvestigationRequested(const Apprentice::InvestigationRequest &request);
    void onDemoTick();
    void onPublishTick();
    void publish(bool force);
    void newEngine();
    void setupInvestigations();
    ToolSeries &toolSeries(std::string_view workflow, std::string_view version, std::string_view tool);
    MetricSeries &metricSeries(ToolSeries &tool, const QString &metric);
    MetricSeries *findSeries(const QString &workflow, const QString &version, const QString &tool,
                             const QString &metric) const;
    const QString &intern(std::string_view text);
    void refreshProfiles(const Apprentice::EngineSnapshot &snapshot);
    void addMarker(const Apprentice::Event &event);
    InvestigationRecord contextFor(const Apprentice::Event &drift) const;
    void serviceEvents();
    void connectReruns();
    struct Rerun {
        qint64 driftId = 0;
        QString tier;
        size_t callsBefore = 0; ///< the transcript's length when it started; live calls go after it
        int round = 1;          ///< TierCall::rerun of its calls
    };
    void finishRerun(const Rerun &job, const Apprentice::InvestigationContext &ctx,
                     const Apprentice::InvestigationResult &result);
    void addRerunCharges(Apprentice::EngineSnapshot &snapshot) const;
    DemoState demoState() const;
    void sampleCost();
    /// A session on real data continues from the store (once, before its first record) and writes back to it.
    void attachStore();
    /// Writes what waits; the trend aggregates go along when `withTrends` or once a minute.
    void writeStore(bool withTrends = false);
    void detachStore();

    HostConfig m_config;
    std::unique_ptr<Apprentice::Engine> m_engine;
    qint64 m_generation = 0;
    qint64 m_seq = 0;
    qint64 m_latestTsMs = 0;
    qint64 m_firstTsMs = 0;
    qint64 m_syntheticEventId = 0;

    // what the next publication carries
    std::deque<StreamRow> m_rows;
    qint64 m_droppedRows = 0;
    std::vector<EventRecord> m_events;
    std::map<qint64, InvestigationRecord> m_investigationsOut;
    bool m_dirty = false;
    bool m_forceSnapshot = true;
    StreamRow *m_current = nullptr; // the row being processed, for event annotations

    // cumulative cost samples: every max(64, seq/512) records, so O(log n) of them
    std::vector<CostSample> m_costs;
    qint64 m_lastCostSeq = 0;
    bool m_costOriginSent = false;
    double m_investigationUsd = 0;

    // investigations
    std::map<qint64, InvestigationRecord> m_investigations; // by drift id (bounded)
    Apprentice::InvestigationQueue *m_queue = nullptr;
    std::map<qint64, qint64> m_queueToDrift;
    // re-runs with a chosen tier: charged here, because the engine's investigation has ended
    std::map<qint64, Rerun> m_reruns; // by queue id
    Rerun m_enqueuing;                // the re-run enqueue() is taking (a full queue may skip it at once)
    std::map<std::pair<QString, QString>, double> m_rerunUsdByWorkflow;
    double m_rerunUsd = 0;
    std::vector<Apprentice::LedgerEntry> m_rerunLedger; // the next publication's

    // chart history
    std::map<std::string, std::unique_ptr<WorkflowInfo>> m_workflows;
    std::map<std::string, std::unique_ptr<ToolSeries>> m_tools;
    std::vector<std::unique_ptr<MetricSeries>> m_series;
    std::map<std::tuple<QString, QString, QString, QString>, MetricSeries *> m_seriesIndex;
    ToolSeries *m_lastTool = nullptr;
    std::string m_lastToolKey;
    struct StringHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, QString, StringHash, std::equal_to<>> m_strings;
    std::string m_lastExecution;
    QString m_lastExecutionText;
    std::vector<Apprentice::CustomMetricView> m_scratch;

    // trends and version comparisons
    EvolutionFeed m_evolution;
    std::vector<Apprentice::TrendResult> m_trendWarnings;
    QElapsedTimer m_sinceEvolution;

    // demo
    Apprentice::DemoSimulator m_sim;
    Apprentice::SimulationPacer m_pacer;
    std::vector<Apprentice::Record> m_execution;
    DemoOptions m_demo;
    bool m_demoRunning = false;
    QTimer *m_demoTimer = nullptr;
    QElapsedTimer m_wall;

    // import
    bool m_importing = false;
    QStringList m_files; // every file of the session (StreamRow::fileIndex)
    std::deque<std::pair<QStringList, std::shared_ptr<std::atomic_bool>>> m_importQueue;
    bool m_resetPending = false;
    qint64 m_resetGeneration = 0;

    // the store a session on real data continues from and writes to
    std::unique_ptr<Apprentice::Store> m_store;
    std::unique_ptr<Apprentice::StoreWriter> m_storeWriter;
    bool m_storeChecked = false; ///< this session has decided whether to keep its knowledge
    std::vector<Apprentice::LedgerEntry> m_storedLedger; ///< the store's hourly rows, for the next publication only
    CostSample m_costBase; ///< where the cost curves start: what the sessions the store remembers spent
    QElapsedTimer m_sinceTrendsStored;

    // ticks
    QTimer *m_publishTimer = nullptr;
    QElapsedTimer m_sincePublish;
    QElapsedTimer m_sinceSnapshot;
    qint64 m_snapshotCostUs = 0;
    qint64 m_rateRecords = 0;
    QElapsedTimer m_rateClock;
    double m_rate = 0;
    bool m_shutdown = false;
};
