#include "trendwatch.h"

#include "record.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Apprentice {

namespace {

constexpr qint64 DayMs = 86400000;

qint64 dayOf(qint64 ms)
{
    return ms >= 0 ? ms / DayMs : (ms - DayMs + 1) / DayMs;
}

QByteArray jsonValue(const QJsonValue &v)
{
    const QByteArray array = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

TrendWatch::TrendWatch(const TrendConfig &config)
    : m_config(config)
    , m_tracker(config.windowDays)
{
}

void TrendWatch::onRejected(qint64 line, const QString &reason)
{
    Q_UNUSED(line);
    Q_UNUSED(reason);
}

void TrendWatch::onRecord(const RecordView &record)
{
    // day > m_lastDay exactly when the record starts a later day: no division per record
    if (record.tsMs >= (m_lastDay + 1) * DayMs) [[unlikely]] {
        const qint64 day = dayOf(record.tsMs);
        // Files out of time order must not re-analyse old days: only forward steps count.
        if (m_lastDay >= 0)
            check(record.tsMs, record.line);
        m_lastDay = day;
    }
    m_tracker.onRecord(record);
}

void TrendWatch::check(qint64 nowMs, qint64 line)
{
    for (const TrendResult &r : m_tracker.analyze(nowMs, m_config)) {
        if (!r.significant || r.severity == TrendSeverity::None)
            continue;
        const std::string key = QString(r.workflow + QChar(0x1f) + r.version + QChar(0x1f) + r.tool + QChar(0x1f) + r.metric).toStdString();
        const auto it = m_reported.find(key);
        if (it != m_reported.end() && int(it->second) >= int(r.severity))
            continue;
        m_reported[key] = r.severity;
        ++m_warnings;
        if (m_handler)
            m_handler(r, line, nowMs);
    }
}

std::vector<TrendResult> TrendWatch::analyzeNow() const
{
    if (m_tracker.records() == 0)
        return {};
    return m_tracker.analyze(m_tracker.latestMs(), m_config);
}

QByteArray TrendWatch::eventJson(const TrendResult &r, const QString &file, qint64 line, qint64 asOfMs)
{
    QJsonObject rest = r.toJson();
    QByteArray out = "{";
    const auto put = [&](const QString &key, const QJsonValue &value) {
        if (out.size() > 1)
            out += ',';
        out += jsonValue(key);
        out += ':';
        out += jsonValue(value);
        rest.remove(key);
    };
    const auto take = [&](const QString &key) { put(key, rest.value(key)); };
    take(QStringLiteral("event"));
    take(QStringLiteral("workflow"));
    if (!file.isEmpty())
        put(QStringLiteral("file"), file);
    for (const char *key : {"tool", "metric", "slope_per_day", "projected_30d", "severity", "version"})
        take(QString::fromLatin1(key));
    if (line > 0)
        put(QStringLiteral("line"), line);
    if (asOfMs > 0)
        put(QStringLiteral("as_of"), QDateTime::fromMSecsSinceEpoch(asOfMs, Qt::UTC).toString(Qt::ISODateWithMs));
    const QStringList keys = rest.keys();
    for (const QString &key : keys)
        put(key, rest.value(key));
    out += '}';
    return out;
}

} // namespace Apprentice
