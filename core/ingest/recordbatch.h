#pragma once

#include <QString>

#include <memory>
#include <vector>

#include "record.h"
#include "stringarena.h"

namespace Apprentice {

/// A slice of input holding whole rows, and what a parser made of it. Reused from import to import of a pipeline.
/// Line numbers inside a batch count from 0 at the batch's first byte; the pipeline makes them absolute.
struct RecordBatch {
    struct Rejection {
        qint64 line = 0;
        QString reason;
    };

    // Written by the reading thread.
    std::unique_ptr<char[]> buffer;
    size_t capacity = 0;
    size_t begin = 0; ///< rows to parse are buffer[begin, end); padding readable after any row
    size_t end = 0;
    qint64 leadingLines = 0; ///< physical lines before `begin` that belong to this batch (a CSV header)
    QString tailReason; ///< a row too long to buffer, rejected right after [begin, end)
    qint64 tailLines = 0; ///< physical lines that row spanned
    qint64 inputPosition = 0; ///< file bytes consumed once this batch was read
    bool last = false;
    bool endsUnterminated = false; ///< the last batch ends in a row without its '\n'
    QString error; ///< the input failed after this batch

    // Written by a parsing thread.
    std::vector<RecordView> records; ///< `line` relative to the batch until delivery
    std::vector<CustomMetricView> custom;
    std::vector<Rejection> rejections;
    StringArena arena;
    qint64 lineCount = 0; ///< physical lines in [begin, end)
    bool parsed = false;
    // Written by the stage that runs ahead of the sink (when there is one): record lines are absolute.
    bool staged = false;

    /// Lines this batch covers, from its first byte to its last.
    qint64 totalLines() const { return leadingLines + lineCount + tailLines; }

    void reset()
    {
        begin = end = 0;
        leadingLines = tailLines = lineCount = inputPosition = 0;
        endsUnterminated = false;
        tailReason.clear();
        error.clear();
        last = parsed = staged = false;
        records.clear();
        custom.clear();
        rejections.clear();
        arena.clear();
    }
};

} // namespace Apprentice
