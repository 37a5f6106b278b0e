#pragma once

#include "diagnosis.h"
#include "engineconfig.h"
#include "enginesnapshot.h"
#include "event.h"
#include "record.h"

#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace Apprentice {

class WorkflowState;

/// An investigation the engine wants done: a drift, a failure, or the review of an apprentice execution.
struct InvestigationRequest {
    qint64 id = 0; ///< the drift event's id (or a review id); pass it back to resolveInvestigation
    InvestigationContext context;
};

/// What one tier of a ladder answered.
struct TierOutcome {
    QString tier;
    Diagnosis diagnosis;
    double costUsd = 0;
};

/// Running totals for the summary line and the status bar.
struct EngineTotals {
    qint64 records = 0;
    qint64 workflows = 0; ///< distinct workflow versions
    qint64 executions = 0;
    qint64 driftEvents = 0;
    qint64 anomalies = 0;
    qint64 graduations = 0;
    double monitoringCostUsd = 0;
    double alwaysOnCostUsd = 0;
    std::array<qint64, 3> phaseCounts{}; ///< workflow versions per Phase
};

/// The monitoring/graduation core. Feed it records in order; it learns quality profiles per
/// (workflow, version, tool, metric), graduates workflow versions, watches graduated ones for
/// drift and reports events. O(1) per record, memory bounded by the number of keys.
/// Not thread-safe: one thread feeds it; others read snapshots.
class Engine
{
public:
    using EventHandler = std::function<void(const Event &)>;
    using InvestigationHandler = std::function<void(const InvestigationRequest &)>;

    explicit Engine(EngineConfig config = {});
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    const EngineConfig &config() const { return m_config; }
    void setEventHandler(EventHandler handler) { m_onEvent = std::move(handler); }
    /// Without a handler the built-in rules tier diagnoses synchronously at modelled prices.
    /// With one, the engine waits for resolveInvestigation(); the workflow stays INVESTIGATING.
    /// With a handler every apprentice execution is also sent for review (trigger ApprenticeReview):
    /// its real cost is charged to the apprenticeship, and only non-NORMAL answers become events.
    void setInvestigationHandler(InvestigationHandler handler) { m_onInvestigate = std::move(handler); }
    /// Tags subsequent events with this input file index (−1: none).
    void setFileIndex(int index) { m_fileIndex = index; }

    void process(const RecordView &record);
    void process(const Record &record);
    /// End of input: completes the executions still open and flushes the ledger hour.
    void finish();

    /// Applies the answers of the tiers consulted for request `id` (the last one decides).
    bool resolveInvestigation(qint64 id, const std::vector<TierOutcome> &tiers, QString *error = nullptr);

    // Operator actions, audited as transition events.
    bool acceptAsNormal(const QString &workflow, const QString &version, const QString &tool,
                        const QString &metric, const QString &who, QString *error = nullptr);
    bool dismiss(const QString &workflow, const QString &version, const QString &tool, const QString &metric,
                 const QString &who, QString *error = nullptr);

    EngineTotals totals() const;
    EngineSnapshot snapshot() const;
    /// Continues from stored knowledge; replaces all state. False + error on unreadable blobs.
    bool restore(const EngineSnapshot &snapshot, QString *error = nullptr);
    /// Hourly ledger rows completed since the last call.
    std::vector<LedgerEntry> takeLedgerEntries();
    /// The context a diagnostician would get for this metric now.
    bool contextFor(const QString &workflow, const QString &version, const QString &tool, const QString &metric,
                    InvestigationContext &out) const;

private:
    friend class WorkflowState;
    WorkflowState *workflowFor(std::string_view workflow, std::string_view version);
    void emitEvent(Event &e);
    void requestInvestigation(WorkflowState &wf, InvestigationRequest request, Trigger trigger);
    void requestReview(WorkflowState &wf, InvestigationContext context);
    void closeByOperator(WorkflowState &wf, const QString &tool, const QString &metric, const QString &what,
                         const QString &who);

    EngineConfig m_config;
    EventHandler m_onEvent;
    InvestigationHandler m_onInvestigate;
    std::vector<std::unique_ptr<WorkflowState>> m_workflows;
    WorkflowState *m_last = nullptr;
    int m_fileIndex = -1;
    qint64 m_currentTsMs = 0;
    qint64 m_currentLine = 0;
    qint64 m_nextEventId = 1;
    qint64 m_nextReviewId = 1;
    EngineTotals m_totals;
    std::vector<LedgerEntry> m_ledgerOut;
    struct Pending;
    std::vector<std::unique_ptr<Pending>> m_pending;
};

} // namespace Apprentice
