#pragma once

#include "record.h"
#include "recordsink.h"
#include "stats/distribution.h"
#include "trendanalysis.h"
#include "trendconfig.h"
#include "trendresult.h"

#include <QString>

#include <array>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Apprentice {

/// Keeps per-day aggregates of every (workflow, version, tool, metric) series and finds their trends.
///
/// Records arrive in stream order (a replayed export or a live source). Each series keeps one
/// Distribution (moments + quantile sketch) per UTC day for the last retentionDays + 1 days, so memory
/// is bounded by keys × days whatever the traffic; daily means and p95 both come from it. Failed calls
/// count towards the error rate only, so a fast-failing outage does not read as "faster".
/// Not thread-safe: feed and analyze from one thread.
class TrendTracker : public RecordSink
{
public:
    explicit TrendTracker(int retentionDays = 30);
    // Series point at their keys and at each other inside m_series: movable, not copyable.
    TrendTracker(const TrendTracker &) = delete;
    TrendTracker &operator=(const TrendTracker &) = delete;
    TrendTracker(TrendTracker &&) = default;
    TrendTracker &operator=(TrendTracker &&) = default;

    void onRecord(const RecordView &record) override;
    void onRejected(qint64 line, const QString &reason) override;
    void add(const Record &record);
    void clear();

    int retentionDays() const { return m_retentionDays; }
    /// Newest record timestamp seen: the natural "now" when replaying an export.
    qint64 latestMs() const { return m_latestMs; }
    qint64 records() const { return m_records; }
    /// Records older than the retained days of their series, ignored.
    qint64 lateRecords() const { return m_late; }
    /// Number of (workflow, version, tool) keys.
    int keyCount() const { return int(m_series.size()); }
    /// Most days retained by any key (≤ retentionDays + 1).
    int retainedDays() const;

    /// Everything it holds (days, counts, the newest timestamp), to continue in a later run: an export
    /// analysed a day at a time still gets its trends over the retained days. deserialize() replaces the
    /// state; false (state unchanged) on data it cannot read.
    QByteArray serialize() const;
    bool deserialize(const QByteArray &data);

    /// Trends of every series with enough days in the window ending at nowMs, most severe first,
    /// significant or not (filter on TrendResult::significant). Uses min(window, retention) days.
    std::vector<TrendResult> analyze(qint64 nowMs, const TrendConfig &config = TrendConfig()) const;
    /// Daily values of one series in the window ending at nowMs (for charts), oldest first.
    std::vector<DailyPoint> dailySeries(const QString &workflow, const QString &version, const QString &tool,
                                        const QString &metric, TrendStatistic statistic, qint64 nowMs,
                                        int windowDays) const;

private:
    struct Day {
        qint64 day = 0;
        qint64 calls = 0;
        qint64 errors = 0;
        std::array<Distribution, BuiltinMetricCount> builtin;
        std::vector<std::pair<std::string, Distribution>> custom;
    };
    struct Key {
        std::string workflow, version, tool;
    };
    struct Series {
        std::deque<Day> days; // ascending, at most retentionDays + 1
        const Key *key = nullptr; ///< this series' key in m_series
        Series *next = nullptr;   ///< the series whose record followed this one's last time: the usual call order
    };
    struct KeyView {
        std::string_view workflow, version, tool;
    };
    struct KeyHash {
        using is_transparent = void;
        size_t operator()(const Key &k) const { return hash(k.workflow, k.version, k.tool); }
        size_t operator()(const KeyView &k) const { return hash(k.workflow, k.version, k.tool); }
        static size_t hash(std::string_view a, std::string_view b, std::string_view c);
    };
    struct KeyEqual {
        using is_transparent = void;
        template<typename A, typename B>
        bool operator()(const A &a, const B &b) const
        {
            return std::string_view(a.workflow) == std::string_view(b.workflow)
                && std::string_view(a.version) == std::string_view(b.version)
                && std::string_view(a.tool) == std::string_view(b.tool);
        }
    };

    Series &seriesFor(const RecordView &r);
    qint64 dayOfRecord(qint64 tsMs);
    Day *dayFor(Series &s, qint64 day);
    std::vector<const Day *> windowDays(const Series &s, qint64 nowMs, int windowDays,
                                        const TrendConfig &config) const;
    static std::vector<DailyPoint> pointsOf(const std::vector<const Day *> &days, const std::string &metric,
                                            TrendStatistic statistic);

    int m_retentionDays;
    std::unordered_map<Key, Series, KeyHash, KeyEqual> m_series;
    qint64 m_latestMs = 0;
    qint64 m_records = 0;
    qint64 m_late = 0;
    Series *m_lastSeries = nullptr;
    // The UTC day of the last record and its bounds: records of the same day need no division.
    qint64 m_day = 0, m_dayStartMs = 1, m_dayEndMs = 0;
    std::vector<CustomMetricView> m_scratch;
};

} // namespace Apprentice
