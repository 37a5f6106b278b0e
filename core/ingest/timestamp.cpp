#include "timestamp.h"

#include <cstring>

namespace Apprentice {

namespace {

bool readDigits(const char *p, int count, int &out)
{
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const unsigned d = unsigned(p[i]) - unsigned('0');
        if (d > 9)
            return false;
        v = v * 10 + int(d);
    }
    out = v;
    return true;
}

bool isLeapYear(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int Days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : Days[m - 1];
}

// Howard Hinnant's days_from_civil: exact for the whole proleptic Gregorian range, no tables, no time zone
// database, so it is both faster and more predictable than QDateTime on the hot path.
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * unsigned(m > 2 ? m - 3 : m + 9) + 2) / 5 + unsigned(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

} // namespace

bool parseRfc3339(std::string_view text, qint64 &msSinceEpoch, Rfc3339Cache *cache)
{
    // The shortest form is YYYY-MM-DDTHH:MM:SSZ.
    if (text.size() < 20)
        return false;
    const char *p = text.data();
    qint64 dayMs = 0;
    if (cache && cache->valid && std::memcmp(cache->date, p, sizeof cache->date) == 0) {
        dayMs = cache->dayMs;
    } else {
        int year = 0, month = 0, day = 0;
        if (!readDigits(p, 4, year) || p[4] != '-' || !readDigits(p + 5, 2, month) || p[7] != '-'
            || !readDigits(p + 8, 2, day))
            return false;
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
            return false;
        dayMs = daysFromCivil(year, month, day) * 86400000;
        if (cache) {
            std::memcpy(cache->date, p, sizeof cache->date);
            cache->dayMs = dayMs;
            cache->valid = true;
        }
    }
    // RFC 3339 §5.6 allows a lower-case t and, by note, a space between date and time.
    if (p[10] != 'T' && p[10] != 't' && p[10] != ' ')
        return false;
    if (text.size() == 24 && p[13] == ':' && p[16] == ':' && p[19] == '.' && (p[23] == 'Z' || p[23] == 'z')) {
        // What exporters write, HH:MM:SS.mmmZ, without the loops of the general case below.
        const auto digit = [p](int i) { return unsigned(p[i]) - unsigned('0'); };
        const unsigned h1 = digit(11), h2 = digit(12), m1 = digit(14), m2 = digit(15), s1 = digit(17), s2 = digit(18);
        const unsigned f1 = digit(20), f2 = digit(21), f3 = digit(22);
        if ((h1 > 9) | (h2 > 9) | (m1 > 9) | (m2 > 9) | (s1 > 9) | (s2 > 9) | (f1 > 9) | (f2 > 9) | (f3 > 9))
            return false;
        const unsigned h = h1 * 10 + h2, m = m1 * 10 + m2, s = s1 * 10 + s2;
        if (h > 23 || m > 59 || s > 60)
            return false;
        msSinceEpoch = dayMs + qint64(h * 3600 + m * 60 + s) * 1000 + (f1 * 100 + f2 * 10 + f3);
        return true;
    }
    int hour = 0, minute = 0, second = 0;
    if (!readDigits(p + 11, 2, hour) || p[13] != ':' || !readDigits(p + 14, 2, minute) || p[16] != ':'
        || !readDigits(p + 17, 2, second))
        return false;
    // Second 60 is a leap second: it lands on the next minute's first second.
    if (hour > 23 || minute > 59 || second > 60)
        return false;

    size_t i = 19;
    const size_t n = text.size();
    int millis = 0;
    if (p[i] == '.') {
        ++i;
        int digits = 0;
        while (i < n && unsigned(p[i]) - unsigned('0') <= 9) {
            if (digits < 3)
                millis = millis * 10 + (p[i] - '0');
            ++digits;
            ++i;
        }
        if (digits == 0)
            return false;
        for (; digits < 3; ++digits)
            millis *= 10;
    }
    if (i >= n)
        return false;

    int offsetMinutes = 0;
    if (p[i] == 'Z' || p[i] == 'z') {
        ++i;
    } else if (p[i] == '+' || p[i] == '-') {
        int oh = 0, om = 0;
        if (n - i < 6 || !readDigits(p + i + 1, 2, oh) || p[i + 3] != ':' || !readDigits(p + i + 4, 2, om)
            || oh > 23 || om > 59)
            return false;
        offsetMinutes = (oh * 60 + om) * (p[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return false;
    }
    if (i != n)
        return false;

    const qint64 seconds = hour * 3600 + minute * 60 + second - qint64(offsetMinutes) * 60;
    msSinceEpoch = dayMs + seconds * 1000 + millis;
    return true;
}

} // namespace Apprentice
