#include "otlpspanindex.h"

#include "ingest/jsonerror.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>

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

std::string_view anyString(const element &value)
{
    std::string_view s;
    if (value.at_key("stringValue").get_string().get(s))
        return {};
    return s;
}

qint64 startMsOf(const object &span)
{
    element e;
    if (span.at_key("startTimeUnixNano").get(e))
        return 0;
    quint64 ns = 0;
    switch (e.type()) {
    case element_type::UINT64:
        ns = e.get_uint64().value_unsafe();
        break;
    case element_type::INT64:
        ns = quint64(std::max<qint64>(0, e.get_int64().value_unsafe()));
        break;
    case element_type::DOUBLE:
        ns = quint64(std::max(0.0, e.get_double().value_unsafe()));
        break;
    case element_type::STRING: {
        const std::string_view s = e.get_string().value_unsafe();
        std::from_chars(s.data(), s.data() + s.size(), ns);
        break;
    }
    default:
        break;
    }
    return qint64(ns / 1000000);
}

// AnyValue as a number: intValue (string or number) or doubleValue; -1 when neither.
double anyNumber(const element &value)
{
    element inner;
    if (value.at_key("intValue").get(inner) && value.at_key("doubleValue").get(inner))
        return -1;
    double out = -1;
    switch (inner.type()) {
    case element_type::INT64:
        out = double(inner.get_int64().value_unsafe());
        break;
    case element_type::UINT64:
        out = double(inner.get_uint64().value_unsafe());
        break;
    case element_type::DOUBLE:
        out = inner.get_double().value_unsafe();
        break;
    case element_type::STRING: {
        const std::string_view s = inner.get_string().value_unsafe();
        if (std::from_chars(s.data(), s.data() + s.size(), out).ec != std::errc())
            out = -1;
        break;
    }
    default:
        break;
    }
    return out >= 0 ? out : -1;
}

std::string_view afterOperationWord(std::string_view spanName)
{
    const size_t space = spanName.find(' ');
    return space == std::string_view::npos ? std::string_view() : spanName.substr(space + 1);
}

} // namespace

QString indexOtlpRequest(std::string_view json, std::vector<OtlpSpanInfo> &spans)
{
    spans.clear();
    thread_local simdjson::dom::parser parser;
    element root;
    if (const auto code = parser.parse(json.data(), json.size(), true).get(root)) {
        const QString reason = explainInvalidJson(json);
        return reason.isEmpty() ? u"invalid JSON: %1"_s.arg(QString::fromUtf8(simdjson::error_message(code))) : reason;
    }
    object request;
    if (root.get_object().get(request))
        return u"an OTLP trace request must be a JSON object"_s;
    element resourceSpansValue;
    if (request.at_key("resourceSpans").get(resourceSpansValue))
        return {};
    array resourceSpans;
    if (resourceSpansValue.get_array().get(resourceSpans))
        return u"\"resourceSpans\" must be an array"_s;

    for (const element rsValue : resourceSpans) {
        object rs;
        if (rsValue.get_object().get(rs))
            continue;
        std::string_view service;
        array resourceAttributes;
        if (!rs.at_pointer("/resource/attributes").get_array().get(resourceAttributes)) {
            for (const element attribute : resourceAttributes) {
                std::string_view key;
                element value;
                if (!attribute.at_key("key").get_string().get(key) && key == "service.name"
                    && !attribute.at_key("value").get(value))
                    service = anyString(value);
            }
        }
        array scopes;
        if (rs.at_key("scopeSpans").get_array().get(scopes) && rs.at_key("instrumentationLibrarySpans").get_array().get(scopes))
            continue;
        for (const element scope : scopes) {
            array list;
            if (scope.at_key("spans").get_array().get(list))
                continue;
            for (const element spanValue : list) {
                object span;
                if (spanValue.get_object().get(span))
                    continue;
                std::string_view operation, tool, agent, workflow;
                double inputTokens = -1;
                double outputTokens = -1;
                array attributes;
                if (!span.at_key("attributes").get_array().get(attributes)) {
                    for (const element attribute : attributes) {
                        std::string_view key;
                        element value;
                        if (attribute.at_key("key").get_string().get(key) || !key.starts_with("gen_ai.")
                            || attribute.at_key("value").get(value))
                            continue;
                        if (key == "gen_ai.operation.name")
                            operation = anyString(value);
                        else if (key == "gen_ai.tool.name")
                            tool = anyString(value);
                        else if (key == "gen_ai.agent.name")
                            agent = anyString(value);
                        else if (key == "gen_ai.workflow.name")
                            workflow = anyString(value);
                        else if (key == "gen_ai.usage.input_tokens")
                            inputTokens = anyNumber(value);
                        else if (key == "gen_ai.usage.output_tokens")
                            outputTokens = anyNumber(value);
                    }
                }
                OtlpSpanInfo &info = spans.emplace_back();
                info.traceId = stringField(span, "traceId");
                info.spanId = stringField(span, "spanId");
                info.parentSpanId = stringField(span, "parentSpanId");
                info.service = service;
                info.startMs = startMsOf(span);
                const std::string_view name = stringField(span, "name");
                if (operation == "execute_tool") {
                    info.role = SpanRole::Tool;
                    info.label = !tool.empty() ? tool : afterOperationWord(name);
                } else if (operation == "invoke_workflow") {
                    info.role = SpanRole::Workflow;
                    info.label = !workflow.empty() ? workflow : !agent.empty() ? agent : afterOperationWord(name);
                } else if (operation == "invoke_agent") {
                    info.role = SpanRole::Agent;
                    info.label = !agent.empty() ? agent : afterOperationWord(name);
                } else if (operation == "chat" || operation == "text_completion" || operation == "generate_content") {
                    info.role = SpanRole::Llm;
                    info.inputTokens = inputTokens;
                    info.outputTokens = outputTokens;
                }
            }
        }
    }
    return {};
}

} // namespace Apprentice
