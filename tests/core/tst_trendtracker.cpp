#include "simulator/demosimulator.h"
#include "trends/trendtracker.h"

#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

using namespace Apprentice;

namespace {

constexpr qint64 DayMs = 86400000;
constexpr qint64 StartMs = 1790812800000; // 2026-10-01T00:00:00Z

Record call(const char *workflow, const char *version, const char *tool, qint64 ts, double latency, bool ok = true)
{
    Record r;
    r.workflow = workflow;
    r.version = version;
    r.tool = tool;
    r.tsMs = ts;
    r.ok = ok;
    r.setValue(Metric::Latency, latency);
    if (!ok)
        r.error = "HTTP 500 Internal Server Error";
    return r;
}

/// `calls` evenly spread calls a day for `days` days, latency = f(day, rng).
template<typename F>
void feedDays(TrendTracker &t, const char *workflow, const char *version, const char *tool, int firstDay, int days,
              int calls, F &&latency, std::mt19937_64 &rng)
{
    for (int d = firstDay; d < firstDay + days; ++d) {
        for (int i = 0; i < calls; ++i) {
            const qint64 ts = StartMs + d * DayMs + qint64((i + 0.5) / calls * DayMs);
            t.add(call(workflow, version, tool, ts, latency(d, rng)));
        }
    }
}

const TrendResult *find(const std::vector<TrendResult> &results, const QString &workflow, const QString &version,
                        const QString &tool, const QString &metric)
{
    for (const TrendResult &r : results) {
        if (r.workflow == workflow && r.version == version && r.tool == tool && r.metric == metric)
            return &r;
    }
    return nullptr;
}

} // namespace

class TestTrendTracker : public QObject
{
    Q_OBJECT

private slots:
    void memoryIsBoundedByTheRetainedDays_data()
    {
        QTest::addColumn<int>("retention");
        QTest::addColumn<int>("fedDays");
        QTest::newRow("30 of 100 days") << 30 << 100;
        QTest::newRow("7 of 20 days") << 7 << 20;
        QTest::newRow("fewer days than retention") << 30 << 12;
    }
    void memoryIsBoundedByTheRetainedDays()
    {
        QFETCH(int, retention);
        QFETCH(int, fedDays);
        TrendTracker t(retention);
        std::mt19937_64 rng(1);
        std::normal_distribution<double> n(225, 15);
        feedDays(t, "wf", "1.0.0", "fetch_data", 0, fedDays, 50, [&n](int, std::mt19937_64 &g) { return n(g); }, rng);
        QCOMPARE(t.keyCount(), 1);
        QCOMPARE(t.retainedDays(), std::min(fedDays, retention + 1));
        QCOMPARE(t.records(), qint64(fedDays) * 50);
        // A record from before the retained days is ignored, not resurrected.
        t.add(call("wf", "1.0.0", "fetch_data", StartMs, 225));
        QCOMPARE(t.lateRecords(), fedDays > retention + 1 ? qint64(1) : qint64(0));
        QCOMPARE(t.retainedDays(), std::min(fedDays, retention + 1));
    }

    void stateSurvivesARoundTrip()
    {
        // Ten days, stored and restored, then ten more: the same trends as twenty days in one tracker.
        const auto latency = [](int day, std::mt19937_64 &g) { return 200 + 2.0 * day + std::normal_distribution<double>(0, 5)(g); };
        std::mt19937_64 rngA(3), rngB(3);
        TrendTracker whole, first;
        feedDays(whole, "wf", "1.0.0", "fetch_data", 0, 10, 40, latency, rngA);
        feedDays(first, "wf", "1.0.0", "fetch_data", 0, 10, 40, latency, rngB);
        const QByteArray state = first.serialize();
        TrendTracker second;
        QVERIFY(second.deserialize(state));
        QCOMPARE(second.records(), first.records());
        QCOMPARE(second.latestMs(), first.latestMs());
        QCOMPARE(second.retainedDays(), 10);
        feedDays(whole, "wf", "1.0.0", "fetch_data", 10, 10, 40, latency, rngA);
        feedDays(second, "wf", "1.0.0", "fetch_data", 10, 10, 40, latency, rngB);
        const qint64 now = StartMs + 20 * DayMs;
        const auto a = whole.analyze(now);
        const auto b = second.analyze(now);
        QCOMPARE(b.size(), a.size());
        const TrendResult *ra = find(a, QStringLiteral("wf"), QStringLiteral("1.0.0"), QStringLiteral("fetch_data"), QStringLiteral("latency_ms"));
        const TrendResult *rb = find(b, QStringLiteral("wf"), QStringLiteral("1.0.0"), QStringLiteral("fetch_data"), QStringLiteral("latency_ms"));
        QVERIFY(ra && rb && ra->significant);
        QCOMPARE(rb->slopePerDay, ra->slopePerDay);
        QCOMPARE(rb->significant, ra->significant);

        // Damaged state is refused and the tracker keeps what it had.
        for (const QByteArray &bad : QList<QByteArray>{QByteArray(), QByteArray("junk"), state.left(state.size() / 2), state + "x"}) {
            QVERIFY(!second.deserialize(bad));
            QCOMPARE(second.records(), whole.records());
        }
    }

    void lateRecordsInsideTheWindowCount()
    {
        TrendTracker t;
        t.add(call("wf", "1.0.0", "a", StartMs + 5 * DayMs, 100));
        t.add(call("wf", "1.0.0", "a", StartMs + 2 * DayMs, 100)); // earlier day, within retention
        t.add(call("wf", "1.0.0", "a", StartMs + 3 * DayMs, 100));
        QCOMPARE(t.lateRecords(), qint64(0));
        QCOMPARE(t.retainedDays(), 3);
        const auto points = t.dailySeries(u"wf"_qs, u"1.0.0"_qs, u"a"_qs, u"latency_ms"_qs, TrendStatistic::Mean,
                                          StartMs + 5 * DayMs + 1, 30);
        QCOMPARE(int(points.size()), 3);
        QVERIFY(points[0].day < points[1].day && points[1].day < points[2].day);
    }

    void partialNewestDay_data()
    {
        QTest::addColumn<int>("todayCalls");
        QTest::addColumn<bool>("todayCounts");
        QTest::newRow("5 % of a day: left out") << 100 << false;
        QTest::newRow("80 % of a day: counted") << 1600 << true;
    }
    void partialNewestDay()
    {
        QFETCH(int, todayCalls);
        QFETCH(bool, todayCounts);
        TrendTracker t;
        std::mt19937_64 rng(2);
        std::normal_distribution<double> n(0, 15);
        auto creep = [&n](int d, std::mt19937_64 &g) { return 225 + 1.2 * d + n(g); };
        feedDays(t, "wf", "1.0.0", "fetch_data", 0, 30, 2000, creep, rng);
        // Day 30 so far: its first `todayCalls` calls of 2000.
        for (int i = 0; i < todayCalls; ++i)
            t.add(call("wf", "1.0.0", "fetch_data", StartMs + 30 * DayMs + qint64((i + 0.5) / 2000 * DayMs), creep(30, rng)));
        const auto results = t.analyze(t.latestMs());
        const TrendResult *r = find(results, u"wf"_qs, u"1.0.0"_qs, u"fetch_data"_qs, u"latency_ms"_qs);
        QVERIFY(r);
        QCOMPARE(r->days, 30);
        QCOMPARE(r->lastDayMs, StartMs + (todayCounts ? 30 : 29) * DayMs);
        QCOMPARE(r->firstDayMs, StartMs + (todayCounts ? 1 : 0) * DayMs);
        QVERIFY(std::abs(r->slopePerDay / 1.2 - 1) < 0.10);
    }

    void keysAreSeparate()
    {
        // Two versions of one workflow and a second workflow: only v2's fetch_data creeps.
        TrendTracker t;
        std::mt19937_64 rng(3);
        std::normal_distribution<double> n(0, 15);
        feedDays(t, "pco", "1.0.0", "fetch_data", 0, 30, 500, [&n](int, std::mt19937_64 &g) { return 225 + n(g); }, rng);
        feedDays(t, "pco", "2.0.0", "fetch_data", 0, 30, 500, [&n](int d, std::mt19937_64 &g) { return 225 + 2.0 * d + n(g); }, rng);
        feedDays(t, "other", "1.0.0", "fetch_data", 0, 30, 500, [&n](int, std::mt19937_64 &g) { return 225 + n(g); }, rng);
        QCOMPARE(t.keyCount(), 3);
        const auto results = t.analyze(t.latestMs());
        const TrendResult *v2 = find(results, u"pco"_qs, u"2.0.0"_qs, u"fetch_data"_qs, u"latency_ms"_qs);
        const TrendResult *v1 = find(results, u"pco"_qs, u"1.0.0"_qs, u"fetch_data"_qs, u"latency_ms"_qs);
        const TrendResult *other = find(results, u"other"_qs, u"1.0.0"_qs, u"fetch_data"_qs, u"latency_ms"_qs);
        QVERIFY(v1 && v2 && other);
        QVERIFY(v2->significant && !v1->significant && !other->significant);
        QVERIFY(std::abs(v2->slopePerDay / 2.0 - 1) < 0.10);
        QCOMPARE(&results.front(), v2); // most severe first
    }

    void errorRateTrend()
    {
        // The error share climbs 0 → 5.8 % (0.2 pp a day); failed calls are fast but do not make the
        // latency trend "improve": values come from successful calls only.
        TrendTracker t;
        std::mt19937_64 rng(4);
        std::normal_distribution<double> n(225, 15);
        std::uniform_real_distribution<double> u(0, 1);
        for (int d = 0; d < 30; ++d) {
            for (int i = 0; i < 2000; ++i) {
                const qint64 ts = StartMs + d * DayMs + qint64((i + 0.5) / 2000 * DayMs);
                const bool fails = u(rng) < 0.002 * d;
                t.add(call("wf", "1.0.0", "fetch_data", ts, fails ? 30 : n(rng), !fails));
            }
        }
        const auto results = t.analyze(t.latestMs());
        const TrendResult *errors = find(results, u"wf"_qs, u"1.0.0"_qs, u"fetch_data"_qs, u"status"_qs);
        const TrendResult *latency = find(results, u"wf"_qs, u"1.0.0"_qs, u"fetch_data"_qs, u"latency_ms"_qs);
        QVERIFY(errors && latency);
        QCOMPARE(errors->statistic, TrendStatistic::ErrorRate);
        QVERIFY(errors->significant);
        QCOMPARE(errors->direction, 1);
        QVERIFY2(std::abs(errors->slopePerDay / 0.002 - 1) < 0.10, qPrintable(QString::number(errors->slopePerDay)));
        QVERIFY(errors->percentagePoints);
        QCOMPARE(errors->severity, TrendSeverity::Low);
        QVERIFY(!latency->significant);
    }

    void customMetricsAreTrended()
    {
        TrendTracker t;
        std::mt19937_64 rng(5);
        std::normal_distribution<double> n(0, 40);
        for (int d = 0; d < 30; ++d) {
            for (int i = 0; i < 300; ++i) {
                Record r = call("wf", "1.0.0", "llm_call", StartMs + d * DayMs + i * 1000, 900);
                r.custom = {{"tokens", 1500 + 12.0 * d + n(rng)}};
                t.add(r);
            }
        }
        const auto results = t.analyze(t.latestMs());
        const TrendResult *tokens = find(results, u"wf"_qs, u"1.0.0"_qs, u"llm_call"_qs, u"tokens"_qs);
        QVERIFY(tokens);
        QCOMPARE(tokens->statistic, TrendStatistic::Mean);
        QVERIFY(tokens->significant);
        QVERIFY(std::abs(tokens->slopePerDay / 12 - 1) < 0.10);
        QCOMPARE(tokens->severity, TrendSeverity::Low);
    }

    void windowLength_data()
    {
        QTest::addColumn<int>("window");
        QTest::addColumn<bool>("seasonal");
        // 7–9 days: the best attainable p (0.0027 at 7 days) survives the false-discovery control
        // only for a perfectly monotone week, so the shortest row is 10 days.
        QTest::newRow("10 days") << 10 << false;
        QTest::newRow("14 days") << 14 << false;
        QTest::newRow("21 days") << 21 << true;
        QTest::newRow("60 days") << 60 << true;
    }
    void windowLength()
    {
        // Every window length must still be able to name a clear creep next to a dozen quiet series.
        QFETCH(int, window);
        QFETCH(bool, seasonal);
        TrendTracker t(window);
        std::mt19937_64 rng(9);
        std::normal_distribution<double> n(0, 15);
        feedDays(t, "wf", "1.0.0", "fetch_data", 0, window, 1000, [&n](int d, std::mt19937_64 &g) { return 225 + 1.2 * d + n(g); }, rng);
        for (const char *tool : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"})
            feedDays(t, "wf", "1.0.0", tool, 0, window, 200, [&n](int, std::mt19937_64 &g) { return 100 + n(g); }, rng);
        TrendConfig config;
        config.windowDays = window;
        const auto results = t.analyze(t.latestMs(), config);
        const TrendResult *r = find(results, u"wf"_qs, u"1.0.0"_qs, u"fetch_data"_qs, u"latency_ms"_qs);
        QVERIFY(r);
        QCOMPARE(r->days, window);
        QCOMPARE(r->seasonal, seasonal);
        QVERIFY2(r->significant, qPrintable(QStringLiteral("p %1 q %2").arg(r->pValue).arg(r->qValue)));
        QVERIFY(std::abs(r->slopePerDay / 1.2 - 1) < 0.10);
    }

    void tooFewDaysNoResult()
    {
        TrendTracker t;
        std::mt19937_64 rng(6);
        feedDays(t, "wf", "1.0.0", "fetch_data", 0, 5, 100, [](int d, std::mt19937_64 &) { return 225.0 + 10 * d; }, rng);
        QVERIFY(t.analyze(t.latestMs()).empty());
    }

    void thresholdsAreConfigurable()
    {
        TrendTracker t;
        std::mt19937_64 rng(7);
        std::normal_distribution<double> n(0, 15);
        feedDays(t, "wf", "1.0.0", "fetch_data", 0, 30, 2000, [&n](int d, std::mt19937_64 &g) { return 225 + 1.2 * d + n(g); }, rng);
        TrendConfig config;
        config.setThreshold(u"latency_ms"_qs, 400); // p95 ≈ 285 now: 400 in ≈ 96 days
        const auto results = t.analyze(t.latestMs(), config);
        const TrendResult *r = find(results, u"wf"_qs, u"1.0.0"_qs, u"fetch_data"_qs, u"latency_ms"_qs);
        QVERIFY(r && r->breachInDays);
        QVERIFY2(std::abs(*r->breachInDays - (400 - r->current) / r->slopePerDay) < 1e-9, "");
        QVERIFY(*r->breachInDays > 85 && *r->breachInDays < 105);
        QCOMPARE(r->severity, TrendSeverity::Low);
        QCOMPARE(r->threshold, 400.0);
        QCOMPARE(r->thresholdKind, ThresholdKind::AtMost);
    }

    void jsonAndEvent()
    {
        TrendTracker t;
        std::mt19937_64 rng(8);
        std::normal_distribution<double> n(0, 15);
        feedDays(t, "pco", "1.0.0", "fetch_data", 0, 30, 2000, [&n](int d, std::mt19937_64 &g) { return 225 + 1.2 * d + n(g); }, rng);
        const auto results = t.analyze(t.latestMs());
        QVERIFY(!results.empty());
        const TrendResult &r = results.front();
        const QJsonObject o = r.toJson();
        // FORMATS.md §2 fields, then the documented extras.
        QCOMPARE(o.value(u"event").toString(), u"trend"_qs);
        QCOMPARE(o.value(u"workflow").toString(), u"pco"_qs);
        QCOMPARE(o.value(u"tool").toString(), u"fetch_data"_qs);
        QCOMPARE(o.value(u"metric").toString(), u"latency_ms"_qs);
        QVERIFY(std::abs(o.value(u"slope_per_day").toDouble() / 1.2 - 1) < 0.10);
        QVERIFY(o.value(u"projected_30d").isDouble());
        QCOMPARE(o.value(u"severity").toString(), u"medium"_qs);
        QCOMPARE(o.value(u"version").toString(), u"1.0.0"_qs);
        QCOMPARE(o.value(u"statistic").toString(), u"p95"_qs);
        QVERIFY(o.value(u"p_value").toDouble() < 0.001);
        QVERIFY(o.value(u"breach_in_days").isDouble());
        QCOMPARE(o.value(u"direction").toString(), u"up"_qs);

        const Event e = r.toEvent();
        QCOMPARE(e.kind, EventKind::Trend);
        QCOMPARE(e.tool, u"fetch_data"_qs);
        QCOMPARE(e.metric, u"latency_ms"_qs);
        QCOMPARE(e.slopePerDay, r.slopePerDay);
        QCOMPARE(e.projected30d, r.projected);
        QCOMPARE(e.severity, u"medium"_qs);
        QCOMPARE(e.direction, 1);
        QCOMPARE(e.tsMs, t.latestMs());
        QVERIFY(e.reason.contains(u"crosses 300 ms in"));
        QVERIFY(!e.evidence.isEmpty());

        // No breach expected: breach_in_days is null, not absent.
        TrendResult flat = r;
        flat.breachInDays.reset();
        QVERIFY(flat.toJson().value(u"breach_in_days").isNull());
    }

    void stableDemoStaysQuiet()
    {
        // 20 independent 30-day runs of the normal demo: with false discoveries controlled at 5 %,
        // the chance that an analysis reports anything is at most 5 %: P(≥ 4 of 20) = 1.6 %.
        int noisyRuns = 0;
        QStringList reported;
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            DemoSimulator sim(seed);
            sim.setRatePerDay(500);
            TrendTracker t;
            std::vector<Record> recs;
            while (sim.nextArrivalMs() < DemoSimulator::DefaultStartMs + 30 * DayMs) {
                const int n = sim.nextExecution(recs);
                for (int k = 0; k < n; ++k)
                    t.add(recs[size_t(k)]);
            }
            bool any = false;
            for (const TrendResult &r : t.analyze(t.latestMs())) {
                if (r.significant) {
                    any = true;
                    reported << r.summary();
                }
            }
            noisyRuns += any;
        }
        QVERIFY2(noisyRuns <= 3, qPrintable(reported.join(u'\n')));
    }

    void simulatedSlowCreepNamesTheDegradingTools()
    {
        // The demo's slow_creep over 30 simulated days: fetch_data latency +1.2 ms/day and validation
        // −0.02 %/day. The analysis must say which tools degrade, how fast, and when they breach.
        DemoSimulator sim(2026);
        sim.setRatePerDay(3000);
        sim.schedule(Situation::SlowCreep, 300);
        TrendTracker t;
        std::vector<Record> recs;
        auto runUntilDay = [&](int day) {
            while (sim.nextArrivalMs() < DemoSimulator::DefaultStartMs + day * DayMs) {
                const int n = sim.nextExecution(recs);
                for (int k = 0; k < n; ++k)
                    t.add(recs[size_t(k)]);
            }
        };
        // Ten days in, the creep is already named: 12 ms, under one call-to-call standard deviation
        // of fetch_data (≈ 28 ms with its slow path), well before single calls look out of profile.
        runUntilDay(10);
        const auto early = t.analyze(t.latestMs());
        const TrendResult *earlyLatency = find(early, u"process_customer_order"_qs, u"1.0.0"_qs, u"fetch_data"_qs, u"latency_ms"_qs);
        QVERIFY(earlyLatency && earlyLatency->significant);
        QCOMPARE(earlyLatency->days, 10);
        QVERIFY2(std::abs(earlyLatency->slopePerDay / 1.2 - 1) < 0.20, qPrintable(earlyLatency->summary()));

        runUntilDay(30);
        const auto results = t.analyze(t.latestMs());
        const TrendResult *latency = find(results, u"process_customer_order"_qs, u"1.0.0"_qs, u"fetch_data"_qs, u"latency_ms"_qs);
        const TrendResult *quality = find(results, u"process_customer_order"_qs, u"1.0.0"_qs, u"validate"_qs, u"validation_pass"_qs);
        QVERIFY(latency && quality);

        QVERIFY(latency->significant);
        QVERIFY2(std::abs(latency->slopePerDay / 1.2 - 1) < 0.10, qPrintable(latency->summary()));
        QVERIFY(latency->breachInDays && *latency->breachInDays > 0 && *latency->breachInDays < 30);
        QCOMPARE(latency->severity, TrendSeverity::Medium);
        QCOMPARE(&results.front(), latency);

        QVERIFY(quality->significant);
        QCOMPARE(quality->direction, -1);
        QVERIFY2(std::abs(quality->slopePerDay / -0.0002 - 1) < 0.10, qPrintable(quality->summary()));
        QVERIFY(quality->breachInDays && *quality->breachInDays > 30);

        // Nothing else is flagged above low, and no other tool has a latency trend.
        for (const TrendResult &r : results) {
            if (&r == latency || &r == quality)
                continue;
            QVERIFY2(r.severity <= TrendSeverity::Low, qPrintable(r.summary()));
            if (r.metric == u"latency_ms")
                QVERIFY2(!r.significant, qPrintable(r.summary()));
        }
    }
};

QTEST_GUILESS_MAIN(TestTrendTracker)
#include "tst_trendtracker.moc"
