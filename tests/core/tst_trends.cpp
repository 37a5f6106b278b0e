#include "stats/ddsketch.h"
#include "trends/trendanalysis.h"
#include "trends/trendstats.h"
#include "trends/trendtracker.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

using namespace Apprentice;
using namespace Apprentice::TrendStats;

namespace {

constexpr qint64 DayMs = 86400000;
constexpr qint64 StartMs = 1790812800000; // 2026-10-01T00:00:00Z, a Thursday

/// A synthetic metric: level + slope·days + weekend offset + daily cycle + Gaussian noise.
struct Shape {
    double base = 225;
    double slopePerDay = 0;
    double noiseSd = 15;
    double weekendOffset = 0; ///< added on Saturdays and Sundays
    double dailyAmplitude = 0; ///< sinusoid over the hours of each day
};

/// Feeds `days` days of `callsPerDay` evenly spread calls of one tool into the tracker.
void feed(TrendTracker &tracker, const char *tool, Metric metric, const Shape &shape, int days, int callsPerDay,
          unsigned seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0, shape.noiseSd);
    Record r;
    r.workflow = "wf";
    r.tool = tool;
    for (int d = 0; d < days; ++d) {
        const qint64 dayStart = StartMs + d * DayMs;
        const int weekday = int((dayStart / DayMs + 3) % 7); // 0 = Monday (1970-01-01 was a Thursday)
        for (int i = 0; i < callsPerDay; ++i) {
            const double f = (i + 0.5) / callsPerDay;
            r.tsMs = dayStart + qint64(f * DayMs);
            double v = shape.base + shape.slopePerDay * (d + f) + noise(rng);
            if (weekday >= 5)
                v += shape.weekendOffset;
            v += shape.dailyAmplitude * std::sin(2 * std::numbers::pi * f);
            r.values.fill(Absent);
            r.setValue(metric, v);
            tracker.add(r);
        }
    }
}

const TrendResult *find(const std::vector<TrendResult> &results, const QString &tool, const QString &metric)
{
    for (const TrendResult &r : results) {
        if (r.tool == tool && r.metric == metric)
            return &r;
    }
    return nullptr;
}

} // namespace

class TestTrends : public QObject
{
    Q_OBJECT

private slots:
    // --- the statistics, against hand-computed values -------------------------------------------

    void mannKendallKnownValues_data()
    {
        QTest::addColumn<QList<double>>("y");
        QTest::addColumn<double>("s");
        QTest::addColumn<double>("variance");
        QTest::addColumn<double>("p");
        // n(n−1)(2n+5)/18 = 50/3; z = (10 − 1)/sqrt(50/3) = 2.2045.
        QTest::newRow("rising") << QList<double>{1, 2, 3, 4, 5} << 10.0 << 50.0 / 3 << 0.027486;
        QTest::newRow("falling") << QList<double>{5, 4, 3, 2, 1} << -10.0 << 50.0 / 3 << 0.027486;
        // One tie of two: (4·3·13 − 2·1·9)/18 = 138/18; z = 4/sqrt(7.667) = 1.4446.
        QTest::newRow("tie corrected") << QList<double>{1, 1, 2, 3} << 5.0 << 138.0 / 18 << 0.148571;
        QTest::newRow("constant") << QList<double>{2, 2, 2, 2} << 0.0 << 0.0 << 1.0;
    }
    void mannKendallKnownValues()
    {
        QFETCH(QList<double>, y);
        QFETCH(double, s);
        QFETCH(double, variance);
        QFETCH(double, p);
        const std::vector<double> v(y.begin(), y.end());
        const KendallTest t = mannKendall(v);
        QCOMPARE(t.s, s);
        QVERIFY(std::abs(t.variance - variance) < 1e-9);
        QVERIFY2(std::abs(t.pValue - p) < 1e-5, qPrintable(QString::number(t.pValue)));
    }

    void seasonalKendallComparesWithinSeasons()
    {
        // Two interleaved seasons, each rising: S = 3 + 3, Var = 2 · 3·2·11/18; z = 5/sqrt(7.333).
        const std::vector<double> y = {1, 10, 2, 11, 3, 12};
        const std::vector<int> season = {0, 1, 0, 1, 0, 1};
        const KendallTest t = seasonalKendall(y, season);
        QCOMPARE(t.s, 6.0);
        QVERIFY(std::abs(t.variance - 22.0 / 3) < 1e-9);
        QCOMPARE(t.pairs, qint64(6));
        QVERIFY(std::abs(t.pValue - twoSidedP(5 / std::sqrt(22.0 / 3))) < 1e-12);
    }

    void theilSenIsRobust_data()
    {
        QTest::addColumn<QList<double>>("y");
        QTest::addColumn<double>("slope");
        QTest::addColumn<double>("intercept");
        QTest::newRow("exact line") << QList<double>{1, 3, 5, 7, 9, 11, 13, 15, 17, 19} << 2.0 << 1.0;
        QTest::newRow("one wild outlier") << QList<double>{1, 3, 5, 7, 9, 100, 13, 15, 17, 19} << 2.0 << 1.0;
        QTest::newRow("two outliers") << QList<double>{-50, 3, 5, 7, 9, 11, 13, 15, 17, 500} << 2.0 << 1.0;
    }
    void theilSenIsRobust()
    {
        QFETCH(QList<double>, y);
        QFETCH(double, slope);
        QFETCH(double, intercept);
        std::vector<double> x;
        for (int i = 0; i < y.size(); ++i)
            x.push_back(i);
        const std::vector<double> v(y.begin(), y.end());
        const SlopeEstimate e = theilSen(x, v);
        QCOMPARE(e.slope, slope);
        QCOMPARE(e.intercept, intercept);
        QVERIFY(e.low <= slope && slope <= e.high);
        QVERIFY(!e.sampled);
    }

    void theilSenIntervalCoversTheTruth()
    {
        // 200 noisy series with slope 0.5: a 95 % interval should miss about 10 of them.
        std::mt19937_64 rng(3);
        std::normal_distribution<double> noise(0, 2);
        int misses = 0;
        for (int k = 0; k < 200; ++k) {
            std::vector<double> x, y;
            for (int i = 0; i < 30; ++i) {
                x.push_back(i);
                y.push_back(10 + 0.5 * i + noise(rng));
            }
            const SlopeEstimate e = theilSen(x, y, 0.95);
            misses += (0.5 < e.low || 0.5 > e.high);
        }
        // Binomial(200, 0.05): mean 10, sd 3.1.
        QVERIFY2(misses <= 20, qPrintable(QString::number(misses)));
    }

    void theilSenSamplesVeryLargeSeries()
    {
        std::mt19937_64 rng(5);
        std::normal_distribution<double> noise(0, 1);
        std::vector<double> x, y;
        for (int i = 0; i < 4000; ++i) { // 8 M pairs: above MaxExactPairs
            x.push_back(i);
            y.push_back(0.5 * i + noise(rng));
        }
        const SlopeEstimate e = theilSen(x, y);
        QVERIFY(e.sampled);
        QCOMPARE(e.pairs, MaxExactPairs);
        QVERIFY(std::abs(e.slope - 0.5) < 0.001);
        QVERIFY(e.low < 0.5 && e.high > 0.5);
        QVERIFY(std::abs(e.intercept) < 0.2);
    }

    void normalDistribution_data()
    {
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("z");
        QTest::newRow("median") << 0.5 << 0.0;
        QTest::newRow("97.5 %") << 0.975 << 1.959963984540054;
        QTest::newRow("0.1 %") << 0.001 << -3.090232306167814;
        QTest::newRow("99.9999 %") << 0.999999 << 4.753424308822899;
    }
    void normalDistribution()
    {
        QFETCH(double, p);
        QFETCH(double, z);
        QVERIFY(std::abs(normalQuantile(p) - z) < 1e-9);
        QVERIFY(std::abs(normalCdf(z) - p) < 1e-12);
    }

    void smoothQuantileFollowsSmallShifts()
    {
        // Shifting every value by δ shifts the true p95 by δ; the bucket representative moves in ~2 % steps.
        std::mt19937_64 rng(7);
        std::normal_distribution<double> noise(250, 15);
        std::vector<double> values;
        for (int i = 0; i < 20000; ++i)
            values.push_back(noise(rng));
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        const double exact = sorted[size_t(0.95 * (sorted.size() - 1))];
        double previous = 0;
        for (int step = 0; step <= 10; ++step) {
            const double delta = 0.3 * step;
            DDSketch s;
            for (double v : values)
                s.add(v + delta);
            const double q = smoothQuantile(s, 0.95, sorted.front() + delta, sorted.back() + delta);
            QVERIFY2(std::abs(q - (exact + delta)) < 0.6, qPrintable(QString::number(q - exact - delta)));
            if (step > 0)
                QVERIFY2(std::abs(q - previous - 0.3) < 0.25, qPrintable(QString::number(q - previous)));
            previous = q;
        }
    }

    // --- severity rules --------------------------------------------------------------------------

    void severityRules_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<bool>("significant");
        QTest::addColumn<int>("direction");
        QTest::addColumn<double>("percentPerWeek");
        QTest::addColumn<double>("breachInDays"); // < 0: none
        QTest::addColumn<QString>("severity");
        QTest::newRow("latency +6 %/week: medium") << u"latency_ms"_qs << true << 1 << 6.0 << -1.0 << u"medium"_qs;
        QTest::newRow("latency +4 %/week: low") << u"latency_ms"_qs << true << 1 << 4.0 << -1.0 << u"low"_qs;
        QTest::newRow("latency +4 %/week, breach in 20 d: medium") << u"latency_ms"_qs << true << 1 << 4.0 << 20.0 << u"medium"_qs;
        QTest::newRow("latency +1 %/week, breach in 5 d: high") << u"latency_ms"_qs << true << 1 << 1.0 << 5.0 << u"high"_qs;
        QTest::newRow("latency rising, already breached: high") << u"latency_ms"_qs << true << 1 << 1.0 << 0.0 << u"high"_qs;
        QTest::newRow("latency falling 10 %/week: none") << u"latency_ms"_qs << true << -1 << -10.0 << -1.0 << u"none"_qs;
        QTest::newRow("not significant: none") << u"latency_ms"_qs << false << 1 << 10.0 << -1.0 << u"none"_qs;
        QTest::newRow("quality -2.5 pp/week: high") << u"validation_pass"_qs << true << -1 << -2.5 << -1.0 << u"high"_qs;
        QTest::newRow("quality -1 pp/week, breach in 40 d: low") << u"validation_pass"_qs << true << -1 << -1.0 << 40.0 << u"low"_qs;
        QTest::newRow("quality rising: none") << u"validation_pass"_qs << true << 1 << 3.0 << -1.0 << u"none"_qs;
        QTest::newRow("memory +20 %/week: low (no rule)") << u"memory_mb"_qs << true << 1 << 20.0 << -1.0 << u"low"_qs;
        QTest::newRow("output size falling: low (either way)") << u"output_bytes"_qs << true << -1 << -10.0 << -1.0 << u"low"_qs;
    }
    void severityRules()
    {
        QFETCH(QString, metric);
        QFETCH(bool, significant);
        QFETCH(int, direction);
        QFETCH(double, percentPerWeek);
        QFETCH(double, breachInDays);
        QFETCH(QString, severity);
        const TrendConfig config;
        TrendResult r;
        r.metric = metric;
        r.significant = significant;
        r.direction = direction;
        r.slopePerWeekPercent = percentPerWeek;
        if (breachInDays >= 0)
            r.breachInDays = breachInDays;
        QCOMPARE(trendSeverityName(trendSeverity(r, config.specFor(metric), config)), severity);
    }

    // --- synthetic series with known slopes, through the tracker ---------------------------------

    void knownSlopes_data()
    {
        QTest::addColumn<int>("metric");
        QTest::addColumn<double>("base");
        QTest::addColumn<double>("slope");
        QTest::addColumn<double>("noise");
        QTest::addColumn<double>("weekend");
        QTest::addColumn<double>("daily");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<double>("breachLow"); // expected breach window in days; < 0: none
        QTest::addColumn<double>("breachHigh");
        const int lat = int(Metric::Latency), val = int(Metric::Validation), mem = int(Metric::Memory);
        // p95 now ≈ 225 + 1.645·15 + 1.2·29.5 = 285 → 300 in ≈ 12.4 days; 8.4/285 = 2.9 %/week.
        QTest::newRow("seed creep +1.2 ms/day: breach within 30 d -> medium")
            << lat << 225.0 << 1.2 << 15.0 << 0.0 << 0.0 << u"medium"_qs << 9.0 << 16.0;
        // p95 now ≈ 210 → 300 in ≈ 75 days; 4 %/week < 5 %.
        QTest::newRow("creep +1.2 ms/day far from the limit -> low")
            << lat << 150.0 << 1.2 << 15.0 << 0.0 << 0.0 << u"low"_qs << 65.0 << 85.0;
        // p95 now ≈ 205; 21/205 = 10 %/week > 5 %; breach in ≈ 32 days.
        QTest::newRow("latency +3 ms/day, > 5 %/week -> medium")
            << lat << 100.0 << 3.0 << 10.0 << 0.0 << 0.0 << u"medium"_qs << 27.0 << 37.0;
        // p95 now ≈ 285 → 300 in ≈ 5 days.
        QTest::newRow("breach within a week -> high")
            << lat << 180.0 << 3.0 << 10.0 << 0.0 << 0.0 << u"high"_qs << 3.0 << 7.0;
        QTest::newRow("seed creep with a weekend cycle -> medium")
            << lat << 225.0 << 1.2 << 15.0 << 40.0 << 0.0 << u"medium"_qs << 9.0 << 16.0;
        // The daily cycle widens each day's spread: p95 offset 41.7 instead of 24.7 (N(0,15) + 30·sin),
        // so p95 now ≈ 150 + 41.7 + 35.4 = 227 → 300 in ≈ 61 days; 3.7 %/week.
        QTest::newRow("creep +1.2 ms/day with a daily cycle -> low")
            << lat << 150.0 << 1.2 << 15.0 << 0.0 << 30.0 << u"low"_qs << 52.0 << 70.0;
        QTest::newRow("latency improving -1.2 ms/day -> none")
            << lat << 260.0 << -1.2 << 15.0 << 0.0 << 0.0 << u"none"_qs << -1.0 << -1.0;
        // The seed's quality trend: 99.8 % → 99.2 % in 30 days, −0.14 pp/week; 0.98 reached in ≈ 60 days.
        QTest::newRow("validation -0.02 %/day -> low")
            << val << 0.998 << -0.0002 << 0.0005 << 0.0 << 0.0 << u"low"_qs << 50.0 << 70.0;
        // −0.0035/day = −2.45 pp/week; still above 0.98 after 30 days and for ≈ 3 more.
        QTest::newRow("validation -2.45 pp/week -> high")
            << val << 1.1 << -0.0035 << 0.001 << 0.0 << 0.0 << u"high"_qs << 1.0 << 6.0;
        QTest::newRow("memory +0.5 MB/day -> low")
            << mem << 45.0 << 0.5 << 5.0 << 0.0 << 0.0 << u"low"_qs << -1.0 << -1.0;
    }
    void knownSlopes()
    {
        QFETCH(int, metric);
        QFETCH(double, base);
        QFETCH(double, slope);
        QFETCH(double, noise);
        QFETCH(double, weekend);
        QFETCH(double, daily);
        QFETCH(QString, severity);
        QFETCH(double, breachLow);
        QFETCH(double, breachHigh);
        TrendTracker tracker;
        feed(tracker, "fetch_data", Metric(metric), {base, slope, noise, weekend, daily}, 30, 2000, 11);
        const auto results = tracker.analyze(StartMs + 30 * DayMs - 1);
        const QString name = QString::fromLatin1(BuiltinMetricNames[size_t(metric)].data());
        const TrendResult *r = find(results, u"fetch_data"_qs, name);
        QVERIFY(r);
        QVERIFY(r->significant);
        QVERIFY(r->seasonal);
        QCOMPARE(r->days, 30);
        QCOMPARE(r->direction, slope > 0 ? 1 : -1);
        QVERIFY2(std::abs(r->slopePerDay / slope - 1) < 0.10, qPrintable(QString::number(r->slopePerDay)));
        QVERIFY(r->slopeLowPerDay <= r->slopePerDay && r->slopePerDay <= r->slopeHighPerDay);
        QVERIFY(std::abs(r->slopePerWeekPercent) > 0);
        QVERIFY(r->projectedLow <= r->projected && r->projected <= r->projectedHigh);
        QVERIFY(std::abs(r->projected - (r->current + 30 * r->slopePerDay)) < 1e-9);
        QCOMPARE(trendSeverityName(r->severity), severity);
        if (breachLow < 0) {
            QVERIFY(!r->breachInDays);
        } else {
            QVERIFY(r->breachInDays);
            QVERIFY2(*r->breachInDays >= breachLow && *r->breachInDays <= breachHigh,
                     qPrintable(QString::number(*r->breachInDays)));
        }
    }

    void noTrendWhereThereIsNone_data()
    {
        QTest::addColumn<double>("noise");
        QTest::addColumn<double>("weekend");
        QTest::addColumn<double>("daily");
        QTest::addColumn<unsigned>("seed");
        QTest::newRow("flat, noisy") << 15.0 << 0.0 << 0.0 << 1u;
        QTest::newRow("flat, very noisy") << 40.0 << 0.0 << 0.0 << 2u; // p95 ≈ 291: below the limit
        QTest::newRow("weekly cycle only") << 15.0 << 40.0 << 0.0 << 3u;
        QTest::newRow("strong weekly cycle only") << 5.0 << 120.0 << 0.0 << 4u;
        QTest::newRow("daily cycle only") << 15.0 << 0.0 << 60.0 << 5u;
        QTest::newRow("daily and weekly cycles") << 15.0 << 40.0 << 60.0 << 6u;
    }
    void noTrendWhereThereIsNone()
    {
        QFETCH(double, noise);
        QFETCH(double, weekend);
        QFETCH(double, daily);
        QFETCH(unsigned, seed);
        TrendTracker tracker;
        feed(tracker, "fetch_data", Metric::Latency, {225, 0, noise, weekend, daily}, 30, 2000, seed);
        const auto results = tracker.analyze(StartMs + 30 * DayMs - 1);
        const TrendResult *r = find(results, u"fetch_data"_qs, u"latency_ms"_qs);
        QVERIFY(r);
        QVERIFY2(!r->significant, qPrintable(r->summary()));
        QCOMPARE(r->severity, TrendSeverity::None);
        QVERIFY(!r->breachInDays);
    }

    void weekdaySeasonsKeepThePowerUnderAWeeklyCycle()
    {
        // A slow rise (0.2 ms/day) under a strong weekend cycle (+60 ms): compared across weekdays the
        // cycle looks like noise to plain Mann–Kendall; compared within weekdays it vanishes.
        TrendTracker tracker;
        feed(tracker, "fetch_data", Metric::Latency, {225, 0.2, 15, 60, 0}, 30, 2000, 21);
        TrendConfig plain;
        plain.weeklySeasonality = false;
        const qint64 now = StartMs + 30 * DayMs - 1;
        const auto seasonalResults = tracker.analyze(now);
        const auto plainResults = tracker.analyze(now, plain);
        const TrendResult *s = find(seasonalResults, u"fetch_data"_qs, u"latency_ms"_qs);
        const TrendResult *p = find(plainResults, u"fetch_data"_qs, u"latency_ms"_qs);
        QVERIFY(s && p);
        QVERIFY(s->seasonal && !p->seasonal);
        QVERIFY(s->significant);
        QVERIFY2(std::abs(s->slopePerDay / 0.2 - 1) < 0.10, qPrintable(QString::number(s->slopePerDay)));
        QVERIFY2(p->pValue > 100 * s->pValue, qPrintable(QStringLiteral("plain p %1, seasonal p %2").arg(p->pValue).arg(s->pValue)));
    }

    void shortWindowsUsePlainMannKendall()
    {
        TrendTracker tracker;
        feed(tracker, "fetch_data", Metric::Latency, {225, 1.2, 15, 0, 0}, 10, 2000, 23);
        const auto results = tracker.analyze(StartMs + 10 * DayMs - 1);
        const TrendResult *r = find(results, u"fetch_data"_qs, u"latency_ms"_qs);
        QVERIFY(r);
        QCOMPARE(r->days, 10);
        QVERIFY(!r->seasonal); // 10 days: fewer than two of each weekday
        QVERIFY(r->significant);
        QVERIFY(std::abs(r->slopePerDay / 1.2 - 1) < 0.10);
    }
};

QTEST_GUILESS_MAIN(TestTrends)
#include "tst_trends.moc"
