// Live receiver under load: OTLP/HTTP JSON over loopback with many kept-alive clients, a sustained 50 k spans/s,
// 1,000 concurrent connections, slow clients that never finish, malformed and oversized requests, and a consumer
// too slow to keep up. Checks that spans accepted = records analysed and that memory stays bounded.
// Usage: bench_live [--duration S] [--sustain S] [--clients N] [--rate SPANS_PER_S] [--quick]
//   --duration  seconds of the unthrottled throughput run (default 10)
//   --sustain   seconds of the sustained run at --rate (default 20; 60 for the figure in docs/benchmarks.md)
//   --quick     short runs (3 s) for a smoke test

#include "engine.h"
#include "live/otlpreceiver.h"
#include "live/recordqueue.h"
#include "record.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

qint64 rssKb(const char *field = "VmRSS:")
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(strlen(field))).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

QByteArray gzip(const QByteArray &data)
{
    z_stream z{};
    deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))) + 32, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

// A request on the wire whose trace ids are patched in place for each send, so every execution is a new one.
struct Wire {
    QByteArray bytes;
    std::vector<std::vector<qsizetype>> traceOffsets; // per trace in the request
    int spans = 0;
    int records = 0;
};

// `traces` executions of one agent span and `tools` execute_tool spans each, as an instrumented agent exports them.
Wire makeWire(int traces, int tools, bool chunked)
{
    static const char *const ToolNames[] = {"fetch_data", "process", "validate", "send_results"};
    QByteArray body = R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"bench-service"}},)"
                      R"({"key":"service.version","value":{"stringValue":"1.0.0"}}]},"scopeSpans":[{"scope":{"name":"bench"},"spans":[)";
    std::vector<std::vector<qsizetype>> offsets(static_cast<size_t>(traces));
    const qint64 base = 1790812800000000000;
    bool first = true;
    for (int t = 0; t < traces; ++t) {
        const auto span = [&](const QByteArray &spanId, const QByteArray &parent, const QByteArray &name,
                              const QByteArray &attributes, qint64 start, qint64 end) {
            if (!first)
                body += ',';
            first = false;
            body += R"({"traceId":")";
            offsets[size_t(t)].push_back(body.size());
            body += QByteArray(32, '0');
            body += R"(","spanId":")" + spanId + '"';
            if (!parent.isEmpty())
                body += R"(,"parentSpanId":")" + parent + '"';
            body += R"(,"name":")" + name + R"(","kind":1,"startTimeUnixNano":")" + QByteArray::number(start)
                + R"(","endTimeUnixNano":")" + QByteArray::number(end) + R"(","attributes":[)" + attributes
                + R"(],"status":{"code":1}})";
        };
        const QByteArray agentId = QByteArray::number(0xa000000000000000ull + quint64(t), 16);
        qint64 clock = base + qint64(t) * 1000000000;
        for (int k = 0; k < tools; ++k) {
            const QByteArray tool = ToolNames[k % 4];
            const qint64 latency = (20 + 37 * ((t + k) % 7)) * 1000000;
            span(QByteArray::number(0xb000000000000000ull + quint64(t * 64 + k), 16), agentId, "execute_tool " + tool,
                 R"({"key":"gen_ai.operation.name","value":{"stringValue":"execute_tool"}},)"
                 R"({"key":"gen_ai.tool.name","value":{"stringValue":")" + tool + R"("}})", clock, clock + latency);
            clock += latency + 1000000;
        }
        span(agentId, {}, "invoke_agent bench_agent",
             R"({"key":"gen_ai.operation.name","value":{"stringValue":"invoke_agent"}},)"
             R"({"key":"gen_ai.agent.name","value":{"stringValue":"bench_agent"}})", base + qint64(t) * 1000000000, clock);
    }
    body += "]}]}]}";

    Wire w;
    w.spans = traces * (tools + 1);
    w.records = traces * tools;
    QByteArray head = "POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    if (!chunked) {
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
        for (auto &list : offsets)
            for (qsizetype &o : list)
                o += head.size();
        w.bytes = head + body;
    } else {
        // Chunks of 4 KiB, as a streaming client writes them; offsets move with the framing.
        head += "Transfer-Encoding: chunked\r\n\r\n";
        QByteArray out = head;
        std::vector<qsizetype> shift(size_t(body.size()) + 1, 0);
        constexpr qsizetype Chunk = 4096;
        for (qsizetype i = 0; i < body.size(); i += Chunk) {
            const QByteArray piece = body.mid(i, Chunk);
            out += QByteArray::number(piece.size(), 16) + "\r\n";
            for (qsizetype j = 0; j < piece.size(); ++j)
                shift[size_t(i + j)] = out.size() + j - (i + j);
            out += piece + "\r\n";
        }
        out += "0\r\n\r\n";
        for (auto &list : offsets) {
            for (qsizetype &o : list) {
                // a trace id never straddles a chunk boundary? It may: patching then writes across the framing.
                // Keep ids whole by checking; a straddling id keeps its zeros (a repeated execution id, harmless).
                const qsizetype start = o + shift[size_t(o)];
                const qsizetype end = o + 31 + shift[size_t(o + 31)];
                o = end - start == 31 ? start : -1;
            }
        }
        w.bytes = out;
    }
    w.traceOffsets = std::move(offsets);
    return w;
}

void patch(QByteArray &bytes, const Wire &w, quint64 sequence)
{
    static const char Hex[] = "0123456789abcdef";
    for (size_t t = 0; t < w.traceOffsets.size(); ++t) {
        quint64 id = (sequence << 8) | t;
        char digits[16];
        for (int i = 15; i >= 0; --i, id >>= 4)
            digits[i] = Hex[id & 15];
        for (const qsizetype o : w.traceOffsets[t]) {
            if (o >= 0)
                memcpy(bytes.data() + o + 16, digits, 16);
        }
    }
}

struct Latencies {
    std::mutex mutex;
    std::vector<qint64> us;
    void add(qint64 v)
    {
        std::lock_guard lock(mutex);
        if (us.size() < 2000000)
            us.push_back(v);
    }
    double percentileMs(double p)
    {
        std::lock_guard lock(mutex);
        if (us.empty())
            return 0;
        std::vector<qint64> copy = us;
        const size_t k = std::min(copy.size() - 1, size_t(p * double(copy.size())));
        std::nth_element(copy.begin(), copy.begin() + qsizetype(k), copy.end());
        return double(copy[k]) / 1000.0;
    }
};

// Kept-alive clients on their own thread, each with one request in flight, optionally paced to a request rate.
class LoadDriver : public QObject
{
public:
    struct Totals {
        std::atomic<qint64> sent{0};
        std::atomic<qint64> ok{0};
        std::atomic<qint64> busy{0};
        std::atomic<qint64> failed{0};
        std::atomic<qint64> recordsOk{0};
        std::atomic<qint64> spansOk{0};
        std::atomic<qint64> reconnects{0};
    };

    LoadDriver(quint16 port, std::vector<Wire> wires, double requestsPerSecond)
        : m_port(port)
        , m_wires(std::move(wires))
        , m_rate(requestsPerSecond)
    {
    }

    void start(int clients)
    {
        m_pacer = new QTimer(this);
        m_pacer->setInterval(5);
        m_clock.start();
        connect(m_pacer, &QTimer::timeout, this, [this] { refill(); });
        if (m_rate > 0)
            m_pacer->start();
        for (int i = 0; i < clients; ++i)
            addClient(i);
    }
    void stop()
    {
        m_stopping = true;
        m_pacer->stop();
    }
    qint64 inFlight() const
    {
        qint64 n = 0;
        for (const auto &c : m_clients)
            n += c->waiting ? 1 : 0;
        return n;
    }
    void closeAll()
    {
        for (auto &c : m_clients)
            c->socket->abort();
        m_clients.clear();
    }

    Totals totals;
    Latencies latencies;

private:
    struct Client {
        QTcpSocket *socket = nullptr;
        QByteArray in;
        QByteArray out;
        QElapsedTimer since;
        int wire = 0;
        bool waiting = false;
        bool queued = false;
    };

    void addClient(int index)
    {
        auto c = std::make_unique<Client>();
        c->socket = new QTcpSocket(this);
        c->wire = index % int(m_wires.size());
        Client *raw = c.get();
        connect(c->socket, &QTcpSocket::connected, this, [this, raw] { trySend(raw); });
        connect(c->socket, &QTcpSocket::readyRead, this, [this, raw] { onReadyRead(raw); });
        connect(c->socket, &QTcpSocket::disconnected, this, [this, raw] {
            if (m_stopping)
                return;
            ++totals.reconnects;
            raw->waiting = false;
            raw->in.clear();
            QTimer::singleShot(10, this, [this, raw] { raw->socket->connectToHost(QHostAddress(QHostAddress::LocalHost), m_port); });
        });
        c->socket->connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
        m_clients.push_back(std::move(c));
    }

    void refill()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_tokens = std::min(m_tokens + m_rate * double(now - m_lastRefill) / 1e9, double(m_clients.size()));
        m_lastRefill = now;
        while (m_tokens >= 1 && !m_ready.empty()) {
            Client *c = m_ready.front();
            m_ready.pop_front();
            c->queued = false;
            trySend(c);
        }
    }

    void trySend(Client *c)
    {
        if (m_stopping || c->waiting || c->socket->state() != QAbstractSocket::ConnectedState)
            return;
        if (m_rate > 0) {
            if (m_tokens < 1) {
                if (!c->queued) {
                    c->queued = true;
                    m_ready.push_back(c);
                }
                return;
            }
            m_tokens -= 1;
        }
        const Wire &w = m_wires[size_t(c->wire)];
        c->out = w.bytes;
        patch(c->out, w, ++m_sequence);
        c->waiting = true;
        c->since.start();
        c->socket->write(c->out);
        ++totals.sent;
    }

    void onReadyRead(Client *c)
    {
        c->in += c->socket->readAll();
        for (;;) {
            const qsizetype end = c->in.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const qsizetype lengthAt = c->in.indexOf("Content-Length: ");
            const qint64 length = lengthAt >= 0 && lengthAt < end
                ? c->in.mid(lengthAt + 16, c->in.indexOf('\r', lengthAt) - lengthAt - 16).toLongLong() : 0;
            if (c->in.size() < end + 4 + length)
                return;
            const int status = c->in.mid(9, 3).toInt();
            c->in.remove(0, end + 4 + length);
            if (status == 100)
                continue;
            const Wire &w = m_wires[size_t(c->wire)];
            latencies.add(c->since.nsecsElapsed() / 1000);
            if (status == 200) {
                ++totals.ok;
                totals.recordsOk += w.records;
                totals.spansOk += w.spans;
            } else if (status == 503) {
                ++totals.busy;
            } else {
                ++totals.failed;
            }
            c->waiting = false;
            c->wire = (c->wire + 1) % int(m_wires.size());
            trySend(c);
        }
    }

    quint16 m_port;
    std::vector<Wire> m_wires;
    double m_rate;
    double m_tokens = 0;
    qint64 m_lastRefill = 0;
    QElapsedTimer m_clock;
    QTimer *m_pacer = nullptr;
    std::vector<std::unique_ptr<Client>> m_clients;
    std::deque<Client *> m_ready;
    quint64 m_sequence = 0;
    bool m_stopping = false;
};

// The analysing thread: takes what the receiver queued and runs it through the engine.
class Consumer
{
public:
    explicit Consumer(RecordQueue &queue, int slowUsPerBatch = 0)
        : m_queue(queue)
        , m_slowUs(slowUsPerBatch)
    {
        EngineConfig config;
        config.graduationExecutions = 50;
        m_engine = std::make_unique<Engine>(config);
        m_thread = QThread::create([this] { loop(); });
        m_thread->start();
    }
    ~Consumer() { stop(); }
    void stop()
    {
        if (!m_thread)
            return;
        m_stop = true;
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    std::atomic<qint64> analysed{0};
    std::atomic<qint64> batches{0};

private:
    void loop()
    {
        std::vector<CustomMetricView> scratch;
        for (;;) {
            const bool stopping = m_stop;
            std::vector<LiveBatch> taken = m_queue.takeAll();
            for (const LiveBatch &b : taken) {
                for (const Record &r : b.records)
                    m_engine->process(r.view(scratch));
                analysed += qint64(b.records.size());
                ++batches;
                if (m_slowUs > 0)
                    QThread::usleep(ulong(m_slowUs));
            }
            if (taken.empty()) {
                if (stopping)
                    return;
                QThread::usleep(500);
            }
        }
    }

    RecordQueue &m_queue;
    int m_slowUs;
    std::unique_ptr<Engine> m_engine;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_stop{false};
};

struct Receiver {
    RecordQueue queue;
    std::unique_ptr<OtlpReceiver> receiver;

    explicit Receiver(OtlpReceiverConfig config = {}, qint64 capacity = 200000)
        : queue(capacity)
    {
        config.port = 0;
        receiver = std::make_unique<OtlpReceiver>(config, 1, &queue, std::make_shared<LiveStatus>());
        QString error;
        if (!receiver->listen(&error))
            qFatal("%s", qPrintable(error));
    }
    quint16 port() const { return receiver->serverPort(); }
};

struct Check {
    int failures = 0;
    void expect(bool ok, const char *what)
    {
        std::printf("    %s %s\n", ok ? "ok  " : "FAIL", what);
        if (!ok)
            ++failures;
    }
};

// Runs `clients` kept-alive clients for `seconds`, unthrottled or at `spansPerSecond`; returns the figures line.
void loadRun(Check &check, const char *title, int clients, double seconds, double spansPerSecond, qint64 queueCapacity,
             int consumerSlowUs)
{
    std::printf("\n%s\n", title);
    const qint64 rssBefore = rssKb();
    Receiver rx({}, queueCapacity);
    Consumer consumer(rx.queue, consumerSlowUs);
    std::vector<Wire> wires = {makeWire(10, 4, true), makeWire(10, 4, false)};
    const double spansPerRequest = wires[0].spans;
    QThread thread;
    thread.start();
    auto *driver = new LoadDriver(rx.port(), wires, spansPerSecond > 0 ? spansPerSecond / spansPerRequest : 0);
    driver->moveToThread(&thread);
    QMetaObject::invokeMethod(driver, [driver, clients] { driver->start(clients); }, Qt::BlockingQueuedConnection);

    QElapsedTimer timer;
    timer.start();
    qint64 peakRss = 0;
    qint64 peakQueue = 0;
    qint64 lastSpans = 0;
    qint64 lastMs = 0;
    double minWindowRate = 1e18;
    while (timer.elapsed() < qint64(seconds * 1000)) {
        wait(250);
        peakRss = std::max(peakRss, rssKb());
        peakQueue = std::max(peakQueue, rx.queue.size());
        const qint64 ms = timer.elapsed();
        if (ms - lastMs >= 1000) {
            const qint64 spans = driver->totals.spansOk;
            if (ms > 2000) // after the warm-up
                minWindowRate = std::min(minWindowRate, double(spans - lastSpans) * 1000.0 / double(ms - lastMs));
            lastSpans = spans;
            lastMs = ms;
        }
    }
    QMetaObject::invokeMethod(driver, [driver] { driver->stop(); }, Qt::BlockingQueuedConnection);
    const double elapsed = double(timer.elapsed()) / 1000.0;
    // Let the requests in flight finish, then stop the receiver: everything accepted is now queued.
    for (int i = 0; i < 100; ++i) {
        qint64 n = 0;
        QMetaObject::invokeMethod(driver, [driver, &n] { n = driver->inFlight(); }, Qt::BlockingQueuedConnection);
        if (n == 0)
            break;
        wait(20);
    }
    rx.receiver->stop();
    consumer.stop();
    const double p50 = driver->latencies.percentileMs(0.5);
    const double p99 = driver->latencies.percentileMs(0.99);
    QMetaObject::invokeMethod(driver, [driver] { driver->closeAll(); delete driver; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();

    const OtlpReceiverStats s = rx.receiver->stats();
    std::printf("  %d clients, %.1f s: %lld requests answered 200, %lld 503 (queue full), %lld other\n", clients, elapsed,
                s.requestsOk, s.requestsBusy, s.requestsFailed - s.requestsBusy);
    std::printf("  accepted %.0f spans/s (%.0f execute_tool records/s), %lld spans in all; slowest 1-s window %.0f spans/s\n",
                double(s.requestsOk) * spansPerRequest / elapsed, double(s.spansAccepted) / elapsed,
                qint64(double(s.requestsOk) * spansPerRequest), minWindowRate > 1e17 ? 0.0 : minWindowRate);
    std::printf("  request latency p50 %.2f ms, p99 %.2f ms; bytes received %.1f MB, connections %lld, peak queue %lld "
                "records\n", p50, p99, double(s.bytesReceived) / 1e6, s.connectionsAccepted, peakQueue);
    std::printf("  RSS before %lld MB, peak %lld MB, after %lld MB\n", rssBefore / 1024, peakRss / 1024, rssKb() / 1024);
    check.expect(s.spansAccepted == consumer.analysed, "spans accepted = records analysed");
    check.expect(rx.queue.acceptedRecords() == s.spansAccepted, "every accepted record went through the queue");
    check.expect(peakRss / 1024 < 1024, "peak RSS under 1 GB");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&](const QString &name, double fallback) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args[i + 1].toDouble() : fallback;
    };
    const bool quick = args.contains(u"--quick"_s);
    const double duration = option(u"--duration"_s, quick ? 3 : 10);
    const double sustain = option(u"--sustain"_s, quick ? 3 : 20);
    const int clients = int(option(u"--clients"_s, 8));
    const double rate = option(u"--rate"_s, 50000);
    Check check;
    std::printf("bench_live: OTLP/HTTP JSON receiver on 127.0.0.1, %d cores; requests of 50 spans (10 executions x "
                "(1 invoke_agent + 4 execute_tool)), ~%lld KB, chunked and Content-Length alternately; the consumer runs "
                "every record through the engine\n",
                QThread::idealThreadCount(), qint64(makeWire(10, 4, false).bytes.size() / 1024));

    loadRun(check, "1. Throughput, unthrottled", clients, duration, 0, 200000, 0);
    loadRun(check, qPrintable(u"2. Sustained %1 spans/s"_s.arg(rate)), 16, sustain, rate, 200000, 0);
    loadRun(check, "3. Overload: the consumer cannot keep up (queue 20,000 records, 20 ms per batch)", clients,
            std::min(duration, 5.0), 0, 20000, 20000);

    {
        std::printf("\n4. 1,000 concurrent connections, one request each\n");
        const qint64 before = rssKb();
        Receiver rx;
        Consumer consumer(rx.queue);
        const Wire wire = makeWire(10, 4, false);
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 1000; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QHostAddress(QHostAddress::LocalHost), rx.port());
            sockets.push_back(std::move(s));
        }
        for (auto &s : sockets)
            s->waitForConnected(5000);
        const qint64 connectedMs = timer.elapsed();
        wait(200);
        const qint64 open = rx.receiver->stats().connectionsOpen;
        const qint64 rssOpen = rssKb();
        quint64 seq = 1 << 20;
        for (auto &s : sockets) {
            QByteArray bytes = wire.bytes;
            patch(bytes, wire, ++seq);
            s->write(bytes);
        }
        int ok = 0;
        for (auto &s : sockets) {
            QByteArray in;
            while (!in.contains("\r\n\r\n{") && s->waitForReadyRead(5000))
                in += s->readAll();
            ok += in.startsWith("HTTP/1.1 200") ? 1 : 0;
        }
        const qint64 allMs = timer.elapsed();
        std::printf("  connected in %lld ms (%lld open at the receiver), all answered in %lld ms: %d x 200\n", connectedMs,
                    open, allMs, ok);
        std::printf("  RSS %lld MB before, %lld MB with 1,000 idle connections, %lld MB after the requests\n",
                    before / 1024, rssOpen / 1024, rssKb() / 1024);
        sockets.clear();
        rx.receiver->stop();
        consumer.stop();
        check.expect(open == 1000, "1,000 connections open at once");
        check.expect(ok == 1000, "every one answered 200");
        check.expect(consumer.analysed == rx.receiver->stats().spansAccepted, "spans accepted = records analysed");
    }

    {
        std::printf("\n5. Slow clients: 200 connections that never finish their headers, header timeout 2 s\n");
        OtlpReceiverConfig config;
        config.headerTimeoutMs = 2000;
        config.requestTimeoutMs = 5000;
        Receiver rx(config);
        Consumer consumer(rx.queue);
        std::vector<std::unique_ptr<QTcpSocket>> slow;
        for (int i = 0; i < 200; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QHostAddress(QHostAddress::LocalHost), rx.port());
            s->waitForConnected(2000);
            s->write("POST /v1/traces HTTP/1.1\r\nHost: x\r\n");
            s->flush();
            slow.push_back(std::move(s));
        }
        // A normal client meanwhile: its latency must not suffer.
        const Wire wire = makeWire(10, 4, false);
        QTcpSocket fast;
        fast.connectToHost(QHostAddress(QHostAddress::LocalHost), rx.port());
        fast.waitForConnected(2000);
        Latencies lat;
        QElapsedTimer timer;
        timer.start();
        int ok = 0;
        quint64 seq = 1 << 24;
        int drip = 0;
        while (timer.elapsed() < 3000) {
            if (timer.elapsed() / 100 > drip) { // the slow ones trickle a byte every 100 ms
                drip = int(timer.elapsed() / 100);
                for (auto &s : slow) {
                    if (s->state() == QAbstractSocket::ConnectedState) {
                        s->write("X");
                        s->flush();
                    }
                }
            }
            QByteArray bytes = wire.bytes;
            patch(bytes, wire, ++seq);
            QElapsedTimer one;
            one.start();
            fast.write(bytes);
            QByteArray in;
            while (!in.contains("\r\n\r\n{") && fast.waitForReadyRead(3000))
                in += fast.readAll();
            lat.add(one.nsecsElapsed() / 1000);
            ok += in.startsWith("HTTP/1.1 200") ? 1 : 0;
        }
        int timedOut = 0;
        for (auto &s : slow) {
            QByteArray in;
            while (s->state() == QAbstractSocket::ConnectedState && s->waitForReadyRead(1000))
                in += s->readAll();
            in += s->readAll();
            timedOut += in.startsWith("HTTP/1.1 408") ? 1 : 0;
        }
        std::printf("  %d of 200 slow connections answered 408 and closed; meanwhile a normal client: %d requests, "
                    "p50 %.2f ms, p99 %.2f ms\n", timedOut, ok, lat.percentileMs(0.5), lat.percentileMs(0.99));
        rx.receiver->stop();
        consumer.stop();
        check.expect(timedOut == 200, "every slow client timed out with 408");
        check.expect(ok > 100, "the normal client kept being served");
    }

    {
        std::printf("\n6. Bad input: 5,000 requests of malformed JSON, protobuf, oversized and gzip-bomb bodies, broken HTTP\n");
        OtlpReceiverConfig config;
        config.maxBodyBytes = 1 << 20;
        config.maxDecodedBytes = 4 << 20;
        Receiver rx(config);
        Consumer consumer(rx.queue);
        const QByteArray bomb = gzip(QByteArray(64 << 20, ' '));
        const QByteArray requests[] = {
            "POST /v1/traces HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"resourc",
            "POST /v1/traces HTTP/1.1\r\nContent-Type: application/x-protobuf\r\nContent-Length: 4\r\n\r\n\x0a\x02\x08\x01",
            "POST /v1/traces HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n",
            "POST /v1/traces HTTP/1.1\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                + QByteArray::number(bomb.size()) + "\r\n\r\n" + bomb,
            "GARBAGE\r\n\r\n",
            "POST /v1/traces HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n",
        };
        const int expected[] = {400, 415, 413, 413, 400, 400};
        int right = 0;
        QElapsedTimer timer;
        timer.start();
        qint64 peak = 0;
        for (int i = 0; i < 5000; ++i) {
            const int k = i % 6;
            QTcpSocket s;
            s.connectToHost(QHostAddress(QHostAddress::LocalHost), rx.port());
            s.waitForConnected(2000);
            s.write(requests[k]);
            QByteArray in;
            while (!in.contains("\r\n\r\n") && s.waitForReadyRead(3000))
                in += s.readAll();
            right += in.mid(9, 3).toInt() == expected[k] ? 1 : 0;
            if (i % 500 == 0)
                peak = std::max(peak, rssKb());
        }
        const Wire wire = makeWire(10, 4, true);
        QTcpSocket good;
        good.connectToHost(QHostAddress(QHostAddress::LocalHost), rx.port());
        good.waitForConnected(2000);
        good.write(wire.bytes);
        QByteArray in;
        while (!in.contains("\r\n\r\n{") && good.waitForReadyRead(3000))
            in += good.readAll();
        std::printf("  %d of 5000 answered with the expected status in %lld ms; peak RSS %lld MB; then a good request: %s\n",
                    right, timer.elapsed(), peak / 1024, in.left(12).constData());
        rx.receiver->stop();
        consumer.stop();
        check.expect(right == 5000, "every bad request got its 4xx");
        check.expect(in.startsWith("HTTP/1.1 200"), "the receiver still serves");
    }

    std::printf("\n%s (%d check%s failed)\n", check.failures ? "FAILED" : "all checks passed", check.failures,
                check.failures == 1 ? "" : "s");
    return check.failures ? 1 : 0;
}
