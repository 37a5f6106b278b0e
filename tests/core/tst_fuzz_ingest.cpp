#include "ingest/importer.h"
#include "ingest/importoptions.h"
#include "ingest/jsonerror.h"
#include "ingest/otlpjson.h"
#include "record.h"
#include "recordsink.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <cmath>
#include <random>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

struct Outcome1 {
    bool record = false;
    QString reason;
    Record value;
};

class CollectingSink : public RecordSink
{
public:
    void onRecord(const RecordView &r) override { calls.push_back({r.line, {true, {}, Record::fromView(r)}}); }
    void onRejected(qint64 line, const QString &reason) override { calls.push_back({line, {false, reason, {}}}); }
    std::vector<std::pair<qint64, Outcome1>> calls;
};

QByteArray gzip(const QByteArray &data)
{
    z_stream s{};
    deflateInit2(&s, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
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

// Valid records with every kind of field, escapes and non-ASCII text, so mutations reach every code path.
QList<QByteArray> seeds()
{
    return {
        R"({"ts":"2026-10-01T00:00:12.345Z","workflow":"process_customer_order","version":"1.0.0","execution":"pco-000123","tool":"fetch_data","latency_ms":231.4,"output_bytes":1180,"memory_mb":44.2,"status":"ok"})",
        R"({"status":"error","error":"timeout \"upstream\"\n","tool":"charge_card","latency_ms":1e3,"workflow":"w","ts":"2026-10-01T02:00:00.123456+02:00","metrics":{"tokens":12,"retries":0.5}})",
        R"({"ts":"2026-10-01t00:00:00z","workflow":"\u0444\u043b\u043e\u0443","tool":"t\u00e9","latency_ms":0,"status":"ok","cpu_pct":12.5,"validation_pass":1,"cost_usd":0.002,"extra":[1,{"a":null},true,false]})",
        R"({"ts":"2026-10-01T00:00:00Z","workflow":"ворк","tool":"инструмент 🛠","latency_ms":3,"status":"ok","memory_mb":null,"execution":""})",
    };
}

QByteArray mutate(QByteArray line, std::mt19937 &rng, const QList<QByteArray> &pool)
{
    const auto pick = [&](qsizetype n) { return n <= 0 ? qsizetype(0) : qsizetype(rng() % quint32(n)); };
    switch (rng() % 7) {
    case 0: // bit flips
        for (int k = 1 + int(rng() % 3); k > 0 && !line.isEmpty(); --k) {
            const qsizetype i = pick(line.size());
            line[i] = char(line[i] ^ char(1 << (rng() % 8)));
        }
        break;
    case 1: // truncation
        line.truncate(pick(line.size()));
        break;
    case 2: { // splice two records
        const QByteArray &other = pool[pick(pool.size())];
        line = line.left(pick(line.size())) + other.mid(pick(other.size()));
        break;
    }
    case 3: // random byte inserted
        line.insert(pick(line.size() + 1), char(rng() & 0xff));
        break;
    case 4: // a span deleted
        line.remove(pick(line.size()), pick(12) + 1);
        break;
    case 5: { // a field duplicated
        const qsizetype comma = line.indexOf(',', pick(line.size()));
        const qsizetype next = comma < 0 ? -1 : line.indexOf(',', comma + 1);
        if (next > comma)
            line.insert(next, line.mid(comma, next - comma));
        break;
    }
    default: { // a value swapped for an interesting token
        static const char *tokens[] = {"NaN", "-Infinity", "1e400", "-0", "null", "\"\"", "[]", "{}", "\"\\ud800\"",
                                       "\"\xff\"", "18446744073709551616", "-3", "1.5", "\"fine\"", "0.000001"};
        const qsizetype colon = line.indexOf(':', pick(line.size()));
        if (colon >= 0) {
            qsizetype end = colon + 1;
            while (end < line.size() && line[end] != ',' && line[end] != '}')
                ++end;
            line.replace(colon + 1, end - colon - 1, tokens[rng() % std::size(tokens)]);
        }
        break;
    }
    }
    line.replace('\n', ' '); // one physical line each, so line numbers stay known
    return line;
}

bool isBlank(const QByteArray &line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

} // namespace

class TestFuzzIngest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void mutatedJsonLines()
    {
        std::mt19937 rng(20261001);
        const QList<QByteArray> pool = seeds();
        qint64 mutated = 0;
        qint64 accepted = 0;
        qint64 scannerMissed = 0;
        for (int file = 0; file < 500; ++file) {
            QList<QByteArray> lines;
            QList<bool> isSeed;
            for (int k = 0; k < 40; ++k) {
                const QByteArray &seed = pool[qsizetype(rng() % quint32(pool.size()))];
                const bool keep = k % 2 == 0;
                lines << (keep ? seed : mutate(seed, rng, pool));
                isSeed << keep;
                mutated += keep ? 0 : 1;
            }
            const QByteArray content = lines.join('\n') + (file % 3 ? "\n" : "");
            const bool packed = file % 5 == 0;
            const QString path = m_dir.filePath(packed ? u"fuzz.jsonl.gz"_s : u"fuzz.jsonl"_s);
            {
                QFile f(path);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(packed ? gzip(content) : content);
            }
            ImportOptions options;
            if (file % 2) {
                options.chunkBytes = 1 + qint64(rng() % 400);
                options.parseThreads = 1 + int(rng() % 3);
            }
            CollectingSink sink;
            const ImportResult result = importFile(path, sink, nullptr, InputFormat::JsonLines, options);
            QCOMPARE(result.outcome, Outcome::Finished);

            // Every non-blank line is exactly one record or one rejection, at its own line, in order.
            QList<qint64> expectedLines;
            for (qsizetype i = 0; i < lines.size(); ++i) {
                if (!isBlank(lines[i]))
                    expectedLines << i + 1;
            }
            QCOMPARE(qsizetype(sink.calls.size()), expectedLines.size());
            QCOMPARE(result.records + result.rejected, qint64(expectedLines.size()));
            for (size_t c = 0; c < sink.calls.size(); ++c) {
                const auto &[lineNo, outcome] = sink.calls[c];
                QCOMPARE(lineNo, expectedLines[qsizetype(c)]);
                const QByteArray &line = lines[lineNo - 1];
                if (isSeed[lineNo - 1])
                    QVERIFY2(outcome.record, qPrintable(u"valid line %1 lost: %2"_s.arg(lineNo).arg(outcome.reason)));
                if (!outcome.record) {
                    QVERIFY(!outcome.reason.isEmpty());
                    continue;
                }
                ++accepted;
                // Whatever got through obeys the format's rules.
                const Record &r = outcome.value;
                QVERIFY(!r.workflow.empty() && !r.tool.empty() && !r.version.empty());
                QVERIFY(r.value(Metric::Latency) >= 0);
                for (double v : r.values)
                    QVERIFY(!isPresent(v) || (v >= 0 && std::isfinite(v)));
                QVERIFY(!isPresent(r.value(Metric::Validation)) || r.value(Metric::Validation) <= 1);
                QVERIFY(!isPresent(r.value(Metric::OutputBytes))
                        || std::trunc(r.value(Metric::OutputBytes)) == r.value(Metric::OutputBytes));

                // The live-source entry point decides the same way on the same line.
                CollectingSink single;
                QVERIFY(parseJsonLine(std::string_view(line.constData(), size_t(line.size())), lineNo, single));
                QCOMPARE(single.calls.front().second.value.tool, r.tool);
            }
            for (size_t c = 0; c < sink.calls.size(); ++c) {
                const auto &[lineNo, outcome] = sink.calls[c];
                if (outcome.record)
                    continue;
                const QByteArray &line = lines[lineNo - 1];
                CollectingSink single;
                QVERIFY(!parseJsonLine(std::string_view(line.constData(), size_t(line.size())), lineNo, single));
                QCOMPARE(single.calls.front().second.reason, outcome.reason);
                // The scanner that explains JSON errors agrees with simdjson about which lines are not JSON.
                const bool syntax = outcome.reason.startsWith(u"invalid JSON"_s) || outcome.reason.startsWith(u"invalid UTF-8"_s);
                const QString explained = explainInvalidJson(std::string_view(line.constData(), size_t(line.size())));
                if (syntax && explained.isEmpty())
                    ++scannerMissed;
                QVERIFY2(syntax || explained.isEmpty(),
                         qPrintable(u"line %1: scanner says \"%2\" but the parser said \"%3\": %4"_s.arg(lineNo).arg(
                             explained, outcome.reason, QString::fromUtf8(line.toPercentEncoding()))));
            }
        }
        QCOMPARE(scannerMissed, 0);
        QCOMPARE(mutated, 10000);
        qInfo("%lld mutated lines, %lld records accepted in all", mutated, accepted);
    }

    void mutatedCsv()
    {
        std::mt19937 rng(4180);
        const QByteArray header = "ts,workflow,tool,latency_ms,status,error,metrics.tokens";
        const QList<QByteArray> rows = {"2026-10-01T00:00:00Z,w,t,1.5,ok,,3",
                                        "2026-10-01T00:00:01Z,\"w, quoted\",\"t \"\"x\"\"\",2,error,\"multi, \"\"cell\"\"\",",
                                        "2026-10-01T00:00:02.5+01:00,w,t,0,ok,e,"};
        for (int file = 0; file < 300; ++file) {
            QByteArray content = header + "\n";
            QList<bool> isSeed;
            for (int k = 0; k < 20; ++k) {
                const QByteArray &row = rows[qsizetype(rng() % quint32(rows.size()))];
                const bool keep = k % 2 == 0;
                const QByteArray line = keep ? row : mutate(row, rng, rows);
                content += line + "\n";
                isSeed << keep;
            }
            const QString path = m_dir.filePath(u"fuzz.csv"_s);
            {
                QFile f(path);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(content);
            }
            ImportOptions options;
            options.chunkBytes = 1 + qint64(rng() % 300);
            CollectingSink sink;
            const ImportResult result = importFile(path, sink, nullptr, InputFormat::Csv, options);
            QCOMPARE(result.outcome, Outcome::Finished);
            QCOMPARE(result.records + result.rejected, qint64(sink.calls.size()));
            qint64 previous = 1;
            for (const auto &[lineNo, outcome] : sink.calls) {
                QVERIFY(lineNo > previous);
                previous = lineNo;
                if (outcome.record)
                    QVERIFY(outcome.value.value(Metric::Latency) >= 0);
                else
                    QVERIFY(!outcome.reason.isEmpty());
            }
            // A valid row is a record, unless a bad row before it left a quoted cell open and so, as RFC 4180
            // says, runs on over it: then it is the tail of that rejected row.
            for (int k = 0; k < isSeed.size(); ++k) {
                if (!isSeed[k])
                    continue;
                const qint64 lineNo = k + 2;
                const auto it = std::find_if(sink.calls.begin(), sink.calls.end(),
                                             [&](const auto &call) { return call.first >= lineNo; });
                if (it != sink.calls.end() && it->first == lineNo) {
                    QVERIFY2(it->second.record, qPrintable(u"file %1: valid row on line %2 rejected: %3"_s.arg(file).arg(lineNo).arg(it->second.reason)));
                    continue;
                }
                QVERIFY2(it != sink.calls.begin(), qPrintable(u"file %1: valid row on line %2 lost"_s.arg(file).arg(lineNo)));
                const auto &[openLine, open] = *std::prev(it);
                QVERIFY2(!open.record && !isSeed[int(openLine) - 2] && content.split('\n')[openLine - 1].contains('"'),
                         qPrintable(u"file %1: valid row on line %2 lost after line %3"_s.arg(file).arg(lineNo).arg(openLine)));
            }
        }
    }

    void mutatedOtlp()
    {
        std::mt19937 rng(4318);
        const QByteArray request =
            R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}},{"key":"service.version","value":{"stringValue":"2"}}]},)"
            R"("scopeSpans":[{"scope":{"name":"x"},"spans":[{"traceId":"5b8e","spanId":"a1","name":"invoke_workflow wf","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000009000000000",)"
            R"("attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"invoke_workflow"}}]},)"
            R"({"traceId":"5b8e","spanId":"a2","parentSpanId":"a1","name":"execute_tool f","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":1700000001500000000,)"
            R"("attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"execute_tool"}},{"key":"gen_ai.tool.name","value":{"stringValue":"f"}},{"key":"gen_ai.usage.input_tokens","value":{"intValue":"34"}}],"status":{"code":2,"message":"boom"}},)"
            R"({"traceId":"5b8e","spanId":"a3","parentSpanId":"a2","name":"chat m","startTimeUnixNano":"1","endTimeUnixNano":"2",)"
            R"("attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},{"key":"gen_ai.usage.output_tokens","value":{"doubleValue":5}}]}]}]}]})";
        {
            CollectingSink sink;
            const OtlpConversion c = convertOtlpTraceRequest(std::string_view(request.constData(), size_t(request.size())), 7, sink);
            QCOMPARE(c.records, 1);
            QCOMPARE(c.rejected, 0);
            const Record &r = sink.calls.front().second.value;
            QCOMPARE(r.workflow, "wf");
            QCOMPARE(r.value(Metric::Latency), 1500.0);
            QCOMPARE(r.line, 7);
            QCOMPARE(r.custom.size(), size_t(2));
        }
        for (int i = 0; i < 5000; ++i) {
            const QByteArray input = mutate(request, rng, {request});
            CollectingSink sink;
            const OtlpConversion c = convertOtlpTraceRequest(std::string_view(input.constData(), size_t(input.size())), 1, sink);
            QCOMPARE(c.records + c.rejected, qint64(sink.calls.size()));
            for (const auto &[lineNo, outcome] : sink.calls) {
                QCOMPARE(lineNo, 1);
                if (outcome.record) {
                    QVERIFY(!outcome.value.tool.empty() && !outcome.value.workflow.empty());
                    QVERIFY(outcome.value.value(Metric::Latency) >= 0);
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFuzzIngest)
#include "tst_fuzz_ingest.moc"
