#include "shadowcomparison.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonValue>

namespace Apprentice {

namespace {

QJsonValue number(double v)
{
    if (!std::isfinite(v))
        return QJsonValue(QJsonValue::Null);
    return QString::number(v, 'g', 6).toDouble();
}

} // namespace

QString shadowRecommendationName(ShadowRecommendation r)
{
    switch (r) {
    case ShadowRecommendation::KeepShadow: return QStringLiteral("KEEP_SHADOW");
    case ShadowRecommendation::Promote: return QStringLiteral("PROMOTE");
    case ShadowRecommendation::RollBack: return QStringLiteral("ROLL_BACK");
    }
    return {};
}

QString shadowVerdictName(ShadowVerdict v)
{
    switch (v) {
    case ShadowVerdict::Equivalent: return QStringLiteral("equivalent");
    case ShadowVerdict::Improved: return QStringLiteral("improved");
    case ShadowVerdict::Changed: return QStringLiteral("changed");
    case ShadowVerdict::Insufficient: return QStringLiteral("insufficient");
    case ShadowVerdict::Inconclusive: return QStringLiteral("inconclusive");
    case ShadowVerdict::Regression: return QStringLiteral("regression");
    }
    return {};
}

int shadowVerdictWeight(ShadowVerdict v)
{
    return int(v);
}

QJsonObject ShadowComparison::toJson() const
{
    QJsonObject o;
    o.insert(u"workflow", workflow);
    o.insert(u"baseline", baseline);
    o.insert(u"candidate", candidate);
    o.insert(u"recommendation", shadowRecommendationName(recommendation));
    o.insert(u"reasons", QJsonArray::fromStringList(reasons));
    o.insert(u"more_executions_needed", moreExecutionsNeeded);
    o.insert(u"contemporaneous", contemporaneous);
    if (baselineSinceMs > 0)
        o.insert(u"baseline_since", QDateTime::fromMSecsSinceEpoch(baselineSinceMs, Qt::UTC).toString(Qt::ISODateWithMs));
    o.insert(u"alpha", alpha);
    o.insert(u"correction", QStringLiteral("holm"));
    o.insert(u"tests", tests);
    QJsonArray toolArray;
    for (const ToolComparison &t : tools) {
        QJsonObject to;
        to.insert(u"tool", t.tool);
        to.insert(u"verdict", shadowVerdictName(t.verdict));
        to.insert(u"n_baseline", t.callsBaseline);
        to.insert(u"n_candidate", t.callsCandidate);
        to.insert(u"errors_baseline", t.errorsBaseline);
        to.insert(u"errors_candidate", t.errorsCandidate);
        to.insert(u"error_rate_baseline", number(t.errorRateBaseline));
        to.insert(u"error_rate_candidate", number(t.errorRateCandidate));
        to.insert(u"error_p_value", number(t.errorPValue));
        to.insert(u"error_p_adjusted", number(t.errorPAdjusted));
        to.insert(u"error_verdict", shadowVerdictName(t.errorVerdict));
        to.insert(u"more_calls_needed", t.moreCallsNeeded);
        if (t.onlyBaseline)
            to.insert(u"only_baseline", true);
        if (t.onlyCandidate)
            to.insert(u"only_candidate", true);
        to.insert(u"reasons", QJsonArray::fromStringList(t.reasons));
        QJsonArray metricArray;
        for (const MetricComparison &m : t.metrics) {
            QJsonObject mo;
            mo.insert(u"metric", m.metric);
            mo.insert(u"statistic", m.statistic);
            mo.insert(u"n_baseline", m.nBaseline);
            mo.insert(u"n_candidate", m.nCandidate);
            mo.insert(u"sample_baseline", m.sampleBaseline);
            mo.insert(u"sample_candidate", m.sampleCandidate);
            mo.insert(u"median_baseline", number(m.medianBaseline));
            mo.insert(u"median_candidate", number(m.medianCandidate));
            mo.insert(u"mean_baseline", number(m.meanBaseline));
            mo.insert(u"mean_candidate", number(m.meanCandidate));
            mo.insert(u"p95_baseline", number(m.p95Baseline));
            mo.insert(u"p95_candidate", number(m.p95Candidate));
            mo.insert(u"change_pct", number(m.changePct));
            mo.insert(u"p_value", number(m.pValue));
            mo.insert(u"p_adjusted", number(m.pAdjusted));
            mo.insert(u"effect_size", number(m.effectSize));
            mo.insert(u"ks_d", number(m.ksD));
            mo.insert(u"ks_p_value", number(m.ksPValue));
            mo.insert(u"worst_plausible", number(m.worstPlausible));
            mo.insert(u"margin", number(m.margin));
            mo.insert(u"verdict", shadowVerdictName(m.verdict));
            if (!m.reason.isEmpty())
                mo.insert(u"reason", m.reason);
            metricArray.append(mo);
        }
        to.insert(u"metrics", metricArray);
        toolArray.append(to);
    }
    o.insert(u"tools", toolArray);
    return o;
}

QString ShadowComparison::summary() const
{
    QString s = QStringLiteral("%1 %2 %3 vs %4").arg(shadowRecommendationName(recommendation), workflow, candidate, baseline);
    if (!reasons.isEmpty())
        s += QStringLiteral(": ") + reasons.constFirst();
    return s;
}

const ToolComparison *ShadowComparison::tool(const QString &name) const
{
    for (const ToolComparison &t : tools) {
        if (t.tool == name)
            return &t;
    }
    return nullptr;
}

} // namespace Apprentice
