#include "ingest/importer.h"
#include "ingest/importoptions.h"
#include "record.h"
#include "recordsink.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <zlib.h>

#include <atomic>
#include <random>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

struct Rejection {
    qint64 line = 0;
    QString reason;
};

class CollectingSink : public RecordSink
{
public:
    void onRecord(const RecordView &record) override
    {
        records.push_back(Record::fromView(record));
        order.push_back(record.line);
    }
    void onRejected(qint64 line, const QString &reason) override
    {
        rejected.push_back({line, reason});
        order.push_back(-line);
    }
    void onLinesDone(qint64 lines) override { done << lines; }
    QList<qint64> done; ///< what onLinesDone said, in order
    QList<qint64> recordLines() const
    {
        QList<qint64> lines;
        for (const Record &r : records)
            lines << r.line;
        return lines;
    }
    QList<qint64> rejectedLines() const
    {
        QList<qint64> lines;
        for (const Rejection &r : rejected)
            lines << r.line;
        return lines;
    }

    std::vector<Record> records;
    QList<Rejection> rejected;
    QList<qint64> order; ///< record lines positive, rejected lines negative, in call order
};

class CancelOnFirstReport : public ProgressSink
{
public:
    void progress(qint64 done, qint64 total) override
    {
        ++reports;
        lastDone = done;
        lastTotal = total;
        m_cancelled = true;
    }
    bool isCancelled() const override { return m_cancelled; }
    int reports = 0;
    qint64 lastDone = 0;
    qint64 lastTotal = 0;

private:
    std::atomic<bool> m_cancelled = false;
};

class RecordingProgress : public ProgressSink
{
public:
    void progress(qint64 done, qint64 total) override { reports.push_back({done, total}); }
    QList<QPair<qint64, qint64>> reports;
};

// JSON written with single quotes, which moc's scanner and the eye both read more easily than escapes.
QByteArray j(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

qint64 baseMs()
{
    return QDateTime(QDate(2026, 10, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

// A valid line whose values derive from its line number, so any record can be checked against where it came from.
QByteArray goodLine(qint64 n)
{
    return "{\"ts\":\"2026-10-01T00:00:" + QByteArray::number(n % 60).rightJustified(2, '0')
        + ".250Z\",\"workflow\":\"wf\",\"execution\":\"e" + QByteArray::number(n) + "\",\"tool\":\"t"
        + QByteArray::number(n) + "\",\"latency_ms\":" + QByteArray::number(double(n) * 1.5)
        + ",\"output_bytes\":" + QByteArray::number(n) + ",\"status\":\"ok\"}";
}

QByteArray goodCsvRow(qint64 n)
{
    return "2026-10-01T00:00:" + QByteArray::number(n % 60).rightJustified(2, '0') + ".250Z,wf,e"
        + QByteArray::number(n) + ",t" + QByteArray::number(n) + "," + QByteArray::number(double(n) * 1.5) + ","
        + QByteArray::number(n) + ",ok";
}
const QByteArray CsvHeader = "ts,workflow,execution,tool,latency_ms,output_bytes,status";

bool isGood(const Record &r, qint64 line, QString *why)
{
    const auto check = [&](bool ok, const QString &what) {
        if (!ok && why)
            *why = u"line %1: %2"_s.arg(line).arg(what);
        return ok;
    };
    return check(r.line == line, u"line is %1"_s.arg(r.line))
        && check(r.tool == "t" + std::to_string(line), u"tool %1"_s.arg(QString::fromStdString(r.tool)))
        && check(r.workflow == "wf", u"workflow"_s) && check(r.version == "1.0.0", u"version"_s)
        && check(r.execution == "e" + std::to_string(line), u"execution"_s)
        && check(r.value(Metric::Latency) == double(line) * 1.5, u"latency %1"_s.arg(r.value(Metric::Latency)))
        && check(r.value(Metric::OutputBytes) == double(line), u"output_bytes"_s)
        && check(!isPresent(r.value(Metric::Memory)), u"memory present"_s) && check(r.ok, u"status"_s)
        && check(r.tsMs == baseMs() + (line % 60) * 1000 + 250, u"ts %1"_s.arg(r.tsMs));
}

QByteArray gzip(const QByteArray &data)
{
    z_stream s{};
    deflateInit2(&s, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&s, uLong(data.size()))) + 64, '\0');
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    s.avail_in = uInt(data.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.resize(qsizetype(s.total_out));
    deflateEnd(&s);
    return out;
}

// The same import at production settings and at chunk sizes that cut rows everywhere, with 1 to 3 parsers.
QList<ImportOptions> optionVariants()
{
    QList<ImportOptions> variants;
    variants << ImportOptions();
    for (auto [chunk, threads] : {std::pair{1, 1}, std::pair{5, 2}, std::pair{64, 3}, std::pair{4096, 2}}) {
        ImportOptions o;
        o.chunkBytes = chunk;
        o.parseThreads = threads;
        variants << o;
    }
    return variants;
}

QString describe(const ImportOptions &o)
{
    return u"chunk %1, %2 parsers"_s.arg(o.chunkBytes).arg(o.parseThreads);
}

} // namespace

class TestIngest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(bytes);
        return path;
    }

    // Lines named "G" become goodLine(n); every other non-blank line must be rejected.
    static void addJsonRow(const char *name, const QList<QByteArray> &lines, const QString &reason,
                           const QByteArray &eol = "\n", bool finalEol = true, const QByteArray &prefix = {})
    {
        QByteArray content = prefix;
        QList<qint64> good;
        QList<qint64> bad;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const qint64 n = i + 1;
            if (lines[i] == "G") {
                content += goodLine(n);
                good << n;
            } else {
                content += lines[i];
                if (!lines[i].trimmed().isEmpty())
                    bad << n;
            }
            if (i + 1 < lines.size() || finalEol)
                content += eol;
        }
        QTest::newRow(name) << content << good << bad << reason;
    }

    void verify(const CollectingSink &sink, const ImportResult &result, const QList<qint64> &good,
                const QList<qint64> &bad, const QString &reason, const QString &context)
    {
        QVERIFY2(result.outcome == Outcome::Finished, qPrintable(context + u": "_s + result.error));
        QCOMPARE(sink.recordLines(), good);
        QCOMPARE(sink.rejectedLines(), bad);
        QCOMPARE(result.records, qint64(good.size()));
        QCOMPARE(result.rejected, qint64(bad.size()));
        for (const Record &r : sink.records) {
            QString why;
            QVERIFY2(isGood(r, r.line, &why), qPrintable(context + u": "_s + why));
        }
        for (const Rejection &r : sink.rejected)
            QVERIFY2(r.reason.contains(reason), qPrintable(u"%1: line %2: \"%3\" lacks \"%4\""_s.arg(context).arg(r.line).arg(r.reason, reason)));
        // File order: lines strictly increase across records and rejections alike.
        for (qsizetype i = 1; i < sink.order.size(); ++i)
            QVERIFY(std::abs(sink.order[i]) > std::abs(sink.order[i - 1]));
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void jsonLines_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QList<qint64>>("good");
        QTest::addColumn<QList<qint64>>("bad");
        QTest::addColumn<QString>("reason");

        addJsonRow("all good", {"G", "G", "G", "G"}, {});
        addJsonRow("no final newline", {"G", "G", "G"}, {}, "\n", false);
        addJsonRow("blank lines are skipped", {"G", "", "G", "   ", "\t", "G", ""}, {});
        addJsonRow("CRLF", {"G", "G", "", "G"}, {}, "\r\n");
        addJsonRow("CRLF without final newline", {"G", "G"}, {}, "\r\n", false);
        addJsonRow("BOM", {"G", "G"}, {}, "\n", true, "\xEF\xBB\xBF");
        addJsonRow("BOM then bad line", {"{", "G"}, u"invalid JSON at byte 2"_s, "\n", true, "\xEF\xBB\xBF");
        addJsonRow("truncated line", {"G", j("{'ts':'2026-10-01T00:00:12.345Z','workflow':'p"), "G"},
                   u"invalid JSON at byte 45: unterminated string"_s);
        addJsonRow("truncated last line", {"G", "G", j("{'ts':'2026-10-01T00:00:12.345Z',")},
                   u"invalid JSON at byte 34: unexpected end of input"_s, "\n", false);
        addJsonRow("NaN literal", {"G", j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':NaN,'status':'ok'}"), "G"},
                   u"invalid JSON at byte 69: NaN is not a JSON number"_s);
        addJsonRow("Infinity literal", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':Infinity,'status':'ok'}"), "G"},
                   u"Infinity is not a JSON number"_s);
        addJsonRow("-Infinity literal", {"G", j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':-Infinity,'status':'ok'}")},
                   u"Infinity is not a JSON number"_s);
        addJsonRow("number out of range", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':1e400,'status':'ok'}"), "G"},
                   u"number out of range"_s);
        addJsonRow("negative latency", {"G", j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':-3,'status':'ok'}"), "G"},
                   u"\"latency_ms\" must be a number >= 0, got -3"_s);
        addJsonRow("negative memory", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'memory_mb':-0.5,'status':'ok'}")},
                   u"\"memory_mb\" must be a number >= 0, got -0.5"_s);
        addJsonRow("negative cpu", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'cpu_pct':-1,'status':'ok'}")},
                   u"\"cpu_pct\" must be a number >= 0, got -1"_s);
        addJsonRow("negative cost", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'cost_usd':-0.01,'status':'ok'}")},
                   u"\"cost_usd\" must be a number >= 0, got -0.01"_s);
        addJsonRow("validation above 1", {"G", j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'validation_pass':1.5,'status':'ok'}")},
                   u"\"validation_pass\" must be a number in [0, 1], got 1.5"_s);
        addJsonRow("fractional output bytes", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'output_bytes':10.5,'status':'ok'}")},
                   u"\"output_bytes\" must be an integer >= 0, got 10.5"_s);
        addJsonRow("unknown status", {"G", j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'status':'fine'}"), "G"},
                   u"unknown status \"fine\""_s);
        addJsonRow("status of wrong type", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'status':true}")},
                   u"\"status\" must be \"ok\" or \"error\", got true"_s);
        addJsonRow("workflow of wrong type", {"G", j("{'ts':'2026-10-01T00:00:00Z','workflow':5,'tool':'t','latency_ms':3,'status':'ok'}")},
                   u"\"workflow\" must be a non-empty string, got 5"_s);
        addJsonRow("empty tool", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'','latency_ms':3,'status':'ok'}")},
                   u"\"tool\" must be a non-empty string, got \"\""_s);
        addJsonRow("latency as string", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':'231','status':'ok'}"), "G"},
                   u"\"latency_ms\" must be a number >= 0, got \"231\""_s);
        addJsonRow("latency null", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':null,'status':'ok'}")},
                   u"\"latency_ms\" must be a number >= 0, got null"_s);
        addJsonRow("ts month 13", {"G", j("{'ts':'2026-13-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'status':'ok'}")},
                   u"\"ts\" must be an RFC 3339 timestamp, got \"2026-13-01T00:00:00Z\""_s);
        addJsonRow("ts without zone", {j("{'ts':'2026-10-01T00:00:00','workflow':'w','tool':'t','latency_ms':3,'status':'ok'}")},
                   u"\"ts\" must be an RFC 3339 timestamp"_s);
        addJsonRow("ts as number", {j("{'ts':1790812800000,'workflow':'w','tool':'t','latency_ms':3,'status':'ok'}")},
                   u"\"ts\" must be an RFC 3339 timestamp, got 1790812800000"_s);
        addJsonRow("missing tool", {"G", j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','latency_ms':3,'status':'ok'}"), "G"},
                   u"missing required field \"tool\""_s);
        addJsonRow("missing several", {j("{'workflow':'w','latency_ms':3}")},
                   u"missing required fields \"ts\", \"tool\", \"status\""_s);
        addJsonRow("duplicated key", {"G", j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'latency_ms':4,'status':'ok'}")},
                   u"duplicated key \"latency_ms\""_s);
        addJsonRow("duplicated metric", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'status':'ok','metrics':{'a':1,'a':2}}")},
                   u"duplicated key \"metrics.a\""_s);
        addJsonRow("metrics not an object", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'status':'ok','metrics':[1]}")},
                   u"\"metrics\" must be an object of numbers, got an array"_s);
        addJsonRow("metric not a number", {"G", j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'status':'ok','metrics':{'tokens':'12'}}")},
                   u"\"metrics.tokens\" must be a number, got \"12\""_s);
        addJsonRow("invalid UTF-8", {"G", "{\"ts\":\"2026-10-01T00:00:00Z\",\"workflow\":\"w\xff\",\"tool\":\"t\",\"latency_ms\":3,\"status\":\"ok\"}", "G"},
                   u"invalid UTF-8 at byte 43"_s);
        addJsonRow("overlong UTF-8", {"{\"ts\":\"2026-10-01T00:00:00Z\",\"workflow\":\"\xc0\xaf\",\"tool\":\"t\",\"latency_ms\":3,\"status\":\"ok\"}"},
                   u"invalid UTF-8"_s);
        addJsonRow("not an object", {"G", "[1,2,3]", "42", "\"text\"", "G"}, u"expected a JSON object"_s);
        addJsonRow("trailing garbage", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'status':'ok'} x")},
                   u"unexpected content after the JSON value"_s);
        addJsonRow("trailing comma", {"G", j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':3,'status':'ok',}")},
                   u"invalid JSON at byte 85: expected a quoted key"_s);
        addJsonRow("control character in string", {"{\"ts\":\"2026-10-01T00:00:00Z\",\"workflow\":\"a\x01\",\"tool\":\"t\",\"latency_ms\":3,\"status\":\"ok\"}"},
                   u"control character"_s);
        addJsonRow("single quotes", {"{'ts':1}", "G"}, u"invalid JSON at byte 2: expected a quoted key"_s);
        addJsonRow("lone surrogate", {j("{'ts':'2026-10-01T00:00:00Z','workflow':'\\ud800','tool':'t','latency_ms':3,'status':'ok'}")},
                   u"surrogate"_s);

        std::mt19937 rng(7);
        QList<QByteArray> randomLines;
        for (int i = 0; i < 12; ++i) {
            QByteArray junk;
            for (int k = 0; k < 80; ++k) {
                char c = char(rng() & 0xff);
                junk += c == '\n' ? 'x' : c;
            }
            randomLines << "G" << ("\x01" + junk); // a leading control byte keeps it from being blank
        }
        addJsonRow("random bytes", randomLines, u"invalid"_s);
    }

    void jsonLines()
    {
        QFETCH(QByteArray, content);
        QFETCH(QList<qint64>, good);
        QFETCH(QList<qint64>, bad);
        QFETCH(QString, reason);

        const QString plain = write(u"rows.jsonl"_s, content);
        const QString packed = write(u"rows.jsonl.gz"_s, gzip(content));
        for (const ImportOptions &options : optionVariants()) {
            for (const QString &path : {plain, packed}) {
                CollectingSink sink;
                const ImportResult result = importFile(path, sink, nullptr, InputFormat::Auto, options);
                verify(sink, result, good, bad, reason, QFileInfo(path).fileName() + u", "_s + describe(options));
                if (QTest::currentTestFailed())
                    return;
            }
        }

        // The live-source entry point agrees with the file reader line by line.
        const QList<QByteArray> lines = content.startsWith("\xEF\xBB\xBF") ? QList<QByteArray>() : content.split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines[i].trimmed().isEmpty())
                continue;
            CollectingSink sink;
            const bool ok = parseJsonLine(std::string_view(lines[i].constData(), size_t(lines[i].size())), i + 1, sink);
            QCOMPARE(ok, good.contains(i + 1));
            QCOMPARE(sink.records.size() + size_t(sink.rejected.size()), size_t(1));
            if (!ok)
                QVERIFY2(sink.rejected.front().reason.contains(reason), qPrintable(sink.rejected.front().reason));
        }
    }

    void everyField()
    {
        const QByteArray line = j("{'metrics':{'tokens':1200,'retries':2.5,'skipped':null},'status':'error','error':'timeout \\'upstream\\'',"
                                  "'cost_usd':0.002,'validation_pass':0.75,'cpu_pct':12.5,'memory_mb':44.2,'output_bytes':1180,"
                                  "'latency_ms':231.4,'tool':'fetch_data','execution':'pco-000123','version':'2.1.0',"
                                  "'workflow':'process_customer_order','ts':'2026-10-01T02:00:12.345678+02:00','extra':{'x':[1,2]}}");
        CollectingSink sink;
        const ImportResult result = importFile(write(u"every.jsonl"_s, line + "\n"), sink);
        QCOMPARE(result.outcome, Outcome::Finished);
        QCOMPARE(sink.records.size(), size_t(1));
        const Record &r = sink.records.front();
        QCOMPARE(r.workflow, "process_customer_order");
        QCOMPARE(r.version, "2.1.0");
        QCOMPARE(r.execution, "pco-000123");
        QCOMPARE(r.tool, "fetch_data");
        QCOMPARE(r.error, "timeout \"upstream\"");
        QCOMPARE(r.ok, false);
        QCOMPARE(r.tsMs, baseMs() + 12345);
        QCOMPARE(r.value(Metric::Latency), 231.4);
        QCOMPARE(r.value(Metric::OutputBytes), 1180.0);
        QCOMPARE(r.value(Metric::Memory), 44.2);
        QCOMPARE(r.value(Metric::Cpu), 12.5);
        QCOMPARE(r.value(Metric::Validation), 0.75);
        QCOMPARE(r.value(Metric::Cost), 0.002);
        QCOMPARE(r.custom.size(), size_t(2));
        QCOMPARE(r.custom[0].first, "tokens");
        QCOMPARE(r.custom[0].second, 1200.0);
        QCOMPARE(r.custom[1].first, "retries");
        QCOMPARE(r.custom[1].second, 2.5);
        QCOMPARE(r.line, 1);

        // Optional fields left out or null are absent; version defaults.
        CollectingSink sparse;
        importFile(write(u"sparse.jsonl"_s,
                         j("{'ts':'2026-10-01T00:00:00Z','workflow':'w','tool':'t','latency_ms':0,'status':'ok','memory_mb':null,'execution':null}") + "\n"),
                   sparse);
        QCOMPARE(sparse.records.size(), size_t(1));
        const Record &s = sparse.records.front();
        QCOMPARE(s.version, "1.0.0");
        QVERIFY(s.execution.empty());
        QVERIFY(s.custom.empty());
        for (int m = 1; m < BuiltinMetricCount; ++m)
            QVERIFY(!isPresent(s.values[size_t(m)]));
        QCOMPARE(s.value(Metric::Latency), 0.0);
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("ts");
        QTest::addColumn<qint64>("expected"); // -1: rejected
        const auto utc = [](int y, int mo, int d, int h, int mi, int s, int ms) {
            return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc()).toMSecsSinceEpoch();
        };
        QTest::newRow("Z with millis") << u"2026-10-01T00:00:12.345Z"_s << utc(2026, 10, 1, 0, 0, 12, 345);
        QTest::newRow("no fraction") << u"2026-10-01T00:00:12Z"_s << utc(2026, 10, 1, 0, 0, 12, 0);
        QTest::newRow("one digit") << u"2026-10-01T00:00:12.3Z"_s << utc(2026, 10, 1, 0, 0, 12, 300);
        QTest::newRow("nine digits") << u"2026-10-01T00:00:12.987654321Z"_s << utc(2026, 10, 1, 0, 0, 12, 987);
        QTest::newRow("positive offset") << u"2026-10-01T02:30:00+02:30"_s << utc(2026, 10, 1, 0, 0, 0, 0);
        QTest::newRow("negative offset") << u"2026-09-30T19:00:00.5-05:00"_s << utc(2026, 10, 1, 0, 0, 0, 500);
        QTest::newRow("lower case") << u"2026-10-01t00:00:12z"_s << utc(2026, 10, 1, 0, 0, 12, 0);
        QTest::newRow("space separator") << u"2026-10-01 00:00:12Z"_s << utc(2026, 10, 1, 0, 0, 12, 0);
        QTest::newRow("leap day") << u"2028-02-29T23:59:59.999Z"_s << utc(2028, 2, 29, 23, 59, 59, 999);
        QTest::newRow("before 1970") << u"1969-12-31T23:59:59Z"_s << qint64(-1000);
        QTest::newRow("leap second") << u"2016-12-31T23:59:60Z"_s << utc(2017, 1, 1, 0, 0, 0, 0);
        QTest::newRow("Feb 29 of common year") << u"2026-02-29T00:00:00Z"_s << qint64(-1);
        QTest::newRow("hour 24") << u"2026-10-01T24:00:00Z"_s << qint64(-1);
        QTest::newRow("no zone") << u"2026-10-01T00:00:00"_s << qint64(-1);
        QTest::newRow("empty fraction") << u"2026-10-01T00:00:00.Z"_s << qint64(-1);
        QTest::newRow("short offset") << u"2026-10-01T00:00:00+02"_s << qint64(-1);
        QTest::newRow("date only") << u"2026-10-01"_s << qint64(-1);
        QTest::newRow("trailing text") << u"2026-10-01T00:00:00Zx"_s << qint64(-1);
    }

    void timestamps()
    {
        QFETCH(QString, ts);
        QFETCH(qint64, expected);
        const QByteArray line = j("{'ts':'") + ts.toUtf8() + j("','workflow':'w','tool':'t','latency_ms':1,'status':'ok'}");
        CollectingSink sink;
        parseJsonLine(std::string_view(line.constData(), size_t(line.size())), 1, sink);
        if (expected == -1) {
            QCOMPARE(sink.rejected.size(), 1);
            QVERIFY(sink.rejected.front().reason.contains(u"RFC 3339"_s));
        } else {
            QCOMPARE(sink.records.size(), size_t(1));
            QCOMPARE(sink.records.front().tsMs, expected);
        }
    }

    void hugeLine_data()
    {
        QTest::addColumn<bool>("finalNewline");
        QTest::newRow("in the middle") << true;
        QTest::newRow("at the end, no newline") << false;
    }

    void hugeLine()
    {
        QFETCH(bool, finalNewline);
        // 100 MB on one line: rejected as too long and skipped without being buffered whole.
        const QString path = m_dir.filePath(u"huge.jsonl"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(goodLine(1) + "\n" + j("{'ts':'2026-10-01T00:00:00Z','blob':'"));
            const QByteArray block(1 << 20, 'a');
            for (int i = 0; i < 100; ++i)
                f.write(block);
            f.write(j("'}"));
            if (finalNewline)
                f.write("\n" + goodLine(3) + "\n" + goodLine(4) + "\n");
        }
        CollectingSink sink;
        const ImportResult result = importFile(path, sink);
        verify(sink, result, finalNewline ? QList<qint64>{1, 3, 4} : QList<qint64>{1}, {2}, u"line longer than 16 MiB"_s,
               u"100 MB line"_s);
        QVERIFY(result.bytes == QFileInfo(path).size());
        QFile::remove(path);
    }

    void lineLimitIsExact()
    {
        // A line of exactly the limit is parsed; one byte more is rejected, wherever the chunks fall.
        ImportOptions options;
        options.maxLineBytes = goodLine(1).size();
        const QByteArray longer = goodLine(2).insert(1, QByteArray(options.maxLineBytes + 1 - goodLine(2).size(), ' '));
        QCOMPARE(goodLine(3).size(), options.maxLineBytes);
        const QString path = write(u"limit.jsonl"_s, goodLine(1) + "\n" + longer + "\n" + goodLine(3) + "\n" + longer);
        for (qint64 chunk : {1, 7, 100, 1 << 20}) {
            options.chunkBytes = chunk;
            CollectingSink sink;
            const ImportResult result = importFile(path, sink, nullptr, InputFormat::JsonLines, options);
            verify(sink, result, {1, 3}, {2, 4}, u"line longer than %1 bytes"_s.arg(options.maxLineBytes),
                   u"chunk %1"_s.arg(chunk));
        }
    }

    void gzipMembersAndMagic()
    {
        // Concatenated members read as one stream, and gzip is recognised by its bytes, not its name.
        const QByteArray first = goodLine(1) + "\n" + goodLine(2) + "\n";
        const QByteArray second = goodLine(3) + "\n";
        const QString path = write(u"members.jsonl"_s, gzip(first) + gzip(second));
        CollectingSink sink;
        const ImportResult result = importFile(path, sink);
        verify(sink, result, {1, 2, 3}, {}, {}, u"two members"_s);
        QCOMPARE(result.bytes, QFileInfo(path).size());
    }

    void brokenGzip_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("error");
        QTest::newRow("corrupt") << u"corrupt"_s << u"corrupt gzip data"_s;
        QTest::newRow("truncated") << u"truncated"_s << u"truncated gzip data"_s;
    }

    void brokenGzip()
    {
        QFETCH(QString, damage);
        QFETCH(QString, error);
        QByteArray content;
        std::mt19937 rng(3);
        for (int n = 1; n <= 20000; ++n) {
            // Varied text so deflate keeps literal blocks long enough for damage to land mid-stream.
            content += goodLine(n).replace("\"wf\"", QByteArray("\"wf" + QByteArray::number(rng() % 1000000) + "\"")) + "\n";
        }
        QByteArray packed = gzip(content);
        if (damage == u"corrupt") {
            for (qsizetype i = packed.size() / 2; i < packed.size() / 2 + 64; ++i)
                packed[i] = char(packed[i] ^ 0x5a);
        } else {
            packed.truncate(packed.size() / 2);
        }
        const QString path = write(u"broken.jsonl.gz"_s, packed);
        for (const ImportOptions &options : {ImportOptions(), optionVariants().at(3)}) {
            CollectingSink sink;
            const ImportResult result = importFile(path, sink, nullptr, InputFormat::Auto, options);
            QCOMPARE(result.outcome, Outcome::Failed);
            QVERIFY2(result.error.contains(u"broken.jsonl.gz"_s) && result.error.contains(error), qPrintable(result.error));
            // What came before the damage was delivered, in order, with the right values (inflating garbage
            // just before zlib notices may add a rejected line or two).
            QVERIFY2(sink.records.size() > 1000, qPrintable(QString::number(sink.records.size())));
            QCOMPARE(result.records, qint64(sink.records.size()));
            const qint64 firstBad = sink.rejected.isEmpty() ? std::numeric_limits<qint64>::max() : sink.rejected.front().line;
            for (size_t i = 0; i < sink.records.size() && sink.records[i].line < firstBad; ++i)
                QCOMPARE(sink.records[i].line, qint64(i + 1));
        }
    }

    void emptyAndMissing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content"); // null: do not create the file
        QTest::addColumn<bool>("fails");
        QTest::newRow("empty .jsonl") << u"empty.jsonl"_s << QByteArray("") << false;
        QTest::newRow("empty .csv") << u"empty.csv"_s << QByteArray("") << false;
        QTest::newRow("only blank lines") << u"blank.jsonl"_s << QByteArray("\n\r\n  \n") << false;
        QTest::newRow("only a BOM") << u"bom.jsonl"_s << QByteArray("\xEF\xBB\xBF") << false;
        QTest::newRow("empty gzip") << u"empty.jsonl.gz"_s << gzip({}) << false;
        QTest::newRow("missing file") << u"no-such-file.jsonl"_s << QByteArray() << true;
        QTest::newRow("directory") << u"."_s << QByteArray() << true;
    }

    void emptyAndMissing()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(bool, fails);
        const QString path = content.isNull() ? m_dir.filePath(name) : write(name, content);
        CollectingSink sink;
        const ImportResult result = importFile(path, sink);
        QCOMPARE(result.outcome, fails ? Outcome::Failed : Outcome::Finished);
        QCOMPARE(result.records, 0);
        QCOMPARE(result.rejected, 0);
        QVERIFY(sink.records.empty() && sink.rejected.isEmpty());
        if (fails)
            QVERIFY2(result.error.contains(QDir::toNativeSeparators(path)), qPrintable(result.error));
        else
            QVERIFY(result.error.isEmpty());
    }

    void cancellation()
    {
        QByteArray content;
        const int lines = 200000; // ~30 MB: several 8 MiB batches
        content.reserve(lines * 170);
        for (int n = 1; n <= lines; ++n)
            content += goodLine(n) + "\n";
        const QString path = write(u"cancel.jsonl"_s, content);
        CollectingSink sink;
        CancelOnFirstReport progress;
        const ImportResult result = importFile(path, sink, &progress);
        QCOMPARE(result.outcome, Outcome::Cancelled);
        QCOMPARE(progress.reports, 1);
        QCOMPARE(progress.lastTotal, content.size());
        QVERIFY(progress.lastDone > 0 && progress.lastDone < content.size());
        // Cancelled after the first batch: a prefix of the file, nothing more.
        QVERIFY(!sink.records.empty());
        QVERIFY(sink.records.size() < size_t(lines) / 2);
        QCOMPARE(result.records, qint64(sink.records.size()));
        for (size_t i = 0; i < sink.records.size(); i += 997)
            QVERIFY(isGood(sink.records[i], qint64(i + 1), nullptr));

        // Progress without cancelling: increasing, ending at the file size.
        CollectingSink all;
        RecordingProgress recording;
        QCOMPARE(importFile(path, all, &recording).outcome, Outcome::Finished);
        QCOMPARE(all.records.size(), size_t(lines));
        QVERIFY(!recording.reports.isEmpty());
        QCOMPARE(recording.reports.last().first, content.size());
        for (qsizetype i = 1; i < recording.reports.size(); ++i)
            QVERIFY(recording.reports[i].first >= recording.reports[i - 1].first);
        QFile::remove(path);
    }

    void csv_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QList<qint64>>("good");
        QTest::addColumn<QList<qint64>>("bad");
        QTest::addColumn<QString>("reason");

        const auto rows = [](const QList<QByteArray> &lines, const QByteArray &eol = "\n") {
            QByteArray content = CsvHeader + eol;
            for (qsizetype i = 0; i < lines.size(); ++i)
                content += (lines[i] == "G" ? goodCsvRow(i + 2) : lines[i]) + eol;
            return content;
        };
        QTest::newRow("all good") << rows({"G", "G", "G"}) << QList<qint64>{2, 3, 4} << QList<qint64>{} << QString();
        QTest::newRow("CRLF and blank rows") << rows({"G", "", "G"}, "\r\n") << QList<qint64>{2, 4} << QList<qint64>{} << QString();
        QTest::newRow("BOM") << "\xEF\xBB\xBF" + rows({"G", "G"}) << QList<qint64>{2, 3} << QList<qint64>{} << QString();
        QTest::newRow("negative latency")
            << rows({"G", "2026-10-01T00:00:00Z,wf,e3,t3,-3,3,ok", "G"}) << QList<qint64>{2, 4} << QList<qint64>{3}
            << u"\"latency_ms\" must be a number >= 0, got -3"_s;
        QTest::newRow("NaN text") << rows({"2026-10-01T00:00:00Z,wf,e2,t2,NaN,3,ok", "G"}) << QList<qint64>{3}
                                  << QList<qint64>{2} << u"\"latency_ms\" must be a number >= 0, got \"NaN\""_s;
        QTest::newRow("inf text") << rows({"G", "2026-10-01T00:00:00Z,wf,e3,t3,inf,3,ok"}) << QList<qint64>{2}
                                  << QList<qint64>{3} << u"got \"inf\""_s;
        QTest::newRow("unknown status") << rows({"G", "2026-10-01T00:00:00Z,wf,e3,t3,1,3,fine"}) << QList<qint64>{2}
                                        << QList<qint64>{3} << u"unknown status \"fine\""_s;
        QTest::newRow("empty required cell") << rows({"2026-10-01T00:00:00Z,wf,e2,,1,3,ok", "G"}) << QList<qint64>{3}
                                             << QList<qint64>{2} << u"missing required field \"tool\""_s;
        QTest::newRow("too few cells") << rows({"G", "2026-10-01T00:00:00Z,wf,e3"}) << QList<qint64>{2}
                                       << QList<qint64>{3} << u"3 cells, but the header has 7 columns"_s;
        QTest::newRow("fractional bytes") << rows({"2026-10-01T00:00:00Z,wf,e2,t2,1,2.5,ok"}) << QList<qint64>{}
                                          << QList<qint64>{2} << u"\"output_bytes\" must be an integer >= 0, got 2.5"_s;
        QTest::newRow("bad timestamp") << rows({"yesterday,wf,e2,t2,1,2,ok", "G"}) << QList<qint64>{3}
                                       << QList<qint64>{2} << u"\"ts\" must be an RFC 3339 timestamp, got \"yesterday\""_s;
        QTest::newRow("invalid UTF-8") << rows({"G", "2026-10-01T00:00:00Z,w\xfe,e3,t3,1,2,ok", "G"})
                                       << QList<qint64>{2, 4} << QList<qint64>{3} << u"invalid UTF-8 at byte 23"_s;
        QTest::newRow("quote in unquoted cell") << rows({"2026-10-01T00:00:00Z,w\"f,e2,t2,1,2,ok", "G"})
                                                << QList<qint64>{3} << QList<qint64>{2} << u"malformed CSV"_s;
        QTest::newRow("text after closing quote") << rows({"G", "2026-10-01T00:00:00Z,\"wf\"x,e3,t3,1,2,ok"})
                                                  << QList<qint64>{2} << QList<qint64>{3} << u"after the closing quote"_s;
        // An unclosed quote runs to the end of the file: the rest is one bad row.
        QTest::newRow("unclosed quote") << rows({"G", "2026-10-01T00:00:00Z,\"wf,e3,t3,1,2,ok", "G"}) << QList<qint64>{2}
                                        << QList<qint64>{3} << u"unclosed quote"_s;
    }

    void csv()
    {
        QFETCH(QByteArray, content);
        QFETCH(QList<qint64>, good);
        QFETCH(QList<qint64>, bad);
        QFETCH(QString, reason);
        const QString path = write(u"rows.csv"_s, content);
        for (const ImportOptions &options : optionVariants()) {
            CollectingSink sink;
            const ImportResult result = importFile(path, sink, nullptr, InputFormat::Auto, options);
            verify(sink, result, good, bad, reason, u"csv, "_s + describe(options));
            if (QTest::currentTestFailed())
                return;
        }
    }

    void csvQuotingAndMetrics()
    {
        // Quoted cells with commas, doubled quotes and a newline; unknown and metrics.NAME columns; empty optional cells.
        const QByteArray content =
            "tool,\"latency_ms\",status,workflow,ts,note,metrics.tokens,metrics.retries,memory_mb,error\r\n"
            "\"fetch, then parse\",12.5,ok,wf,2026-10-01T00:00:01Z,ignored,100,,,\r\n"
            "charge,7,error,\"say \"\"hi\"\"\",2026-10-01T00:00:02Z,\"multi\r\nline note\",,1,3.5,\"card\ndeclined\"\r\n"
            "send,1,ok,wf,2026-10-01T00:00:03Z,,,,,\r\n";
        const QString path = write(u"quoted.csv"_s, content);
        for (const ImportOptions &options : optionVariants()) {
            CollectingSink sink;
            const ImportResult result = importFile(path, sink, nullptr, InputFormat::Auto, options);
            QCOMPARE(result.outcome, Outcome::Finished);
            QVERIFY2(sink.rejected.isEmpty(), qPrintable(sink.rejected.value(0).reason));
            QCOMPARE(sink.recordLines(), (QList<qint64>{2, 3, 6}));
            const Record &a = sink.records[0];
            QCOMPARE(a.tool, "fetch, then parse");
            QCOMPARE(a.value(Metric::Latency), 12.5);
            QCOMPARE(a.custom.size(), size_t(1));
            QCOMPARE(a.custom[0], (std::pair<std::string, double>("tokens", 100)));
            QVERIFY(!isPresent(a.value(Metric::Memory)));
            QVERIFY(a.error.empty());
            const Record &b = sink.records[1];
            QCOMPARE(b.workflow, "say \"hi\"");
            QCOMPARE(b.ok, false);
            QCOMPARE(b.error, "card\ndeclined");
            QCOMPARE(b.value(Metric::Memory), 3.5);
            QCOMPARE(b.custom.size(), size_t(1));
            QCOMPARE(b.custom[0], (std::pair<std::string, double>("retries", 1)));
            QCOMPARE(b.tsMs, baseMs() + 2000);
            QCOMPARE(sink.records[2].tool, "send");
        }
    }

    void csvHeader_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("error");
        QTest::newRow("missing tool") << QByteArray("ts,workflow,latency_ms,status") << u"missing required column \"tool\""_s;
        QTest::newRow("duplicated column") << QByteArray("ts,workflow,tool,latency_ms,status,tool")
                                           << u"duplicated column \"tool\""_s;
        QTest::newRow("bare metrics column") << QByteArray("ts,workflow,tool,latency_ms,status,metrics")
                                             << u"metrics.NAME"_s;
    }

    void csvHeader()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, error);
        const QString path = write(u"header.csv"_s, header + "\n2026-10-01T00:00:00Z,w,t,1,ok\n");
        CollectingSink sink;
        const ImportResult result = importFile(path, sink);
        QCOMPARE(result.outcome, Outcome::Failed);
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
        QVERIFY(sink.records.empty());
    }

    void otlp()
    {
        const auto attr = [](const char *key, const QJsonValue &v) {
            QJsonObject value;
            if (v.isString())
                value[u"stringValue"_s] = v;
            else
                value[u"intValue"_s] = QString::number(v.toInteger());
            return QJsonObject{{u"key"_s, QString::fromLatin1(key)}, {u"value"_s, value}};
        };
        const auto span = [](const char *id, const char *parent, const char *name, qint64 startNs, qint64 endNs,
                             QJsonArray attributes, int statusCode = 0, const char *message = "") {
            QJsonObject s{{u"traceId"_s, u"5b8efff798038103d269b633813fc60c"_s},
                          {u"spanId"_s, QString::fromLatin1(id)},
                          {u"name"_s, QString::fromLatin1(name)},
                          {u"startTimeUnixNano"_s, QString::number(startNs)},
                          {u"endTimeUnixNano"_s, QString::number(endNs)},
                          {u"attributes"_s, attributes}};
            if (*parent)
                s[u"parentSpanId"_s] = QString::fromLatin1(parent);
            if (statusCode)
                s[u"status"_s] = QJsonObject{{u"code"_s, statusCode}, {u"message"_s, QString::fromLatin1(message)}};
            return s;
        };
        const auto request = [](QJsonArray resourceAttributes, QJsonArray spans) {
            return QJsonObject{{u"resourceSpans"_s,
                                QJsonArray{QJsonObject{{u"resource"_s, QJsonObject{{u"attributes"_s, resourceAttributes}}},
                                                       {u"scopeSpans"_s, QJsonArray{QJsonObject{{u"spans"_s, spans}}}}}}}};
        };
        const qint64 t0 = baseMs() * 1000000;
        // Request 1: a workflow span encloses an agent, a tool, and a chat call made inside the tool.
        const QJsonObject r1 = request(
            {attr("service.name", u"my-agent"_s), attr("service.version", u"2.0.0"_s)},
            {span("a1", "", "invoke_workflow process_order", t0, t0 + 9000000000, {attr("gen_ai.operation.name", u"invoke_workflow"_s)}),
             span("a2", "a1", "invoke_agent billing", t0, t0 + 8000000000,
                  {attr("gen_ai.operation.name", u"invoke_agent"_s), attr("gen_ai.agent.name", u"billing"_s)}),
             span("a3", "a2", "execute_tool charge_card", t0 + 1000000, t0 + 251500000,
                  {attr("gen_ai.operation.name", u"execute_tool"_s), attr("gen_ai.tool.name", u"charge_card"_s)}),
             span("a4", "a3", "chat llama3.2", t0 + 2000000, t0 + 200000000,
                  {attr("gen_ai.operation.name", u"chat"_s), attr("gen_ai.usage.input_tokens", 34),
                   attr("gen_ai.usage.output_tokens", 12)}),
             span("a5", "a2", "execute_tool", t0 + 300000000, t0 + 300000000, {attr("gen_ai.operation.name", u"execute_tool"_s)})});
        // Request 2: no enclosing span in the request, so the service names the workflow; a failed call.
        const QJsonObject r2 = request(
            {attr("service.name", u"my-agent"_s)},
            {span("b1", "zz", "execute_tool send_email", t0 + 5000000000, t0 + 5100000000,
                  {attr("gen_ai.operation.name", u"execute_tool"_s), attr("gen_ai.tool.name", u"send_email"_s)}, 2, "timeout"),
             span("b2", "zz", "execute_tool late", t0 + 5000000000, t0 + 4000000000,
                  {attr("gen_ai.operation.name", u"execute_tool"_s), attr("gen_ai.tool.name", u"late"_s)}),
             span("b3", "zz", "chat x", t0, t0 + 1, {attr("gen_ai.operation.name", u"chat"_s)})});
        // Request 3: neither service.name nor an enclosing span.
        const QJsonObject r3 = request({}, {span("c1", "", "execute_tool t", t0, t0 + 1000000,
                                                 {attr("gen_ai.operation.name", u"execute_tool"_s)})});

        const QByteArray compact = QJsonDocument(r1).toJson(QJsonDocument::Compact) + "\n\n"
            + QJsonDocument(r2).toJson(QJsonDocument::Compact) + "\n" + "{\"resourceSpans\":[oops]}\n"
            + QJsonDocument(r3).toJson(QJsonDocument::Compact) + "\n";
        for (const ImportOptions &options : optionVariants()) {
            CollectingSink sink;
            const ImportResult result = importFile(write(u"traces.json"_s, compact), sink, nullptr, InputFormat::Auto, options);
            QCOMPARE(result.outcome, Outcome::Finished);
            QCOMPARE(sink.recordLines(), (QList<qint64>{1, 3}));
            QCOMPARE(sink.rejectedLines(), (QList<qint64>{1, 3, 4, 5}));
            // send_email waits for its parent span "zz" from a later line; at the end of the file it goes on.
            QCOMPARE(sink.order, (QList<qint64>{1, -1, -3, -4, -5, 3}));
            QVERIFY2(sink.rejected[0].reason.contains(u"span a5: execute_tool span without \"gen_ai.tool.name\""_s), qPrintable(sink.rejected[0].reason));
            QVERIFY2(sink.rejected[1].reason.contains(u"span b2: \"endTimeUnixNano\" is before"_s), qPrintable(sink.rejected[1].reason));
            QVERIFY2(sink.rejected[2].reason.contains(u"invalid JSON at byte 19"_s), qPrintable(sink.rejected[2].reason));
            QVERIFY2(sink.rejected[3].reason.contains(u"span c1: no workflow"_s), qPrintable(sink.rejected[3].reason));
            QCOMPARE(result.records, 2);
            QCOMPARE(result.rejected, 4);

            const Record &charge = sink.records[0];
            QCOMPARE(charge.tool, "charge_card");
            QCOMPARE(charge.workflow, "process_order");
            QCOMPARE(charge.version, "2.0.0");
            QCOMPARE(charge.execution, "5b8efff798038103d269b633813fc60c");
            QCOMPARE(charge.tsMs, baseMs() + 1);
            QCOMPARE(charge.value(Metric::Latency), 250.5);
            QVERIFY(charge.ok);
            QCOMPARE(charge.custom.size(), size_t(2));
            QCOMPARE(charge.custom[0], (std::pair<std::string, double>("input_tokens", 34)));
            QCOMPARE(charge.custom[1], (std::pair<std::string, double>("output_tokens", 12)));

            const Record &email = sink.records[1];
            QCOMPARE(email.tool, "send_email");
            QCOMPARE(email.workflow, "my-agent");
            QCOMPARE(email.version, "1.0.0");
            QCOMPARE(email.ok, false);
            QCOMPARE(email.error, "timeout");
            QCOMPARE(email.value(Metric::Latency), 100.0);
        }

        // Continuing after the first two lines: what the later lines hold, and the file is done at its last line.
        {
            ImportOptions options;
            options.skipLines = 2;
            CollectingSink sink;
            const ImportResult result = importFile(write(u"traces.json"_s, compact), sink, nullptr, InputFormat::Auto, options);
            QCOMPARE(result.outcome, Outcome::Finished);
            QCOMPARE(sink.order, (QList<qint64>{-3, -4, -5, 3}));
            QCOMPARE(sink.done, (QList<qint64>{5}));
        }

        // The same requests pretty-printed, one after the other, plus one cut short.
        const QByteArray pretty = QJsonDocument(r1).toJson(QJsonDocument::Indented)
            + QJsonDocument(r2).toJson(QJsonDocument::Indented) + "{\n  \"resourceSpans\": [\n";
        const qint64 secondStart = QJsonDocument(r1).toJson(QJsonDocument::Indented).count('\n') + 1;
        const qint64 thirdStart = pretty.count('\n') - 1;
        for (const ImportOptions &options : optionVariants()) {
            CollectingSink sink;
            const ImportResult result = importFile(write(u"pretty.json"_s, pretty), sink, nullptr, InputFormat::Auto, options);
            QCOMPARE(result.outcome, Outcome::Finished);
            QCOMPARE(sink.recordLines(), (QList<qint64>{1, secondStart}));
            QCOMPARE(sink.rejectedLines(), (QList<qint64>{1, secondStart, thirdStart}));
            QVERIFY2(sink.rejected[2].reason.contains(u"truncated JSON"_s), qPrintable(sink.rejected[2].reason));
            QCOMPARE(sink.records[0].custom.size(), size_t(2));
        }
    }

    void otlpToolNameFallback()
    {
        // Without gen_ai.tool.name, the span name after "execute_tool " names the tool.
        const QByteArray line = j("{'resourceSpans':[{'resource':{'attributes':[{'key':'service.name','value':{'stringValue':'svc'}}]},"
                                  "'scopeSpans':[{'spans':[{'traceId':'t','spanId':'s','name':'execute_tool lookup','startTimeUnixNano':1000000,"
                                  "'endTimeUnixNano':'3000000','status':{'code':'STATUS_CODE_ERROR'},'attributes':[{'key':'gen_ai.operation.name','value':{'stringValue':'execute_tool'}},"
                                  "{'key':'error.type','value':{'stringValue':'timeout'}}]}]}]}]}");
        CollectingSink sink;
        const ImportResult result = importFile(write(u"fallback.otlp"_s, line), sink, nullptr, InputFormat::OtlpJson);
        QCOMPARE(result.records, 1);
        const Record &r = sink.records.front();
        QCOMPARE(r.tool, "lookup");
        QCOMPARE(r.workflow, "svc");
        QCOMPARE(r.value(Metric::Latency), 2.0);
        QCOMPARE(r.tsMs, 1);
        QCOMPARE(r.ok, false);
        QCOMPARE(r.error, "timeout");
    }

    void detectFormat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("format");
        QTest::newRow("jsonl") << u"a.jsonl"_s << goodLine(1) << int(InputFormat::JsonLines);
        QTest::newRow("json records") << u"a.json"_s << goodLine(1) << int(InputFormat::JsonLines);
        QTest::newRow("otlp compact") << u"a.json"_s << QByteArray(j("{'resourceSpans':[]}")) << int(InputFormat::OtlpJson);
        QTest::newRow("otlp pretty, odd name") << u"traces.log"_s << QByteArray("{\n  \"resourceSpans\": [") << int(InputFormat::OtlpJson);
        QTest::newRow("csv") << u"a.csv"_s << CsvHeader << int(InputFormat::Csv);
        QTest::newRow("csv.gz") << u"a.CSV.gz"_s << CsvHeader << int(InputFormat::Csv);
        QTest::newRow("csv, no extension") << u"export"_s << CsvHeader << int(InputFormat::Csv);
        QTest::newRow("junk .jsonl") << u"a.jsonl"_s << QByteArray("ts,junk") << int(InputFormat::JsonLines);
        QTest::newRow("empty") << u"a"_s << QByteArray() << int(InputFormat::JsonLines);
        QTest::newRow("BOM json") << u"a.csv"_s << "\xEF\xBB\xBF" + goodLine(1) << int(InputFormat::JsonLines);
    }

    void detectFormat()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, head);
        QFETCH(int, format);
        QCOMPARE(int(detectInputFormat(name, std::string_view(head.constData(), size_t(head.size())))), format);
    }

    void chunkingNeverChangesTheResult()
    {
        // A mixed file read with every chunk size and parser count gives the very same calls in the same order.
        QByteArray content;
        std::mt19937 rng(11);
        for (int n = 1; n <= 600; ++n) {
            switch (rng() % 7) {
            case 0:
                content += "\n";
                break;
            case 1:
                content += goodLine(n).left(int(rng() % 60)) + "\n";
                break;
            default:
                content += goodLine(n) + (rng() % 3 == 0 ? "\r\n" : "\n");
            }
        }
        const QString path = write(u"mixed.jsonl"_s, content);
        CollectingSink reference;
        importFile(path, reference, nullptr, InputFormat::Auto, ImportOptions());
        QVERIFY(reference.records.size() > 300 && reference.rejected.size() > 50);
        for (qint64 chunk : {1, 2, 3, 17, 170, 171, 4096}) {
            for (int threads : {1, 2, 3}) {
                ImportOptions options;
                options.chunkBytes = chunk;
                options.parseThreads = threads;
                CollectingSink sink;
                importFile(path, sink, nullptr, InputFormat::Auto, options);
                QCOMPARE(sink.order, reference.order);
            }
        }
    }

    void aheadSinkSeesEveryRecordFirst()
    {
        // The ahead sink gets the records (not the rejections) with the same absolute lines, in file order,
        // each one before the sink does; the sink still gets records and rejections merged in file order.
        QFETCH(QString, format);
        QByteArray content;
        std::mt19937 rng(5);
        if (format == u"csv")
            content = CsvHeader + "\n";
        for (int n = format == u"csv" ? 2 : 1; n <= 800; ++n) {
            const bool bad = rng() % 9 == 0;
            if (format == u"csv")
                content += bad ? QByteArray("not,a,row\n") : goodCsvRow(n) + "\n";
            else
                content += bad ? goodLine(n).left(30) + "\n" : goodLine(n) + "\n";
        }
        const QString path = write(u"ahead."_s + format, content);
        CollectingSink reference;
        importFile(path, reference, nullptr, InputFormat::Auto, ImportOptions());
        QVERIFY(reference.records.size() > 600 && !reference.rejected.isEmpty());

        struct Ahead : RecordSink {
            std::atomic<qint64> seen{0};
            QList<qint64> lines;
            void onRecord(const RecordView &r) override
            {
                lines << r.line;
                seen.fetch_add(1, std::memory_order_release);
            }
            void onRejected(qint64, const QString &) override { QFAIL("rejections stay with the sink"); }
        };
        struct Behind : CollectingSink {
            const Ahead *ahead = nullptr;
            qint64 early = 0; ///< records the sink got before the ahead sink had seen them
            void onRecord(const RecordView &r) override
            {
                if (ahead->seen.load(std::memory_order_acquire) < qint64(records.size()) + 1)
                    ++early;
                CollectingSink::onRecord(r);
            }
        };
        for (qint64 chunk : {64, 4096, 4 << 20}) {
            for (int threads : {1, 2}) {
                ImportOptions options;
                options.chunkBytes = chunk;
                options.parseThreads = threads;
                Ahead ahead;
                Behind sink;
                sink.ahead = &ahead;
                options.ahead = &ahead;
                const ImportResult result = importFile(path, sink, nullptr, InputFormat::Auto, options);
                QCOMPARE(result.outcome, Outcome::Finished);
                QCOMPARE(sink.order, reference.order);
                QCOMPARE(ahead.lines, reference.recordLines());
                QCOMPARE(sink.early, qint64(0));
            }
        }
    }
    void aheadSinkSeesEveryRecordFirst_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("json lines") << u"jsonl"_s;
        QTest::newRow("csv") << u"csv"_s;
    }

    void anImportContinuesAfterTheLinesDoneBefore()
    {
        // onLinesDone marks where each batch ends; an import told to skip that many lines hands over exactly what
        // the whole import handed over after them, with the same line numbers, whatever the chunking. A last line
        // without its '\n' is not called done (a writer may be finishing it), so the next import reads it again.
        QFETCH(QString, format);
        QFETCH(bool, terminated);
        QByteArray content;
        std::mt19937 rng(9);
        if (format == u"csv")
            content = CsvHeader + "\n";
        const int last = 700;
        for (int n = format == u"csv" ? 2 : 1; n <= last; ++n) {
            const bool bad = rng() % 11 == 0;
            QByteArray line = format == u"csv" ? (bad ? QByteArray("not,a,row") : goodCsvRow(n)) : (bad ? goodLine(n).left(30) : goodLine(n));
            if (rng() % 13 == 0)
                content += "\n"; // a blank line: counted, handed over as nothing
            content += line;
            if (n < last || terminated)
                content += "\n";
        }
        const qint64 lines = content.count('\n') + (terminated ? 0 : 1);
        const QString path = write(u"continue."_s + format, content);
        ImportOptions small;
        small.chunkBytes = 64;
        CollectingSink whole;
        importFile(path, whole, nullptr, InputFormat::Auto, small);
        QVERIFY(whole.done.size() > 20);
        QCOMPARE(whole.done.last(), terminated ? lines : lines - 1);
        QVERIFY(std::is_sorted(whole.done.begin(), whole.done.end()));

        const auto after = [&](qint64 skip) {
            QList<qint64> order;
            for (qint64 line : whole.order)
                if (std::abs(line) > skip)
                    order << line;
            return order;
        };
        for (qint64 skip : {qint64(0), qint64(1), whole.done[3], whole.done[whole.done.size() / 2], whole.done.last(), lines + 5}) {
            for (qint64 chunk : {64, 4096, 4 << 20}) {
                for (int threads : {1, 2}) {
                    ImportOptions options;
                    options.chunkBytes = chunk;
                    options.parseThreads = threads;
                    options.skipLines = skip;
                    CollectingSink sink;
                    const ImportResult result = importFile(path, sink, nullptr, InputFormat::Auto, options);
                    QCOMPARE(result.outcome, Outcome::Finished);
                    if (format == u"csv" && skip == 0)
                        continue; // the header alone is line 1: nothing to compare beyond what the whole import did
                    QCOMPARE(sink.order, after(skip));
                    QCOMPARE(sink.done.last(), terminated ? lines : lines - 1); // never beyond the file
                }
            }
        }
    }
    void anImportContinuesAfterTheLinesDoneBefore_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("terminated");
        QTest::newRow("json lines") << u"jsonl"_s << true;
        QTest::newRow("json lines, last line open") << u"jsonl"_s << false;
        QTest::newRow("csv") << u"csv"_s << true;
        QTest::newRow("csv, last row open") << u"csv"_s << false;
    }
};

QTEST_GUILESS_MAIN(TestIngest)
#include "tst_ingest.moc"
