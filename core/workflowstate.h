#pragma once

#include "detect/metricmonitor.h"
#include "enginesnapshot.h"
#include "event.h"
#include "record.h"
#include "sametext.h"
#include "stats/distribution.h"

#include <QString>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace Apprentice {

class Engine;

/// The learned state of one metric of one tool.
struct alignas(64) MetricState { // the monitor's hot fields start a cache line
    MetricState(std::string n, const DetectorConfig *config)
        : monitor(config), name(std::move(n)), qname(QString::fromStdString(name)) {}
    MetricMonitor monitor;
    Distribution profile;
    std::string name;
    QString qname;
};

/// The learned state of one tool of a workflow version.
struct ToolState {
    explicit ToolState(std::string_view n) : name(n), qname(QString::fromUtf8(n.data(), qsizetype(n.size()))) {}
    std::string name;
    QString qname;
    qint64 calls = 0;
    qint64 errors = 0;
    int consecutiveFailures = 0;
    bool failureLatched = false;
    std::uint64_t failureBits = 0; ///< outcome of the last 64 calls, bit set = failed
    QString lastError;
    std::array<std::unique_ptr<MetricState>, BuiltinMetricCount> builtin;
    std::vector<std::unique_ptr<MetricState>> custom;
    ToolState *next = nullptr; ///< the tool whose call followed this one's last time: the usual call order

    MetricState &metric(int builtinIndex, const DetectorConfig *config)
    {
        if (MetricState *m = builtin[size_t(builtinIndex)].get()) [[likely]]
            return *m;
        return addBuiltin(builtinIndex, config);
    }
    MetricState &addBuiltin(int builtinIndex, const DetectorConfig *config);
    MetricState &custom_(std::string_view name, const DetectorConfig *config);
    MetricState *find(const QString &name) const;
    template<typename F>
    void forEachMetric(F &&f) const
    {
        for (const auto &m : builtin)
            if (m)
                f(*m);
        for (const auto &m : custom)
            f(*m);
    }
    int recentFailures() const;
    int recentCalls() const { return int(std::min<qint64>(calls, 64)); }
};

/// One workflow version: its phase, graduation evidence, tools and ledger.
class WorkflowState
{
public:
    WorkflowState(Engine &engine, std::string_view workflow, std::string_view version);

    void process(const RecordView &r);
    void finish();

    std::string workflow;
    std::string version;
    QString qWorkflow;
    QString qVersion;
    Phase phase = Phase::Apprentice;
    bool relearning = false;
    qint64 executions = 0;
    qint64 records = 0;
    qint64 failedExecutions = 0;
    qint64 graduatedAt = 0;
    qint64 phaseStartExecutions = 0; ///< executions already counted when this apprenticeship began
    qint64 lastFailedExecution = -1;
    int pendingInvestigations = 0;
    QString reason;
    LedgerTotals ledger;
    Distribution executionLatency;
    std::vector<std::unique_ptr<ToolState>> tools;
    WorkflowState *nextWorkflow = nullptr; ///< the workflow version whose record followed this one's last time

    bool is(std::string_view wf, std::string_view ver) const { return sameText(workflow, wf) && sameText(version, ver); }
    ToolState *findTool(const QString &name) const;
    void transition(Phase to, const QString &why, const RecordView *r);
    void addInvestigationCost(double usd, qint64 tsMs);
    void addApprenticeCost(double usd, qint64 tsMs);
    void updateReason();
    WorkflowSnapshot snapshot() const;
    bool restore(const WorkflowSnapshot &s, QString *error);
    void relearn(const RecordView &r, const QString &why);

private:
    struct OpenExecution {
        std::string id;
        std::uint64_t hash = 0;
        double totalLatency = 0;
        bool failed = false;
        qint64 index = 0;
    };

    ToolState &toolFor(std::string_view name);
    OpenExecution &executionFor(const RecordView &r);
    void startExecution(const RecordView &r, std::uint64_t idHash);
    void requestReview(const OpenExecution &e);
    void finalize(const OpenExecution &e);
    void checkGraduation(const RecordView &r);
    void measureStability();
    void onFailure(ToolState &tool, const RecordView &r);
    [[gnu::always_inline]] inline void onMetric(ToolState &tool, MetricState &m, double v, const RecordView &r);
    [[gnu::noinline]] void report(ToolState &tool, MetricState &m, double v, const RecordView &r,
                                  const MetricMonitor::Check &check);
    void ledgerHour(qint64 tsMs);
    QByteArray trackerState() const;
    bool restoreTracker(const QByteArray &data);

    Engine &m_engine;
    // Interleaved runs still receiving calls: a ring of slots plus an id index, O(1) per record.
    std::vector<OpenExecution> m_open;
    size_t m_openNext = 0;   // slot the next new execution takes (the oldest when full)
    size_t m_openLast = 0;   // slot of the most recent record's execution
    // Open addressing (linear probing, backward-shift deletion) from execution id to slot: no node
    // allocation and no std::string per execution. Slots hold m_open indices, Empty when free.
    static constexpr std::uint32_t Empty = 0xffffffffu;
    std::vector<std::uint32_t> m_openIndex;
    std::uint32_t *findOpen(std::string_view id, std::uint64_t hash);
    void indexOpen(std::uint32_t slot);
    void unindexOpen(std::uint32_t slot);
    ToolState *m_lastTool = nullptr;
    // graduation evidence
    std::vector<std::pair<QString, double>> m_lastP95;
    double m_movement = 1.0;
    QString m_movingWhat;
    qint64 m_movementMeasuredAt = -1;
    // ledger hour being accumulated
    LedgerEntry m_hour;
};

} // namespace Apprentice
