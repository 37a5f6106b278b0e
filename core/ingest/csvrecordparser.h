#pragma once

#include <QString>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "record.h"
#include "recordfields.h"
#include "timestamp.h"

namespace Apprentice {

class StringArena;

/// Turns CSV rows (RFC 4180, header row with the JSON Lines field names and `metrics.NAME` columns) into
/// RecordViews, with the same validation and messages as JSON Lines. Copies share the header, so give each
/// thread its own copy of a configured parser.
class CsvRecordParser
{
public:
    /// Reads the header row (without its terminator); returns why it cannot describe records, or an empty string.
    QString setHeader(std::string_view header);

    /// Parses one row (without its terminator). Strings point into `row` or `arena`; custom metric names live as
    /// long as this parser's header. Same contract as JsonRecordParser::parse.
    bool parse(std::string_view row, RecordView &out, StringArena &arena, std::vector<CustomMetricView> &custom,
               QString &reason);

    /// The '\n' ending the row that starts at `begin` (newlines inside quoted cells belong to the row), or nullptr
    /// when the row does not end before `end` (at the end of the input: the row runs to `end`).
    static const char *findRowEnd(const char *begin, const char *end);
    /// Just past the last '\n' in [begin, end) that ends a row, `begin` being a row start; nullptr if none.
    static const char *lastRowEnd(const char *begin, const char *end);

private:
    struct Cell {
        std::string_view text; ///< without the surrounding quotes
        bool escapedQuotes = false; ///< text holds "" pairs that stand for one quote
    };
    struct Column {
        RecordField field = RecordField::Unknown;
        std::string metric; ///< for `metrics.NAME` columns (field Metrics)
    };

    bool split(std::string_view row, QString &reason);

    std::shared_ptr<const std::vector<Column>> m_columns;
    std::vector<Cell> m_cells;
    Rfc3339Cache m_dates;
};

} // namespace Apprentice
