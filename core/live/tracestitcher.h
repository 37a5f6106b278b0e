#pragma once

#include "otlpspanindex.h"
#include "record.h"

#include <QtGlobal>

#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace Apprentice {

/// Attributes tool calls to their workflow across OTLP requests. An exporter batches spans in the order they end,
/// and a workflow or agent span ends after its tool calls, so a batch boundary often separates a tool span from the
/// span that names its workflow. Within one request convertOtlpTraceRequest() resolves that; across requests this
/// does: it remembers recent spans, holds a record whose ancestors have not arrived yet, and releases it when they
/// do, or after `holdMs` with the nearest agent found so far or the service name, as the conversion would have.
/// Likewise the token usage of LLM calls made inside a tool call: they end, and are often sent, before the tool
/// span, so their usage waits for it and is added to its record's input_tokens / output_tokens.
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
    struct Held {
        Record record;
        Key waitingFor;
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
    struct Usage {
        double input = -1; ///< -1: none reported
        double output = -1;
        qint64 seenMs = 0;
        void add(const Usage &o);
        bool isEmpty() const { return input < 0 && output < 0; }
    };

public:
    TraceStitcher(qint64 holdMs = 6000, qint64 maxHeldRecords = 100000, qint64 maxRememberedSpans = 100000);

    /// What one request turns into, computed without changing anything. apply() it once `ready` is queued; drop it
    /// when the queue refused, and the request changed nothing.
    struct Plan {
        std::vector<Record> ready; ///< the request's records whose workflow is known, then held ones it completes
        qint64 ownRecords = 0;     ///< records of this request, ready or held
        qint64 heldRecords() const { return qint64(holds.size()); } ///< of them, held

    private:
        friend class TraceStitcher;
        std::vector<Held> holds;
        std::vector<quint64> released;
        std::vector<Rewait> rewaits;
        std::vector<std::pair<Key, Usage>> stash; ///< token usage waiting for its tool span
        std::vector<Key> consumed;                ///< stashed usage this request delivered or moved up
    };

    /// Plans a request: `spans` is its index, `records` what the conversion made of it, in order.
    Plan plan(const std::vector<OtlpSpanInfo> &spans, std::vector<Record> records, qint64 nowMs) const;
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
    using Overlay = std::unordered_map<Key, const OtlpSpanInfo *, KeyHash>;

    static Key keyOf(std::string_view traceId, std::string_view spanId);
    Walk walk(const std::string &traceId, Key from, std::string agent, const Overlay &overlay) const;
    void remember(const OtlpSpanInfo &span, qint64 nowMs);
    void unwait(const Key &key, quint64 id);
    /// Carries `usage` up from `from` to the nearest tool call: one in this request gets it in `toolUsage`; an
    /// unknown span gets it stashed in the plan; a tool call delivered before, or none, drops it.
    void route(const std::string &traceId, Key from, const Usage &usage, const Overlay &overlay,
               std::unordered_map<Key, Usage, KeyHash> &toolUsage, Plan &plan, bool skipToolInRequest) const;

    qint64 m_holdMs;
    qint64 m_maxHeld;
    qint64 m_maxRemembered;
    std::unordered_map<Key, Link, KeyHash> m_spans;
    std::deque<std::pair<Key, qint64>> m_order; ///< remembered spans, oldest first, with the time they arrived
    std::map<quint64, Held> m_held;             ///< by arrival, so deadlines come in order
    std::unordered_multimap<Key, quint64, KeyHash> m_waiting;
    std::unordered_map<Key, Usage, KeyHash> m_usage;  ///< token usage waiting for the tool span above it
    std::deque<std::pair<Key, qint64>> m_usageOrder;
    quint64 m_nextId = 0;
};

} // namespace Apprentice
