#pragma once

#include "ingest/otlpjson.h"
#include "tracestitcher.h"

#include <string_view>
#include <vector>

namespace Apprentice {

class RecordSink;

/// Converts a sequence of OTLP/JSON requests read one after another (the lines of a trace file, as the Collector's
/// file exporter writes them) into records with the receiver's TraceStitcher, so a file and the receiver resolve
/// workflows and token costs the same way. The clock is the request count: a record waits for its ancestors for at
/// most `holdRequests` requests; finish() delivers whatever still waits.
class OtlpTraceStream
{
public:
    struct Limits {
        qint64 holdRequests = 10000;       ///< requests a record waits for the span naming its workflow
        qint64 maxHeldRecords = 100000;    ///< records waiting at once; beyond, new ones go on without waiting
        qint64 maxRememberedSpans = 100000; ///< spans (and pending token usage) remembered for later requests
        /// One request on its own: nothing waits, nothing is remembered beyond it.
        static Limits singleRequest();
    };

    OtlpTraceStream();
    explicit OtlpTraceStream(Limits limits);

    /// Converts one request; its records (and those of earlier requests it completes or whose wait ends) go to `sink`.
    OtlpConversion add(std::string_view json, qint64 line, RecordSink &sink);
    /// Delivers every record still waiting, with the workflow found so far (end of file).
    OtlpConversion finish(RecordSink &sink);
    qint64 heldRecords() const { return m_stitcher.heldCount(); }

private:
    void deliver(const std::vector<Record> &records, RecordSink &sink, OtlpConversion &c);
    void deliverDue(bool all, RecordSink &sink, OtlpConversion &c);

    TraceStitcher m_stitcher;
    std::vector<OtlpSpanInfo> m_spans;
    std::vector<CustomMetricView> m_scratch;
    std::vector<quint64> m_ids;
    qint64 m_clock = 0;
};

} // namespace Apprentice
