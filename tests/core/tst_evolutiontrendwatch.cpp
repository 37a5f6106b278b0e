#include "evolution/trendseriesdata.h"
#include "evolution/trendwatch.h"
#include "simulator/demosimulator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 DayMs = 86400000;

struct Warning {
    TrendResult result;
    qint64 line = 0;
    qint64 tsMs = 0;
};

/// `days` simulated days of the demo at 2000 executions a day, slow creep from the start when asked.
template<typename Sink>
void simulate(Sink &sink, int days, bool creep, std::uint64_t seed = 5)
{
    DemoSimulator sim(seed);
    sim.setRatePerDay(2000);
    if (creep)
        sim.schedule(Situation::SlowCreep, 0);
    std::vector<Record> batch;
    std::vector<CustomMetricView> scratch;
    qint64 line = 0;
    while (sim.nextArrivalMs() < DemoSimulator::DefaultStartMs + days * DayMs) {
        sim.nextExecution(batch);
        for (Record &r : batch) {
            r.line = ++line;
            sink.onRecord(r.view(scratch));
        }
    }
}

} // namespace

class TestEvolutionTrendWatch : public QObject
{
    Q_OBJECT

private slots:
    void warnsOncePerSeriesAndAgainWhenMoreSevere()
    {
        TrendWatch watch;
        std::vector<Warning> warnings;
        watch.setWarningHandler([&](const TrendResult &r, qint64 line, qint64 ts) { warnings.push_back({r, line, ts}); });
        simulate(watch, 30, true);
        QCOMPARE(watch.warnings(), int(warnings.size()));
        QVERIFY(!warnings.empty());
        // fetch_data latency: first low, then medium once its breach comes within 30 days; never twice the same.
        std::vector<TrendSeverity> latency;
        for (const Warning &w : warnings) {
            QVERIFY(w.result.significant);
            QVERIFY(w.result.severity != TrendSeverity::None);
            // Reported at the first record of a day, about the finished days before it.
            QCOMPARE(w.tsMs % DayMs < 600000, true);
            QVERIFY(w.result.lastDayMs < w.tsMs - w.tsMs % DayMs);
            QVERIFY(w.line > 0);
            if (w.result.tool == u"fetch_data" && w.result.metric == u"latency_ms")
                latency.push_back(w.result.severity);
        }
        QVERIFY(!latency.empty());
        for (size_t i = 1; i < latency.size(); ++i)
            QVERIFY(int(latency[i]) > int(latency[i - 1]));
        // The earliest possible day: after minDays (7) finished days.
        QVERIFY(warnings.front().tsMs >= DemoSimulator::DefaultStartMs + 7 * DayMs);
    }

    void stableSystemStaysQuiet()
    {
        TrendWatch watch;
        int warnings = 0;
        watch.setWarningHandler([&](const TrendResult &, qint64, qint64) { ++warnings; });
        simulate(watch, 30, false);
        QCOMPARE(warnings, 0);
        for (const TrendResult &r : watch.analyzeNow())
            QVERIFY2(!r.significant || r.severity == TrendSeverity::None, qPrintable(r.summary()));
    }

    void analyzeNowMatchesTheTracker()
    {
        TrendWatch watch;
        simulate(watch, 20, true);
        const std::vector<TrendResult> now = watch.analyzeNow();
        const std::vector<TrendResult> direct = watch.tracker().analyze(watch.tracker().latestMs(), TrendConfig());
        QCOMPARE(now.size(), direct.size());
        QCOMPARE(now.front().slopePerDay, direct.front().slopePerDay);
        QVERIFY(TrendWatch().analyzeNow().empty());
    }

    void olderFilesDoNotRewindTheDays()
    {
        TrendWatch watch;
        int warnings = 0;
        watch.setWarningHandler([&](const TrendResult &, qint64, qint64) { ++warnings; });
        simulate(watch, 20, true);
        const int first = warnings;
        // The same days again (a second file of the same period): no day is new, nothing is re-reported.
        simulate(watch, 20, true, 6);
        QCOMPARE(warnings, first);
    }

    void eventJsonPutsTheContractFirst()
    {
        TrendResult r;
        r.workflow = u"wf"_s;
        r.version = u"1.0.0"_s;
        r.tool = u"fetch_data"_s;
        r.metric = u"latency_ms"_s;
        r.slopePerDay = 1.2;
        r.projected = 320;
        r.severity = TrendSeverity::Medium;
        r.significant = true;
        r.breachInDays = 8.9;
        r.thresholdKind = ThresholdKind::AtMost;
        r.threshold = 300;
        const QByteArray line = TrendWatch::eventJson(r, u"a.jsonl"_s, 42, DemoSimulator::DefaultStartMs);
        QVERIFY2(line.startsWith(R"({"event":"trend","workflow":"wf","file":"a.jsonl","tool":"fetch_data","metric":"latency_ms","slope_per_day":1.2,"projected_30d":320,"severity":"medium","version":"1.0.0","line":42,"as_of":"2026-10-01T00:00:00.000Z",)"),
                 line.constData());
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QCOMPARE(o.value(u"breach_in_days").toDouble(), 8.9);
        QCOMPARE(o.value(u"threshold").toDouble(), 300.0);
        QVERIFY(!TrendWatch::eventJson(r).contains("\"line\""));
        QVERIFY(!TrendWatch::eventJson(r).contains("\"file\""));
    }

    void seriesDataCarriesTheDailyValues()
    {
        TrendWatch watch;
        simulate(watch, 30, true);
        const auto data = trendSeriesData(watch.tracker(), watch.tracker().latestMs(), TrendConfig(), false);
        QVERIFY(!data.empty());
        const TrendSeriesData &top = data.front();
        QCOMPARE(top.result.tool, u"fetch_data"_s);
        QCOMPARE(int(top.points.size()), top.result.days);
        QCOMPARE(top.points.front().day * DayMs, top.result.firstDayMs);
        QCOMPARE(top.points.back().day * DayMs, top.result.lastDayMs);
        // The creep is visible in the values themselves: about 1.2 ms a day over ~29 days.
        const double rise = top.points.back().value - top.points.front().value;
        QVERIFY2(rise > 25 && rise < 45, qPrintable(QString::number(rise)));
        for (const TrendSeriesData &d : data)
            QVERIFY(d.result.significant);
    }
};

QTEST_GUILESS_MAIN(TestEvolutionTrendWatch)
#include "tst_evolutiontrendwatch.moc"
