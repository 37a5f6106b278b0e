#pragma once

#include "importer.h"

namespace Apprentice {

/// Tuning of importFile(); the defaults suit production, tests shrink them to reach chunk edges.
struct ImportOptions {
    qint64 chunkBytes = 4 << 20; ///< bytes read at a time, and the size of a parsed batch
    qint64 maxLineBytes = 16 << 20; ///< longer JSON Lines / CSV rows are rejected (FORMATS.md §1)
    qint64 maxRequestBytes = 64 << 20; ///< longer OTLP requests are rejected (the OTLP/HTTP body limit)
    int parseThreads = 0; ///< threads parsing batches; 0 picks by core count
    /// When set, sees every record (not the rejections) in file order, with its absolute line, on a
    /// thread of its own and before the sink does: work that only reads records (trend aggregates,
    /// say) runs beside the sink's instead of after it. Everything it learned about a record is
    /// complete by the time the sink gets that record.
    RecordSink *ahead = nullptr;
    /// Physical lines at the start of the file that an earlier import already handed over: they are read past
    /// (a CSV header is still read) and the first line given to the sink is skipLines + 1.
    qint64 skipLines = 0;
};

/// importFile() with explicit tuning.
ImportResult importFile(const QString &path, RecordSink &sink, ProgressSink *progress, InputFormat format,
                        const ImportOptions &options);

/// The format `path` holds, judged by its first decompressed bytes `head` and its name. See InputFormat::Auto.
InputFormat detectInputFormat(const QString &path, std::string_view head);

} // namespace Apprentice
