#include "diagnosis.h"

#include <algorithm>
#include <cmath>

namespace Apprentice {

QString triggerName(Trigger t)
{
    switch (t) {
    case Trigger::ApprenticeReview: return QStringLiteral("apprentice_review");
    case Trigger::Failure: return QStringLiteral("failure");
    case Trigger::Drift: return QStringLiteral("drift");
    case Trigger::Anomaly: return QStringLiteral("anomaly");
    }
    return {};
}

QString statusName(DiagnosisStatus s)
{
    switch (s) {
    case DiagnosisStatus::Normal: return QStringLiteral("NORMAL");
    case DiagnosisStatus::Suspicious: return QStringLiteral("SUSPICIOUS");
    case DiagnosisStatus::Broken: return QStringLiteral("BROKEN");
    }
    return {};
}

QString actionName(DiagnosisAction a)
{
    switch (a) {
    case DiagnosisAction::UpdateProfile: return QStringLiteral("UPDATE_PROFILE");
    case DiagnosisAction::EvolveWorkflow: return QStringLiteral("EVOLVE_WORKFLOW");
    case DiagnosisAction::Recover: return QStringLiteral("RECOVER");
    case DiagnosisAction::Ignore: return QStringLiteral("IGNORE");
    case DiagnosisAction::EscalateToHuman: return QStringLiteral("ESCALATE_TO_HUMAN");
    }
    return {};
}

bool statusFromName(const QString &name, DiagnosisStatus &out)
{
    for (auto s : {DiagnosisStatus::Normal, DiagnosisStatus::Suspicious, DiagnosisStatus::Broken}) {
        if (statusName(s) == name) {
            out = s;
            return true;
        }
    }
    return false;
}

bool actionFromName(const QString &name, DiagnosisAction &out)
{
    for (auto a : {DiagnosisAction::UpdateProfile, DiagnosisAction::EvolveWorkflow, DiagnosisAction::Recover,
                   DiagnosisAction::Ignore, DiagnosisAction::EscalateToHuman}) {
        if (actionName(a) == name) {
            out = a;
            return true;
        }
    }
    return false;
}

namespace {

QString num(double v)
{
    if (std::abs(v) >= 100)
        return QString::number(v, 'f', 0);
    return QString::number(v, 'g', 3);
}

double recentMean(const InvestigationContext &ctx)
{
    if (ctx.recent.empty())
        return ctx.value;
    const size_t take = std::min<size_t>(ctx.recent.size(), 5);
    double s = 0;
    for (size_t i = ctx.recent.size() - take; i < ctx.recent.size(); ++i)
        s += ctx.recent[i];
    return s / double(take);
}

bool isQualityMetric(const QString &metric)
{
    return metric == u"validation_pass";
}

} // namespace

Diagnosis diagnoseByRules(const InvestigationContext &ctx)
{
    Diagnosis d;
    const ProfileStats &p = ctx.profile;
    const QString expected = QStringLiteral("profile p50 %1, p95 %2, p99 %3 (n=%4)")
                                 .arg(num(p.p50), num(p.p95), num(p.p99)).arg(p.n);

    if (ctx.trigger == Trigger::Failure) {
        d.status = DiagnosisStatus::Broken;
        d.action = DiagnosisAction::Recover;
        d.confidence = ctx.consecutiveFailures >= 3 ? 0.95 : 0.85;
        d.rootCause = ctx.errorText.isEmpty()
                          ? QStringLiteral("%1 returned an error").arg(ctx.tool)
                          : QStringLiteral("%1 failed: %2").arg(ctx.tool, ctx.errorText);
        d.evidence << QStringLiteral("%1 consecutive failed calls; %2 of the last %3 calls failed")
                          .arg(ctx.consecutiveFailures).arg(ctx.recentFailures).arg(ctx.recentCalls);
        d.mutation = {QStringLiteral("add_retry"),
                      QStringLiteral("Retry %1 with exponential backoff; open a circuit breaker after 5 consecutive failures")
                          .arg(ctx.tool),
                      QStringLiteral("Transient outages absorbed; sustained ones fail fast")};
        return d;
    }

    if (ctx.trigger == Trigger::ApprenticeReview) {
        d.status = DiagnosisStatus::Normal;
        d.action = DiagnosisAction::Ignore;
        d.confidence = 0.9;
        d.rootCause = QStringLiteral("Execution within what has been learned so far");
        return d;
    }

    const double shift = p.stddev > 0 ? (recentMean(ctx) - p.mean) / p.stddev : 0.0;
    d.evidence << QStringLiteral("%1 of %2 = %3; %4").arg(ctx.metric, ctx.tool, num(ctx.value), expected);
    if (!ctx.recent.empty()) {
        QStringList last;
        const size_t take = std::min<size_t>(ctx.recent.size(), 5);
        for (size_t i = ctx.recent.size() - take; i < ctx.recent.size(); ++i)
            last << num(ctx.recent[i]);
        d.evidence << QStringLiteral("last values: %1 (shift %2σ)").arg(last.join(QStringLiteral(", ")), num(shift));
    }

    if (ctx.trigger == Trigger::Anomaly) {
        d.status = DiagnosisStatus::Normal;
        d.action = DiagnosisAction::Ignore;
        d.confidence = 0.8;
        d.rootCause = QStringLiteral("Isolated out-of-profile value; the values around it are normal");
        return d;
    }

    // A sustained change. Quality falling is degradation; anything else with healthy siblings
    // is the world changing around a still-correct workflow.
    if (isQualityMetric(ctx.metric) && ctx.direction < 0) {
        d.status = DiagnosisStatus::Suspicious;
        d.action = DiagnosisAction::EvolveWorkflow;
        d.confidence = 0.85;
        d.rootCause = QStringLiteral("Validation pass rate of %1 is degrading (input quality changed?)").arg(ctx.tool);
        d.mutation = {QStringLiteral("sanitize_input"),
                      QStringLiteral("Add an input sanitization step before %1").arg(ctx.tool),
                      QStringLiteral("Validation pass rate back to %1").arg(num(p.mean))};
        return d;
    }

    bool siblingsHealthy = true;
    QStringList moved;
    for (const SiblingMetric &s : ctx.siblings) {
        if (std::abs(s.shiftSigma) > 3) {
            siblingsHealthy = false;
            moved << QStringLiteral("%1 %2σ").arg(s.metric, num(s.shiftSigma));
        }
    }
    const bool failing = ctx.recentCalls > 0 && ctx.recentFailures * 10 > ctx.recentCalls;
    if (failing) {
        d.status = DiagnosisStatus::Broken;
        d.action = DiagnosisAction::Recover;
        d.confidence = 0.75;
        d.rootCause = QStringLiteral("%1 changed while failing (%2 of %3 recent calls)")
                          .arg(ctx.tool).arg(ctx.recentFailures).arg(ctx.recentCalls);
        return d;
    }
    if (siblingsHealthy) {
        d.status = DiagnosisStatus::Suspicious;
        d.action = DiagnosisAction::UpdateProfile;
        d.confidence = ctx.siblings.empty() ? 0.7 : 0.88;
        d.rootCause = ctx.metric == u"latency_ms"
                          ? QStringLiteral("Latency of %1 shifted %2 with unchanged output: an external dependency changed")
                                .arg(ctx.tool, ctx.direction > 0 ? QStringLiteral("up") : QStringLiteral("down"))
                          : QStringLiteral("%1 of %2 shifted %3 with the other metrics unchanged")
                                .arg(ctx.metric, ctx.tool, ctx.direction > 0 ? QStringLiteral("up") : QStringLiteral("down"));
        d.evidence << QStringLiteral("other metrics of %1 within profile").arg(ctx.tool);
        return d;
    }
    d.status = DiagnosisStatus::Suspicious;
    d.action = DiagnosisAction::EvolveWorkflow;
    d.confidence = 0.6;
    d.rootCause = QStringLiteral("%1 of %2 shifted together with %3").arg(ctx.metric, ctx.tool, moved.join(QStringLiteral(", ")));
    d.evidence << moved;
    return d;
}

} // namespace Apprentice
