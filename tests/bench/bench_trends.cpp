// Ingest rate of TrendTracker (it sits on the import path) and the cost of one analysis.
#include "simulator/demosimulator.h"
#include "trends/trendtracker.h"

#include <QElapsedTimer>

#include <cstdio>
#include <vector>

using namespace Apprentice;

int main()
{
    // 30 simulated days at 50,000 executions a day (the seed's volume): 6 M records.
    DemoSimulator sim(1);
    sim.schedule(Situation::SlowCreep, 300);
    std::vector<std::vector<Record>> executions;
    std::vector<Record> recs;
    while (sim.nextArrivalMs() < DemoSimulator::DefaultStartMs + 30 * DemoSimulator::DayMs) {
        sim.nextExecution(recs);
        executions.push_back(recs);
    }
    TrendTracker tracker;
    std::vector<CustomMetricView> scratch;
    qint64 records = 0;
    QElapsedTimer t;
    t.start();
    for (const auto &e : executions) {
        for (const Record &r : e) {
            tracker.onRecord(r.view(scratch));
            ++records;
        }
    }
    const double s = double(t.nsecsElapsed()) / 1e9;
    std::printf("TrendTracker::onRecord: %lld records in %.3f s = %.2f M records/s\n",
                static_cast<long long>(records), s, double(records) / s / 1e6);
    t.restart();
    const auto results = tracker.analyze(tracker.latestMs());
    std::printf("analyze: %zu series in %.2f ms\n", results.size(), double(t.nsecsElapsed()) / 1e6);
    for (const TrendResult &r : results) {
        if (r.significant)
            std::printf("  [%s] %s\n", qPrintable(trendSeverityName(r.severity)), qPrintable(r.summary()));
    }
    return 0;
}
