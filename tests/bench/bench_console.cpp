// The console's chart path off the GUI thread: min/max-per-pixel downsampling of a metric's
// history (10 M points by default) into a plot's width, for the whole history and for zoomed
// ranges, plus appends into the bounded history. Usage: bench_console [points] [buckets]
// The GUI side (applying the reply and painting) is measured by `apprentice --measure-latency`
// and tests/views/tst_consolebench (APPRENTICE_BENCH=1); see docs/benchmarks.md.
#include "series/downsample.h"
#include "series/seriesbuffer.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace Apprentice;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qsizetype points = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
    const int buckets = argc > 2 ? std::atoi(argv[2]) : 1800;

    SeriesBuffer buffer(points);
    std::mt19937_64 rng(1);
    std::normal_distribution<double> normal(225, 15);
    QElapsedTimer t;
    t.start();
    qint64 ts = 1'790'812'800'000;
    for (qsizetype i = 0; i < points; ++i) {
        ts += 1 + qint64(rng() % 3);
        const double slow = i > points * 2 / 3 ? 665 : 0; // a level shift two thirds in
        buffer.append(ts, normal(rng) + slow, i + 1);
    }
    const double appendNs = double(t.nsecsElapsed()) / double(points);
    std::printf("history: %lld points, %.1f MB, append %.1f ns/point\n", static_cast<long long>(buffer.size()),
                double(buffer.memoryBytes()) / 1e6, appendNs);

    struct Case {
        const char *name;
        double from, to; // share of the history
    };
    const Case cases[] = {{"whole history", 0, 1}, {"last 10 %", 0.9, 1}, {"1 % in the middle", 0.5, 0.51}};
    const qint64 first = buffer.tsAt(0), last = buffer.tsAt(buffer.size() - 1);
    for (const Case &c : cases) {
        const qint64 from = first + qint64(double(last - first) * c.from);
        const qint64 to = first + qint64(double(last - first) * c.to);
        std::vector<double> ms;
        size_t drawn = 0;
        qint64 inRange = 0;
        for (int run = 0; run < 7; ++run) {
            t.restart();
            const DownsampledSeries d = downsampleMinMax(buffer, from, to, buckets);
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            drawn = d.points.size();
            inRange = d.pointsInRange;
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%-18s %10lld points in range -> %5zu drawn (%d px): median %.2f ms, max %.2f ms\n", c.name,
                    static_cast<long long>(inRange), drawn, buckets, ms[ms.size() / 2], ms.back());
    }
    return 0;
}
