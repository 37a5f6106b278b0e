#pragma once

#include "ingest/otlpjson.h"
#include "record.h"

#include <QString>
#include <QtGlobal>

#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace Apprentice {

class TokenPricer;

/// Turns OTLP requests into execution records, one request after another, for the receiver and trace files alike.
/// An exporter batches spans in the order they end, and a workflow or agent span ends after its tool calls, so a
/// batch boundary often separates a tool span from the span that names its workflow. The stitcher remembers recent
/// spans, holds a record whose ancestors have not arrived yet, and releases it when they do, or after `holdMs` with
/// the nearest agent found so far or the service name.
/// LLM calls (`chat`, `text_completion`, `generate_content`, `embeddings`) bring their token usage and its cost,
/// priced with the dated price table: to the nearest enclosing `execute_tool` span's record, else to the record of
/// the same trace nearest in time among those not delivered yet (docs/live.md, "Token usage and cost"). Usage that
/// arrives before its tool call waits for it.
/// Not thread-safe: the receiver serialises requests through it.
class TraceStitcher
{
    struct Key {
        quint64 a = 0;
        quint64 b = 0;
        quint64 c = 0;
        bool isNull() const { return a == 0 && b == 0 && c == 0; }
        bool operator==(const Key &o) const { return a == o.a && b == o.b && c == o.c; }
    };
    struct KeyHash {
        size_t operator()(const Key &k) const { return size_t(k.a * 0x9E3779B97F4A7C15ull ^ k.b * 0xC2B2AE3D27D4EB4Full ^ k.c); }
    };
    struct Usage {
        double input = -1; ///< -1: none reported
        double output = -1;
        double costUsd = 0;
        qint64 calls = 0;    ///< LLM calls
        qint64 unpriced = 0; ///< of them, without a price
        qint64 seenMs = 0;
        qint64 startMs = 0; ///< the LLM call's, while it waits under an unknown span
        qint64 endMs = 0;
        void add(const Usage &o);
        bool isEmpty() const { return calls == 0 && input < 0 && output < 0; }
    };
    struct Held {
        Record record;
        Key waitingFor;
        Key tool;  ///< the record's own span
        Key trace;
        std::string traceId;
        std::string agent; ///< the nearest agent label met so far on the way up
        std::string service;
        qint64 deadlineMs = 0;
    };
    struct Rewait {
        quint64 id = 0;
        Key waitingFor;
        std::string agent;
    };

public:
    /// `holdMs`: how long a record waits for its ancestors (in the caller's clock); `maxHeldRecords`: how many wait
    /// at once (0: none waits); `maxRememberedSpans`: spans and pending usage kept for later requests.
    /// `pricer`: the price table, TokenPricer::builtIn() when null.
    TraceStitcher(qint64 holdMs = 6000, qint64 maxHeldRecords = 100000, qint64 maxRememberedSpans = 100000,
                  const TokenPricer *pricer = nullptr);

    /// What one request turns into, computed without changing anything. apply() it once `ready` is delivered; drop
    /// it when delivery was refused, and the request changed nothing.
    struct Plan {
        std::vector<Record> ready; ///< the request's records whose workflow is known, then held ones it completes
        std::vector<std::pair<qint64, QString>> rejections; ///< execute_tool spans that cannot be records: line, why
        qint64 ownRecords = 0;     ///< records of this request, ready or held
        qint64 llmCalls = 0;       ///< LLM spans of this request with token usage
        qint64 unpricedCalls = 0;  ///< of them, with no price in the table
        qint64 heldRecords() const { return qint64(holds.size()); } ///< of the own records, held

    private:
        friend class TraceStitcher;
        std::vector<Held> holds;
        std::vector<quint64> released;
        std::vector<Rewait> rewaits;
        std::vector<std::pair<Key, Usage>> stash;       ///< LLM calls waiting for a span above them
        std::vector<Key> consumed;                      ///< stashed usage this request delivered or moved up
        std::vector<std::pair<quint64, Usage>> heldUsage; ///< usage for records held from earlier requests
        std::vector<std::pair<Key, Usage>> traceStash;  ///< usage outside any tool call, waiting for its trace's next record
        std::vector<Key> traceConsumed;
    };

    /// Plans a request: `spans` is its index (indexOtlpRequest), `line` the request's number for its records.
    Plan plan(const std::vector<OtlpSpanInfo> &spans, qint64 line, qint64 nowMs) const;
    void apply(Plan &&plan, const std::vector<OtlpSpanInfo> &spans, qint64 nowMs);

    /// Held records due at `nowMs` (all of them when `all`) with their fallback workflow, and their ids for release().
    std::vector<Record> due(qint64 nowMs, bool all, std::vector<quint64> &ids) const;
    void release(const std::vector<quint64> &ids);

    qint64 heldCount() const { return qint64(m_held.size()); }
    qint64 rememberedCount() const { return qint64(m_spans.size()); }

private:
    struct Link {
        Key parent; ///< null for a root
        SpanRole role = SpanRole::Other;
        std::string label; ///< agent and workflow spans only
        qint64 seenMs = 0;
    };
    struct Walk {
        bool complete = false;
        std::string workflow; ///< complete: the workflow label, empty when the service name applies
        std::string agent;
        Key waitingFor;
    };
    /// Where usage goes: a record of this request, a held record, a stash under an unknown span, the trace, nowhere.
    struct Target {
        enum Kind { Own, HeldRecord, Stash, Trace, Drop } kind = Drop;
        size_t own = 0;
        quint64 held = 0;
        Key key;
    };
    using Overlay = std::unordered_map<Key, const OtlpSpanInfo *, KeyHash>;

    static Key keyOf(std::string_view traceId, std::string_view spanId);
    static Key traceKeyOf(std::string_view traceId);
    static void addUsage(Record &r, const Usage &u);
    Usage usageOf(const OtlpSpanInfo &llm) const;
    Walk walk(const std::string &traceId, Key from, std::string agent, const Overlay &overlay) const;
    Target route(const std::string &traceId, Key from, const Overlay &overlay,
                 const std::unordered_map<Key, size_t, KeyHash> &ownTools) const;
    void remember(const OtlpSpanInfo &span, qint64 nowMs);
    void forget(quint64 id);

    qint64 m_holdMs;
    qint64 m_maxHeld;
    qint64 m_maxRemembered;
    const TokenPricer *m_pricer;
    std::unordered_map<Key, Link, KeyHash> m_spans;
    std::deque<std::pair<Key, qint64>> m_order; ///< remembered spans, oldest first, with the time they arrived
    std::map<quint64, Held> m_held;             ///< by arrival, so deadlines come in order
    std::unordered_multimap<Key, quint64, KeyHash> m_waiting;
    std::unordered_map<Key, quint64, KeyHash> m_heldByTool;
    std::unordered_multimap<Key, quint64, KeyHash> m_heldByTrace;
    std::unordered_multimap<Key, Usage, KeyHash> m_usage; ///< LLM calls waiting for a span above them, one by one
    std::deque<std::pair<Key, qint64>> m_usageOrder;
    std::unordered_map<Key, Usage, KeyHash> m_traceUsage; ///< usage outside tool calls, by trace, for its next record
    std::deque<std::pair<Key, qint64>> m_traceUsageOrder;
    quint64 m_nextId = 0;
};

} // namespace Apprentice
