#include "series/downsample.h"
#include "series/seriesbuffer.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace Apprentice;

class TestDownsample : public QObject
{
    Q_OBJECT

private slots:
    void smallRangesComeBackUnreduced()
    {
        SeriesBuffer b(100);
        for (int i = 0; i < 50; ++i)
            b.append(1000 + i * 10, i, i + 1);
        const DownsampledSeries d = downsampleMinMax(b, 1000, 1490, 100);
        QCOMPARE(qsizetype(d.points.size()), 50);
        QVERIFY(!d.reduced);
        QCOMPARE(d.pointsInRange, 50);
        QCOMPARE(d.points.front().seq, 1);
        QCOMPARE(d.minValue, 0.0);
        QCOMPARE(d.maxValue, 49.0);
    }

    void atMostTwoPointsPerBucketAndExtremesSurvive_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("buckets");
        QTest::newRow("10k into 100") << 10000 << 100;
        QTest::newRow("100k into 1000") << 100000 << 1000;
        QTest::newRow("uneven") << 12345 << 77;
    }
    void atMostTwoPointsPerBucketAndExtremesSurvive()
    {
        QFETCH(int, points);
        QFETCH(int, buckets);
        SeriesBuffer b(points);
        std::mt19937 rng(3);
        std::normal_distribution<double> noise(225, 15);
        const int spikeAt = points / 3;
        for (int i = 0; i < points; ++i)
            b.append(qint64(i) * 7, i == spikeAt ? 5000.0 : noise(rng), i + 1);
        const DownsampledSeries d = downsampleMinMax(b, 0, qint64(points - 1) * 7, buckets);
        QVERIFY(d.reduced);
        QVERIFY(qsizetype(d.points.size()) <= 2 * buckets);
        QCOMPARE(d.pointsInRange, points);
        // The one-point spike is still there, with its record.
        const auto spike = std::find_if(d.points.begin(), d.points.end(), [](const SeriesPoint &p) { return p.value == 5000.0; });
        QVERIFY(spike != d.points.end());
        QCOMPARE(spike->seq, spikeAt + 1);
        QCOMPARE(d.maxValue, 5000.0);
        // Points stay in time order.
        for (size_t i = 1; i < d.points.size(); ++i)
            QVERIFY(d.points[i - 1].tsMs <= d.points[i].tsMs);
    }

    void aSubRangeUsesOnlyItsPoints()
    {
        SeriesBuffer b(1000);
        for (int i = 0; i < 1000; ++i)
            b.append(i, i < 500 ? 1.0 : 2.0, i + 1);
        const DownsampledSeries d = downsampleMinMax(b, 600, 899, 10);
        QCOMPARE(d.pointsInRange, 300);
        QCOMPARE(d.minValue, 2.0);
        for (const SeriesPoint &p : d.points)
            QVERIFY(p.tsMs >= 600 && p.tsMs <= 899);
    }

    void theRingKeepsTheNewestPointsAcrossTheWrap()
    {
        SeriesBuffer b(100);
        for (int i = 0; i < 250; ++i)
            b.append(i, i, i + 1);
        QCOMPARE(b.size(), 100);
        QCOMPARE(b.tsAt(0), 150);
        QCOMPARE(b.tsAt(99), 249);
        QCOMPARE(b.lowerBound(200), 50);
        QCOMPARE(b.upperBound(200), 51);
        const DownsampledSeries d = downsampleMinMax(b, 0, 1000, 1000);
        QCOMPARE(qsizetype(d.points.size()), 100);
        QCOMPARE(d.points.front().seq, 151);
        const std::vector<double> last = lastValues(b, 3);
        QCOMPARE(last, (std::vector<double>{247, 248, 249}));
    }

    void unorderedTimestampsAreStillBucketedByTime()
    {
        SeriesBuffer b(100);
        for (int i = 0; i < 60; ++i)
            b.append(i % 2 ? 1000 - i : i, double(i), i + 1);
        QVERIFY(!b.isMonotonic());
        const DownsampledSeries d = downsampleMinMax(b, 0, 1000, 4);
        QCOMPARE(d.pointsInRange, 60);
        QVERIFY(qsizetype(d.points.size()) <= 8);
        QCOMPARE(d.maxValue, 59.0);
        QCOMPARE(d.minValue, 0.0);
    }

    void blockSummariesMatchAScanAcrossTheRing_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("appended");
        QTest::newRow("growing") << 1000 << 700;
        QTest::newRow("full, head on a block edge") << 640 << 640 + 128;
        QTest::newRow("full, head inside a block") << 1000 << 1000 + 333;
        QTest::newRow("wrapped many times") << 257 << 5000;
    }
    void blockSummariesMatchAScanAcrossTheRing()
    {
        QFETCH(int, capacity);
        QFETCH(int, appended);
        SeriesBuffer b(capacity);
        std::mt19937 rng(11);
        std::uniform_real_distribution<float> value(0, 1000);
        for (int i = 0; i < appended; ++i)
            b.append(i, value(rng), i + 1);
        std::uniform_int_distribution<qsizetype> index(0, b.size());
        for (int trial = 0; trial < 500; ++trial) {
            qsizetype first = index(rng), last = index(rng);
            if (first > last)
                std::swap(first, last);
            qsizetype minAt = -2, maxAt = -2;
            b.minMax(first, last, minAt, maxAt);
            if (first == last) {
                QCOMPARE(minAt, -1);
                continue;
            }
            qsizetype expectMin = first, expectMax = first;
            for (qsizetype i = first; i < last; ++i) {
                if (b.valueAt(i) < b.valueAt(expectMin))
                    expectMin = i;
                if (b.valueAt(i) > b.valueAt(expectMax))
                    expectMax = i;
            }
            QCOMPARE(minAt, expectMin);
            QCOMPARE(maxAt, expectMax);
        }
    }

    void emptyAndInvertedRanges()
    {
        SeriesBuffer b(10);
        QVERIFY(downsampleMinMax(b, 0, 100, 10).points.empty());
        b.append(50, 1, 1);
        QVERIFY(downsampleMinMax(b, 100, 0, 10).points.empty());
        QVERIFY(downsampleMinMax(b, 60, 100, 10).points.empty());
    }
};

QTEST_MAIN(TestDownsample)
#include "tst_downsample.moc"
