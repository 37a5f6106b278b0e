#pragma once

#include <QtGlobal>

#include <string>
#include <string_view>

namespace Apprentice {

/// Cuts a byte stream into lines for the NDJSON stream client and the file tail. A line ends at LF (a CR before
/// it is dropped); the bytes after the last LF are held until their line completes, and a line longer than the
/// limit is reported once, as too long, when its end arrives, without being held whole.
class LineSplitter
{
public:
    explicit LineSplitter(qint64 maxLineBytes = 1 << 20)
        : m_maxLineBytes(maxLineBytes)
    {
    }

    /// Calls `onLine(std::string_view line, bool tooLong)` for every line that completes within `bytes`.
    /// A too-long line comes with an empty view.
    template<typename OnLine>
    void feed(std::string_view bytes, OnLine &&onLine)
    {
        while (!bytes.empty()) {
            const size_t newline = bytes.find('\n');
            const std::string_view piece = bytes.substr(0, newline);
            if (!m_overflow) {
                if (qint64(m_partial.size() + piece.size()) > m_maxLineBytes + 1) { // + 1: a CR before the LF
                    m_overflow = true;
                    m_partial.clear();
                } else if (newline != std::string_view::npos && m_partial.empty()) {
                    onLine(chopCr(piece), false); // the common case: no copy
                } else {
                    m_partial.append(piece);
                }
            }
            if (newline == std::string_view::npos)
                return;
            if (m_overflow)
                onLine(std::string_view(), true);
            else if (!m_partial.empty())
                onLine(chopCr(m_partial), false);
            m_partial.clear();
            m_overflow = false;
            bytes.remove_prefix(newline + 1);
        }
    }

    /// The held bytes of an unfinished line, e.g. to parse a stream's last line when it ends without LF.
    std::string_view pending() const { return chopCr(m_partial); }
    bool hasPending() const { return !m_partial.empty() || m_overflow; }
    /// Forgets an unfinished line (truncated or rotated file, new connection).
    void clear()
    {
        m_partial.clear();
        m_overflow = false;
    }

private:
    static std::string_view chopCr(std::string_view s)
    {
        return !s.empty() && s.back() == '\r' ? s.substr(0, s.size() - 1) : s;
    }

    std::string m_partial;
    qint64 m_maxLineBytes;
    bool m_overflow = false;
};

} // namespace Apprentice
