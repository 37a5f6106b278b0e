#pragma once

#include <string_view>
#include <vector>

#include "record.h"
#include "timestamp.h"

namespace Apprentice {

/// Fast path for the flat record lines exporters write (FORMATS.md §1): one object of plain strings and numbers,
/// an optional `metrics` object of numbers. It accepts a line only when it is certain the DOM parser would accept
/// it with the very same record; for anything else (escapes, non-trivial numbers, nesting, duplicates, any error)
/// it declines and the caller parses the line with the DOM parser, which also words every rejection.
class FlatRecordScanner
{
public:
    /// Bytes that must be readable after the end of every line handed to scan().
    static constexpr size_t Padding = 16;

    /// Fills `out` (except `line` and `custom`) with strings pointing into `line` and appends custom metrics to
    /// `custom`; true when the line is a valid record. When false, `custom` is as it was and `out` is garbage.
    bool scan(std::string_view line, RecordView &out, std::vector<CustomMetricView> &custom);

private:
    Rfc3339Cache m_dates;
};

} // namespace Apprentice
