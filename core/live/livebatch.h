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

    bool isEmpty() const { return records.empty() && rejected == 0; }
};

} // namespace Apprentice
