#include "retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace Apprentice {

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 408 || status == 409 || status == 429 || status >= 500;
}

bool RetryPolicy::isTerminalErrorCode(const QString &code)
{
    return code == u"insufficient_quota" || code == u"enforced_spend_limit_reached" || code == u"billing_error";
}

namespace {

QByteArray headerValue(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    }
    return {};
}

} // namespace

qint64 RetryPolicy::retryAfterMs(const QList<QPair<QByteArray, QByteArray>> &headers, const QDateTime &now)
{
    bool ok = false;
    const QByteArray ms = headerValue(headers, "retry-after-ms");
    if (!ms.isEmpty()) {
        const double v = ms.toDouble(&ok);
        if (ok && v >= 0 && std::isfinite(v))
            return qint64(std::ceil(v));
    }
    const QByteArray s = headerValue(headers, "retry-after");
    if (s.isEmpty())
        return -1;
    const double seconds = s.toDouble(&ok);
    if (ok && seconds >= 0 && std::isfinite(seconds))
        return qint64(std::ceil(seconds * 1000));
    // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 9110 IMF-fixdate).
    QString text = QString::fromLatin1(s);
    if (text.endsWith(u" GMT"))
        text.chop(4);
    // The weekday is redundant; a server that gets it wrong should still be understood.
    const qsizetype comma = text.indexOf(u',');
    if (comma >= 0)
        text = text.mid(comma + 1).trimmed();
    const QDateTime when = QLocale::c().toDateTime(text, QStringLiteral("dd MMM yyyy HH:mm:ss"));
    if (!when.isValid())
        return -1;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    return std::max<qint64>(0, now.msecsTo(utc));
}

qint64 RetryPolicy::backoffMs(int retry) const
{
    const double raw = double(baseDelayMs) * std::pow(2.0, std::min(retry, 30));
    const double capped = std::min(raw, double(maxDelayMs));
    const double jitter = 0.75 + 0.25 * QRandomGenerator::global()->generateDouble();
    return qint64(capped * jitter);
}

} // namespace Apprentice
