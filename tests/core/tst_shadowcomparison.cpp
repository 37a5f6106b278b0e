#include "evolution/reservoir.h"
#include "evolution/shadowcomparator.h"
#include "evolution/shadowstats.h"
#include "simulator/demosimulator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <functional>
#include <numeric>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

/// Changes a candidate record; `n` counts the candidate's calls of that tool from 0.
using Mutation = std::function<void(Record &record, qint64 n)>;

const QString Workflow = QString::fromLatin1(DemoSimulator::workflowName());

/// The seed's shadow mode: `history` executions of 1.0.0 alone, then 1.0.0 and 1.1.0 side by side
/// (one execution each in turn) for `shadow` executions each, over the same simulated days.
/// `baselineShift` changes the baseline's calls during the shadow period (the world changing).
void runShadow(ShadowComparator &c, int history, int shadow, const Mutation &candidate, const Mutation &baselineShift = {},
               std::uint64_t seed = 1)
{
    DemoSimulator base(seed);
    base.setRatePerDay(2000);
    std::vector<Record> batch;
    for (int i = 0; i < history; ++i) {
        base.nextExecution(batch);
        for (const Record &r : batch)
            c.add(r);
    }
    DemoSimulator cand(seed + 1000, base.simulatedTimeMs());
    cand.setRatePerDay(2000);
    std::map<std::string, qint64> baseCount, candCount;
    for (int i = 0; i < shadow; ++i) {
        cand.nextExecution(batch);
        for (Record r : batch) {
            r.version = "1.1.0";
            if (candidate)
                candidate(r, candCount[r.tool]++);
            c.add(r);
        }
        base.nextExecution(batch);
        for (Record r : batch) {
            if (baselineShift)
                baselineShift(r, baseCount[r.tool]++);
            c.add(r);
        }
    }
}

Mutation scale(const char *tool, Metric metric, double factor)
{
    return [=](Record &r, qint64) {
        if (r.tool == tool && isPresent(r.value(metric)))
            r.setValue(metric, r.value(metric) * factor);
    };
}

Mutation none()
{
    return {};
}

const MetricComparison *metricOf(const ShadowComparison &c, const QString &tool, const QString &metric)
{
    const ToolComparison *t = c.tool(tool);
    if (!t)
        return nullptr;
    for (const MetricComparison &m : t->metrics) {
        if (m.metric == metric)
            return &m;
    }
    return nullptr;
}

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestShadowComparison : public QObject
{
    Q_OBJECT

private slots:
    // --- statistics ----------------------------------------------------------------------------

    void mannWhitneySeparatedSamples()
    {
        const std::vector<double> b{1, 2, 3, 4, 5};
        const std::vector<double> c{6, 7, 8, 9, 10};
        const ShadowStats::RankTest t = ShadowStats::mannWhitney(b, c);
        // Every candidate value beats every baseline value: U = n1·n2 = 25, δ = 1.
        QCOMPARE(t.u, 25.0);
        QCOMPARE(t.cliffsDelta, 1.0);
        // No ties: Var(U) = n1·n2·(n + 1)/12; continuity-corrected z = (25 − 12.5 − 0.5)/sd.
        const double z = 12.0 / std::sqrt(25.0 * 11.0 / 12.0);
        QCOMPARE(t.z, z);
        QVERIFY(std::abs(t.pValue - std::erfc(z / std::sqrt(2.0))) < 1e-12);
        QVERIFY(t.pValue > 0.012 && t.pValue < 0.0125);
        // Swapping the samples flips the direction only.
        const ShadowStats::RankTest back = ShadowStats::mannWhitney(c, b);
        QCOMPARE(back.cliffsDelta, -1.0);
        QCOMPARE(back.pValue, t.pValue);
    }

    void mannWhitneyCorrectsForTies()
    {
        // Ranks of 1,2,2,2,3,3,3,4: 1, 3,3,3, 6,6,6, 8. Candidate {2,3,3,4}: R = 23, U = 23 − 10 = 13.
        const std::vector<double> b{1, 2, 2, 3};
        const std::vector<double> c{2, 3, 3, 4};
        const ShadowStats::RankTest t = ShadowStats::mannWhitney(b, c);
        QCOMPARE(t.u, 13.0);
        QCOMPARE(t.cliffsDelta, 2 * 13.0 / 16 - 1);
        // Two tie groups of 3: Σ(t³ − t) = 48; Var = 16/12·(9 − 48/56).
        const double sd = std::sqrt(16.0 / 12.0 * (9.0 - 48.0 / 56.0));
        QCOMPARE(t.z, (13.0 - 8.0 - 0.5) / sd);
        // All values tied: nothing to test.
        const std::vector<double> same{5, 5, 5};
        QCOMPARE(ShadowStats::mannWhitney(same, same).pValue, 1.0);
    }

    void kolmogorovSmirnovDistance()
    {
        const std::vector<double> b{1, 2, 3, 4};
        const std::vector<double> c{3, 4, 5, 6};
        QCOMPARE(ShadowStats::kolmogorovSmirnov(b, c).d, 0.5); // at 2: F_b = 0.5, F_c = 0
        QCOMPARE(ShadowStats::kolmogorovSmirnov(b, b).d, 0.0);
        QCOMPARE(ShadowStats::kolmogorovSmirnov(b, b).pValue, 1.0);
        std::vector<double> low(500), high(500);
        std::iota(low.begin(), low.end(), 0.0);
        std::iota(high.begin(), high.end(), 250.0);
        const ShadowStats::KsTest far = ShadowStats::kolmogorovSmirnov(low, high);
        QCOMPARE(far.d, 0.5);
        QVERIFY(far.pValue < 1e-20);
    }

    void twoProportionTest()
    {
        // 10/100 against 20/100: pooled 0.15, SE = √(0.15·0.85·0.02), z = 0.1/SE ≈ 1.980 (χ² = 3.92).
        const ShadowStats::ProportionTest t = ShadowStats::twoProportion(10, 100, 20, 100);
        const double z = 0.1 / std::sqrt(0.15 * 0.85 * 0.02);
        QCOMPARE(t.z, z);
        QVERIFY(std::abs(t.z * t.z - 3.9216) < 1e-3);
        QVERIFY(t.pValue > 0.047 && t.pValue < 0.048);
        QCOMPARE(ShadowStats::twoProportion(0, 500, 0, 500).pValue, 1.0);
    }

    void wilsonAndNewcombeIntervals()
    {
        // 0 of 10 at z = 1.96: the upper limit is z²/(n + z²).
        const ShadowStats::Interval w = ShadowStats::wilson(0, 10, 1.96);
        QCOMPARE(w.low, 0.0);
        QVERIFY(std::abs(w.high - 1.96 * 1.96 / (10 + 1.96 * 1.96)) < 1e-12);
        // No failure on either side: the difference's upper limit is the candidate's Wilson limit.
        const ShadowStats::Interval d = ShadowStats::newcombeDifference(0, 1000, 0, 600, 1.645);
        QVERIFY(std::abs(d.high - ShadowStats::wilson(0, 600, 1.645).high) < 1e-12);
        QVERIFY(d.high < 0.005); // 600 clean calls bound the increase below half a percentage point
        QVERIFY(ShadowStats::newcombeDifference(0, 1000, 0, 200, 1.645).high > 0.005);
    }

    void holmAdjustment()
    {
        const std::vector<double> p{0.01, 0.04, 0.03, 0.005};
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → monotone 0.06.
        const std::vector<double> adjusted = ShadowStats::holm(p);
        const std::vector<double> expected{0.03, 0.06, 0.06, 0.02};
        for (size_t i = 0; i < p.size(); ++i)
            QVERIFY2(std::abs(adjusted[i] - expected[i]) < 1e-12, qPrintable(QString::number(adjusted[i])));
    }

    void medianIntervalCoversTheMedian()
    {
        std::vector<double> v(1001);
        std::iota(v.begin(), v.end(), 0.0);
        const ShadowStats::Interval i = ShadowStats::medianInterval(v, 1.96);
        QVERIFY(i.low < 500 && i.high > 500);
        // Half-width ≈ z·√n/2 ranks = 31.
        QVERIFY(i.high - i.low > 55 && i.high - i.low < 70);
        QCOMPARE(ShadowStats::quantileSorted(v, 0.5), 500.0);
        QCOMPARE(ShadowStats::quantileSorted(v, 0.95), 950.0);
    }

    void reservoirIsBoundedUniformAndDeterministic()
    {
        Reservoir a(1000, 7), b(1000, 7);
        for (int i = 0; i < 100000; ++i) {
            a.add(i);
            b.add(i);
        }
        QCOMPARE(a.seen(), 100000);
        QCOMPARE(int(a.values().size()), 1000);
        QCOMPARE(a.values(), b.values());
        // A uniform sample of 0..99999: mean 49999.5, standard error 28868/√1000 ≈ 913.
        const double mean = std::accumulate(a.values().begin(), a.values().end(), 0.0) / 1000;
        QVERIFY2(std::abs(mean - 49999.5) < 4 * 913, qPrintable(QString::number(mean)));
        const auto late = std::count_if(a.values().begin(), a.values().end(), [](double v) { return v >= 90000; });
        QVERIFY2(late > 60 && late < 140, qPrintable(QString::number(late))); // ~100 expected from the last tenth
    }

    // --- comparisons -------------------------------------------------------------------------

    void recommendation_data()
    {
        QTest::addColumn<Mutation>("candidate");
        QTest::addColumn<int>("executions");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("tool");   // the tool the verdict is about ("" for none)
        QTest::addColumn<QString>("metric"); // "status" for the error rate
        QTest::addColumn<QString>("verdict");

        QTest::newRow("same behaviour, other seed") << none() << 1500 << u"PROMOTE"_s << u""_s << u""_s << u""_s;
        QTest::newRow("fetch_data 15 % slower") << scale("fetch_data", Metric::Latency, 1.15) << 1500 << u"ROLL_BACK"_s
                                                << u"fetch_data"_s << u"latency_ms"_s << u"regression"_s;
        QTest::newRow("process 20 % faster") << scale("process", Metric::Latency, 0.80) << 1500 << u"PROMOTE"_s
                                             << u"process"_s << u"latency_ms"_s << u"improved"_s;
        QTest::newRow("process memory +25 %") << scale("process", Metric::Memory, 1.25) << 1500 << u"ROLL_BACK"_s
                                              << u"process"_s << u"memory_mb"_s << u"regression"_s;
        QTest::newRow("validation 2 pp worse")
            << Mutation([](Record &r, qint64) {
                   if (r.tool == "validate")
                       r.setValue(Metric::Validation, std::max(0.0, r.value(Metric::Validation) - 0.02));
               })
            << 1500 << u"ROLL_BACK"_s << u"validate"_s << u"validation_pass"_s << u"regression"_s;
        QTest::newRow("3 % of fetch_data calls fail")
            << Mutation([](Record &r, qint64 n) {
                   if (r.tool == "fetch_data" && n % 33 == 0) {
                       r.ok = false;
                       r.error = "HTTP 500 Internal Server Error";
                   }
               })
            << 1500 << u"ROLL_BACK"_s << u"fetch_data"_s << u"status"_s << u"regression"_s;
        // One call in five takes the slow path: the median moves ~2 %, the p95 ~60 %.
        QTest::newRow("heavier slow path")
            << Mutation([](Record &r, qint64 n) {
                   if (r.tool == "fetch_data" && n % 5 == 0)
                       r.setValue(Metric::Latency, r.value(Metric::Latency) * 1.75);
               })
            << 1500 << u"ROLL_BACK"_s << u"fetch_data"_s << u"latency_ms"_s << u"regression"_s;
        QTest::newRow("output half the size")
            << scale("fetch_data", Metric::OutputBytes, 0.5) << 1500 << u"PROMOTE"_s << u"fetch_data"_s
            << u"output_bytes"_s << u"changed"_s;
        QTest::newRow("too few executions") << none() << 120 << u"KEEP_SHADOW"_s << u"fetch_data"_s << u"status"_s
                                            << u"insufficient"_s;
    }

    void recommendation()
    {
        QFETCH(Mutation, candidate);
        QFETCH(int, executions);
        QFETCH(QString, expected);
        QFETCH(QString, tool);
        QFETCH(QString, metric);
        QFETCH(QString, verdict);

        ShadowComparator c;
        runShadow(c, 1000, executions, candidate);
        const ShadowComparison r = c.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s);
        QVERIFY2(shadowRecommendationName(r.recommendation) == expected,
                 qPrintable(r.summary() + u'\n' + r.reasons.join(u'\n')));
        QVERIFY(!r.reasons.isEmpty());
        QCOMPARE(int(r.tools.size()), DemoSimulator::ToolCount);
        if (tool.isEmpty()) {
            // Nothing stands out: every tool equivalent.
            for (const ToolComparison &t : r.tools)
                QVERIFY2(t.verdict == ShadowVerdict::Equivalent, qPrintable(t.tool + u": " + t.reasons.join(u"; ")));
            return;
        }
        const ToolComparison *t = r.tool(tool);
        QVERIFY(t);
        if (metric == u"status") {
            QCOMPARE(shadowVerdictName(t->errorVerdict), verdict);
        } else {
            const MetricComparison *m = metricOf(r, tool, metric);
            QVERIFY(m);
            QCOMPARE(shadowVerdictName(m->verdict), verdict);
            QVERIFY(!m->reason.isEmpty());
        }
        if (expected == u"ROLL_BACK") {
            // The reason names the tool, and the other tools are not blamed.
            QVERIFY2(r.reasons.constFirst().startsWith(tool), qPrintable(r.reasons.constFirst()));
            for (const ToolComparison &other : r.tools) {
                if (other.tool != tool)
                    QVERIFY2(other.verdict != ShadowVerdict::Regression, qPrintable(other.tool + u": " + other.reasons.join(u"; ")));
            }
        }
        if (expected == u"KEEP_SHADOW")
            QVERIFY(r.moreExecutionsNeeded >= 200 - executions);
    }

    void regressionNumbersComeFromTheData()
    {
        ShadowComparator c;
        runShadow(c, 1000, 1500, scale("fetch_data", Metric::Latency, 1.15));
        const ShadowComparison r = c.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s);
        const MetricComparison *m = metricOf(r, u"fetch_data"_s, u"latency_ms"_s);
        QVERIFY(m);
        // Baseline N(225, 15) with a 2 % slow path; the candidate's calls are 15 % slower.
        QVERIFY2(std::abs(m->medianBaseline - 226) < 3, qPrintable(QString::number(m->medianBaseline)));
        QVERIFY2(std::abs(m->changePct - 15) < 2, qPrintable(QString::number(m->changePct)));
        QVERIFY(m->effectSize > 0.6); // most candidate calls are slower than most baseline calls
        QVERIFY(m->pAdjusted < 1e-10);
        QCOMPARE(m->nCandidate, 1500);
        QCOMPARE(m->sampleCandidate, 1500);
        QVERIFY(m->nBaseline == 1500 && r.contemporaneous); // baseline calls of the shadow period only
    }

    void baselineIsComparedOverTheSharedPeriod()
    {
        // Everything got 15 % slower during the shadow period, candidate and baseline alike (say the
        // external API): the mutation is not to blame, and only the shared period shows it.
        ShadowComparator c;
        runShadow(c, 2000, 1500, scale("fetch_data", Metric::Latency, 1.15), scale("fetch_data", Metric::Latency, 1.15));
        const ShadowComparison shared = c.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s);
        QVERIFY(shared.contemporaneous);
        QCOMPARE(shadowRecommendationName(shared.recommendation), u"PROMOTE"_s);

        // The same candidate against a baseline that did not run beside it reads as a regression,
        // and the comparison says why it may mislead.
        ShadowComparator sequential;
        DemoSimulator base(1);
        base.setRatePerDay(2000);
        std::vector<Record> batch;
        for (int i = 0; i < 3000; ++i) {
            base.nextExecution(batch);
            for (const Record &r : batch)
                sequential.add(r);
        }
        DemoSimulator cand(1001, base.simulatedTimeMs());
        cand.setRatePerDay(2000);
        for (int i = 0; i < 1500; ++i) {
            cand.nextExecution(batch);
            for (Record r : batch) {
                r.version = "1.1.0";
                if (r.tool == "fetch_data")
                    r.setValue(Metric::Latency, r.value(Metric::Latency) * 1.15);
                sequential.add(r);
            }
        }
        const ShadowComparison apart = sequential.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s);
        QVERIFY(!apart.contemporaneous);
        QCOMPARE(shadowRecommendationName(apart.recommendation), u"ROLL_BACK"_s);
        QVERIFY2(apart.reasons.constLast().contains(u"does not overlap"_s), qPrintable(apart.reasons.constLast()));
    }

    void moreExecutionsEstimateIsEnough()
    {
        // 120 executions: short of the 200 minimum and of the ~540 clean calls that bound the error
        // rate within 0.5 pp. Running the estimated number more settles it.
        ShadowComparator c;
        runShadow(c, 1000, 120, none());
        const ShadowComparison first = c.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s);
        QCOMPARE(first.recommendation, ShadowRecommendation::KeepShadow);
        QVERIFY2(first.moreExecutionsNeeded >= 380 && first.moreExecutionsNeeded < 600,
                 qPrintable(QString::number(first.moreExecutionsNeeded)));
        QVERIFY(first.reasons.constFirst().contains(QString::number(first.moreExecutionsNeeded)));

        ShadowComparator again;
        runShadow(again, 1000, 120 + int(first.moreExecutionsNeeded), none());
        const ShadowComparison second = again.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s);
        QVERIFY2(second.recommendation == ShadowRecommendation::Promote, qPrintable(second.reasons.join(u'\n')));
    }

    void toolsOnOneSideAreListed()
    {
        ShadowComparator c;
        runShadow(c, 500, 800, [](Record &r, qint64) {
            if (r.tool == "send_results")
                r.tool = "sanitize_input"; // the candidate replaced a step
        });
        const ShadowComparison r = c.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s);
        const ToolComparison *added = r.tool(u"sanitize_input"_s);
        const ToolComparison *gone = r.tool(u"send_results"_s);
        QVERIFY(added && added->onlyCandidate && added->callsCandidate == 800);
        QVERIFY(gone && gone->onlyBaseline);
        QVERIFY(r.reasons.join(u'\n').contains(u"sanitize_input: new in 1.1.0"_s));
        QVERIFY(r.reasons.join(u'\n').contains(u"send_results: not called by 1.1.0"_s));
    }

    void unknownVersionsKeepShadow()
    {
        ShadowComparator c;
        runShadow(c, 300, 0, none());
        const ShadowComparison r = c.compare(Workflow, u"1.0.0"_s, u"2.0.0"_s);
        QCOMPARE(r.recommendation, ShadowRecommendation::KeepShadow);
        QVERIFY(r.reasons.join(u'\n').contains(u"no records of process_customer_order 2.0.0"_s));
        QVERIFY(!c.defaultPair(Workflow, nullptr, nullptr));
    }

    void defaultPairIsNewestAgainstBusiest()
    {
        ShadowComparator c;
        runShadow(c, 600, 300, none());
        QString baseline, candidate;
        QVERIFY(c.defaultPair(Workflow, &baseline, &candidate));
        QCOMPARE(baseline, u"1.0.0"_s);
        QCOMPARE(candidate, u"1.1.0"_s);
        const auto versions = c.versions(Workflow);
        QCOMPARE(int(versions.size()), 2);
        QCOMPARE(versions[0].records, qint64(900 * DemoSimulator::ToolCount));
    }

    void jsonCarriesTheContract()
    {
        ShadowComparator c;
        runShadow(c, 500, 800, scale("fetch_data", Metric::Latency, 1.2));
        const QJsonObject o = c.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s).toJson();
        for (const char *key : {"workflow", "baseline", "candidate", "recommendation", "reasons", "tools"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(u"recommendation").toString(), u"ROLL_BACK"_s);
        const QJsonObject tool = o.value(u"tools").toArray().at(0).toObject();
        QCOMPARE(tool.value(u"tool").toString(), u"fetch_data"_s);
        for (const char *key : {"metrics", "error_rate_baseline", "error_rate_candidate", "n_baseline", "n_candidate"})
            QVERIFY2(tool.contains(QLatin1String(key)), key);
        const QJsonObject metric = tool.value(u"metrics").toArray().at(0).toObject();
        for (const char *key : {"metric", "n_baseline", "n_candidate", "median_baseline", "median_candidate", "change_pct",
                                "p_value", "effect_size", "verdict"})
            QVERIFY2(metric.contains(QLatin1String(key)), key);
        QCOMPARE(metric.value(u"metric").toString(), u"latency_ms"_s);
        QCOMPARE(metric.value(u"verdict").toString(), u"regression"_s);
    }

    void samplesStayBounded()
    {
        ShadowConfig config;
        config.reservoirSize = 500;
        ShadowComparator c(config);
        runShadow(c, 3000, 2000, none());
        const ShadowComparison r = c.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s);
        const MetricComparison *m = metricOf(r, u"fetch_data"_s, u"latency_ms"_s);
        QVERIFY(m);
        QCOMPARE(m->sampleBaseline, 500);
        QCOMPARE(m->sampleCandidate, 500);
        QCOMPARE(m->nCandidate, 2000);
    }
};

QTEST_GUILESS_MAIN(TestShadowComparison)
#include "tst_shadowcomparison.moc"
