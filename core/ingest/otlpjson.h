#pragma once

#include <QString>

#include <string>
#include <string_view>
#include <vector>

namespace Apprentice {

class RecordSink;
struct Record;

/// What a span means for execution records (PROTOCOLS.md §5, GenAI semantic conventions).
enum class SpanRole : quint8 { Other, Tool, Agent, Workflow, Llm };

/// One span of an OTLP/JSON request, reduced to what execution records need. Owns its text: it outlives the request.
struct OtlpSpanInfo {
    std::string traceId;
    std::string spanId;
    std::string parentSpanId;
    std::string label;    ///< Tool: the tool name; Agent/Workflow: the workflow name it gives; Llm: the model
    std::string provider; ///< Llm: gen_ai.provider.name (gen_ai.system before semantic conventions 1.37)
    std::string service;  ///< the resource's service.name
    std::string version;  ///< the resource's service.version
    std::string error;    ///< status.message, else error.type
    quint64 startNs = 0;
    quint64 endNs = 0;
    double inputTokens = -1;     ///< gen_ai.usage.input_tokens; -1 when absent
    double outputTokens = -1;    ///< gen_ai.usage.output_tokens; -1 when absent
    double cachedInputTokens = -1; ///< gen_ai.usage.cache_read.input_tokens (part of input_tokens); -1 when absent
    SpanRole role = SpanRole::Other;
    bool hasStart = false;
    bool hasEnd = false;
    bool failed = false; ///< status.code ERROR

    qint64 startMs() const { return qint64(startNs / 1000000); }
    qint64 endMs() const { return qint64(endNs / 1000000); }
    bool hasUsage() const { return inputTokens >= 0 || outputTokens >= 0; }
};

/// The one reader of OTLP/JSON ExportTraceServiceRequests, for trace files and the live receiver alike: fills
/// `spans` in request order. Returns why the request as a whole is unusable (not JSON, not an object,
/// resourceSpans not an array), or an empty string.
QString indexOtlpRequest(std::string_view json, std::vector<OtlpSpanInfo> &spans);

/// The record of one `execute_tool` span from its own attributes (FORMATS.md §1): tool, ts, latency, status,
/// version, execution (the trace id), the span's own token usage, and the service name as workflow (the caller
/// replaces it with the enclosing workflow or agent span's). Returns false with `why` when the span cannot be one.
bool otlpToolRecord(const OtlpSpanInfo &span, qint64 line, Record &record, QString &why);

/// What OTLP/JSON requests turned into.
struct OtlpConversion {
    qint64 records = 0; ///< onRecord calls
    qint64 rejected = 0; ///< onRejected calls
    qint64 llmCalls = 0; ///< LLM spans with token usage whose cost went to a record
    qint64 unpricedCalls = 0; ///< of them, with a model the price table does not know: they cost 0
};

/// Converts one request on its own (an OtlpTraceStream of one request): every `execute_tool` span becomes one
/// record carrying `line`, with its workflow and the token usage and cost of its LLM calls as far as this request
/// tells; a span that cannot become a record, or a request that is not valid JSON, goes to onRejected.
OtlpConversion convertOtlpTraceRequest(std::string_view json, qint64 line, RecordSink &sink);

} // namespace Apprentice
