#include "otlpfileimport.h"
#include "sizetext.h"

#include <QElapsedTimer>

#include <string>

#include "inputstream.h"
#include "linereader.h"
#include "live/otlptracestream.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

constexpr qint64 ProgressIntervalMs = 100;

// How much a line opens ({ [) minus what it closes, outside strings. JSON strings never hold a raw newline,
// so string state does not carry from one line to the next.
int depthChange(std::string_view line)
{
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return depth;
}

bool isBlank(std::string_view line)
{
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

} // namespace

ImportResult importOtlpFile(InputStream &input, RecordSink &sink, ProgressSink *progress, qint64 chunkBytes,
                            qint64 maxRequestBytes, qint64 skipLines)
{
    ImportResult result;
    LineReader reader(input, chunkBytes, maxRequestBytes);
    std::string pending; // a pretty-printed request still open
    qint64 pendingLine = 0;
    int pendingDepth = 0;
    QElapsedTimer sinceReport;

    const auto reject = [&](qint64 line, const QString &reason) {
        sink.onRejected(line, reason);
        ++result.rejected;
    };
    // Requests are stitched across lines as the receiver stitches them across HTTP requests.
    OtlpTraceStream traces;
    const auto count = [&](const OtlpConversion &c) {
        result.records += c.records;
        result.rejected += c.rejected;
    };
    const auto convert = [&](std::string_view json, qint64 line) { count(traces.add(json, line, sink)); };
    const auto dropPending = [&](const QString &reason) {
        if (pendingLine == 0)
            return;
        reject(pendingLine, reason);
        pending.clear();
        pendingLine = 0;
        pendingDepth = 0;
    };
    const QString truncated = u"truncated JSON: the request starting on this line never closes"_s;
    qint64 lastLine = skipLines; // the last line read

    for (;;) {
        std::string_view line;
        qint64 number = 0;
        const LineReader::Status status = reader.next(line, number);
        if (status == LineReader::Status::Failed) {
            result.outcome = Outcome::Failed;
            result.error = input.errorString();
            break;
        }
        if (status == LineReader::Status::End) {
            dropPending(truncated);
            break;
        }
        if (number <= skipLines)
            continue; // handed over by an earlier import
        lastLine = number;
        if (status == LineReader::Status::TooLong) {
            if (pendingLine)
                dropPending(u"request longer than %1"_s.arg(sizeText(maxRequestBytes)));
            else
                reject(number, u"line longer than %1"_s.arg(sizeText(maxRequestBytes)));
            continue;
        }
        if (isBlank(line)) {
            if (pendingLine)
                pending += '\n';
            continue;
        }
        // Pretty-printers indent everything inside the top-level object: a '{' in column 0 starts a new request,
        // so an open one was cut short.
        if (pendingLine && line.front() == '{')
            dropPending(truncated);

        const int change = depthChange(line);
        if (!pendingLine) {
            if (change > 0) {
                pending.assign(line);
                pending += '\n';
                pendingLine = number;
                pendingDepth = change;
            } else {
                convert(line, number);
            }
        } else {
            pending.append(line);
            pending += '\n';
            pendingDepth += change;
            if (qint64(pending.size()) > maxRequestBytes) {
                dropPending(u"request longer than %1"_s.arg(sizeText(maxRequestBytes)));
            } else if (pendingDepth <= 0) {
                convert(pending, pendingLine);
                pending.clear();
                pendingLine = 0;
                pendingDepth = 0;
            }
        }

        if (progress) {
            if (!sinceReport.isValid() || sinceReport.elapsed() >= ProgressIntervalMs) {
                progress->progress(input.position(), input.size());
                sinceReport.start();
            }
            if (progress->isCancelled()) {
                result.outcome = Outcome::Cancelled;
                break;
            }
        }
    }
    const qint64 done = pendingLine ? pendingLine - 1 : lastLine; // a request still open was not handed over
    count(traces.finish(sink)); // what still waits for its workflow span was read: it is not lost
    // Spans wait for their workflow's span across requests, so lines are only done once the file is.
    sink.onLinesDone(done);
    result.bytes = input.position();
    if (progress && result.outcome == Outcome::Finished)
        progress->progress(result.bytes, input.size());
    return result;
}

} // namespace Apprentice
