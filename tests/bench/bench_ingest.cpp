// Ingest throughput: importFile() over a ~1 GB JSON Lines export, its gzip and CSV twins, and
// QJsonDocument-per-line as the peer. Usage: bench_ingest [FILE.jsonl] [--runs N] [--quick]
// Without FILE, generates /tmp/apprentice-bench/ingest-1g.jsonl (and .jsonl.gz, .csv) once and reuses them.

#include "ingest/importer.h"
#include "ingest/flatrecordscanner.h"
#include "ingest/importoptions.h"
#include "ingest/jsonrecordparser.h"
#include "ingest/stringarena.h"
#include "record.h"
#include "recordsink.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_map>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

class NullSink : public RecordSink
{
public:
    void onRecord(const RecordView &) override { ++records; }
    void onRejected(qint64, const QString &) override { ++rejected; }
    qint64 records = 0;
    qint64 rejected = 0;
};

// Stands in for the engine: per-record work on the calling thread (a keyed lookup and a few updates), to show
// that it overlaps with parsing instead of adding to it.
class BusySink : public RecordSink
{
public:
    void onRecord(const RecordView &r) override
    {
        auto &s = m_perTool[std::string_view(r.tool).size() * 131 + size_t(r.tool.empty() ? 0 : r.tool[0])];
        const double x = r.value(Metric::Latency);
        s.n += 1;
        const double d = x - s.mean;
        s.mean += d / s.n;
        s.m2 += d * (x - s.mean);
        s.bytes += isPresent(r.value(Metric::OutputBytes)) ? r.value(Metric::OutputBytes) : 0;
        s.lastTs = r.tsMs;
        ++records;
    }
    void onRejected(qint64, const QString &) override { ++rejected; }
    qint64 records = 0;
    qint64 rejected = 0;

private:
    struct Stats {
        double n = 0, mean = 0, m2 = 0, bytes = 0;
        qint64 lastTs = 0;
    };
    std::unordered_map<size_t, Stats> m_perTool;
};

qint64 peakRssKb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void generate(const QString &jsonl, const QString &csv, qint64 targetBytes)
{
    std::printf("generating %s and %s (~%lld MB)...\n", qPrintable(jsonl), qPrintable(csv), targetBytes >> 20);
    std::fflush(stdout);
    FILE *j = std::fopen(QFile::encodeName(jsonl).constData(), "wb");
    FILE *c = std::fopen(QFile::encodeName(csv).constData(), "wb");
    std::fputs("ts,workflow,execution,tool,latency_ms,output_bytes,memory_mb,status,error\n", c);
    std::mt19937_64 rng(1);
    std::lognormal_distribution<double> latency(5.2, 0.35);
    std::normal_distribution<double> bytes(1200, 60);
    std::normal_distribution<double> memory(44, 3);
    std::uniform_real_distribution<double> unit(0, 1);
    const char *tools[] = {"fetch_data", "validate_order", "charge_card", "send_confirmation"};
    const char *workflows[] = {"process_customer_order", "refund_request", "inventory_sync"};
    qint64 written = 0;
    qint64 tsMs = 1790812800000; // 2026-10-01T00:00:00Z
    char line[512];
    for (qint64 execution = 0; written < targetBytes; ++execution) {
        const char *workflow = workflows[execution % 3];
        for (int t = 0; t < 4; ++t) {
            tsMs += 37 + qint64(rng() % 50);
            const qint64 s = tsMs / 1000;
            const int ms = int(tsMs % 1000);
            const int sec = int(s % 60), min = int(s / 60 % 60), hour = int(s / 3600 % 24);
            const int day = 1 + int((s - 1790812800) / 86400) % 28;
            const bool ok = unit(rng) > 0.01;
            const double lat = std::round(latency(rng) * 10) / 10;
            const int out = std::max(0, int(bytes(rng)));
            const double mem = std::round(memory(rng) * 10) / 10;
            int n = std::snprintf(line, sizeof line,
                                  "{\"ts\":\"2026-10-%02dT%02d:%02d:%02d.%03dZ\",\"workflow\":\"%s\","
                                  "\"execution\":\"ex-%06lld\",\"tool\":\"%s\",\"latency_ms\":%.1f,\"output_bytes\":%d,"
                                  "\"memory_mb\":%.1f,\"status\":\"%s\"%s}\n",
                                  day, hour, min, sec, ms, workflow, execution, tools[t], lat, out, mem,
                                  ok ? "ok" : "error", ok ? "" : ",\"error\":\"upstream timeout\"");
            std::fwrite(line, 1, size_t(n), j);
            written += n;
            n = std::snprintf(line, sizeof line, "2026-10-%02dT%02d:%02d:%02d.%03dZ,%s,ex-%06lld,%s,%.1f,%d,%.1f,%s,%s\n",
                              day, hour, min, sec, ms, workflow, execution, tools[t], lat, out, mem,
                              ok ? "ok" : "error", ok ? "" : "upstream timeout");
            std::fwrite(line, 1, size_t(n), c);
        }
    }
    std::fclose(j);
    std::fclose(c);
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Run {
    double seconds = 0;
    double cpu = 0; ///< CPU seconds over all threads: what the work costs whatever else the machine runs
    qint64 records = 0;
    qint64 rejected = 0;
    qint64 bytes = 0;
};

template <typename Sink>
Run timeImport(const QString &path, const ImportOptions &options, int runs)
{
    Run best;
    best.seconds = 1e9;
    for (int i = 0; i < runs; ++i) {
        Sink sink;
        QElapsedTimer timer;
        const double cpu0 = cpuSeconds();
        timer.start();
        const ImportResult result = importFile(path, sink, nullptr, InputFormat::Auto, options);
        const double s = double(timer.nsecsElapsed()) / 1e9;
        const double cpu = cpuSeconds() - cpu0;
        if (result.outcome != Outcome::Finished)
            std::printf("  import failed: %s\n", qPrintable(result.error));
        if (s < best.seconds)
            best = {s, cpu, sink.records, sink.rejected, QFileInfo(path).size()};
    }
    return best;
}

Run timeQJsonDocument(const QString &path, qint64 limitBytes)
{
    QFile f(path);
    Run run;
    if (!f.open(QIODevice::ReadOnly))
        return run;
    QElapsedTimer timer;
    const double cpu0 = cpuSeconds();
    timer.start();
    double sum = 0;
    while (!f.atEnd() && run.bytes < limitBytes) {
        const QByteArray line = f.readLine();
        run.bytes += line.size();
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        sum += o.value(u"latency_ms"_s).toDouble() + o.value(u"tool"_s).toString().size()
            + o.value(u"workflow"_s).toString().size() + o.value(u"ts"_s).toString().size();
        ++run.records;
    }
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    run.cpu = cpuSeconds() - cpu0;
    if (sum < 0)
        std::printf("impossible\n");
    return run;
}

// Calls fn(line) for each '\n'-terminated line of `text` (in `padded`, its copy with padding); returns the bytes
// covered.
template <typename Fn>
qint64 forEachLine(const QByteArray &text, const QByteArray &padded, Fn fn)
{
    qsizetype pos = 0;
    for (qsizetype nl; (nl = text.indexOf('\n', pos)) >= 0; pos = nl + 1)
        fn(std::string_view(padded.constData() + pos, size_t(nl - pos)));
    return pos;
}

void print(const char *what, const Run &r)
{
    const double mb = double(r.bytes) / 1e6;
    std::printf("| %-44s | %7.3f s | %6.2f M rec/s | %6.0f MB/s | %6.3f s | %5.2f M rec/s |\n", what, r.seconds,
                double(r.records) / r.seconds / 1e6, mb / r.seconds, r.cpu, double(r.records) / r.cpu / 1e6);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int runs = 3;
    if (const qsizetype i = args.indexOf(u"--runs"_s); i >= 0 && i + 1 < args.size()) {
        runs = std::max(1, args[i + 1].toInt());
        args.remove(i, 2);
    }
    // --quick: only the default JSON Lines import, for profiling.
    const bool quick = args.removeAll(u"--quick"_s) > 0;
    QString jsonl = args.value(0);
    QString csv;
    QString gz;
    if (jsonl.isEmpty()) {
        const QString dir = u"/tmp/apprentice-bench"_s;
        QDir().mkpath(dir);
        jsonl = dir + u"/ingest-1g.jsonl"_s;
        csv = dir + u"/ingest-1g.csv"_s;
        gz = jsonl + u".gz"_s;
        if (!QFileInfo::exists(jsonl) || !QFileInfo::exists(csv))
            generate(jsonl, csv, qint64(1) << 30);
        if (!QFileInfo::exists(gz)) {
            std::printf("compressing with gzip -6 ...\n");
            std::fflush(stdout);
            QProcess::execute(u"sh"_s, {u"-c"_s, u"gzip -6 -c '%1' > '%2'"_s.arg(jsonl, gz)});
        }
    }

    std::printf("cores: %d\n\n", QThread::idealThreadCount());
    std::printf("| input | wall | records/s | MB/s | CPU (all threads) | records per CPU-s |\n|---|---|---|---|---|---|\n");
    ImportOptions defaults;
    const Run plain = timeImport<NullSink>(jsonl, defaults, runs);
    print("JSONL, no-op sink", plain);
    std::printf("(records %lld, rejected %lld)\n", plain.records, plain.rejected);
    {
        // The parser alone, one thread, no pipeline: parseJsonLine over the first 200 MB held in memory.
        QFile f(jsonl);
        f.open(QIODevice::ReadOnly);
        const QByteArray head = f.read(qint64(200) << 20);
        QByteArray padded = head;
        padded.append(JsonRecordParser::Padding, '\0');
        NullSink sink;
        Run r;
        QElapsedTimer timer;
        const double cpu0 = cpuSeconds();
        timer.start();
        r.bytes = forEachLine(head, head, [&](std::string_view line) { parseJsonLine(line, 0, sink); });
        r.seconds = double(timer.nsecsElapsed()) / 1e9;
        r.cpu = cpuSeconds() - cpu0;
        r.records = sink.records;
        print("parseJsonLine loop, 1 thread, in memory", r);

        // The record parser itself on the same bytes, without the per-line copy parseJsonLine makes: the DOM parser
        // alone, then the flat-line scanner with the DOM parser for what it declines (what importFile runs).
        for (const auto mode : {JsonRecordParser::Mode::DomOnly, JsonRecordParser::Mode::Fast}) {
            JsonRecordParser parser(mode);
            StringArena arena;
            std::vector<CustomMetricView> custom;
            Run p;
            QString reason;
            timer.start();
            const double start = cpuSeconds();
            p.bytes = forEachLine(head, padded, [&](std::string_view line) {
                RecordView view;
                if (parser.parse(line, view, arena, custom, reason))
                    ++p.records;
                if (custom.size() > 4096)
                    custom.clear();
                if ((p.records & 0xffff) == 0)
                    arena.clear();
            });
            p.seconds = double(timer.nsecsElapsed()) / 1e9;
            p.cpu = cpuSeconds() - start;
            print(mode == JsonRecordParser::Mode::DomOnly ? "JsonRecordParser, DOM only, 1 thread, in memory"
                                                          : "JsonRecordParser, scanner + DOM, 1 thread, in memory",
                  p);
            std::printf("(%.3f CPU-s per GB, %.0f ns per record)\n", p.cpu / (double(p.bytes) / 1e9),
                        p.cpu / double(p.records) * 1e9);
        }
        {
            // The loop above without the parser (finding line ends, a fresh RecordView per line): its share.
            Run split;
            qint64 sum = 0;
            timer.start();
            const double start = cpuSeconds();
            split.bytes = forEachLine(head, padded, [&](std::string_view line) {
                RecordView view;
                view.line = qint64(line.size());
                sum += view.line + qint64(view.values[0] == 0);
            });
            split.cpu = cpuSeconds() - start;
            std::printf("(splitting lines alone: %.3f CPU-s per GB%s)\n", split.cpu / (double(split.bytes) / 1e9),
                        sum < 0 ? "!" : "");
        }
        // How many lines the scanner takes itself; the rest cost a DOM parse on top.
        FlatRecordScanner scanner;
        std::vector<CustomMetricView> custom;
        qint64 lines = 0;
        qint64 taken = 0;
        forEachLine(head, padded, [&](std::string_view line) {
            RecordView view;
            taken += scanner.scan(line, view, custom) ? 1 : 0;
            custom.clear();
            ++lines;
        });
        std::printf("(scanner took %lld of %lld lines)\n", taken, lines);
    }
    if (quick)
        return 0;
    ImportOptions one = defaults;
    one.parseThreads = 1;
    print("JSONL, no-op sink, 1 parser thread", timeImport<NullSink>(jsonl, one, runs));
    for (qint64 chunk : {qint64(1) << 20, qint64(16) << 20}) {
        ImportOptions o = defaults;
        o.chunkBytes = chunk;
        print(qPrintable(u"JSONL, no-op sink, %1 MiB chunks"_s.arg(chunk >> 20)), timeImport<NullSink>(jsonl, o, runs));
    }
    print("JSONL, engine-like sink (~per-record stats)", timeImport<BusySink>(jsonl, defaults, runs));
    {
        // The sink's own cost alone, to compare with the overlapped total above.
        BusySink sink;
        RecordView v;
        v.tool = "fetch_data";
        v.values[0] = 230;
        v.values[1] = 1200;
        QElapsedTimer timer;
        timer.start();
        for (qint64 i = 0; i < plain.records; ++i) {
            v.tsMs = i;
            sink.onRecord(v);
        }
        std::printf("| %-44s | %7.3f s | | | | |\n", "(engine-like sink alone, same record count)", double(timer.nsecsElapsed()) / 1e9);
    }
    if (!csv.isEmpty() && QFileInfo::exists(csv))
        print("CSV, no-op sink", timeImport<NullSink>(csv, defaults, runs));
    if (!gz.isEmpty() && QFileInfo::exists(gz)) {
        Run r = timeImport<NullSink>(gz, defaults, 1);
        const qint64 compressed = r.bytes;
        r.bytes = QFileInfo(jsonl).size();
        print("JSONL.gz, no-op sink (MB/s of content)", r);
        std::printf("(compressed size %lld MB)\n", compressed >> 20);
    }
    const Run peer = timeQJsonDocument(jsonl, qint64(200) << 20);
    print("QJsonDocument per line (first 200 MB)", peer);
    std::printf("\nspeed-up over QJsonDocument: %.1fx\n",
                (double(plain.records) / plain.seconds) / (double(peer.records) / peer.seconds));
    std::printf("peak RSS: %lld MB\n", peakRssKb() >> 10);
    return 0;
}
