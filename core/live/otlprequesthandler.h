#pragma once

#include "httpresponse.h"
#include "otlpreceiverconfig.h"
#include "tracestitcher.h"

#include <QMutex>

#include <optional>

namespace Apprentice {

struct HttpRequest;
struct OtlpReceiverCounters;
class RecordQueue;

/// Answers OTLP/HTTP trace export requests (PROTOCOLS.md §5): checks the path, method, token, media type and
/// encoding, inflates gzip, converts the spans with the TraceStitcher (as trace files are), and queues the records before it
/// answers, so a 200 means they will be analysed. Thread-safe: every connection thread shares one.
class OtlpRequestHandler
{
public:
    OtlpRequestHandler(const OtlpReceiverConfig &config, RecordQueue *queue, int source, OtlpReceiverCounters *counters);

    /// What the headers alone decide, answered before the body is read: a refusal, or nothing.
    std::optional<HttpResponse> checkHeaders(const HttpRequest &request) const;
    /// Answers a complete request: 200 {} (all accepted), 200 with partialSuccess (some spans rejected),
    /// 400 (not JSON, not a trace request, corrupt gzip), 413 (inflates too large), 503 (the queue is full).
    HttpResponse handle(const HttpRequest &request);

    /// Queues the records held back for their workflow whose wait is over (all of them when `all`, forcing them
    /// into the queue: they were promised with a 200). Returns how many went.
    qint64 releaseHeld(qint64 nowMs, bool all);
    /// Records held back now, waiting for an ancestor span.
    qint64 heldRecords() const;

private:
    OtlpReceiverConfig m_config;
    RecordQueue *m_queue;
    int m_source;
    OtlpReceiverCounters *m_counters;
    mutable QMutex m_stitchMutex; // requests pass the stitcher one at a time, from plan to queue to apply
    TraceStitcher m_stitcher;
};

} // namespace Apprentice
