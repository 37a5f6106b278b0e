#include "linereader.h"

#include <algorithm>
#include <cstring>

#include "inputstream.h"

namespace Apprentice {

LineReader::LineReader(InputStream &input, qint64 chunkBytes, qint64 maxLineBytes)
    : m_input(input)
    , m_chunk(size_t(std::max<qint64>(1, chunkBytes)))
    , m_maxLine(size_t(std::max<qint64>(1, maxLineBytes)))
{
}

LineReader::~LineReader() = default;

bool LineReader::fill()
{
    if (m_begin > 0) {
        std::memmove(m_buffer.get(), m_buffer.get() + m_begin, m_size - m_begin);
        m_size -= m_begin;
        m_begin = 0;
    }
    const size_t needed = m_size + m_chunk + Padding;
    if (m_capacity < needed) {
        const size_t capacity = std::max(needed, m_capacity + m_capacity / 2);
        auto grown = std::make_unique_for_overwrite<char[]>(capacity);
        if (m_size)
            std::memcpy(grown.get(), m_buffer.get(), m_size);
        m_buffer = std::move(grown);
        m_capacity = capacity;
    }
    const qint64 n = m_input.read(m_buffer.get() + m_size, qint64(m_chunk));
    if (n < 0)
        return false;
    m_eof = n == 0;
    m_size += size_t(n);
    std::memset(m_buffer.get() + m_size, 0, Padding);
    if (m_atFileStart && (m_size >= 3 || m_eof)) {
        m_atFileStart = false;
        if (m_size >= 3 && std::memcmp(m_buffer.get(), "\xEF\xBB\xBF", 3) == 0)
            m_begin = 3;
    }
    return true;
}

LineReader::Status LineReader::next(std::string_view &line, qint64 &number)
{
    for (;;) {
        char *buf = m_buffer.get();
        if (m_skipping && m_begin < m_size) {
            const auto *nl = static_cast<const char *>(std::memchr(buf + m_begin, '\n', m_size - m_begin));
            m_begin = nl ? size_t(nl + 1 - buf) : m_size;
            m_skipping = !nl;
        }
        if (!m_skipping && !m_atFileStart && m_begin < m_size) {
            const auto *nl = static_cast<const char *>(std::memchr(buf + m_begin, '\n', m_size - m_begin));
            if (nl || m_eof) {
                const char *end = nl ? nl : buf + m_size;
                line = std::string_view(buf + m_begin, size_t(end - (buf + m_begin)));
                number = ++m_line;
                m_begin = nl ? size_t(nl + 1 - buf) : m_size;
                return line.size() > m_maxLine ? Status::TooLong : Status::Line;
            }
            if (m_size - m_begin > m_maxLine) {
                number = ++m_line;
                m_begin = m_size;
                m_skipping = true;
                line = {};
                return Status::TooLong;
            }
        }
        if (m_eof && m_begin >= m_size)
            return Status::End;
        if (!fill())
            return Status::Failed;
    }
}

} // namespace Apprentice
