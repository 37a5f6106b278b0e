#pragma once

#include "diagnosis.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace Apprentice {

/// One request to one tier: the transcript line shown and stored for every call, failed ones included.
struct TierCall {
    QString tier;
    QString provider;        ///< "rules" | "ollama" | "openai" | "anthropic"
    QString model;
    int attempt = 1;         ///< 1 = the question, 2 = the repair request after an unusable answer
    QString request;         ///< method, URL, headers (API keys redacted) and body as sent
    QString response;        ///< status line, headers and body of the last HTTP attempt
    qint64 inputTokens = 0;  ///< as the provider reported them (Anthropic: input + cache reads + cache writes)
    qint64 outputTokens = 0;
    qint64 latencyMs = 0;    ///< wall time of the request, retries and their waits included
    double costUsd = 0;      ///< tokens x the tier's prices
    int httpStatus = 0;      ///< 0 when no HTTP answer came (refused, timeout) or for the rules tier
    int httpAttempts = 0;    ///< HTTP attempts made (1 + retries)
    QStringList retries;     ///< one line per retried attempt: why, and how long it waited
    QString error;           ///< empty on success
    bool hasDiagnosis = false;
    Diagnosis diagnosis;     ///< valid when hasDiagnosis
    bool accepted = false;   ///< this call's answer ended the investigation
    int rerun = 0;           ///< 0: the investigation itself; n: the operator's n-th re-run with a chosen tier
};

/// How an investigation ended.
enum class InvestigationOutcome {
    Accepted,  ///< a tier's answer reached its accept_confidence, or was the last tier's
    Fallback,  ///< the last tier failed; the most confident earlier answer stands
    Failed,    ///< no tier produced a usable answer; the diagnosis escalates to a human
    Cancelled
};
QString outcomeName(InvestigationOutcome o); ///< "accepted" | "fallback" | "failed" | "cancelled"

/// The result of running one investigation through the ladder.
struct InvestigationResult {
    InvestigationOutcome outcome = InvestigationOutcome::Failed;
    Diagnosis diagnosis;       ///< final; ESCALATE_TO_HUMAN with confidence 0 when Failed/Cancelled
    QString acceptedTier;      ///< empty when no tier answered
    double totalCostUsd = 0;
    qint64 totalLatencyMs = 0;
    std::vector<TierCall> calls;
};

/// The newest re-run in `r`'s transcript (0 when it was never re-run).
int lastRerun(const InvestigationResult &r);
/// Appends a re-run's calls to `into` as its next re-run, adding their cost and latency. An answer
/// from the re-run becomes the verdict; a re-run without one leaves the earlier verdict standing.
void appendRerun(InvestigationResult &into, const InvestigationResult &rerun);

QJsonObject tierCallToJson(const TierCall &c);
TierCall tierCallFromJson(const QJsonObject &o);
/// Full result (transcript included) for storage; keys are redacted before they ever reach a TierCall.
QJsonObject investigationResultToJson(const InvestigationResult &r);
InvestigationResult investigationResultFromJson(const QJsonObject &o);
/// A readable report: the case, the final diagnosis and the transcript tier by tier.
QString investigationToMarkdown(const InvestigationContext &ctx, const InvestigationResult &r);

} // namespace Apprentice
