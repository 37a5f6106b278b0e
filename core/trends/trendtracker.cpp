#include "trendtracker.h"

#include "callorder.h"
#include "sametext.h"
#include "trendstats.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <functional>
#include <map>

namespace Apprentice {

namespace {

constexpr qint64 DayMs = 86400000;

qint64 dayOf(qint64 ms)
{
    return ms >= 0 ? ms / DayMs : -((-ms + DayMs - 1) / DayMs);
}

double statisticOf(const Distribution &d, TrendStatistic s)
{
    if (s == TrendStatistic::P95)
        return TrendStats::smoothQuantile(d.sketch(), 0.95, d.min(), d.max());
    return d.mean();
}

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

size_t TrendTracker::KeyHash::hash(std::string_view a, std::string_view b, std::string_view c)
{
    const std::hash<std::string_view> h;
    size_t v = h(a);
    v ^= h(b) + 0x9e3779b97f4a7c15ULL + (v << 6) + (v >> 2);
    v ^= h(c) + 0x9e3779b97f4a7c15ULL + (v << 6) + (v >> 2);
    return v;
}

TrendTracker::TrendTracker(int retentionDays)
    : m_retentionDays(std::max(1, retentionDays))
{
}

void TrendTracker::clear()
{
    m_series.clear();
    m_lastSeries = nullptr;
    m_dayStartMs = 1;
    m_dayEndMs = 0;
    m_latestMs = 0;
    m_records = 0;
    m_late = 0;
}

void TrendTracker::onRejected(qint64 line, const QString &reason)
{
    // Rejected lines carry no values to trend; the importer's summary already counts them.
    Q_UNUSED(line);
    Q_UNUSED(reason);
}

void TrendTracker::add(const Record &record)
{
    onRecord(record.view(m_scratch));
}

TrendTracker::Day *TrendTracker::dayFor(Series &s, qint64 day)
{
    auto &days = s.days;
    if (days.empty() || day > days.back().day) {
        days.emplace_back().day = day;
        while (days.front().day <= day - m_retentionDays - 1)
            days.pop_front();
        return &days.back();
    }
    if (day == days.back().day)
        return &days.back();
    // Older than the retained days: it can only matter to a window that has already moved on.
    if (day <= days.back().day - m_retentionDays - 1)
        return nullptr;
    // A late record (calls overlap, files interleave): find or insert its day.
    auto it = std::lower_bound(days.begin(), days.end(), day, [](const Day &d, qint64 v) { return d.day < v; });
    if (it != days.end() && it->day == day)
        return &*it;
    it = days.emplace(it);
    it->day = day;
    return &*it;
}

TrendTracker::Series &TrendTracker::seriesFor(const RecordView &r)
{
    // Found by call order without hashing three strings; hashed only on a miss.
    return byCallOrder(
        m_lastSeries, &Series::next,
        [&r](const Series &s) {
            return sameText(s.key->tool, r.tool) && sameText(s.key->workflow, r.workflow)
                && sameText(s.key->version, r.version);
        },
        [&]() -> Series & {
            auto it = m_series.find(KeyView{r.workflow, r.version, r.tool});
            if (it == m_series.end()) {
                it = m_series.emplace(Key{std::string(r.workflow), std::string(r.version), std::string(r.tool)}, Series()).first;
                it->second.key = &it->first; // node-based map: the key stays where it is
            }
            return it->second;
        });
}

qint64 TrendTracker::dayOfRecord(qint64 tsMs)
{
    if (tsMs >= m_dayStartMs && tsMs < m_dayEndMs) [[likely]]
        return m_day;
    m_day = dayOf(tsMs);
    m_dayStartMs = m_day * DayMs;
    m_dayEndMs = m_dayStartMs + DayMs;
    return m_day;
}

void TrendTracker::onRecord(const RecordView &r)
{
    ++m_records;
    m_latestMs = m_records == 1 ? r.tsMs : std::max(m_latestMs, r.tsMs);
    Day *day = dayFor(seriesFor(r), dayOfRecord(r.tsMs));
    if (!day) {
        ++m_late;
        return;
    }
    ++day->calls;
    if (!r.ok) {
        ++day->errors;
        return;
    }
    for (int m = 0; m < BuiltinMetricCount; ++m) {
        const double v = r.values[size_t(m)];
        if (std::isfinite(v))
            day->builtin[size_t(m)].add(v);
    }
    for (int i = 0; i < r.customCount; ++i) {
        const CustomMetricView &c = r.custom[i];
        if (!std::isfinite(c.value))
            continue;
        auto ci = std::find_if(day->custom.begin(), day->custom.end(),
                               [&c](const auto &e) { return e.first == c.name; });
        if (ci == day->custom.end()) {
            day->custom.emplace_back(std::string(c.name), Distribution());
            ci = day->custom.end() - 1;
        }
        ci->second.add(c.value);
    }
}

QByteArray TrendTracker::serialize() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint8(1) << qint32(m_retentionDays) << m_latestMs << m_records << m_late << quint32(m_series.size());
    const auto text = [&s](const std::string &t) { s << QByteArray(t.data(), qsizetype(t.size())); };
    for (const auto &[key, series] : m_series) {
        text(key.workflow);
        text(key.version);
        text(key.tool);
        s << quint32(series.days.size());
        for (const Day &d : series.days) {
            s << d.day << d.calls << d.errors;
            for (const Distribution &b : d.builtin)
                s << b.serialize();
            s << quint32(d.custom.size());
            for (const auto &[name, dist] : d.custom) {
                text(name);
                s << dist.serialize();
            }
        }
    }
    return out;
}

bool TrendTracker::deserialize(const QByteArray &data)
{
    QDataStream s(data);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 format = 0;
    qint32 retention = 0;
    qint64 latest = 0, records = 0, late = 0;
    quint32 seriesCount = 0;
    s >> format >> retention >> latest >> records >> late >> seriesCount;
    if (s.status() != QDataStream::Ok || format != 1 || seriesCount > 1'000'000)
        return false;
    const auto text = [&s] {
        QByteArray t;
        s >> t;
        return t.toStdString();
    };
    std::unordered_map<Key, Series, KeyHash, KeyEqual> series;
    for (quint32 i = 0; i < seriesCount; ++i) {
        Key key;
        key.workflow = text();
        key.version = text();
        key.tool = text();
        quint32 dayCount = 0;
        s >> dayCount;
        if (s.status() != QDataStream::Ok || dayCount > 10'000)
            return false;
        Series one;
        for (quint32 j = 0; j < dayCount; ++j) {
            Day d;
            s >> d.day >> d.calls >> d.errors;
            for (Distribution &b : d.builtin) {
                QByteArray blob;
                s >> blob;
                if (!Distribution::deserialize(blob, b))
                    return false;
            }
            quint32 customCount = 0;
            s >> customCount;
            if (s.status() != QDataStream::Ok || customCount > 10'000)
                return false;
            for (quint32 k = 0; k < customCount; ++k) {
                std::string name = text();
                QByteArray blob;
                s >> blob;
                Distribution dist;
                if (!Distribution::deserialize(blob, dist))
                    return false;
                d.custom.emplace_back(std::move(name), std::move(dist));
            }
            if (!one.days.empty() && d.day <= one.days.back().day)
                return false; // days are kept ascending
            one.days.push_back(std::move(d));
        }
        auto [it, added] = series.emplace(std::move(key), std::move(one));
        if (!added)
            return false;
        it->second.key = &it->first;
    }
    if (s.status() != QDataStream::Ok || !s.atEnd())
        return false;
    // A stored state keeps its own retention's days; this tracker's window applies from the next record on.
    Q_UNUSED(retention);
    m_series = std::move(series);
    m_lastSeries = nullptr;
    m_dayStartMs = 1;
    m_dayEndMs = 0;
    m_latestMs = latest;
    m_records = records;
    m_late = late;
    return true;
}

int TrendTracker::retainedDays() const
{
    int most = 0;
    for (const auto &[key, series] : m_series)
        most = std::max(most, int(series.days.size()));
    return most;
}

std::vector<const TrendTracker::Day *> TrendTracker::windowDays(const Series &s, qint64 nowMs, int window,
                                                                const TrendConfig &config) const
{
    window = std::clamp(window, 1, m_retentionDays);
    const qint64 nowDay = dayOf(nowMs);
    std::vector<const Day *> candidates;
    for (const Day &d : s.days) {
        if (d.day >= nowDay - window && d.day <= nowDay)
            candidates.push_back(&d);
    }
    // The newest day is usually still filling up: it counts once it holds a fair share of a typical
    // day's calls; otherwise the window ends the day before.
    qint64 endDay = nowDay - 1;
    if (!candidates.empty() && candidates.back()->day == nowDay) {
        std::vector<qint64> calls;
        for (size_t i = 0; i + 1 < candidates.size(); ++i)
            calls.push_back(candidates[i]->calls);
        bool fair = calls.empty();
        if (!fair) {
            std::nth_element(calls.begin(), calls.begin() + std::ptrdiff_t(calls.size() / 2), calls.end());
            fair = double(candidates.back()->calls) >= config.partialDayShare * double(calls[calls.size() / 2]);
        }
        if (fair)
            endDay = nowDay;
    }
    std::vector<const Day *> out;
    for (const Day *d : candidates) {
        if (d->day > endDay - window && d->day <= endDay)
            out.push_back(d);
    }
    return out;
}

std::vector<DailyPoint> TrendTracker::pointsOf(const std::vector<const Day *> &days, const std::string &metric,
                                               TrendStatistic statistic)
{
    std::vector<DailyPoint> out;
    int builtin = -1;
    for (int m = 0; m < BuiltinMetricCount; ++m) {
        if (BuiltinMetricNames[size_t(m)] == metric)
            builtin = m;
    }
    for (const Day *d : days) {
        DailyPoint p;
        p.day = d->day;
        if (metric == "status" || statistic == TrendStatistic::ErrorRate) {
            if (d->calls == 0)
                continue;
            p.value = double(d->errors) / double(d->calls);
            p.samples = d->calls;
        } else {
            const Distribution *dist = nullptr;
            if (builtin >= 0) {
                dist = &d->builtin[size_t(builtin)];
            } else {
                const auto ci = std::find_if(d->custom.begin(), d->custom.end(),
                                             [&metric](const auto &e) { return e.first == metric; });
                dist = ci != d->custom.end() ? &ci->second : nullptr;
            }
            if (!dist || dist->count() == 0)
                continue;
            p.value = statisticOf(*dist, statistic);
            p.samples = qint64(dist->count());
        }
        out.push_back(p);
    }
    return out;
}

std::vector<TrendResult> TrendTracker::analyze(qint64 nowMs, const TrendConfig &config) const
{
    std::vector<TrendResult> results;
    for (const auto &[key, series] : m_series) {
        const std::vector<const Day *> days = windowDays(series, nowMs, config.windowDays, config);
        if (int(days.size()) < std::max(2, config.minDays))
            continue;

        // Every metric this key has in the window: built-ins, custom ones, and the error rate.
        std::vector<QString> metrics;
        for (int m = 0; m < BuiltinMetricCount; ++m) {
            if (std::any_of(days.begin(), days.end(), [m](const Day *d) { return d->builtin[size_t(m)].count() > 0; }))
                metrics.push_back(QString::fromLatin1(BuiltinMetricNames[size_t(m)].data(),
                                                      qsizetype(BuiltinMetricNames[size_t(m)].size())));
        }
        std::map<std::string, bool> customNames;
        for (const Day *d : days) {
            for (const auto &c : d->custom)
                customNames[c.first] = true;
        }
        for (const auto &c : customNames)
            metrics.push_back(qs(c.first));
        metrics.push_back(QStringLiteral("status"));

        for (const QString &metric : metrics) {
            const MetricTrendSpec spec = config.specFor(metric);
            const std::vector<DailyPoint> points = pointsOf(days, metric.toStdString(), spec.statistic);
            if (int(points.size()) < std::max(2, config.minDays))
                continue;
            // Filtered per statistic: the error rate counts every call, values only successful ones.
            const qint64 minSamples = spec.statistic == TrendStatistic::P95 ? config.minSamplesPerDayQuantile
                                                                            : config.minSamplesPerDay;
            std::vector<DailyPoint> kept;
            for (const DailyPoint &p : points) {
                if (p.samples >= minSamples)
                    kept.push_back(p);
            }
            if (int(kept.size()) < std::max(2, config.minDays))
                continue;
            TrendResult r = analyzeDailySeries(kept, spec, config);
            r.workflow = qs(key.workflow);
            r.version = qs(key.version);
            r.tool = qs(key.tool);
            r.asOfMs = nowMs;
            results.push_back(std::move(r));
        }
    }
    if (config.controlFalseDiscoveries && results.size() > 1) {
        // Benjamini–Hochberg: q_(i) = min over k ≥ i of p_(k)·m/k; significant when q < α. Series
        // with nothing to test (a tool that never failed has a constant error rate) are not counted.
        std::vector<size_t> order;
        for (size_t i = 0; i < results.size(); ++i) {
            if (!results[i].constant)
                order.push_back(i);
        }
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return results[a].pValue < results[b].pValue; });
        const double m = double(order.size());
        double running = 1;
        for (size_t k = order.size(); k-- > 0;) {
            TrendResult &r = results[order[k]];
            running = std::min(running, r.pValue * m / double(k + 1));
            r.qValue = running;
        }
        for (TrendResult &r : results)
            settleTrend(r, config.specFor(r.metric), config, r.qValue < config.significanceLevel);
    }
    std::sort(results.begin(), results.end(), [](const TrendResult &a, const TrendResult &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.significant != b.significant)
            return a.significant;
        return std::tie(a.workflow, a.version, a.tool, a.metric) < std::tie(b.workflow, b.version, b.tool, b.metric);
    });
    return results;
}

std::vector<DailyPoint> TrendTracker::dailySeries(const QString &workflow, const QString &version,
                                                  const QString &tool, const QString &metric,
                                                  TrendStatistic statistic, qint64 nowMs, int windowDays) const
{
    const std::string w = workflow.toStdString(), v = version.toStdString(), t = tool.toStdString();
    const auto it = m_series.find(KeyView{w, v, t});
    if (it == m_series.end())
        return {};
    TrendConfig config;
    config.windowDays = windowDays;
    return pointsOf(this->windowDays(it->second, nowMs, windowDays, config), metric.toStdString(), statistic);
}

} // namespace Apprentice
