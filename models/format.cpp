#include "format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace Format {

namespace {

QString fixed(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

} // namespace

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString compactCount(double n)
{
    const double a = std::abs(n);
    if (a >= 1e9)
        return QCoreApplication::translate("Format", "%1 G").arg(fixed(n / 1e9, 1));
    if (a >= 1e6)
        return QCoreApplication::translate("Format", "%1 M").arg(fixed(n / 1e6, 1));
    if (a >= 1e4)
        return QCoreApplication::translate("Format", "%1 k").arg(fixed(n / 1e3, 0));
    return QLocale().toString(qint64(std::llround(n)));
}

QString elapsed(qint64 ms)
{
    return ms > 0 ? duration(double(ms)) : QCoreApplication::translate("Format", "under 1 ms");
}

QString duration(double ms)
{
    if (!std::isfinite(ms))
        return {};
    const double a = std::abs(ms);
    if (a >= 3600000)
        return QCoreApplication::translate("Format", "%1 h").arg(fixed(ms / 3600000, 1));
    if (a >= 60000)
        return QCoreApplication::translate("Format", "%1 min").arg(fixed(ms / 60000, 1));
    if (a >= 10000)
        return QCoreApplication::translate("Format", "%1 s").arg(fixed(ms / 1000, 1));
    if (a >= 1000)
        return QCoreApplication::translate("Format", "%1 s").arg(fixed(ms / 1000, 2));
    if (a >= 100)
        return QCoreApplication::translate("Format", "%1 ms").arg(fixed(ms, 0));
    return QCoreApplication::translate("Format", "%1 ms").arg(fixed(ms, 1));
}

QString bytes(double b)
{
    if (!std::isfinite(b))
        return {};
    const double a = std::abs(b);
    if (a >= 1024.0 * 1024 * 1024)
        return QCoreApplication::translate("Format", "%1 GB").arg(fixed(b / (1024.0 * 1024 * 1024), 1));
    if (a >= 1024.0 * 1024)
        return QCoreApplication::translate("Format", "%1 MB").arg(fixed(b / (1024.0 * 1024), 1));
    if (a >= 1024.0)
        return QCoreApplication::translate("Format", "%1 KB").arg(fixed(b / 1024.0, 2));
    return QCoreApplication::translate("Format", "%1 B").arg(fixed(b, 0));
}

QString money(double usd)
{
    if (!std::isfinite(usd))
        return {};
    const double a = std::abs(usd);
    int decimals = 2;
    if (a == 0)
        decimals = 0;
    else if (a < 0.1)
        decimals = 4;
    else if (a < 10)
        decimals = 3;
    else if (a >= 10000)
        decimals = 0;
    return QLocale().toCurrencyString(usd, QStringLiteral("$"), decimals);
}

QString percent(double share, int decimals)
{
    if (!std::isfinite(share))
        return {};
    return QCoreApplication::translate("Format", "%1 %").arg(fixed(share * 100, decimals));
}

QString rate(double perSecond)
{
    return QCoreApplication::translate("Format", "%1/s").arg(compactCount(perSecond));
}

QString number(double v, int precision)
{
    if (!std::isfinite(v))
        return {};
    const double a = std::abs(v);
    if (a >= 1e6 || (a > 0 && a < 1e-3))
        return QLocale().toString(v, 'g', precision);
    int decimals = 0;
    if (a < 1)
        decimals = precision;
    else if (a < 10)
        decimals = std::max(0, precision - 1);
    else if (a < 100)
        decimals = std::max(0, precision - 2);
    else if (a < 1000)
        decimals = std::max(0, precision - 3);
    QString s = QLocale().toString(v, 'f', decimals);
    if (decimals > 0) {
        const QChar point = QLocale().decimalPoint().at(0);
        while (s.endsWith(u'0'))
            s.chop(1);
        if (s.endsWith(point))
            s.chop(1);
    }
    return s;
}

QString metricValue(const QString &metric, double value)
{
    if (!std::isfinite(value))
        return {};
    if (metric == u"latency_ms")
        return duration(value);
    if (metric == u"output_bytes")
        return bytes(value);
    if (metric == u"memory_mb")
        return QCoreApplication::translate("Format", "%1 MB").arg(fixed(value, 1));
    if (metric == u"cpu_pct")
        return QCoreApplication::translate("Format", "%1 %").arg(fixed(value, 1));
    if (metric == u"validation_pass")
        return percent(value, 1);
    if (metric == u"cost_usd")
        return money(value);
    if (metric == u"status")
        return value > 0 ? QCoreApplication::translate("Format", "error") : QCoreApplication::translate("Format", "ok");
    return number(value);
}

QString timestamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("MM-dd HH:mm:ss.zzz"));
}

QString fullTimestamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) + u" UTC";
}

} // namespace Format
