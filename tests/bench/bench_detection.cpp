// Labelled detection benchmark: false drifts on stationary streams and detection delay per change.
// Usage: bench_detection [runs-per-case] [stationary-executions]
#include "engine.h"
#include "streams.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>

using namespace Apprentice;
using namespace Streams;

namespace {

struct RunResult {
    qint64 monitoredRecords = 0; // records of graduated workflows, where drift detection runs
    int falseDrifts = 0;
    int anomalies = 0;
    int delay = -1;              // affected calls until detection (−1: missed)
};

RunResult runOnce(Family family, Change change, std::uint64_t seed, int warmup, int tail)
{
    Engine engine;
    constexpr int Workflows = 3;
    std::vector<WorkflowStream> streams;
    for (int w = 0; w < Workflows; ++w)
        streams.emplace_back("wf" + std::to_string(w), family, seed * 7919 + std::uint64_t(w));
    const int changedWf = 1;
    const int changedTool = change == Change::Validation93 ? 2 : 0;
    const QString changedWorkflow = QStringLiteral("wf1");
    const QString changedToolName = QString::fromStdString(streams[changedWf].toolName(changedTool));

    RunResult result;
    bool changeOn = false;
    int affected = 0;
    std::map<QString, bool> graduated;
    engine.setEventHandler([&](const Event &e) {
        if (e.kind == EventKind::Graduated)
            graduated[e.workflow] = true;
        if (e.kind == EventKind::Anomaly)
            ++result.anomalies;
        if (e.kind != EventKind::Drift)
            return;
        const bool onTarget = changeOn && e.workflow == changedWorkflow && e.tool == changedToolName;
        if (onTarget) {
            if (result.delay < 0)
                result.delay = affected;
        } else {
            ++result.falseDrifts;
            if (qEnvironmentVariableIsSet("DETECTION_DEBUG"))
                std::fprintf(stderr, "false drift: %s %s %s dir %d score %.2f value %.1f expected %.1f line %lld\n",
                             qPrintable(e.workflow), qPrintable(e.tool), qPrintable(e.metric), e.direction, e.score,
                             e.value, e.expected, e.line);
        }
    });
    std::vector<Record> batch;
    qint64 ts = 1'790'000'000'000;
    const int total = warmup + tail;
    for (int i = 0; i < total; ++i) {
        if (i == warmup && change != Change::None) {
            streams[changedWf].setChange(change, changedTool);
            changeOn = true;
        }
        for (int w = 0; w < Workflows; ++w) {
            batch.clear();
            streams[size_t(w)].nextExecution(batch, ts);
            ts += 1000;
            const bool monitored = graduated.count(QStringLiteral("wf%1").arg(w)) > 0;
            for (const Record &r : batch) {
                if (changeOn && w == changedWf && r.tool == streams[changedWf].toolName(changedTool))
                    ++affected;
                engine.process(r);
                if (monitored)
                    ++result.monitoredRecords;
                if (changeOn && result.delay >= 0)
                    return result;
            }
        }
    }
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::atoi(argv[1]) : 40;
    const int stationaryExecutions = argc > 2 ? std::atoi(argv[2]) : 20000;

    std::printf("# Detection benchmark (%d runs per change case; 3 workflows x 4 tools interleaved)\n\n", runs);
    std::printf("## Stationary streams: false drifts\n\n");
    std::printf("| family | records monitored | false drifts | per 10,000 records | anomalies per 10,000 |\n|---|---:|---:|---:|---:|\n");
    for (Family f : {Family::Gaussian, Family::HeavyTailed, Family::Spiky}) {
        qint64 records = 0;
        int drifts = 0, anomalies = 0;
        for (int s = 0; s < 5; ++s) {
            const RunResult r = runOnce(f, Change::None, 1000 + std::uint64_t(s), 100, stationaryExecutions / 5);
            records += r.monitoredRecords;
            drifts += r.falseDrifts;
            anomalies += r.anomalies;
        }
        std::printf("| %s | %lld | %d | %.2f | %.1f |\n", familyName(f), records, drifts,
                    records ? 1e4 * drifts / double(records) : 0.0, records ? 1e4 * anomalies / double(records) : 0.0);
        std::fflush(stdout);
    }

    std::printf("\n## Changes: detection delay in calls of the affected tool (1 = the first changed call)\n\n");
    std::printf("| family | change | goal | detected | median | p90 | max | false drifts elsewhere |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    const std::map<Change, int> goal = {{Change::Outage, 1},        {Change::Slowdown4x, 2},   {Change::Latency3Sigma, 6},
                                        {Change::Output3Sigma, 6},  {Change::Validation93, 6}, {Change::Latency1Sigma, 40}};
    for (Family f : {Family::Gaussian, Family::HeavyTailed, Family::Spiky}) {
        for (Change c : {Change::Outage, Change::Slowdown4x, Change::Latency3Sigma, Change::Output3Sigma,
                         Change::Validation93, Change::Latency1Sigma}) {
            std::vector<int> delays;
            int missed = 0, falseDrifts = 0;
            for (int s = 0; s < runs; ++s) {
                const RunResult r = runOnce(f, c, 50 + std::uint64_t(s), 400, 400);
                falseDrifts += r.falseDrifts;
                if (r.delay < 0)
                    ++missed;
                else
                    delays.push_back(r.delay);
            }
            std::sort(delays.begin(), delays.end());
            auto pct = [&](double q) { return delays.empty() ? -1 : delays[size_t(q * double(delays.size() - 1))]; };
            std::printf("| %s | %s | <= %d | %d/%d | %d | %d | %d | %d |\n", familyName(f), changeName(c), goal.at(c),
                        runs - missed, runs, pct(0.5), pct(0.9), delays.empty() ? -1 : delays.back(), falseDrifts);
            std::fflush(stdout);
        }
    }
    return 0;
}
