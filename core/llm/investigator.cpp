#include "investigator.h"

#include "diagnosisjson.h"
#include "llmprovider.h"
#include "promptbuilder.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>

namespace Apprentice {

namespace {

TierCall rulesCall(const TierConfig &tier, const InvestigationContext &ctx)
{
    QElapsedTimer clock;
    clock.start();
    TierCall call;
    call.tier = tier.name;
    call.provider = providerKindName(ProviderKind::Rules);
    call.model = tier.model.isEmpty() ? QStringLiteral("built-in") : tier.model;
    call.request = QStringLiteral("built-in rules: %1 of %2 / %3").arg(triggerName(ctx.trigger), ctx.tool, ctx.metric);
    call.diagnosis = diagnoseByRules(ctx);
    call.hasDiagnosis = true;
    call.response = QString::fromUtf8(QJsonDocument(diagnosisToJson(call.diagnosis)).toJson(QJsonDocument::Indented));
    call.latencyMs = clock.elapsed();
    return call;
}

bool accepts(const TierLadder &ladder, int index, const Diagnosis &d)
{
    return index == ladder.size() - 1 || d.confidence >= ladder.at(index).acceptConfidence;
}

/// The verdict when the ladder ran out: the accepted answer, else the most confident one, else a human.
void concludeResult(InvestigationResult &r)
{
    r.totalCostUsd = 0;
    for (const TierCall &c : r.calls)
        r.totalCostUsd += c.costUsd;
    for (const TierCall &c : r.calls) {
        if (c.accepted) {
            r.outcome = InvestigationOutcome::Accepted;
            r.diagnosis = c.diagnosis;
            r.acceptedTier = c.tier;
            return;
        }
    }
    TierCall *best = nullptr;
    for (TierCall &c : r.calls) {
        if (c.hasDiagnosis && (!best || c.diagnosis.confidence >= best->diagnosis.confidence))
            best = &c;
    }
    if (best) {
        best->accepted = true;
        r.outcome = InvestigationOutcome::Fallback;
        r.diagnosis = best->diagnosis;
        r.acceptedTier = best->tier;
        return;
    }
    r.outcome = InvestigationOutcome::Failed;
    r.acceptedTier.clear();
    Diagnosis d;
    d.status = DiagnosisStatus::Suspicious;
    d.action = DiagnosisAction::EscalateToHuman;
    d.confidence = 0;
    d.rootCause = QStringLiteral("No tier produced a usable diagnosis");
    for (const TierCall &c : r.calls) {
        if (!c.error.isEmpty())
            d.evidence << QStringLiteral("%1: %2").arg(c.tier, c.error);
    }
    r.diagnosis = d;
}

} // namespace

Investigator::Investigator(const TierLadder &ladder, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_ladder(ladder), m_network(network)
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
}

Investigator::~Investigator() = default;

void Investigator::setLadder(const TierLadder &ladder)
{
    m_ladder = ladder;
}

void Investigator::start(const InvestigationContext &ctx)
{
    start(ctx, m_ladder);
}

void Investigator::start(const InvestigationContext &ctx, const TierLadder &ladder)
{
    ++m_generation;
    if (m_provider) {
        m_provider->abort();
        m_provider->deleteLater();
        m_provider = nullptr;
    }
    m_ctx = ctx;
    m_activeLadder = ladder;
    m_result = InvestigationResult();
    m_tierIndex = 0;
    m_attempt = 1;
    m_running = true;
    m_clock.start();
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == m_generation && m_running)
                runTier();
        },
        Qt::QueuedConnection);
}

void Investigator::cancel()
{
    if (!m_running)
        return;
    ++m_generation;
    if (m_provider) {
        m_provider->abort();
        m_provider->deleteLater();
        m_provider = nullptr;
    }
    m_running = false;
    concludeResult(m_result);
    m_result.outcome = InvestigationOutcome::Cancelled;
    m_result.totalLatencyMs = m_clock.elapsed();
    emit finished(m_result);
}

void Investigator::runTier()
{
    while (m_tierIndex < m_activeLadder.size()) {
        const TierConfig &tier = m_activeLadder.at(m_tierIndex);
        if (tier.provider != ProviderKind::Rules) {
            m_attempt = 1;
            m_chat = ChatRequest();
            m_chat.system = PromptBuilder::systemPrompt();
            m_chat.messages.push_back({QStringLiteral("user"), PromptBuilder::userPrompt(m_ctx, m_result.calls)});
            m_chat.schema = diagnosisSchema();
            if (m_provider)
                m_provider->deleteLater();
            m_provider = LlmProvider::create(tier, m_network, this);
            m_provider->setRetryPolicy(m_policy);
            sendToProvider();
            return;
        }
        const quint64 generation = m_generation;
        runRulesTier(tier);
        if (generation != m_generation || !m_running)
            return; // a slot connected to callFinished restarted or cancelled us
        if (m_result.calls.back().accepted) {
            conclude();
            return;
        }
        ++m_tierIndex;
    }
    conclude();
}

void Investigator::runRulesTier(const TierConfig &tier)
{
    TierCall call = rulesCall(tier, m_ctx);
    call.accepted = accepts(m_activeLadder, m_tierIndex, call.diagnosis);
    record(call);
}

void Investigator::sendToProvider()
{
    const quint64 generation = m_generation;
    QPointer<Investigator> self(this);
    m_provider->chat(m_chat, [self, generation](const ProviderReply &reply) {
        if (self)
            self->onProviderReply(generation, reply);
    });
}

void Investigator::onProviderReply(quint64 generation, const ProviderReply &reply)
{
    if (generation != m_generation || !m_running)
        return;
    const TierConfig &tier = m_activeLadder.at(m_tierIndex);
    TierCall call;
    call.tier = tier.name;
    call.provider = providerKindName(tier.provider);
    call.model = tier.model;
    call.attempt = m_attempt;
    call.request = reply.request;
    call.response = reply.response;
    call.inputTokens = reply.inputTokens;
    call.outputTokens = reply.outputTokens;
    call.costUsd = tier.costUsd(reply.inputTokens, reply.outputTokens);
    call.latencyMs = reply.latencyMs;
    call.httpStatus = reply.httpStatus;
    call.httpAttempts = reply.httpAttempts;
    call.retries = reply.retries;

    if (!reply.ok()) {
        call.error = reply.error;
        record(call);
        if (generation == m_generation && m_running)
            nextTier();
        return;
    }

    QString problem;
    Diagnosis d;
    if (parseDiagnosisText(reply.content, d, &problem)) {
        call.hasDiagnosis = true;
        call.diagnosis = d;
        call.accepted = accepts(m_activeLadder, m_tierIndex, d);
        const bool accepted = call.accepted;
        record(call);
        if (generation != m_generation || !m_running)
            return;
        if (accepted)
            conclude();
        else
            nextTier();
        return;
    }

    if (reply.finishReason == u"length" || reply.finishReason == u"max_tokens")
        problem += QStringLiteral(" (the answer was cut off at max_tokens %1)").arg(tier.maxTokens);
    call.error = (m_attempt == 1 ? QStringLiteral("unusable answer, asking once more: %1")
                                 : QStringLiteral("unusable answer after the repair request: %1"))
                     .arg(problem);
    record(call);
    if (generation != m_generation || !m_running)
        return;
    if (m_attempt == 1) {
        m_attempt = 2;
        m_chat.messages.push_back({QStringLiteral("assistant"), reply.content});
        m_chat.messages.push_back({QStringLiteral("user"), PromptBuilder::repairPrompt(problem)});
        sendToProvider();
        return;
    }
    nextTier();
}

void Investigator::record(TierCall call)
{
    m_result.calls.push_back(call);
    emit callFinished(m_result.calls.back());
}

void Investigator::nextTier()
{
    ++m_tierIndex;
    runTier();
}

void Investigator::conclude()
{
    m_running = false;
    if (m_provider) {
        m_provider->deleteLater();
        m_provider = nullptr;
    }
    concludeResult(m_result);
    m_result.totalLatencyMs = m_clock.elapsed();
    emit finished(m_result);
}

InvestigationResult investigateBlocking(const TierLadder &ladder, const InvestigationContext &ctx, const RetryPolicy &policy)
{
    bool onlyRules = true;
    for (const TierConfig &t : ladder.tiers())
        onlyRules = onlyRules && t.provider == ProviderKind::Rules;
    if (onlyRules || !QCoreApplication::instance()) {
        QElapsedTimer clock;
        clock.start();
        InvestigationResult r;
        for (int i = 0; i < ladder.size(); ++i) {
            const TierConfig &t = ladder.at(i);
            if (t.provider != ProviderKind::Rules) {
                TierCall skipped;
                skipped.tier = t.name;
                skipped.provider = providerKindName(t.provider);
                skipped.model = t.model;
                skipped.error = QStringLiteral("network tiers need a running application");
                r.calls.push_back(skipped);
                continue;
            }
            TierCall call = rulesCall(t, ctx);
            call.accepted = accepts(ladder, i, call.diagnosis);
            r.calls.push_back(call);
            if (call.accepted)
                break;
        }
        concludeResult(r);
        r.totalLatencyMs = clock.elapsed();
        return r;
    }
    Investigator investigator(ladder);
    investigator.setRetryPolicy(policy);
    InvestigationResult result;
    QEventLoop loop;
    QObject::connect(&investigator, &Investigator::finished, &loop, [&](const InvestigationResult &r) {
        result = r;
        loop.quit();
    });
    investigator.start(ctx);
    loop.exec();
    return result;
}

} // namespace Apprentice
