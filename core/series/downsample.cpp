#include "downsample.h"

#include "seriesbuffer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Apprentice {

namespace {

struct Bucket {
    qsizetype minIndex = -1;
    qsizetype maxIndex = -1;
    float min = std::numeric_limits<float>::infinity();
    float max = -std::numeric_limits<float>::infinity();
};

} // namespace

DownsampledSeries downsampleMinMax(const SeriesBuffer &buffer, qint64 t0, qint64 t1, int buckets)
{
    DownsampledSeries out;
    buckets = std::max(1, buckets);
    if (buffer.isEmpty() || t1 < t0)
        return out;

    const bool ordered = buffer.isMonotonic();
    const qsizetype first = ordered ? buffer.lowerBound(t0) : 0;
    const qsizetype last = ordered ? buffer.upperBound(t1) : buffer.size();
    if (first >= last)
        return out;

    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    if (ordered && last - first <= 2 * qsizetype(buckets)) {
        out.points.reserve(size_t(last - first));
        buffer.forEach(first, last, [&](qint64 ts, float v, qint64 seq) {
            out.points.push_back({ts, double(v), seq});
            lo = std::min(lo, double(v));
            hi = std::max(hi, double(v));
        });
        out.pointsInRange = last - first;
        out.minValue = lo;
        out.maxValue = hi;
        return out;
    }

    if (ordered) {
        // Bucket edges by binary search, extremes from the block summaries: O(buckets · (log n +
        // points per bucket / BlockSize)) instead of touching every point.
        out.points.reserve(size_t(2 * buckets));
        const double span = double(t1 - t0) + 1.0;
        qsizetype begin = first;
        for (int b = 0; b < buckets; ++b) {
            const qint64 edge = t0 + qint64(std::ceil(span * double(b + 1) / double(buckets)));
            const qsizetype end = b + 1 == buckets ? last : std::clamp(buffer.lowerBound(edge), begin, last);
            if (end > begin) {
                qsizetype minAt = -1, maxAt = -1;
                buffer.minMax(begin, end, minAt, maxAt);
                const double vlo = double(buffer.valueAt(minAt)), vhi = double(buffer.valueAt(maxAt));
                out.minValue = out.points.empty() ? vlo : std::min(out.minValue, vlo);
                out.maxValue = out.points.empty() ? vhi : std::max(out.maxValue, vhi);
                const qsizetype a = std::min(minAt, maxAt), z = std::max(minAt, maxAt);
                out.points.push_back({buffer.tsAt(a), double(buffer.valueAt(a)), buffer.seqAt(a)});
                if (z != a)
                    out.points.push_back({buffer.tsAt(z), double(buffer.valueAt(z)), buffer.seqAt(z)});
            }
            begin = end;
        }
        out.pointsInRange = last - first;
        out.reduced = qint64(out.points.size()) < out.pointsInRange;
        return out;
    }

    std::vector<Bucket> bins(static_cast<size_t>(buckets));
    const double span = double(t1 - t0) + 1.0;
    const double scale = double(buckets) / span;
    qsizetype index = first;
    qint64 inRange = 0;
    buffer.forEach(first, last, [&](qint64 ts, float v, qint64) {
        const qsizetype i = index++;
        if (ts < t0 || ts > t1)
            return; // only for unordered buffers
        ++inRange;
        int b = int(double(ts - t0) * scale);
        b = std::clamp(b, 0, buckets - 1);
        Bucket &bin = bins[size_t(b)];
        if (v < bin.min) {
            bin.min = v;
            bin.minIndex = i;
        }
        if (v > bin.max) {
            bin.max = v;
            bin.maxIndex = i;
        }
    });
    out.pointsInRange = inRange;
    if (inRange == 0)
        return out;

    // Unordered buffers could need every point; they are rare (imports out of time order).
    out.points.reserve(size_t(std::min<qint64>(inRange, 2 * qint64(buckets))));
    auto emit = [&](qsizetype i) {
        out.points.push_back({buffer.tsAt(i), double(buffer.valueAt(i)), buffer.seqAt(i)});
    };
    for (const Bucket &bin : bins) {
        if (bin.minIndex < 0)
            continue;
        lo = std::min(lo, double(bin.min));
        hi = std::max(hi, double(bin.max));
        if (bin.minIndex == bin.maxIndex) {
            emit(bin.minIndex);
        } else if (ordered ? bin.minIndex < bin.maxIndex : buffer.tsAt(bin.minIndex) <= buffer.tsAt(bin.maxIndex)) {
            emit(bin.minIndex);
            emit(bin.maxIndex);
        } else {
            emit(bin.maxIndex);
            emit(bin.minIndex);
        }
    }
    out.minValue = lo;
    out.maxValue = hi;
    out.reduced = qint64(out.points.size()) < inRange;
    return out;
}

std::vector<double> lastValues(const SeriesBuffer &buffer, qsizetype count)
{
    std::vector<double> out;
    const qsizetype first = std::max<qsizetype>(0, buffer.size() - count);
    out.reserve(size_t(buffer.size() - first));
    buffer.forEach(first, buffer.size(), [&](qint64, float v, qint64) { out.push_back(double(v)); });
    return out;
}

} // namespace Apprentice
