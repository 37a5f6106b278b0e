#pragma once

#include <QtGlobal>

#include <vector>

namespace Apprentice {

class SeriesBuffer;

/// One point of a series as a chart draws it.
struct SeriesPoint {
    qint64 tsMs = 0;
    double value = 0;
    qint64 seq = 0; ///< the record it came from
};

/// What downsampleMinMax() returns.
struct DownsampledSeries {
    std::vector<SeriesPoint> points; ///< in time order; at most 2 × buckets
    qint64 pointsInRange = 0;        ///< points of the buffer inside [t0, t1]
    double minValue = 0;             ///< over the range (0 when empty)
    double maxValue = 0;
    bool reduced = false;            ///< false when every point in range was returned as is
};

/// Reduces the points of `buffer` with t0 ≤ ts ≤ t1 for a plot `buckets` pixels wide: the range is
/// cut into `buckets` equal time buckets and each keeps its minimum and maximum point, in the order
/// they occurred (one point when they coincide). Extremes survive, so a spike one point wide is
/// still drawn. Ranges holding at most 2 × buckets points come back unreduced. O(points in range)
/// for time-ordered buffers, O(size) otherwise.
DownsampledSeries downsampleMinMax(const SeriesBuffer &buffer, qint64 t0, qint64 t1, int buckets);

/// The last `count` values of `buffer` (oldest first), for window statistics.
std::vector<double> lastValues(const SeriesBuffer &buffer, qsizetype count);

} // namespace Apprentice
