#include "metricinfo.h"

#include "record.h"

#include <QCoreApplication>

namespace MetricInfo {

QString title(const QString &metric)
{
    if (metric == u"latency_ms")
        return QCoreApplication::translate("MetricInfo", "Latency");
    if (metric == u"output_bytes")
        return QCoreApplication::translate("MetricInfo", "Output size");
    if (metric == u"memory_mb")
        return QCoreApplication::translate("MetricInfo", "Memory");
    if (metric == u"cpu_pct")
        return QCoreApplication::translate("MetricInfo", "CPU");
    if (metric == u"validation_pass")
        return QCoreApplication::translate("MetricInfo", "Validation pass rate");
    if (metric == u"cost_usd")
        return QCoreApplication::translate("MetricInfo", "Direct cost");
    if (metric == u"status")
        return QCoreApplication::translate("MetricInfo", "Status (failures)");
    return metric;
}

QString unit(const QString &metric)
{
    if (metric == u"latency_ms")
        return QCoreApplication::translate("MetricInfo", "ms");
    if (metric == u"output_bytes")
        return QCoreApplication::translate("MetricInfo", "bytes");
    if (metric == u"memory_mb")
        return QCoreApplication::translate("MetricInfo", "MB");
    if (metric == u"cpu_pct" || metric == u"validation_pass")
        return QCoreApplication::translate("MetricInfo", "%");
    if (metric == u"cost_usd")
        return QStringLiteral("$");
    return {};
}

QString suffix(const QString &metric)
{
    if (isShare(metric))
        return {};
    const QString u = unit(metric);
    return u.isEmpty() ? u : u' ' + u;
}

QString description(const QString &metric)
{
    if (metric == u"latency_ms")
        return QCoreApplication::translate("MetricInfo", "Wall time of one tool call, in milliseconds (latency_ms). A sustained shift means the tool "
                  "or something it depends on got slower or faster.");
    if (metric == u"output_bytes")
        return QCoreApplication::translate("MetricInfo", "Size of the tool's result in bytes (output_bytes). A change often means the input or an "
                  "upstream API changed shape.");
    if (metric == u"memory_mb")
        return QCoreApplication::translate("MetricInfo", "Memory the call used, in megabytes (memory_mb).");
    if (metric == u"cpu_pct")
        return QCoreApplication::translate("MetricInfo", "CPU use of the call, in percent (cpu_pct).");
    if (metric == u"validation_pass")
        return QCoreApplication::translate("MetricInfo", "Share of the output that passed validation, 0–100 % (validation_pass). A falling rate is "
                  "quality degradation even when the tool looks healthy.");
    if (metric == u"cost_usd")
        return QCoreApplication::translate("MetricInfo", "Direct cost of the call in US dollars (cost_usd), not the cost of monitoring it.");
    if (metric == u"status")
        return QCoreApplication::translate("MetricInfo", "Calls that returned status error. A failure always opens an investigation.");
    return QCoreApplication::translate("MetricInfo", "Custom metric from the record's metrics object; profiled like the built-in ones.");
}

QStringList builtinNames()
{
    QStringList out;
    for (const auto &n : Apprentice::BuiltinMetricNames)
        out << QString::fromLatin1(n.data(), qsizetype(n.size()));
    return out;
}

bool isShare(const QString &metric)
{
    return metric == u"validation_pass";
}

QString statisticDescription(const QString &statistic)
{
    if (statistic == u"n")
        return QCoreApplication::translate("MetricInfo", "Number of values.");
    if (statistic == u"mean")
        return QCoreApplication::translate("MetricInfo", "Arithmetic mean.");
    if (statistic == u"std")
        return QCoreApplication::translate("MetricInfo", "Standard deviation: the typical distance of a value from the mean.");
    if (statistic == u"p50")
        return QCoreApplication::translate("MetricInfo", "Median: half of the values are below it.");
    if (statistic == u"p95")
        return QCoreApplication::translate("MetricInfo", "95th percentile: 95 % of the values are below it.");
    if (statistic == u"p99")
        return QCoreApplication::translate("MetricInfo", "99th percentile: 99 % of the values are below it; the tail.");
    if (statistic == u"drift")
        return QCoreApplication::translate("MetricInfo", "Drift score (0–1) from the seed article: 1/(1+e^(3−|z|)) where z is the distance from the "
                  "profile mean in standard deviations. Above 0.5 the value is more than 3σ away.");
    if (statistic == u"shift")
        return QCoreApplication::translate("MetricInfo", "Shift of the current window's mean from the profile mean, in profile standard deviations.");
    return {};
}

} // namespace MetricInfo
