#include "jsonrecordparser.h"

#include <simdjson.h>

#include "flatrecordscanner.h"
#include "jsonerror.h"
#include "recordfields.h"
#include "stringarena.h"
#include "timestamp.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

static_assert(JsonRecordParser::Padding >= simdjson::SIMDJSON_PADDING);
static_assert(JsonRecordParser::Padding >= FlatRecordScanner::Padding);

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// The DOM front end is used rather than On-Demand: Debian's simdjson only builds On-Demand for the baseline
// (scalar) kernel, while the DOM parser dispatches to AVX2/AVX-512 at run time; on ~200-byte lines both run at
// the same speed, and the DOM one validates the whole line (skipped values, UTF-8) for free.

QString describe(const element &e)
{
    switch (e.type()) {
    case element_type::STRING:
        return RecordFields::quoted(std::string_view(e.get_string().value_unsafe()));
    case element_type::INT64:
        return QString::number(e.get_int64().value_unsafe());
    case element_type::UINT64:
        return QString::number(e.get_uint64().value_unsafe());
    case element_type::DOUBLE:
        return RecordFields::number(e.get_double().value_unsafe());
    case element_type::BOOL:
        return e.get_bool().value_unsafe() ? u"true"_s : u"false"_s;
    case element_type::NULL_VALUE:
        return u"null"_s;
    case element_type::OBJECT:
        return u"an object"_s;
    case element_type::ARRAY:
        return u"an array"_s;
    }
    return {};
}

inline bool isNumber(element_type t)
{
    return t == element_type::DOUBLE || t == element_type::INT64 || t == element_type::UINT64;
}

inline double toDouble(const element &e)
{
    switch (e.type()) {
    case element_type::INT64:
        return double(e.get_int64().value_unsafe());
    case element_type::UINT64:
        return double(e.get_uint64().value_unsafe());
    default:
        return e.get_double().value_unsafe();
    }
}

QString invalidJson(std::string_view line, simdjson::error_code code)
{
    if (code == simdjson::EMPTY)
        return u"invalid JSON: empty line"_s;
    QString reason = explainInvalidJson(line);
    if (reason.isEmpty()) // the scanner found nothing the fast parser did: report the parser's own words
        reason = u"invalid JSON: %1"_s.arg(QString::fromUtf8(simdjson::error_message(code)));
    return reason;
}

} // namespace

struct JsonRecordParser::Private {
    bool fast = true;
    FlatRecordScanner scanner;
    simdjson::dom::parser parser;
    std::vector<std::string_view> metricNames;
    Rfc3339Cache dates;
};

JsonRecordParser::JsonRecordParser(Mode mode)
    : d(std::make_unique<Private>())
{
    d->fast = mode == Mode::Fast;
}

JsonRecordParser::~JsonRecordParser() = default;

bool JsonRecordParser::parse(std::string_view line, RecordView &out, StringArena &arena,
                             std::vector<CustomMetricView> &custom, QString &reason)
{
    // Nearly every exported line is flat and clean: the scanner takes those at half the DOM parser's cost
    // and leaves everything else, rejections included, to it.
    if (d->fast && d->scanner.scan(line, out, custom))
        return true;
    element root;
    if (const auto code = d->parser.parse(line.data(), line.size(), false).get(root)) {
        reason = invalidJson(line, code);
        return false;
    }
    simdjson::dom::object object;
    if (root.get_object().get(object)) {
        reason = u"expected a JSON object, got %1"_s.arg(describe(root));
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
    // The iterator's key()/value() read the tape directly; copying key_value_pairs instead stalled on
    // store forwarding and cost as much as simdjson's own parse.
    for (auto it = object.begin(), end = object.end(); it != end; ++it) {
        const std::string_view key = it.key();
        const RecordField f = RecordFields::fromName(key);
        if (f == RecordField::Unknown)
            continue; // unknown fields are ignored, duplicated or not
        if (seen & RecordFields::bit(f))
            return rejectWith(RecordFields::duplicatedKey(key));
        seen |= RecordFields::bit(f);

        const element value = it.value();
        const element_type type = value.type();
        // An optional field set to null is absent, as an empty CSV cell is.
        if (type == element_type::NULL_VALUE && !(RecordFields::RequiredMask & RecordFields::bit(f)))
            continue;
        switch (f) {
        case RecordField::Ts: {
            if (type != element_type::STRING || !parseRfc3339(value.get_string().value_unsafe(), out.tsMs, &d->dates))
                return rejectWith(RecordFields::wrongValue(f, describe(value)));
            break;
        }
        case RecordField::Workflow:
        case RecordField::Tool:
        case RecordField::Version:
        case RecordField::Execution:
        case RecordField::Error: {
            if (type != element_type::STRING)
                return rejectWith(RecordFields::wrongValue(f, describe(value)));
            const std::string_view text = value.get_string().value_unsafe();
            if (text.empty() && RecordFields::needsText(f))
                return rejectWith(RecordFields::wrongValue(f, describe(value)));
            *RecordFields::textMember(out, f) = arena.store(text);
            break;
        }
        case RecordField::Status: {
            if (type != element_type::STRING)
                return rejectWith(RecordFields::wrongValue(f, describe(value)));
            const std::string_view text = value.get_string().value_unsafe();
            if (!RecordFields::parseStatus(text, out.ok))
                return rejectWith(RecordFields::unknownStatus(text));
            break;
        }
        case RecordField::Metrics: {
            simdjson::dom::object metrics;
            if (value.get_object().get(metrics))
                return rejectWith(RecordFields::wrongValue(f, describe(value)));
            d->metricNames.clear();
            for (auto m = metrics.begin(), mEnd = metrics.end(); m != mEnd; ++m) {
                const std::string_view name = m.key();
                for (const std::string_view &earlier : d->metricNames) {
                    if (earlier == name)
                        return rejectWith(RecordFields::duplicatedKey("metrics." + std::string(name)));
                }
                d->metricNames.push_back(name);
                const element metric = m.value();
                const element_type metricType = metric.type();
                if (metricType == element_type::NULL_VALUE)
                    continue;
                if (!isNumber(metricType))
                    return rejectWith(RecordFields::wrongMetric(name, describe(metric)));
                custom.push_back({arena.store(name), toDouble(metric)});
            }
            break;
        }
        default: {
            if (!isNumber(type))
                return rejectWith(RecordFields::wrongValue(f, describe(value)));
            const double v = toDouble(value);
            if (!RecordFields::inRange(f, v))
                return rejectWith(RecordFields::wrongValue(f, describe(value)));
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
