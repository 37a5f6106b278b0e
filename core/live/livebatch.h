#pragma once

#include "record.h"

#include <QString>

#include <vector>

namespace Apprentice {

/// An input a live source refused: where (request number, line or event number) and why.
struct LiveRejection {
    qint64 line = 0;
    QString reason;
};

/// What one live connection delivered in one go, in arrival order.
struct LiveBatch {
    int connection = 0;          ///< the ConnectionManager id of the source
    std::vector<Record> records; ///< `line`: OTLP request number, NDJSON/file line, or SSE event number
    std::vector<LiveRejection> rejections; ///< the first few refusals, itemised
    qint64 rejected = 0;         ///< every refusal, itemised or not
    /// A file tail's place after this batch: lines of the followed file handed over (−1: not a file tail) and
    /// which file that is (1: the one found at the start; each rotation or truncation counts one on).
    qint64 fileLines = -1;
    int fileGeneration = 0;

    bool isEmpty() const { return records.empty() && rejected == 0; }
};

} // namespace Apprentice
