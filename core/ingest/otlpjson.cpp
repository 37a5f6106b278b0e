#include "otlpjson.h"

#include <charconv>
#include <cmath>
#include <simdjson.h>
#include <unordered_map>
#include <vector>

#include "jsonerror.h"
#include "record.h"
#include "recordfields.h"
#include "recordsink.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// Far more than any real span tree; stops a parent cycle in a malformed request from looping forever.
constexpr int MaxAncestors = 256;

struct Resource {
    std::string_view serviceName;
    std::string_view serviceVersion;
};

struct Span {
    std::string_view traceId;
    std::string_view spanId;
    std::string_view parentSpanId;
    std::string_view name;
    std::string_view operation;
    std::string_view toolName;
    std::string_view agentName;
    std::string_view workflowName;
    std::string_view statusMessage;
    std::string_view errorType;
    quint64 start = 0;
    quint64 end = 0;
    bool hasStart = false;
    bool hasEnd = false;
    bool error = false;
    double inputTokens = Absent;
    double outputTokens = Absent;
    size_t resource = 0;
};

std::string_view stringField(const object &o, std::string_view key)
{
    std::string_view s;
    if (o.at_key(key).get_string().get(s))
        return {};
    return s;
}

// AnyValue as text: only stringValue counts, a number is not a name.
std::string_view anyString(const element &value)
{
    std::string_view s;
    if (value.at_key("stringValue").get_string().get(s))
        return {};
    return s;
}

bool numberFrom(const element &e, double &out)
{
    switch (e.type()) {
    case element_type::INT64:
        out = double(e.get_int64().value_unsafe());
        return true;
    case element_type::UINT64:
        out = double(e.get_uint64().value_unsafe());
        return true;
    case element_type::DOUBLE:
        out = e.get_double().value_unsafe();
        return true;
    case element_type::STRING: {
        // Protobuf JSON writes 64-bit integers as decimal strings.
        const std::string_view s = e.get_string().value_unsafe();
        const auto result = std::from_chars(s.data(), s.data() + s.size(), out);
        return result.ec == std::errc() && result.ptr == s.data() + s.size() && std::isfinite(out);
    }
    default:
        return false;
    }
}

// AnyValue as a number: intValue (string or number) or doubleValue.
bool anyNumber(const element &value, double &out)
{
    element inner;
    if (!value.at_key("intValue").get(inner) || !value.at_key("doubleValue").get(inner))
        return numberFrom(inner, out);
    return false;
}

bool unixNanos(const element &e, quint64 &out)
{
    switch (e.type()) {
    case element_type::UINT64:
        out = e.get_uint64().value_unsafe();
        return true;
    case element_type::INT64: {
        const qint64 v = e.get_int64().value_unsafe();
        out = quint64(v);
        return v >= 0;
    }
    case element_type::STRING: {
        const std::string_view s = e.get_string().value_unsafe();
        const auto result = std::from_chars(s.data(), s.data() + s.size(), out);
        return result.ec == std::errc() && result.ptr == s.data() + s.size();
    }
    case element_type::DOUBLE: {
        const double v = e.get_double().value_unsafe();
        out = quint64(v);
        return v >= 0 && v < 1.8e19;
    }
    default:
        return false;
    }
}

// "invoke_agent billing" -> "billing"
std::string_view afterOperationWord(std::string_view spanName)
{
    const size_t space = spanName.find(' ');
    return space == std::string_view::npos ? std::string_view() : spanName.substr(space + 1);
}

bool isLlmOperation(std::string_view op)
{
    return op == "chat" || op == "text_completion" || op == "generate_content";
}

void readAttributes(const element &attributes, Span &span)
{
    array list;
    if (attributes.get_array().get(list))
        return;
    for (const element attribute : list) {
        std::string_view key;
        element value;
        if (attribute.at_key("key").get_string().get(key) || attribute.at_key("value").get(value))
            continue;
        if (!key.starts_with("gen_ai.") && key != "error.type")
            continue;
        if (key == "gen_ai.operation.name")
            span.operation = anyString(value);
        else if (key == "gen_ai.tool.name")
            span.toolName = anyString(value);
        else if (key == "gen_ai.agent.name")
            span.agentName = anyString(value);
        else if (key == "gen_ai.workflow.name")
            span.workflowName = anyString(value);
        else if (key == "error.type")
            span.errorType = anyString(value);
        else if (key == "gen_ai.usage.input_tokens")
            anyNumber(value, span.inputTokens);
        else if (key == "gen_ai.usage.output_tokens")
            anyNumber(value, span.outputTokens);
    }
}

void readSpan(const object &o, size_t resource, Span &span)
{
    span.resource = resource;
    span.traceId = stringField(o, "traceId");
    span.spanId = stringField(o, "spanId");
    span.parentSpanId = stringField(o, "parentSpanId");
    span.name = stringField(o, "name");
    element value;
    if (!o.at_key("startTimeUnixNano").get(value))
        span.hasStart = unixNanos(value, span.start);
    if (!o.at_key("endTimeUnixNano").get(value))
        span.hasEnd = unixNanos(value, span.end);
    if (!o.at_key("attributes").get(value))
        readAttributes(value, span);
    object status;
    if (!o.at_key("status").get_object().get(status)) {
        element code;
        if (!status.at_key("code").get(code)) {
            double numeric = 0;
            if (code.type() == element_type::STRING)
                span.error = std::string_view(code.get_string().value_unsafe()) == "STATUS_CODE_ERROR";
            else if (numberFrom(code, numeric))
                span.error = numeric == 2;
        }
        span.statusMessage = stringField(status, "message");
    }
}

struct Scratch {
    simdjson::dom::parser parser;
    std::vector<Resource> resources;
    std::vector<Span> spans;
    std::unordered_map<std::string_view, size_t> bySpanId;
    std::vector<CustomMetricView> custom;
};

QString spanLabel(const Span &span)
{
    return span.spanId.empty() ? u"span"_s : u"span %1"_s.arg(QString::fromUtf8(span.spanId.data(), qsizetype(span.spanId.size())));
}

} // namespace

OtlpConversion convertOtlpTraceRequest(std::string_view json, qint64 line, RecordSink &sink)
{
    thread_local Scratch s;
    OtlpConversion result;
    const auto reject = [&](const QString &reason) {
        sink.onRejected(line, reason);
        ++result.rejected;
    };

    element root;
    if (const auto code = s.parser.parse(json.data(), json.size(), true).get(root)) {
        QString reason = explainInvalidJson(json);
        if (reason.isEmpty())
            reason = u"invalid JSON: %1"_s.arg(QString::fromUtf8(simdjson::error_message(code)));
        reject(reason);
        return result;
    }
    object request;
    if (root.get_object().get(request)) {
        reject(u"an OTLP trace request must be a JSON object"_s);
        return result;
    }
    element resourceSpansValue;
    if (request.at_key("resourceSpans").get(resourceSpansValue))
        return result; // an empty request is valid
    array resourceSpans;
    if (resourceSpansValue.get_array().get(resourceSpans)) {
        reject(u"\"resourceSpans\" must be an array"_s);
        return result;
    }

    s.resources.clear();
    s.spans.clear();
    s.bySpanId.clear();
    for (const element rsValue : resourceSpans) {
        object rs;
        if (rsValue.get_object().get(rs))
            continue;
        Resource resource;
        array attributes;
        if (!rs.at_pointer("/resource/attributes").get_array().get(attributes)) {
            for (const element attribute : attributes) {
                std::string_view key;
                element value;
                if (attribute.at_key("key").get_string().get(key) || attribute.at_key("value").get(value))
                    continue;
                if (key == "service.name")
                    resource.serviceName = anyString(value);
                else if (key == "service.version")
                    resource.serviceVersion = anyString(value);
            }
        }
        s.resources.push_back(resource);
        array scopes;
        // instrumentationLibrarySpans: the name before OTLP 0.15, still written by old exporters.
        if (rs.at_key("scopeSpans").get_array().get(scopes)
            && rs.at_key("instrumentationLibrarySpans").get_array().get(scopes))
            continue;
        for (const element scope : scopes) {
            array spans;
            if (scope.at_key("spans").get_array().get(spans))
                continue;
            for (const element spanValue : spans) {
                object spanObject;
                if (spanValue.get_object().get(spanObject))
                    continue;
                Span &span = s.spans.emplace_back();
                readSpan(spanObject, s.resources.size() - 1, span);
                if (!span.spanId.empty())
                    s.bySpanId.emplace(span.spanId, s.spans.size() - 1);
            }
        }
    }

    const auto parentOf = [&](const Span &span) -> Span * {
        if (span.parentSpanId.empty())
            return nullptr;
        const auto it = s.bySpanId.find(span.parentSpanId);
        return it == s.bySpanId.end() ? nullptr : &s.spans[it->second];
    };

    // Token usage of LLM calls made inside a tool call is that tool call's cost driver: add it to the tool.
    for (const Span &span : s.spans) {
        if (!isLlmOperation(span.operation) || (!isPresent(span.inputTokens) && !isPresent(span.outputTokens)))
            continue;
        Span *p = parentOf(span);
        for (int depth = 0; p && depth < MaxAncestors && p->operation != "execute_tool"; ++depth)
            p = parentOf(*p);
        if (!p || p->operation != "execute_tool")
            continue;
        Span &tool = *p;
        if (isPresent(span.inputTokens))
            tool.inputTokens = (isPresent(tool.inputTokens) ? tool.inputTokens : 0) + span.inputTokens;
        if (isPresent(span.outputTokens))
            tool.outputTokens = (isPresent(tool.outputTokens) ? tool.outputTokens : 0) + span.outputTokens;
    }

    for (const Span &span : s.spans) {
        if (span.operation != "execute_tool")
            continue;
        RecordView record;
        record.line = line;
        record.tool = span.toolName.empty() ? afterOperationWord(span.name) : span.toolName;
        if (record.tool.empty()) {
            reject(u"%1: execute_tool span without \"gen_ai.tool.name\""_s.arg(spanLabel(span)));
            continue;
        }
        if (!span.hasStart || !span.hasEnd) {
            reject(u"%1: missing or invalid \"%2\""_s.arg(spanLabel(span),
                                                        span.hasStart ? u"endTimeUnixNano"_s : u"startTimeUnixNano"_s));
            continue;
        }
        if (span.end < span.start) {
            reject(u"%1: \"endTimeUnixNano\" is before \"startTimeUnixNano\""_s.arg(spanLabel(span)));
            continue;
        }

        std::string_view workflow;
        std::string_view agent;
        const Span *p = parentOf(span);
        for (int depth = 0; p && depth < MaxAncestors && workflow.empty(); ++depth, p = parentOf(*p)) {
            if (p->operation == "invoke_workflow") {
                workflow = !p->workflowName.empty() ? p->workflowName
                    : !p->agentName.empty()         ? p->agentName
                                                    : afterOperationWord(p->name);
            } else if (p->operation == "invoke_agent" && agent.empty()) {
                agent = !p->agentName.empty() ? p->agentName : afterOperationWord(p->name);
            }
        }
        const Resource &resource = s.resources[span.resource];
        if (workflow.empty())
            workflow = !agent.empty() ? agent : resource.serviceName;
        if (workflow.empty()) {
            reject(u"%1: no workflow: no enclosing invoke_workflow or invoke_agent span and no service.name"_s.arg(
                spanLabel(span)));
            continue;
        }

        record.workflow = workflow;
        record.version = resource.serviceVersion.empty() ? RecordFields::DefaultVersion : resource.serviceVersion;
        record.execution = span.traceId;
        record.tsMs = qint64(span.start / 1000000);
        record.values[size_t(Metric::Latency)] = double(span.end - span.start) / 1e6;
        record.ok = !span.error;
        if (span.error)
            record.error = !span.statusMessage.empty() ? span.statusMessage : span.errorType;
        s.custom.clear();
        if (isPresent(span.inputTokens))
            s.custom.push_back({"input_tokens", span.inputTokens});
        if (isPresent(span.outputTokens))
            s.custom.push_back({"output_tokens", span.outputTokens});
        record.custom = s.custom.empty() ? nullptr : s.custom.data();
        record.customCount = int(s.custom.size());
        sink.onRecord(record);
        ++result.records;
    }
    return result;
}

} // namespace Apprentice
