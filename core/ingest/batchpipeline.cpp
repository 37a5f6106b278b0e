#include "batchpipeline.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstring>
#include <utility>

#include "inputstream.h"
#include "recordsink.h"

namespace Apprentice {

namespace {

// Progress reports at most this often (klogg's ~10 Hz): enough for a smooth bar, cheap for the GUI.
constexpr qint64 ProgressIntervalMs = 100;

qint64 countNewlines(const char *p, const char *end)
{
    qint64 n = 0;
    while ((p = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p))))) {
        ++n;
        ++p;
    }
    return n;
}

} // namespace

BatchPipeline::BatchPipeline(InputStream &input, Config config)
    : m_input(input)
    , m_config(std::move(config))
{
    m_config.parsers = std::max(1, m_config.parsers);
    m_config.chunkBytes = std::max<qint64>(1, m_config.chunkBytes);
    // One batch being filled, one being delivered, one waiting per parser, plus one so reading never waits
    // for the caller when parsing keeps up.
    const int batches = m_config.parsers + 3 + (m_config.ahead ? 1 : 0);
    for (int i = 0; i < batches; ++i) {
        m_pool.push_back(std::make_unique<RecordBatch>());
        m_free.push_back(m_pool.back().get());
    }
}

BatchPipeline::~BatchPipeline()
{
    stop();
}

void BatchPipeline::ensureCapacity(RecordBatch &batch, size_t needed, size_t keep)
{
    if (batch.capacity >= needed)
        return;
    const size_t capacity = std::max(needed, batch.capacity + batch.capacity / 2);
    auto grown = std::make_unique_for_overwrite<char[]>(capacity);
    if (keep)
        std::memcpy(grown.get(), batch.buffer.get(), keep);
    batch.buffer = std::move(grown);
    batch.capacity = capacity;
}

RecordBatch *BatchPipeline::acquire()
{
    std::unique_lock lock(m_mutex);
    m_freeChanged.wait(lock, [this] { return m_stopping || !m_free.empty(); });
    if (m_stopping)
        return nullptr;
    RecordBatch *batch = m_free.back();
    m_free.pop_back();
    return batch;
}

void BatchPipeline::publish(RecordBatch *batch)
{
    {
        std::lock_guard lock(m_mutex);
        m_toParse.push_back(batch);
        m_inFlight.push_back(batch);
        if (m_config.ahead)
            m_toStage.push_back(batch);
    }
    m_workChanged.notify_one();
}

void BatchPipeline::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_freeChanged.notify_all();
    m_workChanged.notify_all();
    m_parsedChanged.notify_all();
    for (std::thread &t : m_threads)
        t.join();
    m_threads.clear();
}

void BatchPipeline::readLoop()
{
    const size_t chunk = size_t(m_config.chunkBytes);
    const size_t maxRow = size_t(m_config.maxRowBytes);
    RecordBatch *batch = acquire();
    if (!batch)
        return;
    size_t carry = 0; // bytes at the start of batch->buffer still waiting for the end of their row
    bool atFileStart = true;
    bool skipping = false; // inside a row too long to keep: drop bytes up to its '\n'
    bool headerPending = bool(m_config.header);
    qint64 toSkip = m_config.skipLines; // lines an earlier import handed over (after the header, which is read again)
    qint64 skipped = 0;                 // of them, passed in chunks no batch was published for

    for (;;) {
        ensureCapacity(*batch, carry + chunk + Padding, carry);
        char *buf = batch->buffer.get();
        const qint64 n = m_input.read(buf + carry, qint64(chunk));
        if (n < 0) {
            batch->begin = batch->end = 0;
            batch->error = m_input.errorString();
            batch->inputPosition = m_input.position();
            batch->last = true;
            publish(batch);
            return;
        }
        const bool eof = n == 0;
        const size_t size = carry + size_t(n);
        std::memset(buf + size, 0, Padding);
        size_t begin = 0;

        if (atFileStart) {
            if (size < 3 && !eof) {
                carry = size;
                continue;
            }
            atFileStart = false;
            if (size >= 3 && std::memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
                begin = 3;
        }
        if (skipping) {
            const auto *nl = static_cast<const char *>(std::memchr(buf + begin, '\n', size - begin));
            if (!nl) {
                carry = 0;
                if (!eof)
                    continue;
                begin = size;
            } else {
                begin = size_t(nl + 1 - buf);
            }
            skipping = false;
        }
        if (headerPending && eof && begin == size) {
            headerPending = false; // an empty file has no header and no rows
        }
        if (headerPending) {
            const char *rowEnd = m_config.firstRowEnd(buf + begin, buf + size);
            if (!rowEnd && !eof) {
                if (size - begin > maxRow) {
                    batch->error = m_config.tooLongReason;
                    batch->last = true;
                    publish(batch);
                    return;
                }
                std::memmove(buf, buf + begin, size - begin);
                carry = size - begin;
                continue;
            }
            const char *headerEnd = rowEnd ? rowEnd : buf + size;
            const QString error = m_config.header(std::string_view(buf + begin, size_t(headerEnd - (buf + begin))));
            if (!error.isEmpty()) {
                batch->begin = batch->end = 0;
                batch->error = error;
                batch->inputPosition = m_input.position();
                batch->last = true;
                publish(batch);
                return;
            }
            batch->leadingLines = 1 + countNewlines(buf + begin, headerEnd);
            toSkip -= batch->leadingLines;
            begin = rowEnd ? size_t(rowEnd + 1 - buf) : size;
            headerPending = false;
        }
        if (toSkip > 0 && !headerPending) {
            // Read past the lines already handed over: they belong to the next published batch's leading lines.
            const char *p = buf + begin;
            const char *const stop = buf + size;
            while (toSkip > 0 && p < stop) {
                const auto *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(stop - p)));
                if (!nl) {
                    p = stop;
                    break;
                }
                p = nl + 1;
                --toSkip;
                ++skipped;
            }
            begin = size_t(p - buf);
            if (toSkip > 0 && !eof) {
                carry = 0; // a partial line at the chunk's end is still being skipped: nothing to keep
                continue;
            }
            toSkip = 0; // the file ended first: it held fewer lines
        }
        batch->leadingLines += std::exchange(skipped, 0);

        size_t end = size;
        if (!eof) {
            if (const char *rowsEnd = m_config.lastRowEnd(buf + begin, buf + size)) {
                end = size_t(rowsEnd - buf);
            } else if (size - begin > maxRow) {
                // Rejected now, resynchronised at the next '\n': a 100 MB line never sits in memory whole.
                batch->tailReason = m_config.tooLongReason;
                batch->tailLines = 1 + countNewlines(buf + begin, buf + size);
                end = begin;
                skipping = true;
            } else {
                if (begin > 0)
                    std::memmove(buf, buf + begin, size - begin);
                carry = size - begin;
                continue;
            }
        }
        batch->begin = begin;
        batch->end = end;
        batch->inputPosition = m_input.position();
        batch->last = eof;
        batch->endsUnterminated = eof && end > begin && buf[end - 1] != '\n';
        if (eof) {
            publish(batch);
            return;
        }
        RecordBatch *next = acquire();
        if (!next)
            return;
        carry = skipping ? 0 : size - end;
        ensureCapacity(*next, carry + chunk + Padding, 0);
        std::memcpy(next->buffer.get(), buf + end, carry);
        publish(batch);
        batch = next;
    }
}

void BatchPipeline::parseLoop(ParseFunction parse)
{
    for (;;) {
        RecordBatch *batch = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_workChanged.wait(lock, [this] { return m_stopping || !m_toParse.empty(); });
            if (m_stopping)
                return;
            batch = m_toParse.front();
            m_toParse.pop_front();
        }
        if (batch->end > batch->begin)
            parse(*batch);
        if (!batch->tailReason.isEmpty())
            batch->rejections.push_back({batch->leadingLines + batch->lineCount, batch->tailReason});
        // Custom metrics are only pointed at once the vector has stopped growing.
        if (!batch->custom.empty()) {
            const CustomMetricView *custom = batch->custom.data();
            for (RecordView &r : batch->records) {
                r.custom = r.customCount ? custom : nullptr;
                custom += r.customCount;
            }
        }
        {
            std::lock_guard lock(m_mutex);
            batch->parsed = true;
        }
        m_parsedChanged.notify_all();
    }
}

void BatchPipeline::aheadLoop()
{
    qint64 lineBase = 0;
    for (;;) {
        RecordBatch *batch = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_parsedChanged.wait(lock, [this] { return m_stopping || (!m_toStage.empty() && m_toStage.front()->parsed); });
            if (m_stopping)
                return;
            batch = m_toStage.front();
            m_toStage.pop_front();
        }
        for (RecordView &view : batch->records) {
            view.line += lineBase + 1;
            m_config.ahead->onRecord(view);
        }
        lineBase += batch->totalLines();
        const bool done = batch->last || !batch->error.isEmpty();
        {
            std::lock_guard lock(m_mutex);
            batch->staged = true;
        }
        m_parsedChanged.notify_all();
        if (done)
            return;
    }
}

ImportResult BatchPipeline::run(RecordSink &sink, ProgressSink *progress)
{
    m_threads.emplace_back([this] { readLoop(); });
    for (int i = 0; i < m_config.parsers; ++i)
        m_threads.emplace_back([this, parse = m_config.makeParser()] { parseLoop(parse); });
    if (m_config.ahead)
        m_threads.emplace_back([this] { aheadLoop(); });

    ImportResult result;
    const qint64 total = m_input.size();
    QElapsedTimer sinceReport;
    qint64 lineBase = 0;
    for (;;) {
        RecordBatch *batch = nullptr;
        {
            std::unique_lock lock(m_mutex);
            m_parsedChanged.wait(lock, [this] { return !m_inFlight.empty() && deliverable(m_inFlight.front()); });
            batch = m_inFlight.front();
            m_inFlight.pop_front();
        }

        // Records and rejections each come in line order; merge them so the sink sees file order. Records the
        // ahead stage has seen carry their absolute lines already.
        size_t r = 0;
        size_t j = 0;
        const size_t records = batch->records.size();
        const size_t rejections = batch->rejections.size();
        const qint64 recordBase = m_config.ahead ? lineBase + 1 : 0;
        while (r < records || j < rejections) {
            if (j >= rejections || (r < records && batch->records[r].line - recordBase < batch->rejections[j].line)) {
                RecordView &view = batch->records[r++];
                view.line += lineBase + 1 - recordBase;
                sink.onRecord(view);
            } else {
                const RecordBatch::Rejection &rejection = batch->rejections[j++];
                sink.onRejected(lineBase + rejection.line + 1, rejection.reason);
            }
        }
        result.records += qint64(records);
        result.rejected += qint64(rejections);
        lineBase += batch->totalLines();
        // A batch ends where a row ends; the last one may end in a row without its '\n', which a writer may still
        // be finishing: that line is not called done, so an import continuing from here reads it again.
        sink.onLinesDone(batch->last && batch->endsUnterminated ? lineBase - 1 : lineBase);
        result.bytes = batch->inputPosition;
        const bool last = batch->last;
        const QString error = batch->error;

        batch->reset();
        {
            std::lock_guard lock(m_mutex);
            m_free.push_back(batch);
        }
        m_freeChanged.notify_one();

        if (!error.isEmpty()) {
            result.outcome = Outcome::Failed;
            result.error = error;
            break;
        }
        if (last)
            break;
        if (progress) {
            if (!sinceReport.isValid() || sinceReport.elapsed() >= ProgressIntervalMs) {
                progress->progress(result.bytes, total);
                sinceReport.start();
            }
            if (progress->isCancelled()) {
                result.outcome = Outcome::Cancelled;
                break;
            }
        }
    }
    stop();
    if (progress && result.outcome == Outcome::Finished)
        progress->progress(result.bytes, total);
    return result;
}

} // namespace Apprentice
