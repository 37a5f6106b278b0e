#include "csvrecordparser.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "jsonerror.h"
#include "stringarena.h"
#include "timestamp.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// A finite decimal number filling the whole (trimmed) cell; nan/inf spellings are refused as in JSON.
bool parseNumber(std::string_view text, double &v)
{
    text = trimmed(text);
    if (text.empty())
        return false;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), v);
    return result.ec == std::errc() && result.ptr == text.data() + text.size() && std::isfinite(v);
}

// What a message shows for a cell: numbers as written, anything else quoted.
QString describe(std::string_view text)
{
    double v = 0;
    if (parseNumber(text, v)) {
        const std::string_view t = trimmed(text);
        return QString::fromUtf8(t.data(), qsizetype(t.size()));
    }
    return RecordFields::quoted(text);
}

} // namespace

const char *CsvRecordParser::findRowEnd(const char *begin, const char *end)
{
    // Only a quote opening a cell (at the row start or after a comma) starts a quoted cell, as in split(); a stray
    // quote inside an unquoted cell is text, so it spoils its own row and never swallows the rows after it.
    const char *p = begin;
    for (;;) {
        const auto *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        const char *segmentEnd = nl ? nl : end;
        const char *q = p;
        bool quotedCell = false;
        while ((q = static_cast<const char *>(std::memchr(q, '"', size_t(segmentEnd - q))))) {
            if (q == begin || q[-1] == ',') {
                quotedCell = true;
                break;
            }
            ++q;
        }
        if (!quotedCell)
            return nl;
        // The closing quote may lie lines further on; "" inside is an escaped quote.
        const char *close = q + 1;
        for (;;) {
            close = static_cast<const char *>(std::memchr(close, '"', size_t(end - close)));
            // A quote as the very last byte might be the first half of "" cut by the chunk: undecided.
            if (!close || close + 1 >= end)
                return nullptr;
            if (close[1] != '"')
                break;
            close += 2;
        }
        p = close + 1;
    }
}

const char *CsvRecordParser::lastRowEnd(const char *begin, const char *end)
{
    const auto *quote = static_cast<const char *>(std::memchr(begin, '"', size_t(end - begin)));
    if (!quote) {
        const auto *nl = static_cast<const char *>(memrchr(begin, '\n', size_t(end - begin)));
        return nl ? nl + 1 : nullptr;
    }
    // Rows before the first quote need no attention; from the row holding it on, walk row by row.
    const auto *nl = static_cast<const char *>(memrchr(begin, '\n', size_t(quote - begin)));
    const char *last = nl ? nl + 1 : nullptr;
    const char *p = last ? last : begin;
    while (const char *rowEnd = findRowEnd(p, end)) {
        last = rowEnd + 1;
        p = last;
    }
    return last;
}

bool CsvRecordParser::split(std::string_view row, QString &reason)
{
    m_cells.clear();
    const char *p = row.data();
    const char *end = p + row.size();
    for (;;) {
        Cell cell;
        if (p < end && *p == '"') {
            const char *q = p + 1;
            for (;;) {
                q = static_cast<const char *>(std::memchr(q, '"', size_t(end - q)));
                if (!q) {
                    reason = u"malformed CSV: unclosed quote in cell %1"_s.arg(m_cells.size() + 1);
                    return false;
                }
                if (q + 1 < end && q[1] == '"') {
                    cell.escapedQuotes = true;
                    q += 2;
                    continue;
                }
                break;
            }
            cell.text = std::string_view(p + 1, size_t(q - p - 1));
            p = q + 1;
            if (p < end && *p != ',') {
                reason = u"malformed CSV: text after the closing quote of cell %1"_s.arg(m_cells.size() + 1);
                return false;
            }
        } else {
            const auto *comma = static_cast<const char *>(std::memchr(p, ',', size_t(end - p)));
            const char *cellEnd = comma ? comma : end;
            cell.text = std::string_view(p, size_t(cellEnd - p));
            if (std::memchr(cell.text.data(), '"', cell.text.size())) {
                reason = u"malformed CSV: quote inside unquoted cell %1"_s.arg(m_cells.size() + 1);
                return false;
            }
            p = cellEnd;
        }
        m_cells.push_back(cell);
        if (p >= end)
            return true;
        ++p; // the comma; a trailing one opens a last, empty cell
    }
}

QString CsvRecordParser::setHeader(std::string_view header)
{
    if (!header.empty() && header.back() == '\r')
        header.remove_suffix(1);
    if (const qsizetype bad = findInvalidUtf8(header); bad >= 0)
        return u"invalid UTF-8 in the CSV header at byte %1"_s.arg(bad + 1);
    QString reason;
    if (!split(header, reason))
        return u"CSV header: %1"_s.arg(reason);
    auto columns = std::make_shared<std::vector<Column>>();
    quint32 seen = 0;
    std::vector<std::string_view> metricNames;
    for (const Cell &cell : m_cells) {
        const std::string_view name = trimmed(cell.text);
        Column column;
        if (name.substr(0, 8) == "metrics." && name.size() > 8) {
            column.field = RecordField::Metrics;
            column.metric = std::string(name.substr(8));
            for (std::string_view earlier : metricNames) {
                if (earlier == name)
                    return u"CSV header: duplicated column %1"_s.arg(RecordFields::quoted(name));
            }
            metricNames.push_back(name);
        } else {
            column.field = RecordFields::fromName(name);
            if (column.field == RecordField::Metrics)
                return u"CSV header: a \"metrics\" column must be spelled \"metrics.NAME\""_s;
            if (column.field != RecordField::Unknown) {
                if (seen & RecordFields::bit(column.field))
                    return u"CSV header: duplicated column %1"_s.arg(RecordFields::quoted(name));
                seen |= RecordFields::bit(column.field);
            }
        }
        columns->push_back(std::move(column));
    }
    if ((seen & RecordFields::RequiredMask) != RecordFields::RequiredMask)
        return u"CSV header: %1"_s.arg(RecordFields::missingRequired(seen).replace(u"field"_s, u"column"_s));
    m_columns = std::move(columns);
    return {};
}

bool CsvRecordParser::parse(std::string_view row, RecordView &out, StringArena &arena,
                            std::vector<CustomMetricView> &custom, QString &reason)
{
    if (!row.empty() && row.back() == '\r')
        row.remove_suffix(1);
    if (const qsizetype bad = findInvalidUtf8(row); bad >= 0) {
        reason = u"invalid UTF-8 at byte %1"_s.arg(bad + 1);
        return false;
    }
    if (!split(row, reason))
        return false;
    const std::vector<Column> &columns = *m_columns;
    if (m_cells.size() != columns.size()) {
        reason = u"malformed CSV: %1 cells, but the header has %2 columns"_s.arg(m_cells.size()).arg(columns.size());
        return false;
    }

    const size_t customStart = custom.size();
    const auto rejectWith = [&](QString why) {
        custom.resize(customStart);
        reason = std::move(why);
        return false;
    };

    RecordFields::clear(out);

    quint32 seen = 0;
    for (size_t i = 0; i < columns.size(); ++i) {
        const RecordField f = columns[i].field;
        if (f == RecordField::Unknown)
            continue;
        const Cell &cell = m_cells[i];
        if (cell.text.empty())
            continue; // an empty cell is an absent value
        std::string_view text = cell.text;
        if (cell.escapedQuotes) {
            char *dst = arena.allocate(text.size());
            size_t n = 0;
            for (size_t k = 0; k < text.size(); ++k) {
                dst[n++] = text[k];
                if (text[k] == '"')
                    ++k; // skip the second quote of the pair
            }
            text = std::string_view(dst, n);
        }
        seen |= RecordFields::bit(f);
        switch (f) {
        case RecordField::Ts:
            if (!parseRfc3339(trimmed(text), out.tsMs, &m_dates))
                return rejectWith(RecordFields::wrongValue(f, RecordFields::quoted(text)));
            break;
        case RecordField::Workflow:
        case RecordField::Tool:
        case RecordField::Version:
        case RecordField::Execution:
        case RecordField::Error:
            *RecordFields::textMember(out, f) = text;
            break;
        case RecordField::Status:
            if (!RecordFields::parseStatus(trimmed(text), out.ok))
                return rejectWith(RecordFields::unknownStatus(text));
            break;
        case RecordField::Metrics: {
            double v = 0;
            if (!parseNumber(text, v))
                return rejectWith(RecordFields::wrongMetric(columns[i].metric, describe(text)));
            custom.push_back({columns[i].metric, v});
            break;
        }
        default: {
            double v = 0;
            if (!parseNumber(text, v) || !RecordFields::inRange(f, v))
                return rejectWith(RecordFields::wrongValue(f, describe(text)));
            out.values[size_t(RecordFields::metricIndex(f))] = v;
            break;
        }
        }
    }
    if ((seen & RecordFields::RequiredMask) != RecordFields::RequiredMask)
        return rejectWith(RecordFields::missingRequired(seen));
    out.customCount = int(custom.size() - customStart);
    return true;
}

} // namespace Apprentice
