#include "trendresult.h"

#include "metricunit.h"

#include <QJsonValue>

namespace Apprentice {

namespace {

/// JSON numbers with 6 significant digits: the analysis is not more precise than that.
QJsonValue number(double v)
{
    if (!std::isfinite(v))
        return QJsonValue(QJsonValue::Null);
    return QString::number(v, 'g', 6).toDouble();
}

QString fmt(double v)
{
    return QString::number(v, 'g', std::abs(v) >= 1000 ? 6 : 3);
}

QString directionName(int d)
{
    return d > 0 ? QStringLiteral("up") : d < 0 ? QStringLiteral("down") : QStringLiteral("flat");
}

} // namespace

QJsonObject TrendResult::toJson() const
{
    QJsonObject o;
    o.insert(u"event", QStringLiteral("trend"));
    o.insert(u"workflow", workflow);
    o.insert(u"version", version);
    o.insert(u"tool", tool);
    o.insert(u"metric", metric);
    o.insert(u"statistic", trendStatisticName(statistic));
    o.insert(u"slope_per_day", number(slopePerDay));
    o.insert(u"slope_per_week_pct", number(slopePerWeekPercent));
    o.insert(u"p_value", number(pValue));
    o.insert(u"q_value", number(qValue));
    o.insert(u"current", number(current));
    o.insert(u"projected_30d", number(projected));
    o.insert(u"projected_30d_low", number(projectedLow));
    o.insert(u"projected_30d_high", number(projectedHigh));
    if (thresholdKind != ThresholdKind::None) {
        o.insert(u"threshold", number(threshold));
        o.insert(u"threshold_kind", thresholdKind == ThresholdKind::AtMost ? QStringLiteral("max") : QStringLiteral("min"));
    }
    o.insert(u"breach_in_days", breachInDays ? number(*breachInDays) : QJsonValue(QJsonValue::Null));
    o.insert(u"severity", trendSeverityName(severity));
    o.insert(u"direction", directionName(direction));
    o.insert(u"significant", significant);
    o.insert(u"days", days);
    o.insert(u"seasonal", seasonal);
    return o;
}

Event TrendResult::toEvent() const
{
    Event e;
    e.kind = EventKind::Trend;
    e.workflow = workflow;
    e.version = version;
    e.tool = tool;
    e.metric = metric;
    e.tsMs = asOfMs;
    e.slopePerDay = slopePerDay;
    e.projected30d = projected;
    e.severity = trendSeverityName(severity);
    e.direction = direction;
    e.value = current;
    e.expected = threshold;
    e.score = pValue;
    e.reason = summary();
    e.evidence = {
        QStringLiteral("statistic: daily %1 over %2 days%3").arg(trendStatisticName(statistic)).arg(days)
            .arg(seasonal ? QStringLiteral(" (weekday-seasonal)") : QString()),
        QStringLiteral("slope: %1 per day [%2, %3]").arg(fmt(slopePerDay), fmt(slopeLowPerDay), fmt(slopeHighPerDay)),
        QStringLiteral("change: %1 %2/week").arg(fmt(slopePerWeekPercent), percentagePoints ? QStringLiteral("pp") : QStringLiteral("%")),
        QStringLiteral("Mann-Kendall p = %1").arg(fmt(pValue)),
        QStringLiteral("projected in %1 days: %2 [%3, %4]")
            .arg(projectionDays).arg(fmt(projected), fmt(projectedLow), fmt(projectedHigh)),
    };
    if (breachInDays)
        e.evidence << QStringLiteral("threshold %1 reached in %2 days").arg(fmt(threshold), fmt(*breachInDays));
    return e;
}

QString TrendResult::summary() const
{
    const QString unit = metricUnitSuffix(metric);
    const QString what = QStringLiteral("%1 %2 %3").arg(tool, metric, trendStatisticName(statistic));
    if (!significant)
        return QStringLiteral("%1: no significant trend (p = %2, %3 days)").arg(what, fmt(pValue)).arg(days);
    const QString p = pValue < 0.001 ? QStringLiteral("p < 0.001") : QStringLiteral("p = %1").arg(fmt(pValue));
    const QString weekly = fmt(slopePerWeekPercent) + (percentagePoints ? QStringLiteral(" pp/week") : QStringLiteral(" %/week"));
    QString s = QStringLiteral("%1 %2 %3%4/day (%5, %6): %7%4 now, %8%4 in %9 days [%10, %11]")
                    .arg(what, direction > 0 ? QStringLiteral("rising") : QStringLiteral("falling"),
                         fmt(std::abs(slopePerDay)), unit, weekly, p, fmt(current), fmt(projected))
                    .arg(projectionDays)
                    .arg(fmt(projectedLow), fmt(projectedHigh));
    if (breachInDays) {
        s += *breachInDays <= 0 ? QStringLiteral("; already beyond %1%2").arg(fmt(threshold), unit)
                                : QStringLiteral("; crosses %1%2 in %3 days").arg(fmt(threshold), unit, fmt(*breachInDays));
    }
    return s;
}

} // namespace Apprentice
