#include "importer.h"
#include "sizetext.h"

#include <QThread>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "batchpipeline.h"
#include "csvrecordparser.h"
#include "importoptions.h"
#include "inputstream.h"
#include "jsonrecordparser.h"
#include "otlpfileimport.h"
#include "record.h"
#include "stringarena.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

// What a format sniff reads: enough for a pretty-printed OTLP request to name "resourceSpans".
constexpr qint64 SniffBytes = 64 << 10;

bool isBlank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            return false;
    }
    return true;
}

const char *lastNewline(const char *begin, const char *end)
{
    const auto *nl = static_cast<const char *>(memrchr(begin, '\n', size_t(end - begin)));
    return nl ? nl + 1 : nullptr;
}

int defaultParseThreads()
{
    // Two parsers keep up with a consumer on a 2-core machine; beyond three the reader and the sink are the limit.
    return std::clamp(QThread::idealThreadCount(), 1, 3);
}

BatchPipeline::ParseFunction makeJsonLinesParser(size_t maxLine, const QString &tooLong)
{
    auto parser = std::make_shared<JsonRecordParser>();
    return [parser, maxLine, tooLong](RecordBatch &batch) {
        const char *p = batch.buffer.get() + batch.begin;
        const char *end = batch.buffer.get() + batch.end;
        if (batch.records.capacity() == 0)
            batch.records.reserve((batch.end - batch.begin) / 128 + 16); // typical records are 150-250 bytes
        qint64 line = batch.leadingLines;
        QString reason;
        // parse() sets every field, so one record is parsed into and copied on success: constructing each one in the
        // vector zero-filled it (rep stos) and wrote its NaNs again, a tenth of a parser thread's time.
        RecordView record;
        while (p < end) {
            const auto *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            const size_t length = size_t((nl ? nl : end) - p);
            if (length > maxLine) {
                batch.rejections.push_back({line, tooLong});
            } else if (!isBlank(p, length)) {
                if (parser->parse(std::string_view(p, length), record, batch.arena, batch.custom, reason)) {
                    record.line = line;
                    batch.records.push_back(record);
                } else {
                    batch.rejections.push_back({line, reason});
                }
            }
            ++line;
            p = nl ? nl + 1 : end;
        }
        batch.lineCount = line - batch.leadingLines;
    };
}

BatchPipeline::ParseFunction makeCsvParser(const CsvRecordParser &configured, size_t maxRow, const QString &tooLong)
{
    // Parser threads start before the reader has seen the header, so each copies the configured parser on its
    // first batch: the reader publishes no batch before the header is set.
    auto own = std::make_shared<std::unique_ptr<CsvRecordParser>>();
    return [own, &configured, maxRow, tooLong](RecordBatch &batch) {
        if (!*own)
            *own = std::make_unique<CsvRecordParser>(configured);
        CsvRecordParser *parser = own->get();
        const char *p = batch.buffer.get() + batch.begin;
        const char *end = batch.buffer.get() + batch.end;
        qint64 line = batch.leadingLines;
        QString reason;
        RecordView record; // as for JSON Lines
        while (p < end) {
            const char *rowEnd = CsvRecordParser::findRowEnd(p, end);
            const char *stop = rowEnd ? rowEnd : end;
            const size_t length = size_t(stop - p);
            // Quoted cells may hold newlines: the row spans that many more physical lines.
            qint64 lines = 1;
            if (std::memchr(p, '"', length)) {
                for (const char *q = p; (q = static_cast<const char *>(std::memchr(q, '\n', size_t(stop - q)))); ++q)
                    ++lines;
            }
            if (length > maxRow) {
                batch.rejections.push_back({line, tooLong});
            } else if (!isBlank(p, length)) {
                if (parser->parse(std::string_view(p, length), record, batch.arena, batch.custom, reason)) {
                    record.line = line;
                    batch.records.push_back(record);
                } else {
                    batch.rejections.push_back({line, reason});
                }
            }
            line += lines;
            p = rowEnd ? rowEnd + 1 : end;
        }
        batch.lineCount = line - batch.leadingLines;
    };
}

std::string_view firstLine(std::string_view head)
{
    const size_t nl = head.find('\n');
    return nl == std::string_view::npos ? head : head.substr(0, nl);
}

} // namespace

InputFormat detectInputFormat(const QString &path, std::string_view head)
{
    if (head.substr(0, 3) == "\xEF\xBB\xBF")
        head.remove_prefix(3);
    const size_t first = head.find_first_not_of(" \t\r\n");
    QString name = path.toLower();
    if (name.endsWith(u".gz"_s))
        name.chop(3);
    if (first != std::string_view::npos && head[first] == '{') {
        // One JSON object per line is either a record or a whole trace request; only the latter has resourceSpans.
        return head.find("\"resourceSpans\"") != std::string_view::npos ? InputFormat::OtlpJson
                                                                        : InputFormat::JsonLines;
    }
    if (name.endsWith(u".csv"_s))
        return InputFormat::Csv;
    if (name.endsWith(u".jsonl"_s) || name.endsWith(u".ndjson"_s) || name.endsWith(u".json"_s))
        return InputFormat::JsonLines;
    if (first == std::string_view::npos)
        return InputFormat::JsonLines;
    return firstLine(head).find(',') != std::string_view::npos ? InputFormat::Csv : InputFormat::JsonLines;
}

ImportResult importFile(const QString &path, RecordSink &sink, ProgressSink *progress, InputFormat format)
{
    return importFile(path, sink, progress, format, ImportOptions());
}

ImportResult importFile(const QString &path, RecordSink &sink, ProgressSink *progress, InputFormat format,
                        const ImportOptions &options)
{
    ImportResult result;
    InputStream input;
    if (!input.open(path)) {
        result.outcome = Outcome::Failed;
        result.error = input.errorString();
        return result;
    }
    if (format == InputFormat::Auto) {
        std::string head(size_t(SniffBytes), '\0');
        qint64 got = 0;
        while (got < SniffBytes) {
            const qint64 n = input.read(head.data() + got, SniffBytes - got);
            if (n <= 0)
                break; // a read failure shows again, with its message, when the import reads the same bytes
            got += n;
        }
        head.resize(size_t(got));
        format = detectInputFormat(path, head);
        if (!input.open(path)) {
            result.outcome = Outcome::Failed;
            result.error = input.errorString();
            return result;
        }
    }

    if (format == InputFormat::OtlpJson) {
        if (!options.ahead)
            return importOtlpFile(input, sink, progress, options.chunkBytes, options.maxRequestBytes, options.skipLines);
        // One thread: the ahead sink simply sees each record first.
        struct Tee : RecordSink {
            RecordSink &first, &then;
            Tee(RecordSink &a, RecordSink &b) : first(a), then(b) {}
            void onRecord(const RecordView &r) override
            {
                first.onRecord(r);
                then.onRecord(r);
            }
            void onRejected(qint64 line, const QString &reason) override { then.onRejected(line, reason); }
        } tee(*options.ahead, sink);
        return importOtlpFile(input, tee, progress, options.chunkBytes, options.maxRequestBytes, options.skipLines);
    }

    BatchPipeline::Config config;
    config.chunkBytes = options.chunkBytes;
    config.maxRowBytes = options.maxLineBytes;
    config.parsers = options.parseThreads > 0 ? options.parseThreads : defaultParseThreads();
    config.ahead = options.ahead;
    config.skipLines = options.skipLines;
    const size_t maxRow = size_t(options.maxLineBytes);
    CsvRecordParser csv; // outlives the pipeline: records point at its metric names
    if (format == InputFormat::Csv) {
        config.tooLongReason = u"row longer than %1"_s.arg(sizeText(options.maxLineBytes));
        config.lastRowEnd = &CsvRecordParser::lastRowEnd;
        config.firstRowEnd = &CsvRecordParser::findRowEnd;
        config.header = [&csv](std::string_view header) { return csv.setHeader(header); };
        config.makeParser = [&csv, maxRow, reason = config.tooLongReason] {
            return makeCsvParser(csv, maxRow, reason);
        };
    } else {
        config.tooLongReason = u"line longer than %1"_s.arg(sizeText(options.maxLineBytes));
        config.lastRowEnd = &lastNewline;
        config.makeParser = [maxRow, reason = config.tooLongReason] { return makeJsonLinesParser(maxRow, reason); };
    }
    BatchPipeline pipeline(input, std::move(config));
    return pipeline.run(sink, progress);
}

bool parseJsonLine(std::string_view line, qint64 lineNo, RecordSink &sink)
{
    struct Scratch {
        JsonRecordParser parser;
        StringArena arena{64 << 10};
        std::vector<CustomMetricView> custom;
        std::string padded;
    };
    thread_local Scratch s;
    static const qint64 maxLine = ImportOptions().maxLineBytes;

    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.remove_suffix(1);
    if (qint64(line.size()) > maxLine) {
        sink.onRejected(lineNo, u"line longer than %1"_s.arg(sizeText(maxLine)));
        return false;
    }
    s.padded.assign(line);
    s.padded.append(JsonRecordParser::Padding, '\0');
    s.arena.clear();
    s.custom.clear();
    RecordView record;
    QString reason;
    if (!s.parser.parse(std::string_view(s.padded.data(), line.size()), record, s.arena, s.custom, reason)) {
        sink.onRejected(lineNo, reason);
        return false;
    }
    record.line = lineNo;
    record.custom = s.custom.empty() ? nullptr : s.custom.data();
    sink.onRecord(record);
    return true;
}

} // namespace Apprentice
