// Pure building blocks of the live connections: HTTP request parsing, responses, gzip, SSE framing,
// line splitting, backoff, the bounded queue and listen addresses. No sockets here.
#include "live/backoff.h"
#include "live/gunzip.h"
#include "live/hostport.h"
#include "live/httprequestparser.h"
#include "live/httpresponse.h"
#include "live/linesplitter.h"
#include "live/recordqueue.h"
#include "live/sseparser.h"

#include <QSignalSpy>
#include <QtTest>

#include <zlib.h>

#include <string>
#include <vector>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

QByteArray gzip(const QByteArray &data)
{
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(data.size()))) + 32, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

// Feeds `bytes` in pieces of `step` (0: all at once) and parses after each piece, as a socket would.
HttpRequestParser::Status feed(HttpRequestParser &parser, const QByteArray &bytes, int step, int *headersReady = nullptr)
{
    HttpRequestParser::Status status = HttpRequestParser::Status::NeedMore;
    const int n = step <= 0 ? int(bytes.size()) : step;
    for (qsizetype i = 0; i < bytes.size(); i += n) {
        parser.append(bytes.mid(i, n));
        for (;;) {
            status = parser.parse();
            if (status == HttpRequestParser::Status::HeadersReady) {
                if (headersReady)
                    ++*headersReady;
                continue;
            }
            break;
        }
        if (status == HttpRequestParser::Status::Complete || status == HttpRequestParser::Status::Failed)
            return status;
    }
    return status;
}

struct SseEvent {
    std::string type;
    std::string data;
    std::string id;
};

std::vector<SseEvent> sseEvents(const QByteArray &stream, int step, SseParser &parser, int *oversized = nullptr)
{
    std::vector<SseEvent> events;
    const int n = step <= 0 ? int(stream.size()) : step;
    for (qsizetype i = 0; i < stream.size(); i += n) {
        const QByteArray piece = stream.mid(i, n);
        parser.feed(std::string_view(piece.constData(), size_t(piece.size())),
                    [&](const SseParser::Event &e) {
                        events.push_back({std::string(e.type), std::string(e.data), std::string(e.id)});
                    },
                    [&](qint64) {
                        if (oversized)
                            ++*oversized;
                    });
    }
    return events;
}

LiveBatch batchOf(int records)
{
    LiveBatch b;
    b.connection = 1;
    b.records.resize(size_t(records));
    return b;
}

} // namespace

class TestLiveHttp : public QObject
{
    Q_OBJECT

private slots:
    void parsesContentLengthRequestAtEverySplit_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("whole") << 0;
        QTest::newRow("byte by byte") << 1;
        QTest::newRow("7-byte pieces") << 7;
    }
    void parsesContentLengthRequestAtEverySplit()
    {
        QFETCH(int, step);
        const QByteArray body = R"({"resourceSpans":[]})";
        const QByteArray raw = "POST /v1/traces?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:  application/json; charset=utf-8 \r\n"
                               "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        HttpRequestParser parser;
        int headers = 0;
        QCOMPARE(feed(parser, raw, step, &headers), HttpRequestParser::Status::Complete);
        QCOMPARE(headers, 1);
        const HttpRequest &r = parser.request();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.target, QByteArray("/v1/traces?x=1"));
        QCOMPARE(r.path(), QByteArray("/v1/traces"));
        QCOMPARE(r.mediaType(), QByteArray("application/json"));
        QCOMPARE(r.header("content-type"), QByteArray("application/json; charset=utf-8"));
        QCOMPARE(r.body, body);
        QVERIFY(!r.chunked);
        QVERIFY(r.keepAlive());
    }

    void parsesChunkedBodyWithExtensionsAndTrailers_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("whole") << 0;
        QTest::newRow("byte by byte") << 1;
        QTest::newRow("3-byte pieces") << 3;
    }
    void parsesChunkedBodyWithExtensionsAndTrailers()
    {
        QFETCH(int, step);
        const QByteArray raw = "POST /v1/traces HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "5;ext=1\r\nhello\r\n"
                               "19\r\n, chunked world of spans!\r\n"
                               "0\r\nX-Trailer: yes\r\n\r\n";
        HttpRequestParser parser;
        QCOMPARE(feed(parser, raw, step), HttpRequestParser::Status::Complete);
        QCOMPARE(parser.request().body, QByteArray("hello, chunked world of spans!"));
        QVERIFY(parser.request().chunked);
    }

    void keepsTheNextRequestForNext()
    {
        HttpRequestParser parser;
        parser.append("POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nab"
                      "\r\nPOST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nc\r\n0\r\n\r\n");
        QCOMPARE(parser.parse(), HttpRequestParser::Status::HeadersReady);
        QCOMPARE(parser.parse(), HttpRequestParser::Status::Complete);
        QCOMPARE(parser.request().body, QByteArray("ab"));
        parser.next();
        QVERIFY(!parser.hasStarted());
        QCOMPARE(parser.parse(), HttpRequestParser::Status::HeadersReady); // the stray CRLF before it is skipped
        QCOMPARE(parser.parse(), HttpRequestParser::Status::Complete);
        QCOMPARE(parser.request().target, QByteArray("/b"));
        QCOMPARE(parser.request().body, QByteArray("c"));
        parser.next();
        QCOMPARE(parser.parse(), HttpRequestParser::Status::NeedMore);
        QCOMPARE(parser.heldBytes(), 0);
    }

    void refusesBadRequests_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("spaces in target") << QByteArray("GET /a b HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("not HTTP") << QByteArray("GET / FTP/1.0\r\n\r\n") << 400;
        QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n") << 400;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
        QTest::newRow("obsolete folding") << QByteArray("GET / HTTP/1.1\r\nA: 1\r\n  2\r\n\r\n") << 400;
        QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("conflicting lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
        QTest::newRow("length and chunked") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
        QTest::newRow("gzip transfer coding") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << 501;
        QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
        QTest::newRow("chunk longer than its size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n") << 400;
        QTest::newRow("body over the limit") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n") << 413;
        QTest::newRow("chunks over the limit") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n")
                                                      + QByteArray(1024, 'x') + "\r\n2\r\n" << 413;
        QTest::newRow("headers over the limit") << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(4096, 'a') << 431;
        QTest::newRow("request line over the limit") << QByteArray("GET /") + QByteArray(4096, 'a') << 414;
    }
    void refusesBadRequests()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        HttpRequestParser::Limits limits;
        limits.maxBodyBytes = 1024;
        limits.maxHeaderBytes = 2048;
        HttpRequestParser parser(limits);
        QCOMPARE(feed(parser, raw, 0), HttpRequestParser::Status::Failed);
        QCOMPARE(parser.errorStatus(), status);
        QVERIFY(!parser.errorMessage().isEmpty());
        QCOMPARE(parser.heldBytes(), 0); // a failed parser drops what it held
    }

    void tooManyHeadersIs431()
    {
        HttpRequestParser::Limits limits;
        limits.maxHeaderCount = 3;
        HttpRequestParser parser(limits);
        QCOMPARE(feed(parser, "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", 0), HttpRequestParser::Status::Failed);
        QCOMPARE(parser.errorStatus(), 431);
    }

    void keepAliveFollowsVersionAndConnectionHeader_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\n\r\n") << true;
        QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n") << false;
        QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
        QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true;
    }
    void keepAliveFollowsVersionAndConnectionHeader()
    {
        QFETCH(QByteArray, raw);
        QFETCH(bool, keepAlive);
        HttpRequestParser parser;
        QCOMPARE(feed(parser, raw, 0), HttpRequestParser::Status::Complete);
        QCOMPARE(parser.request().keepAlive(), keepAlive);
    }

    void responseSerializesStatusLengthAndConnection()
    {
        HttpResponse r = HttpResponse::rpcStatus(415, RpcCode::InvalidArgument, u"send \"JSON\""_s);
        r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
        const QByteArray closing = r.serialize(false);
        QVERIFY(closing.startsWith("HTTP/1.1 415 Unsupported Media Type\r\n"));
        QVERIFY(closing.contains("\r\nContent-Type: application/json\r\n"));
        QVERIFY(closing.contains("\r\nRetry-After: 1\r\n"));
        QVERIFY(closing.contains("\r\nConnection: close\r\n"));
        QVERIFY(closing.endsWith("\r\n\r\n{\"code\":3,\"message\":\"send \\\"JSON\\\"\",\"details\":[]}"));
        QVERIFY(closing.contains(QByteArray("Content-Length: " + QByteArray::number(r.body.size()) + "\r\n")));
        QVERIFY(!r.serialize(true).contains("Connection:"));
        QVERIFY(r.serialize(true, 0).contains("Connection: keep-alive"));
    }

    void gunzipInflatesOneOrMoreMembers()
    {
        const QByteArray a = QByteArray(5000, 'a') + "end";
        const QByteArray b = "second member";
        QByteArray out;
        QCOMPARE(gunzip(gzip(a), 1 << 20, out), GunzipError::None);
        QCOMPARE(out, a);
        QCOMPARE(gunzip(QByteArray(gzip(a) + gzip(b)), 1 << 20, out), GunzipError::None);
        QCOMPARE(out, a + b);
        QCOMPARE(gunzip(gzip(QByteArray()), 1 << 20, out), GunzipError::None);
        QCOMPARE(out, QByteArray());
    }

    void gunzipRefusesCorruptAndTruncated()
    {
        QByteArray out;
        QString why;
        QCOMPARE(gunzip("plainly not gzip", 1 << 20, out, &why), GunzipError::Corrupt);
        QVERIFY(why.contains(u"gzip"_s));
        const QByteArray z = gzip(QByteArray(10000, 'q'));
        QCOMPARE(gunzip(z.left(z.size() / 2), 1 << 20, out, &why), GunzipError::Corrupt);
        QVERIFY(why.contains(u"truncated"_s));
        QCOMPARE(gunzip(QByteArray(), 1 << 20, out), GunzipError::Corrupt);
    }

    void gunzipStopsABombAtTheLimit()
    {
        // 64 MiB of zeros compress to ~64 KiB; with a 1 MiB limit it must stop early, not inflate it all.
        const QByteArray bomb = gzip(QByteArray(64 << 20, '\0'));
        QVERIFY(bomb.size() < (1 << 20));
        QByteArray out;
        QString why;
        QCOMPARE(gunzip(bomb, 1 << 20, out, &why), GunzipError::TooLarge);
        QVERIFY(why.contains(u"more than"_s));
        QVERIFY(out.capacity() <= (2 << 20));
        QCOMPARE(gunzip(gzip(QByteArray(1 << 20, 'x')), 1 << 20, out), GunzipError::None); // exactly the limit is fine
    }

    void sseParsesFieldsAtEverySplit_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("whole") << 0;
        QTest::newRow("byte by byte") << 1;
        QTest::newRow("5-byte pieces") << 5;
    }
    void sseParsesFieldsAtEverySplit()
    {
        QFETCH(int, step);
        const QByteArray stream = "\xEF\xBB\xBF"           // BOM
                                  ": a comment\n"
                                  "retry: 2500\n"
                                  "data: {\"a\":1}\n\n"     // LF
                                  "event: record\r\nid: 7\r\ndata: first\r\ndata:second\r\n\r\n" // CRLF, no space
                                  "data: cr only\r\r"      // CR
                                  "data\n\n"               // a field without colon: empty data line
                                  "id: 9\nevent: heartbeat\ndata: beat\n\n"
                                  "data: never dispatched without blank line";
        SseParser parser;
        const std::vector<SseEvent> events = sseEvents(stream, step, parser);
        QCOMPARE(events.size(), size_t(5));
        QCOMPARE(events[0].type, std::string("message"));
        QCOMPARE(events[0].data, std::string("{\"a\":1}"));
        QCOMPARE(events[0].id, std::string());
        QCOMPARE(events[1].type, std::string("record"));
        QCOMPARE(events[1].data, std::string("first\nsecond"));
        QCOMPARE(events[1].id, std::string("7"));
        QCOMPARE(events[2].data, std::string("cr only"));
        QCOMPARE(events[2].id, std::string("7")); // the last event id stays in force
        QCOMPARE(events[3].data, std::string()); // "data" alone adds an empty line: dispatched, empty
        QCOMPARE(events[4].type, std::string("heartbeat"));
        QCOMPARE(events[4].id, std::string("9"));
        QCOMPARE(parser.retryMs(), 2500);
        QCOMPARE(parser.lastEventId(), std::string("9"));
    }

    void sseIgnoresEmptyEventsAndBadRetry()
    {
        SseParser parser;
        const auto events = sseEvents("\n\nevent: x\n\nretry: 12a\nretry: -1\nid: 3\n\n", 0, parser);
        QVERIFY(events.empty());
        QCOMPARE(parser.retryMs(), -1);
        QCOMPARE(parser.lastEventId(), std::string("3"));
    }

    void sseDropsOversizedEventsWhole()
    {
        SseParser parser(64);
        int oversized = 0;
        const QByteArray big = "data: " + QByteArray(40, 'x') + "\ndata: " + QByteArray(40, 'y') + "\n\n";
        const QByteArray longLine = "data: " + QByteArray(200, 'z') + "\n\n";
        const auto events = sseEvents(big + longLine + "data: fine\n\n", 3, parser, &oversized);
        QCOMPARE(oversized, 2);
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0].data, std::string("fine"));
    }

    void sseRestartDropsHalfEventAndItsId()
    {
        SseParser parser;
        auto events = sseEvents("id: 41\ndata: whole\n\nid: 42\ndata: half", 0, parser);
        QCOMPARE(events.size(), size_t(1));
        parser.restart();
        events = sseEvents("data: next\n\n", 0, parser);
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0].data, std::string("next"));
        QCOMPARE(events[0].id, std::string("41"));
        QCOMPARE(parser.lastEventId(), std::string("41")); // 42 never arrived whole: a reconnect asks for it again
    }

    void lineSplitterHoldsPartialLinesAndRejectsLongOnes()
    {
        LineSplitter splitter(8);
        QStringList lines;
        const auto collect = [&](std::string_view line, bool tooLong) {
            lines << (tooLong ? u"<too long>"_s : QString::fromUtf8(line.data(), qsizetype(line.size())));
        };
        splitter.feed("one\r\ntw", collect);
        QCOMPARE(lines, QStringList{u"one"_s});
        QVERIFY(splitter.hasPending());
        QCOMPARE(splitter.pending(), std::string_view("tw"));
        splitter.feed("o\n\nthis line is far too long", collect);
        splitter.feed(" still\nok\n", collect);
        QCOMPARE(lines, (QStringList{u"one"_s, u"two"_s, QString(), u"<too long>"_s, u"ok"_s}));
        QVERIFY(!splitter.hasPending());
        splitter.feed("exactly8\r\n", collect); // 8 bytes plus CR is still within the limit
        QCOMPARE(lines.last(), u"exactly8"_s);
    }

    void backoffDoublesWithJitterUpToTheCap()
    {
        Backoff b(100, 1000);
        const qint64 steps[] = {100, 200, 400, 800, 1000, 1000};
        for (qint64 step : steps) {
            const qint64 d = b.nextDelayMs();
            QVERIFY2(d >= step / 2 && d <= step, qPrintable(u"%1 not in [%2, %3]"_s.arg(d).arg(step / 2).arg(step)));
        }
        b.reset();
        QVERIFY(b.nextDelayMs() <= 100);
        b.setInitialMs(3000); // an SSE retry: above the cap lifts the cap
        QVERIFY(b.nextDelayMs() >= 1500);
        QCOMPARE(b.maxMs(), 3000);
    }

    void queueRefusesWhatDoesNotFitAndSignals()
    {
        RecordQueue queue(10);
        QSignalSpy available(&queue, &RecordQueue::available);
        QSignalSpy drained(&queue, &RecordQueue::drained);
        QVERIFY(queue.push(batchOf(25))); // an empty queue takes any batch
        QCOMPARE(available.size(), 1);
        QVERIFY(!queue.push(batchOf(1)));
        LiveBatch rejectsOnly;
        rejectsOnly.rejected = 3;
        QVERIFY(queue.push(std::move(rejectsOnly))); // no records: always fits
        QCOMPARE(queue.size(), 25);
        QCOMPARE(available.size(), 1); // only the first push into an empty queue signals
        const std::vector<LiveBatch> taken = queue.takeAll();
        QCOMPARE(taken.size(), size_t(2));
        QCOMPARE(taken[1].rejected, 3);
        QCOMPARE(drained.size(), 1); // a producer was refused: it hears there is room
        QVERIFY(queue.push(batchOf(6)));
        QVERIFY(queue.push(batchOf(4)));
        QVERIFY(!queue.push(batchOf(1)));
        QCOMPARE(available.size(), 2);
        QCOMPARE(queue.acceptedRecords(), 35);
        QCOMPARE(queue.takeAll().size(), size_t(2));
        QCOMPARE(queue.takenRecords(), 35);
    }

    void listenAddresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("port");
        QTest::newRow("empty") << QString() << true << u"127.0.0.1"_s << 4318;
        QTest::newRow("host:port") << u"127.0.0.1:9000"_s << true << u"127.0.0.1"_s << 9000;
        QTest::newRow("port only") << u":0"_s << true << u"127.0.0.1"_s << 0;
        QTest::newRow("localhost") << u"localhost:4319"_s << true << u"127.0.0.1"_s << 4319;
        QTest::newRow("ipv6") << u"[::1]:4318"_s << true << u"::1"_s << 4318;
        QTest::newRow("ipv6 no port") << u"::1"_s << true << u"::1"_s << 4318;
        QTest::newRow("any") << u"0.0.0.0:80"_s << true << u"0.0.0.0"_s << 80;
        QTest::newRow("host name") << u"example.org:80"_s << false << QString() << 0;
        QTest::newRow("port too big") << u"127.0.0.1:70000"_s << false << QString() << 0;
        QTest::newRow("port not a number") << u"127.0.0.1:http"_s << false << QString() << 0;
        QTest::newRow("open bracket") << u"[::1:80"_s << false << QString() << 0;
    }
    void listenAddresses()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, address);
        QFETCH(int, port);
        QHostAddress a;
        quint16 p = 0;
        QString error;
        QCOMPARE(parseListenAddress(text, 4318, a, p, &error), ok);
        if (!ok) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QCOMPARE(a, QHostAddress(address));
        QCOMPARE(int(p), port);
        QCOMPARE(formatHostPort(QHostAddress(u"::1"_s), 4318), u"[::1]:4318"_s);
    }
};

QTEST_GUILESS_MAIN(TestLiveHttp)
#include "tst_livehttp.moc"
