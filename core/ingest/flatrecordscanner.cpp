#include "flatrecordscanner.h"

#include <simdjson.h>

#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "recordfields.h"

namespace Apprentice {

namespace {

// Exactly representable powers of ten: with a mantissa of at most 53 bits, one multiplication or division by one of
// them is correctly rounded (Clinger's fast path), so the result equals simdjson's, which rounds correctly too.
constexpr double Pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr int MaxFastExponent = 22;
constexpr std::uint64_t MaxFastMantissa = std::uint64_t(1) << 53;

inline bool isSpace(char c)
{
    constexpr std::uint64_t Spaces = (1ull << ' ') | (1ull << '\t') | (1ull << '\n') | (1ull << '\r');
    return static_cast<unsigned char>(c) <= ' ' && (Spaces >> static_cast<unsigned char>(c)) & 1;
}

inline bool isDigit(char c)
{
    return unsigned(c) - unsigned('0') <= 9;
}

// The scanner first checks that the line's last non-space byte is '}': that byte then stops every run of spaces,
// digits or letters before the end of the line, so those loops need no bounds checks. Only consuming a '}' can
// reach the end; the code checks for it there.
inline void skipSpace(const char *&p)
{
    while (isSpace(*p))
        ++p;
}

// Consumes `c`, after spaces if any; exporters write none, so the common case is one compare.
inline bool consume(const char *&p, char c)
{
    if (*p != c) {
        skipSpace(p);
        if (*p != c)
            return false;
    }
    ++p;
    return true;
}

// The closing quote of a string with non-ASCII text, from the first byte >= 0x80: still no escape or control
// character allowed, and the whole string must be valid UTF-8, as the DOM parser demands.
const char *utf8StringEnd(const char *begin, const char *from, const char *end)
{
    for (const char *q = from; q < end; ++q) {
        const auto c = static_cast<unsigned char>(*q);
        if (c == '"')
            return simdjson::validate_utf8(begin, size_t(q - begin)) ? q : nullptr;
        if (c == '\\' || c < 0x20)
            return nullptr;
    }
    return nullptr;
}

// The closing quote of the string whose text starts at `p`, when that text reads the same raw as unescaped (no
// backslash, no control character); nullptr otherwise or when the string does not end before `end`.
inline const char *stringEnd(const char *p, const char *end)
{
#ifdef __SSE2__
    // Sixteen bytes at a time; reads at most 15 bytes past `end`, inside the padding.
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    for (const char *q = p; q < end; q += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(q));
        const auto quotes = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)));
        // A signed compare with 0x20 catches control characters and every byte >= 0x80 at once.
        const auto others = unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, backslash), _mm_cmplt_epi8(v, space))));
        if (const unsigned mask = quotes | others) {
            const char *hit = q + __builtin_ctz(mask);
            if (hit >= end)
                return nullptr;
            if (quotes & mask & -mask) // the first special byte is the closing quote
                return hit;
            return static_cast<unsigned char>(*hit) >= 0x80 ? utf8StringEnd(p, hit, end) : nullptr;
        }
    }
    return nullptr;
#else
    for (const char *q = p; q < end; ++q) {
        const auto c = static_cast<unsigned char>(*q);
        if (c == '"')
            return q;
        if (c >= 0x80)
            return utf8StringEnd(p, q, end);
        if (c == '\\' || c < 0x20)
            return nullptr;
    }
    return nullptr;
#endif
}

// A known key with its closing quote, as 16 bytes to compare with a line at once.
struct KeyPattern {
    alignas(16) char bytes[16] = {};
    unsigned mask = 0; // the bytes that must match
    size_t length = 0; // name and quote
};

const std::array<KeyPattern, size_t(RecordField::Unknown) + 1> KeyPatterns = [] {
    std::array<KeyPattern, size_t(RecordField::Unknown) + 1> patterns{};
    for (size_t f = 0; f < size_t(RecordField::Unknown); ++f) {
        const std::string_view name = RecordFields::name(RecordField(f));
        static_assert(sizeof(KeyPattern::bytes) > 15); // "validation_pass" and its quote fill all 16
        std::memcpy(patterns[f].bytes, name.data(), name.size());
        patterns[f].bytes[name.size()] = '"';
        patterns[f].length = name.size() + 1;
        patterns[f].mask = (1u << patterns[f].length) - 1;
    }
    return patterns; // Unknown: an empty mask, which never matches
}();

// Whether the key text at `p` (past its opening quote) is exactly `f`'s name. A match cannot reach the closing
// '}' (no name holds one), so it never reads a key past the end of the line.
inline bool keyIs(const char *p, RecordField f)
{
    const KeyPattern &k = KeyPatterns[size_t(f)];
#ifdef __SSE2__
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    const auto eq = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_load_si128(reinterpret_cast<const __m128i *>(k.bytes)))));
    return k.mask && (eq & k.mask) == k.mask;
#else
    return k.mask && std::memcmp(p, k.bytes, k.length) == 0;
#endif
}

// A JSON number at `p` whose double is certain to equal simdjson's: integers of up to 18 digits (exact in int64,
// converted as simdjson's INT64 is) and decimals of up to 19 significant digits within Clinger's fast path. Returns
// the end of the number, or nullptr. Pointers go in and out by value, here and below: a pointer whose address
// reaches a function the compiler does not inline lives in memory for the whole caller.
inline const char *scanNumber(const char *p, double &out, bool &isFloat)
{
    const char *q = p;
    const bool negative = *q == '-';
    q += negative;
    const char *digits = q;
    std::uint64_t mantissa = 0;
    while (isDigit(*q))
        mantissa = mantissa * 10 + unsigned(*q++ - '0');
    size_t count = size_t(q - digits);
    if (count == 0 || count > 18 || (count > 1 && *digits == '0'))
        return nullptr;
    isFloat = false;
    int exponent = 0;
    if (*q == '.') {
        isFloat = true;
        const char *fraction = ++q;
        while (isDigit(*q))
            mantissa = mantissa * 10 + unsigned(*q++ - '0');
        const size_t fractionCount = size_t(q - fraction);
        count += fractionCount;
        if (fractionCount == 0 || count > 19)
            return nullptr;
        exponent = -int(fractionCount);
    }
    if (*q == 'e' || *q == 'E') {
        isFloat = true;
        ++q;
        const bool negativeExponent = *q == '-';
        if (*q == '-' || *q == '+')
            ++q;
        const char *e = q;
        int value = 0;
        while (isDigit(*q) && q - e < 3)
            value = value * 10 + (*q++ - '0');
        if (q == e || isDigit(*q))
            return nullptr;
        exponent += negativeExponent ? -value : value;
    }
    if (!isFloat) {
        const auto integer = std::int64_t(mantissa);
        out = double(negative ? -integer : integer); // "-0" is the integer 0 for simdjson, not -0.0
    } else {
        if (mantissa > MaxFastMantissa || exponent < -MaxFastExponent || exponent > MaxFastExponent)
            return nullptr;
        double d = double(mantissa);
        d = exponent < 0 ? d / Pow10[-exponent] : d * Pow10[exponent];
        out = negative ? -d : d;
    }
    return q;
}

// No bounds check: a match cannot reach the closing '}' (see skipSpace()).
inline bool literal(const char *&p, std::string_view word)
{
    if (std::memcmp(p, word.data(), word.size()) != 0)
        return false;
    p += word.size();
    return true;
}

// What the DOM parser's arena.store() gives for an empty string.
inline std::string_view view(const char *begin, const char *end)
{
    return begin == end ? std::string_view() : std::string_view(begin, size_t(end - begin));
}

// A string from its opening quote: its text, and `p` past its closing quote. False for what stringEnd() declines.
inline bool scanString(const char *&p, const char *end, std::string_view &text)
{
    const char *close = stringEnd(p + 1, end);
    if (!close)
        return false;
    text = view(p + 1, close);
    p = close + 1;
    return true;
}

// The `metrics` object from its '{': names and numbers only, no duplicate names. Returns its end, or nullptr.
const char *scanMetrics(const char *p, const char *end, std::vector<CustomMetricView> &custom, size_t customStart)
{
    ++p;
    if (consume(p, '}'))
        return p;
    for (;;) {
        std::string_view name;
        if (*p != '"' || !scanString(p, end, name) || !consume(p, ':'))
            return nullptr;
        skipSpace(p);
        double value = 0;
        bool isFloat = false;
        if (!(*p == '-' || isDigit(*p)) || !(p = scanNumber(p, value, isFloat)))
            return nullptr; // null and non-numbers are the DOM parser's to judge
        for (size_t i = customStart; i < custom.size(); ++i) {
            if (custom[i].name == name)
                return nullptr;
        }
        custom.push_back({name, value});
        if (consume(p, '}'))
            return p;
        if (!consume(p, ','))
            return nullptr;
        skipSpace(p);
    }
}

// The built-in metric each field fills, -1 for the others (RecordFields::metricIndex, as a table).
constexpr std::array<qint8, 15> MetricOf = {-1, -1, -1, -1, -1, qint8(Metric::Latency), -1,
                                            qint8(Metric::OutputBytes), qint8(Metric::Memory), qint8(Metric::Cpu),
                                            qint8(Metric::Validation), qint8(Metric::Cost), -1, -1, -1};

} // namespace

bool FlatRecordScanner::timestamp(std::string_view text, qint64 &ms)
{
    const char *p = text.data();
    // Seconds and milliseconds of the common shape; the prefix is the caller's to check.
    const auto secondsAndMillis = [p](int &value) {
        const auto digit = [p](int i) { return unsigned(p[i]) - unsigned('0'); };
        const unsigned s1 = digit(17), s2 = digit(18), f1 = digit(20), f2 = digit(21), f3 = digit(22);
        if ((s1 > 9) | (s2 > 9) | (f1 > 9) | (f2 > 9) | (f3 > 9) || s1 * 10 + s2 > 60)
            return false;
        value = int((s1 * 10 + s2) * 1000 + f1 * 100 + f2 * 10 + f3);
        return true;
    };
    const bool common = text.size() == 24 && p[16] == ':' && p[19] == '.' && (p[23] == 'Z' || p[23] == 'z');
    int within = 0;
    if (common && m_minuteValid && std::memcmp(p, m_minute, sizeof m_minute) == 0 && secondsAndMillis(within)) {
        ms = m_minuteMs + within;
        return true;
    }
    if (!parseRfc3339(text, ms, &m_dates))
        return false;
    if (common && secondsAndMillis(within)) {
        std::memcpy(m_minute, p, sizeof m_minute);
        m_minuteMs = ms - within;
        m_minuteValid = true;
    }
    return true;
}

bool FlatRecordScanner::scan(std::string_view line, RecordView &out, std::vector<CustomMetricView> &custom)
{
    const char *p = line.data();
    const char *end = p + line.size();
    while (end > p && isSpace(end[-1]))
        --end;
    if (end == p || end[-1] != '}')
        return false; // the sentinel every loop below relies on
    skipSpace(p);
    if (*p != '{')
        return false;
    ++p;

    const size_t customStart = custom.size();
    const auto decline = [&] {
        custom.resize(customStart);
        return false;
    };
    RecordFields::clear(out);

    quint32 seen = 0;
    size_t previous = Start;
    for (;;) {
        if (!consume(p, '"'))
            return decline();
        RecordField f = m_next[previous];
        if (keyIs(p, f)) {
            p += KeyPatterns[size_t(f)].length;
        } else {
            std::string_view key;
            if (!scanString(--p, end, key))
                return decline();
            f = RecordFields::fromName(key);
            m_next[previous] = f;
        }
        previous = size_t(f);
        if (!consume(p, ':'))
            return decline();
        if (*p <= ' ')
            skipSpace(p);
        // Unknown keys may repeat: they take no bit.
        const quint32 bit = RecordFields::bit(f) & ~RecordFields::bit(RecordField::Unknown);
        if (seen & bit)
            return decline(); // the DOM parser words the duplicate
        seen |= bit;

        const char c = *p;
        if (c == '"') {
            std::string_view text;
            if (!scanString(p, end, text))
                return decline();
            if (std::string_view *member = RecordFields::textMember(out, f)) {
                if (text.empty() && RecordFields::needsText(f))
                    return decline();
                *member = text;
            } else switch (f) {
            case RecordField::Unknown:
                break;
            case RecordField::Ts:
                if (!timestamp(text, out.tsMs))
                    return decline();
                break;
            case RecordField::Status:
                if (!RecordFields::parseStatus(text, out.ok))
                    return decline();
                break;
            default:
                return decline(); // a string where a number or the metrics object belongs
            }
        } else if (c == '-' || isDigit(c)) {
            double value = 0;
            bool isFloat = false;
            if (!(p = scanNumber(p, value, isFloat)))
                return decline();
            if (f != RecordField::Unknown) {
                const int metric = MetricOf[size_t(f)];
                // An integer is integral: no trunc() call (a libm call on baseline x86-64) for output_bytes.
                const bool valid = isFloat || f == RecordField::Validation ? RecordFields::inRange(f, value) : value >= 0;
                if (metric < 0 || !valid)
                    return decline();
                out.values[size_t(metric)] = value;
            }
        } else if (c == 'n') {
            // An optional field set to null is absent; a required one is the DOM parser's to reject.
            if (!literal(p, "null") || (RecordFields::RequiredMask & bit))
                return decline();
        } else if (c == 't' || c == 'f') {
            if (f != RecordField::Unknown || !literal(p, c == 't' ? "true" : "false"))
                return decline();
        } else if (c == '{' && f == RecordField::Metrics) {
            if (!(p = scanMetrics(p, end, custom, customStart)) || p == end)
                return decline();
        } else {
            return decline(); // nesting in unknown fields, or not JSON
        }

        if (*p == ',') { // the common case first: another member follows
            ++p;
            continue;
        }
        if (consume(p, '}'))
            break;
        if (!consume(p, ','))
            return decline();
    }
    if (p != end || (seen & RecordFields::RequiredMask) != RecordFields::RequiredMask)
        return decline();
    out.customCount = int(custom.size() - customStart);
    return true;
}

} // namespace Apprentice
