#pragma once

#include "event.h"
#include "stats/distribution.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace Apprentice {

/// Plain copies of the engine's learned state: what the store persists and the UI displays.
/// `monitorState` and `trackerState` are opaque blobs owned by the engine (versioned inside).
struct MetricSnapshot {
    QString metric;          ///< e.g. "latency_ms", or a custom metric name
    Distribution profile;    ///< everything learned for this metric
    QByteArray monitorState; ///< detector state incl. its reference sample
};

struct ToolSnapshot {
    QString tool;
    qint64 calls = 0;
    qint64 errors = 0;
    std::vector<MetricSnapshot> metrics;
};

struct LedgerTotals {
    qint64 apprenticeExecutions = 0;
    qint64 graduatedExecutions = 0;
    qint64 investigations = 0;
    double apprenticeUsd = 0;     ///< reviewing every apprentice execution
    double investigationUsd = 0;  ///< drift investigations
    double alwaysOnUsd = 0;       ///< counterfactual: always-on AI monitoring of every execution
    double spentUsd() const { return apprenticeUsd + investigationUsd; }
};

struct WorkflowSnapshot {
    QString workflow;
    QString version;
    Phase phase = Phase::Apprentice;
    bool relearning = false;  ///< back in apprenticeship after a critical failure
    qint64 executions = 0;    ///< workflow runs seen (distinct `execution` ids)
    qint64 records = 0;       ///< tool calls seen
    qint64 failedExecutions = 0;
    qint64 graduatedAtExecution = 0;
    QString reason;           ///< why it is in this phase ("37/50 executions", ...)
    LedgerTotals ledger;
    Distribution executionLatency; ///< workflow-level: total latency per execution
    std::vector<ToolSnapshot> tools;
    QByteArray trackerState;  ///< graduation evidence tracker
};

struct EngineSnapshot {
    std::vector<WorkflowSnapshot> workflows;
    qint64 nextEventId = 1;
};

/// Monitoring spend aggregated per hour and workflow version (the economics view's series).
struct LedgerEntry {
    qint64 hourStartMs = 0;
    QString workflow;
    QString version;
    qint64 executions = 0;
    double apprenticeUsd = 0;
    double investigationUsd = 0;
    double alwaysOnUsd = 0;
};

} // namespace Apprentice
