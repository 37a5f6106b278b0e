#include "evolutionpages.h"

#include "mainwindow.h"

#include "appsettings.h"
#include "consolesession.h"
#include "enginehost.h"
#include "eventsmodel.h"
#include "evolution/mutationledger.h"
#include "evolution/mutationspage.h"
#include "evolution/trendpage.h"
#include "evolution/versionspage.h"
#include "evolutionhub.h"

#include <QCoreApplication>
#include <QLabel>
#include <QStatusBar>

using namespace Apprentice;

namespace {

/// The messages of this wiring, under their own translation context.
struct EvolutionPages {
    Q_DECLARE_TR_FUNCTIONS(EvolutionPages)
};

} // namespace

void installEvolutionPages(MainWindow *window, AppSettings *settings)
{
    ConsoleSession *session = window->session();
    EvolutionHub *hub = session->evolution();

    QString error;
    if (!hub->setDatabase(settings->evolutionDatabase(), &error))
        window->statusBar()->showMessage(EvolutionPages::tr("The mutation ledger is not kept: %1").arg(error));

    auto *trends = new TrendPage(window);
    trends->setObjectName(QStringLiteral("trendPage"));
    trends->setLedger(hub->ledger());
    trends->setOperator(settings->operatorName());
    QObject::connect(settings, &AppSettings::operatorNameChanged, trends, &TrendPage::setOperator);
    QObject::connect(trends, &TrendPage::mutationProposed, window, [window, hub](qint64 id) {
        if (const Mutation *m = hub->ledger()->mutation(id))
            window->statusBar()->showMessage(
                EvolutionPages::tr("Mutation #%1 (%2) proposed for %3 in the ledger").arg(id).arg(m->kindLabel(), m->tool), 8000);
    });
    QObject::connect(hub, &EvolutionHub::trendsChanged, trends, [trends, hub] { trends->setSeries(*hub->trends()); });
    window->setPageWidget(QStringLiteral("trends"), trends, QStringLiteral("trends"), [] { return QCoreApplication::translate("MainWindow", "Trends"); });

    auto *mutations = new MutationsPage(window);
    mutations->setObjectName(QStringLiteral("mutationsPage"));
    mutations->setLedger(hub->ledger());
    mutations->setOperator(settings->operatorName());
    QObject::connect(settings, &AppSettings::operatorNameChanged, mutations, &MutationsPage::setOperator);
    // Shadow comparisons run where the records are: on the engine thread.
    QObject::connect(mutations, &MutationsPage::comparisonWanted, session->host(), &EngineHost::compareVersions);
    QObject::connect(session->host(), &EngineHost::comparisonReady, mutations, &MutationsPage::setComparison);
    window->setPageWidget(QStringLiteral("mutations"), mutations, QStringLiteral("evolve"), [] { return QCoreApplication::translate("MainWindow", "Mutations"); });

    auto *versions = new VersionsPage(session, window);
    versions->setObjectName(QStringLiteral("versionsPage"));
    window->setPageWidget(QStringLiteral("versions"), versions, QStringLiteral("versions"), [] { return QCoreApplication::translate("MainWindow", "Versions"); });

    // "Mark for evolution" on a drift becomes a proposal in the ledger, from its diagnosis when it has one.
    QObject::connect(session->host(), &EngineHost::actionDone, hub,
                     [session, hub, window](const OperatorAction &a, bool ok, const QString &) {
                         if (!ok || a.kind != OperatorAction::MarkForEvolution)
                             return;
                         const EventsModel *events = session->events();
                         const int row = events->rowForEvent(a.eventId);
                         Event drift;
                         if (row >= 0) {
                             drift = events->rowAt(row).event;
                         } else {
                             drift.id = a.eventId;
                             drift.workflow = a.workflow;
                             drift.version = a.version;
                             drift.tool = a.tool;
                             drift.metric = a.metric;
                         }
                         const qint64 id = hub->proposeForDrift(drift, events->investigation(a.eventId), a.who);
                         if (const Mutation *m = hub->ledger()->mutation(id))
                             window->statusBar()->showMessage(
                                 EvolutionPages::tr("Mutation #%1 (%2) proposed for %3 in the ledger").arg(id).arg(m->kindLabel(), m->tool), 8000);
                     });

    // Early warnings reach the operator wherever they are.
    QObject::connect(session, &ConsoleSession::eventsAdded, window, [window](const std::vector<EventRecord> &events) {
        for (auto it = events.rbegin(); it != events.rend(); ++it) {
            if (it->event.kind == EventKind::Trend) {
                window->statusBar()->showMessage(EvolutionPages::tr("Trend warning: %1").arg(it->event.reason), 10000);
                return;
            }
        }
    });
    QObject::connect(hub, &EvolutionHub::saveFailed, window, [window](const QString &why) {
        window->statusBar()->showMessage(EvolutionPages::tr("The mutation ledger could not be saved: %1").arg(why), 10000);
    });
}
