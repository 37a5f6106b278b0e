#pragma once

#include <QString>

namespace Apprentice {

/// The unit of a metric as a suffix after a number in the analysis texts (" ms", " MB", " B",
/// " USD", " %"), from the naming convention of FORMATS.md; empty when the name carries none.
inline QString metricUnitSuffix(const QString &metric)
{
    if (metric.endsWith(u"_ms"))
        return QStringLiteral(" ms");
    if (metric.endsWith(u"_mb"))
        return QStringLiteral(" MB");
    if (metric.endsWith(u"_bytes"))
        return QStringLiteral(" B");
    if (metric.endsWith(u"_usd"))
        return QStringLiteral(" USD");
    if (metric.endsWith(u"_pct"))
        return QStringLiteral(" %");
    return {};
}

} // namespace Apprentice
