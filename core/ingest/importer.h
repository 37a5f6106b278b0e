#pragma once

#include "recordsink.h"

#include <QString>

#include <string_view>

namespace Apprentice {

/// What an input file holds. Auto decides by extension and, failing that, by the first bytes.
enum class InputFormat { Auto, JsonLines, Csv, OtlpJson };

struct ImportResult {
    Outcome outcome = Outcome::Finished;
    qint64 records = 0;  ///< records handed to the sink
    qint64 rejected = 0; ///< lines handed to onRejected
    qint64 bytes = 0;    ///< input bytes consumed (compressed bytes for .gz)
    QString error;       ///< set when outcome is Failed (missing file, unreadable, corrupt gzip...)
};

/// Streams one log export (`.jsonl`, `.jsonl.gz`, `.csv`, OTLP `.json`) into `sink`, in file order.
/// Bad lines go to onRejected and the import goes on; only I/O failures end it with Failed.
ImportResult importFile(const QString &path, RecordSink &sink, ProgressSink *progress = nullptr,
                        InputFormat format = InputFormat::Auto);

/// Parses one JSON Lines record (FORMATS.md §1) for live sources (NDJSON streams, file tail).
/// Calls exactly one of sink.onRecord / sink.onRejected. Returns true when a record was produced.
bool parseJsonLine(std::string_view line, qint64 lineNo, RecordSink &sink);

} // namespace Apprentice
