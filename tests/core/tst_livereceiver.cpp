// The OTLP/HTTP JSON receiver over real loopback sockets: answers, limits, timeouts, keep-alive, tokens,
// concurrency, and agreement with the file import of the same requests.
#include "tst_livehelpers.h"

#include "ingest/importer.h"
#include "ingest/otlpjson.h"
#include "live/otlpreceiver.h"
#include "live/otlptracestream.h"
#include "live/tokenpricer.h"
#include "live/recordqueue.h"
#include "record.h"
#include "recordsink.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <memory>

using namespace Apprentice;
using namespace LiveTest;
using namespace Qt::StringLiterals;

namespace {

std::vector<Record> recordsOf(const std::vector<LiveBatch> &batches, qint64 *rejected = nullptr)
{
    std::vector<Record> out;
    for (const LiveBatch &b : batches) {
        out.insert(out.end(), b.records.begin(), b.records.end());
        if (rejected)
            *rejected += b.rejected;
    }
    return out;
}

double customValue(const Record &r, const char *name)
{
    for (const auto &[key, value] : r.custom) {
        if (key == name)
            return value;
    }
    return -1;
}

std::string_view viewOf(const QByteArray &b)
{
    return std::string_view(b.constData(), size_t(b.size()));
}

class CollectingSink : public RecordSink
{
public:
    void onRecord(const RecordView &record) override { records.push_back(Record::fromView(record)); }
    void onRejected(qint64, const QString &) override { ++rejected; }
    std::vector<Record> records;
    qint64 rejected = 0;
};

} // namespace

class TestLiveReceiver : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RecordQueue> m_queue;
    std::unique_ptr<OtlpReceiver> m_receiver;
    std::shared_ptr<LiveStatus> m_status;

    quint16 start(OtlpReceiverConfig config = {})
    {
        config.address = QHostAddress(QHostAddress::LocalHost);
        config.port = 0;
        if (config.threads == 0)
            config.threads = 2;
        m_status = std::make_shared<LiveStatus>();
        m_receiver = std::make_unique<OtlpReceiver>(config, 7, m_queue.get(), m_status);
        QString error;
        if (!m_receiver->listen(&error))
            qWarning("%s", qPrintable(error));
        return m_receiver->serverPort();
    }

private slots:
    void init() { m_queue = std::make_unique<RecordQueue>(1000000); }
    void cleanup()
    {
        m_receiver.reset();
        m_queue.reset();
    }

    void acceptedSpansBecomeRecordsBefore200()
    {
        // An LLM call inside a tool call: its token usage is the tool's cost driver.
        Span agent;
        agent.spanId = u"a000000000000001"_s;
        agent.name = u"invoke_agent billing"_s;
        agent.operation = u"invoke_agent"_s;
        agent.agent = u"billing"_s;
        Span fetch = toolSpan(u"b000000000000001"_s, u"fetch_data"_s, 231.5, true, agent.spanId);
        Span chat;
        chat.spanId = u"c000000000000001"_s;
        chat.parentSpanId = fetch.spanId;
        chat.name = u"chat llama3.2"_s;
        chat.operation = u"chat"_s;
        chat.inputTokens = 34;
        chat.outputTokens = 12;
        Span send = toolSpan(u"b000000000000002"_s, u"send_results"_s, 12, false, agent.spanId);

        const quint16 port = start();
        QVERIFY(port > 0);
        RawClient client;
        QVERIFY(client.connectTo(port));
        const Reply reply = client.exchange(post(otlpRequest(u"svc"_s, {agent, fetch, chat, send}, u"2.1.0"_s)));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, QByteArray("{}"));
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));

        // The records were queued before the answer was written.
        const std::vector<LiveBatch> batches = m_queue->takeAll();
        QCOMPARE(batches.size(), size_t(1));
        QCOMPARE(batches[0].connection, 7);
        const std::vector<Record> &records = batches[0].records;
        QCOMPARE(records.size(), size_t(2));
        QCOMPARE(records[0].workflow, std::string("billing"));
        QCOMPARE(records[0].version, std::string("2.1.0"));
        QCOMPARE(records[0].execution, std::string("5b8efff798038103d269b633813fc60c"));
        QCOMPARE(records[0].tool, std::string("fetch_data"));
        QCOMPARE(records[0].value(Metric::Latency), 231.5);
        QCOMPARE(records[0].tsMs, qint64(1700000000000));
        QVERIFY(records[0].ok);
        QCOMPARE(customValue(records[0], "input_tokens"), 34.0);
        QCOMPARE(customValue(records[0], "output_tokens"), 12.0);
        QCOMPARE(records[1].tool, std::string("send_results"));
        QVERIFY(!records[1].ok);
        QCOMPARE(records[1].error, std::string("boom"));
        QCOMPARE(records[0].line, 1); // the request number
        const OtlpReceiverStats stats = m_receiver->stats();
        QCOMPARE(stats.spansAccepted, 2);
        QCOMPARE(stats.spansRejected, 0);
        QCOMPARE(stats.requestsOk, 1);
    }

    void partialSuccessCountsRejectedSpans()
    {
        Span noTool = toolSpan(u"d000000000000001"_s, QString(), 5);
        noTool.name = u"execute_tool"_s;
        Span backwards = toolSpan(u"d000000000000002"_s, u"validate"_s, 5);
        backwards.endNs = backwards.startNs - 1;
        const Span good = toolSpan(u"d000000000000003"_s, u"process"_s, 88);

        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        const Reply reply = client.exchange(post(otlpRequest(u"svc"_s, {noTool, backwards, good})));
        QCOMPARE(reply.status, 200);
        const QJsonObject partial = reply.json().value(u"partialSuccess").toObject();
        QCOMPARE(partial.value(u"rejectedSpans").toString(), u"2"_s); // int64 as a decimal string, as OTLP/JSON does
        QVERIFY(partial.value(u"errorMessage").toString().contains(u"d000000000000001"_s));

        qint64 rejected = 0;
        const std::vector<Record> records = recordsOf(m_queue->takeAll(), &rejected);
        QCOMPARE(records.size(), size_t(1));
        QCOMPARE(rejected, 2);
        QCOMPARE(m_receiver->stats().spansRejected, 2);
        QCOMPARE(m_receiver->stats().spansAccepted, 1);
    }

    void badJsonIs400_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{bad") << u"invalid JSON"_s;
        QTest::newRow("empty") << QByteArray() << u"JSON"_s;
        QTest::newRow("array") << QByteArray("[]") << u"must be a JSON object"_s;
        QTest::newRow("resourceSpans not array") << QByteArray(R"({"resourceSpans":5})") << u"must be an array"_s;
        QTest::newRow("bad UTF-8") << QByteArray("{\"resourceSpans\":[],\"x\":\"\xff\"}") << u"UTF-8"_s;
    }
    void badJsonIs400()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        const Reply reply = client.exchange(post(body));
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(u"code").toInt(), 3); // google.rpc INVALID_ARGUMENT
        QVERIFY2(reply.json().value(u"message").toString().contains(message), reply.body.constData());
        QVERIFY(m_queue->takeAll().empty());
        // A refused body is still a whole request: the connection stays usable.
        QCOMPARE(client.exchange(post(R"({"resourceSpans":[]})")).status, 200);
        QVERIFY(m_status->snapshot().errors >= 1);
        QVERIFY(m_status->snapshot().lastError.contains(u"HTTP 400"_s));
    }

    void wrongContentTypeIs415_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QString>("message");
        QTest::newRow("protobuf") << QByteArray("application/x-protobuf") << u"http/json"_s;
        QTest::newRow("text") << QByteArray("text/plain") << u"application/json"_s;
        QTest::newRow("missing") << QByteArray() << u"missing Content-Type"_s;
    }
    void wrongContentTypeIs415()
    {
        QFETCH(QByteArray, type);
        QFETCH(QString, message);
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        const Reply reply = client.exchange(post("\x0a\x02\x08\x01", {}, 0, type));
        QCOMPARE(reply.status, 415);
        QVERIFY2(reply.json().value(u"message").toString().contains(message), reply.body.constData());
        QVERIFY(client.waitClosed()); // the body was not read: the connection cannot go on
    }

    void unknownContentEncodingIs415()
    {
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        const Reply reply = client.exchange(post("{}", {{"Content-Encoding", "br"}}));
        QCOMPARE(reply.status, 415);
        QVERIFY(reply.json().value(u"message").toString().contains(u"Content-Encoding"_s));
    }

    void oversizedBodiesAre413()
    {
        OtlpReceiverConfig config;
        config.maxBodyBytes = 4096;
        config.maxDecodedBytes = 8192;
        const quint16 port = start(config);
        {
            RawClient client; // declared too large: answered before the body is read
            QVERIFY(client.connectTo(port));
            client.send(post(QByteArray(5000, ' ')).left(200));
            Reply reply;
            QVERIFY(client.read(reply));
            QCOMPARE(reply.status, 413);
            QVERIFY(reply.json().value(u"message").toString().contains(u"4096"_s));
            client.send(QByteArray(4800, ' ')); // it still sends; the answer is not lost to a reset
            QVERIFY(client.waitClosed());
        }
        {
            RawClient client; // chunked past the limit
            QVERIFY(client.connectTo(port));
            const Reply reply = client.exchange(post(QByteArray(6000, ' '), {}, 1000));
            QCOMPARE(reply.status, 413);
        }
        {
            RawClient client; // small on the wire, too large inflated
            QVERIFY(client.connectTo(port));
            const QByteArray body = "{\"resourceSpans\":[],\"pad\":\"" + QByteArray(20000, 'x') + "\"}";
            const Reply reply = client.exchange(post(gzip(body), {{"Content-Encoding", "gzip"}}));
            QCOMPARE(reply.status, 413);
            QVERIFY(reply.json().value(u"message").toString().contains(u"inflates"_s));
        }
        QVERIFY(m_queue->takeAll().empty());
        QCOMPARE(m_receiver->stats().requestsFailed, 3);
    }

    void gzipBodiesAreInflated()
    {
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        Reply reply = client.exchange(post(gzip(toolSpans(u"zipped"_s, 3)), {{"Content-Encoding", "gzip"}}, 100));
        QCOMPARE(reply.status, 200);
        const std::vector<Record> records = recordsOf(m_queue->takeAll());
        QCOMPARE(records.size(), size_t(3));
        QCOMPARE(records[0].workflow, std::string("zipped"));

        reply = client.exchange(post(gzip("{}").left(10), {{"Content-Encoding", "GZIP"}}));
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json().value(u"message").toString().contains(u"gzip"_s));
    }

    void chunkedRequestsShareAKeptAliveConnection()
    {
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        for (int i = 0; i < 5; ++i) {
            const Reply reply = client.exchange(post(toolSpans(u"svc"_s, 4, i), {}, 64 + i));
            QCOMPARE(reply.status, 200);
            QVERIFY(reply.header("Connection").isEmpty()); // kept alive
        }
        QCOMPARE(recordsOf(m_queue->takeAll()).size(), size_t(20));
        const OtlpReceiverStats stats = m_receiver->stats();
        QCOMPARE(stats.connectionsAccepted, 1);
        QCOMPARE(stats.requestsOk, 5);
        QCOMPARE(stats.spansAccepted, 20);
        // Connection: close is honoured.
        const Reply last = client.exchange(post("{}", {{"Connection", "close"}}));
        QCOMPARE(last.header("Connection"), QByteArray("close"));
        QVERIFY(client.waitClosed());
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        client.send(post(toolSpans(u"one"_s, 1)) + post("{bad") );
        Reply first;
        Reply second;
        QVERIFY(client.read(first));
        QVERIFY(client.read(second));
        QCOMPARE(first.status, 200);
        QCOMPARE(second.status, 400);
    }

    void expectContinueIsAnswered()
    {
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        const QByteArray body = toolSpans(u"svc"_s, 2);
        const QByteArray request = post(body, {{"Expect", "100-continue"}});
        client.send(request.left(request.size() - body.size()));
        Reply cont;
        QVERIFY(client.read(cont));
        QCOMPARE(cont.status, 100);
        client.send(body);
        Reply reply;
        QVERIFY(client.read(reply));
        QCOMPARE(reply.status, 200);
        QCOMPARE(recordsOf(m_queue->takeAll()).size(), size_t(2));
    }

    void bearerTokenIsRequiredWhenSet_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::newRow("none") << QByteArray() << 401;
        QTest::newRow("wrong") << QByteArray("Bearer nope") << 401;
        QTest::newRow("basic") << QByteArray("Basic czNjcjN0") << 401;
        QTest::newRow("right") << QByteArray("Bearer s3cr3t") << 200;
        QTest::newRow("scheme case") << QByteArray("bearer s3cr3t") << 200;
    }
    void bearerTokenIsRequiredWhenSet()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        OtlpReceiverConfig config;
        config.bearerToken = "s3cr3t";
        const quint16 port = start(config);
        RawClient client;
        QVERIFY(client.connectTo(port));
        Headers headers;
        if (!authorization.isEmpty())
            headers.append(qMakePair(QByteArray("Authorization"), authorization));
        const Reply reply = client.exchange(post(toolSpans(u"svc"_s, 1), headers));
        QCOMPARE(reply.status, status);
        QCOMPARE(recordsOf(m_queue->takeAll()).size(), size_t(status == 200 ? 1 : 0));
        if (status == 401) {
            QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer"));
            QCOMPARE(reply.json().value(u"code").toInt(), 16);
        }
    }

    void onlyPostToTracesIsServed()
    {
        const quint16 port = start();
        RawClient a;
        QVERIFY(a.connectTo(port));
        QCOMPARE(a.exchange(post("{}", {}, 0, "application/json", "/v1/metrics")).status, 404);
        RawClient b;
        QVERIFY(b.connectTo(port));
        const Reply get = b.exchange("GET /v1/traces HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(get.status, 405);
        QCOMPARE(get.header("Allow"), QByteArray("POST"));
    }

    void malformedHttpIs400AndCloses()
    {
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        const Reply reply = client.exchange("NONSENSE\r\n\r\n");
        QCOMPARE(reply.status, 400);
        QVERIFY(client.waitClosed());
    }

    void slowClientsTimeOut()
    {
        OtlpReceiverConfig config;
        config.headerTimeoutMs = 150;
        config.requestTimeoutMs = 400;
        config.idleTimeoutMs = 300;
        config.lingerMs = 200;
        const quint16 port = start(config);

        RawClient headers; // never finishes its headers
        QVERIFY(headers.connectTo(port));
        headers.send("POST /v1/traces HTTP/1.1\r\nContent-Type: appl");
        Reply reply;
        QVERIFY(headers.read(reply, 3000));
        QCOMPARE(reply.status, 408);
        QVERIFY(headers.waitClosed(3000));

        RawClient body; // headers on time, body never completes
        QVERIFY(body.connectTo(port));
        body.send(post(QByteArray(100, ' ')).chopped(50));
        QVERIFY(body.read(reply, 3000));
        QCOMPARE(reply.status, 408);
        QVERIFY(reply.json().value(u"message").toString().contains(u"400 ms"_s));

        RawClient idle; // connects and says nothing: closed quietly
        QVERIFY(idle.connectTo(port));
        QVERIFY(idle.waitClosed(3000));
        QVERIFY(idle.buffer.isEmpty());
        QCOMPARE(m_receiver->stats().timeouts, 2);
        QTRY_COMPARE(m_receiver->stats().connectionsOpen, 0);
    }

    void connectionsOverTheLimitGet503()
    {
        OtlpReceiverConfig config;
        config.maxConnections = 3;
        const quint16 port = start(config);
        RawClient clients[3];
        for (RawClient &c : clients) {
            QVERIFY(c.connectTo(port));
            QCOMPARE(c.exchange(post("{}")).status, 200); // surely adopted before the next one comes
        }
        RawClient extra;
        QVERIFY(extra.connectTo(port));
        Reply reply;
        QVERIFY(extra.read(reply));
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.header("Retry-After"), QByteArray("1"));
        QVERIFY(extra.waitClosed());
        QCOMPARE(m_receiver->stats().connectionsRefused, 1);
        clients[0].socket.disconnectFromHost();
        QTRY_COMPARE(m_receiver->stats().connectionsOpen, 2);
        RawClient again;
        QVERIFY(again.connectTo(port));
        QCOMPARE(again.exchange(post("{}")).status, 200);
    }

    void fullQueueIs503AndNothingIsAccepted()
    {
        m_queue = std::make_unique<RecordQueue>(5);
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        QCOMPARE(client.exchange(post(toolSpans(u"svc"_s, 4))).status, 200);
        const Reply busy = client.exchange(post(toolSpans(u"svc"_s, 4)));
        QCOMPARE(busy.status, 503);
        QCOMPARE(busy.header("Retry-After"), QByteArray("1"));
        QCOMPARE(busy.json().value(u"code").toInt(), 14);
        QCOMPARE(m_receiver->stats().spansAccepted, 4);
        QCOMPARE(recordsOf(m_queue->takeAll()).size(), size_t(4));
        QCOMPARE(client.exchange(post(toolSpans(u"svc"_s, 4))).status, 200); // room again: the retry succeeds
        QCOMPARE(m_receiver->stats().spansAccepted, 8);
        QCOMPARE(m_queue->acceptedRecords(), 8);
    }

    void bufferBudgetRefusesWhenExhausted()
    {
        OtlpReceiverConfig config;
        config.maxBufferedBytes = 8192;
        const quint16 port = start(config);
        RawClient hog;
        QVERIFY(hog.connectTo(port));
        hog.send(post(QByteArray(60000, ' ')).left(7000)); // holds 7000 bytes, unfinished
        QTRY_VERIFY(m_receiver->bufferedBytes() >= 7000);
        RawClient other;
        QVERIFY(other.connectTo(port));
        const Reply reply = other.exchange(post(QByteArray(4000, ' ')));
        QCOMPARE(reply.status, 503);
        QVERIFY(reply.json().value(u"message").toString().contains(u"unfinished"_s));
        hog.socket.abort();
        QTRY_COMPARE(m_receiver->bufferedBytes(), 0);
        RawClient later;
        QVERIFY(later.connectTo(port));
        QCOMPARE(later.exchange(post(toolSpans(u"svc"_s, 1))).status, 200);
    }

    void refusesNonLoopbackWithoutPermission()
    {
        OtlpReceiverConfig config;
        config.address = QHostAddress(QHostAddress::AnyIPv4);
        config.port = 0;
        auto status = std::make_shared<LiveStatus>();
        OtlpReceiver receiver(config, 1, m_queue.get(), status);
        QString error;
        QVERIFY(!receiver.listen(&error));
        QVERIFY(error.contains(u"loopback"_s));
        QCOMPARE(status->snapshot().state, ConnectionState::Stopped);
        QCOMPARE(status->snapshot().lastError, error);
    }

    void takenPortIsAnError()
    {
        const quint16 port = start();
        OtlpReceiverConfig config;
        config.port = port;
        OtlpReceiver second(config, 2, m_queue.get(), std::make_shared<LiveStatus>());
        QString error;
        QVERIFY(!second.listen(&error));
        QVERIFY2(error.contains(u"cannot listen"_s), qPrintable(error));
    }

    void manyConcurrentClientsLoseNothing()
    {
        const quint16 port = start();
        constexpr int Clients = 100;
        constexpr int Requests = 5;
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < Clients; ++i) {
            clients.push_back(std::make_unique<RawClient>());
            QVERIFY(clients.back()->connectTo(port));
        }
        QTRY_COMPARE(m_receiver->stats().connectionsOpen, Clients);
        for (int r = 0; r < Requests; ++r) {
            for (int i = 0; i < Clients; ++i) // all in flight at once...
                clients[size_t(i)]->send(post(toolSpans(u"svc%1"_s.arg(i), 3, r), {}, (i % 2) ? 97 : 0));
            for (int i = 0; i < Clients; ++i) { // ...then every answer
                Reply reply;
                QVERIFY(clients[size_t(i)]->read(reply));
                QCOMPARE(reply.status, 200);
            }
        }
        const std::vector<Record> records = recordsOf(m_queue->takeAll());
        QCOMPARE(records.size(), size_t(Clients * Requests * 3));
        QCOMPARE(m_receiver->stats().spansAccepted, Clients * Requests * 3);
        QCOMPARE(m_receiver->stats().connectionsAccepted, Clients);
        QTRY_COMPARE(m_status->snapshot().clients, Clients);
    }

    void stopsWithClientsConnected()
    {
        const quint16 port = start();
        RawClient idle;
        QVERIFY(idle.connectTo(port));
        RawClient midRequest;
        QVERIFY(midRequest.connectTo(port));
        midRequest.send(post(toolSpans(u"svc"_s, 1)).left(60));
        QTRY_COMPARE(m_receiver->stats().connectionsOpen, 2);
        m_receiver->stop();
        QVERIFY(!m_receiver->isListening());
        QVERIFY(idle.waitClosed());
        QVERIFY(midRequest.waitClosed());
        QCOMPARE(m_status->snapshot().state, ConnectionState::Stopped);
        QTcpSocket refused;
        refused.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        QVERIFY(!refused.waitForConnected(2000));
    }

    void toolCallsWaitForTheirWorkflowSpanFromALaterRequest()
    {
        // Exporters send spans as they end: the tool calls first, the agent that names the workflow later.
        Span agent;
        agent.spanId = u"a00000000000000a"_s;
        agent.name = u"invoke_agent billing"_s;
        agent.operation = u"invoke_agent"_s;
        Span step; // an intermediate span between the tool and the agent, in a third request
        step.spanId = u"500000000000000a"_s;
        step.parentSpanId = agent.spanId;
        step.name = u"plan"_s;
        const Span fetch = toolSpan(u"b00000000000000a"_s, u"fetch_data"_s, 20, true, step.spanId);
        const Span send = toolSpan(u"b00000000000000b"_s, u"send_results"_s, 30, true, agent.spanId);
        const Span root = toolSpan(u"b00000000000000c"_s, u"lonely"_s, 5); // no parent: goes at once

        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {fetch, send, root}))).status, 200);
        std::vector<Record> records = recordsOf(m_queue->takeAll());
        QCOMPARE(records.size(), size_t(1));
        QCOMPARE(records[0].tool, std::string("lonely"));
        QCOMPARE(m_receiver->heldRecords(), 2);
        QCOMPARE(m_receiver->stats().spansAccepted, 3); // held records are accepted: they were answered 200

        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {step}))).status, 200);
        QVERIFY(m_queue->takeAll().empty()); // fetch now waits for the agent; send still does
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {agent}))).status, 200);
        records = recordsOf(m_queue->takeAll());
        QCOMPARE(records.size(), size_t(2));
        for (const Record &r : records)
            QCOMPARE(r.workflow, std::string("billing"));
        QCOMPARE(m_receiver->heldRecords(), 0);
        QCOMPARE(m_queue->acceptedRecords(), m_receiver->stats().spansAccepted);
    }

    void tokenUsageSentBeforeItsToolCallReachesIt()
    {
        // The LLM call ends, and is exported, before the tool call that made it.
        const Span tool = toolSpan(u"b00000000000000e"_s, u"summarise"_s, 900);
        Span step;
        step.spanId = u"600000000000000e"_s;
        step.parentSpanId = tool.spanId;
        step.name = u"retry loop"_s;
        Span first;
        first.spanId = u"c00000000000000e"_s;
        first.parentSpanId = step.spanId;
        first.name = u"chat gpt-4o-mini"_s;
        first.operation = u"chat"_s;
        first.inputTokens = 500;
        first.outputTokens = 40;
        Span second = first;
        second.spanId = u"c00000000000000f"_s;
        second.parentSpanId = tool.spanId;
        second.inputTokens = 20;
        second.outputTokens = -1;
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {first}))).status, 200);
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {step, second}))).status, 200);
        QVERIFY(m_queue->takeAll().empty());
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {tool}))).status, 200);
        const std::vector<Record> records = recordsOf(m_queue->takeAll());
        QCOMPARE(records.size(), size_t(1));
        QCOMPARE(customValue(records[0], "input_tokens"), 520.0);
        QCOMPARE(customValue(records[0], "output_tokens"), 40.0);
    }

    void heldToolCallsGoOnWithTheServiceNameWhenTheWaitEnds()
    {
        OtlpReceiverConfig config;
        config.stitchHoldMs = 100;
        const quint16 port = start(config);
        RawClient client;
        QVERIFY(client.connectTo(port));
        const Span orphan = toolSpan(u"b00000000000000d"_s, u"fetch_data"_s, 20, true, u"ffffffffffffffff"_s);
        QCOMPARE(client.exchange(post(otlpRequest(u"checkout-service"_s, {orphan}))).status, 200);
        QCOMPARE(m_receiver->heldRecords(), 1);
        QTRY_COMPARE(m_queue->size(), 1);
        const std::vector<Record> records = recordsOf(m_queue->takeAll());
        QCOMPARE(records[0].workflow, std::string("checkout-service"));

        // Stopping releases what still waits: it was answered 200, so it is analysed.
        config.stitchHoldMs = 60000;
        start(config);
        RawClient again;
        QVERIFY(again.connectTo(m_receiver->serverPort()));
        QCOMPARE(again.exchange(post(otlpRequest(u"svc"_s, {orphan}))).status, 200);
        QCOMPARE(m_receiver->heldRecords(), 1);
        m_receiver->stop();
        QCOMPARE(recordsOf(m_queue->takeAll()).size(), size_t(1));
    }

    void tokenPricesComeFromThePriceTable_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<double>("input");
        QTest::addColumn<double>("output");
        QTest::addColumn<double>("cached");
        QTest::addColumn<double>("usd"); // -1: unpriced
        // resources/prices.json: gpt-4o-mini* 0.15 / 0.60 (cached 0.075), claude-haiku-4-5* 1 / 5 (cache read 0.10)
        QTest::newRow("prefix row") << u"openai"_s << u"gpt-4o-mini-2024-07-18"_s << 1000.0 << 500.0 << -1.0 << 0.00045;
        QTest::newRow("cached input at its rate") << u"openai"_s << u"gpt-4o-mini"_s << 1000.0 << 0.0 << 400.0 << 0.00012;
        QTest::newRow("output only") << u"anthropic"_s << u"claude-haiku-4-5"_s << -1.0 << 1000.0 << -1.0 << 0.005;
        QTest::newRow("local model costs 0") << u"ollama"_s << u"llama3.2"_s << 5000.0 << 5000.0 << -1.0 << 0.0;
        QTest::newRow("unknown model") << u"openai"_s << u"my-finetune"_s << 10.0 << 10.0 << -1.0 << -1.0;
        QTest::newRow("unknown provider") << u"gcp.gemini"_s << u"gemini-2.5-pro"_s << 10.0 << 10.0 << -1.0 << -1.0;
        QTest::newRow("no model") << u"openai"_s << QString() << 10.0 << 10.0 << -1.0 << -1.0;
        QTest::newRow("not a provider") << u"rules"_s << u"x"_s << 10.0 << 10.0 << -1.0 << -1.0;
    }

    void tokenPricesComeFromThePriceTable()
    {
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(double, input);
        QFETCH(double, output);
        QFETCH(double, cached);
        QFETCH(double, usd);
        const std::optional<double> cost =
            TokenPricer::builtIn().costUsd(provider.toStdString(), model.toStdString(), input, output, cached);
        QCOMPARE(cost.has_value(), usd >= 0);
        if (cost)
            QVERIFY2(qAbs(*cost - usd) < 1e-12, qPrintable(QString::number(*cost, 'g', 17)));
    }

    void chatCostGoesToTheEnclosingToolCall()
    {
        // The priced call ends, and is exported, before its tool call; the unpriced one comes with it.
        const Span tool = toolSpan(u"b000000000000021"_s, u"summarise"_s, 900);
        const Span priced = chatSpan(u"c000000000000021"_s, tool.spanId, 1000, 500);
        Span unknown = chatSpan(u"c000000000000022"_s, tool.spanId, 200, 10, u"my-finetune"_s, u"vllm"_s);
        unknown.operation = u"text_completion"_s;
        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {priced}))).status, 200);
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {unknown, tool}))).status, 200);
        const std::vector<Record> records = recordsOf(m_queue->takeAll());
        QCOMPARE(records.size(), size_t(1));
        QVERIFY(qAbs(records[0].value(Metric::Cost) - 0.00045) < 1e-12); // the unknown model adds 0, not a guess
        QCOMPARE(customValue(records[0], "input_tokens"), 1200.0);
        QCOMPARE(customValue(records[0], "output_tokens"), 510.0);
        const OtlpReceiverStats stats = m_receiver->stats();
        QCOMPARE(stats.llmCalls, 2);
        QCOMPARE(stats.llmCallsUnpriced, 1);

        // A tool call without LLM calls has no cost at all, rather than a cost of 0.
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {toolSpan(u"b000000000000023"_s, u"fetch"_s, 5)}))).status, 200);
        QVERIFY(!isPresent(recordsOf(m_queue->takeAll()).at(0).value(Metric::Cost)));
    }

    void llmCallsOutsideToolCallsGoToTheNearestToolCallOfTheirTrace()
    {
        // An agent plans with an LLM, calls a tool, thinks again, calls another; its span ends, and comes, last.
        Span agent;
        agent.spanId = u"a000000000000031"_s;
        agent.name = u"invoke_agent support"_s;
        agent.operation = u"invoke_agent"_s;
        const auto tool = [&](const char *id, const QString &name, qint64 startMs, qint64 lengthMs) {
            Span s = toolSpan(QString::fromLatin1(id), name, double(lengthMs), true, agent.spanId);
            s.startNs += startMs * 1000000;
            s.endNs += startMs * 1000000;
            return s;
        };
        const Span plan = chatSpan(u"c000000000000031"_s, agent.spanId, 1000, 0, u"gpt-4o-mini"_s, u"openai"_s, 0, 100);
        const Span lookup = tool("b000000000000031", u"lookup"_s, 150, 50);
        const Span think = chatSpan(u"c000000000000032"_s, agent.spanId, 0, 1000, u"gpt-4o-mini"_s, u"openai"_s, 320, 380);
        const Span reply = tool("b000000000000032", u"reply"_s, 400, 50);
        // A trace whose root is an LLM call: its usage waits for the trace's next tool call.
        Span early = chatSpan(u"c000000000000033"_s, QString(), 10, 10, u"gpt-4o-mini"_s, u"openai"_s, 0, 10);
        early.traceId = u"00000000000000000000000000000033"_s;
        Span late = toolSpan(u"b000000000000033"_s, u"late"_s, 10);
        late.traceId = early.traceId;
        Span other = late; // another trace: usage never crosses traces
        other.traceId = u"00000000000000000000000000000077"_s;

        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {plan, lookup}))).status, 200);
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {think, reply}))).status, 200);
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {early}))).status, 200);
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {other}))).status, 200);
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {late}))).status, 200);
        QCOMPARE(client.exchange(post(otlpRequest(u"svc"_s, {agent}))).status, 200);
        std::vector<Record> records = recordsOf(m_queue->takeAll());
        QCOMPARE(records.size(), size_t(4));
        std::map<std::string, const Record *> byTool;
        for (const Record &r : records)
            byTool[r.tool + (r.execution == "00000000000000000000000000000077" ? "@other" : "")] = &r;
        QVERIFY(byTool.count("lookup") && byTool.count("reply") && byTool.count("late") && byTool.count("late@other"));
        QCOMPARE(customValue(*byTool["lookup"], "input_tokens"), 1000.0); // the plan before it, 50 ms away
        QCOMPARE(customValue(*byTool["lookup"], "output_tokens"), 0.0);
        QCOMPARE(customValue(*byTool["reply"], "output_tokens"), 1000.0); // 20 ms from reply, 120 ms from lookup
        QCOMPARE(customValue(*byTool["late"], "input_tokens"), 10.0);
        QCOMPARE(customValue(*byTool["late@other"], "input_tokens"), -1.0);
        QVERIFY(qAbs(byTool["lookup"]->value(Metric::Cost) - 0.00015) < 1e-12);
        QVERIFY(qAbs(byTool["reply"]->value(Metric::Cost) - 0.0006) < 1e-12);
        QCOMPARE(byTool["late"]->workflow, std::string("svc"));
        for (const char *name : {"lookup", "reply"})
            QCOMPARE(byTool[name]->workflow, std::string("support"));
    }

    void traceFilesStitchWithinABoundedWindow()
    {
        // A tool call waits for the span naming its workflow for at most holdRequests lines, then goes on.
        OtlpTraceStream::Limits limits;
        limits.holdRequests = 2;
        OtlpTraceStream stream(limits);
        CollectingSink sink;
        Span agent;
        agent.spanId = u"a000000000000041"_s;
        agent.name = u"invoke_workflow refunds"_s;
        agent.operation = u"invoke_workflow"_s;
        const Span waits = toolSpan(u"b000000000000041"_s, u"refund"_s, 10, true, agent.spanId);
        const Span lost = toolSpan(u"b000000000000042"_s, u"orphan"_s, 10, true, u"ffffffffffffffff"_s);
        const QByteArray empty = otlpRequest(u"svc"_s, {});
        QCOMPARE(stream.add(viewOf(otlpRequest(u"svc"_s, {waits, lost})), 1, sink).records, 0);
        QCOMPARE(stream.heldRecords(), 2);
        QCOMPARE(stream.add(viewOf(otlpRequest(u"svc"_s, {agent})), 2, sink).records, 1);
        QCOMPARE(sink.records.back().workflow, std::string("refunds"));
        QCOMPARE(sink.records.back().line, 1);
        stream.add(viewOf(empty), 3, sink);
        QCOMPARE(stream.heldRecords(), 0); // two requests later its wait is over
        QCOMPARE(sink.records.back().workflow, std::string("svc"));

        // The cap on waiting records: beyond it, records go on at once; the end of the file releases the rest.
        limits.holdRequests = 1000;
        limits.maxHeldRecords = 1;
        OtlpTraceStream capped(limits);
        CollectingSink cappedSink;
        QCOMPARE(capped.add(viewOf(otlpRequest(u"svc"_s, {waits, lost})), 1, cappedSink).records, 1);
        QCOMPARE(capped.heldRecords(), 1);
        QCOMPARE(capped.finish(cappedSink).records, 1);
        QCOMPARE(capped.heldRecords(), 0);
        QCOMPARE(cappedSink.records.size(), size_t(2));
    }

    void collectorFileExportAndReceiverAgree()
    {
        // The OpenTelemetry Collector's file exporter writes one ExportTraceServiceRequest per line, and a trace's
        // spans may be split across lines just as across HTTP requests.
        Span agent;
        agent.spanId = u"a000000000000009"_s;
        agent.name = u"invoke_workflow checkout"_s;
        agent.operation = u"invoke_workflow"_s;
        Span chat;
        chat.spanId = u"c000000000000009"_s;
        chat.parentSpanId = u"b000000000000009"_s;
        chat.name = u"chat gpt-4o-mini"_s;
        chat.operation = u"chat"_s;
        chat.inputTokens = 100;
        chat.outputTokens = 7;
        Span refunds;
        refunds.traceId = u"0000000000000000000000000000aaaa"_s;
        refunds.spanId = u"a00000000000000f"_s;
        refunds.name = u"invoke_workflow refunds"_s;
        refunds.operation = u"invoke_workflow"_s;
        Span refund = toolSpan(u"b00000000000000f"_s, u"refund"_s, 77, true, refunds.spanId);
        refund.traceId = refunds.traceId;
        Span refundChat = chatSpan(u"c00000000000000f"_s, refund.spanId, 2000, 100, u"claude-haiku-4-5"_s, u"anthropic"_s);
        refundChat.traceId = refunds.traceId;
        const QByteArray requests[] = {
            otlpRequest(u"shop"_s, {agent, toolSpan(u"b000000000000009"_s, u"price"_s, 45.25, true, agent.spanId), chat}, u"3.0.0"_s),
            toolSpans(u"inventory"_s, 5, 1),
            otlpRequest(u"shop"_s, {toolSpan(u"e000000000000001"_s, u"charge"_s, 310, false)}),
            otlpRequest(u"shop"_s, {refundChat}), // the LLM call, then its tool call, then the workflow: three lines
            otlpRequest(u"shop"_s, {refund}),
            otlpRequest(u"shop"_s, {refunds}),
        };
        QTemporaryDir dir;
        QFile file(dir.filePath(u"traces.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (const QByteArray &r : requests)
            file.write(r + '\n');
        file.close();
        CollectingSink imported;
        const ImportResult result = importFile(file.fileName(), imported);
        QCOMPARE(result.outcome, Outcome::Finished);

        const quint16 port = start();
        RawClient client;
        QVERIFY(client.connectTo(port));
        for (const QByteArray &r : requests)
            QCOMPARE(client.exchange(post(r, {}, 128)).status, 200);
        const std::vector<Record> received = recordsOf(m_queue->takeAll());

        QCOMPARE(received.size(), imported.records.size());
        QCOMPARE(received.size(), size_t(8));
        for (size_t i = 0; i < received.size(); ++i) {
            const Record &a = received[i];
            const Record &b = imported.records[i];
            QCOMPARE(a.workflow, b.workflow);
            QCOMPARE(a.version, b.version);
            QCOMPARE(a.execution, b.execution);
            QCOMPARE(a.tool, b.tool);
            QCOMPARE(a.tsMs, b.tsMs);
            QCOMPARE(a.value(Metric::Latency), b.value(Metric::Latency));
            QCOMPARE(isPresent(a.value(Metric::Cost)), isPresent(b.value(Metric::Cost)));
            if (isPresent(a.value(Metric::Cost)))
                QCOMPARE(a.value(Metric::Cost), b.value(Metric::Cost));
            QCOMPARE(a.ok, b.ok);
            QCOMPARE(a.error, b.error);
            QCOMPARE(a.custom, b.custom);
            QCOMPARE(a.line, b.line); // request n is line n of the file
        }
        QCOMPARE(received[0].workflow, std::string("checkout"));
        QCOMPARE(customValue(received[0], "input_tokens"), 100.0);
        QCOMPARE(received[0].value(Metric::Cost), 0.0); // a chat without a provider or model: unpriced, 0
        const Record &last = imported.records.back();
        QCOMPARE(last.tool, std::string("refund"));
        QCOMPARE(last.workflow, std::string("refunds")); // from line 6, not the service name of line 5
        QCOMPARE(last.line, 5);
        QCOMPARE(customValue(last, "input_tokens"), 2000.0);
        QVERIFY(qAbs(last.value(Metric::Cost) - 0.0025) < 1e-12); // 2000 × $1/M + 100 × $5/M
    }
};

QTEST_GUILESS_MAIN(TestLiveReceiver)
#include "tst_livereceiver.moc"
