#include "fakellmserver.h"
#include "llm/investigationqueue.h"
#include "llm/investigator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Apprentice;
using FakeLlm::Response;

class TestLlmInvestigator : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<FakeLlm::Server> m_ollama, m_openai, m_anthropic;

    static RetryPolicy fastRetries()
    {
        RetryPolicy p;
        p.maxAttempts = 3;
        p.baseDelayMs = 1;
        p.maxDelayMs = 4;
        return p;
    }

    static InvestigationContext validationDrift()
    {
        return FakeLlm::validationDrift(QStringLiteral("DEGRADING (5% drop over 10 runs)"));
    }

    TierConfig fast() const
    {
        TierConfig t;
        t.name = QStringLiteral("fast");
        t.provider = ProviderKind::Ollama;
        t.baseUrl = m_ollama->url();
        t.model = QStringLiteral("gemma2:2b");
        t.acceptConfidence = 0.95;
        t.timeoutS = 5;
        return t;
    }
    TierConfig medium() const
    {
        TierConfig t;
        t.name = QStringLiteral("medium");
        t.provider = ProviderKind::OpenAi;
        t.baseUrl = m_openai->url() + u"/v1"_qs;
        t.model = QStringLiteral("gpt-4o-mini");
        t.acceptConfidence = 0.90;
        t.apiKeyEnv = QStringLiteral("APPRENTICE_TEST_OPENAI_KEY");
        t.inputUsdPerMTok = 0.15;
        t.outputUsdPerMTok = 0.60;
        t.timeoutS = 5;
        return t;
    }
    TierConfig expensive() const
    {
        TierConfig t;
        t.name = QStringLiteral("expensive");
        t.provider = ProviderKind::Anthropic;
        t.baseUrl = m_anthropic->url();
        t.model = QStringLiteral("claude-sonnet-4-6");
        t.acceptConfidence = 0;
        t.apiKeyEnv = QStringLiteral("APPRENTICE_TEST_ANTHROPIC_KEY");
        t.inputUsdPerMTok = 3;
        t.outputUsdPerMTok = 15;
        t.timeoutS = 5;
        return t;
    }
    static TierConfig rules()
    {
        return TierLadder::defaultLadder().at(0);
    }

    InvestigationResult run(const TierLadder &ladder, const InvestigationContext &ctx, int *callSignals = nullptr)
    {
        Investigator investigator(ladder, &m_network);
        investigator.setRetryPolicy(fastRetries());
        QSignalSpy calls(&investigator, &Investigator::callFinished);
        QSignalSpy finished(&investigator, &Investigator::finished);
        investigator.start(ctx);
        if (!finished.wait(10000))
            qWarning("investigation never finished");
        if (callSignals)
            *callSignals = int(calls.count());
        return finished.isEmpty() ? InvestigationResult() : finished.at(0).at(0).value<InvestigationResult>();
    }

    static QString lastUserMessage(const FakeLlm::Request &req)
    {
        const QJsonArray messages = req.json().value(u"messages").toArray();
        return messages.last().toObject().value(u"content").toString();
    }

private slots:
    void initTestCase()
    {
        qputenv("APPRENTICE_TEST_ANTHROPIC_KEY", "sk-ant-test-0123456789");
        qputenv("APPRENTICE_TEST_OPENAI_KEY", "sk-proj-test-9876543210");
        qunsetenv("APPRENTICE_TEST_UNSET_KEY");
    }

    void init()
    {
        m_ollama = std::make_unique<FakeLlm::Server>();
        m_openai = std::make_unique<FakeLlm::Server>();
        m_anthropic = std::make_unique<FakeLlm::Server>();
    }

    void escalatesThroughThreeTiers()
    {
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(
            FakeLlm::diagnosisJson("SUSPICIOUS", 0.72, "ESCALATE_TO_HUMAN", "Validation pass rate dropped from 100% to 94%"), 610, 90)));
        m_openai->enqueue(Response::json(200, FakeLlm::openaiChat(
            FakeLlm::diagnosisJson("SUSPICIOUS", 0.85, "EVOLVE_WORKFLOW", "Input data quality decreased", "sanitize_input"), 700, 120)));
        m_anthropic->enqueue(Response::json(200, FakeLlm::anthropicMessage(
            FakeLlm::diagnosisJson("SUSPICIOUS", 0.98, "EVOLVE_WORKFLOW", "Upstream started sending malformed records", "sanitize_input"),
            900, 150, 0, 0)));
        int callSignals = 0;
        const InvestigationResult r = run(TierLadder({fast(), medium(), expensive()}), validationDrift(), &callSignals);

        QCOMPARE(r.outcome, InvestigationOutcome::Accepted);
        QCOMPARE(r.acceptedTier, u"expensive"_qs);
        QCOMPARE(r.calls.size(), size_t(3));
        QCOMPARE(callSignals, 3);
        QCOMPARE(r.calls[0].tier, u"fast"_qs);
        QCOMPARE(r.calls[0].provider, u"ollama"_qs);
        QCOMPARE(r.calls[0].diagnosis.confidence, 0.72);
        QVERIFY(!r.calls[0].accepted);
        QCOMPARE(r.calls[0].costUsd, 0.0);
        QCOMPARE(r.calls[1].provider, u"openai"_qs);
        QCOMPARE(r.calls[1].costUsd, (700 * 0.15 + 120 * 0.60) / 1e6);
        QVERIFY(!r.calls[1].accepted);
        QCOMPARE(r.calls[2].provider, u"anthropic"_qs);
        QCOMPARE(r.calls[2].inputTokens, 900);
        QCOMPARE(r.calls[2].costUsd, (900 * 3.0 + 150 * 15.0) / 1e6);
        QVERIFY(r.calls[2].accepted);
        QCOMPARE(r.diagnosis.confidence, 0.98);
        QCOMPARE(r.diagnosis.action, DiagnosisAction::EvolveWorkflow);
        QCOMPARE(r.diagnosis.mutation.kind, u"sanitize_input"_qs);
        QVERIFY(qAbs(r.totalCostUsd - (r.calls[1].costUsd + r.calls[2].costUsd)) < 1e-12);
        for (const TierCall &c : r.calls) {
            QCOMPARE(c.httpStatus, 200);
            QVERIFY(c.error.isEmpty());
            QVERIFY(!c.request.isEmpty() && !c.response.isEmpty());
            QVERIFY(!c.request.contains(u"sk-"_qs));
        }

        // Later tiers see what the earlier ones said.
        const QString mediumPrompt = lastUserMessage(m_openai->last());
        QVERIFY2(mediumPrompt.contains(u"tier fast (gemma2:2b): SUSPICIOUS, ESCALATE_TO_HUMAN, confidence 0.72"_qs), qPrintable(mediumPrompt));
        QVERIFY(mediumPrompt.contains(u"0.94, 0.92, 1, 0.89"_qs));
        QVERIFY(mediumPrompt.contains(u"DEGRADING"_qs));
        const QString expensivePrompt = lastUserMessage(m_anthropic->last());
        QVERIFY(expensivePrompt.contains(u"tier fast (gemma2:2b)"_qs));
        QVERIFY(expensivePrompt.contains(u"tier medium (gpt-4o-mini): SUSPICIOUS, EVOLVE_WORKFLOW, confidence 0.85"_qs));
    }

    void stopsAtTheFirstConfidentTier()
    {
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(FakeLlm::diagnosisJson("BROKEN", 0.97, "RECOVER", "API returned 500"))));
        const InvestigationResult r = run(TierLadder({fast(), medium(), expensive()}), validationDrift());
        QCOMPARE(r.outcome, InvestigationOutcome::Accepted);
        QCOMPARE(r.acceptedTier, u"fast"_qs);
        QCOMPARE(r.calls.size(), size_t(1));
        QCOMPARE(m_openai->count(), 0);
        QCOMPARE(m_anthropic->count(), 0);
        QCOMPARE(r.totalCostUsd, 0.0);
    }

    void repairsAMalformedAnswerOnce()
    {
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat("The validation rate looks lower, probably the input. Confidence: high")));
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(FakeLlm::diagnosisJson("SUSPICIOUS", 0.96, "EVOLVE_WORKFLOW"))));
        const InvestigationResult r = run(TierLadder({fast(), medium()}), validationDrift());
        QCOMPARE(r.outcome, InvestigationOutcome::Accepted);
        QCOMPARE(r.acceptedTier, u"fast"_qs);
        QCOMPARE(r.calls.size(), size_t(2));
        QCOMPARE(r.calls[0].attempt, 1);
        QVERIFY2(r.calls[0].error.contains(u"unusable answer, asking once more"_qs), qPrintable(r.calls[0].error));
        QVERIFY(!r.calls[0].hasDiagnosis);
        QCOMPARE(r.calls[1].attempt, 2);
        QVERIFY(r.calls[1].accepted);
        QCOMPARE(m_openai->count(), 0);

        const QJsonArray messages = m_ollama->last().json().value(u"messages").toArray();
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages.at(2).toObject().value(u"role").toString(), u"assistant"_qs);
        QVERIFY(messages.at(2).toObject().value(u"content").toString().startsWith(u"The validation rate"_qs));
        const QString repair = messages.at(3).toObject().value(u"content").toString();
        QVERIFY2(repair.contains(u"not valid JSON"_qs), qPrintable(repair));
        QVERIFY(repair.contains(u"\"root_cause\""_qs));
    }

    void schemaViolationTwiceFailsTheTier()
    {
        const QByteArray bad = FakeLlm::diagnosisJson("SUSPICIOUS", 1.7, "EVOLVE_WORKFLOW");
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(bad)));
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(bad)));
        m_openai->enqueue(Response::json(200, FakeLlm::openaiChat(FakeLlm::diagnosisJson("SUSPICIOUS", 0.8, "EVOLVE_WORKFLOW"))));
        const InvestigationResult r = run(TierLadder({fast(), medium()}), validationDrift());
        QCOMPARE(m_ollama->count(), 2);
        QCOMPARE(r.calls.size(), size_t(3));
        QVERIFY(r.calls[0].error.contains(u"must be between 0.0 and 1.0, got 1.7"_qs));
        QVERIFY2(r.calls[1].error.contains(u"unusable answer after the repair request"_qs), qPrintable(r.calls[1].error));
        QVERIFY(lastUserMessage(m_ollama->last()).contains(u"\"confidence\" must be between 0.0 and 1.0"_qs));
        // The last tier is accepted whatever its confidence.
        QCOMPARE(r.outcome, InvestigationOutcome::Accepted);
        QCOMPARE(r.acceptedTier, u"medium"_qs);
        QCOMPARE(r.diagnosis.confidence, 0.8);
        QVERIFY(lastUserMessage(m_openai->last()).contains(u"tier fast (gemma2:2b): no answer (unusable answer after the repair request"_qs));
    }

    void deadOrSlowTiersAreSkipped_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::addColumn<QString>("expected");
        QTest::newRow("connection refused") << u"refused"_qs << u"cannot reach"_qs;
        QTest::newRow("timeout") << u"timeout"_qs << u"no answer from"_qs;
        QTest::newRow("5xx exhausted") << u"5xx"_qs << u"after 3 attempts"_qs;
        QTest::newRow("quota") << u"quota"_qs << u"not retried"_qs;
    }
    void deadOrSlowTiersAreSkipped()
    {
        QFETCH(QString, failure);
        QFETCH(QString, expected);
        TierConfig first = medium();
        first.name = QStringLiteral("cloud-mini");
        if (failure == u"refused") {
            first.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(FakeLlm::Server::unusedPort());
        } else if (failure == u"timeout") {
            first.timeoutS = 0.2;
            m_openai->enqueue(Response::hang());
        } else if (failure == u"5xx") {
            for (int i = 0; i < 3; ++i)
                m_openai->enqueue(Response::json(500, FakeLlm::openaiError("server_error", nullptr, "The server had an error")));
        } else {
            m_openai->enqueue(Response::json(429, FakeLlm::openaiError("insufficient_quota", "insufficient_quota", "You exceeded your current quota")));
        }
        m_anthropic->enqueue(Response::json(200, FakeLlm::anthropicMessage(FakeLlm::diagnosisJson("SUSPICIOUS", 0.93, "EVOLVE_WORKFLOW"))));
        const InvestigationResult r = run(TierLadder({first, expensive()}), validationDrift());
        QCOMPARE(r.calls.size(), size_t(2));
        QVERIFY2(r.calls[0].error.contains(expected), qPrintable(r.calls[0].error));
        QCOMPARE(r.calls[0].costUsd, 0.0);
        QCOMPARE(r.outcome, InvestigationOutcome::Accepted);
        QCOMPARE(r.acceptedTier, u"expensive"_qs);
    }

    void missingKeyNamesTheVariableAndMovesOn()
    {
        TierConfig cloud = expensive();
        cloud.apiKeyEnv = QStringLiteral("APPRENTICE_TEST_UNSET_KEY");
        const InvestigationResult r = run(TierLadder({cloud, rules()}), validationDrift());
        QCOMPARE(m_anthropic->count(), 0);
        QCOMPARE(r.calls.size(), size_t(2));
        QVERIFY2(r.calls[0].error.contains(u"environment variable APPRENTICE_TEST_UNSET_KEY is not set"_qs), qPrintable(r.calls[0].error));
        QCOMPARE(r.acceptedTier, u"rules"_qs);
        QCOMPARE(r.calls[1].provider, u"rules"_qs);
        QCOMPARE(r.diagnosis.action, DiagnosisAction::EvolveWorkflow); // the rules see a degrading validation rate
    }

    void lastTierFailingFallsBackToTheBestEarlierAnswer()
    {
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(FakeLlm::diagnosisJson("SUSPICIOUS", 0.72, "ESCALATE_TO_HUMAN"))));
        m_openai->enqueue(Response::json(200, FakeLlm::openaiChat(FakeLlm::diagnosisJson("SUSPICIOUS", 0.85, "EVOLVE_WORKFLOW"))));
        for (int i = 0; i < 3; ++i)
            m_anthropic->enqueue(Response::json(529, FakeLlm::anthropicError("overloaded_error", "Overloaded")));
        const InvestigationResult r = run(TierLadder({fast(), medium(), expensive()}), validationDrift());
        QCOMPARE(r.outcome, InvestigationOutcome::Fallback);
        QCOMPARE(r.acceptedTier, u"medium"_qs);
        QCOMPARE(r.diagnosis.confidence, 0.85);
        QCOMPARE(r.calls.size(), size_t(3));
        QVERIFY(r.calls[1].accepted);
        QCOMPARE(r.calls[2].httpStatus, 529);
        QCOMPARE(r.calls[2].httpAttempts, 3);
        QCOMPARE(r.calls[2].retries.size(), 2);
    }

    void noAnswerAtAllEscalatesToAHuman()
    {
        TierConfig dead = fast();
        dead.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(FakeLlm::Server::unusedPort());
        const InvestigationResult r = run(TierLadder({dead}), validationDrift());
        QCOMPARE(r.outcome, InvestigationOutcome::Failed);
        QVERIFY(r.acceptedTier.isEmpty());
        QCOMPARE(r.diagnosis.action, DiagnosisAction::EscalateToHuman);
        QCOMPARE(r.diagnosis.confidence, 0.0);
        QVERIFY(r.diagnosis.evidence.value(0).startsWith(u"fast: cannot reach"_qs));
    }

    void defaultLadderNeedsNoNetwork()
    {
        InvestigationContext failure;
        failure.trigger = Trigger::Failure;
        failure.workflow = QStringLiteral("process_customer_order");
        failure.tool = QStringLiteral("fetch_data");
        failure.metric = QStringLiteral("status");
        failure.errorText = QStringLiteral("API returned 500 Internal Server Error");
        failure.consecutiveFailures = 3;
        const InvestigationResult r = run(TierLadder::defaultLadder(), failure);
        QCOMPARE(r.outcome, InvestigationOutcome::Accepted);
        QCOMPARE(r.acceptedTier, u"rules"_qs);
        QCOMPARE(r.diagnosis.status, DiagnosisStatus::Broken);
        QCOMPARE(r.diagnosis.action, DiagnosisAction::Recover);
        QCOMPARE(r.totalCostUsd, 0.0);

        const InvestigationResult blocking = investigateBlocking(TierLadder::defaultLadder(), failure);
        QCOMPARE(blocking.acceptedTier, u"rules"_qs);
        QCOMPARE(blocking.diagnosis.action, DiagnosisAction::Recover);
        QCOMPARE(blocking.calls.size(), size_t(1));
    }

    void rulesTierFirstCanStopTheLadder()
    {
        TierConfig r0 = rules();
        r0.acceptConfidence = 0.95;
        InvestigationContext failure;
        failure.trigger = Trigger::Failure;
        failure.tool = QStringLiteral("fetch_data");
        failure.consecutiveFailures = 3; // the rules are 0.95 sure of an outage
        InvestigationResult r = run(TierLadder({r0, fast()}), failure);
        QCOMPARE(r.acceptedTier, u"rules"_qs);
        QCOMPARE(m_ollama->count(), 0);

        failure.consecutiveFailures = 1; // 0.85: not enough, ask the model
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(FakeLlm::diagnosisJson("BROKEN", 0.9, "RECOVER"))));
        r = run(TierLadder({r0, fast()}), failure);
        QCOMPARE(r.calls.size(), size_t(2));
        QCOMPARE(r.acceptedTier, u"fast"_qs);
        QVERIFY(lastUserMessage(m_ollama->last()).contains(u"tier rules (built-in): BROKEN, RECOVER, confidence 0.85"_qs));
    }

    void investigateBlockingRunsNetworkTiers()
    {
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(FakeLlm::diagnosisJson("SUSPICIOUS", 0.72, "UPDATE_PROFILE"))));
        m_openai->enqueue(Response::json(200, FakeLlm::openaiChat(FakeLlm::diagnosisJson("SUSPICIOUS", 0.94, "UPDATE_PROFILE"), 1000, 100)));
        const InvestigationResult r = investigateBlocking(TierLadder({fast(), medium(), expensive()}), validationDrift(), fastRetries());
        QCOMPARE(r.acceptedTier, u"medium"_qs);
        QCOMPARE(r.calls.size(), size_t(2));
        QCOMPARE(r.totalCostUsd, (1000 * 0.15 + 100 * 0.60) / 1e6);
        QVERIFY(r.totalLatencyMs >= r.calls[0].latencyMs);
    }

    void cancelEndsWithTheCallsSoFar()
    {
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(FakeLlm::diagnosisJson("SUSPICIOUS", 0.5, "ESCALATE_TO_HUMAN"))));
        m_openai->enqueue(Response::hang());
        Investigator investigator(TierLadder({fast(), medium()}), &m_network);
        QSignalSpy finished(&investigator, &Investigator::finished);
        investigator.start(validationDrift());
        QTRY_COMPARE(m_openai->count(), 1);
        QVERIFY(investigator.isRunning());
        investigator.cancel();
        QCOMPARE(finished.count(), 1);
        const auto r = finished.at(0).at(0).value<InvestigationResult>();
        QCOMPARE(r.outcome, InvestigationOutcome::Cancelled);
        QCOMPARE(r.calls.size(), size_t(1));
        QVERIFY(!investigator.isRunning());
    }

    void queueNeverBlocksAndSkipsTheOldestLeastSevere()
    {
        // The first investigation hangs on a dead-slow model; everything else must queue behind it.
        TierConfig slow = fast();
        slow.timeoutS = 0.4;
        slow.acceptConfidence = 0;
        m_ollama->enqueue(Response::hang());
        for (int i = 0; i < 2; ++i)
            m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(FakeLlm::diagnosisJson("SUSPICIOUS", 0.9, "UPDATE_PROFILE"))));

        InvestigationQueue queue(TierLadder({slow}), &m_network);
        queue.setRetryPolicy(fastRetries());
        queue.setCapacity(2);
        QSignalSpy started(&queue, &InvestigationQueue::started);
        QSignalSpy finished(&queue, &InvestigationQueue::finished);
        QSignalSpy skipped(&queue, &InvestigationQueue::skipped);
        QSignalSpy idle(&queue, &InvestigationQueue::idle);

        auto make = [](Trigger t, const char *tool) {
            InvestigationContext c = validationDrift();
            c.trigger = t;
            c.tool = QString::fromUtf8(tool);
            return c;
        };
        const qint64 running = queue.enqueue(make(Trigger::Drift, "running"));
        QTRY_COMPARE(started.count(), 1);
        QTRY_COMPARE(m_ollama->count(), 1);

        const qint64 review = queue.enqueue(make(Trigger::ApprenticeReview, "review"));
        const qint64 anomaly = queue.enqueue(make(Trigger::Anomaly, "anomaly"));
        QCOMPARE(queue.waitingCount(), 2);
        const qint64 drift = queue.enqueue(make(Trigger::Drift, "drift"));      // full: the review goes
        const qint64 review2 = queue.enqueue(make(Trigger::ApprenticeReview, "review2")); // less severe than all: itself
        const qint64 failure = queue.enqueue(make(Trigger::Failure, "failure")); // the anomaly goes
        // Every enqueue returned while the provider still hangs on the first one.
        QVERIFY(queue.isRunning());
        QCOMPARE(finished.count(), 0);

        QCOMPARE(skipped.count(), 3);
        QCOMPARE(skipped.at(0).at(0).toLongLong(), review);
        QCOMPARE(skipped.at(1).at(0).toLongLong(), review2);
        QCOMPARE(skipped.at(2).at(0).toLongLong(), anomaly);
        QCOMPARE(skipped.at(0).at(1).value<InvestigationContext>().tool, u"review"_qs);
        QVERIFY2(skipped.at(0).at(2).toString().contains(u"queue full"_qs), qPrintable(skipped.at(0).at(2).toString()));
        QCOMPARE(queue.waitingCount(), 2);

        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 5000);
        QTRY_COMPARE(idle.count(), 1);
        QCOMPARE(finished.at(0).at(0).toLongLong(), running);
        QCOMPARE(finished.at(0).at(2).value<InvestigationResult>().outcome, InvestigationOutcome::Failed);
        // The failure waited less but is more severe: it runs first.
        QCOMPARE(finished.at(1).at(0).toLongLong(), failure);
        QCOMPARE(finished.at(2).at(0).toLongLong(), drift);
        QCOMPARE(finished.at(2).at(2).value<InvestigationResult>().acceptedTier, u"fast"_qs);
    }

    void rerunWithOneTierGoesThroughTheQueueAndAppends()
    {
        // The ladder's first tier answered; a re-run asks only the second one, through the same queue.
        m_ollama->enqueue(Response::json(200, FakeLlm::ollamaChat(FakeLlm::diagnosisJson("SUSPICIOUS", 0.97, "UPDATE_PROFILE"))));
        m_openai->enqueue(Response::json(200, FakeLlm::openaiChat(FakeLlm::diagnosisJson("BROKEN", 0.93, "EVOLVE_WORKFLOW"), 1200, 80)));
        const TierLadder ladder({fast(), medium()});
        InvestigationQueue queue(ladder, &m_network);
        queue.setRetryPolicy(fastRetries());
        QSignalSpy finished(&queue, &InvestigationQueue::finished);
        queue.enqueue(validationDrift());
        queue.enqueue(validationDrift(), ladder.only(u"medium"_qs));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 5000);
        QCOMPARE(m_ollama->count(), 1);
        QCOMPARE(m_openai->count(), 1);

        InvestigationResult first = finished.at(0).at(2).value<InvestigationResult>();
        const InvestigationResult again = finished.at(1).at(2).value<InvestigationResult>();
        QCOMPARE(first.acceptedTier, u"fast"_qs);
        QCOMPARE(again.calls.size(), size_t(1));
        QCOMPARE(again.acceptedTier, u"medium"_qs); // the only tier is the last: always accepted

        QCOMPARE(lastRerun(first), 0);
        appendRerun(first, again);
        QCOMPARE(first.calls.size(), size_t(2));
        QCOMPARE(first.calls[0].rerun, 0);
        QCOMPARE(first.calls[1].rerun, 1);
        QCOMPARE(first.acceptedTier, u"medium"_qs);
        QCOMPARE(first.diagnosis.action, DiagnosisAction::EvolveWorkflow);
        QVERIFY(qFuzzyCompare(first.totalCostUsd, 1200 * 0.15e-6 + 80 * 0.60e-6));

        // A re-run without an answer is recorded, and the earlier verdict stands.
        InvestigationResult dead;
        dead.outcome = InvestigationOutcome::Failed;
        TierCall refused;
        refused.tier = QStringLiteral("medium");
        refused.error = QStringLiteral("cannot reach http://127.0.0.1:1/v1/chat/completions: Connection refused");
        dead.calls = {refused};
        dead.diagnosis.action = DiagnosisAction::EscalateToHuman;
        appendRerun(first, dead);
        QCOMPARE(first.calls.size(), size_t(3));
        QCOMPARE(first.calls[2].rerun, 2);
        QCOMPARE(first.outcome, InvestigationOutcome::Accepted);
        QCOMPARE(first.diagnosis.action, DiagnosisAction::EvolveWorkflow);
        // Stored and read back with the marks.
        QCOMPARE(investigationResultFromJson(investigationResultToJson(first)).calls[2].rerun, 2);
        QVERIFY(investigationToMarkdown(validationDrift(), first).contains(u"| 3 | medium (re-run 2) |"_qs));
    }

    void cancelAllReportsEveryWaitingInvestigation()
    {
        m_ollama->enqueue(Response::hang());
        InvestigationQueue queue(TierLadder({fast()}), &m_network);
        QSignalSpy skipped(&queue, &InvestigationQueue::skipped);
        QSignalSpy finished(&queue, &InvestigationQueue::finished);
        queue.enqueue(validationDrift());
        QTRY_COMPARE(m_ollama->count(), 1);
        queue.enqueue(validationDrift());
        queue.enqueue(validationDrift());
        queue.cancelAll();
        QCOMPARE(skipped.count(), 2);
        QCOMPARE(skipped.at(0).at(2).toString(), u"cancelled"_qs);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(2).value<InvestigationResult>().outcome, InvestigationOutcome::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestLlmInvestigator)
#include "tst_llminvestigator.moc"
