#pragma once

#include <QtGlobal>

#include <string_view>

namespace Apprentice {

class RecordSink;

/// What one OTLP/JSON request turned into.
struct OtlpConversion {
    qint64 records = 0; ///< onRecord calls
    qint64 rejected = 0; ///< onRejected calls
};

/// Converts one OTLP/JSON ExportTraceServiceRequest (PROTOCOLS.md §5) into execution records (FORMATS.md §1),
/// for trace files and the live OTLP/HTTP receiver alike. Every span whose `gen_ai.operation.name` is
/// `execute_tool` becomes one record, in request order, carrying `line`:
/// - tool: `gen_ai.tool.name` (else the span name after "execute_tool "); ts: start; latency_ms: end - start;
/// - status: error when status.code is 2 (ERROR), with status.message (else `error.type`) as the error;
/// - workflow: the nearest enclosing `invoke_workflow` span in the request, else the nearest `invoke_agent` one
///   (`gen_ai.workflow.name` / `gen_ai.agent.name`, else its span name after the operation word), else the
///   resource's `service.name`; version: the resource's `service.version`; execution: the trace id;
/// - custom metrics `input_tokens` / `output_tokens`: the span's own `gen_ai.usage.*` plus that of the LLM spans
///   (`chat` and the like) under it in the request.
/// A span that cannot become a record, or a request that is not valid JSON, goes to onRejected with `line`.
/// The input needs no padding and is not kept; the views handed to the sink live during the callback only.
OtlpConversion convertOtlpTraceRequest(std::string_view json, qint64 line, RecordSink &sink);

} // namespace Apprentice
