// The console's proactive-evolution pages, end to end: trends and version comparisons computed on
// the engine thread from a real import, proposals landing in the mutation ledger, the ledger kept in
// a real SQLite file (and the demo's left out of it).

#include "consolewindowtest.h"
#include "mainwindow/mainwindow.h"
#include "appsettings.h"
#include "common/languagemanager.h"
#include "consolesession.h"
#include "drift/driftpage.h"
#include "enginehost.h"
#include "eventfiltermodel.h"
#include "eventsmodel.h"
#include "evolution/evolutionstore.h"
#include "evolution/mutationledger.h"
#include "evolution/mutationspage.h"
#include "evolution/shadowcomparisonwidget.h"
#include "evolution/trendpage.h"
#include "evolution/versionspage.h"
#include "evolutionhub.h"
#include "simulator/demosimulator.h"
#include "simulator/exportwriter.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <random>

using namespace Apprentice;

namespace {

/// `days` of the demo workflow at `perDay` executions a day, `situation` on from the start.
bool writeDays(const QString &path, int days, double perDay, Situation situation)
{
    DemoSimulator sim(11);
    sim.setRatePerDay(perDay);
    if (situation != Situation::Normal)
        sim.schedule(situation, 0);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    std::string buffer;
    std::vector<Record> records;
    const qint64 end = DemoSimulator::DefaultStartMs + qint64(days) * DemoSimulator::DayMs;
    while (sim.nextArrivalMs() < end) {
        const int n = sim.nextExecution(records);
        for (int k = 0; k < n; ++k)
            ExportWriter::appendLine(buffer, records[size_t(k)]);
    }
    file.write(buffer.data(), qint64(buffer.size()));
    return file.error() == QFile::NoError;
}

/// Version 1.0.0 of the demo workflow; from the middle on, every other execution runs 1.1.0, whose
/// fetch_data is `slowdown` times slower.
bool writeTwoVersions(const QString &path, qint64 executions, double slowdown)
{
    DemoSimulator sim(5);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    std::string buffer;
    std::vector<Record> records;
    for (qint64 i = 0; i < executions; ++i) {
        const int n = sim.nextExecution(records);
        const bool candidate = i >= executions / 2 && i % 2 == 1;
        for (int k = 0; k < n; ++k) {
            Record &r = records[size_t(k)];
            if (candidate) {
                r.version = "1.1.0";
                if (r.tool == "fetch_data")
                    r.setValue(Metric::Latency, r.value(Metric::Latency) * slowdown);
            }
            ExportWriter::appendLine(buffer, r);
        }
    }
    file.write(buffer.data(), qint64(buffer.size()));
    return file.error() == QFile::NoError;
}

} // namespace

class TestEvolutionPages : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<LanguageManager> m_language;

    std::unique_ptr<MainWindow> window() { return ConsoleWindowTest::shownWindow(m_settings.get(), m_language.get()); }

    static void importFile(MainWindow &w, const QString &path)
    {
        QSignalSpy finished(w.session()->host(), &EngineHost::importFinished);
        w.openFiles({path});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    }

    QString database() const { return m_dir.filePath(QStringLiteral("ledger.sqlite")); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<AppSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_settings->setOperatorName(QStringLiteral("dana"));
        m_settings->setEvolutionDatabase(database());
        m_language = std::make_unique<LanguageManager>();
        m_language->apply(QStringLiteral("en"));
    }

    void everyEvolutionPageIsInstalled()
    {
        auto w = window();
        for (const char *id : {"trends", "mutations", "versions"})
            QVERIFY2(w->pageIds().contains(QLatin1String(id)), id);
        QVERIFY(qobject_cast<TrendPage *>(w->page(QStringLiteral("trends"))));
        QVERIFY(qobject_cast<MutationsPage *>(w->page(QStringLiteral("mutations"))));
        QVERIFY(qobject_cast<VersionsPage *>(w->page(QStringLiteral("versions"))));
        QCOMPARE(w->session()->evolution()->database(), database());
    }

    void slowCreepShowsOnTheTrendPageAndIsProposedAndKept()
    {
        const QString path = m_dir.filePath(QStringLiteral("creep.jsonl"));
        QVERIFY(writeDays(path, 30, 2000, Situation::SlowCreep));
        {
            auto w = window();
            // Every event in the order the console learns it, to see which comes first.
            std::vector<Event> order;
            connect(w->session(), &ConsoleSession::eventsAdded, this, [&order](const std::vector<EventRecord> &events) {
                for (const EventRecord &e : events)
                    if (e.event.tool == u"fetch_data" && e.event.metric == u"latency_ms"
                        && (e.event.kind == EventKind::Trend || e.event.kind == EventKind::Drift))
                        order.push_back(e.event);
            });
            QSignalSpy messages(w->statusBar(), &QStatusBar::messageChanged);
            importFile(*w, path);
            w->session()->host()->flush();
            QTRY_VERIFY(!order.empty());
            // The done-when of proactive evolution: the trend warning comes before any drift fires.
            QCOMPARE(order.front().kind, EventKind::Trend);
            QVERIFY(order.front().reason.contains(QStringLiteral("fetch_data latency_ms")));
            QVERIFY(order.front().reason.contains(QStringLiteral("crosses 300 ms")));
            QVERIFY(std::any_of(messages.begin(), messages.end(), [](const QList<QVariant> &m) {
                return m.at(0).toString().startsWith(QStringLiteral("Trend warning: fetch_data latency_ms"));
            }));
            auto *page = qobject_cast<TrendPage *>(w->page(QStringLiteral("trends")));
            // The analysis runs on the engine thread and reaches the page with a publication.
            QTRY_VERIFY_WITH_TIMEOUT(page->seriesList()->topLevelItemCount() > 0, 20000);
            QVERIFY(page->selectSeries(QStringLiteral("process_customer_order"), QStringLiteral("1.0.0"),
                                       QStringLiteral("fetch_data"), QStringLiteral("latency_ms")));
            const TrendSeriesData *s = page->currentSeries();
            QVERIFY(s);
            QVERIFY(s->result.significant);
            QCOMPARE(s->result.direction, 1);
            // +1.2 ms/day on the mean (the creep is the seed's), within 25 % on 30 noisy days.
            QVERIFY2(s->result.slopePerDay > 0.9 && s->result.slopePerDay < 1.5,
                     qPrintable(QString::number(s->result.slopePerDay)));
            QVERIFY(s->points.size() >= 20);

            // Proposing from the page records the operator in the audit trail.
            QTest::mouseClick(page->proposeButton(), Qt::LeftButton);
            QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("add_cache")));

            // The trend warnings became proposals in the ledger, without anyone asking.
            const MutationLedger *ledger = w->session()->evolution()->ledger();
            QTRY_VERIFY(std::any_of(ledger->mutations().begin(), ledger->mutations().end(), [](const Mutation &m) {
                return m.source == MutationSource::Trend && m.tool == u"fetch_data" && m.kind == MutationKind::AddCache;
            }));
            // The trend view's own proposal joined the open one, with the operator in its audit trail.
            const auto addCache = std::find_if(ledger->mutations().begin(), ledger->mutations().end(), [](const Mutation &m) {
                return m.tool == u"fetch_data" && m.kind == MutationKind::AddCache;
            });
            QVERIFY(addCache != ledger->mutations().end());
            QCOMPARE(addCache->history.back().who, QStringLiteral("dana"));
            auto *mutations = qobject_cast<MutationsPage *>(w->page(QStringLiteral("mutations")));
            QCOMPARE(mutations->mutationTable()->topLevelItemCount(), int(ledger->mutations().size()));
        } // closing the window writes what is pending

        MutationLedger reloaded;
        EvolutionStore store;
        QString error;
        QVERIFY2(store.open(database(), &error), qPrintable(error));
        QVERIFY2(store.load(reloaded, &error), qPrintable(error));
        QVERIFY(std::any_of(reloaded.mutations().begin(), reloaded.mutations().end(), [](const Mutation &m) {
            return m.source == MutationSource::Trend && m.tool == u"fetch_data";
        }));

        // The next start finds them again.
        auto w = window();
        QVERIFY(!w->session()->evolution()->ledger()->mutations().empty());
    }

    void aNewVersionIsComparedWithItsBaseline()
    {
        const QString path = m_dir.filePath(QStringLiteral("versions.jsonl"));
        QVERIFY(writeTwoVersions(path, 3000, 1.5));
        auto w = window();
        importFile(*w, path);
        auto *page = qobject_cast<VersionsPage *>(w->page(QStringLiteral("versions")));
        QVERIFY(w->setCurrentPage(QStringLiteral("versions")));
        QTRY_VERIFY_WITH_TIMEOUT(page->comparisonWidget()->hasComparison(), 20000);
        const ShadowComparison &c = page->comparisonWidget()->comparison();
        QCOMPARE(c.workflow, QStringLiteral("process_customer_order"));
        QCOMPARE(c.baseline, QStringLiteral("1.0.0"));
        QCOMPARE(c.candidate, QStringLiteral("1.1.0"));
        QCOMPARE(c.recommendation, ShadowRecommendation::RollBack);
        const ToolComparison *fetch = c.tool(QStringLiteral("fetch_data"));
        QVERIFY(fetch);
        QCOMPARE(fetch->verdict, ShadowVerdict::Regression);
        QCOMPARE(page->candidateBox()->currentText(), QStringLiteral("1.1.0"));

        // Swapping the pair is answered from the engine thread too.
        QSignalSpy answered(w->session()->host(), &EngineHost::comparisonReady);
        QVERIFY(page->selectPair(QStringLiteral("process_customer_order"), QStringLiteral("1.1.0"),
                                 QStringLiteral("1.0.0")));
        QTRY_VERIFY(answered.count() >= 1);
        QTRY_COMPARE(page->comparisonWidget()->comparison().baseline, QStringLiteral("1.1.0"));
        QCOMPARE(page->comparisonWidget()->comparison().recommendation, ShadowRecommendation::Promote);
    }

    void markingADriftForEvolutionProposesItsMutationButTheDemoKeepsNothing()
    {
        const auto storedMutations = [this] {
            MutationLedger ledger;
            EvolutionStore store;
            QString error;
            if (!store.open(database(), &error) || !store.load(ledger, &error))
                return qsizetype(-1);
            return qsizetype(ledger.mutations().size());
        };
        const qsizetype before = storedMutations();
        QVERIFY(before >= 0);

        auto w = window();
        QVERIFY(ConsoleWindowTest::runDemo(*w, 400, Situation::ValidationDegradation, 150));
        EvolutionHub *hub = w->session()->evolution();
        QVERIFY(hub->isScratch());

        auto *page = qobject_cast<DriftPage *>(w->page(QStringLiteral("drift")));
        QVERIFY(w->setCurrentPage(QStringLiteral("drift")));
        QVERIFY(ConsoleWindowTest::clickDrift(page, QStringLiteral("Validation pass rate")) >= 0);
        QTRY_VERIFY(page->evolveButton()->isEnabled());
        const qsizetype proposedBefore = qsizetype(hub->ledger()->mutations().size());
        QTest::mouseClick(page->evolveButton(), Qt::LeftButton);

        // The rules tier diagnosed degrading validation: its sanitize_input proposal is what is recorded,
        // by the operator, with the drift linked.
        const qint64 driftId = page->currentEventId();
        QTRY_VERIFY(std::any_of(hub->ledger()->mutations().begin(), hub->ledger()->mutations().end(),
                                [driftId](const Mutation &m) {
                                    return m.tool == u"validate" && m.kind == MutationKind::SanitizeInput
                                           && m.eventIds.contains(driftId)
                                           && std::any_of(m.history.begin(), m.history.end(), [](const MutationTransition &t) {
                                                  return t.who == u"dana";
                                              });
                                }));
        QVERIFY(qsizetype(hub->ledger()->mutations().size()) >= proposedBefore);
        QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("sanitize_input")));

        // Nothing of the demo reaches the file, and a real session starts from the file again.
        QVERIFY(hub->save());
        QCOMPARE(storedMutations(), before);
        w->session()->reset();
        hub->setScratch(false);
        QCOMPARE(qsizetype(hub->ledger()->mutations().size()), before);
    }

    void aBrokenDatabaseIsReportedAndTheConsoleRuns()
    {
        const QString bad = m_dir.filePath(QStringLiteral("not-a-database.sqlite"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        AppSettings settings(m_dir.filePath(QStringLiteral("bad.ini")));
        settings.setEvolutionDatabase(bad);
        MainWindow w(&settings, m_language.get());
        w.show();
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("not kept")));
        QVERIFY(w.session()->evolution()->database().isEmpty());
        // The file is left as it was.
        QFile check(bad);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray(4096, 'x'));
    }
};

QTEST_MAIN(TestEvolutionPages)
#include "tst_evolutionpages.moc"
