// The console with a real tier ladder: an OpenAI-compatible server on loopback investigates the
// demo's drift, its token cost reaches the ledger, and stopping the server breaks nothing.
#include "core/fakellmserver.h"
#include "models/consoletestdata.h"

#include "appsettings.h"
#include "common/languagemanager.h"
#include "consolesession.h"
#include "enginehost.h"
#include "mainwindow/mainwindow.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Apprentice;

class TestConsoleTiers : public QObject
{
    Q_OBJECT

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
        DemoOptions o;
        o.speed = 0;
        o.scenario = Situation::ApiSlowdown;
        o.scenarioAt = 150;
        o.pauseAt = 220;
        w.startDemo(o);
        EngineHost *host = w.session()->host();
        QTRY_VERIFY_WITH_TIMEOUT(host->demoState().paused && host->demoState().executions >= 220, 30000);
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
};

QTEST_MAIN(TestConsoleTiers)
#include "tst_console_tiers.moc"
