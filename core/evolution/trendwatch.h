#pragma once

#include "recordsink.h"
#include "trends/trendconfig.h"
#include "trends/trendresult.h"
#include "trends/trendtracker.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace Apprentice {

/// Trend analysis while a stream is replayed or watched live. At the first record of each new UTC
/// day it analyses the days before and reports every series that has become a significant adverse
/// trend, or a more severe one, since the last report: early warnings in stream order, next to the
/// drift events of the same stream. Costs one analysis per day (well under a millisecond for a
/// workflow). Not thread-safe: feed from one thread.
class TrendWatch : public RecordSink
{
public:
    /// A new or escalated warning; `line` and `tsMs` are those of the record that started the day.
    using Handler = std::function<void(const TrendResult &result, qint64 line, qint64 tsMs)>;

    explicit TrendWatch(const TrendConfig &config = TrendConfig());

    void setWarningHandler(Handler handler) { m_handler = std::move(handler); }
    void onRecord(const RecordView &record) override;
    void onRejected(qint64 line, const QString &reason) override;

    const TrendConfig &config() const { return m_config; }
    const TrendTracker &tracker() const { return m_tracker; }
    int warnings() const { return m_warnings; }

    /// The daily aggregates and what has been reported, to continue in a later run (analyze keeps it in
    /// its store). restoreState() replaces both; false (state unchanged) on data it cannot read.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &data);

    /// The analysis as of the newest record (what `apprentice-cli trends` prints), most severe first.
    std::vector<TrendResult> analyzeNow() const;

    /// A FORMATS.md §2 `trend` line: the required fields first (event, workflow, file, tool, metric,
    /// slope_per_day, projected_30d, severity), then version, line and as_of when given, then the
    /// rest of TrendResult::toJson(). No trailing newline.
    static QByteArray eventJson(const TrendResult &result, const QString &file = {}, qint64 line = 0, qint64 asOfMs = 0);

private:
    void check(qint64 nowMs, qint64 line);

    TrendConfig m_config;
    TrendTracker m_tracker;
    Handler m_handler;
    qint64 m_lastDay = -1;
    std::map<std::string, TrendSeverity> m_reported;
    int m_warnings = 0;
};

} // namespace Apprentice
