#include "fakellmserver.h"
#include "llm/diagnosisjson.h"
#include "llm/llmprovider.h"
#include "llm/modellister.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace Apprentice;
using FakeLlm::Response;

class TestLlmProviders : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<FakeLlm::Server> m_server;

    static RetryPolicy fastRetries()
    {
        RetryPolicy p;
        p.maxAttempts = 3;
        p.baseDelayMs = 1;
        p.maxDelayMs = 4;
        p.maxRetryAfterMs = 5000;
        return p;
    }

    TierConfig tier(ProviderKind kind, const QString &baseSuffix = {}) const
    {
        TierConfig t;
        t.name = QStringLiteral("t");
        t.provider = kind;
        t.baseUrl = m_server->url() + baseSuffix;
        t.model = kind == ProviderKind::Ollama      ? QStringLiteral("gemma2:2b")
                  : kind == ProviderKind::Anthropic ? QStringLiteral("claude-sonnet-4-6")
                                                    : QStringLiteral("gpt-4o-mini");
        t.timeoutS = 5;
        if (kind == ProviderKind::Anthropic)
            t.apiKeyEnv = QStringLiteral("APPRENTICE_TEST_ANTHROPIC_KEY");
        return t;
    }

    static ChatRequest request()
    {
        ChatRequest r;
        r.system = QStringLiteral("You are the monitoring diagnostician.");
        r.messages.push_back({QStringLiteral("user"), QStringLiteral("Investigate fetch_data latency 481 ms.")});
        r.schema = diagnosisSchema();
        return r;
    }

    ProviderReply run(const TierConfig &t, const RetryPolicy &policy = fastRetries())
    {
        std::unique_ptr<LlmProvider> provider(LlmProvider::create(t, &m_network));
        provider->setRetryPolicy(policy);
        bool done = false;
        ProviderReply out;
        QEventLoop loop;
        provider->chat(request(), [&](const ProviderReply &r) {
            out = r;
            done = true;
            loop.quit();
        });
        QTimer::singleShot(10000, &loop, &QEventLoop::quit); // a guard, not a wait: the callback ends the loop
        if (!done)
            loop.exec();
        if (!done)
            qWarning("provider never called back");
        return out;
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
        m_server = std::make_unique<FakeLlm::Server>();
        QVERIFY(m_server->isListening());
    }

    void ollamaSendsTheSchemaAsFormatAndReadsTokens()
    {
        const QByteArray answer = FakeLlm::diagnosisJson("SUSPICIOUS", 0.72, "UPDATE_PROFILE");
        m_server->enqueue(Response::json(200, FakeLlm::ollamaChat(answer, 34, 12)));
        const ProviderReply r = run(tier(ProviderKind::Ollama));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.content, QString::fromUtf8(answer));
        QCOMPARE(r.inputTokens, 34);
        QCOMPARE(r.outputTokens, 12);
        QCOMPARE(r.httpStatus, 200);
        QCOMPARE(r.httpAttempts, 1);
        QCOMPARE(r.finishReason, u"stop"_qs);

        const FakeLlm::Request &req = m_server->last();
        QCOMPARE(req.method, QByteArray("POST"));
        QCOMPARE(req.path, QByteArray("/api/chat"));
        QCOMPARE(req.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(!req.hasHeader("Authorization"));
        const QJsonObject body = req.json();
        QCOMPARE(body.value(u"model").toString(), u"gemma2:2b"_qs);
        QCOMPARE(body.value(u"stream").toBool(true), false);
        QCOMPARE(body.value(u"format").toObject(), diagnosisSchema());
        QCOMPARE(body.value(u"options").toObject().value(u"temperature").toDouble(-1), 0.0);
        const QJsonArray messages = body.value(u"messages").toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value(u"role").toString(), u"system"_qs);
        QCOMPARE(messages.at(1).toObject().value(u"role").toString(), u"user"_qs);
        QVERIFY(r.request.startsWith(u"POST "_qs + m_server->url() + u"/api/chat"_qs));
        QVERIFY(r.response.startsWith(u"HTTP 200"_qs));
    }

    void ollamaWithoutPromptCountCountsZero()
    {
        m_server->enqueue(Response::json(200, FakeLlm::ollamaChat(FakeLlm::diagnosisJson("NORMAL", 0.9, "IGNORE"), 0, 7, false)));
        const ProviderReply r = run(tier(ProviderKind::Ollama));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.inputTokens, 0);
        QCOMPARE(r.outputTokens, 7);
    }

    void openAiSendsStrictJsonSchemaAndBearerKey_data()
    {
        QTest::addColumn<QString>("baseSuffix");
        QTest::newRow("base without /v1") << QString();
        QTest::newRow("base with /v1") << u"/v1"_qs;
        QTest::newRow("base with /v1/") << u"/v1/"_qs;
    }
    void openAiSendsStrictJsonSchemaAndBearerKey()
    {
        QFETCH(QString, baseSuffix);
        m_server->enqueue(Response::json(200, FakeLlm::openaiChat(FakeLlm::diagnosisJson("BROKEN", 0.98, "RECOVER"), 420, 85)));
        TierConfig t = tier(ProviderKind::OpenAi, baseSuffix);
        t.apiKeyEnv = QStringLiteral("APPRENTICE_TEST_OPENAI_KEY");
        const ProviderReply r = run(t);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.inputTokens, 420);
        QCOMPARE(r.outputTokens, 85);
        const FakeLlm::Request &req = m_server->last();
        QCOMPARE(req.path, QByteArray("/v1/chat/completions"));
        QCOMPARE(req.header("Authorization"), QByteArray("Bearer sk-proj-test-9876543210"));
        const QJsonObject body = req.json();
        QCOMPARE(body.value(u"model").toString(), u"gpt-4o-mini"_qs);
        QCOMPARE(body.value(u"temperature").toDouble(-1), 0.0);
        const QJsonObject format = body.value(u"response_format").toObject();
        QCOMPARE(format.value(u"type").toString(), u"json_schema"_qs);
        QCOMPARE(format.value(u"json_schema").toObject().value(u"strict").toBool(), true);
        QCOMPARE(format.value(u"json_schema").toObject().value(u"name").toString(), u"diagnosis"_qs);
        QCOMPARE(format.value(u"json_schema").toObject().value(u"schema").toObject(), diagnosisSchema());
        // The key reaches the wire but never the record.
        QVERIFY(!r.request.contains(u"sk-proj-test"_qs));
        QVERIFY(r.request.contains(u"Authorization: <redacted: $APPRENTICE_TEST_OPENAI_KEY>"_qs));
    }

    void openAiWithoutKeyVariableSendsNoAuthorization()
    {
        m_server->enqueue(Response::json(200, FakeLlm::openaiChat(FakeLlm::diagnosisJson("NORMAL", 0.9, "IGNORE"))));
        const ProviderReply r = run(tier(ProviderKind::OpenAi));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(!m_server->last().hasHeader("Authorization"));
    }

    void openAiStructuredOutputOffSendsNoResponseFormat()
    {
        m_server->enqueue(Response::json(200, FakeLlm::openaiChat(FakeLlm::diagnosisJson("NORMAL", 0.9, "IGNORE"))));
        TierConfig t = tier(ProviderKind::OpenAi);
        t.structuredOutput = false;
        t.sendTemperature = false;
        QVERIFY(run(t).ok());
        QVERIFY(!m_server->last().json().contains(u"response_format"));
        QVERIFY(!m_server->last().json().contains(u"temperature"));
    }

    void anthropicSendsVersionKeyAndOutputConfig()
    {
        const QByteArray text = "Here is the diagnosis:\n" + FakeLlm::diagnosisJson("BROKEN", 0.97, "RECOVER");
        m_server->enqueue(Response::json(200, FakeLlm::anthropicMessage(text, 25, 9, 3, 2), {{"request-id", "req_1"}}));
        const ProviderReply r = run(tier(ProviderKind::Anthropic));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.inputTokens, 25 + 3 + 2);
        QCOMPARE(r.outputTokens, 9);
        QCOMPARE(r.finishReason, u"end_turn"_qs);
        Diagnosis d;
        QVERIFY(parseDiagnosisText(r.content, d, nullptr));
        QCOMPARE(d.action, DiagnosisAction::Recover);

        const FakeLlm::Request &req = m_server->last();
        QCOMPARE(req.path, QByteArray("/v1/messages"));
        QCOMPARE(req.header("x-api-key"), QByteArray("sk-ant-test-0123456789"));
        QCOMPARE(req.header("anthropic-version"), QByteArray("2023-06-01"));
        const QJsonObject body = req.json();
        QCOMPARE(body.value(u"max_tokens").toInt(), 1024);
        QCOMPARE(body.value(u"system").toString(), u"You are the monitoring diagnostician."_qs);
        const QJsonArray messages = body.value(u"messages").toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.at(0).toObject().value(u"role").toString(), u"user"_qs);
        const QJsonObject format = body.value(u"output_config").toObject().value(u"format").toObject();
        QCOMPARE(format.value(u"type").toString(), u"json_schema"_qs);
        QCOMPARE(format.value(u"schema").toObject(), diagnosisSchema());
        QVERIFY(!r.request.contains(u"sk-ant-test"_qs));
        QVERIFY(r.response.contains(u"request-id: req_1"_qs));
    }

    void missingApiKeyNamesTheVariable_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("anthropic") << int(ProviderKind::Anthropic);
        QTest::newRow("openai") << int(ProviderKind::OpenAi);
    }
    void missingApiKeyNamesTheVariable()
    {
        QFETCH(int, kind);
        TierConfig t = tier(ProviderKind(kind));
        t.apiKeyEnv = QStringLiteral("APPRENTICE_TEST_UNSET_KEY");
        const ProviderReply r = run(t);
        QCOMPARE(r.errorKind, ProviderError::MissingApiKey);
        QVERIFY2(r.error.contains(u"APPRENTICE_TEST_UNSET_KEY"_qs), qPrintable(r.error));
        QCOMPARE(m_server->count(), 0);
    }

    void connectionRefusedIsRetriedThenFails()
    {
        TierConfig t = tier(ProviderKind::Ollama);
        t.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(FakeLlm::Server::unusedPort());
        const ProviderReply r = run(t);
        QCOMPARE(r.errorKind, ProviderError::ConnectionFailed);
        QCOMPARE(r.httpAttempts, 3);
        QCOMPARE(r.retries.size(), 2);
        QVERIFY2(r.error.contains(u"cannot reach"_qs) && r.error.contains(u"after 3 attempts"_qs), qPrintable(r.error));
        QCOMPARE(r.httpStatus, 0);
    }

    void timeoutEndsTheCall()
    {
        m_server->enqueue(Response::hang());
        TierConfig t = tier(ProviderKind::Ollama);
        t.timeoutS = 0.2;
        QElapsedTimer clock;
        clock.start();
        const ProviderReply r = run(t);
        QCOMPARE(r.errorKind, ProviderError::Timeout);
        QVERIFY2(r.error.contains(u"within 0.2 s"_qs), qPrintable(r.error));
        QCOMPARE(r.httpAttempts, 1); // a slow model stays slow: the next tier is the better retry
        QVERIFY(clock.elapsed() >= 190);
        QVERIFY(clock.elapsed() < 3000);
    }

    void rateLimitHonoursRetryAfterMs()
    {
        m_server->enqueue(Response::json(429, FakeLlm::openaiError("rate_limit_error", "rate_limit_exceeded", "Rate limit reached"),
                                         {{"retry-after-ms", "150"}, {"x-ratelimit-remaining-requests", "0"}}));
        m_server->enqueue(Response::json(200, FakeLlm::openaiChat(FakeLlm::diagnosisJson("NORMAL", 0.9, "IGNORE"))));
        QElapsedTimer clock;
        clock.start();
        const ProviderReply r = run(tier(ProviderKind::OpenAi));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(clock.elapsed() >= 150);
        QCOMPARE(r.httpAttempts, 2);
        QCOMPARE(m_server->count(), 2);
        QCOMPARE(r.retries.size(), 1);
        QVERIFY2(r.retries.at(0).contains(u"HTTP 429"_qs) && r.retries.at(0).contains(u"waited 150 ms (retry-after)"_qs),
                 qPrintable(r.retries.at(0)));
    }

    void rateLimitHonoursRetryAfterSeconds()
    {
        m_server->enqueue(Response::json(429, FakeLlm::anthropicError("rate_limit_error", "Number of requests has exceeded your rate limit"),
                                         {{"retry-after", "0"}}));
        m_server->enqueue(Response::json(200, FakeLlm::anthropicMessage(FakeLlm::diagnosisJson("NORMAL", 0.9, "IGNORE"))));
        const ProviderReply r = run(tier(ProviderKind::Anthropic));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.httpAttempts, 2);
        QVERIFY2(r.retries.value(0).contains(u"rate_limit_error"_qs) && r.retries.value(0).contains(u"waited 0 ms (retry-after)"_qs),
                 qPrintable(r.retries.value(0)));
    }

    void retryAfterBeyondTheCapFailsAtOnce()
    {
        m_server->enqueue(Response::json(429, FakeLlm::openaiError("rate_limit_error", "rate_limit_exceeded", "slow down"),
                                         {{"retry-after", "120"}}));
        QElapsedTimer clock;
        clock.start();
        const ProviderReply r = run(tier(ProviderKind::OpenAi));
        QCOMPARE(r.errorKind, ProviderError::Http);
        QCOMPARE(r.httpStatus, 429);
        QCOMPARE(m_server->count(), 1);
        QVERIFY2(r.error.contains(u"retry after 120 s"_qs), qPrintable(r.error));
        QVERIFY(clock.elapsed() < 2000);
    }

    void serverErrorsAreRetriedWithBackoff_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("errorBody");
        QTest::newRow("ollama 500") << int(ProviderKind::Ollama) << 500 << FakeLlm::ollamaError("llama runner process has terminated");
        QTest::newRow("llama.cpp 503 loading") << int(ProviderKind::OpenAi) << 503
                                               << QByteArray(R"({"error":{"code":503,"message":"Loading model","type":"unavailable_error"}})");
        QTest::newRow("vllm 502 flat") << int(ProviderKind::OpenAi) << 502
                                       << QByteArray(R"({"object":"error","message":"upstream","type":"InternalServerError","code":502})");
        QTest::newRow("anthropic 529 overloaded") << int(ProviderKind::Anthropic) << 529
                                                  << FakeLlm::anthropicError("overloaded_error", "Overloaded");
        QTest::newRow("anthropic 500") << int(ProviderKind::Anthropic) << 500 << FakeLlm::anthropicError("api_error", "Internal server error");
        QTest::newRow("408") << int(ProviderKind::OpenAi) << 408 << FakeLlm::openaiError("timeout", nullptr, "Request timed out");
    }
    void serverErrorsAreRetriedWithBackoff()
    {
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(QByteArray, errorBody);
        const ProviderKind k = ProviderKind(kind);
        const QByteArray answer = FakeLlm::diagnosisJson("NORMAL", 0.9, "IGNORE");
        const QByteArray ok = k == ProviderKind::Ollama   ? FakeLlm::ollamaChat(answer)
                              : k == ProviderKind::OpenAi ? FakeLlm::openaiChat(answer)
                                                          : FakeLlm::anthropicMessage(answer);
        m_server->enqueue(Response::json(status, errorBody));
        m_server->enqueue(Response::json(status, errorBody));
        m_server->enqueue(Response::json(200, ok));
        const ProviderReply r = run(tier(k));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.httpAttempts, 3);
        QCOMPARE(r.retries.size(), 2);
        QVERIFY2(r.retries.at(0).contains(u"HTTP %1"_qs.arg(status)) && r.retries.at(0).contains(u"(backoff)"_qs),
                 qPrintable(r.retries.at(0)));
    }

    void serverErrorsExhaustTheAttempts()
    {
        for (int i = 0; i < 3; ++i)
            m_server->enqueue(Response::json(529, FakeLlm::anthropicError("overloaded_error", "Overloaded")));
        const ProviderReply r = run(tier(ProviderKind::Anthropic));
        QCOMPARE(r.errorKind, ProviderError::Http);
        QCOMPARE(r.httpStatus, 529);
        QCOMPARE(m_server->count(), 3);
        QVERIFY2(r.error.contains(u"Overloaded (overloaded_error)"_qs) && r.error.contains(u"after 3 attempts"_qs),
                 qPrintable(r.error));
    }

    void quotaErrorsAreNotRetried_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("openai insufficient_quota")
            << int(ProviderKind::OpenAi) << FakeLlm::openaiError("insufficient_quota", "insufficient_quota", "You exceeded your current quota");
        QTest::newRow("anthropic spend limit")
            << int(ProviderKind::Anthropic)
            << FakeLlm::anthropicError("rate_limit_error", "Spend limit reached", "enforced_spend_limit_reached");
    }
    void quotaErrorsAreNotRetried()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, body);
        m_server->enqueue(Response::json(429, body, {{"retry-after", "0"}}));
        const ProviderReply r = run(tier(ProviderKind(kind)));
        QCOMPARE(r.errorKind, ProviderError::QuotaExhausted);
        QCOMPARE(m_server->count(), 1);
        QVERIFY(r.retries.isEmpty());
    }

    void clientErrorsAreNotRetried()
    {
        m_server->enqueue(Response::json(404, FakeLlm::ollamaError("model \"gemma2:2b\" not found, try pulling it first")));
        const ProviderReply r = run(tier(ProviderKind::Ollama));
        QCOMPARE(r.errorKind, ProviderError::Http);
        QCOMPARE(r.httpStatus, 404);
        QCOMPARE(m_server->count(), 1);
        QVERIFY2(r.error.contains(u"try pulling it first"_qs), qPrintable(r.error));
    }

    void shouldRetryHeaderOverrides()
    {
        m_server->enqueue(Response::json(503, FakeLlm::openaiError("server_error", nullptr, "busy"), {{"x-should-retry", "false"}}));
        const ProviderReply r = run(tier(ProviderKind::OpenAi));
        QCOMPARE(r.errorKind, ProviderError::Http);
        QCOMPARE(m_server->count(), 1);
    }

    void droppedConnectionIsRetried()
    {
        for (int i = 0; i < 2; ++i)
            m_server->enqueue(Response::closeConnection());
        m_server->enqueue(Response::json(200, FakeLlm::ollamaChat(FakeLlm::diagnosisJson("NORMAL", 0.9, "IGNORE"))));
        const ProviderReply r = run(tier(ProviderKind::Ollama));
        QVERIFY2(r.ok(), qPrintable(r.error));
        // Qt resends once by itself on a connection closed before any reply; ours is the retry after that.
        QCOMPARE(r.httpAttempts, 2);
        QCOMPARE(m_server->count(), 3);
        QVERIFY2(r.retries.value(0).contains(u"cannot reach"_qs), qPrintable(r.retries.value(0)));
    }

    void echoedKeyIsRedactedEverywhere()
    {
        m_server->enqueue(Response::json(401, FakeLlm::anthropicError("authentication_error", "invalid x-api-key sk-ant-test-0123456789")));
        const ProviderReply r = run(tier(ProviderKind::Anthropic));
        QCOMPARE(r.errorKind, ProviderError::Http);
        QCOMPARE(r.httpStatus, 401);
        QVERIFY(!r.error.contains(u"sk-ant-test"_qs));
        QVERIFY(!r.response.contains(u"sk-ant-test"_qs));
        QVERIFY(!r.request.contains(u"sk-ant-test"_qs));
        QVERIFY(r.error.contains(u"<redacted: $APPRENTICE_TEST_ANTHROPIC_KEY>"_qs));
    }

    void nonJsonSuccessBodyIsABadResponse()
    {
        Response html;
        html.status = 200;
        html.headers = {{"Content-Type", "text/html"}};
        html.body = "<html><body>proxy login</body></html>";
        m_server->enqueue(html);
        const ProviderReply r = run(tier(ProviderKind::OpenAi));
        QCOMPARE(r.errorKind, ProviderError::BadResponse);
        QVERIFY2(r.error.contains(u"not a JSON object"_qs), qPrintable(r.error));
    }

    void refusalIsABadResponseWithTokens()
    {
        m_server->enqueue(Response::json(200, QByteArray(R"({"id":"c","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":null,"refusal":"I cannot help with that."}}],"usage":{"prompt_tokens":50,"completion_tokens":8,"total_tokens":58}})")));
        const ProviderReply r = run(tier(ProviderKind::OpenAi));
        QCOMPARE(r.errorKind, ProviderError::BadResponse);
        QVERIFY(r.error.contains(u"refused"_qs));
        QCOMPARE(r.inputTokens, 50); // refusals are billed too
    }

    void abortReportsCancelled()
    {
        m_server->enqueue(Response::hang());
        std::unique_ptr<LlmProvider> provider(LlmProvider::create(tier(ProviderKind::Ollama), &m_network));
        bool done = false;
        ProviderReply out;
        provider->chat(request(), [&](const ProviderReply &r) {
            out = r;
            done = true;
        });
        QTRY_COMPARE(m_server->count(), 1);
        provider->abort();
        QTRY_VERIFY(done);
        QCOMPARE(out.errorKind, ProviderError::Cancelled);
    }

    void modelListerReadsTags()
    {
        m_server->route("/api/tags", Response::json(200, QByteArray(R"({"models":[{"name":"llama3:latest","model":"llama3:latest","modified_at":"2026-01-01T00:00:00Z","size":3825819519,"digest":"fe93","details":{"format":"gguf","family":"llama","parameter_size":"8B","quantization_level":"Q4_0"}},{"name":"gemma2:2b","model":"gemma2:2b","size":1629518495,"details":{"parameter_size":"2.6B"}}]})")));
        ModelLister lister(&m_network);
        QSignalSpy spy(&lister, &ModelLister::finished);
        lister.fetch(tier(ProviderKind::Ollama));
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toStringList(), QStringList({u"gemma2:2b"_qs, u"llama3:latest"_qs}));
        QVERIFY(spy.at(0).at(1).toString().isEmpty());
        QCOMPARE(m_server->last().method, QByteArray("GET"));
    }

    void modelListerReadsV1Models()
    {
        m_server->route("/v1/models", Response::json(200, QByteArray(R"({"object":"list","data":[{"id":"qwen2.5-7b-instruct","object":"model","created":1700000000,"owned_by":"llamacpp"},{"id":"gpt-4o-mini","object":"model","created":1700000000,"owned_by":"openai"}]})")));
        ModelLister lister(&m_network);
        QSignalSpy spy(&lister, &ModelLister::finished);
        TierConfig t = tier(ProviderKind::OpenAi, u"/v1"_qs);
        t.apiKeyEnv = QStringLiteral("APPRENTICE_TEST_OPENAI_KEY");
        lister.fetch(t);
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toStringList(), QStringList({u"gpt-4o-mini"_qs, u"qwen2.5-7b-instruct"_qs}));
        QCOMPARE(m_server->last().path, QByteArray("/v1/models"));
        QCOMPARE(m_server->last().header("Authorization"), QByteArray("Bearer sk-proj-test-9876543210"));

        m_server->route("/v1/models", Response::json(200, QByteArray(R"({"data":[{"type":"model","id":"claude-sonnet-4-6","display_name":"Claude Sonnet 4.6"}],"has_more":false})")));
        lister.fetch(tier(ProviderKind::Anthropic));
        QTRY_COMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toStringList(), QStringList({u"claude-sonnet-4-6"_qs}));
        QCOMPARE(m_server->last().header("anthropic-version"), QByteArray("2023-06-01"));
    }

    void modelListerReportsFailures()
    {
        ModelLister lister(&m_network);
        QSignalSpy spy(&lister, &ModelLister::finished);
        TierConfig t = tier(ProviderKind::Ollama);
        t.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(FakeLlm::Server::unusedPort());
        lister.fetch(t);
        QTRY_COMPARE(spy.count(), 1);
        QVERIFY(spy.at(0).at(0).toStringList().isEmpty());
        QVERIFY2(spy.at(0).at(1).toString().contains(u"cannot reach"_qs), qPrintable(spy.at(0).at(1).toString()));

        m_server->route("/v1/models", Response::json(401, FakeLlm::openaiError("invalid_request_error", "invalid_api_key", "Incorrect API key provided")));
        lister.fetch(tier(ProviderKind::OpenAi));
        QTRY_COMPARE(spy.count(), 2);
        QVERIFY(spy.at(1).at(1).toString().contains(u"HTTP 401"_qs));

        t = tier(ProviderKind::Anthropic);
        t.apiKeyEnv = QStringLiteral("APPRENTICE_TEST_UNSET_KEY");
        lister.fetch(t);
        QTRY_COMPARE(spy.count(), 3);
        QVERIFY(spy.at(2).at(1).toString().contains(u"APPRENTICE_TEST_UNSET_KEY"_qs));
    }
};

QTEST_GUILESS_MAIN(TestLlmProviders)
#include "tst_llmproviders.moc"
