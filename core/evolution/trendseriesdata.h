#pragma once

#include "trends/trendanalysis.h"
#include "trends/trendconfig.h"
#include "trends/trendresult.h"

#include <vector>

namespace Apprentice {

class TrendTracker;

/// One analysed series with the daily values behind it: what the Trend view draws. A plain copy,
/// so it can be made on a worker thread and handed to the GUI.
struct TrendSeriesData {
    TrendResult result;
    std::vector<DailyPoint> points; ///< oldest first, the days the analysis used
};

/// Every series the tracker can analyse as of nowMs (significant ones only unless `all`), most
/// severe first, with their daily values over the configured window.
std::vector<TrendSeriesData> trendSeriesData(const TrendTracker &tracker, qint64 nowMs, const TrendConfig &config,
                                             bool all = true);

} // namespace Apprentice
