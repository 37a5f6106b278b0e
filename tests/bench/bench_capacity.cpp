// Capacity what-if timings: the instant (fluid) answer must stay within 50 ms so it can follow
// a slider; the discrete-event simulation runs in the background and is measured for scale.
#include "capacity/capacityreport.h"
#include "capacity/capacitysimulation.h"
#include "capacity/capacitysolver.h"
#include "capacity/fluidmodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Apprentice;

namespace {

struct Timing {
    double best = 0, median = 0, cpuBest = 0;
};

/// Wall time (best and median) and CPU time (best): on a shared machine the CPU figure is
/// what the code costs, the wall figure what an operator waits.
Timing measure(int runs, const std::function<void()> &f)
{
    std::vector<double> ms, cpu;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        const std::clock_t c0 = std::clock();
        t.start();
        f();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        cpu.push_back(1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC);
    }
    std::sort(ms.begin(), ms.end());
    return {ms.front(), ms[ms.size() / 2], *std::min_element(cpu.begin(), cpu.end())};
}

CapacityScenario plan()
{
    CapacityScenario s = CapacityScenario::blackFriday();
    s.change(ChangeKind::ConnectionsPerInstance).enabled = true;
    s.change(ChangeKind::ConnectionsPerInstance).value = 1;
    s.change(ChangeKind::Cache).enabled = true;
    s.change(ChangeKind::DbPool).enabled = true;
    s.change(ChangeKind::DbPool).value = 110;
    s.change(ChangeKind::Instances).value = 102;
    return s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const CapacityScenario seed = CapacityScenario::blackFriday();
    const CapacityScenario holding = plan();
    std::printf("%-58s %10s %10s %10s\n", "case", "best ms", "median ms", "CPU ms");
    auto row = [](const char *name, Timing t) {
        std::printf("%-58s %10.2f %10.2f %10.2f\n", name, t.best, t.median, t.cpuBest);
    };

    row("fluid model, seed as loaded (72 h, overload)", measure(30, [&] { runFluidModel(seed.effective()); }));
    row("fluid model, holding plan (72 h)", measure(30, [&] { runFluidModel(holding.effective()); }));
    CapacityScenario week = holding;
    week.traffic.horizonHours = 168;
    row("fluid model, holding plan (168 h)", measure(20, [&] { runFluidModel(week.effective()); }));
    row("instant answer (analysis, findings, claims, costs, fluid)", measure(30, [&] { CapacityReport::compute(seed); }));
    row("solver, seed scenario", measure(5, [&] { solveCapacity(seed); }));

    for (const auto &[name, scenario] : {std::pair{"simulation, seed as loaded (72 h + drain)", seed.effective()},
                                         std::pair{"simulation, holding plan (72 h)", holding.effective()}}) {
        SimulationResult last;
        const Timing t = measure(3, [&] { last = runCapacitySimulation(scenario); });
        row(name, t);
        std::printf("    %lld orders, %.0f simulated hours, %.2f M orders/s wall\n", last.orders, last.simulatedHours,
                    double(last.orders) / (t.median / 1000) / 1e6);
    }
    return 0;
}
