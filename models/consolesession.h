#pragma once

#include "enginepublication.h"
#include "hostconfig.h"

#include <QObject>
#include <QStringList>

#include <memory>

class CostHistory;
class EngineHost;
class EventsModel;
class EvolutionHub;
class LedgerModel;
class StreamModel;
class WorkflowsModel;

/// One console session: the engine host and every model fed from its publications. Pages take
/// their models from here; the main window only wires pages to it.
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleSession(QObject *parent = nullptr);
    ~ConsoleSession() override;

    EngineHost *host() const { return m_host; }
    StreamModel *stream() const { return m_stream; }
    WorkflowsModel *workflows() const { return m_workflows; }
    EventsModel *events() const { return m_events; }
    LedgerModel *ledger() const { return m_ledger; }
    CostHistory *costs() const { return m_costs; }
    /// Trends, version comparisons and the mutation ledger.
    EvolutionHub *evolution() const { return m_evolution; }

    void configure(const HostConfig &config);
    /// Clears the engine and every model.
    void reset();
    /// Imports files; a running demo ends first (its synthetic data does not mix with real exports).
    void openFiles(const QStringList &paths);
    /// Starts the demo in a fresh session.
    void startDemo(const DemoOptions &options);
    bool isDemo() const { return m_demo; }

    /// Files imported in this session (StreamRow::fileIndex).
    const QStringList &files() const { return m_files; }
    std::shared_ptr<const Apprentice::EngineSnapshot> snapshot() const { return m_snapshot; }
    /// Workflow versions as "workflow" and their tools, from the latest snapshot.
    QStringList workflowNames() const;
    QStringList toolNames(const QString &workflow = {}) const;
    QStringList metricNames(const QString &workflow, const QString &version, const QString &tool) const;
    const Apprentice::WorkflowSnapshot *findWorkflow(const QString &workflow, const QString &version) const;
    const Apprentice::ToolSnapshot *findTool(const QString &workflow, const QString &version, const QString &tool) const;

    /// Headers and texts of every model in the current language.
    void retranslate();

signals:
    void published(std::shared_ptr<const EnginePublication> publication);
    void snapshotChanged();
    /// The set of workflows, versions or tools changed (filter pickers refresh).
    void catalogChanged();
    void eventsAdded(const std::vector<EventRecord> &events);
    void sessionReset();

private:
    void onPublished(std::shared_ptr<const EnginePublication> p);

    EngineHost *m_host = nullptr;
    StreamModel *m_stream = nullptr;
    WorkflowsModel *m_workflows = nullptr;
    EventsModel *m_events = nullptr;
    LedgerModel *m_ledger = nullptr;
    CostHistory *m_costs = nullptr;
    EvolutionHub *m_evolution = nullptr;
    std::shared_ptr<const Apprentice::EngineSnapshot> m_snapshot;
    QStringList m_files;
    QString m_catalog;
    bool m_demo = false;
};
