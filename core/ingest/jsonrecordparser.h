#pragma once

#include <QString>

#include <memory>
#include <string_view>
#include <vector>

#include "record.h"

namespace Apprentice {

class StringArena;

/// Turns one JSON Lines record (FORMATS.md §1) into a RecordView. Keeps a reusable simdjson parser, so use one
/// instance per thread and reuse it for every line.
class JsonRecordParser
{
public:
    /// Bytes that must be readable after the end of every line handed to parse().
    static constexpr size_t Padding = 64;

    /// Fast: the flat-line scanner first, the DOM parser for whatever it declines. DomOnly: the DOM parser alone,
    /// the reference the scanner is tested against.
    enum class Mode { Fast, DomOnly };

    explicit JsonRecordParser(Mode mode = Mode::Fast);
    ~JsonRecordParser();
    JsonRecordParser(const JsonRecordParser &) = delete;
    JsonRecordParser &operator=(const JsonRecordParser &) = delete;

    /// Parses `line` (no terminator; `Padding` readable bytes must follow it). On success fills `out` (its `line`
    /// left untouched) with strings that point into `line` or were copied into `arena`, so both must outlive the
    /// record, and custom metrics appended to `custom`; `out.custom` is left null for the caller to point at
    /// `custom`. On failure sets `reason` and leaves `custom` as it was.
    bool parse(std::string_view line, RecordView &out, StringArena &arena, std::vector<CustomMetricView> &custom,
               QString &reason);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Apprentice
