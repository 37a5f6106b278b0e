#pragma once

#include <QtGlobal>

#include <atomic>

namespace Apprentice {

/// Totals of one receiver, for the benchmark, the CLI summary and tests.
struct OtlpReceiverStats {
    qint64 connectionsAccepted = 0;
    qint64 connectionsRefused = 0; ///< over maxConnections
    qint64 connectionsOpen = 0;
    qint64 requests = 0;           ///< complete responses written, of any status
    qint64 requestsOk = 0;         ///< 200, including partial success
    qint64 requestsFailed = 0;     ///< 4xx and 5xx
    qint64 requestsBusy = 0;       ///< 503: the queue or the buffer budget was full
    qint64 timeouts = 0;           ///< 408 and idle closes of half-sent requests
    qint64 spansAccepted = 0;      ///< records handed to the queue (a 200 was or will be written for them)
    qint64 spansRejected = 0;      ///< execute_tool spans refused (partialSuccess.rejectedSpans)
    qint64 bytesReceived = 0;
    qint64 requestsChunked = 0;    ///< bodies sent with chunked transfer coding
    qint64 requestsGzip = 0;       ///< bodies sent gzip-compressed
    qint64 recordsHeld = 0;        ///< records that waited for a workflow span from a later request
    qint64 llmCalls = 0;           ///< LLM spans whose token usage went to a record's cost
    qint64 llmCallsUnpriced = 0;   ///< of them, with a model the price table does not know (cost 0)
};

/// The receiver's counters, bumped from its connection threads.
struct OtlpReceiverCounters {
    std::atomic<qint64> connectionsAccepted{0};
    std::atomic<qint64> connectionsRefused{0};
    std::atomic<qint64> connectionsOpen{0};
    std::atomic<qint64> requests{0};
    std::atomic<qint64> requestsOk{0};
    std::atomic<qint64> requestsFailed{0};
    std::atomic<qint64> requestsBusy{0};
    std::atomic<qint64> timeouts{0};
    std::atomic<qint64> spansAccepted{0};
    std::atomic<qint64> spansRejected{0};
    std::atomic<qint64> bytesReceived{0};
    std::atomic<qint64> requestsChunked{0};
    std::atomic<qint64> requestsGzip{0};
    std::atomic<qint64> recordsHeld{0};
    std::atomic<qint64> llmCalls{0};
    std::atomic<qint64> llmCallsUnpriced{0};
    std::atomic<qint64> bufferedBytes{0}; ///< held by all connections now (the budget of maxBufferedBytes)
    std::atomic<qint64> requestNumber{0}; ///< numbers requests: the `line` of their records

    OtlpReceiverStats snapshot() const
    {
        OtlpReceiverStats s;
        s.connectionsAccepted = connectionsAccepted;
        s.connectionsRefused = connectionsRefused;
        s.connectionsOpen = connectionsOpen;
        s.requests = requests;
        s.requestsOk = requestsOk;
        s.requestsFailed = requestsFailed;
        s.requestsBusy = requestsBusy;
        s.timeouts = timeouts;
        s.spansAccepted = spansAccepted;
        s.spansRejected = spansRejected;
        s.bytesReceived = bytesReceived;
        s.requestsChunked = requestsChunked;
        s.requestsGzip = requestsGzip;
        s.recordsHeld = recordsHeld;
        s.llmCalls = llmCalls;
        s.llmCallsUnpriced = llmCallsUnpriced;
        return s;
    }
};

} // namespace Apprentice
