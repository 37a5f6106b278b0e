#include "recordfields.h"

#include <QStringList>

#include <array>
#include <charconv>

using namespace Qt::StringLiterals;

namespace Apprentice::RecordFields {

namespace {

constexpr std::array<std::string_view, 14> Names = {
    "ts",           "workflow",  "version", "execution",       "tool",     "latency_ms", "status",
    "output_bytes", "memory_mb", "cpu_pct", "validation_pass", "cost_usd", "error",      "metrics"};

// Longest excerpt of a bad value quoted in a message; enough to recognise it, short enough for a log line.
constexpr size_t QuoteLimit = 48;

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

std::string_view name(RecordField f)
{
    return f == RecordField::Unknown ? std::string_view() : Names[size_t(f)];
}

int metricIndex(RecordField f)
{
    switch (f) {
    case RecordField::Latency:
        return int(Metric::Latency);
    case RecordField::OutputBytes:
        return int(Metric::OutputBytes);
    case RecordField::Memory:
        return int(Metric::Memory);
    case RecordField::Cpu:
        return int(Metric::Cpu);
    case RecordField::Validation:
        return int(Metric::Validation);
    case RecordField::Cost:
        return int(Metric::Cost);
    default:
        return -1;
    }
}

QString wrongValue(RecordField f, const QString &got)
{
    QString expected;
    switch (f) {
    case RecordField::Ts:
        expected = u"an RFC 3339 timestamp"_s;
        break;
    case RecordField::Workflow:
    case RecordField::Tool:
    case RecordField::Version:
        expected = u"a non-empty string"_s;
        break;
    case RecordField::Execution:
    case RecordField::Error:
        expected = u"a string"_s;
        break;
    case RecordField::Status:
        expected = u"\"ok\" or \"error\""_s;
        break;
    case RecordField::OutputBytes:
        expected = u"an integer >= 0"_s;
        break;
    case RecordField::Validation:
        expected = u"a number in [0, 1]"_s;
        break;
    case RecordField::Metrics:
        expected = u"an object of numbers"_s;
        break;
    default:
        expected = u"a number >= 0"_s;
        break;
    }
    return u"\"%1\" must be %2, got %3"_s.arg(fromUtf8(name(f)), expected, got);
}

QString wrongMetric(std::string_view metric, const QString &got)
{
    return u"\"metrics.%1\" must be a number, got %2"_s.arg(fromUtf8(metric), got);
}

QString unknownStatus(std::string_view text)
{
    return u"unknown status %1 (expected \"ok\" or \"error\")"_s.arg(quoted(text));
}

QString duplicatedKey(std::string_view key)
{
    return u"duplicated key %1"_s.arg(quoted(key));
}

QString missingRequired(quint32 seen)
{
    QStringList missing;
    for (RecordField f : {RecordField::Ts, RecordField::Workflow, RecordField::Tool, RecordField::Latency,
                          RecordField::Status}) {
        if (!(seen & bit(f)))
            missing << u"\"%1\""_s.arg(fromUtf8(name(f)));
    }
    return (missing.size() == 1 ? u"missing required field "_s : u"missing required fields "_s)
        + missing.join(u", "_s);
}

QString quoted(std::string_view text)
{
    bool cut = false;
    if (text.size() > QuoteLimit) {
        size_t end = QuoteLimit;
        // Never split a UTF-8 sequence: back up over continuation bytes.
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end;
        text = text.substr(0, end);
        cut = true;
    }
    QString out = u"\""_s;
    for (const QChar c : QString::fromUtf8(text.data(), qsizetype(text.size()))) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        if (c.unicode() < 0x20)
            out += u"\\u%1"_s.arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    out += cut ? u"…\""_s : u"\""_s;
    return out;
}

QString number(double v)
{
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, qsizetype(result.ptr - buf));
}

} // namespace Apprentice::RecordFields
