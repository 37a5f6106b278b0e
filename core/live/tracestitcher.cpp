#include "tracestitcher.h"

#include <algorithm>
#include <charconv>

namespace Apprentice {

namespace {

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
    return !agent.empty() ? agent : !service.empty() ? service : current;
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

} // namespace

void TraceStitcher::Usage::add(const Usage &o)
{
    if (o.input >= 0)
        input = (input >= 0 ? input : 0) + o.input;
    if (o.output >= 0)
        output = (output >= 0 ? output : 0) + o.output;
}

TraceStitcher::TraceStitcher(qint64 holdMs, qint64 maxHeldRecords, qint64 maxRememberedSpans)
    : m_holdMs(std::max<qint64>(0, holdMs))
    , m_maxHeld(std::max<qint64>(0, maxHeldRecords))
    , m_maxRemembered(std::max<qint64>(1, maxRememberedSpans))
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

TraceStitcher::Walk TraceStitcher::walk(const std::string &traceId, Key from, std::string agent,
                                        const Overlay &overlay) const
{
    Walk w;
    Key id = from;
    // Far more than any real span tree; stops a parent cycle in a malformed trace.
    for (int depth = 0; depth < 256; ++depth) {
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

TraceStitcher::Plan TraceStitcher::plan(const std::vector<OtlpSpanInfo> &spans, std::vector<Record> records,
                                        qint64 nowMs) const
{
    Plan p;
    p.ownRecords = qint64(records.size());
    Overlay overlay;
    overlay.reserve(spans.size());
    for (const OtlpSpanInfo &s : spans) {
        if (!s.spanId.empty())
            overlay.emplace(keyOf(s.traceId, s.spanId), &s);
    }

    // Token usage of LLM calls whose tool call is not in this request, and usage stashed before that reaches one now.
    std::unordered_map<Key, Usage, KeyHash> toolUsage;
    for (const OtlpSpanInfo &s : spans) {
        if (s.role == SpanRole::Llm && (s.inputTokens >= 0 || s.outputTokens >= 0) && !s.parentSpanId.empty()) {
            Usage u;
            u.input = s.inputTokens;
            u.output = s.outputTokens;
            route(s.traceId, keyOf(s.traceId, s.parentSpanId), u, overlay, toolUsage, p, true);
        }
        if (m_usage.empty() || s.spanId.empty())
            continue;
        const Key key = keyOf(s.traceId, s.spanId);
        const auto stashed = m_usage.find(key);
        if (stashed == m_usage.end() || std::find(p.consumed.begin(), p.consumed.end(), key) != p.consumed.end())
            continue;
        p.consumed.push_back(key);
        if (s.role == SpanRole::Tool)
            toolUsage[key].add(stashed->second);
        else
            route(s.traceId, keyOf(s.traceId, s.parentSpanId), stashed->second, overlay, toolUsage, p, false);
    }

    // Records come in the order of their execute_tool spans, minus the rejected ones.
    size_t next = 0;
    for (Record &r : records) {
        const OtlpSpanInfo *span = nullptr;
        while (next < spans.size()) {
            const OtlpSpanInfo &s = spans[next++];
            if (s.role == SpanRole::Tool && s.startMs == r.tsMs && s.traceId == r.execution && s.label == r.tool) {
                span = &s;
                break;
            }
        }
        if (span && !toolUsage.empty()) {
            if (const auto u = toolUsage.find(keyOf(span->traceId, span->spanId)); u != toolUsage.end()) {
                addCustom(r, "input_tokens", u->second.input);
                addCustom(r, "output_tokens", u->second.output);
            }
        }
        if (!span || span->parentSpanId.empty()) {
            p.ready.push_back(std::move(r)); // a root tool call: the conversion's answer stands
            continue;
        }
        Walk w = walk(span->traceId, keyOf(span->traceId, span->parentSpanId), {}, overlay);
        if (w.complete) {
            r.workflow = fallbackWorkflow(w.workflow, span->service, r.workflow);
            p.ready.push_back(std::move(r));
        } else if (qint64(m_held.size() + p.holds.size()) >= m_maxHeld) {
            r.workflow = fallbackWorkflow(w.agent, span->service, r.workflow); // full: no waiting
            p.ready.push_back(std::move(r));
        } else {
            Held h;
            h.record = std::move(r);
            h.waitingFor = w.waitingFor;
            h.traceId = span->traceId;
            h.agent = std::move(w.agent);
            h.service = span->service;
            h.deadlineMs = nowMs + m_holdMs;
            p.holds.push_back(std::move(h));
        }
    }

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

void TraceStitcher::route(const std::string &traceId, Key from, const Usage &usage, const Overlay &overlay,
                          std::unordered_map<Key, Usage, KeyHash> &toolUsage, Plan &plan, bool skipToolInRequest) const
{
    bool inRequest = true; // every step so far was a span of this request
    for (int depth = 0; depth < 256 && !from.isNull(); ++depth) {
        if (const auto it = overlay.find(from); it != overlay.end()) {
            if (it->second->role == SpanRole::Tool) {
                // The conversion already added usage that reaches its tool call inside one request.
                if (!(skipToolInRequest && inRequest))
                    toolUsage[from].add(usage);
                return;
            }
            from = keyOf(traceId, it->second->parentSpanId);
            continue;
        }
        inRequest = false;
        if (const auto known = m_spans.find(from); known != m_spans.end()) {
            if (known->second.role == SpanRole::Tool)
                return; // its record went out before this usage came
            from = known->second.parent;
            continue;
        }
        plan.stash.emplace_back(from, usage);
        return;
    }
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
    for (const Key &key : plan.consumed)
        m_usage.erase(key);
    for (auto &[key, usage] : plan.stash) {
        Usage &u = m_usage[key];
        u.add(usage);
        u.seenMs = nowMs;
        m_usageOrder.emplace_back(key, nowMs);
    }
    while (!m_usageOrder.empty()
           && (qint64(m_usageOrder.size()) > m_maxRemembered || m_usageOrder.front().second < forgetBefore)) {
        const auto [key, seenMs] = m_usageOrder.front();
        m_usageOrder.pop_front();
        const auto it = m_usage.find(key);
        if (it != m_usage.end() && it->second.seenMs == seenMs)
            m_usage.erase(it);
    }
    for (const quint64 id : plan.released) {
        const auto it = m_held.find(id);
        if (it == m_held.end())
            continue;
        unwait(it->second.waitingFor, id);
        m_held.erase(it);
    }
    for (Rewait &rw : plan.rewaits) {
        const auto it = m_held.find(rw.id);
        if (it == m_held.end())
            continue;
        unwait(it->second.waitingFor, rw.id);
        it->second.waitingFor = rw.waitingFor;
        it->second.agent = std::move(rw.agent);
        m_waiting.emplace(rw.waitingFor, rw.id);
    }
    for (Held &h : plan.holds) {
        const quint64 id = ++m_nextId;
        m_waiting.emplace(h.waitingFor, id);
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
    for (const quint64 id : ids) {
        const auto it = m_held.find(id);
        if (it == m_held.end())
            continue;
        unwait(it->second.waitingFor, id);
        m_held.erase(it);
    }
}

void TraceStitcher::unwait(const Key &key, quint64 id)
{
    const auto range = m_waiting.equal_range(key);
    for (auto it = range.first; it != range.second; ++it) {
        if (it->second == id) {
            m_waiting.erase(it);
            return;
        }
    }
}

} // namespace Apprentice
