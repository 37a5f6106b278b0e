// Throughput of the demo simulator: the "as fast as possible" demo needs >= 1 M records/s.
#include "simulator/demosimulator.h"
#include "simulator/exportwriter.h"

#include <QElapsedTimer>

#include <cstdio>
#include <string>
#include <vector>

using namespace Apprentice;

int main()
{
    const int executions = 2000000;
    double checksum = 0;

    {
        DemoSimulator sim(1);
        std::vector<Record> recs;
        qint64 records = 0;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < executions; ++i) {
            records += sim.nextExecution(recs);
            checksum += recs[0].value(Metric::Latency);
        }
        const double s = double(t.nsecsElapsed()) / 1e9;
        std::printf("nextExecution(reused vector): %lld records in %.3f s = %.2f M records/s\n",
                    static_cast<long long>(records), s, double(records) / s / 1e6);
    }
    {
        DemoSimulator sim(1);
        qint64 records = 0;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < executions; ++i) {
            const std::vector<Record> recs = sim.nextExecution();
            records += qint64(recs.size());
            checksum += recs[0].value(Metric::Latency);
        }
        const double s = double(t.nsecsElapsed()) / 1e9;
        std::printf("nextExecution() by value:      %lld records in %.3f s = %.2f M records/s\n",
                    static_cast<long long>(records), s, double(records) / s / 1e6);
    }
    {
        DemoSimulator sim(1);
        std::vector<Record> recs;
        std::string line;
        qint64 records = 0, bytes = 0;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < executions; ++i) {
            const int n = sim.nextExecution(recs);
            for (int k = 0; k < n; ++k) {
                line.clear();
                ExportWriter::appendLine(line, recs[size_t(k)]);
                bytes += qint64(line.size());
            }
            records += n;
        }
        const double s = double(t.nsecsElapsed()) / 1e9;
        std::printf("generate + format JSON line:   %lld records in %.3f s = %.2f M records/s (%.0f MB/s)\n",
                    static_cast<long long>(records), s, double(records) / s / 1e6, double(bytes) / s / 1e6);
    }
    std::printf("(checksum %.1f)\n", checksum);
    return 0;
}
