// Store throughput: raw records (the --keep-records path), events and profile snapshots.
// Usage: bench_store [--records N] [--batch N] [--dir DIR]
#include "storage/store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>
#include <random>
#include <string>

using namespace Apprentice;

namespace {

// CPU time of this thread: the machine may be shared, and wall time then says more about the
// neighbours than about the store.
qint64 threadCpuNanos()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

std::vector<Record> makeRecords(int n, qint64 first)
{
    static const char *const tools[] = {"fetch_data", "validate_order", "charge_card", "send_email"};
    std::mt19937_64 rng(quint64(first) + 7);
    std::lognormal_distribution<double> latency(5.3, 0.4);
    std::uniform_int_distribution<int> bytes(900, 1500);
    std::vector<Record> out(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        Record &r = out[size_t(i)];
        const qint64 seq = first + i;
        r.workflow = "process_customer_order";
        r.execution = "pco-" + std::to_string(seq / 4);
        r.tool = tools[seq % 4];
        r.tsMs = 1790812800000 + seq * 250;
        r.setValue(Metric::Latency, latency(rng));
        r.setValue(Metric::OutputBytes, bytes(rng));
        r.setValue(Metric::Memory, 40 + double(seq % 17));
        r.ok = seq % 97 != 0;
        if (!r.ok)
            r.error = "upstream timeout";
        if (seq % 10 == 0)
            r.custom = {{"tokens", double(seq % 500)}};
        r.line = seq + 1;
    }
    return out;
}

Event makeEvent(qint64 i)
{
    Event e;
    e.kind = i % 3 ? EventKind::Anomaly : EventKind::Drift;
    e.workflow = QStringLiteral("process_customer_order");
    e.version = QStringLiteral("1.0.0");
    e.tool = QStringLiteral("fetch_data");
    e.metric = QStringLiteral("latency_ms");
    e.line = i;
    e.value = 400 + double(i % 13);
    e.expected = 231;
    e.score = 0.97;
    e.direction = 1;
    e.id = i;
    return e;
}

EngineSnapshot makeSnapshot(int workflows, int tools)
{
    EngineSnapshot s;
    for (int w = 0; w < workflows; ++w) {
        WorkflowSnapshot ws;
        ws.workflow = QStringLiteral("workflow_%1").arg(w);
        ws.version = QStringLiteral("1.0.0");
        ws.phase = Phase::Graduated;
        ws.executions = 5000;
        for (int t = 0; t < tools; ++t) {
            ToolSnapshot ts;
            ts.tool = QStringLiteral("tool_%1").arg(t);
            ts.calls = 5000;
            for (std::string_view name : BuiltinMetricNames) {
                MetricSnapshot m;
                m.metric = QString::fromLatin1(name.data(), qsizetype(name.size()));
                for (int i = 0; i < 2000; ++i)
                    m.profile.add(100 + i % 50);
                m.monitorState = QByteArray(512, 'm');
                ts.metrics.push_back(std::move(m));
            }
            ws.tools.push_back(std::move(ts));
        }
        s.workflows.push_back(std::move(ws));
    }
    return s;
}

bool benchRecords(const QString &dir, bool native, int total, int batchSize)
{
    Store store;
    store.setNativeBinding(native);
    QString error;
    const QString path = dir + (native ? QStringLiteral("/native.sqlite") : QStringLiteral("/portable.sqlite"));
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    qint64 nanos = 0;
    qint64 cpuNanos = 0;
    for (int done = 0; done < total; done += batchSize) {
        StoreBatch batch;
        batch.records = makeRecords(std::min(batchSize, total - done), done);
        QElapsedTimer t;
        t.start();
        const qint64 cpu = threadCpuNanos();
        if (!store.write(batch, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return false;
        }
        cpuNanos += threadCpuNanos() - cpu;
        nanos += t.nsecsElapsed();
    }
    const double seconds = double(nanos) / 1e9;
    const double cpuSeconds = double(cpuNanos) / 1e9;
    std::printf("records %-8s %9d rows in batches of %6d: wall %6.2f s = %7.0f rows/s, cpu %6.2f s = %7.0f rows/s"
                "  (%s, file %.0f MB)\n",
                native ? "native" : "portable", total, batchSize, seconds, total / seconds, cpuSeconds,
                total / cpuSeconds,
                store.usesNativeBinding() ? "SQLite functions" : "QSqlQuery",
                double(QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size()) / 1e6);
    return store.recordCount() == total;
}

bool benchEvents(const QString &dir, int total)
{
    Store store;
    QString error;
    if (!store.open(dir + QStringLiteral("/events.sqlite"), &error))
        return false;
    StoreBatch batch;
    for (int i = 0; i < total; ++i)
        batch.events.push_back(makeEvent(i));
    QElapsedTimer t;
    t.start();
    if (!store.write(batch, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    std::printf("events   %9d in one batch: %6.3f s  %9.0f events/s\n", total, seconds, total / seconds);
    return true;
}

bool benchSnapshot(const QString &dir)
{
    Store store;
    QString error;
    if (!store.open(dir + QStringLiteral("/snapshot.sqlite"), &error))
        return false;
    StoreBatch batch;
    batch.snapshot = makeSnapshot(50, 8);
    constexpr int Rounds = 20;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < Rounds; ++i) {
        if (!store.write(batch, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return false;
        }
    }
    const double writeMs = double(t.nsecsElapsed()) / 1e6 / Rounds;
    t.restart();
    EngineSnapshot loaded;
    for (int i = 0; i < Rounds; ++i)
        store.loadSnapshot(loaded, &error);
    const double loadMs = double(t.nsecsElapsed()) / 1e6 / Rounds;
    std::printf("snapshot 50 workflows x 8 tools x 6 metrics (2400 profiles): write %.1f ms, load %.1f ms\n",
                writeMs, loadMs);
    return loaded.workflows.size() == 50;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int total = 2000000;
    int batchSize = 50000;
    int portable = 500000;
    QString dirPath;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--records")
            total = args[i + 1].toInt();
        else if (args[i] == u"--portable-records")
            portable = args[i + 1].toInt();
        else if (args[i] == u"--batch")
            batchSize = args[i + 1].toInt();
        else if (args[i] == u"--dir")
            dirPath = args[i + 1];
    }
    QTemporaryDir tmp(dirPath.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_store-XXXXXX")
                                        : dirPath + QStringLiteral("/bench_store-XXXXXX"));
    if (!tmp.isValid() || total <= 0 || batchSize <= 0)
        return 2;
    bool ok = benchRecords(tmp.path(), true, total, batchSize);
    if (portable > 0)
        ok = benchRecords(tmp.path(), false, portable, batchSize) && ok;
    ok = benchEvents(tmp.path(), 100000) && ok;
    ok = benchSnapshot(tmp.path()) && ok;
    return ok ? 0 : 1;
}
