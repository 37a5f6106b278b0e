// Engine speed and memory: ns per record (profile update + drift check, 4 metrics) and
// memory at 100 k vs 100 M records. Usage: bench_engine [records] [workflows (default 5, 4 tools each)]
#include "engine.h"
#include "streams.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>

using namespace Apprentice;

static long rssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return -1;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 total = argc > 1 ? std::atoll(argv[1]) : 20'000'000;
    const int workflows = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

    // Pre-generate a pool of records (by default 5 workflows x 4 tools = 20 tools) and replay it, so
    // the generator's cost is not measured.
    std::vector<Record> pool;
    std::vector<Streams::WorkflowStream> streams;
    for (int w = 0; w < workflows; ++w)
        streams.emplace_back("wf" + std::to_string(w), Streams::Family::Gaussian, std::uint64_t(w + 1));
    qint64 ts = 1'790'000'000'000;
    while (pool.size() < 400'000)
        for (auto &s : streams)
            s.nextExecution(pool, ts += 1000);
    std::vector<std::vector<CustomMetricView>> scratch(pool.size());
    std::vector<RecordView> views;
    views.reserve(pool.size());
    for (size_t i = 0; i < pool.size(); ++i)
        views.push_back(pool[i].view(scratch[i]));

    Engine engine;
    qint64 events = 0;
    engine.setEventHandler([&](const Event &) { ++events; });
    // Warm up past graduation, then time.
    for (const RecordView &v : views)
        engine.process(v);
    const long rssAfterWarm = rssKb();
    QElapsedTimer t;
    t.start();
    qint64 done = 0;
    while (done < total) {
        for (const RecordView &v : views) {
            engine.process(v);
            if (++done == total)
                break;
        }
        engine.takeLedgerEntries(); // hourly rows go to the store in real use
    }
    const double ns = double(t.nsecsElapsed()) / double(total);
    const EngineTotals tot = engine.totals();
    std::printf("records: %lld, ns/record: %.1f (%.2f M records/s), 4 metrics per record\n", total, ns, 1e3 / ns);
    std::printf("workflow versions: %lld, graduated: %lld, events: %lld\n", tot.workflows, tot.phaseCounts[1], events);
    std::printf("RSS after %zu records: %ld kB; after %lld more: %ld kB\n", views.size(), rssAfterWarm, total, rssKb());
    return 0;
}
