// The console with a real tier ladder: an OpenAI-compatible server on loopback investigates the
// demo's drift, its token cost reaches the ledger, and stopping the server breaks nothing.
#include "core/fakellmserver.h"
#include "models/consoletestdata.h"

#include "appsettings.h"
#include "common/languagemanager.h"
#include "consolesession.h"
#include "drift/driftpage.h"
#include "enginehost.h"
#include "eventfiltermodel.h"
#include "eventsmodel.h"
#include "investigation/investigationview.h"
#include "ledgermodel.h"
#include "mainwindow/mainwindow.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace Apprentice;

class TestConsoleTiers : public QObject
{
    Q_OBJECT

    /// The demo as fast as possible with an API slowdown after 150 executions, paused at 220.
    static void runSlowdownUntilPaused(MainWindow &w)
    {
        DemoOptions o;
        o.speed = 0;
        o.scenario = Situation::ApiSlowdown;
        o.scenarioAt = 150;
        o.pauseAt = 220;
        w.startDemo(o);
        EngineHost *host = w.session()->host();
        QTRY_VERIFY_WITH_TIMEOUT(host->demoState().paused && host->demoState().executions >= 220, 30000);
    }

private slots:
    void driftIsInvestigatedThroughTheLadderAndSurvivesTheServerStopping()
    {
        QTemporaryDir dir;
        auto server = std::make_unique<FakeLlm::Server>();
        QVERIFY(server->isListening());
        server->route("/v1/chat/completions",
                      FakeLlm::Response::json(200, FakeLlm::openaiChat(
                                                       FakeLlm::diagnosisJson("SUSPICIOUS", 0.95, "UPDATE_PROFILE"), 20, 5)));
        AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        settings.setTiersJson(QStringLiteral(R"({"tiers":[{"name":"cheap","provider":"openai","base_url":"%1",
            "model":"gpt-4o-mini","accept_confidence":0.9,"input_usd_per_mtok":0.15,"output_usd_per_mtok":0.60,
            "timeout_s":2}]})").arg(server->url()).toUtf8());
        LanguageManager language;
        language.apply(QStringLiteral("en"));
        MainWindow w(&settings, &language);
        w.show();

        std::vector<Event> diagnoses;
        connect(w.session(), &ConsoleSession::eventsAdded, this, [&](const std::vector<EventRecord> &events) {
            for (const EventRecord &r : events)
                if (r.event.kind == EventKind::Diagnosis)
                    diagnoses.push_back(r.event);
        });
        runSlowdownUntilPaused(w);
        if (QTest::currentTestFailed())
            return;
        EngineHost *host = w.session()->host();
        // The slowdown's drift is answered by the ladder's tier, priced by its tokens.
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(diagnoses.begin(), diagnoses.end(), [](const Event &e) {
                                     return e.tier == u"cheap" && e.tool == u"fetch_data";
                                 }), 30000);
        const double perCall = 20 * 0.15e-6 + 5 * 0.60e-6;
        for (const Event &e : diagnoses)
            if (e.tier == u"cheap")
                QVERIFY(qFuzzyCompare(e.costUsd, perCall));
        host->flush();
        // Every call the server answered is in the ledger at its token price, and nothing else is:
        // at full demo speed the bounded queue skips (and records) the reviews it cannot keep up with.
        QTRY_VERIFY_WITH_TIMEOUT(host->totals().monitoringCostUsd > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(host->totals().monitoringCostUsd - server->count() * perCall) < 1e-9, 10000);

        // The server goes away in the middle; an outage follows. Ingestion goes on, the failure is
        // still diagnosed (by falling back), and the demo keeps running.
        server.reset();
        const qint64 before = host->demoState().executions;
        host->setSituation(Situation::ApiOutage, true);
        host->setDemoPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(host->demoState().executions >= before + 400, 30000);
        host->setDemoPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(diagnoses.begin(), diagnoses.end(), [](const Event &e) {
                                     return e.metric == u"status";
                                 }), 30000);
    }

    void rerunWithAChosenTierChargesItsTokensAndSurvivesTheServerStopping()
    {
        // Two servers: "cheap" answers everything during the demo; "careful" is asked only by the re-run.
        QTemporaryDir dir;
        FakeLlm::Server cheapServer;
        auto carefulServer = std::make_unique<FakeLlm::Server>();
        cheapServer.route("/v1/chat/completions",
                          FakeLlm::Response::json(200, FakeLlm::openaiChat(
                                                           FakeLlm::diagnosisJson("SUSPICIOUS", 0.95, "UPDATE_PROFILE"), 20, 5)));
        carefulServer->route("/v1/chat/completions",
                             FakeLlm::Response::json(200, FakeLlm::openaiChat(
                                                              FakeLlm::diagnosisJson("BROKEN", 0.88, "EVOLVE_WORKFLOW"), 1500, 200)));
        AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        settings.setTiersJson(QStringLiteral(R"({"tiers":[
            {"name":"cheap","provider":"openai","base_url":"%1","model":"gpt-4o-mini","accept_confidence":0.9,
             "input_usd_per_mtok":0.15,"output_usd_per_mtok":0.60,"timeout_s":20},
            {"name":"careful","provider":"openai","base_url":"%2/v1","model":"gpt-4o",
             "input_usd_per_mtok":2.50,"output_usd_per_mtok":10.00,"timeout_s":20,"max_attempts":1}]})")
                                  .arg(cheapServer.url(), carefulServer->url())
                                  .toUtf8());
        LanguageManager language;
        language.apply(QStringLiteral("en"));
        MainWindow w(&settings, &language);
        w.resize(1400, 900);
        w.show();
        EngineHost *host = w.session()->host();
        EventsModel *events = w.session()->events();

        qint64 driftId = 0;
        connect(w.session(), &ConsoleSession::eventsAdded, this, [&](const std::vector<EventRecord> &added) {
            for (const EventRecord &r : added)
                if (r.event.kind == EventKind::Diagnosis && r.event.tier == u"cheap" && r.event.tool == u"fetch_data" && !driftId)
                    driftId = r.event.relatesTo;
        });
        runSlowdownUntilPaused(w);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(driftId != 0 && events->investigation(driftId)
                                     && !events->investigation(driftId)->running, 30000);
        QCOMPARE(carefulServer->count(), 0);
        const double perCheap = 20 * 0.15e-6 + 5 * 0.60e-6;
        const double perCareful = 1500 * 2.50e-6 + 200 * 10.00e-6;
        int carefulCalls = 0; // the careful server's answers (it is stopped later)
        // Reviews of the demo's last executions may still be answered by "cheap": every answered call counts, nothing else.
        const auto spent = [&] { return cheapServer.count() * perCheap + carefulCalls * perCareful; };
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(host->totals().monitoringCostUsd - spent()) < 1e-9, 10000);

        // The operator picks "careful" on the drift page and presses Re-run.
        QVERIFY(w.setCurrentPage(QStringLiteral("drift")));
        auto *page = qobject_cast<DriftPage *>(w.page(QStringLiteral("drift")));
        QVERIFY(page);
        page->proxy()->setKinds(EventsModel::KindDrift | EventsModel::KindFailure);
        QVERIFY(page->selectEvent(driftId));
        InvestigationView *view = page->investigationView();
        const size_t before = events->investigation(driftId)->result.calls.size();
        QCOMPARE(size_t(view->transcript()->topLevelItemCount()), before);
        QCOMPARE(view->rerunTierCombo()->count(), 2);
        view->rerunTierCombo()->setCurrentText(QStringLiteral("careful"));
        QVERIFY(view->rerunButton()->isEnabled());
        QTest::mouseClick(view->rerunButton(), Qt::LeftButton);
        QVERIFY(!view->rerunButton()->isEnabled()); // running

        // Its answer is appended to the transcript, marked, and becomes the verdict.
        QTRY_VERIFY_WITH_TIMEOUT(events->investigation(driftId)->result.calls.size() == before + 1
                                     && !events->investigation(driftId)->running, 10000);
        const InvestigationRecord *inv = events->investigation(driftId);
        const TierCall &again = inv->result.calls.back();
        QCOMPARE(again.tier, u"careful"_qs);
        QCOMPARE(again.rerun, 1);
        QCOMPARE(again.inputTokens, 1500);
        QCOMPARE(again.outputTokens, 200);
        QVERIFY(qFuzzyCompare(again.costUsd, perCareful));
        QCOMPARE(inv->result.acceptedTier, u"careful"_qs);
        QCOMPARE(inv->result.diagnosis.action, DiagnosisAction::EvolveWorkflow);
        QCOMPARE(inv->result.calls.front().tier, u"cheap"_qs); // the first attempt is kept
        QCOMPARE(carefulServer->count(), 1);
        carefulCalls = carefulServer->count();
        QCOMPARE(carefulServer->last().json().value(u"model").toString(), u"gpt-4o"_qs);
        QTRY_COMPARE(size_t(view->transcript()->topLevelItemCount()), before + 1);
        QTRY_VERIFY(view->rerunButton()->isEnabled());
        QCOMPARE(view->transcript()->topLevelItem(int(before))->text(InvestigationView::ColTier), u"careful · re-run 1  ✔"_qs);
        QVERIFY(view->applyButton(DiagnosisAction::EvolveWorkflow)->isDefault());

        // Exactly that tier's tokens are charged: in the totals and as a ledger row.
        host->flush();
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(host->totals().monitoringCostUsd - spent()) < 1e-9, 10000);
        LedgerModel *ledger = w.session()->ledger();
        QTRY_VERIFY(ledger->rowCount() > 0);
        int charged = 0;
        for (int r = 0; r < ledger->rowCount(); ++r) {
            const LedgerEntry &e = ledger->entryAt(r);
            if (e.executions == 0 && qFuzzyCompare(e.investigationUsd, perCareful))
                ++charged;
        }
        QCOMPARE(charged, 1);

        // Refusals are clear and lose nothing.
        QSignalSpy refused(host, &EngineHost::rerunRefused);
        host->rerunInvestigation(driftId, QStringLiteral("no-such-tier"));
        host->rerunInvestigation(987654321, QStringLiteral("cheap"));
        host->rerunInvestigation(driftId, QStringLiteral("cheap"));
        host->rerunInvestigation(driftId, QStringLiteral("cheap")); // while the previous one is queued
        QTRY_COMPARE(refused.count(), 3);
        QCOMPARE(refused.at(0).at(2).value<RerunRefusal>(), RerunRefusal::UnknownTier);
        QCOMPARE(refused.at(1).at(2).value<RerunRefusal>(), RerunRefusal::NotKept);
        QCOMPARE(refused.at(2).at(2).value<RerunRefusal>(), RerunRefusal::AlreadyRunning);
        QTRY_VERIFY_WITH_TIMEOUT(events->investigation(driftId)->result.calls.size() == before + 2
                                     && !events->investigation(driftId)->running, 10000);

        // The careful server stops; a re-run with it fails, is recorded, costs nothing, and the console goes on.
        carefulServer.reset();
        view->rerunTierCombo()->setCurrentText(QStringLiteral("careful"));
        QTest::mouseClick(view->rerunButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(events->investigation(driftId)->result.calls.size() == before + 3
                                     && !events->investigation(driftId)->running, 10000);
        inv = events->investigation(driftId);
        QCOMPARE(inv->result.calls.back().rerun, 3);
        QVERIFY(!inv->result.calls.back().hasDiagnosis);
        QVERIFY2(inv->result.calls.back().error.contains(u"cannot reach"_qs), qPrintable(inv->result.calls.back().error));
        QCOMPARE(inv->result.acceptedTier, u"cheap"_qs); // the second re-run's answer still stands
        QTRY_VERIFY(view->noteLabel()->text().startsWith(u"Re-run with careful failed: cannot reach"_qs));
        if (const QByteArray shots = qgetenv("APPRENTICE_SCREENSHOT_DIR"); !shots.isEmpty()) {
            page->findChild<QTabWidget *>(QStringLiteral("driftDetailTabs"))->setCurrentIndex(1);
            QTRY_COMPARE(view->width(), view->parentWidget()->width()); // the layout has settled
            QVERIFY(w.grab().save(QDir(QString::fromLocal8Bit(shots)).filePath(QStringLiteral("drift-rerun.png"))));
        }
        host->flush();
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(host->totals().monitoringCostUsd - spent()) < 1e-9, 10000);
        const qint64 executions = host->demoState().executions;
        host->setDemoPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(host->demoState().executions >= executions + 100, 30000);
        host->setDemoPaused(true);
    }

    void rerunWithoutLlmTiersAsksTheRulesAgainForFree()
    {
        // No tiers configured: the engine's rules diagnosed the drift, and a re-run asks them again at once.
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        LanguageManager language;
        language.apply(QStringLiteral("en"));
        MainWindow w(&settings, &language);
        w.show();
        runSlowdownUntilPaused(w);
        if (QTest::currentTestFailed())
            return;
        EngineHost *host = w.session()->host();
        EventsModel *events = w.session()->events();
        auto *page = qobject_cast<DriftPage *>(w.page(QStringLiteral("drift")));
        QVERIFY(w.setCurrentPage(QStringLiteral("drift")));
        QTRY_VERIFY_WITH_TIMEOUT(page->selectLatestDrift(), 10000);
        const qint64 driftId = page->currentEventId();
        QTRY_VERIFY(events->investigation(driftId) && !events->investigation(driftId)->running);
        QCOMPARE(events->investigation(driftId)->result.calls.size(), size_t(1));
        InvestigationView *view = page->investigationView();
        QCOMPARE(view->rerunTierCombo()->count(), 1);
        QCOMPARE(view->rerunTierCombo()->currentText(), u"rules"_qs);
        host->flush();
        QTRY_VERIFY(host->totals().monitoringCostUsd > 0);
        const double spent = host->totals().monitoringCostUsd;

        QTest::mouseClick(view->rerunButton(), Qt::LeftButton);
        QTRY_COMPARE(events->investigation(driftId)->result.calls.size(), size_t(2));
        const TierCall &again = events->investigation(driftId)->result.calls.back();
        QCOMPARE(again.rerun, 1);
        QCOMPARE(again.provider, u"rules"_qs);
        QVERIFY(again.hasDiagnosis);
        QCOMPARE(again.costUsd, 0.0);
        QTRY_COMPARE(view->transcript()->topLevelItemCount(), 2);
        host->flush();
        QTRY_VERIFY(std::abs(host->totals().monitoringCostUsd - spent) < 1e-12);
    }
};

QTEST_MAIN(TestConsoleTiers)
#include "tst_console_tiers.moc"
