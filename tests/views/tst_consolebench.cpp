#include "distributions/timeserieschart.h"
#include "series/downsample.h"
#include "series/seriesbuffer.h"

#include "common/interactivechartview.h"

#include <QElapsedTimer>
#include <QtTest>

#include <random>

using namespace Apprentice;

/// A chart refresh with 10 M points of history, as the console does it: downsample to the plot's
/// width (the engine thread's part), then apply the reply and paint (the GUI thread's part).
/// Skipped unless APPRENTICE_BENCH=1: it needs ~350 MB and a few seconds (docs/benchmarks.md).
class TestConsoleBench : public QObject
{
    Q_OBJECT

private slots:
    void chartRefreshWithTenMillionPoints()
    {
        if (qEnvironmentVariable("APPRENTICE_BENCH") != u"1")
            QSKIP("set APPRENTICE_BENCH=1 to run the console benchmark");
        const qsizetype points = qEnvironmentVariableIntValue("APPRENTICE_BENCH_POINTS") > 0
                                     ? qEnvironmentVariableIntValue("APPRENTICE_BENCH_POINTS")
                                     : 10'000'000;
        SeriesBuffer buffer(points);
        std::mt19937_64 rng(1);
        std::normal_distribution<double> normal(225, 15);
        qint64 ts = 1'790'812'800'000;
        for (qsizetype i = 0; i < points; ++i) {
            ts += 1 + qint64(rng() % 3);
            buffer.append(ts, normal(rng) + (i > points * 2 / 3 ? 665 : 0), i + 1);
        }

        TimeSeriesChart chart;
        chart.setMetric(QStringLiteral("latency_ms"));
        chart.setProfile(190, 225, 270);
        chart.resize(1400, 520);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const int width = chart.plotWidth();
        const qint64 first = buffer.tsAt(0), last = buffer.tsAt(buffer.size() - 1);

        std::vector<double> downsampleMs, applyMs, totalMs;
        for (int i = 0; i < 30; ++i) {
            // Whole history every other time, otherwise a pan through a 10 % window.
            const bool whole = i % 2 == 0;
            const double share = double(i) / 30.0;
            const qint64 from = whole ? first : first + qint64(double(last - first) * share * 0.9);
            const qint64 to = whole ? last : from + (last - first) / 10;
            QElapsedTimer t;
            t.start();
            SeriesReply reply;
            reply.query.fromMs = from;
            reply.query.toMs = to;
            DownsampledSeries d = downsampleMinMax(buffer, from, to, width);
            reply.points = std::move(d.points);
            reply.pointsInRange = d.pointsInRange;
            reply.historyFromMs = first;
            reply.historyToMs = last;
            reply.historySize = buffer.size();
            const double down = double(t.nsecsElapsed()) / 1e6;
            t.restart();
            if (!whole)
                chart.view()->setXRange(double(from), double(to));
            else
                chart.resetZoom();
            chart.setReply(reply, whole);
            chart.view()->viewport()->repaint(); // paint now, synchronously, inside the measurement
            const double apply = double(t.nsecsElapsed()) / 1e6;
            downsampleMs.push_back(down);
            applyMs.push_back(apply);
            totalMs.push_back(down + apply);
            QVERIFY(chart.drawnPoints() <= 4 * width);
        }
        auto stat = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return std::pair<double, double>{v[v.size() / 2], v.back()};
        };
        const auto [downMedian, downMax] = stat(downsampleMs);
        const auto [applyMedian, applyMax] = stat(applyMs);
        const auto [totalMedian, totalMax] = stat(totalMs);
        qInfo("history %lld points, plot %d px", static_cast<long long>(buffer.size()), width);
        qInfo("downsample (engine thread): median %.2f ms, max %.2f ms", downMedian, downMax);
        qInfo("apply + paint (GUI thread): median %.2f ms, max %.2f ms", applyMedian, applyMax);
        qInfo("refresh: median %.2f ms, max %.2f ms", totalMedian, totalMax);
        QVERIFY2(totalMax <= 50, qPrintable(QStringLiteral("a refresh took %1 ms").arg(totalMax)));
    }
};

QTEST_MAIN(TestConsoleBench)
#include "tst_consolebench.moc"
