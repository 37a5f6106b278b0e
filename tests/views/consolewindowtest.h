#pragma once

// Shared steps of the console's window tests: a shown window, the demo run to a fixed point, and
// clicking a drift on the drift page as an operator would.

#include "mainwindow/mainwindow.h"
#include "consolesession.h"
#include "drift/driftpage.h"
#include "enginehost.h"
#include "eventfiltermodel.h"
#include "eventsmodel.h"
#include "streammodel.h"

#include <QTableView>
#include <QtTest>

#include <memory>

namespace ConsoleWindowTest {

inline std::unique_ptr<MainWindow> shownWindow(AppSettings *settings, LanguageManager *language)
{
    auto w = std::make_unique<MainWindow>(settings, language);
    w->resize(1400, 880);
    w->show();
    return w;
}

/// Runs the demo as fast as possible until `executions` ran (the situation on after `at`); false on timeout.
inline bool runDemo(MainWindow &w, qint64 executions, Apprentice::Situation s, qint64 at)
{
    DemoOptions o;
    o.speed = 0;
    o.pauseAt = executions;
    o.scenario = s;
    o.scenarioAt = at;
    w.startDemo(o);
    EngineHost *host = w.session()->host();
    if (!QTest::qWaitFor([&] { return host->demoState().paused && host->demoState().executions >= executions; }, 20000))
        return false;
    host->flush();
    return QTest::qWaitFor([&] { return w.session()->stream()->totalSeen() == host->totals().records; }, 5000);
}

/// Clicks the first drift of `metricLabel` (as the drift table shows it); its proxy row, or −1.
inline int clickDrift(DriftPage *page, const QString &metricLabel)
{
    int row = -1;
    const bool found = QTest::qWaitFor([&] {
        for (int r = 0; r < page->proxy()->rowCount(); ++r) {
            const QModelIndex idx = page->proxy()->index(r, EventsModel::ColMetric);
            if (idx.data(EventsModel::KindRole).toInt() == EventsModel::KindDrift && idx.data().toString() == metricLabel) {
                row = r;
                return true;
            }
        }
        return false;
    }, 5000);
    if (!found)
        return -1;
    QTableView *table = page->table();
    table->scrollTo(page->proxy()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(page->proxy()->index(row, EventsModel::ColTool)).center());
    return row;
}

} // namespace ConsoleWindowTest
