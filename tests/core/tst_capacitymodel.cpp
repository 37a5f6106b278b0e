#include "capacity/capacitychecks.h"
#include "capacity/capacitymodel.h"
#include "capacity/capacitynetwork.h"
#include "capacity/fluidmodel.h"
#include "capacity/latencymix.h"
#include "capacity/queueing.h"

#include <QtTest>

#include <cmath>

using namespace Apprentice;
using namespace Qt::StringLiterals;

/// Queueing primitives against textbook values, and the static what-if against the seed's numbers.
class TestCapacityModel : public QObject
{
    Q_OBJECT

private:
    /// Erlang C straight from its definition (the sum over states), independent of the recurrence.
    static double erlangCBySum(int c, double a)
    {
        double term = 1, sum = 0;
        for (int k = 0; k < c; ++k) {
            sum += term;
            term *= a / (k + 1); // term = a^(k+1)/(k+1)!
        }
        const double top = term * c / (c - a);
        return top / (sum + top);
    }

    /// An app-only scenario: no database work, a pool that never binds.
    static CapacityScenario appOnly(int instances, double perInstance)
    {
        CapacityScenario s;
        s.instances = instances;
        s.perInstanceOrdersPerHour = perInstance;
        s.connectionsPerInstance = 1;
        s.dbPoolMax = 100000;
        s.readsPerOrder = s.writesPerOrder = 0;
        s.sloLatencyMs = 1e9;
        s.traffic.enabled = false;
        for (int k = 0; k < ChangeKindCount; ++k)
            s.change(ChangeKind(k));
        return s;
    }

private slots:
    void erlangCTextbook_data()
    {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("offered");
        QTest::addColumn<double>("expected");
        // M/M/1: P(wait) = ρ.
        QTest::newRow("M/M/1 rho 0.5") << 1 << 0.5 << 0.5;
        QTest::newRow("M/M/1 rho 0.9") << 1 << 0.9 << 0.9;
        // M/M/2: P(wait) = 2ρ² / (1 + ρ) (Kleinrock, Queueing Systems I, §3.5).
        QTest::newRow("M/M/2 rho 0.5") << 2 << 1.0 << 2 * 0.25 / 1.5;
        QTest::newRow("M/M/2 rho 0.8") << 2 << 1.6 << 2 * 0.64 / 1.8;
        // ErlangC[3, 2] = 4/9 (Wolfram Language documentation).
        QTest::newRow("M/M/3 a 2") << 3 << 2.0 << 4.0 / 9.0;
        // Call-centre textbook case: 360 calls per 30 min of 4 min = 48 Erlangs on 55 servers → 0.2387.
        QTest::newRow("48 Erlangs 55 servers") << 55 << 48.0 << 0.2387;
        QTest::newRow("8 Erlangs 10 servers") << 10 << 8.0 << 0.4092;
    }
    void erlangCTextbook()
    {
        QFETCH(int, servers);
        QFETCH(double, offered);
        QFETCH(double, expected);
        const double c = Queueing::erlangC(servers, offered);
        QVERIFY2(std::abs(c - expected) < 5e-4, qPrintable(u"C(%1, %2) = %3, want %4"_s.arg(servers).arg(offered).arg(c).arg(expected)));
    }

    void erlangCMatchesItsDefinition()
    {
        for (int c : {1, 3, 7, 20, 60, 150}) {
            for (double rho : {0.1, 0.5, 0.8, 0.95, 0.99}) {
                const double a = rho * c;
                const double want = erlangCBySum(c, a);
                QVERIFY2(std::abs(Queueing::erlangC(c, a) - want) < 1e-9 * std::max(1.0, want),
                         qPrintable(u"c=%1 rho=%2"_s.arg(c).arg(rho)));
            }
        }
        // Large fleets, against the definition summed in log space (a^k/k! overflows a double).
        for (int c : {500, 2000, 20000}) {
            for (double rho : {0.5, 0.9, 0.99}) {
                const double a = rho * c;
                std::vector<double> logTerm(size_t(c) + 1);
                double lf = 0;
                for (int k = 0; k <= c; ++k) {
                    if (k > 0)
                        lf += std::log(double(k));
                    logTerm[size_t(k)] = k * std::log(a) - lf;
                }
                const double top = logTerm[size_t(c)] + std::log(c / (c - a));
                const double peak = std::max(top, *std::max_element(logTerm.begin(), logTerm.end() - 1));
                double sum = 0;
                for (int k = 0; k < c; ++k)
                    sum += std::exp(logTerm[size_t(k)] - peak);
                const double want = std::exp(top - peak) / (sum + std::exp(top - peak));
                QVERIFY2(std::abs(Queueing::erlangC(c, a) - want) < 1e-9 * std::max(1e-3, want),
                         qPrintable(u"c=%1 rho=%2: %3 vs %4"_s.arg(c).arg(rho).arg(Queueing::erlangC(c, a)).arg(want)));
            }
        }
        QCOMPARE(Queueing::erlangC(4, 4.0), 1.0); // unstable: everybody waits
        QCOMPARE(Queueing::erlangC(4, 0.0), 0.0);
    }

    void callCentreServiceLevel()
    {
        // Same example: average speed of answer C·h/(c − a) = 8.2 s, 84.6 % answered within 15 s.
        const Queueing::MMc q{55, 48.0, 240.0};
        QVERIFY(std::abs(q.meanWait() - 8.18) < 0.01);
        QVERIFY(std::abs((1.0 - q.waitTail(15.0)) - 0.8459) < 5e-4);
    }

    void littlesLawInMMc_data()
    {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("rho");
        QTest::newRow("1 server 0.7") << 1 << 0.7;
        QTest::newRow("5 servers 0.9") << 5 << 0.9;
        QTest::newRow("100 servers 0.97") << 100 << 0.97;
    }
    void littlesLawInMMc()
    {
        QFETCH(int, servers);
        QFETCH(double, rho);
        const double s = 2.0; // any time unit
        const Queueing::MMc q{servers, rho * servers, s};
        const double lambda = rho * servers / s;
        QVERIFY(std::abs(q.meanQueue() - lambda * q.meanWait()) < 1e-9 * q.meanQueue() + 1e-12);
        QVERIFY(std::abs(q.meanInSystem() - lambda * q.meanSojourn()) < 1e-9 * q.meanInSystem());
        // And the M/M/1 closed forms: L = ρ/(1 − ρ), W = S/(1 − ρ).
        if (servers == 1) {
            QVERIFY(std::abs(q.meanInSystem() - rho / (1 - rho)) < 1e-12);
            QVERIFY(std::abs(q.meanSojourn() - s / (1 - rho)) < 1e-12);
        }
    }

    void latencyMixQuantiles()
    {
        // Two i.i.d. exponentials sum to an Erlang-2: P(T > t) = (1 + t/m)·e^(−t/m),
        // whose 95th percentile is 4.7439 m.
        LatencyMix erlang2;
        erlang2.addExponential(100);
        erlang2.addExponential(100);
        QVERIFY(std::abs(erlang2.quantile(0.95) - 474.39) < 0.005 * 474.39);
        QVERIFY(std::abs(erlang2.tail(474.39) - 0.05) < 0.002);
        // A shift moves every quantile by itself.
        LatencyMix shifted = erlang2;
        shifted.addShift(1000);
        QVERIFY(std::abs(shifted.quantile(0.95) - erlang2.quantile(0.95) - 1000) < 1e-9);
        // A lognormal fitted to (p50, p95) gives them back.
        LatencyMix ln;
        ln.addLognormal(300, 900);
        QVERIFY(std::abs(ln.quantile(0.5) - 300) < 1e-6);
        QVERIFY(std::abs(ln.quantile(0.95) - 900) < 1e-6);
        // Exponential mean m: p95 = m·ln 20.
        LatencyMix e;
        e.addExponential(7200);
        QVERIFY(std::abs(e.quantile(0.95) - 7200 * std::log(20.0)) < 1e-6);
    }

    void mmcSojournPercentiles_data()
    {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("rho");
        QTest::newRow("1 x 0.5") << 1 << 0.5;
        QTest::newRow("4 x 0.8") << 4 << 0.8;
        QTest::newRow("16 x 0.95") << 16 << 0.95;
        QTest::newRow("100 x 0.97") << 100 << 0.97;
    }
    void mmcSojournPercentiles()
    {
        QFETCH(int, servers);
        QFETCH(double, rho);
        // The grid convolution of wait and service against the closed-form M/M/c sojourn tail.
        const Queueing::MMc q{servers, rho * servers, 1000.0};
        LatencyMix m;
        m.addWait(q.probWait(), q.meanWait() / q.probWait());
        m.addExponential(1000);
        const double exact = q.sojournQuantile(0.95);
        QVERIFY2(std::abs(m.quantile(0.95) - exact) < 0.005 * exact,
                 qPrintable(u"mix %1 exact %2"_s.arg(m.quantile(0.95)).arg(exact)));
        QVERIFY(std::abs(m.tail(exact) - 0.05) < 0.002);
    }

    void staticLatencyIsMMc()
    {
        // An app-only scenario is one M/M/c: the model must reproduce Erlang C exactly.
        const CapacityScenario s = appOnly(20, 500);
        const double demand = 8000; // ρ = 0.8 on 20 servers of 500/h
        const CapacityAnalysis a = analyzeCapacity(s, demand);
        const Queueing::MMc q{20, 16.0, 7200.0};
        QCOMPARE(a.maxThroughputPerHour, 10000.0);
        QCOMPARE(a.bottleneck, u"app"_s);
        QVERIFY(a.stable);
        QVERIFY(std::abs(a.meanLatencyMs - q.meanSojourn()) < 1e-6 * q.meanSojourn());
        QVERIFY(std::abs(a.p95LatencyMs - q.sojournQuantile(0.95)) < 0.005 * q.sojournQuantile(0.95));
        QVERIFY(std::abs(a.resource(u"app"_s)->utilisation - 0.8) < 1e-12);
    }

    void seedScenarioNumbers()
    {
        const CapacityScenario seed = CapacityScenario::blackFriday();
        QCOMPARE(seed.instances, 10);
        QCOMPARE(seed.connectionsPerInstance, 6);
        QCOMPARE(seed.dbPoolMax, 100);
        // Today: 10 × 6 = 60 of 100 connections; the pool fits ⌊100/6⌋ = 16 instances, not 60.
        CapacityScenario today = seed;
        for (CapacityChange &c : today.changes)
            c.enabled = false;
        const CapacityAnalysis now = analyzeCapacity(today.effective(), 5000);
        QCOMPARE(now.connectionsNeeded, 60);
        QCOMPARE(now.instancesMax, 16);
        QCOMPARE(now.maxThroughputPerHour, 5000.0); // 10 × 500
        QCOMPARE(now.resource(u"db_pool"_s)->utilisation, 0.6);

        // As loaded (the naive ×10: 100 instances): 600 connections, 16 connect, 16 × 500 = 8,000/h.
        const CapacityScenario naive = seed.effective();
        const CapacityAnalysis a = analyzeCapacity(naive, 50000);
        QCOMPARE(a.instancesRequested, 100);
        QCOMPARE(a.connectionsNeeded, 600);
        QCOMPARE(a.instancesUsable, 16);
        QCOMPARE(a.maxThroughputPerHour, 8000.0);
        QCOMPARE(a.bottleneck, u"db_pool"_s);
        QVERIFY(!a.meetsThroughput());
        QVERIFY(!std::isfinite(a.p95LatencyMs));

        // The seed's plan (2 connections, 10 replicas, 90 % cache): still 200 connections on a pool
        // of 100, so ⌊100/2⌋ = 50 instances → 25,000/h, half the target.
        CapacityScenario plan = seed;
        for (ChangeKind k : {ChangeKind::ConnectionsPerInstance, ChangeKind::ReadReplicas, ChangeKind::Cache})
            plan.change(k).enabled = true;
        const CapacityAnalysis p = analyzeCapacity(plan.effective(), 50000);
        QCOMPARE(p.connectionsNeeded, 200);
        QCOMPARE(p.instancesMax, 50);
        QCOMPARE(p.maxThroughputPerHour, 25000.0);
        QCOMPARE(p.bottleneck, u"db_pool"_s);
    }

    void seedClaimsAreChecked()
    {
        const std::vector<ClaimCheck> claims = checkClaims(CapacityScenario::blackFriday());
        QCOMPARE(claims.size(), size_t(7));
        // Arithmetic the seed gets right.
        QVERIFY(claims[0].holds); // 10 × 6 = 60
        QVERIFY(claims[1].holds); // 100 × 6 = 600
        QVERIFY(claims[3].holds); // 100 × 2 = 200
        // And what it gets wrong.
        QCOMPARE(claims[2].actual, 16.0); // "limits to 60 instances": ⌊100/6⌋ = 16
        QVERIFY(!claims[2].holds);
        QCOMPARE(claims[4].actual, 2.0);  // 200 connections on a pool of 100
        QVERIFY(!claims[4].holds);
        QCOMPARE(claims[5].actual, 25000.0);
        QVERIFY(!claims[5].holds);
        // Primary load: writes cannot be cached; 4 × 50,000 against 24 × 5,000 queries/h = 5/3.
        QVERIFY(std::abs(claims[6].actual - 5.0 / 3.0) < 1e-12);
        QVERIFY(!claims[6].holds);
    }

    void utilisationLaw()
    {
        // U = X·D for every station: demand × service time / servers.
        CapacityScenario s = CapacityScenario::blackFriday();
        for (CapacityChange &c : s.changes)
            c.enabled = false;
        s.instances = 12;
        const CapacityNetwork net = CapacityNetwork::build(s);
        const CapacityAnalysis a = analyzeCapacity(s, 3000);
        for (const CapacityStation &st : net.stations) {
            const double want = 3000.0 * st.serviceMs / 3.6e6 / (double(st.servers) * st.copies);
            QVERIFY2(std::abs(a.resource(st.id)->utilisation - want) < 1e-12, qPrintable(st.id));
        }
        // The primary: 24 queries per order at 300 queries/s → 45,000 orders/h.
        QVERIFY(std::abs(a.resource(u"db_primary"_s)->capacityPerHour - 45000) < 1e-6);
    }

    void instancesNeededForSloIsTheSmallest()
    {
        const CapacityScenario s = appOnly(1, 500);
        CapacityScenario withSlo = s;
        withSlo.sloLatencyMs = 30000;
        const int n = instancesNeededForSlo(withSlo, 50000);
        QVERIFY(n > 100); // 100 × 500 is exactly the demand: unstable
        withSlo.instances = n;
        QVERIFY(analyzeCapacity(withSlo, 50000).meetsSlo(30000));
        withSlo.instances = n - 1;
        QVERIFY(!analyzeCapacity(withSlo, 50000).meetsSlo(30000));
    }

    void trafficCurveIntegral()
    {
        TrafficCurve c;
        c.baselineOrdersPerHour = 1000;
        c.rampStartHours = 2;
        c.rampHours = 3;
        c.peakMultiplier = 4;
        c.peakHours = 5;
        c.decayHours = 2;
        c.horizonHours = 24;
        QCOMPARE(c.demandAt(1), 1000.0);
        QCOMPARE(c.demandAt(3.5), 2500.0); // half-way up the ramp
        QCOMPARE(c.demandAt(7), 4000.0);
        QVERIFY(std::abs(c.demandAt(12) - (1000 + 3000 * std::exp(-1.0))) < 1e-9); // one time constant
        // The exact integral against a fine midpoint sum.
        for (auto [from, to] : {std::pair{0.0, 24.0}, {2.5, 3.0}, {9.0, 11.5}}) {
            double sum = 0;
            const int n = 200000;
            for (int i = 0; i < n; ++i)
                sum += c.demandAt(from + (i + 0.5) * (to - from) / n) * (to - from) / n;
            QVERIFY2(std::abs(c.ordersBetween(from, to) - sum) < 1e-6 * sum, qPrintable(u"%1..%2"_s.arg(from).arg(to)));
        }
    }

    void fluidSteadyStateIsErlangC()
    {
        CapacityScenario s = appOnly(20, 500);
        s.traffic.enabled = true;
        s.traffic.baselineOrdersPerHour = 8000;
        s.traffic.peakMultiplier = 1;
        s.traffic.horizonHours = 12;
        const FluidRun run = runFluidModel(s);
        const Queueing::MMc q{20, 16.0, 7200.0};
        const FluidHour &h = run.hours.back();
        // Little: the fluid's content is λ·W of the stationary queue.
        QVERIFY2(std::abs(h.inSystem - q.meanInSystem()) < 0.01 * q.meanInSystem(),
                 qPrintable(u"fluid %1, Erlang C %2"_s.arg(h.inSystem).arg(q.meanInSystem())));
        QVERIFY(std::abs(h.meanLatencyMs - q.meanSojourn()) < 0.01 * q.meanSojourn());
        QVERIFY(std::abs(h.p95LatencyMs - q.sojournQuantile(0.95)) < 0.01 * q.sojournQuantile(0.95));
        QVERIFY(std::abs(h.served - 8000) < 1);
    }

    void fluidOverloadGrowsAtTheExcess()
    {
        // 12,000/h into 10,000/h: the backlog grows 2,000 orders an hour and drains at the spare rate.
        CapacityScenario s = appOnly(20, 500);
        s.traffic.enabled = true;
        s.traffic.baselineOrdersPerHour = 5000;
        s.traffic.rampStartHours = 2;
        s.traffic.rampHours = 0;
        s.traffic.peakMultiplier = 2.4;
        s.traffic.peakHours = 5;
        s.traffic.decayHours = 0;
        s.traffic.horizonHours = 12;
        const FluidRun run = runFluidModel(s);
        const double growth = run.hours[6].backlog - run.hours[3].backlog;
        QVERIFY2(std::abs(growth - 3 * 2000) < 0.02 * 6000, qPrintable(QString::number(growth)));
        QVERIFY(std::abs(run.hours[5].served - 10000) < 50);
        // After the peak 5,000/h spare capacity drains ~10,000 orders in about two hours.
        QVERIFY(run.hours[8].backlog < run.hours[6].backlog);
        QVERIFY(run.hours[11].backlog < 50);
        // Orders stuck behind the backlog wait about backlog / capacity.
        const double waitMs = run.hours[6].backlog / 10000.0 * 3.6e6;
        QVERIFY(run.hours[6].meanLatencyMs > 0.8 * waitMs);
    }
};

QTEST_GUILESS_MAIN(TestCapacityModel)
#include "tst_capacitymodel.moc"
