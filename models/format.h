#pragma once

#include <QString>

/// Numbers as the console shows them: with units, in the current locale (QLocale()).
namespace Format {

/// "12", "1,234", "1.2 M" (compact) — counts of records, executions.
QString count(qint64 n);
QString compactCount(double n);
/// "231.4 ms", "1.24 s", "3.5 min".
QString duration(double ms);
/// How long something timed in whole milliseconds took: duration(), or "under 1 ms" for 0.
QString elapsed(qint64 ms);
/// "812 B", "1.2 KB", "3.4 MB".
QString bytes(double b);
/// "$0.016", "$1,234.56", "$182,500".
QString money(double usd);
/// Share in [0, 1] → "99.5 %".
QString percent(double share, int decimals = 1);
/// "19,980/s".
QString rate(double perSecond);
/// A value of a named metric with its unit (latency_ms → duration, output_bytes → bytes, …).
QString metricValue(const QString &metric, double value);
/// Plain number with up to `precision` significant digits, locale separators.
QString number(double v, int precision = 4);
/// "10-01 00:00:12.345" (UTC).
QString timestamp(qint64 ms);
/// "2026-10-01 00:00:12.345 UTC".
QString fullTimestamp(qint64 ms);

} // namespace Format
