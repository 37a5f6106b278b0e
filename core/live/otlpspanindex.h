#pragma once

#include <QString>

#include <string>
#include <string_view>
#include <vector>

namespace Apprentice {

/// What a span means for workflow attribution (PROTOCOLS.md §5, GenAI semantic conventions).
enum class SpanRole : quint8 { Other, Tool, Agent, Workflow, Llm };

/// One span of an OTLP request, reduced to what links tool calls to their workflow across requests.
struct OtlpSpanInfo {
    std::string traceId;
    std::string spanId;
    std::string parentSpanId;
    std::string label;   ///< Tool: the tool name; Agent/Workflow: the workflow name it gives (as convertOtlpTraceRequest names them)
    std::string service; ///< the resource's service.name
    qint64 startMs = 0;
    double inputTokens = -1;  ///< gen_ai.usage.input_tokens of an LLM span; -1 when absent
    double outputTokens = -1; ///< gen_ai.usage.output_tokens of an LLM span; -1 when absent
    SpanRole role = SpanRole::Other;
};

/// Reads the span tree of one ExportTraceServiceRequest into `spans`, in request order. Returns why the request as a
/// whole is unusable (not JSON, not an object, resourceSpans not an array), or an empty string.
QString indexOtlpRequest(std::string_view json, std::vector<OtlpSpanInfo> &spans);

} // namespace Apprentice
