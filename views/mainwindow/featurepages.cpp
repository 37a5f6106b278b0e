#include "featurepages.h"

#include "mainwindow.h"

#include "capacity/capacitypage.h"
#include "common/icons.h"
#include "connections/connectionsmodel.h"
#include "connections/connectionspanel.h"
#include "consolesession.h"
#include "enginehost.h"
#include "live/connectionmanager.h"

#include <QAction>
#include <QCoreApplication>

#include <cmath>

using namespace Apprentice;

namespace {

// The capacity model's service times come from the busiest workflow's learned latencies.
void feedStages(CapacityPage *page, const ConsoleSession *session)
{
    const auto snapshot = session->snapshot();
    if (!snapshot)
        return;
    const WorkflowSnapshot *busiest = nullptr;
    for (const WorkflowSnapshot &w : snapshot->workflows)
        if (!busiest || w.executions > busiest->executions)
            busiest = &w;
    if (!busiest || busiest->phase == Phase::Apprentice)
        return; // an apprentice's profile is not proven yet
    std::vector<WorkflowStage> stages;
    for (const ToolSnapshot &t : busiest->tools) {
        for (const MetricSnapshot &m : t.metrics) {
            if (m.metric == u"latency_ms" && m.profile.count() > 0)
                stages.push_back({t.tool, m.profile.p50(), m.profile.p95()});
        }
    }
    if (stages.empty())
        return;
    // Snapshots arrive several times a second; the page recomputes on each new input, so only a
    // material change (new tools, or a percentile moved by 2 %) is passed on.
    const auto &current = page->scenario().stages;
    bool changed = current.size() != stages.size();
    for (size_t i = 0; !changed && i < stages.size(); ++i) {
        changed = current[i].name != stages[i].name
                  || std::abs(current[i].p50Ms - stages[i].p50Ms) > 0.02 * stages[i].p50Ms
                  || std::abs(current[i].p95Ms - stages[i].p95Ms) > 0.02 * stages[i].p95Ms;
    }
    if (changed)
        page->setProfileStages(stages, busiest->workflow);
}

} // namespace

QAction *installFeaturePages(MainWindow *window)
{
    ConsoleSession *session = window->session();

    auto *capacity = new CapacityPage(window);
    window->setPageWidget(QStringLiteral("capacity"), capacity, QStringLiteral("capacity"),
                          [] { return QCoreApplication::translate("MainWindow", "Capacity"); });
    QObject::connect(session, &ConsoleSession::snapshotChanged, capacity,
                     [capacity, session] { feedStages(capacity, session); });

    auto *manager = new ConnectionManager(window);
    auto *connections = new ConnectionsPanel(manager, window);
    window->setPageWidget(QStringLiteral("connections"), connections, QStringLiteral("connections"),
                          [] { return QCoreApplication::translate("MainWindow", "Connections"); });
    // Live records join the same engine as imports and the demo; the stream shows every source.
    QObject::connect(manager, &ConnectionManager::recordsReceived, session,
                     [session, manager](const std::vector<LiveBatch> &batches) {
                         for (const LiveBatch &batch : batches)
                             if (!batch.records.empty())
                                 session->host()->appendRecords(
                                     batch.records, ConnectionsModel::sourceLabel(manager->connection(batch.connection)));
                     });

    auto *connect = new QAction(Icons::get(QStringLiteral("connections")),
                                QCoreApplication::translate("MainWindow", "&Connect…"), window);
    connect->setObjectName(QStringLiteral("connectAction"));
    connect->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect->setToolTip(QCoreApplication::translate(
        "MainWindow", "Receive OTLP traces, follow an NDJSON or SSE stream, or tail a growing log file"));
    QObject::connect(connect, &QAction::triggered, window, [window, connections] {
        window->setCurrentPage(QStringLiteral("connections"));
        connections->openConnectDialog();
    });
    return connect;
}
