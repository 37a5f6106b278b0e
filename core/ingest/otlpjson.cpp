#include "otlpjson.h"

#include <charconv>
#include <cmath>
#include <simdjson.h>

#include "jsonerror.h"
#include "live/otlptracestream.h"
#include "record.h"
#include "recordfields.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

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

// AnyValue as a token count: intValue (string or number) or doubleValue, >= 0; -1 otherwise.
double anyCount(const element &value)
{
    element inner;
    double out = -1;
    if ((!value.at_key("intValue").get(inner) || !value.at_key("doubleValue").get(inner)) && numberFrom(inner, out)
        && out >= 0)
        return out;
    return -1;
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
    return op == "chat" || op == "text_completion" || op == "generate_content" || op == "embeddings";
}

// The span's attributes that matter, as views into the parsed document.
struct Attributes {
    std::string_view operation, tool, agent, workflow, errorType, provider, legacySystem, requestModel, responseModel;
    double inputTokens = -1;
    double outputTokens = -1;
    double cachedInputTokens = -1;
};

void readAttributes(const object &span, Attributes &a)
{
    array list;
    if (span.at_key("attributes").get_array().get(list))
        return;
    for (const element attribute : list) {
        std::string_view key;
        element value;
        if (attribute.at_key("key").get_string().get(key) || attribute.at_key("value").get(value))
            continue;
        if (key == "error.type") {
            a.errorType = anyString(value);
            continue;
        }
        if (!key.starts_with("gen_ai."))
            continue;
        const std::string_view k = key.substr(7);
        if (k == "operation.name")
            a.operation = anyString(value);
        else if (k == "tool.name")
            a.tool = anyString(value);
        else if (k == "agent.name")
            a.agent = anyString(value);
        else if (k == "workflow.name")
            a.workflow = anyString(value);
        else if (k == "provider.name")
            a.provider = anyString(value);
        else if (k == "system")
            a.legacySystem = anyString(value);
        else if (k == "request.model")
            a.requestModel = anyString(value);
        else if (k == "response.model")
            a.responseModel = anyString(value);
        else if (k == "usage.input_tokens")
            a.inputTokens = anyCount(value);
        else if (k == "usage.output_tokens")
            a.outputTokens = anyCount(value);
        else if (k == "usage.cache_read.input_tokens")
            a.cachedInputTokens = anyCount(value);
    }
}

void readSpan(const object &o, std::string_view service, std::string_view version, OtlpSpanInfo &info)
{
    info.traceId = stringField(o, "traceId");
    info.spanId = stringField(o, "spanId");
    info.parentSpanId = stringField(o, "parentSpanId");
    info.service = service;
    info.version = version;
    element value;
    info.hasStart = !o.at_key("startTimeUnixNano").get(value) && unixNanos(value, info.startNs);
    info.hasEnd = !o.at_key("endTimeUnixNano").get(value) && unixNanos(value, info.endNs);
    Attributes a;
    readAttributes(o, a);
    info.inputTokens = a.inputTokens;
    info.outputTokens = a.outputTokens;
    info.cachedInputTokens = a.cachedInputTokens;
    info.failed = false;
    std::string_view message;
    object status;
    if (!o.at_key("status").get_object().get(status)) {
        element code;
        if (!status.at_key("code").get(code)) {
            double numeric = 0;
            if (code.type() == element_type::STRING)
                info.failed = std::string_view(code.get_string().value_unsafe()) == "STATUS_CODE_ERROR";
            else if (numberFrom(code, numeric))
                info.failed = numeric == 2;
        }
        message = stringField(status, "message");
    }
    info.error = !message.empty() ? message : a.errorType;

    const std::string_view name = stringField(o, "name");
    info.provider.clear();
    if (a.operation == "execute_tool") {
        info.role = SpanRole::Tool;
        info.label = !a.tool.empty() ? a.tool : afterOperationWord(name);
    } else if (a.operation == "invoke_workflow") {
        info.role = SpanRole::Workflow;
        info.label = !a.workflow.empty() ? a.workflow : !a.agent.empty() ? a.agent : afterOperationWord(name);
    } else if (a.operation == "invoke_agent") {
        info.role = SpanRole::Agent;
        info.label = !a.agent.empty() ? a.agent : afterOperationWord(name);
    } else if (isLlmOperation(a.operation)) {
        info.role = SpanRole::Llm;
        // The model that answered is the one billed; the requested one is an alias at best.
        info.label = !a.responseModel.empty() ? a.responseModel : a.requestModel;
        info.provider = !a.provider.empty() ? a.provider : a.legacySystem;
    } else {
        info.role = SpanRole::Other;
        info.label.clear();
    }
}

QString spanLabel(const OtlpSpanInfo &span)
{
    return span.spanId.empty() ? u"span"_s : u"span %1"_s.arg(QString::fromStdString(span.spanId));
}

} // namespace

QString indexOtlpRequest(std::string_view json, std::vector<OtlpSpanInfo> &spans)
{
    thread_local simdjson::dom::parser parser;
    size_t used = 0; // spans are reused, not cleared: their strings keep their capacity
    const auto finish = [&](QString problem) {
        spans.resize(used);
        return problem;
    };
    element root;
    if (const auto code = parser.parse(json.data(), json.size(), true).get(root)) {
        const QString reason = explainInvalidJson(json);
        return finish(reason.isEmpty() ? u"invalid JSON: %1"_s.arg(QString::fromUtf8(simdjson::error_message(code))) : reason);
    }
    object request;
    if (root.get_object().get(request))
        return finish(u"an OTLP trace request must be a JSON object"_s);
    element resourceSpansValue;
    if (request.at_key("resourceSpans").get(resourceSpansValue))
        return finish({}); // an empty request is valid
    array resourceSpans;
    if (resourceSpansValue.get_array().get(resourceSpans))
        return finish(u"\"resourceSpans\" must be an array"_s);

    for (const element rsValue : resourceSpans) {
        object rs;
        if (rsValue.get_object().get(rs))
            continue;
        std::string_view service;
        std::string_view version;
        array attributes;
        if (!rs.at_pointer("/resource/attributes").get_array().get(attributes)) {
            for (const element attribute : attributes) {
                std::string_view key;
                element value;
                if (attribute.at_key("key").get_string().get(key) || attribute.at_key("value").get(value))
                    continue;
                if (key == "service.name")
                    service = anyString(value);
                else if (key == "service.version")
                    version = anyString(value);
            }
        }
        array scopes;
        // instrumentationLibrarySpans: the name before OTLP 0.15, still written by old exporters.
        if (rs.at_key("scopeSpans").get_array().get(scopes)
            && rs.at_key("instrumentationLibrarySpans").get_array().get(scopes))
            continue;
        for (const element scope : scopes) {
            array list;
            if (scope.at_key("spans").get_array().get(list))
                continue;
            for (const element spanValue : list) {
                object span;
                if (spanValue.get_object().get(span))
                    continue;
                if (used == spans.size())
                    spans.emplace_back();
                readSpan(span, service, version, spans[used++]);
            }
        }
    }
    return finish({});
}

bool otlpToolRecord(const OtlpSpanInfo &span, qint64 line, Record &record, QString &why)
{
    if (span.label.empty()) {
        why = u"%1: execute_tool span without \"gen_ai.tool.name\""_s.arg(spanLabel(span));
        return false;
    }
    if (!span.hasStart || !span.hasEnd) {
        why = u"%1: missing or invalid \"%2\""_s.arg(spanLabel(span),
                                                   span.hasStart ? u"endTimeUnixNano"_s : u"startTimeUnixNano"_s);
        return false;
    }
    if (span.endNs < span.startNs) {
        why = u"%1: \"endTimeUnixNano\" is before \"startTimeUnixNano\""_s.arg(spanLabel(span));
        return false;
    }
    if (span.service.empty() && span.parentSpanId.empty()) {
        why = u"%1: no workflow: no enclosing invoke_workflow or invoke_agent span and no service.name"_s.arg(
            spanLabel(span));
        return false;
    }
    record = Record();
    record.line = line;
    record.tool = span.label;
    record.workflow = span.service;
    record.version = span.version.empty() ? std::string(RecordFields::DefaultVersion) : span.version;
    record.execution = span.traceId;
    record.tsMs = span.startMs();
    record.setValue(Metric::Latency, double(span.endNs - span.startNs) / 1e6);
    record.ok = !span.failed;
    if (span.failed)
        record.error = span.error;
    if (span.inputTokens >= 0)
        record.custom.emplace_back("input_tokens", span.inputTokens);
    if (span.outputTokens >= 0)
        record.custom.emplace_back("output_tokens", span.outputTokens);
    return true;
}

OtlpConversion convertOtlpTraceRequest(std::string_view json, qint64 line, RecordSink &sink)
{
    OtlpTraceStream stream(OtlpTraceStream::Limits::singleRequest());
    OtlpConversion c = stream.add(json, line, sink);
    const OtlpConversion rest = stream.finish(sink);
    c.records += rest.records;
    c.llmCalls += rest.llmCalls;
    c.unpricedCalls += rest.unpricedCalls;
    return c;
}

} // namespace Apprentice
