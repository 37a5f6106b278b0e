#include "trendwatch.h"

#include "record.h"

#include <QDataStream>
#include <QDateTime>
#include <QIODevice>
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

QByteArray TrendWatch::saveState() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint8(1) << m_lastDay << qint32(m_warnings) << quint32(m_reported.size());
    for (const auto &[key, severity] : m_reported)
        s << QByteArray::fromStdString(key) << qint32(severity);
    s << m_tracker.serialize();
    return out;
}

bool TrendWatch::restoreState(const QByteArray &data)
{
    QDataStream s(data);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 format = 0;
    qint64 lastDay = -1;
    qint32 warnings = 0;
    quint32 reportedCount = 0;
    s >> format >> lastDay >> warnings >> reportedCount;
    if (s.status() != QDataStream::Ok || format != 1 || reportedCount > 1'000'000)
        return false;
    std::map<std::string, TrendSeverity> reported;
    for (quint32 i = 0; i < reportedCount; ++i) {
        QByteArray key;
        qint32 severity = 0;
        s >> key >> severity;
        if (severity < int(TrendSeverity::None) || severity > int(TrendSeverity::High))
            return false;
        reported[key.toStdString()] = TrendSeverity(severity);
    }
    QByteArray tracker;
    s >> tracker;
    if (s.status() != QDataStream::Ok || !s.atEnd())
        return false;
    TrendTracker restored(m_config.windowDays);
    if (!restored.deserialize(tracker))
        return false;
    m_tracker = std::move(restored);
    m_reported = std::move(reported);
    m_lastDay = lastDay;
    m_warnings = warnings;
    return true;
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
