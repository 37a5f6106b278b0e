#include "stats/distribution.h"

#include <QtTest>

#include <algorithm>
#include <random>
#include <vector>

using namespace Apprentice;

class TestDistribution : public QObject
{
    Q_OBJECT

private:
    static double exact(std::vector<double> v, double q)
    {
        std::sort(v.begin(), v.end());
        return v[size_t(q * double(v.size() - 1))];
    }

private slots:
    void quantilesWithinOnePercent_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::newRow("gaussian") << u"gaussian"_qs;
        QTest::newRow("lognormal") << u"lognormal"_qs;
        QTest::newRow("step change") << u"step"_qs;
        QTest::newRow("discrete sizes") << u"discrete"_qs;
        QTest::newRow("heavy tail") << u"pareto"_qs;
    }
    void quantilesWithinOnePercent()
    {
        QFETCH(QString, shape);
        std::mt19937_64 rng(42);
        std::normal_distribution<double> normal(225, 15);
        std::lognormal_distribution<double> lognormal(5, 1);
        std::uniform_int_distribution<int> pick(0, 4);
        std::uniform_real_distribution<double> uni(0, 1);
        std::vector<double> values;
        Distribution d;
        for (int i = 0; i < 200000; ++i) {
            double v = 0;
            if (shape == u"gaussian")
                v = normal(rng);
            else if (shape == u"lognormal")
                v = lognormal(rng);
            else if (shape == u"step")
                v = i < 100000 ? normal(rng) : normal(rng) * 4;
            else if (shape == u"discrete")
                v = std::array{1180.0, 1220.0, 1260.0, 4096.0, 8192.0}[size_t(pick(rng))];
            else
                v = 10 / std::pow(1 - uni(rng), 1 / 1.5);
            values.push_back(v);
            d.add(v);
        }
        for (double q : {0.5, 0.95, 0.99}) {
            const double want = exact(values, q);
            const double got = d.quantile(q);
            QVERIFY2(std::abs(got - want) <= 0.01 * std::abs(want),
                     qPrintable(u"q=%1 exact=%2 sketch=%3"_qs.arg(q).arg(want).arg(got)));
        }
        QCOMPARE(d.count(), quint64(values.size()));
        QVERIFY(d.sketch().memoryBytes() <= 8192);
    }

    void momentsMatchTwoPass()
    {
        std::mt19937_64 rng(7);
        std::normal_distribution<double> normal(1000, 3);
        std::vector<double> values;
        Distribution d;
        for (int i = 0; i < 10000; ++i) {
            values.push_back(normal(rng));
            d.add(values.back());
        }
        double mean = 0;
        for (double v : values)
            mean += v;
        mean /= double(values.size());
        double var = 0;
        for (double v : values)
            var += (v - mean) * (v - mean);
        QVERIFY(std::abs(d.mean() - mean) < 1e-9);
        QVERIFY(std::abs(d.stddev() - std::sqrt(var / double(values.size()))) < 1e-9);
        QCOMPARE(d.min(), *std::min_element(values.begin(), values.end()));
        QCOMPARE(d.max(), *std::max_element(values.begin(), values.end()));
    }

    void mergeEqualsUnion()
    {
        std::mt19937_64 rng(3);
        std::lognormal_distribution<double> lognormal(3, 0.8);
        Distribution a, b, all;
        for (int i = 0; i < 50000; ++i) {
            const double v = lognormal(rng) * (i % 2 ? 1 : 3);
            (i % 2 ? a : b).add(v);
            all.add(v);
        }
        a.merge(b);
        QCOMPARE(a.count(), all.count());
        for (double q : {0.01, 0.5, 0.95, 0.99})
            QCOMPARE(a.quantile(q), all.quantile(q));
        QVERIFY(std::abs(a.mean() - all.mean()) < 1e-9 * all.mean());
        QVERIFY(std::abs(a.stddev() - all.stddev()) < 1e-9 * all.stddev());
    }

    void memoryIsBoundedWhateverTheRange()
    {
        DDSketch s;
        for (int i = 0; i < 2000000; ++i)
            s.add(std::pow(10.0, (i % 4000) / 200.0 - 9)); // 20 decades
        QVERIFY(s.memoryBytes() <= 8192);
        // Collapsing only ever touches the lowest values: the upper quantiles stay exact to 1 %.
        const double p99 = s.quantile(0.99);
        QVERIFY(p99 > 0);
    }

    void serializationRoundTrips()
    {
        Distribution d;
        for (int i = 1; i <= 1000; ++i)
            d.add(i * 0.5 - 100);
        Distribution back;
        QVERIFY(Distribution::deserialize(d.serialize(), back));
        QCOMPARE(back.count(), d.count());
        QCOMPARE(back.p95(), d.p95());
        QCOMPARE(back.mean(), d.mean());
        QVERIFY(!Distribution::deserialize(QByteArray("garbage"), back));
        QCOMPARE(back.count(), d.count()); // a failed read leaves the target untouched
    }
};

QTEST_GUILESS_MAIN(TestDistribution)
#include "tst_distribution.moc"
