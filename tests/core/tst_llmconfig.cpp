#include "llm/diagnosisjson.h"
#include "llm/investigationresult.h"
#include "llm/llmprovider.h"
#include "llm/pricetable.h"
#include "llm/promptbuilder.h"
#include "llm/retrypolicy.h"
#include "llm/tierladder.h"
#include "resources.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace Apprentice;

class TestLlmConfig : public QObject
{
    Q_OBJECT

private:
    static InvestigationContext latencyDrift()
    {
        InvestigationContext ctx;
        ctx.trigger = Trigger::Drift;
        ctx.workflow = QStringLiteral("process_customer_order");
        ctx.version = QStringLiteral("1.0.0");
        ctx.tool = QStringLiteral("fetch_data");
        ctx.metric = QStringLiteral("latency_ms");
        ctx.value = 481;
        ctx.direction = 1;
        ctx.profile = {4000, 226.5, 14.8, 225, 251, 262, 180, 290};
        ctx.recent = {229, 231, 470, 478, 481};
        ctx.siblings.push_back({QStringLiteral("output_bytes"), {4000, 1180, 12, 1180, 1200, 1210, 1100, 1250}, 1182, 0.17});
        ctx.trend = QStringLiteral("+1.2 ms/day");
        return ctx;
    }

private slots:
    void defaultLadderIsOneRulesTier()
    {
        const TierLadder ladder = TierLadder::defaultLadder();
        QCOMPARE(ladder.size(), 1);
        QCOMPARE(ladder.at(0).provider, ProviderKind::Rules);
        QVERIFY(ladder.validate().isEmpty());
    }

    void exampleFileIsTheSeedLadder()
    {
        ensureResources();
        QFile f(QStringLiteral(":/tiers.example.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QStringList errors;
        const TierLadder ladder = TierLadder::fromJson(f.readAll(), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(ladder.names(), QStringList({u"fast"_qs, u"medium"_qs, u"expensive"_qs}));
        QCOMPARE(ladder.at(0).model, u"gemma2:2b"_qs);
        QCOMPARE(ladder.at(0).acceptConfidence, 0.95);
        QCOMPARE(ladder.at(1).model, u"llama3:8b"_qs);
        QCOMPARE(ladder.at(1).acceptConfidence, 0.90);
        QCOMPARE(ladder.at(2).provider, ProviderKind::Anthropic);
        QCOMPARE(ladder.at(2).apiKeyEnv, u"ANTHROPIC_API_KEY"_qs);
        QCOMPARE(ladder.at(2).inputUsdPerMTok, 3.0);
        QCOMPARE(ladder.at(2).outputUsdPerMTok, 15.0);
    }

    void ladderRoundTripsThroughAFile()
    {
        QTemporaryDir dir;
        ensureResources();
        QFile f(QStringLiteral(":/tiers.example.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const TierLadder ladder = TierLadder::fromJson(f.readAll());
        const QString path = dir.filePath(QStringLiteral("tiers.json"));
        QString error;
        QVERIFY2(ladder.saveToFile(path, &error), qPrintable(error));
        QStringList errors;
        const TierLadder back = TierLadder::fromFile(path, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(back.toJson(), ladder.toJson());
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains("\"api_key_env\": \"ANTHROPIC_API_KEY\""));
    }

    void validationErrorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{") << u"not valid JSON"_qs;
        QTest::newRow("no tiers") << QByteArray(R"({"ladder":[]})") << u"tiers: must be an array"_qs;
        QTest::newRow("empty") << QByteArray(R"({"tiers":[]})") << u"tiers: must list at least one tier"_qs;
        QTest::newRow("provider") << QByteArray(R"({"tiers":[{"name":"a","provider":"gemini"}]})")
                                  << u"tiers[0].provider: unknown provider \"gemini\""_qs;
        QTest::newRow("model") << QByteArray(R"({"tiers":[{"name":"a","provider":"ollama"}]})")
                               << u"tiers[0].model: is required for provider ollama"_qs;
        QTest::newRow("confidence")
            << QByteArray(R"({"tiers":[{"name":"a","provider":"rules"},{"name":"b","provider":"rules","accept_confidence":1.5}]})")
            << u"tiers[1].accept_confidence: must be between 0 and 1"_qs;
        QTest::newRow("type") << QByteArray(R"({"tiers":[{"name":"a","provider":"rules","accept_confidence":"high"}]})")
                              << u"tiers[0].accept_confidence: must be a number"_qs;
        QTest::newRow("duplicate") << QByteArray(R"({"tiers":[{"name":"a","provider":"rules"},{"name":"a","provider":"rules"}]})")
                                   << u"tiers[1].name: duplicate tier name \"a\""_qs;
        QTest::newRow("url") << QByteArray(R"({"tiers":[{"name":"a","provider":"openai","model":"m","base_url":"localhost:8080"}]})")
                             << u"tiers[0].base_url: must be an http:// or https:// URL"_qs;
        QTest::newRow("literal key")
            << QByteArray(R"({"tiers":[{"name":"a","provider":"openai","model":"m","api_key":"sk-123"}]})")
            << u"tiers[0].api_key: keys are never stored in the tiers file"_qs;
        QTest::newRow("key in env field")
            << QByteArray(R"({"tiers":[{"name":"a","provider":"openai","model":"m","api_key_env":"sk-proj-abc"}]})")
            << u"tiers[0].api_key_env: must be the NAME of an environment variable"_qs;
        QTest::newRow("unknown") << QByteArray(R"({"tiers":[{"name":"a","provider":"rules","treshold":0.9}]})")
                                 << u"tiers[0].treshold: unknown field"_qs;
        QTest::newRow("timeout") << QByteArray(R"({"tiers":[{"name":"a","provider":"ollama","model":"m","timeout_s":0}]})")
                                 << u"tiers[0].timeout_s: must be between"_qs;
        QTest::newRow("price") << QByteArray(R"({"tiers":[{"name":"a","provider":"ollama","model":"m","input_usd_per_mtok":-1}]})")
                               << u"tiers[0].input_usd_per_mtok: must be at least 0"_qs;
    }
    void validationErrorsNameTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QStringList errors;
        const TierLadder ladder = TierLadder::fromJson(json, &errors);
        QVERIFY(ladder.isEmpty());
        QVERIFY2(errors.join(u'\n').contains(expected), qPrintable(errors.join(u'\n')));
    }

    void defaultsFillMissingFields()
    {
        QStringList errors;
        const TierLadder ladder = TierLadder::fromJson(
            R"({"tiers":[{"name":"o","provider":"ollama","model":"m"},{"name":"c","provider":"anthropic","model":"claude-sonnet-4-6"},
                         {"name":"x","provider":"openai","model":"gpt-4o-mini","temperature":null}]})",
            &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(ladder.at(0).baseUrl, u"http://localhost:11434"_qs);
        QCOMPARE(ladder.at(0).acceptConfidence, 0.9);
        QCOMPARE(ladder.at(0).timeoutS, 60.0);
        QCOMPARE(ladder.at(1).baseUrl, u"https://api.anthropic.com"_qs);
        QCOMPARE(ladder.at(1).apiKeyEnv, u"ANTHROPIC_API_KEY"_qs);
        QVERIFY(ladder.at(0).sendTemperature);
        QVERIFY(!ladder.at(2).sendTemperature);
        QCOMPARE(ladder.only(u"c"_qs).size(), 1);
        QVERIFY(ladder.only(u"nope"_qs).isEmpty());
    }

    void missingFileNamesThePath()
    {
        QStringList errors;
        QVERIFY(TierLadder::fromFile(u"/nonexistent/tiers.json"_qs, &errors).isEmpty());
        QVERIFY(errors.value(0).startsWith(u"/nonexistent/tiers.json: "_qs));
    }

    void retryAfterParsing_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("ms") << QByteArray("retry-after-ms") << QByteArray("250") << qint64(250);
        QTest::newRow("seconds") << QByteArray("Retry-After") << QByteArray("2") << qint64(2000);
        QTest::newRow("fraction") << QByteArray("retry-after") << QByteArray("0.5") << qint64(500);
        QTest::newRow("zero") << QByteArray("retry-after") << QByteArray("0") << qint64(0);
        QTest::newRow("http date") << QByteArray("Retry-After") << QByteArray("Thu, 01 Oct 2026 00:00:30 GMT") << qint64(30000);
        QTest::newRow("past date") << QByteArray("Retry-After") << QByteArray("Wed, 01 Oct 2026 00:00:00 GMT") << qint64(0);
        QTest::newRow("garbage") << QByteArray("retry-after") << QByteArray("soon") << qint64(-1);
        QTest::newRow("absent") << QByteArray("x-other") << QByteArray("1") << qint64(-1);
    }
    void retryAfterParsing()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        const QDateTime now(QDate(2026, 10, 1), QTime(0, 0, 0), Qt::UTC);
        QCOMPARE(RetryPolicy::retryAfterMs({{name, value}}, now), expected);
    }

    void backoffIsBoundedWithJitter()
    {
        RetryPolicy p;
        for (int retry = 0; retry < 10; ++retry) {
            const qint64 wait = p.backoffMs(retry);
            const double nominal = std::min(500.0 * std::pow(2.0, retry), 8000.0);
            QVERIFY(wait >= qint64(nominal * 0.75) - 1);
            QVERIFY(wait <= qint64(nominal));
        }
        QVERIFY(RetryPolicy::isRetryableStatus(529));
        QVERIFY(RetryPolicy::isRetryableStatus(429));
        QVERIFY(RetryPolicy::isRetryableStatus(408));
        QVERIFY(!RetryPolicy::isRetryableStatus(400));
        QVERIFY(!RetryPolicy::isRetryableStatus(401));
        QVERIFY(RetryPolicy::isTerminalErrorCode(u"insufficient_quota"_qs));
        QVERIFY(RetryPolicy::isTerminalErrorCode(u"enforced_spend_limit_reached"_qs));
    }

    void errorBodiesParseTolerantly_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("code");
        QTest::newRow("openai") << QByteArray(R"({"error":{"message":"Rate limit reached","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}})")
                                << u"Rate limit reached"_qs << u"rate_limit_exceeded"_qs;
        QTest::newRow("openai quota") << QByteArray(R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})")
                                      << u"You exceeded your current quota"_qs << u"insufficient_quota"_qs;
        QTest::newRow("llama.cpp int code") << QByteArray(R"({"error":{"code":503,"message":"Loading model","type":"unavailable_error"}})")
                                            << u"Loading model"_qs << u"unavailable_error"_qs;
        QTest::newRow("vllm flat") << QByteArray(R"({"object":"error","message":"bad model","type":"BadRequestError","code":400})")
                                   << u"bad model"_qs << u"400"_qs;
        QTest::newRow("ollama") << QByteArray("{\"error\":\"model \\\"x\\\" not found\"}") << u"model \"x\" not found"_qs << QString();
        QTest::newRow("anthropic") << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"})")
                                   << u"Overloaded"_qs << u"overloaded_error"_qs;
        QTest::newRow("anthropic spend") << QByteArray(R"({"type":"error","error":{"type":"rate_limit_error","message":"Spend limit","details":{"error_code":"enforced_spend_limit_reached"}}})")
                                         << u"Spend limit"_qs << u"enforced_spend_limit_reached"_qs;
        QTest::newRow("html") << QByteArray("<html>413 Request Entity Too Large</html>")
                              << u"<html>413 Request Entity Too Large</html>"_qs << QString();
    }
    void errorBodiesParseTolerantly()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QFETCH(QString, code);
        QString m, c;
        LlmProvider::readErrorBody(body, m, c);
        QCOMPARE(m, message);
        QCOMPARE(c, code);
    }

    void urlsAcceptABaseWithOrWithoutV1()
    {
        QCOMPARE(LlmProvider::joinUrl(u"http://h:8080"_qs, u"/v1/chat/completions"_qs).toString(),
                 u"http://h:8080/v1/chat/completions"_qs);
        QCOMPARE(LlmProvider::joinUrl(u"http://h:8080/v1/"_qs, u"/v1/chat/completions"_qs).toString(),
                 u"http://h:8080/v1/chat/completions"_qs);
        QCOMPARE(LlmProvider::joinUrl(u"http://h:11434/"_qs, u"/api/chat"_qs).toString(), u"http://h:11434/api/chat"_qs);
    }

    void diagnosisParses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("problem");
        const QString good = QString::fromUtf8(
            R"({"status":"SUSPICIOUS","confidence":0.94,"root_cause":"Input data quality decreased","evidence":["pass 100% -> 85%"],"action":"EVOLVE_WORKFLOW","proposed_mutation":{"kind":"sanitize_input","description":"Add a sanitize step","expected_effect":"+8% validation pass"}})");
        QTest::newRow("bare") << good << true << QString();
        QTest::newRow("fenced") << (u"Here you go:\n```json\n"_qs + good + u"\n```"_qs) << true << QString();
        QTest::newRow("lowercase enums") << QString(good).replace(u"SUSPICIOUS"_qs, u"suspicious"_qs) << true << QString();
        QTest::newRow("null mutation")
            << u"{\"status\":\"NORMAL\",\"confidence\":0.9,\"root_cause\":\"noise\",\"evidence\":[],\"action\":\"IGNORE\",\"proposed_mutation\":null}"_qs
            << true << QString();
        QTest::newRow("empty") << u"  "_qs << false << u"empty"_qs;
        QTest::newRow("prose") << u"The tool is fine, confidence high."_qs << false << u"not valid JSON"_qs;
        QTest::newRow("truncated") << good.left(60) << false << u"not valid JSON"_qs;
        QTest::newRow("confidence range") << QString(good).replace(u"0.94"_qs, u"94"_qs) << false << u"\"confidence\" must be between 0.0 and 1.0"_qs;
        QTest::newRow("status enum") << QString(good).replace(u"SUSPICIOUS"_qs, u"MAYBE"_qs) << false << u"\"status\" must be"_qs;
        QTest::newRow("action enum") << QString(good).replace(u"EVOLVE_WORKFLOW"_qs, u"PANIC"_qs) << false << u"\"action\" must be"_qs;
        QTest::newRow("missing root cause") << QString(good).replace(u"root_cause"_qs, u"cause"_qs) << false << u"\"root_cause\" is required"_qs;
        QTest::newRow("evidence type") << QString(good).replace(u"[\"pass 100% -> 85%\"]"_qs, u"\"x\""_qs) << false << u"\"evidence\" is required"_qs;
        QTest::newRow("confidence string") << QString(good).replace(u"0.94"_qs, u"\"high\""_qs) << false << u"\"confidence\" is required"_qs;
    }
    void diagnosisParses()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, problem);
        Diagnosis d;
        QString error;
        QCOMPARE(parseDiagnosisText(text, d, &error), ok);
        if (ok) {
            QVERIFY(d.confidence >= 0.9);
            QVERIFY(!d.rootCause.isEmpty());
        } else {
            QVERIFY2(error.contains(problem), qPrintable(error));
        }
    }

    void diagnosisJsonRoundTripsAndMatchesTheSchema()
    {
        Diagnosis d;
        d.status = DiagnosisStatus::Broken;
        d.confidence = 0.98;
        d.rootCause = QStringLiteral("External API is down");
        d.evidence = {QStringLiteral("HTTP 500 for 3 minutes")};
        d.action = DiagnosisAction::Recover;
        d.mutation = {QStringLiteral("add_retry"), QStringLiteral("Retry with backoff"), QStringLiteral("95% less downtime")};
        const QJsonObject o = diagnosisToJson(d);
        const QJsonObject schema = diagnosisSchema();
        QCOMPARE(o.keys().size(), schema.value(u"required").toArray().size());
        for (const QJsonValue &key : schema.value(u"required").toArray())
            QVERIFY2(o.contains(key.toString()), qPrintable(key.toString()));
        QCOMPARE(schema.value(u"additionalProperties").toBool(true), false);
        Diagnosis back;
        QVERIFY(diagnosisFromJson(o, back, nullptr));
        QCOMPARE(back.status, d.status);
        QCOMPARE(back.action, d.action);
        QCOMPARE(back.confidence, d.confidence);
        QCOMPARE(back.mutation.kind, d.mutation.kind);
        QCOMPARE(back.mutation.expectedEffect, d.mutation.expectedEffect);
    }

    void promptCarriesTheCase()
    {
        TierCall earlier;
        earlier.tier = QStringLiteral("fast");
        earlier.model = QStringLiteral("gemma2:2b");
        earlier.hasDiagnosis = true;
        earlier.diagnosis.status = DiagnosisStatus::Suspicious;
        earlier.diagnosis.confidence = 0.72;
        earlier.diagnosis.action = DiagnosisAction::EscalateToHuman;
        earlier.diagnosis.rootCause = QStringLiteral("latency doubled");
        TierCall failed;
        failed.tier = QStringLiteral("medium");
        failed.model = QStringLiteral("llama3:8b");
        failed.error = QStringLiteral("no answer within 60 s");
        const QString prompt = PromptBuilder::userPrompt(latencyDrift(), {earlier, failed});
        for (const QString &needle : {u"Tool: fetch_data"_qs, u"Offending value: 481"_qs, u"p50 225, p95 251, p99 262"_qs,
                                      u"mean 226.5, std 14.8"_qs, u"229, 231, 470, 478, 481"_qs, u"+1.2 ms/day"_qs,
                                      u"output_bytes"_qs, u"tier fast (gemma2:2b): SUSPICIOUS, ESCALATE_TO_HUMAN, confidence 0.72"_qs,
                                      u"tier medium (llama3:8b): no answer (no answer within 60 s)"_qs}) {
            QVERIFY2(prompt.contains(needle), qPrintable(needle + u"\n---\n"_qs + prompt));
        }
        QVERIFY(!prompt.contains(u"{{"_qs));
        QVERIFY(PromptBuilder::systemPrompt().contains(u"UPDATE_PROFILE"_qs));
        const QString repair = PromptBuilder::repairPrompt(u"field \"confidence\" must be between 0.0 and 1.0"_qs);
        QVERIFY(repair.contains(u"must be between 0.0 and 1.0"_qs));
        QVERIFY(repair.contains(u"\"proposed_mutation\""_qs));
    }

    void renderLeavesUnknownKeysVisible()
    {
        QCOMPARE(PromptBuilder::render(u"a {{x}} b {{ y }} {{z}}"_qs, {{u"x"_qs, u"1"_qs}, {u"y"_qs, u"2"_qs}}),
                 u"a 1 b 2 {{z}}"_qs);
    }

    void priceTableIsDatedAndMatchesLongestPrefix()
    {
        const PriceTable table = PriceTable::builtIn();
        QVERIFY(!table.asOf().isEmpty());
        QVERIFY(table.entries().size() >= 15);
        auto price = table.lookup(ProviderKind::Anthropic, u"claude-sonnet-4-6"_qs);
        QVERIFY(price);
        QCOMPARE(price->inputUsdPerMTok, 3.0);
        QCOMPARE(price->outputUsdPerMTok, 15.0);
        price = table.lookup(ProviderKind::Anthropic, u"claude-opus-4-6"_qs);
        QVERIFY(price);
        QCOMPARE(price->inputUsdPerMTok, 5.0);
        price = table.lookup(ProviderKind::Anthropic, u"claude-opus-4-20250514"_qs);
        QVERIFY(price);
        QCOMPARE(price->inputUsdPerMTok, 15.0);
        price = table.lookup(ProviderKind::OpenAi, u"gpt-4o-mini-2024-07-18"_qs);
        QVERIFY(price);
        QCOMPARE(price->outputUsdPerMTok, 0.60);
        price = table.lookup(ProviderKind::Ollama, u"llama3:8b"_qs);
        QVERIFY(price);
        QCOMPARE(price->inputUsdPerMTok, 0.0);
        QVERIFY(!table.lookup(ProviderKind::OpenAi, u"qwen2.5-7b-instruct"_qs));
        for (const ModelPrice &p : table.entries())
            QVERIFY2(!p.asOf.isEmpty() && !p.source.isEmpty(), qPrintable(p.model));
    }

    void costIsTokensTimesPrices()
    {
        TierConfig t;
        t.inputUsdPerMTok = 3;
        t.outputUsdPerMTok = 15;
        QCOMPARE(t.costUsd(1000, 200), (1000 * 3.0 + 200 * 15.0) / 1e6);
        t.inputUsdPerMTok = t.outputUsdPerMTok = 0;
        QCOMPARE(t.costUsd(123456, 7890), 0.0);
    }

    void resultRoundTripsAndExportsMarkdown()
    {
        InvestigationResult r;
        r.outcome = InvestigationOutcome::Accepted;
        r.acceptedTier = QStringLiteral("medium");
        r.totalCostUsd = 0.015;
        TierCall c;
        c.tier = QStringLiteral("medium");
        c.provider = QStringLiteral("ollama");
        c.model = QStringLiteral("llama3:8b");
        c.request = QStringLiteral("POST http://localhost:11434/api/chat\n\n{\"model\":\"llama3:8b\"}");
        c.response = QStringLiteral("HTTP 200 OK\n\n{\"done\":true} with ``` inside");
        c.inputTokens = 800;
        c.outputTokens = 120;
        c.latencyMs = 2300;
        c.costUsd = 0.015;
        c.httpStatus = 200;
        c.httpAttempts = 2;
        c.retries = {QStringLiteral("attempt 1: HTTP 503 — waited 500 ms (backoff)")};
        c.hasDiagnosis = true;
        c.accepted = true;
        c.diagnosis.status = DiagnosisStatus::Suspicious;
        c.diagnosis.confidence = 0.94;
        c.diagnosis.action = DiagnosisAction::EvolveWorkflow;
        c.diagnosis.rootCause = QStringLiteral("Input data quality decreased");
        r.calls.push_back(c);
        r.diagnosis = c.diagnosis;
        const InvestigationResult back = investigationResultFromJson(investigationResultToJson(r));
        QCOMPARE(investigationResultToJson(back), investigationResultToJson(r));

        const QString md = investigationToMarkdown(latencyDrift(), r);
        QVERIFY(md.startsWith(u"# Investigation: process_customer_order / fetch_data — drift"_qs));
        QVERIFY(md.contains(u"**SUSPICIOUS** → **EVOLVE_WORKFLOW** (confidence 0.94, accepted by tier `medium`)"_qs));
        QVERIFY(md.contains(u"| 1 | medium | ollama | llama3:8b | 1 | SUSPICIOUS / EVOLVE_WORKFLOW ✔ | 0.94 | 800/120 | $0.0150 | 2300 ms |"_qs));
        QVERIFY(md.contains(u"retried: attempt 1: HTTP 503"_qs));
        QVERIFY(md.contains(u"~~~~\nHTTP 200 OK"_qs)); // a body with ``` gets a fence it cannot close
    }
};

QTEST_GUILESS_MAIN(TestLlmConfig)
#include "tst_llmconfig.moc"
