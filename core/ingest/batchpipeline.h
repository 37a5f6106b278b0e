#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "importer.h"
#include "recordbatch.h"

namespace Apprentice {

class InputStream;

/// Streams a row-oriented input (JSON Lines, CSV) through three stages: one thread reads large chunks and cuts
/// them at row boundaries, parser threads turn chunks into batches of RecordViews, and the calling thread hands
/// the batches to the sink in file order while the next ones are being read and parsed. An optional fourth,
/// Config::ahead, sees each parsed batch in file order on its own thread before the sink does.
class BatchPipeline
{
public:
    using ParseFunction = std::function<void(RecordBatch &)>;

    struct Config {
        qint64 chunkBytes = 4 << 20;
        qint64 maxRowBytes = 16 << 20;
        int parsers = 1;
        /// Just past the last '\n' ending a row in [begin, end), `begin` being a row start; nullptr if none.
        const char *(*lastRowEnd)(const char *begin, const char *end) = nullptr;
        /// The '\n' ending the row that starts at `begin`; nullptr if it does not end before `end`. Only for `header`.
        const char *(*firstRowEnd)(const char *begin, const char *end) = nullptr;
        /// When set, consumes the first row (a CSV header); a non-empty result fails the import with that error.
        std::function<QString(std::string_view)> header;
        /// Makes the parse function of one parser thread (each gets its own state). It parses buffer[begin, end)
        /// into records and rejections with batch-relative lines starting at `leadingLines`, sets `lineCount`,
        /// and rejects rows longer than maxRowBytes itself.
        std::function<ParseFunction()> makeParser;
        /// Reason given for a row longer than maxRowBytes that the reader had to skip.
        QString tooLongReason;
        /// See ImportOptions::ahead.
        RecordSink *ahead = nullptr;
        /// See ImportOptions::skipLines.
        qint64 skipLines = 0;
    };

    /// Padding readable after every row handed to a parser.
    static constexpr size_t Padding = 64;

    BatchPipeline(InputStream &input, Config config);
    ~BatchPipeline();
    BatchPipeline(const BatchPipeline &) = delete;
    BatchPipeline &operator=(const BatchPipeline &) = delete;

    /// Runs the import to its end, a failure or a cancellation; sink and progress are called on this thread.
    ImportResult run(RecordSink &sink, ProgressSink *progress);

private:
    void readLoop();
    void parseLoop(ParseFunction parse);
    void aheadLoop();
    bool deliverable(const RecordBatch *batch) const { return m_config.ahead ? batch->staged : batch->parsed; }
    RecordBatch *acquire();
    void publish(RecordBatch *batch);
    void stop();
    static void ensureCapacity(RecordBatch &batch, size_t needed, size_t keep);

    InputStream &m_input;
    Config m_config;
    std::vector<std::unique_ptr<RecordBatch>> m_pool;

    std::mutex m_mutex;
    std::condition_variable m_freeChanged; // reader waits for a free batch
    std::condition_variable m_workChanged; // parsers wait for a batch to parse
    std::condition_variable m_parsedChanged; // the caller waits for the oldest batch to be parsed
    std::vector<RecordBatch *> m_free;
    std::deque<RecordBatch *> m_toParse;
    std::deque<RecordBatch *> m_inFlight; // published, in file order
    std::deque<RecordBatch *> m_toStage;  // published and not yet seen by the ahead sink, in file order
    bool m_stopping = false;

    std::vector<std::thread> m_threads;
};

} // namespace Apprentice
