'use strict';
// Sends workflow executions as GenAI semantic-convention spans with the real OpenTelemetry SDK
// (BatchSpanProcessor + OTLP/HTTP JSON exporter, as an instrumented agent would), then prints what it sent,
// one JSON object per execute_tool span, so the test can check every one arrived as a record.
//
// Environment: OTLP_URL (http://127.0.0.1:PORT/v1/traces), EXECUTIONS (default 40), FAILING (executions that
// end with a failed tool call, from the first; default 3), OTLP_TOKEN (bearer token), OTLP_COMPRESSION (gzip|none).

const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { SpanKind, SpanStatusCode, ROOT_CONTEXT, trace } = require('@opentelemetry/api');

const url = process.env.OTLP_URL;
if (!url) {
  console.error('set OTLP_URL');
  process.exit(2);
}
const executions = Number(process.env.EXECUTIONS || 40);
const failing = Number(process.env.FAILING || 3);
const headers = process.env.OTLP_TOKEN ? { Authorization: `Bearer ${process.env.OTLP_TOKEN}` } : {};
const compression = process.env.OTLP_COMPRESSION === 'gzip' ? 'gzip' : 'none';

const exporter = new OTLPTraceExporter({ url, headers, compression, timeoutMillis: 10000 });
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'otel-sdk-service', 'service.version': '1.2.3' }),
  spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 16, scheduledDelayMillis: 20, maxQueueSize: 10000 })],
});
const tracer = provider.getTracer('apprentice-e2e', '0.1.0');

// Exact times as [seconds, nanoseconds], so latencies arrive without rounding.
const baseSeconds = 1790812800; // 2026-10-01T00:00:00Z
function at(ms) {
  const whole = Math.floor(ms);
  return [baseSeconds + Math.floor(whole / 1000), (whole % 1000) * 1e6 + Math.round((ms - whole) * 1e6)];
}

const tools = [
  { name: 'fetch_data', base: 220, spread: [0, 6, -4, 3, -7, 5, -2] },
  { name: 'process', base: 88, spread: [0, 2, -1, 3, -2, 1, -3] },
  { name: 'validate', base: 12.5, spread: [0, 0.5, -0.5, 1, -1, 0.25, -0.25] },
  { name: 'send_results', base: 154, spread: [0, 4, -3, 2, -5, 1, -1] },
];

const sent = [];
let clock = 0;

function sendExecution(e) {
  const start = clock;
  const agent = tracer.startSpan('invoke_agent order_agent', {
    kind: SpanKind.INTERNAL,
    startTime: at(start),
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'order_agent', 'gen_ai.provider.name': 'ollama' },
  }, ROOT_CONTEXT);
  const inAgent = trace.setSpan(ROOT_CONTEXT, agent);
  let t = start + 1;
  for (const [i, tool] of tools.entries()) {
    const latency = tool.base + tool.spread[(e + i) % tool.spread.length];
    const span = tracer.startSpan(`execute_tool ${tool.name}`, {
      kind: SpanKind.INTERNAL,
      startTime: at(t),
      attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': tool.name, 'gen_ai.tool.type': 'function',
                    'gen_ai.tool.call.id': `call_${e}_${i}` },
    }, inAgent);
    if (tool.name === 'process') {
      // An LLM call inside the tool: its token usage belongs to the tool's cost.
      const chat = tracer.startSpan('chat llama3.2', {
        kind: SpanKind.CLIENT,
        startTime: at(t + 1),
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'ollama', 'gen_ai.request.model': 'llama3.2',
                      'gen_ai.usage.input_tokens': 120 + (e % 5), 'gen_ai.usage.output_tokens': 30 },
      }, trace.setSpan(inAgent, span));
      chat.end(at(t + latency - 1));
    }
    const fails = e < failing && tool.name === 'send_results';
    if (fails) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'HTTP 502 from the mail gateway' });
      span.setAttribute('error.type', '502');
    } else {
      span.setStatus({ code: SpanStatusCode.OK });
    }
    span.end(at(t + latency));
    sent.push({ trace: span.spanContext().traceId, tool: tool.name, latency_ms: latency, status: fails ? 'error' : 'ok',
                error: fails ? 'HTTP 502 from the mail gateway' : '', input_tokens: tool.name === 'process' ? 120 + (e % 5) : null });
    t += latency + 1;
  }
  agent.end(at(t));
  clock = t + 1000;
}

// A live workflow: executions one after another, the processor exporting in the background on its timer, so its
// batches reuse one kept-alive connection and often split an execution (tool spans first, the agent span later).
async function main() {
  for (let e = 0; e < executions; e++) {
    sendExecution(e);
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  await provider.forceFlush();
  await provider.shutdown();
  for (const s of sent)
    process.stdout.write(JSON.stringify(s) + '\n');
}

main().catch((err) => {
  console.error(`export failed: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
