#include "mutationproposals.h"

namespace Apprentice {

std::optional<MutationProposal> proposalFromDiagnosis(const InvestigationContext &ctx, const Diagnosis &d, qint64 eventId)
{
    const QString kind = d.mutation.kind.trimmed();
    if (kind.isEmpty() || kind == u"none")
        return std::nullopt;
    MutationProposal p;
    p.workflow = ctx.workflow;
    p.version = ctx.version;
    p.tool = ctx.tool;
    if (!mutationKindFromName(kind, p.kind)) {
        p.kind = MutationKind::Custom;
        p.customKind = kind;
    }
    p.description = d.mutation.description;
    p.expectedEffect = d.mutation.expectedEffect;
    p.source = MutationSource::Diagnosis;
    p.sourceRef = eventId > 0 ? QStringLiteral("%1 #%2").arg(triggerName(ctx.trigger)).arg(eventId)
                              : triggerName(ctx.trigger);
    if (eventId > 0)
        p.eventIds << eventId;
    if (!d.rootCause.isEmpty())
        p.evidence << QStringLiteral("root cause: ") + d.rootCause;
    p.evidence << d.evidence;
    if (!ctx.metric.isEmpty())
        p.evidence << QStringLiteral("%1 %2: %3 against a profile median of %4 (line %5)")
                          .arg(ctx.tool, ctx.metric)
                          .arg(ctx.value, 0, 'g', 4)
                          .arg(ctx.profile.p50, 0, 'g', 4)
                          .arg(ctx.line);
    return p;
}

std::optional<MutationProposal> proposalFromTrend(const TrendResult &t)
{
    if (!t.significant || t.severity == TrendSeverity::None)
        return std::nullopt;
    MutationProposal p;
    p.workflow = t.workflow;
    p.version = t.version;
    p.tool = t.tool;
    p.source = MutationSource::Trend;
    p.sourceRef = QStringLiteral("trend %1 %2 %3").arg(t.tool, t.metric, trendStatisticName(t.statistic));
    p.evidence << t.summary();
    const QString breach = t.breachInDays ? QStringLiteral(" before it crosses %1 in %2 days")
                                                .arg(t.threshold, 0, 'g', 4)
                                                .arg(*t.breachInDays, 0, 'f', 1)
                                          : QString();
    if (t.metric == u"latency_ms" || t.metric == u"cost_usd") {
        p.kind = MutationKind::AddCache;
        p.description = QStringLiteral("Cache frequent reads of %1: its %2 is creeping up%3").arg(t.tool, t.metric, breach);
        p.expectedEffect = QStringLiteral("%1 back at or below its level of %2 days ago").arg(t.metric).arg(t.days);
    } else if (t.metric == u"validation_pass") {
        p.kind = MutationKind::SanitizeInput;
        p.description = QStringLiteral("Sanitize input before %1: validation is degrading%2").arg(t.tool, breach);
        p.expectedEffect = QStringLiteral("validation pass rate stops falling");
    } else if (t.metric == u"memory_mb") {
        p.kind = MutationKind::StreamProcessing;
        p.description = QStringLiteral("Stream instead of batching in %1: memory keeps growing%2").arg(t.tool, breach);
        p.expectedEffect = QStringLiteral("memory flat whatever the input size");
    } else if (t.metric == u"status") {
        p.kind = MutationKind::AddRetry;
        p.description = QStringLiteral("Retry %1 with exponential backoff: its error rate is rising%2").arg(t.tool, breach);
        p.expectedEffect = QStringLiteral("transient failures absorbed");
    } else {
        p.kind = MutationKind::Custom;
        p.customKind = QStringLiteral("investigate");
        p.description = QStringLiteral("Investigate %1 %2: it has been %3 for %4 days%5")
                            .arg(t.tool, t.metric, t.direction > 0 ? QStringLiteral("rising") : QStringLiteral("falling"))
                            .arg(t.days)
                            .arg(breach);
    }
    return p;
}

} // namespace Apprentice
