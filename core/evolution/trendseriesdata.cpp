#include "trendseriesdata.h"

#include "trends/trendtracker.h"

namespace Apprentice {

std::vector<TrendSeriesData> trendSeriesData(const TrendTracker &tracker, qint64 nowMs, const TrendConfig &config, bool all)
{
    std::vector<TrendSeriesData> out;
    for (TrendResult &r : tracker.analyze(nowMs, config)) {
        if (!all && !r.significant)
            continue;
        TrendSeriesData d;
        d.points = tracker.dailySeries(r.workflow, r.version, r.tool, r.metric, r.statistic, nowMs, config.windowDays);
        // The chart shows the days the analysis used (a still-filling newest day is left out there).
        std::erase_if(d.points, [&](const DailyPoint &p) {
            const qint64 ms = p.day * 86400000;
            return ms < r.firstDayMs || ms > r.lastDayMs;
        });
        d.result = std::move(r);
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace Apprentice
