#pragma once

#include <QString>

#include <iterator>
#include <string_view>

#include "record.h"

namespace Apprentice {

/// The fields of an execution record, as JSON keys and CSV columns (FORMATS.md §1).
enum class RecordField : quint8 {
    Ts,
    Workflow,
    Version,
    Execution,
    Tool,
    Latency,
    Status,
    OutputBytes,
    Memory,
    Cpu,
    Validation,
    Cost,
    Error,
    Metrics,
    Unknown
};

/// Rules and messages shared by every input format, so a bad value reads the same in JSON, CSV and OTLP.
namespace RecordFields {

constexpr quint32 bit(RecordField f) { return 1u << unsigned(f); }
constexpr quint32 RequiredMask = bit(RecordField::Ts) | bit(RecordField::Workflow) | bit(RecordField::Tool)
    | bit(RecordField::Latency) | bit(RecordField::Status);
constexpr std::string_view DefaultVersion = "1.0.0";

/// The field a JSON key or CSV column names; Unknown for anything else. Inline: it runs for every key of every record.
inline RecordField fromName(std::string_view n)
{
    // Dispatch on length first: this runs once per key of every record.
    switch (n.size()) {
    case 2:
        return n == "ts" ? RecordField::Ts : RecordField::Unknown;
    case 4:
        return n == "tool" ? RecordField::Tool : RecordField::Unknown;
    case 5:
        return n == "error" ? RecordField::Error : RecordField::Unknown;
    case 6:
        return n == "status" ? RecordField::Status : RecordField::Unknown;
    case 7:
        if (n == "version")
            return RecordField::Version;
        if (n == "metrics")
            return RecordField::Metrics;
        return n == "cpu_pct" ? RecordField::Cpu : RecordField::Unknown;
    case 8:
        if (n == "workflow")
            return RecordField::Workflow;
        return n == "cost_usd" ? RecordField::Cost : RecordField::Unknown;
    case 9:
        if (n == "execution")
            return RecordField::Execution;
        return n == "memory_mb" ? RecordField::Memory : RecordField::Unknown;
    case 10:
        return n == "latency_ms" ? RecordField::Latency : RecordField::Unknown;
    case 12:
        return n == "output_bytes" ? RecordField::OutputBytes : RecordField::Unknown;
    case 15:
        return n == "validation_pass" ? RecordField::Validation : RecordField::Unknown;
    default:
        return RecordField::Unknown;
    }
}

std::string_view name(RecordField f);

/// The built-in metric a numeric field fills, or -1 when the field is not numeric.
int metricIndex(RecordField f);

/// Whether `v` is allowed for numeric field `f` (>= 0; integral for output_bytes; [0, 1] for validation_pass).
inline bool inRange(RecordField f, double v)
{
    if (!(v >= 0))
        return false;
    if (f == RecordField::Validation)
        return v <= 1;
    if (f == RecordField::OutputBytes)
        return std::trunc(v) == v;
    return true;
}

/// Parses "ok" / "error"; false for anything else.
inline bool parseStatus(std::string_view text, bool &ok)
{
    if (text == "ok") {
        ok = true;
        return true;
    }
    if (text == "error") {
        ok = false;
        return true;
    }
    return false;
}

/// Sets every field a parser fills to its value before any is read: absent, version "1.0.0", status ok.
inline void clear(RecordView &out)
{
    // One by one: a chained assignment reads back 16 bytes just written as two 8-byte stores, a store-forwarding
    // stall that cost 12 % of the flat-line scanner.
    out.workflow = {};
    out.execution = {};
    out.tool = {};
    out.error = {};
    out.version = DefaultVersion;
    out.values = {Absent, Absent, Absent, Absent, Absent, Absent};
    out.ok = true;
    out.tsMs = 0;
    out.custom = nullptr;
    out.customCount = 0;
}

/// The member a string field fills (workflow, tool, version, execution, error); nullptr for any other field.
inline std::string_view *textMember(RecordView &out, RecordField f)
{
    // A table rather than a switch: this runs for every string of every record.
    static constexpr std::string_view RecordView::*Members[] = {
        nullptr, &RecordView::workflow, &RecordView::version, &RecordView::execution, &RecordView::tool,
        nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, &RecordView::error, nullptr, nullptr};
    static_assert(std::size(Members) == size_t(RecordField::Unknown) + 1);
    const auto member = Members[size_t(f)];
    return member ? &(out.*member) : nullptr;
}

/// Whether string field `f` must not be empty (workflow, tool, version).
constexpr bool needsText(RecordField f)
{
    return f == RecordField::Workflow || f == RecordField::Tool || f == RecordField::Version;
}

/// `"latency_ms" must be a number >= 0, got -3`: what field `f` expects and what it got.
QString wrongValue(RecordField f, const QString &got);
/// `"metrics.NAME" must be a number, got "x"`.
QString wrongMetric(std::string_view metric, const QString &got);
/// `unknown status "fine"`.
QString unknownStatus(std::string_view text);
/// `duplicated key "latency_ms"`.
QString duplicatedKey(std::string_view key);
/// `missing required field "tool"` (or fields), from the mask of fields seen.
QString missingRequired(quint32 seen);

/// A string value for a message: quoted, control characters escaped, cut after a few dozen characters.
QString quoted(std::string_view text);
/// A number for a message, in its shortest round-trip form.
QString number(double v);

} // namespace RecordFields

} // namespace Apprentice
