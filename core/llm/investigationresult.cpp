#include "investigationresult.h"

#include "diagnosisjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace Apprentice {

QString outcomeName(InvestigationOutcome o)
{
    switch (o) {
    case InvestigationOutcome::Accepted: return QStringLiteral("accepted");
    case InvestigationOutcome::Fallback: return QStringLiteral("fallback");
    case InvestigationOutcome::Failed: return QStringLiteral("failed");
    case InvestigationOutcome::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

int lastRerun(const InvestigationResult &r)
{
    int n = 0;
    for (const TierCall &c : r.calls)
        n = std::max(n, c.rerun);
    return n;
}

void appendRerun(InvestigationResult &into, const InvestigationResult &rerun)
{
    const int n = lastRerun(into) + 1;
    for (TierCall c : rerun.calls) {
        c.rerun = n;
        into.calls.push_back(std::move(c));
    }
    into.totalCostUsd += rerun.totalCostUsd;
    into.totalLatencyMs += rerun.totalLatencyMs;
    if (rerun.outcome == InvestigationOutcome::Accepted || rerun.outcome == InvestigationOutcome::Fallback) {
        into.outcome = rerun.outcome;
        into.diagnosis = rerun.diagnosis;
        into.acceptedTier = rerun.acceptedTier;
    }
}

QJsonObject tierCallToJson(const TierCall &c)
{
    QJsonObject o;
    o.insert(u"tier", c.tier);
    o.insert(u"provider", c.provider);
    o.insert(u"model", c.model);
    o.insert(u"attempt", c.attempt);
    o.insert(u"request", c.request);
    o.insert(u"response", c.response);
    o.insert(u"input_tokens", c.inputTokens);
    o.insert(u"output_tokens", c.outputTokens);
    o.insert(u"latency_ms", c.latencyMs);
    o.insert(u"cost_usd", c.costUsd);
    o.insert(u"http_status", c.httpStatus);
    o.insert(u"http_attempts", c.httpAttempts);
    o.insert(u"retries", QJsonArray::fromStringList(c.retries));
    o.insert(u"error", c.error);
    o.insert(u"accepted", c.accepted);
    if (c.rerun > 0)
        o.insert(u"rerun", c.rerun);
    if (c.hasDiagnosis)
        o.insert(u"diagnosis", diagnosisToJson(c.diagnosis));
    return o;
}

TierCall tierCallFromJson(const QJsonObject &o)
{
    TierCall c;
    c.tier = o.value(u"tier").toString();
    c.provider = o.value(u"provider").toString();
    c.model = o.value(u"model").toString();
    c.attempt = o.value(u"attempt").toInt(1);
    c.request = o.value(u"request").toString();
    c.response = o.value(u"response").toString();
    c.inputTokens = qint64(o.value(u"input_tokens").toDouble());
    c.outputTokens = qint64(o.value(u"output_tokens").toDouble());
    c.latencyMs = qint64(o.value(u"latency_ms").toDouble());
    c.costUsd = o.value(u"cost_usd").toDouble();
    c.httpStatus = o.value(u"http_status").toInt();
    c.httpAttempts = o.value(u"http_attempts").toInt();
    for (const QJsonValue &v : o.value(u"retries").toArray())
        c.retries << v.toString();
    c.error = o.value(u"error").toString();
    c.accepted = o.value(u"accepted").toBool();
    c.rerun = o.value(u"rerun").toInt();
    if (o.value(u"diagnosis").isObject())
        c.hasDiagnosis = diagnosisFromJson(o.value(u"diagnosis").toObject(), c.diagnosis, nullptr);
    return c;
}

QJsonObject investigationResultToJson(const InvestigationResult &r)
{
    QJsonArray calls;
    for (const TierCall &c : r.calls)
        calls.append(tierCallToJson(c));
    QJsonObject o;
    o.insert(u"outcome", outcomeName(r.outcome));
    o.insert(u"diagnosis", diagnosisToJson(r.diagnosis));
    o.insert(u"accepted_tier", r.acceptedTier);
    o.insert(u"total_cost_usd", r.totalCostUsd);
    o.insert(u"total_latency_ms", r.totalLatencyMs);
    o.insert(u"calls", calls);
    return o;
}

InvestigationResult investigationResultFromJson(const QJsonObject &o)
{
    InvestigationResult r;
    const QString outcome = o.value(u"outcome").toString();
    for (auto k : {InvestigationOutcome::Accepted, InvestigationOutcome::Fallback, InvestigationOutcome::Failed,
                   InvestigationOutcome::Cancelled}) {
        if (outcomeName(k) == outcome)
            r.outcome = k;
    }
    diagnosisFromJson(o.value(u"diagnosis").toObject(), r.diagnosis, nullptr);
    r.acceptedTier = o.value(u"accepted_tier").toString();
    r.totalCostUsd = o.value(u"total_cost_usd").toDouble();
    r.totalLatencyMs = qint64(o.value(u"total_latency_ms").toDouble());
    for (const QJsonValue &v : o.value(u"calls").toArray())
        r.calls.push_back(tierCallFromJson(v.toObject()));
    return r;
}

namespace {

QString num(double v)
{
    if (std::abs(v) >= 100)
        return QString::number(v, 'f', 0);
    return QString::number(v, 'g', 4);
}

QString usd(double v)
{
    return u'$' % QString::number(v, 'f', v > 0 && v < 0.01 ? 5 : 4);
}

QString fenced(const QString &text)
{
    // A body containing ``` would end a 3-backtick fence early.
    const QString fence = text.contains(u"```") ? QStringLiteral("~~~~") : QStringLiteral("```");
    return fence % u'\n' % text.trimmed() % u'\n' % fence % u'\n';
}

QString cell(QString s)
{
    return s.replace(u'|', QStringLiteral("\\|")).replace(u'\n', u' ');
}

QString tierLabel(const TierCall &c)
{
    return c.rerun > 0 ? QStringLiteral("%1 (re-run %2)").arg(c.tier).arg(c.rerun) : c.tier;
}

} // namespace

QString investigationToMarkdown(const InvestigationContext &ctx, const InvestigationResult &r)
{
    QString md;
    md += QStringLiteral("# Investigation: %1 / %2 — %3\n\n").arg(ctx.workflow, ctx.tool, triggerName(ctx.trigger));
    md += QStringLiteral("- Workflow: `%1` version `%2`\n").arg(ctx.workflow, ctx.version);
    md += QStringLiteral("- Tool: `%1`, metric `%2`\n").arg(ctx.tool, ctx.metric);
    if (ctx.trigger == Trigger::Failure) {
        md += QStringLiteral("- Error: %1 (%2 consecutive failures)\n").arg(ctx.errorText).arg(ctx.consecutiveFailures);
    } else {
        md += QStringLiteral("- Value: %1 %2 against p50 %3, p95 %4, p99 %5 (mean %6, std %7, n=%8)\n")
                  .arg(num(ctx.value), ctx.direction > 0 ? QStringLiteral("(up)") : QStringLiteral("(down)"),
                       num(ctx.profile.p50), num(ctx.profile.p95), num(ctx.profile.p99), num(ctx.profile.mean),
                       num(ctx.profile.stddev))
                  .arg(ctx.profile.n);
    }
    if (!ctx.trend.isEmpty())
        md += QStringLiteral("- Trend: %1\n").arg(ctx.trend);
    if (ctx.line > 0)
        md += QStringLiteral("- Input line: %1\n").arg(ctx.line);

    const Diagnosis &d = r.diagnosis;
    md += QStringLiteral("\n## Diagnosis\n\n");
    md += QStringLiteral("**%1** → **%2** (confidence %3, %4 by tier `%5`)\n\n")
              .arg(statusName(d.status), actionName(d.action), QString::number(d.confidence, 'f', 2),
                   outcomeName(r.outcome), r.acceptedTier.isEmpty() ? QStringLiteral("none") : r.acceptedTier);
    md += QStringLiteral("Root cause: %1\n\n").arg(d.rootCause);
    if (!d.evidence.isEmpty()) {
        md += QStringLiteral("Evidence:\n");
        for (const QString &e : d.evidence)
            md += QStringLiteral("- %1\n").arg(e);
        md += u'\n';
    }
    if (!d.mutation.kind.isEmpty()) {
        md += QStringLiteral("Proposed mutation: `%1` — %2").arg(d.mutation.kind, d.mutation.description);
        if (!d.mutation.expectedEffect.isEmpty())
            md += QStringLiteral(" (expected: %1)").arg(d.mutation.expectedEffect);
        md += QStringLiteral("\n\n");
    }
    md += QStringLiteral("Total cost %1, %2 ms over %3 call(s).\n\n")
              .arg(usd(r.totalCostUsd)).arg(r.totalLatencyMs).arg(r.calls.size());

    md += QStringLiteral("## Transcript\n\n");
    md += QStringLiteral("| # | tier | provider | model | attempt | result | confidence | tokens in/out | cost | latency |\n");
    md += QStringLiteral("|---|---|---|---|---|---|---|---|---|---|\n");
    int i = 0;
    for (const TierCall &c : r.calls) {
        const QString result = !c.error.isEmpty()
                                   ? QStringLiteral("error: %1").arg(cell(c.error))
                                   : QStringLiteral("%1 / %2%3").arg(statusName(c.diagnosis.status),
                                                                    actionName(c.diagnosis.action),
                                                                    c.accepted ? QStringLiteral(" ✔") : QString());
        md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8/%9 | %10 | %11 ms |\n")
                  .arg(++i)
                  .arg(cell(tierLabel(c)), c.provider, cell(c.model))
                  .arg(c.attempt)
                  .arg(result, c.hasDiagnosis ? QString::number(c.diagnosis.confidence, 'f', 2) : QStringLiteral("–"))
                  .arg(c.inputTokens)
                  .arg(c.outputTokens)
                  .arg(usd(c.costUsd))
                  .arg(c.latencyMs);
    }
    i = 0;
    for (const TierCall &c : r.calls) {
        md += QStringLiteral("\n### %1. %2 (%3 `%4`), attempt %5\n\n").arg(++i).arg(tierLabel(c), c.provider, c.model).arg(c.attempt);
        if (c.hasDiagnosis) {
            md += QStringLiteral("Answer: **%1**, %2, confidence %3 — %4\n\n")
                      .arg(statusName(c.diagnosis.status), actionName(c.diagnosis.action),
                           QString::number(c.diagnosis.confidence, 'f', 2), c.diagnosis.rootCause);
        }
        if (!c.error.isEmpty())
            md += QStringLiteral("Error: %1\n\n").arg(c.error);
        for (const QString &retry : c.retries)
            md += QStringLiteral("- retried: %1\n").arg(retry);
        if (!c.retries.isEmpty())
            md += u'\n';
        if (!c.request.isEmpty())
            md += QStringLiteral("Request:\n\n") % fenced(c.request) % u'\n';
        if (!c.response.isEmpty())
            md += QStringLiteral("Response:\n\n") % fenced(c.response) % u'\n';
    }
    return md;
}

} // namespace Apprentice
