#include "capacity/capacitysimulation.h"
#include "capacity/fluidmodel.h"
#include "capacity/queueing.h"

#include <QtTest>

#include <cmath>

using namespace Apprentice;
using namespace Qt::StringLiterals;

/// The seeded discrete-event simulation against queueing theory, Little's law and the fluid model.
class TestCapacitySimulation : public QObject
{
    Q_OBJECT

private:
    static CapacityScenario flat(int instances, double demand, double hours)
    {
        CapacityScenario s;
        s.instances = instances;
        s.perInstanceOrdersPerHour = 500;
        s.connectionsPerInstance = 1;
        s.dbPoolMax = 100000;
        s.readsPerOrder = s.writesPerOrder = 0;
        s.sloLatencyMs = 30000;
        s.traffic.enabled = true;
        s.traffic.baselineOrdersPerHour = demand;
        s.traffic.peakMultiplier = 1;
        s.traffic.horizonHours = hours;
        for (int k = 0; k < ChangeKindCount; ++k)
            s.change(ChangeKind(k));
        return s;
    }

private slots:
    void stationaryMMcMatchesErlangC_data()
    {
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("rho");
        QTest::newRow("20 servers at 0.8") << 20 << 0.8;
        QTest::newRow("4 servers at 0.9") << 4 << 0.9;
    }
    void stationaryMMcMatchesErlangC()
    {
        QFETCH(int, servers);
        QFETCH(double, rho);
        const double demand = rho * servers * 500;
        const CapacityScenario s = flat(servers, demand, 400);
        SimulationOptions o;
        o.seed = 11;
        const SimulationResult r = runCapacitySimulation(s, o);
        QCOMPARE(r.status, SimulationResult::Status::Finished);
        const Queueing::MMc q{servers, rho * servers, 7200.0};
        // Skip the first hours (the queue starts empty); pool the rest.
        double sum = 0, n = 0, late = 0;
        for (size_t h = 10; h < r.hours.size(); ++h) {
            sum += r.hours[h].meanLatencyMs * r.hours[h].arrivals;
            n += r.hours[h].arrivals;
            late += r.hours[h].delayed;
        }
        const double mean = sum / n;
        // 400 h of M/M/c: the standard error of the mean sojourn is well under 2 %.
        QVERIFY2(std::abs(mean - q.meanSojourn()) < 0.03 * q.meanSojourn(),
                 qPrintable(u"simulated %1 ms, Erlang C %2 ms"_s.arg(mean).arg(q.meanSojourn())));
        const double lateShare = late / n;
        QVERIFY2(std::abs(lateShare - q.sojournTail(30000)) < 0.01,
                 qPrintable(u"late %1, theory %2"_s.arg(lateShare).arg(q.sojournTail(30000))));
    }

    void littlesLawOnTheSamplePath()
    {
        // L (time average of N(t)) and λ·W (orders' own timestamps) are measured independently.
        CapacityScenario s = CapacityScenario::blackFriday();
        for (CapacityChange &c : s.changes)
            c.enabled = false;
        s.instances = 14;
        s.traffic.horizonHours = 24;
        s.traffic.peakMultiplier = 1.3; // a short overload, then a drain
        s.traffic.peakHours = 3;
        const SimulationResult r = runCapacitySimulation(s.effective());
        QCOMPARE(r.unfinished, qint64(0));
        const double lw = r.arrivalRatePerHour * r.meanSojournHours;
        QVERIFY2(std::abs(r.timeAverageInSystem - lw) < 1e-9 * lw,
                 qPrintable(u"L %1 vs λW %2"_s.arg(r.timeAverageInSystem).arg(lw)));
        // And the measured W agrees with the hourly latencies.
        double sum = 0, n = 0;
        for (const SimulationHour &h : r.hours) {
            sum += h.meanLatencyMs * h.arrivals;
            n += h.arrivals;
        }
        QCOMPARE(qint64(n), r.orders);
        QVERIFY(std::abs(sum / n - r.meanSojournHours * 3.6e6) < 0.01 * sum / n + s.cacheMs * s.readsPerOrder);
    }

    void overloadBacklogAgreesWithFluid()
    {
        // 12,000/h into a 10,000/h fleet for 5 h: both models grow the backlog by 2,000/h.
        CapacityScenario s = flat(20, 5000, 12);
        s.traffic.rampStartHours = 2;
        s.traffic.rampHours = 0;
        s.traffic.peakMultiplier = 2.4;
        s.traffic.peakHours = 5;
        s.traffic.decayHours = 0;
        SimulationOptions o;
        o.seed = 5;
        const SimulationResult des = runCapacitySimulation(s, o);
        const FluidRun fluid = runFluidModel(s);
        for (int h : {3, 4, 5, 6}) {
            const double d = des.hours[size_t(h)].backlog, f = fluid.hours[size_t(h)].backlog;
            // Poisson noise on ~ (h−1)·12,000 arrivals: a few hundred orders.
            QVERIFY2(std::abs(d - f) < 0.08 * f + 300, qPrintable(u"hour %1: DES %2 fluid %3"_s.arg(h).arg(d).arg(f)));
            QVERIFY(std::abs(des.hours[size_t(h)].served - 10000) < 300);
        }
    }

    void seedPlanFluidAgreesWithSimulation()
    {
        // The seed's curve on a fleet that holds it: hour by hour, the two models agree within the
        // stated tolerance (served 3 %, p95 10 %: DDSketch 1 % plus sampling noise of ~50k orders).
        CapacityScenario s = CapacityScenario::blackFriday();
        s.change(ChangeKind::ConnectionsPerInstance).enabled = true;
        s.change(ChangeKind::ConnectionsPerInstance).value = 1;
        s.change(ChangeKind::Cache).enabled = true;
        s.change(ChangeKind::DbPool).enabled = true;
        s.change(ChangeKind::Instances).value = 106;
        s.traffic.horizonHours = 40;
        const CapacityScenario e = s.effective();
        const FluidRun fluid = runFluidModel(e);
        const SimulationResult des = runCapacitySimulation(e);
        for (size_t h = 1; h < fluid.hours.size(); ++h) {
            const FluidHour &f = fluid.hours[h];
            const SimulationHour &d = des.hours[h];
            QVERIFY2(std::abs(d.served - f.served) < 0.03 * f.served + 3 * std::sqrt(f.served),
                     qPrintable(u"hour %1 served: DES %2 fluid %3"_s.arg(h).arg(d.served).arg(f.served)));
            QVERIFY2(std::abs(d.p95LatencyMs - f.p95LatencyMs) < 0.10 * f.p95LatencyMs,
                     qPrintable(u"hour %1 p95: DES %2 fluid %3"_s.arg(h).arg(d.p95LatencyMs).arg(f.p95LatencyMs)));
        }
    }

    void seededAndDeterministic()
    {
        const CapacityScenario s = flat(10, 4000, 6);
        SimulationOptions a;
        a.seed = 42;
        const SimulationResult r1 = runCapacitySimulation(s, a);
        const SimulationResult r2 = runCapacitySimulation(s, a);
        QCOMPARE(r1.orders, r2.orders);
        QCOMPARE(r1.meanLatencyMs, r2.meanLatencyMs);
        a.seed = 43;
        const SimulationResult r3 = runCapacitySimulation(s, a);
        QVERIFY(r3.orders != r1.orders || r3.meanLatencyMs != r1.meanLatencyMs);
    }

    void cancellationIsAnOutcome()
    {
        const CapacityScenario s = flat(10, 4000, 48);
        int calls = 0;
        double last = -1;
        bool monotone = true;
        const SimulationResult r = runCapacitySimulation(s, {}, [&](double f) {
            monotone = monotone && f >= last;
            last = f;
            return ++calls < 20;
        });
        QCOMPARE(r.status, SimulationResult::Status::Cancelled);
        QCOMPARE(calls, 20);
        QVERIFY(monotone);
        QVERIFY(last > 0 && last < 0.2);
    }
};

QTEST_GUILESS_MAIN(TestCapacitySimulation)
#include "tst_capacitysimulation.moc"
