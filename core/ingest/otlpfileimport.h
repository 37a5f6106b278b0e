#pragma once

#include "importer.h"

namespace Apprentice {

class InputStream;

/// Imports an OTLP/JSON trace file: one ExportTraceServiceRequest per line, as the OpenTelemetry Collector's file
/// exporter writes them, or pretty-printed requests spanning lines. Each request's records and rejections carry
/// the line the request starts on. Runs on the calling thread: trace files are small next to log exports.
/// The first `skipLines` lines were handed over by an earlier import and are read past (spans there no longer
/// name the workflow of their children in later requests).
ImportResult importOtlpFile(InputStream &input, RecordSink &sink, ProgressSink *progress, qint64 chunkBytes,
                            qint64 maxRequestBytes, qint64 skipLines = 0);

} // namespace Apprentice
