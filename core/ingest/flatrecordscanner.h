#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "record.h"
#include "recordfields.h"
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
    static constexpr size_t Start = size_t(RecordField::Unknown) + 1;

    bool timestamp(std::string_view text, qint64 &ms);

    Rfc3339Cache m_dates;
    /// The date, hour and minute of the last `YYYY-MM-DDTHH:MM:SS.mmmZ` timestamp, and that minute's start: a
    /// thousand records a minute share it, and then only seconds and milliseconds are left to read.
    char m_minute[16] = {};
    qint64 m_minuteMs = 0;
    bool m_minuteValid = false;
    /// The key that followed each field in the last line (at Start: its first key). Exporters keep one order,
    /// so the next key is nearly always known and checked with one compare instead of being scanned and looked up.
    std::array<RecordField, Start + 1> m_next{};
};

} // namespace Apprentice
