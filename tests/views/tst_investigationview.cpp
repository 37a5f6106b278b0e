#include "core/fakellmserver.h"
#include "investigation/investigationview.h"
#include "investigation/tiersettingswidget.h"
#include "llm/tierladder.h"
#include "resources.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace Apprentice;

class TestInvestigationView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static InvestigationContext context() { return FakeLlm::validationDrift(QStringLiteral("−5% over 10 runs")); }

    static TierCall call(const char *tier, const char *provider, const char *model, double confidence, const char *action,
                         const char *rootCause, qint64 in, qint64 out, double cost, qint64 latency)
    {
        TierCall c;
        c.tier = QString::fromUtf8(tier);
        c.provider = QString::fromUtf8(provider);
        c.model = QString::fromUtf8(model);
        c.inputTokens = in;
        c.outputTokens = out;
        c.costUsd = cost;
        c.latencyMs = latency;
        c.httpStatus = 200;
        c.httpAttempts = 1;
        c.hasDiagnosis = true;
        c.diagnosis.status = DiagnosisStatus::Suspicious;
        c.diagnosis.confidence = confidence;
        actionFromName(QString::fromUtf8(action), c.diagnosis.action);
        c.diagnosis.rootCause = QString::fromUtf8(rootCause);
        c.request = QStringLiteral("POST http://localhost:11434/api/chat\nContent-Type: application/json\n\n"
                                   "{\"model\":\"%1\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Investigate a drift\"}]}")
                        .arg(c.model);
        c.response = QStringLiteral("HTTP 200 OK\nContent-Type: application/json\n\n{\"done\":true,\"eval_count\":%1}").arg(out);
        return c;
    }

    /// A call whose server refused the connection.
    static TierCall unreachable(const char *tier, const char *model, const char *url)
    {
        TierCall c;
        c.tier = QString::fromUtf8(tier);
        c.provider = QStringLiteral("ollama");
        c.model = QString::fromUtf8(model);
        c.error = QStringLiteral("cannot reach %1: Connection refused (after 3 attempts)").arg(QString::fromUtf8(url));
        c.httpAttempts = 3;
        return c;
    }

    static InvestigationResult escalated()
    {
        InvestigationResult r;
        TierCall fast = call("fast", "ollama", "gemma2:2b", 0.72, "ESCALATE_TO_HUMAN",
                             "Validation pass rate dropped from 100% to 94%", 612, 88, 0, 840);
        TierCall broken = call("medium", "ollama", "llama3:8b", 0, "IGNORE", "", 1450, 40, 0, 2950);
        broken.hasDiagnosis = false;
        broken.error = QStringLiteral("unusable answer, asking once more: the reply is not valid JSON (unterminated string at offset 212)");
        TierCall medium = call("medium", "ollama", "llama3:8b", 0.86, "EVOLVE_WORKFLOW",
                               "Input data quality decreased; the workflow is correct but fragile", 1710, 160, 0, 3120);
        medium.attempt = 2;
        TierCall cloud = call("expensive", "anthropic", "claude-sonnet-4-6", 0.97, "EVOLVE_WORKFLOW",
                              "An upstream producer started sending records with missing fields", 2140, 310, 0.011070, 6400);
        cloud.retries = {QStringLiteral("attempt 1: HTTP 529 from https://api.anthropic.com/v1/messages: Overloaded (overloaded_error) — waited 612 ms (backoff)")};
        cloud.httpAttempts = 2;
        cloud.accepted = true;
        cloud.diagnosis.evidence = {QStringLiteral("validation_pass mean 0.995 → last 10 runs 0.93 (−6.5σ)"),
                                    QStringLiteral("7 of the last 10 runs below the profile's p1"),
                                    QStringLiteral("latency and output size unchanged: the tool itself is healthy")};
        cloud.diagnosis.mutation = {QStringLiteral("sanitize_input"), QStringLiteral("Add an input sanitization step before process"),
                                    QStringLiteral("+8% validation pass rate")};
        r.calls = {fast, broken, medium, cloud};
        r.outcome = InvestigationOutcome::Accepted;
        r.acceptedTier = QStringLiteral("expensive");
        r.diagnosis = cloud.diagnosis;
        r.totalCostUsd = cloud.costUsd;
        r.totalLatencyMs = 13310;
        return r;
    }

    void save(QWidget *w, const QString &name)
    {
        const QImage image = w->grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(image.save(m_dir.filePath(name)));
        const QByteArray dir = qgetenv("APPRENTICE_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(image.save(QDir(QString::fromLocal8Bit(dir)).filePath(name)));
    }

private slots:
    void showsTheTranscriptTierByTier()
    {
        InvestigationView view;
        view.resize(1180, 780);
        view.setInvestigation(context(), escalated());
        view.setTierNames({u"fast"_qs, u"medium"_qs, u"expensive"_qs});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        QTreeWidget *t = view.transcript();
        QCOMPARE(t->topLevelItemCount(), 4);
        QCOMPARE(t->topLevelItem(0)->text(InvestigationView::ColTier), u"fast"_qs);
        QCOMPARE(t->topLevelItem(0)->text(InvestigationView::ColConfidence), u"0.72"_qs);
        QCOMPARE(t->topLevelItem(1)->text(InvestigationView::ColConfidence), u"–"_qs);
        QVERIFY(t->topLevelItem(1)->text(InvestigationView::ColAnswer).contains(u"not valid JSON"_qs));
        QCOMPARE(t->topLevelItem(2)->text(InvestigationView::ColTier), u"medium (repair)"_qs);
        QCOMPARE(t->topLevelItem(3)->text(InvestigationView::ColModel), u"anthropic · claude-sonnet-4-6"_qs);
        QCOMPARE(t->topLevelItem(3)->text(InvestigationView::ColCost), u"$0.0111"_qs);
        QCOMPARE(t->topLevelItem(3)->text(InvestigationView::ColTokens), u"2140 / 310"_qs);
        QVERIFY(t->topLevelItem(3)->font(InvestigationView::ColTier).bold());
        // The accepted call is selected and its exchange shown.
        QCOMPARE(t->currentItem(), t->topLevelItem(3));
        QVERIFY(view.requestText()->toPlainText().contains(u"\"model\": \"claude-sonnet-4-6\""_qs));
        t->setCurrentItem(t->topLevelItem(0));
        QVERIFY(view.requestText()->toPlainText().contains(u"\"model\": \"gemma2:2b\""_qs));
        QVERIFY(view.responseText()->toPlainText().startsWith(u"HTTP 200 OK"_qs));
        t->setCurrentItem(t->topLevelItem(3));
        save(&view, QStringLiteral("investigation.png"));
    }

    void buttonsEmitTheChosenAction()
    {
        InvestigationView view;
        view.setInvestigation(context(), escalated());
        view.setTierNames({u"fast"_qs, u"medium"_qs, u"expensive"_qs});
        QSignalSpy apply(&view, &InvestigationView::applyRequested);
        QSignalSpy rerun(&view, &InvestigationView::rerunRequested);

        QVERIFY(view.applyButton(DiagnosisAction::EvolveWorkflow)->isDefault());
        QVERIFY(!view.applyButton(DiagnosisAction::UpdateProfile)->isDefault());
        QTest::mouseClick(view.applyButton(DiagnosisAction::EvolveWorkflow), Qt::LeftButton);
        QTest::mouseClick(view.applyButton(DiagnosisAction::UpdateProfile), Qt::LeftButton);
        QTest::mouseClick(view.applyButton(DiagnosisAction::Recover), Qt::LeftButton);
        QCOMPARE(apply.count(), 3);
        QCOMPARE(apply.at(0).at(0).value<DiagnosisAction>(), DiagnosisAction::EvolveWorkflow);
        QCOMPARE(apply.at(1).at(0).value<DiagnosisAction>(), DiagnosisAction::UpdateProfile);
        QCOMPARE(apply.at(2).at(0).value<DiagnosisAction>(), DiagnosisAction::Recover);

        QCOMPARE(view.rerunTierCombo()->currentText(), u"expensive"_qs); // the accepted tier by default
        view.rerunTierCombo()->setCurrentText(u"medium"_qs);
        QTest::mouseClick(view.rerunButton(), Qt::LeftButton);
        QCOMPARE(rerun.count(), 1);
        QCOMPARE(rerun.at(0).at(0).toString(), u"medium"_qs);

        view.setApplied(u"Evolution proposal recorded"_qs);
        QVERIFY(!view.applyButton(DiagnosisAction::EvolveWorkflow)->isEnabled());

        // While it runs (a re-run too) the transcript so far stays and new calls are appended.
        view.setRunning(true);
        QVERIFY(!view.rerunButton()->isEnabled());
        QVERIFY(!view.applyButton(DiagnosisAction::EvolveWorkflow)->isEnabled());
        QCOMPARE(view.transcript()->topLevelItemCount(), 4);
        view.addCall(escalated().calls[0]);
        QCOMPARE(view.transcript()->topLevelItemCount(), 5);
    }

    void rerunsAreMarkedAndAFailedOneKeepsTheVerdict()
    {
        InvestigationView view;
        view.resize(1180, 780);
        InvestigationResult r = escalated();
        InvestigationResult again;
        TierCall medium = call("medium", "ollama", "llama3:8b", 0.91, "UPDATE_PROFILE",
                               "The upstream schema change is permanent; the new pass rate is the normal", 1650, 120, 0, 2800);
        medium.accepted = true;
        again.calls = {medium};
        again.outcome = InvestigationOutcome::Accepted;
        again.acceptedTier = medium.tier;
        again.diagnosis = medium.diagnosis;
        appendRerun(r, again);
        view.setInvestigation(context(), r);
        view.setTierNames({u"fast"_qs, u"medium"_qs, u"expensive"_qs});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        QTreeWidget *t = view.transcript();
        QCOMPARE(t->topLevelItemCount(), 5);
        QCOMPARE(t->topLevelItem(3)->text(InvestigationView::ColTier), u"expensive  ✔"_qs); // the first verdict, kept
        QCOMPARE(t->topLevelItem(4)->text(InvestigationView::ColTier), u"medium · re-run 1  ✔"_qs);
        QCOMPARE(t->currentItem(), t->topLevelItem(4)); // the newest accepted answer
        // The re-run's answer is the verdict now: the recommended button follows it.
        QVERIFY(view.applyButton(DiagnosisAction::UpdateProfile)->isDefault());
        QVERIFY(view.noteLabel()->text().isEmpty());
        save(&view, QStringLiteral("investigation-rerun.png"));

        // The server is gone for the second re-run: recorded, and the verdict stands.
        InvestigationResult dead;
        dead.calls = {unreachable("medium", "llama3:8b", "http://127.0.0.1:11434/api/chat")};
        dead.outcome = InvestigationOutcome::Failed;
        appendRerun(r, dead);
        view.setInvestigation(context(), r);
        QCOMPARE(t->topLevelItemCount(), 6);
        QCOMPARE(t->topLevelItem(5)->text(InvestigationView::ColTier), u"medium · re-run 2"_qs);
        QVERIFY(t->topLevelItem(5)->text(InvestigationView::ColAnswer).contains(u"Connection refused"_qs));
        QVERIFY2(view.noteLabel()->text().startsWith(u"Re-run with medium failed: cannot reach"_qs), qPrintable(view.noteLabel()->text()));
        QVERIFY(view.noteLabel()->text().endsWith(u"The earlier verdict stands."_qs));
        QVERIFY(view.applyButton(DiagnosisAction::UpdateProfile)->isDefault());
        QVERIFY(view.markdown().contains(u"| 6 | medium (re-run 2) | ollama | llama3:8b | 1 | error: cannot reach"_qs));
        QVERIFY(view.answerText()->toPlainText().startsWith(u"Tier medium · ollama llama3:8b · attempt 1 · re-run 1\n"_qs));
        save(&view, QStringLiteral("investigation-rerun-failed.png"));
    }

    void exportsMarkdown()
    {
        InvestigationView view;
        view.setInvestigation(context(), escalated());
        const QString path = m_dir.filePath(u"investigation.md"_qs);
        QString error;
        QVERIFY2(view.exportMarkdown(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString md = QString::fromUtf8(f.readAll());
        QVERIFY(md.startsWith(u"# Investigation: process_customer_order / process — drift"_qs));
        QVERIFY(md.contains(u"accepted by tier `expensive`"_qs));
        QVERIFY(md.contains(u"| 4 | expensive | anthropic | claude-sonnet-4-6 | 1 | SUSPICIOUS / EVOLVE_WORKFLOW ✔ | 0.97 | 2140/310 |"_qs));
        QVERIFY(md.contains(u"Proposed mutation: `sanitize_input`"_qs));
    }

    void emptyAndFailedStatesReadWell()
    {
        InvestigationView view;
        QVERIFY(!view.rerunButton()->isEnabled());
        QVERIFY(!view.applyButton(DiagnosisAction::Recover)->isEnabled());
        InvestigationResult failed;
        failed.outcome = InvestigationOutcome::Failed;
        failed.diagnosis.action = DiagnosisAction::EscalateToHuman;
        failed.diagnosis.rootCause = QStringLiteral("No tier produced a usable diagnosis");
        failed.calls = {unreachable("fast", "gemma2:2b", "http://localhost:11434/api/chat")};
        view.setInvestigation(context(), failed);
        QVERIFY(view.applyButton(DiagnosisAction::Recover)->isEnabled());
        QVERIFY(!view.applyButton(DiagnosisAction::Recover)->isDefault());
        QVERIFY(view.responseText()->toPlainText().contains(u"no HTTP response"_qs));
    }

    void settingsEditTheLadder()
    {
        ensureResources();
        QFile f(QStringLiteral(":/tiers.example.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const TierLadder example = TierLadder::fromJson(f.readAll());
        TierSettingsWidget w;
        w.resize(980, 640);
        w.setLadder(example);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy changed(&w, &TierSettingsWidget::ladderChanged);
        QCOMPARE(w.table()->rowCount(), 3);
        QCOMPARE(w.table()->item(2, TierSettingsWidget::ColAccept)->text(), u"always"_qs);
        QCOMPARE(w.ladder().toJson(), example.toJson());
        QVERIFY(w.validationErrors().isEmpty());
        w.selectTier(2);
        save(&w, QStringLiteral("tier-settings.png"));

        w.addTier();
        QCOMPARE(w.table()->rowCount(), 4);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(w.ladder().at(3).provider, ProviderKind::Ollama);
        QVERIFY(w.validationErrors().join(u'\n').contains(u"tiers[3].model: is required"_qs));

        w.providerCombo()->setCurrentIndex(w.providerCombo()->findData(u"anthropic"_qs));
        QCOMPARE(w.ladder().at(3).baseUrl, u"https://api.anthropic.com"_qs);
        QCOMPARE(w.ladder().at(3).apiKeyEnv, u"ANTHROPIC_API_KEY"_qs);
        w.modelCombo()->setCurrentText(u"claude-haiku-4-5"_qs);
        QVERIFY(w.fillPricesFromTable());
        QCOMPARE(w.ladder().at(3).inputUsdPerMTok, 1.0);
        QCOMPARE(w.ladder().at(3).outputUsdPerMTok, 5.0);
        QVERIFY(w.validationErrors().isEmpty());

        w.moveTier(3, -1);
        QCOMPARE(w.ladder().names(), QStringList({u"fast"_qs, u"medium"_qs, u"tier4"_qs, u"expensive"_qs}));
        w.removeTier(2);
        QCOMPARE(w.ladder().names(), QStringList({u"fast"_qs, u"medium"_qs, u"expensive"_qs}));
    }

    void settingsListTheServersModels_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("ollama /api/tags") << u"ollama"_qs << QString() << QByteArray("/api/tags")
                                          << FakeLlm::ollamaTags({u"llama3:8b"_qs, u"gemma2:2b"_qs})
                                          << QStringList{u"gemma2:2b"_qs, u"llama3:8b"_qs};
        QTest::newRow("openai /v1/models") << u"openai"_qs << QString() << QByteArray("/v1/models")
                                           << FakeLlm::openaiModels({u"gpt-4o-mini"_qs, u"gpt-4o"_qs, u"o3-mini"_qs})
                                           << QStringList{u"gpt-4o"_qs, u"gpt-4o-mini"_qs, u"o3-mini"_qs};
        QTest::newRow("openai, base with /v1") << u"openai"_qs << u"/v1"_qs << QByteArray("/v1/models")
                                               << FakeLlm::openaiModels({u"qwen2.5-7b-instruct"_qs})
                                               << QStringList{u"qwen2.5-7b-instruct"_qs};
    }

    void settingsListTheServersModels()
    {
        QFETCH(QString, provider);
        QFETCH(QString, suffix);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QStringList, expected);
        FakeLlm::Server server;
        server.route(path, FakeLlm::Response::json(200, body));
        TierSettingsWidget w;
        w.resize(980, 640);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.addTier();
        w.providerCombo()->setCurrentIndex(w.providerCombo()->findData(provider));
        w.baseUrlEdit()->clear();
        QTest::keyClicks(w.baseUrlEdit(), server.url() + suffix);
        QSignalSpy fetched(&w, &TierSettingsWidget::modelsFetched);
        QVERIFY(w.fetchButton()->isEnabled());
        QTest::mouseClick(w.fetchButton(), Qt::LeftButton);
        QVERIFY(!w.fetchButton()->isEnabled()); // asynchronous: nothing waits for the server
        QVERIFY(w.statusLabel()->text().contains(QString::fromUtf8(path)));
        QTRY_COMPARE(fetched.count(), 1);
        QCOMPARE(server.last().method, QByteArray("GET"));
        QCOMPARE(server.last().path, path);
        QStringList offered;
        for (int i = 0; i < w.modelCombo()->count(); ++i)
            offered << w.modelCombo()->itemText(i);
        QCOMPARE(offered, expected);
        QCOMPARE(w.modelCombo()->currentText(), expected.first()); // the tier had no model yet
        QCOMPARE(w.ladder().at(w.currentTier()).model, expected.first());
        QVERIFY(w.statusLabel()->text().contains(u"%1 model"_qs.arg(expected.size())));
        QVERIFY(w.fetchButton()->isEnabled());
    }

    void settingsSayWhenTheServerIsDown()
    {
        TierConfig dead;
        dead.name = QStringLiteral("local");
        dead.provider = ProviderKind::OpenAi;
        dead.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(FakeLlm::Server::unusedPort());
        dead.model = QStringLiteral("gpt-4o-mini");
        TierSettingsWidget w;
        w.setLadder(TierLadder({dead}));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy fetched(&w, &TierSettingsWidget::modelsFetched);
        QTest::mouseClick(w.fetchButton(), Qt::LeftButton);
        QTRY_COMPARE(fetched.count(), 1);
        QVERIFY(fetched.at(0).at(0).toStringList().isEmpty());
        QVERIFY2(w.statusLabel()->text().startsWith(u"cannot reach http://127.0.0.1:"_qs), qPrintable(w.statusLabel()->text()));
        QVERIFY(w.statusLabel()->text().contains(u"/v1/models"_qs));
        // The configured model is kept and the action can be tried again.
        QCOMPARE(w.modelCombo()->currentText(), u"gpt-4o-mini"_qs);
        QCOMPARE(w.ladder().at(0).model, u"gpt-4o-mini"_qs);
        QVERIFY(w.fetchButton()->isEnabled());
    }
};

QTEST_MAIN(TestInvestigationView)
#include "tst_investigationview.moc"
