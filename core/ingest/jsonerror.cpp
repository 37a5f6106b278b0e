#include "jsonerror.h"

#include <charconv>
#include <vector>

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

// simdjson's default nesting limit; deeper documents are refused by the fast parser too.
constexpr size_t MaxDepth = 1024;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isDelimiter(char c)
{
    return isSpace(c) || c == ',' || c == ']' || c == '}';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Length of the well-formed UTF-8 sequence starting at s[i] (RFC 3629: no overlongs, no surrogates, <= U+10FFFF),
// or 0 when it is not one.
size_t utf8SequenceLength(std::string_view s, size_t i)
{
    const auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned c = b(0);
    if (c < 0x80)
        return 1;
    const auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned lo = c == 0xE0 ? 0xA0 : 0x80;
        const unsigned hi = c == 0xED ? 0x9F : 0xBF;
        return b(1) >= lo && b(1) <= hi && cont(2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned lo = c == 0xF0 ? 0x90 : 0x80;
        const unsigned hi = c == 0xF4 ? 0x8F : 0xBF;
        return b(1) >= lo && b(1) <= hi && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

// Whether a decimal that from_chars found out of range is too large (rather than too close to zero): its
// magnitude is the count of integer digits, or minus the zeros after the point, plus the exponent.
bool overflows(const char *first, const char *last)
{
    const char *p = first + (*first == '-');
    long magnitude = 0;
    while (p < last && *p == '0')
        ++p;
    const char *intStart = p;
    while (p < last && isDigit(*p))
        ++p;
    magnitude = long(p - intStart);
    if (p < last && *p == '.') {
        ++p;
        if (magnitude == 0) {
            while (p < last && *p == '0') {
                --magnitude;
                ++p;
            }
        }
        while (p < last && isDigit(*p))
            ++p;
    }
    if (p < last && (*p == 'e' || *p == 'E')) {
        ++p;
        long exponent = 0;
        std::from_chars(p + (*p == '+'), last, exponent);
        magnitude += exponent;
    }
    return magnitude > 0;
}

struct Failure {
    size_t at = 0;
    QString what;
    bool utf8 = false;
};

class Scanner
{
public:
    explicit Scanner(std::string_view text)
        : m_s(text)
    {
    }

    bool run();
    Failure failure;

private:
    bool fail(size_t at, QString what)
    {
        failure = {at, std::move(what), false};
        return false;
    }
    bool failUtf8(size_t at)
    {
        failure = {at, {}, true};
        return false;
    }
    void skipSpace()
    {
        while (m_i < m_s.size() && isSpace(m_s[m_i]))
            ++m_i;
    }
    bool startsWith(std::string_view word) const { return m_s.substr(m_i, word.size()) == word; }
    bool string();
    bool number();
    bool literal();
    bool unexpected();

    std::string_view m_s;
    size_t m_i = 0;
};

bool Scanner::string()
{
    const size_t open = m_i++;
    while (m_i < m_s.size()) {
        const auto c = static_cast<unsigned char>(m_s[m_i]);
        if (c == '"') {
            ++m_i;
            return true;
        }
        if (c < 0x20)
            return fail(m_i, u"control character in a string (escape it)"_s);
        if (c >= 0x80) {
            const size_t len = utf8SequenceLength(m_s, m_i);
            if (len == 0)
                return failUtf8(m_i);
            m_i += len;
            continue;
        }
        if (c != '\\') {
            ++m_i;
            continue;
        }
        const size_t escape = m_i;
        if (m_i + 1 >= m_s.size())
            break;
        const char e = m_s[m_i + 1];
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            m_i += 2;
            continue;
        }
        if (e != 'u')
            return fail(escape, u"invalid escape \\%1"_s.arg(QChar::fromLatin1(e)));
        const auto hex4 = [&](size_t at, unsigned &out) {
            if (at + 4 > m_s.size())
                return false;
            out = 0;
            for (size_t k = 0; k < 4; ++k) {
                const int h = hexValue(m_s[at + k]);
                if (h < 0)
                    return false;
                out = out * 16 + unsigned(h);
            }
            return true;
        };
        unsigned unit = 0;
        if (!hex4(m_i + 2, unit))
            return fail(escape, u"invalid \\u escape"_s);
        m_i += 6;
        if (unit >= 0xDC00 && unit <= 0xDFFF)
            return fail(escape, u"lone low surrogate in \\u escape"_s);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            unsigned low = 0;
            if (m_i + 1 >= m_s.size() || m_s[m_i] != '\\' || m_s[m_i + 1] != 'u' || !hex4(m_i + 2, low)
                || low < 0xDC00 || low > 0xDFFF)
                return fail(escape, u"unpaired high surrogate in \\u escape"_s);
            m_i += 6;
        }
    }
    return fail(open, u"unterminated string"_s);
}

bool Scanner::number()
{
    const size_t start = m_i;
    bool integral = true;
    if (m_s[m_i] == '-')
        ++m_i;
    if (startsWith("Infinity"))
        return fail(start, u"Infinity is not a JSON number"_s);
    if (m_i >= m_s.size() || !isDigit(m_s[m_i]))
        return fail(start, u"invalid number"_s);
    if (m_s[m_i] == '0') {
        ++m_i;
        if (m_i < m_s.size() && isDigit(m_s[m_i]))
            return fail(start, u"invalid number (leading zero)"_s);
    } else {
        while (m_i < m_s.size() && isDigit(m_s[m_i]))
            ++m_i;
    }
    if (m_i < m_s.size() && m_s[m_i] == '.') {
        integral = false;
        ++m_i;
        if (m_i >= m_s.size() || !isDigit(m_s[m_i]))
            return fail(start, u"invalid number (no digit after '.')"_s);
        while (m_i < m_s.size() && isDigit(m_s[m_i]))
            ++m_i;
    }
    if (m_i < m_s.size() && (m_s[m_i] == 'e' || m_s[m_i] == 'E')) {
        integral = false;
        ++m_i;
        if (m_i < m_s.size() && (m_s[m_i] == '+' || m_s[m_i] == '-'))
            ++m_i;
        if (m_i >= m_s.size() || !isDigit(m_s[m_i]))
            return fail(start, u"invalid number (no digit in exponent)"_s);
        while (m_i < m_s.size() && isDigit(m_s[m_i]))
            ++m_i;
    }
    if (m_i < m_s.size() && !isDelimiter(m_s[m_i]))
        return fail(start, u"invalid number"_s);
    // The fast parser keeps integers in 64 bits and refuses doubles that overflow; say so instead of "invalid".
    const char *first = m_s.data() + start;
    const char *last = m_s.data() + m_i;
    if (integral) {
        if (*first == '-') {
            long long v = 0;
            if (std::from_chars(first, last, v).ec != std::errc())
                return fail(start, u"number out of range"_s);
        } else {
            unsigned long long v = 0;
            if (std::from_chars(first, last, v).ec != std::errc())
                return fail(start, u"number out of range"_s);
        }
    } else {
        double v = 0;
        if (std::from_chars(first, last, v).ec == std::errc::result_out_of_range && overflows(first, last))
            return fail(start, u"number out of range"_s);
    }
    return true;
}

bool Scanner::literal()
{
    for (std::string_view word : {std::string_view("true"), std::string_view("false"), std::string_view("null")}) {
        if (startsWith(word) && (m_i + word.size() == m_s.size() || isDelimiter(m_s[m_i + word.size()]))) {
            m_i += word.size();
            return true;
        }
    }
    return unexpected();
}

bool Scanner::unexpected()
{
    if (startsWith("NaN"))
        return fail(m_i, u"NaN is not a JSON number"_s);
    if (startsWith("Infinity"))
        return fail(m_i, u"Infinity is not a JSON number"_s);
    const auto c = static_cast<unsigned char>(m_s[m_i]);
    if (c >= 0x80 && utf8SequenceLength(m_s, m_i) == 0)
        return failUtf8(m_i);
    if (c >= 0x21 && c < 0x7F)
        return fail(m_i, u"unexpected character '%1'"_s.arg(QChar::fromLatin1(char(c))));
    return fail(m_i, u"unexpected byte 0x%1"_s.arg(c, 2, 16, QLatin1Char('0')));
}

bool Scanner::run()
{
    enum class Expect { Value, ValueOrClose, KeyOrClose, Key, Colon, CommaOrClose };
    std::vector<char> stack;
    Expect expect = Expect::Value;
    for (;;) {
        skipSpace();
        if (m_i >= m_s.size()) {
            if (expect == Expect::CommaOrClose && stack.empty())
                return true;
            return fail(m_s.size(), m_s.empty() ? u"empty input"_s : u"unexpected end of input"_s);
        }
        const char c = m_s[m_i];
        switch (expect) {
        case Expect::ValueOrClose:
            if (c == ']') {
                stack.pop_back();
                ++m_i;
                expect = Expect::CommaOrClose;
                break;
            }
            [[fallthrough]];
        case Expect::Value:
            if (c == '{' || c == '[') {
                if (stack.size() >= MaxDepth)
                    return fail(m_i, u"nested deeper than %1 levels"_s.arg(MaxDepth));
                stack.push_back(c);
                ++m_i;
                expect = c == '{' ? Expect::KeyOrClose : Expect::ValueOrClose;
                break;
            }
            if (c == '"') {
                if (!string())
                    return false;
            } else if (c == '-' || isDigit(c)) {
                if (!number())
                    return false;
            } else if (!literal()) {
                return false;
            }
            expect = Expect::CommaOrClose;
            break;
        case Expect::KeyOrClose:
            if (c == '}') {
                stack.pop_back();
                ++m_i;
                expect = Expect::CommaOrClose;
                break;
            }
            [[fallthrough]];
        case Expect::Key:
            if (c != '"')
                return fail(m_i, u"expected a quoted key"_s);
            if (!string())
                return false;
            expect = Expect::Colon;
            break;
        case Expect::Colon:
            if (c != ':')
                return fail(m_i, u"expected ':'"_s);
            ++m_i;
            expect = Expect::Value;
            break;
        case Expect::CommaOrClose:
            if (stack.empty())
                return fail(m_i, u"unexpected content after the JSON value"_s);
            if (c == ',') {
                ++m_i;
                expect = stack.back() == '{' ? Expect::Key : Expect::Value;
            } else if ((c == '}' && stack.back() == '{') || (c == ']' && stack.back() == '[')) {
                stack.pop_back();
                ++m_i;
            } else {
                return fail(m_i, stack.back() == '{' ? u"expected ',' or '}'"_s : u"expected ',' or ']'"_s);
            }
            break;
        }
    }
}

} // namespace

QString explainInvalidJson(std::string_view text)
{
    Scanner scanner(text);
    if (scanner.run())
        return {};
    const Failure &f = scanner.failure;
    if (f.utf8)
        return u"invalid UTF-8 at byte %1"_s.arg(f.at + 1);
    return u"invalid JSON at byte %1: %2"_s.arg(f.at + 1).arg(f.what);
}

qsizetype findInvalidUtf8(std::string_view text)
{
    for (size_t i = 0; i < text.size();) {
        const size_t len = utf8SequenceLength(text, i);
        if (len == 0)
            return qsizetype(i);
        i += len;
    }
    return -1;
}

} // namespace Apprentice
