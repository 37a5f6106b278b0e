// Pull connections (NDJSON and SSE streams), the file tail, the demo stream server and the connection manager,
// over loopback sockets and real files.
#include "tst_livehelpers.h"

#include "live/connectionmanager.h"
#include "live/demostreamserver.h"
#include "live/filetail.h"
#include "live/recordqueue.h"
#include "live/streamclient.h"
#include "record.h"
#include "simulator/demosimulator.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <deque>
#include <memory>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

QByteArray recordLine(const char *tool, double latency, const char *execution = "e1")
{
    return QByteArray(R"({"ts":"2026-10-01T00:00:00.000Z","workflow":"wf","execution":")") + execution
        + R"(","tool":")" + tool + R"(","latency_ms":)" + QByteArray::number(latency) + R"(,"status":"ok"})";
}

// Answers each incoming connection with the next scripted response, on the test thread.
class ScriptedServer
{
public:
    struct Response {
        int status = 200;
        QByteArray contentType = "application/x-ndjson";
        QList<QByteArray> chunks; // sent with chunked transfer coding
        bool keepOpen = false;    // false: end the stream after the chunks
    };

    ScriptedServer()
    {
        m_server.listen(QHostAddress(QHostAddress::LocalHost), 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0 || socket->property("answered").toBool())
                        return;
                    socket->setProperty("answered", true);
                    requests.append(buffer->left(end));
                    answer(socket);
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QString url(const QString &path = u"/stream"_s) const
    {
        return u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(path);
    }
    quint16 port() const { return m_server.serverPort(); }
    QByteArray requestHeader(int request, const QByteArray &name) const
    {
        for (const QByteArray &line : requests.value(request).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

    std::deque<Response> script;
    QList<QByteArray> requests;

private:
    void answer(QTcpSocket *socket)
    {
        if (script.empty()) {
            socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            return;
        }
        const Response r = script.front();
        script.pop_front();
        QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + " Whatever\r\n";
        if (r.status == 204 || r.status >= 300) {
            head += "Content-Length: 0\r\nConnection: close\r\n\r\n";
            socket->write(head);
            socket->disconnectFromHost();
            return;
        }
        head += "Content-Type: " + r.contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        socket->write(head);
        for (const QByteArray &c : r.chunks)
            socket->write(QByteArray::number(c.size(), 16) + "\r\n" + c + "\r\n");
        if (!r.keepOpen) {
            socket->write("0\r\n\r\n");
            socket->disconnectFromHost();
        }
    }

    QTcpServer m_server;
};

std::vector<Record> recordsOf(const std::vector<LiveBatch> &batches, qint64 *rejected = nullptr,
                              QStringList *reasons = nullptr)
{
    std::vector<Record> out;
    for (const LiveBatch &b : batches) {
        out.insert(out.end(), b.records.begin(), b.records.end());
        if (rejected)
            *rejected += b.rejected;
        if (reasons) {
            for (const LiveRejection &r : b.rejections)
                *reasons << u"%1: %2"_s.arg(r.line).arg(r.reason);
        }
    }
    return out;
}

// Collects what a source pushes into its queue.
struct Drain {
    RecordQueue queue{1000000};
    std::vector<Record> records;
    qint64 rejected = 0;
    QStringList reasons;

    size_t take()
    {
        const std::vector<Record> more = recordsOf(queue.takeAll(), &rejected, &reasons);
        records.insert(records.end(), more.begin(), more.end());
        return records.size();
    }
};

void append(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
    f.write(bytes);
}

FileTailConfig tailConfig(const QString &path, bool fromStart = true)
{
    FileTailConfig c;
    c.path = path;
    c.fromStart = fromStart;
    c.pollIntervalMs = 20;
    return c;
}

StreamClientConfig streamConfig(const QString &url, StreamFormat format)
{
    StreamClientConfig c;
    c.url = QUrl(url);
    c.format = format;
    c.initialBackoffMs = 20;
    c.maxBackoffMs = 80;
    return c;
}

} // namespace

class TestLiveStreams : public QObject
{
    Q_OBJECT

private slots:
    void ndjsonStreamDeliversTheDemoInOrder()
    {
        DemoStreamConfig demo;
        demo.speed = 0;
        demo.maxExecutions = 50;
        DemoStreamServer server(demo);
        QVERIFY(server.listen(QHostAddress(QHostAddress::LocalHost), 0, false));
        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        StreamClient client(streamConfig(u"http://127.0.0.1:%1/records"_s.arg(server.serverPort()), StreamFormat::Ndjson),
                            3, &drain.queue, status);
        client.start();
        QTRY_VERIFY(drain.take() >= 200);
        client.stop();
        DemoSimulator sim;
        std::vector<Record> expected;
        while (expected.size() < 200) {
            const std::vector<Record> execution = sim.nextExecution();
            expected.insert(expected.end(), execution.begin(), execution.end());
        }
        for (size_t i = 0; i < 200; ++i) {
            QCOMPARE(drain.records[i].tool, expected[i].tool);
            QCOMPARE(drain.records[i].execution, expected[i].execution);
            QCOMPARE(drain.records[i].value(Metric::Latency), expected[i].value(Metric::Latency));
            QCOMPARE(drain.records[i].tsMs, expected[i].tsMs);
        }
        QCOMPARE(drain.records[0].line, 1);
        QCOMPARE(drain.records[199].line, 200);
        QCOMPARE(status->snapshot().state, ConnectionState::Stopped);
        QVERIFY(status->snapshot().bytes > 0);
    }

    void sseResumesAfterTheLastEventIdWithoutDuplicates()
    {
        DemoStreamConfig demo;
        demo.speed = 0;
        demo.maxExecutions = 30; // the server ends every stream after 120 records
        DemoStreamServer server(demo);
        QVERIFY(server.listen(QHostAddress(QHostAddress::LocalHost), 0, false));
        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        StreamClient client(streamConfig(u"http://127.0.0.1:%1/events"_s.arg(server.serverPort()), StreamFormat::Sse),
                            3, &drain.queue, status);
        client.start();
        // Each end of stream is a reconnect; resumed at id 120 the server has nothing more to send.
        QTRY_VERIFY(client.attempts() >= 3);
        drain.take();
        QCOMPARE(drain.records.size(), size_t(120));
        QCOMPARE(drain.records.back().execution, std::string("pco-000030"));
        QCOMPARE(status->snapshot().lastError, u"the server ended the stream"_s);
        QVERIFY(status->snapshot().errors >= 2);
    }

    void sseFramingOverTheWire()
    {
        ScriptedServer server;
        ScriptedServer::Response first;
        first.contentType = "text/event-stream";
        first.chunks = {": hello\nretry: 30\n\n", "id: 1\ndata: " + recordLine("a", 1) + "\n\n",
                        "event: heartbeat\ndata: {\"not\":\"a record\"}\n\n",
                        "id: 2\ndata: {\"ts\":\"2026-10-01T00:00:00Z\",\"workflow\":\"wf\",\n",
                        "data: \"tool\":\"b\",\"latency_ms\":2,\"status\":\"ok\"}\n\n",
                        "id: 3\ndata: not json\n\n", "id: 4\nevent: record\ndata: " + recordLine("c", 3) + "\n\nid: 5\ndata: {\"partial"};
        ScriptedServer::Response second;
        second.contentType = "text/event-stream";
        second.chunks = {"id: 6\ndata: " + recordLine("d", 4) + "\n\n"};
        second.keepOpen = true;
        server.script = {first, second};

        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        StreamClient client(streamConfig(server.url(), StreamFormat::Sse), 1, &drain.queue, status);
        client.start();
        QTRY_COMPARE(drain.take(), size_t(4));
        QStringList tools;
        for (const Record &r : drain.records)
            tools << QString::fromStdString(r.tool);
        QCOMPARE(tools, (QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s}));
        QCOMPARE(drain.rejected, 1);
        QVERIFY2(drain.reasons.value(0).startsWith(u"4: "_s), qPrintable(drain.reasons.join(u'\n')));
        // The half event was dropped; the reconnect asked to resume after the last complete one.
        QCOMPARE(server.requestHeader(1, "Last-Event-ID"), QByteArray("4"));
        QCOMPARE(server.requestHeader(0, "Accept"), QByteArray("text/event-stream"));
        QTRY_COMPARE(status->snapshot().state, ConnectionState::Connected);
    }

    void reconnectsWithBackoffAfterFailures()
    {
        ScriptedServer server;
        ScriptedServer::Response error;
        error.status = 500;
        ScriptedServer::Response ok;
        ok.chunks = {recordLine("fetch", 10) + "\n" + recordLine("send", 20).left(20), recordLine("send", 20).mid(20)};
        ok.keepOpen = true;
        server.script = {error, error, ok};
        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        StreamClient client(streamConfig(server.url(), StreamFormat::Ndjson), 1, &drain.queue, status);
        client.start();
        QTRY_COMPARE(drain.take(), size_t(1));
        QTRY_COMPARE(status->snapshot().state, ConnectionState::Connected);
        QCOMPARE(client.attempts(), 3);
        QCOMPARE(status->snapshot().errors, 2);
        QVERIFY2(status->snapshot().lastError.startsWith(u"HTTP 500"_s), qPrintable(status->snapshot().lastError));
        // A last line without its newline waits for it; at a clean end of stream it counts.
        server.script.clear();
        client.stop();
        QCOMPARE(drain.take(), size_t(1));
    }

    void lastLineWithoutNewlineCountsAtACleanEnd()
    {
        ScriptedServer server;
        ScriptedServer::Response ok;
        ok.chunks = {recordLine("one", 1) + "\n\n  \n" + recordLine("two", 2)};
        server.script = {ok};
        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        StreamClient client(streamConfig(server.url(), StreamFormat::Ndjson), 1, &drain.queue, status);
        client.start();
        QTRY_COMPARE(drain.take(), size_t(2));
        QCOMPARE(drain.records[1].tool, std::string("two"));
        QCOMPARE(drain.records[1].line, 4); // blank lines count as lines but not as records or rejections
        QCOMPARE(drain.rejected, 0);
    }

    void refusedConnectionsKeepRetrying()
    {
        quint16 port = 0;
        {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress(QHostAddress::LocalHost), 0));
            port = closed.serverPort();
        }
        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        StreamClient client(streamConfig(u"http://127.0.0.1:%1/x"_s.arg(port), StreamFormat::Ndjson), 1, &drain.queue, status);
        client.start();
        QTRY_VERIFY(client.attempts() >= 3);
        const LiveStatusSnapshot s = status->snapshot();
        QVERIFY(s.state == ConnectionState::Retrying || s.state == ConnectionState::Connecting);
        QVERIFY2(s.lastError.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(s.lastError));
        client.stop();
        QCOMPARE(status->snapshot().state, ConnectionState::Stopped);
    }

    void http204StopsForGood()
    {
        ScriptedServer server;
        ScriptedServer::Response noContent;
        noContent.status = 204;
        server.script = {noContent};
        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        StreamClient client(streamConfig(server.url(), StreamFormat::Sse), 1, &drain.queue, status);
        client.start();
        QTRY_COMPARE(status->snapshot().state, ConnectionState::Stopped);
        QVERIFY(status->snapshot().lastError.contains(u"204"_s));
        QCOMPARE(client.attempts(), 1);
    }

    void bearerTokenIsSent()
    {
        ScriptedServer server;
        ScriptedServer::Response ok;
        ok.keepOpen = true;
        server.script = {ok};
        Drain drain;
        StreamClientConfig config = streamConfig(server.url(), StreamFormat::Ndjson);
        config.bearerToken = "tok-123";
        StreamClient client(config, 1, &drain.queue, std::make_shared<LiveStatus>());
        client.start();
        QTRY_COMPARE(server.requests.size(), 1);
        QCOMPARE(server.requestHeader(0, "Authorization"), QByteArray("Bearer tok-123"));
    }

    void aFullQueueHoldsTheStreamBackWithoutLoss()
    {
        DemoStreamConfig demo;
        demo.speed = 0;
        demo.maxExecutions = 500; // 2000 records
        DemoStreamServer server(demo);
        QVERIFY(server.listen(QHostAddress(QHostAddress::LocalHost), 0, false));
        Drain drain;
        drain.queue.setCapacity(100);
        StreamClientConfig config = streamConfig(u"http://127.0.0.1:%1/records"_s.arg(server.serverPort()), StreamFormat::Ndjson);
        config.initialBackoffMs = 60000; // one stream: a reconnect would start the demo over
        StreamClient client(config, 1, &drain.queue, std::make_shared<LiveStatus>());
        client.start();
        int stalls = 0;
        qint64 maxQueued = 0;
        QElapsedTimer guard;
        guard.start();
        while (drain.records.size() < 2000 && guard.elapsed() < 8000) {
            // Consume only when the queue is full: the client must wait, not drop or buffer without bound.
            QTRY_VERIFY(drain.queue.size() > 0);
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            maxQueued = std::max(maxQueued, drain.queue.size());
            if (drain.queue.size() >= 50)
                ++stalls;
            drain.take();
        }
        QCOMPARE(drain.records.size(), size_t(2000));
        QVERIFY(stalls > 0);
        for (size_t i = 0; i < drain.records.size(); ++i)
            QCOMPARE(drain.records[i].line, qint64(i + 1));
        // A batch is what one 64 KiB read holds (~300 records): the queue never holds more than that past capacity.
        QVERIFY2(maxQueued <= 100 + 400, qPrintable(QString::number(maxQueued)));
    }

    void tailFollowsGrowthAndHoldsPartialLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"live.jsonl"_s);
        append(path, recordLine("a", 1) + "\n" + recordLine("b", 2) + "\n" + recordLine("c", 3).left(30));
        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        FileTail tail(tailConfig(path), 1, &drain.queue, status);
        tail.start();
        QTRY_COMPARE(drain.take(), size_t(2));
        QCOMPARE(status->snapshot().state, ConnectionState::Connected);
        append(path, recordLine("c", 3).mid(30) + "\nnot json\n");
        QTRY_COMPARE(drain.take(), size_t(3));
        QTRY_COMPARE(drain.rejected, 1);
        QCOMPARE(drain.records[2].tool, std::string("c"));
        QCOMPARE(drain.records[2].line, 3);
        QVERIFY(drain.reasons.value(0).startsWith(u"4: "_s));
        tail.stop();
        QCOMPARE(status->snapshot().state, ConnectionState::Stopped);
    }

    void tailCanStartAtTheEnd()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"live.jsonl"_s);
        append(path, recordLine("old", 1) + "\n" + recordLine("old", 2) + "\n");
        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        FileTail tail(tailConfig(path, false), 1, &drain.queue, status);
        tail.start();
        QTRY_COMPARE(status->snapshot().state, ConnectionState::Connected);
        append(path, recordLine("new", 3) + "\n");
        QTRY_COMPARE(drain.take(), size_t(1));
        QCOMPARE(drain.records[0].tool, std::string("new"));
    }

    void tailSurvivesTruncation()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"live.jsonl"_s);
        append(path, recordLine("a", 1) + "\n" + recordLine("b", 2) + "\n" + recordLine("c", 3) + "\n");
        Drain drain;
        FileTail tail(tailConfig(path), 1, &drain.queue, std::make_shared<LiveStatus>());
        tail.start();
        QTRY_COMPARE(drain.take(), size_t(3));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(recordLine("after", 4) + "\n");
        }
        QTRY_COMPARE(drain.take(), size_t(4));
        QCOMPARE(drain.records[3].tool, std::string("after"));
        QCOMPARE(drain.records[3].line, 1);
        QCOMPARE(tail.truncations(), 1);
        QCOMPARE(tail.filesOpened(), 1);
    }

    void tailFollowsRotation()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"live.jsonl"_s);
        append(path, recordLine("a", 1) + "\n");
        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        FileTail tail(tailConfig(path), 1, &drain.queue, status);
        tail.start();
        QTRY_COMPARE(drain.take(), size_t(1));
        // Rotate as logrotate does: rename, the writer finishes its last line in the old file, a new file appears.
        QVERIFY(QFile::rename(path, path + u".1"_s));
        append(path + u".1"_s, recordLine("b", 2) + "\n" + recordLine("c", 3));
        append(path, recordLine("d", 4) + "\n");
        QTRY_COMPARE(drain.take(), size_t(4));
        QStringList tools;
        for (const Record &r : drain.records)
            tools << QString::fromStdString(r.tool);
        QCOMPARE(tools, (QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s}));
        QCOMPARE(tail.filesOpened(), 2);
        QCOMPARE(drain.records[3].line, 1);
        // Deleted, then created again.
        QVERIFY(QFile::remove(path));
        QTRY_COMPARE(status->snapshot().state, ConnectionState::Connecting);
        append(path, recordLine("e", 5) + "\n");
        QTRY_COMPARE(drain.take(), size_t(5));
        QCOMPARE(tail.filesOpened(), 3);
        QCOMPARE(status->snapshot().state, ConnectionState::Connected);
    }

    void tailWaitsForTheFileAndRejectsLongLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"later.jsonl"_s);
        Drain drain;
        auto status = std::make_shared<LiveStatus>();
        FileTailConfig config = tailConfig(path);
        config.maxLineBytes = 200;
        FileTail tail(config, 1, &drain.queue, status);
        tail.start();
        QCOMPARE(status->snapshot().state, ConnectionState::Connecting);
        append(path, "{\"pad\":\"" + QByteArray(500, 'x') + "\"}\n" + recordLine("ok", 1) + "\n");
        QTRY_COMPARE(drain.take(), size_t(1));
        QCOMPARE(drain.rejected, 1);
        QVERIFY(drain.reasons.value(0).contains(u"longer than 200"_s));
        QCOMPARE(drain.records[0].line, 2);
    }

    void managerRefusesBadSpecs_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("message");
        QTest::newRow("receiver on a host name") << int(ConnectionKind::OtlpReceiver) << u"example.org:4318"_s << u"not an IP"_s;
        QTest::newRow("receiver beyond loopback") << int(ConnectionKind::OtlpReceiver) << u"0.0.0.0:0"_s << u"loopback"_s;
        QTest::newRow("stream without scheme") << int(ConnectionKind::NdjsonStream) << u"127.0.0.1:8080/records"_s << u"http"_s;
        QTest::newRow("stream over ftp") << int(ConnectionKind::SseStream) << u"ftp://127.0.0.1/x"_s << u"http"_s;
        QTest::newRow("tail without path") << int(ConnectionKind::FileTail) << u"  "_s << u"file"_s;
        QTest::newRow("tail of a directory") << int(ConnectionKind::FileTail) << QDir::tempPath() << u"directory"_s;
    }
    void managerRefusesBadSpecs()
    {
        QFETCH(int, kind);
        QFETCH(QString, address);
        QFETCH(QString, message);
        ConnectionManager manager;
        QSignalSpy added(&manager, &ConnectionManager::connectionAdded);
        ConnectionSpec spec;
        spec.kind = ConnectionKind(kind);
        spec.address = address;
        QString error;
        QCOMPARE(manager.addConnection(spec, &error), -1);
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(added.size(), 0);
        QVERIFY(manager.connections().isEmpty());
    }

    void managerDeliversReceiverRecordsInBatches()
    {
        ConnectionManager manager;
        LiveOptions options;
        options.flushIntervalMs = 150;
        options.statusIntervalMs = 20;
        manager.setOptions(options);
        QSignalSpy added(&manager, &ConnectionManager::connectionAdded);
        QSignalSpy changed(&manager, &ConnectionManager::connectionChanged);
        QSignalSpy removed(&manager, &ConnectionManager::connectionRemoved);
        std::vector<LiveBatch> received;
        int deliveries = 0;
        connect(&manager, &ConnectionManager::recordsReceived, this, [&](const std::vector<LiveBatch> &batches) {
            ++deliveries;
            received.insert(received.end(), batches.begin(), batches.end());
        });
        ConnectionSpec spec;
        spec.address = u"127.0.0.1:0"_s;
        QString error;
        const int id = manager.addConnection(spec, &error);
        QVERIFY2(id > 0, qPrintable(error));
        QCOMPARE(added.size(), 1);
        ConnectionInfo info = manager.connection(id);
        QCOMPARE(info.state, ConnectionState::Connected);
        QVERIFY(info.endpoint.startsWith(u"127.0.0.1:"_s));
        const quint16 port = quint16(info.endpoint.section(u':', 1).toUInt());
        QVERIFY(port > 0);

        LiveTest::RawClient client;
        QVERIFY(client.connectTo(port));
        for (int i = 0; i < 20; ++i)
            QCOMPARE(client.exchange(LiveTest::post(LiveTest::toolSpans(u"svc"_s, 2, i))).status, 200);
        QTRY_COMPARE(recordsOf(received).size(), size_t(40));
        QVERIFY2(deliveries < 20, qPrintable(QString::number(deliveries))); // coalesced, not one signal per request
        for (const LiveBatch &b : received)
            QCOMPARE(b.connection, id);
        QTRY_COMPARE(manager.connection(id).records, 40);
        QVERIFY(changed.size() > 0);
        QCOMPARE(manager.receiverStats(id)->spansAccepted, 40);
        QTRY_COMPARE(manager.connection(id).clients, 1);

        QVERIFY(manager.removeConnection(id));
        QCOMPARE(removed.size(), 1);
        QVERIFY(!manager.contains(id));
        QCOMPARE(manager.connection(id).id, 0);
        QVERIFY(!manager.removeConnection(id));
    }

    void recordsOfARemovedConnectionAreStillDelivered()
    {
        ConnectionManager manager;
        LiveOptions options;
        options.flushIntervalMs = 60000; // only flush() delivers here
        manager.setOptions(options);
        std::vector<LiveBatch> received;
        connect(&manager, &ConnectionManager::recordsReceived, this,
                [&](const std::vector<LiveBatch> &batches) { received.insert(received.end(), batches.begin(), batches.end()); });
        ConnectionSpec spec;
        spec.address = u"127.0.0.1:0"_s;
        const int id = manager.addConnection(spec);
        const quint16 port = quint16(manager.connection(id).endpoint.section(u':', 1).toUInt());
        LiveTest::RawClient client;
        QVERIFY(client.connectTo(port));
        QCOMPARE(client.exchange(LiveTest::post(LiveTest::toolSpans(u"svc"_s, 3))).status, 200);
        QCOMPARE(manager.pendingRecords(), 3);
        manager.removeConnection(id);
        manager.flush();
        QCOMPARE(recordsOf(received).size(), size_t(3));
        QCOMPARE(manager.pendingRecords(), 0);
    }

    void managerRunsStreamsAndTailsAndRestartsThem()
    {
        DemoStreamConfig demo;
        demo.speed = 0;
        demo.maxExecutions = 5;
        DemoStreamServer server(demo);
        QVERIFY(server.listen(QHostAddress(QHostAddress::LocalHost), 0, false));
        QTemporaryDir dir;
        const QString path = dir.filePath(u"t.jsonl"_s);
        append(path, recordLine("tail", 1) + "\n");

        ConnectionManager manager;
        LiveOptions options;
        options.flushIntervalMs = 10;
        options.statusIntervalMs = 10;
        options.stream.initialBackoffMs = 60000; // one stream each, so counts are exact
        options.tail.pollIntervalMs = 20;
        manager.setOptions(options);
        QHash<int, int> counts;
        connect(&manager, &ConnectionManager::recordsReceived, this, [&](const std::vector<LiveBatch> &batches) {
            for (const LiveBatch &b : batches)
                counts[b.connection] += int(b.records.size());
        });
        ConnectionSpec sse;
        sse.kind = ConnectionKind::SseStream;
        sse.address = u"http://127.0.0.1:%1/events"_s.arg(server.serverPort());
        ConnectionSpec tail;
        tail.kind = ConnectionKind::FileTail;
        tail.address = path;
        const int sseId = manager.addConnection(sse);
        const int tailId = manager.addConnection(tail);
        QVERIFY(sseId > 0 && tailId > 0 && sseId != tailId);
        QTRY_COMPARE(counts.value(sseId), 20);
        QTRY_COMPARE(counts.value(tailId), 1);
        QTRY_COMPARE(manager.connection(sseId).state, ConnectionState::Retrying); // the demo ended its stream
        QTRY_COMPARE(manager.connection(tailId).state, ConnectionState::Connected);
        QCOMPARE(manager.connection(tailId).endpoint, path);
        QCOMPARE(manager.connectionIds(), (QList<int>{sseId, tailId}));

        QVERIFY(manager.restartConnection(tailId)); // reads the file again from the start
        QTRY_COMPARE(counts.value(tailId), 2);
        QTRY_COMPARE(manager.connection(tailId).records, 2);
        manager.removeAll();
        QVERIFY(manager.connections().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLiveStreams)
#include "tst_livestreams.moc"
