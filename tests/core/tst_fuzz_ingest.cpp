#include "ingest/importer.h"
#include "ingest/flatrecordscanner.h"
#include "ingest/importoptions.h"
#include "ingest/jsonerror.h"
#include "ingest/jsonrecordparser.h"
#include "ingest/otlpjson.h"
#include "ingest/stringarena.h"
#include "record.h"
#include "recordsink.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <bit>
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


// Everything a parse decides, bit for bit (-0.0 is not 0), as one comparable line.
QString dump(bool ok, const RecordView &r, const CustomMetricView *custom, const QString &reason)
{
    if (!ok)
        return u"rejected: "_s + reason;
    const auto text = [](std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); };
    const auto bits = [](double v) { return QString::number(std::bit_cast<quint64>(v), 16); };
    QString out = u"%1|%2|%3|%4|%5|%6|%7"_s.arg(text(r.workflow), text(r.version), text(r.execution), text(r.tool),
                                                text(r.error), QString::number(r.tsMs), r.ok ? u"ok"_s : u"error"_s);
    for (double v : r.values)
        out += u"|"_s + bits(v);
    for (int i = 0; i < r.customCount; ++i)
        out += u"|%1=%2"_s.arg(text(custom[i].name), bits(custom[i].value));
    return out;
}

// One line through the shipped parser (scanner first) and through the DOM parser alone.
struct Differential {
    JsonRecordParser fast;
    JsonRecordParser dom{JsonRecordParser::Mode::DomOnly};
    FlatRecordScanner scanner;
    StringArena arena{64 << 10};
    std::vector<CustomMetricView> custom;
    qint64 lines = 0;
    qint64 scanned = 0; ///< lines the scanner took without the DOM parser

    QString run(JsonRecordParser &parser, const QByteArray &padded, qsizetype size)
    {
        arena.clear();
        custom.assign(3, {"before", 1.0}); // what the caller had already must survive untouched
        RecordView r;
        QString reason;
        const bool ok = parser.parse(std::string_view(padded.constData(), size_t(size)), r, arena, custom, reason);
        if (custom.size() < 3 || custom[0].name != "before" || (!ok && custom.size() != 3))
            return u"custom metrics of earlier records changed"_s;
        return dump(ok, r, custom.data() + 3, reason);
    }

    /// The record's tool, or the reason for rejecting the line, by the DOM parser alone.
    QString domToolOrReason(const QByteArray &line)
    {
        QByteArray padded = line;
        padded.append(JsonRecordParser::Padding, '\0');
        arena.clear();
        custom.clear();
        RecordView r;
        QString reason;
        if (!dom.parse(std::string_view(padded.constData(), size_t(line.size())), r, arena, custom, reason))
            return reason;
        return QString::fromUtf8(r.tool.data(), qsizetype(r.tool.size()));
    }

    /// Empty when both agree; else both results.
    QString compare(const QByteArray &line)
    {
        QByteArray padded = line;
        padded.append(JsonRecordParser::Padding, '\n'); // not zeros: the scanner must not rely on what follows
        ++lines;
        RecordView r;
        custom.clear();
        const bool accepted = scanner.scan(std::string_view(padded.constData(), size_t(line.size())), r, custom);
        if (accepted)
            ++scanned;
        if (!accepted && !custom.empty())
            return u"the scanner declined but kept custom metrics"_s;
        const QString expected = run(dom, padded, line.size());
        const QString got = run(fast, padded, line.size());
        if (got == expected)
            return {};
        return u"line %1\\n  DOM:     %2\\n  scanner: %3"_s.arg(QString::fromUtf8(line.toPercentEncoding(" {}:,\"[]")),
                                                              expected, got);
    }
};

// Pieces of demo lines as exporters write them and as hand-edited or foreign files may hold them.
struct DemoLines {
    std::mt19937 rng{20261126};
    bool hostile = false; ///< whether this line may hold odd values (a clean line differs only in form)

    template <typename T, size_t N>
    const T &pick(const T (&items)[N]) { return items[rng() % N]; }
    bool chance(int percent) { return int(rng() % 100) < percent; }
    bool odd(int percent) { return hostile && chance(percent); }

    QByteArray space()
    {
        static const char *spaces[] = {"", "", "", "", " ", "  ", "\t", " \t ", "\r"};
        return pick(spaces);
    }
    QByteArray text()
    {
        static const char *texts[] = {"process_customer_order", "fetch_data", "ex-000123", "", "a",
                                      "with space", "quote \\\" inside", "back\\\\slash", "line\\nbreak",
                                      "\\u0444\\u043b\\u043e\\u0443", "\\ud83d\\udee0", "slash\\/", "ворк",
                                      "інструмент 🛠", "tab\there", "bad \xff utf8", "ctl \x01", "\xed\xa0\x80",
                                      "trailing \\", "unicode \\u00e9", "\\uD800 lone"};
        return pick(texts);
    }
    QByteArray number(const QByteArray &field = {})
    {
        if (field == "validation_pass" && !odd(40))
            return QByteArray::number(double(rng() % 1001) / 1000);
        if (field == "output_bytes" && !odd(40))
            return QByteArray::number(rng() % 100000);
        static const char *numbers[] = {
            "0", "1", "231", "231.4", "44.2", "1180", "0.5", "1.0", "-0", "-0.0", "0.0", "-3", "-2.5", "1e3",
            "1E3", "1e+3", "1e-3", "2.5e-2", "1.5E+10", "0.000001", "1e22", "1e23", "9007199254740993",
            "9007199254740992.0", "123456789012345678", "1234567890123456789", "12345678901234567890",
            "18446744073709551616", "-9223372036854775808", "0.1234567890123456789", "3.14159265358979323846",
            "1e400", "-1e400", "1e-400", "01", "00", ".5", "5.", "+1", "1e", "1e+", "--1", "1.2.3", "0x10",
            "NaN", "Infinity", "1e007", "1e0007", "4.9e-324", "1.7976931348623157e308", "123.456e-5",
            "0e0", "0.0e5", "-0e-0", "1_0", "1 2", "7\"", "1}"};
        static const char *clean[] = {"0", "1", "0.5", "1.0", "0.0", "1e3", "1E-2", "2.5e+1", "-0", "0e0"};
        if (chance(15)) {
            // Long mantissas and exponents: the scanner's doubles must round exactly as simdjson's do.
            const double v = std::ldexp(double(rng()), int(rng() % 40) - 40) * (odd(30) ? -1 : 1);
            return QByteArray::number(v, "gef"[rng() % 3], 1 + int(rng() % 19));
        }
        if (!odd(40))
            return chance(80) ? QByteArray::number(double(rng() % 100000) / 10, 'f', int(rng() % 3)) : QByteArray(pick(clean));
        return pick(numbers);
    }
    QByteArray value(const QByteArray &field)
    {
        if (odd(10)) {
            static const char *values[] = {"null", "true", "false", "[]", "{}", "[1,2]", "{\"a\":1}", "\"\"",
                                           "nul", "tru", "nullx", "\"ok\"", "\"x\""};
            return pick(values);
        }
        if (field == "ts") {
            static const char *ts[] = {"2026-10-01T00:00:12.345Z", "2026-10-01T00:00:12Z", "2026-10-01t00:00:12z",
                                       "2026-10-01 00:00:12.5+02:00", "2026-10-01T00:00:12.123456-05:30",
                                       "2026-02-30T00:00:00Z", "2026-10-01T24:00:00Z", "2026-10-01", "yesterday",
                                       "2026-10-01T00:00:60Z", "2026-10-01T00:00:00.Z"};
            if (chance(50)) {
                // Neighbouring timestamps share their minute; now and then a second or digit is out of range.
                const auto two = [&](int limit) { return QByteArray::number(10 + int(rng() % quint32(limit))).right(2); };
                QByteArray t = "2026-10-0" + QByteArray::number(1 + rng() % 2) + "T0" + QByteArray::number(rng() % 2)
                    + ":0" + QByteArray::number(rng() % 2) + ":" + two(odd(20) ? 90 : 50) + "."
                    + QByteArray::number(1000 + rng() % 1000).right(3) + (chance(90) ? "Z" : "z");
                if (odd(5))
                    t[qsizetype(rng() % quint32(t.size()))] = "0:.Za/"[rng() % 6];
                return '"' + t + '"';
            }
            return '"' + QByteArray(odd(50) ? pick(ts) : ts[rng() % 5]) + '"';
        }
        if (field == "status") {
            static const char *status[] = {"ok", "error", "OK", "fine", "", "o\\u006b"};
            return '"' + QByteArray(odd(30) ? pick(status) : status[rng() % 2]) + '"';
        }
        if (field == "metrics") {
            if (odd(30)) {
                static const char *objects[] = {"{}", "{\"a\":null}", "{\"a\":1,\"a\":2}", "{\"\":1}", "{\"a\":\"x\"}",
                                            "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\\u0062\":1}",
                                            "{\"a\":1,\"b\":null,\"a\":3}", "{\"ä\":-1.5}"};
                return pick(objects);
            }
            QByteArray out = "{" + space();
            const int n = int(rng() % 4);
            for (int i = 0; i < n; ++i) {
                static const char *names[] = {"tokens", "retries", "cache_hit", "score", "x"};
                out += (i ? "," + space() : QByteArray()) + '"' + pick(names) + "\"" + space() + ":" + space()
                    + number() + space();
            }
            return out + "}";
        }
        if (field == "workflow" || field == "tool" || field == "version" || field == "execution" || field == "error"
            || field == "note")
            return '"' + (odd(60) ? text() : QByteArray(chance(80) ? "plain_text" : "інструмент 🛠")) + '"';
        if (field == "nested")
            return chance(50) ? "{\"deep\":[1,{\"x\":null}],\"s\":\"t\"}" : "[\"a\",2,true]";
        return number(field);
    }
    QByteArray line()
    {
        static const char *optional[] = {"version", "execution", "output_bytes", "memory_mb", "cpu_pct",
                                         "validation_pass", "cost_usd", "error", "metrics", "note", "extra_n",
                                         "nested"};
        hostile = chance(40);
        QList<QByteArray> fields = {"ts", "workflow", "tool", "latency_ms", "status"};
        for (const char *f : optional) {
            if (chance(45) && (hostile || std::string_view(f) != "nested"))
                fields << f;
        }
        if (odd(15))
            fields.removeAt(qsizetype(rng() % quint32(fields.size()))); // a field missing
        if (odd(15))
            fields << fields[qsizetype(rng() % quint32(fields.size()))]; // a field twice
        if (chance(60))
            std::shuffle(fields.begin(), fields.end(), rng);
        QByteArray out = space() + "{" + space();
        for (qsizetype i = 0; i < fields.size(); ++i) {
            QByteArray key = fields[i];
            if (odd(3))
                key.replace("t", "\\u0074"); // the same key, escaped
            out += (i ? "," + space() : QByteArray()) + '"' + key + '"' + space() + ":" + space()
                + value(fields[i]) + space();
        }
        out += "}" + space();
        if (odd(5)) {
            static const char *tails[] = {"x", "{}", ",", "}", "\xef\xbb\xbf", " 1"};
            out += pick(tails);
        }
        if (odd(4))
            out.prepend("\xef\xbb\xbf"); // a BOM in mid-file
        if (odd(4))
            out.truncate(qsizetype(rng() % quint32(out.size())));
        return out.replace('\n', ' ');
    }
};

} // namespace

class TestFuzzIngest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void scannerMatchesDomOnFuzzCorpus()
    {
        // The corpus of mutatedJsonLines(), line by line against the DOM parser alone.
        std::mt19937 rng(20261001);
        const QList<QByteArray> pool = seeds();
        Differential diff;
        for (int i = 0; i < 20000; ++i) {
            const QByteArray &seed = pool[qsizetype(rng() % quint32(pool.size()))];
            const QByteArray line = i % 2 == 0 ? seed : mutate(seed, rng, pool);
            const QString mismatch = diff.compare(line);
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
        QVERIFY(diff.scanned > 0);
        qInfo("%lld fuzz lines, %lld taken by the scanner", diff.lines, diff.scanned);
    }

    void scannerMatchesDomOnDemoLines()
    {
        DemoLines demo;
        Differential diff;
        QByteArray file = "\xef\xbb\xbf";
        QStringList expected;
        for (int i = 0; i < 30000; ++i) {
            const QByteArray line = demo.line();
            const QString mismatch = diff.compare(line);
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
            if (i < 3000) {
                file += line + (i % 3 ? "\r\n" : "\n");
                const QByteArray seen = line + (i % 3 ? "\r" : ""); // what the reader hands the parser
                if (!isBlank(seen))
                    expected << u"%1 %2"_s.arg(i + 1).arg(diff.domToolOrReason(seen));
            }
        }
        // The scanner must carry the common lines, or this test proves nothing.
        QVERIFY2(diff.scanned * 5 > diff.lines * 2, qPrintable(u"%1 of %2"_s.arg(diff.scanned).arg(diff.lines)));
        qInfo("%lld demo lines, %lld taken by the scanner", diff.lines, diff.scanned);

        // Through the pipeline too (BOM at the start, CRLF, tiny batches): the same records at the same lines.
        const QString path = m_dir.filePath(u"demo.jsonl"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(file);
        }
        for (const qint64 chunk : {qint64(64), qint64(4) << 20}) {
            ImportOptions options;
            options.chunkBytes = chunk;
            CollectingSink sink;
            QCOMPARE(importFile(path, sink, nullptr, InputFormat::JsonLines, options).outcome, Outcome::Finished);
            QStringList got;
            for (const auto &[lineNo, outcome] : sink.calls)
                got << u"%1 %2"_s.arg(lineNo).arg(outcome.record ? QString::fromUtf8(outcome.value.tool) : outcome.reason);
            QCOMPARE(got, expected);
        }
    }

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
