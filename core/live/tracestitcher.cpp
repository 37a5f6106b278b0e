#include "tracestitcher.h"

#include "tokenpricer.h"

#include <algorithm>
#include <charconv>

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

// Far more than any real span tree; stops a parent cycle in a malformed trace.
constexpr int MaxDepth = 256;

// What OpenTelemetry SDKs call a service that names none: the workflow of a tool call whose wait ended without one.
constexpr std::string_view UnknownService = "unknown_service";

bool parseHex(std::string_view s, quint64 &out)
{
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out, 16);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

quint64 fnv1a(std::string_view s)
{
    quint64 h = 0xcbf29ce484222325ull;
    for (const char c : s) {
        h ^= quint8(c);
        h *= 0x100000001b3ull;
    }
    return h;
}

std::string fallbackWorkflow(const std::string &agent, const std::string &service, const std::string &current)
{
    const std::string &w = !agent.empty() ? agent : !service.empty() ? service : current;
    return w.empty() ? std::string(UnknownService) : w;
}

void addCustom(Record &r, const char *name, double value)
{
    if (value < 0)
        return;
    for (auto &[key, v] : r.custom) {
        if (key == name) {
            v += value;
            return;
        }
    }
    r.custom.emplace_back(name, value);
}

// Time between two calls: 0 when they overlap.
qint64 gapMs(qint64 aStart, qint64 aEnd, qint64 bStart, qint64 bEnd)
{
    return std::max<qint64>(0, std::max(aStart, bStart) - std::min(aEnd, bEnd));
}

qint64 endMsOf(const Record &r)
{
    const double latency = r.value(Metric::Latency);
    return r.tsMs + (isPresent(latency) ? qint64(latency) : 0);
}

template<typename Map, typename K>
void eraseEntry(Map &map, const K &key, quint64 id)
{
    const auto range = map.equal_range(key);
    for (auto it = range.first; it != range.second; ++it) {
        if (it->second == id) {
            map.erase(it);
            return;
        }
    }
}

} // namespace

void TraceStitcher::Usage::add(const Usage &o)
{
    if (o.input >= 0)
        input = (input >= 0 ? input : 0) + o.input;
    if (o.output >= 0)
        output = (output >= 0 ? output : 0) + o.output;
    costUsd += o.costUsd;
    calls += o.calls;
    unpriced += o.unpriced;
}

TraceStitcher::TraceStitcher(qint64 holdMs, qint64 maxHeldRecords, qint64 maxRememberedSpans, const TokenPricer *pricer)
    : m_holdMs(std::max<qint64>(0, holdMs))
    , m_maxHeld(std::max<qint64>(0, maxHeldRecords))
    , m_maxRemembered(std::max<qint64>(1, maxRememberedSpans))
    , m_pricer(pricer ? pricer : &TokenPricer::builtIn())
{
}

TraceStitcher::Key TraceStitcher::keyOf(std::string_view traceId, std::string_view spanId)
{
    Key k;
    if (spanId.empty())
        return k;
    // Ids are hex (32 and 16 digits): kept as numbers they cost no allocation. Anything else is hashed.
    if (traceId.size() == 32 && spanId.size() == 16 && parseHex(traceId.substr(0, 16), k.a)
        && parseHex(traceId.substr(16), k.b) && parseHex(spanId, k.c) && !k.isNull())
        return k;
    return Key{fnv1a(traceId), ~quint64(0), fnv1a(spanId)};
}

TraceStitcher::Key TraceStitcher::traceKeyOf(std::string_view traceId)
{
    Key k;
    if (traceId.size() == 32 && parseHex(traceId.substr(0, 16), k.a) && parseHex(traceId.substr(16), k.b))
        return k;
    return Key{fnv1a(traceId), ~quint64(0), 0};
}

void TraceStitcher::addUsage(Record &r, const Usage &u)
{
    addCustom(r, "input_tokens", u.input);
    addCustom(r, "output_tokens", u.output);
    if (u.calls > 0) {
        const double cost = r.value(Metric::Cost);
        r.setValue(Metric::Cost, (isPresent(cost) ? cost : 0) + u.costUsd);
    }
}

TraceStitcher::Usage TraceStitcher::usageOf(const OtlpSpanInfo &llm) const
{
    Usage u;
    u.input = llm.inputTokens;
    u.output = llm.outputTokens;
    u.calls = 1;
    u.startMs = llm.startMs();
    u.endMs = llm.endMs();
    if (const std::optional<double> cost =
            m_pricer->costUsd(llm.provider, llm.label, llm.inputTokens, llm.outputTokens, llm.cachedInputTokens))
        u.costUsd = *cost;
    else
        u.unpriced = 1;
    return u;
}

TraceStitcher::Walk TraceStitcher::walk(const std::string &traceId, Key from, std::string agent,
                                        const Overlay &overlay) const
{
    Walk w;
    Key id = from;
    for (int depth = 0; depth < MaxDepth; ++depth) {
        if (id.isNull())
            break;
        SpanRole role = SpanRole::Other;
        const std::string *label = nullptr;
        Key parent;
        if (const auto it = overlay.find(id); it != overlay.end()) {
            role = it->second->role;
            label = &it->second->label;
            parent = keyOf(traceId, it->second->parentSpanId);
        } else if (const auto known = m_spans.find(id); known != m_spans.end()) {
            role = known->second.role;
            label = &known->second.label;
            parent = known->second.parent;
        } else {
            w.waitingFor = id;
            w.agent = std::move(agent);
            return w;
        }
        if (role == SpanRole::Workflow && !label->empty()) {
            w.complete = true;
            w.workflow = *label;
            return w;
        }
        if (role == SpanRole::Agent && agent.empty())
            agent = *label;
        id = parent;
    }
    w.complete = true;
    w.workflow = agent;
    w.agent = std::move(agent);
    return w;
}

TraceStitcher::Target TraceStitcher::route(const std::string &traceId, Key from, const Overlay &overlay,
                                           const std::unordered_map<Key, size_t, KeyHash> &ownTools) const
{
    Target t;
    for (int depth = 0; depth < MaxDepth; ++depth) {
        if (from.isNull()) {
            t.kind = Target::Trace; // reached the root without a tool call
            t.key = traceKeyOf(traceId);
            return t;
        }
        if (const auto it = overlay.find(from); it != overlay.end()) {
            if (it->second->role == SpanRole::Tool) {
                const auto own = ownTools.find(from);
                if (own == ownTools.end())
                    return t; // a tool span refused as a record
                t.kind = Target::Own;
                t.own = own->second;
                return t;
            }
            from = keyOf(traceId, it->second->parentSpanId);
            continue;
        }
        if (const auto known = m_spans.find(from); known != m_spans.end()) {
            if (known->second.role == SpanRole::Tool) {
                const auto held = m_heldByTool.find(from);
                if (held == m_heldByTool.end())
                    return t; // its record went out before this usage came
                t.kind = Target::HeldRecord;
                t.held = held->second;
                return t;
            }
            from = known->second.parent;
            continue;
        }
        t.kind = Target::Stash;
        t.key = from;
        return t;
    }
    return t;
}

TraceStitcher::Plan TraceStitcher::plan(const std::vector<OtlpSpanInfo> &spans, qint64 line, qint64 nowMs) const
{
    Plan p;
    Overlay overlay;
    overlay.reserve(spans.size());
    for (const OtlpSpanInfo &s : spans) {
        if (!s.spanId.empty())
            overlay.emplace(keyOf(s.traceId, s.spanId), &s);
    }

    // The request's own records, in span order.
    struct Own {
        Record record;
        const OtlpSpanInfo *span = nullptr;
        Key trace;
        Usage usage;
    };
    std::vector<Own> own;
    std::unordered_map<Key, size_t, KeyHash> ownTools;
    for (const OtlpSpanInfo &s : spans) {
        if (s.role != SpanRole::Tool)
            continue;
        Own o;
        QString why;
        if (!otlpToolRecord(s, line, o.record, why)) {
            p.rejections.emplace_back(line, why);
            continue;
        }
        o.span = &s;
        o.trace = traceKeyOf(s.traceId);
        if (!s.spanId.empty())
            ownTools.emplace(keyOf(s.traceId, s.spanId), own.size());
        own.push_back(std::move(o));
    }

    // Token usage: up the tree to the nearest tool call; outside any tool call, to the trace.
    struct Loose {
        Key trace;
        Usage usage;
    };
    std::vector<Loose> loose;
    const auto deliver = [&](const Target &t, const Usage &u) {
        switch (t.kind) {
        case Target::Own:
            own[t.own].usage.add(u);
            break;
        case Target::HeldRecord:
            p.heldUsage.emplace_back(t.held, u);
            break;
        case Target::Stash:
            p.stash.emplace_back(t.key, u);
            break;
        case Target::Trace:
            loose.push_back({t.key, u});
            break;
        case Target::Drop:
            break;
        }
    };
    for (const OtlpSpanInfo &s : spans) {
        if (s.role == SpanRole::Llm && s.hasUsage()) {
            const Usage u = usageOf(s);
            ++p.llmCalls;
            p.unpricedCalls += u.unpriced;
            deliver(route(s.traceId, keyOf(s.traceId, s.parentSpanId), overlay, ownTools), u);
        }
        if (m_usage.empty() || s.spanId.empty())
            continue;
        const Key key = keyOf(s.traceId, s.spanId);
        const auto range = m_usage.equal_range(key);
        if (range.first == range.second || std::find(p.consumed.begin(), p.consumed.end(), key) != p.consumed.end())
            continue;
        p.consumed.push_back(key);
        // The span the usage waited for: a tool call takes it, anything else passes it up.
        const Target t =
            route(s.traceId, s.role == SpanRole::Tool ? key : keyOf(s.traceId, s.parentSpanId), overlay, ownTools);
        for (auto it = range.first; it != range.second; ++it)
            deliver(t, it->second);
    }

    // Usage outside tool calls that waited for its trace goes to the trace's first tool call in this request.
    if (!m_traceUsage.empty()) {
        for (size_t i = 0; i < own.size(); ++i) {
            const auto stashed = m_traceUsage.find(own[i].trace);
            if (stashed == m_traceUsage.end()
                || std::find(p.traceConsumed.begin(), p.traceConsumed.end(), own[i].trace) != p.traceConsumed.end())
                continue;
            size_t first = i;
            for (size_t j = i + 1; j < own.size(); ++j) {
                if (own[j].trace == own[i].trace && own[j].record.tsMs < own[first].record.tsMs)
                    first = j;
            }
            own[first].usage.add(stashed->second);
            p.traceConsumed.push_back(own[i].trace);
        }
    }
    // This request's usage outside tool calls: to the undelivered record of its trace nearest in time (on a tie the
    // later one: the call an LLM decides on comes after it), else it waits for the trace's next record.
    for (const Loose &l : loose) {
        qint64 bestGap = -1;
        qint64 bestStart = 0;
        Target best;
        const auto consider = [&](const Record &r, const Target &t) {
            const qint64 gap = gapMs(l.usage.startMs, l.usage.endMs, r.tsMs, endMsOf(r));
            if (bestGap < 0 || gap < bestGap || (gap == bestGap && r.tsMs > bestStart)) {
                bestGap = gap;
                bestStart = r.tsMs;
                best = t;
            }
        };
        for (size_t i = 0; i < own.size(); ++i) {
            if (own[i].trace == l.trace)
                consider(own[i].record, Target{Target::Own, i, 0, {}});
        }
        const auto range = m_heldByTrace.equal_range(l.trace);
        for (auto it = range.first; it != range.second; ++it)
            consider(m_held.at(it->second).record, Target{Target::HeldRecord, 0, it->second, {}});
        if (bestGap >= 0) {
            if (best.kind == Target::Own)
                own[best.own].usage.add(l.usage);
            else
                p.heldUsage.emplace_back(best.held, l.usage);
        } else {
            p.traceStash.emplace_back(l.trace, l.usage);
        }
    }

    for (Own &o : own) {
        Record &r = o.record;
        if (!o.usage.isEmpty())
            addUsage(r, o.usage);
        const OtlpSpanInfo &span = *o.span;
        if (span.parentSpanId.empty()) {
            p.ready.push_back(std::move(r)); // a root tool call: the service names its workflow
            continue;
        }
        Walk w = walk(span.traceId, keyOf(span.traceId, span.parentSpanId), {}, overlay);
        if (w.complete) {
            r.workflow = fallbackWorkflow(w.workflow, span.service, r.workflow);
            p.ready.push_back(std::move(r));
        } else if (qint64(m_held.size() + p.holds.size()) >= m_maxHeld) {
            r.workflow = fallbackWorkflow(w.agent, span.service, r.workflow); // full: no waiting
            p.ready.push_back(std::move(r));
        } else {
            Held h;
            h.record = std::move(r);
            h.waitingFor = w.waitingFor;
            h.tool = keyOf(span.traceId, span.spanId);
            h.trace = o.trace;
            h.traceId = span.traceId;
            h.agent = std::move(w.agent);
            h.service = span.service;
            h.deadlineMs = nowMs + m_holdMs;
            p.holds.push_back(std::move(h));
        }
    }
    p.ownRecords = qint64(own.size());

    // Earlier records waiting for a span of this request.
    if (!m_waiting.empty()) {
        for (const OtlpSpanInfo &s : spans) {
            if (s.spanId.empty())
                continue;
            const Key key = keyOf(s.traceId, s.spanId);
            const auto range = m_waiting.equal_range(key);
            for (auto it = range.first; it != range.second; ++it) {
                const quint64 id = it->second;
                if (std::find(p.released.begin(), p.released.end(), id) != p.released.end()
                    || std::any_of(p.rewaits.begin(), p.rewaits.end(), [id](const Rewait &rw) { return rw.id == id; }))
                    continue; // the same span twice in one request
                const Held &h = m_held.at(id);
                Walk w = walk(h.traceId, key, h.agent, overlay);
                if (w.complete) {
                    Record r = h.record;
                    r.workflow = fallbackWorkflow(w.workflow, h.service, r.workflow);
                    for (const auto &[heldId, usage] : p.heldUsage) {
                        if (heldId == id)
                            addUsage(r, usage);
                    }
                    p.ready.push_back(std::move(r));
                    p.released.push_back(id);
                } else {
                    p.rewaits.push_back({id, w.waitingFor, std::move(w.agent)});
                }
            }
        }
    }
    return p;
}

void TraceStitcher::remember(const OtlpSpanInfo &span, qint64 nowMs)
{
    if (span.spanId.empty())
        return;
    const Key key = keyOf(span.traceId, span.spanId);
    Link &link = m_spans[key];
    link.parent = keyOf(span.traceId, span.parentSpanId);
    link.role = span.role;
    link.seenMs = nowMs;
    if (span.role == SpanRole::Agent || span.role == SpanRole::Workflow)
        link.label = span.label;
    else
        link.label.clear();
    m_order.emplace_back(key, nowMs);
}

void TraceStitcher::apply(Plan &&plan, const std::vector<OtlpSpanInfo> &spans, qint64 nowMs)
{
    for (const OtlpSpanInfo &s : spans)
        remember(s, nowMs);
    // Forget the oldest spans beyond the cap, and any older than ten hold periods: a late child that needs them is rare.
    const qint64 forgetBefore = nowMs - 10 * std::max<qint64>(m_holdMs, 1000);
    while (!m_order.empty() && (qint64(m_order.size()) > m_maxRemembered || m_order.front().second < forgetBefore)) {
        const auto [key, seenMs] = m_order.front();
        m_order.pop_front();
        // A span seen again later is listed again further back: only its last sighting forgets it.
        const auto it = m_spans.find(key);
        if (it != m_spans.end() && it->second.seenMs == seenMs)
            m_spans.erase(it);
    }
    const auto forgetOld = [&](auto &map, std::deque<std::pair<Key, qint64>> &order) {
        while (!order.empty() && (qint64(order.size()) > m_maxRemembered || order.front().second < forgetBefore)) {
            const auto [key, seenMs] = order.front();
            order.pop_front();
            const auto range = map.equal_range(key);
            for (auto it = range.first; it != range.second; ++it) {
                if (it->second.seenMs == seenMs) {
                    map.erase(it);
                    break;
                }
            }
        }
    };
    for (const Key &key : plan.consumed)
        m_usage.erase(key);
    for (auto &[key, usage] : plan.stash) {
        usage.seenMs = nowMs;
        m_usage.emplace(key, usage);
        m_usageOrder.emplace_back(key, nowMs);
    }
    forgetOld(m_usage, m_usageOrder);
    for (const Key &key : plan.traceConsumed)
        m_traceUsage.erase(key);
    for (auto &[key, usage] : plan.traceStash) {
        Usage &u = m_traceUsage[key];
        u.add(usage);
        u.seenMs = nowMs;
        m_traceUsageOrder.emplace_back(key, nowMs);
    }
    forgetOld(m_traceUsage, m_traceUsageOrder);
    for (const auto &[id, usage] : plan.heldUsage) {
        if (const auto it = m_held.find(id); it != m_held.end())
            addUsage(it->second.record, usage);
    }
    for (const quint64 id : plan.released)
        forget(id);
    for (Rewait &rw : plan.rewaits) {
        const auto it = m_held.find(rw.id);
        if (it == m_held.end())
            continue;
        eraseEntry(m_waiting, it->second.waitingFor, rw.id);
        it->second.waitingFor = rw.waitingFor;
        it->second.agent = std::move(rw.agent);
        m_waiting.emplace(rw.waitingFor, rw.id);
    }
    for (Held &h : plan.holds) {
        const quint64 id = ++m_nextId;
        m_waiting.emplace(h.waitingFor, id);
        if (!h.tool.isNull())
            m_heldByTool[h.tool] = id;
        m_heldByTrace.emplace(h.trace, id);
        m_held.emplace(id, std::move(h));
    }
}

std::vector<Record> TraceStitcher::due(qint64 nowMs, bool all, std::vector<quint64> &ids) const
{
    std::vector<Record> out;
    ids.clear();
    for (const auto &[id, h] : m_held) {
        if (!all && h.deadlineMs > nowMs)
            break;
        Record r = h.record;
        r.workflow = fallbackWorkflow(h.agent, h.service, r.workflow);
        out.push_back(std::move(r));
        ids.push_back(id);
    }
    return out;
}

void TraceStitcher::release(const std::vector<quint64> &ids)
{
    for (const quint64 id : ids)
        forget(id);
}

void TraceStitcher::forget(quint64 id)
{
    const auto it = m_held.find(id);
    if (it == m_held.end())
        return;
    eraseEntry(m_waiting, it->second.waitingFor, id);
    eraseEntry(m_heldByTrace, it->second.trace, id);
    if (const auto tool = m_heldByTool.find(it->second.tool); tool != m_heldByTool.end() && tool->second == id)
        m_heldByTool.erase(tool);
    m_held.erase(it);
}

} // namespace Apprentice
