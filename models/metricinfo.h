#pragma once

#include <QString>
#include <QStringList>

/// What a metric means, for labels and tooltips (translated).
namespace MetricInfo {

/// "Latency" for latency_ms; a custom metric's own name.
QString title(const QString &metric);
/// The unit as shown on axes: "ms", "bytes", "MB", "%", "$"; empty for custom metrics.
QString unit(const QString &metric);
/// The unit as a suffix after a number (" ms", " MB", " %"); empty for shares such as
/// validation_pass, whose raw values are fractions, and for custom metrics.
QString suffix(const QString &metric);
/// One or two sentences: what is measured and how Apprentice uses it.
QString description(const QString &metric);
/// The built-in metric names in display order.
QStringList builtinNames();
/// Values of this metric are shares in [0, 1] displayed as percentages.
bool isShare(const QString &metric);

/// Tooltips of the statistics columns (n, mean, std, p50, p95, p99) and scores.
QString statisticDescription(const QString &statistic);

} // namespace MetricInfo
