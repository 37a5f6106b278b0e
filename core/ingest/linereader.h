#pragma once

#include <QtGlobal>

#include <memory>
#include <string_view>

namespace Apprentice {

class InputStream;

/// Physical lines of an InputStream, one at a time, for sequential readers (OTLP files). Skips a leading UTF-8
/// BOM; a line longer than the limit is skipped without being buffered whole and reported as TooLong.
class LineReader
{
public:
    enum class Status { Line, TooLong, End, Failed };

    /// Padding readable after every line returned.
    static constexpr size_t Padding = 64;

    LineReader(InputStream &input, qint64 chunkBytes, qint64 maxLineBytes);
    ~LineReader();

    /// The next line without its '\n' (valid until the next call) and its 1-based number.
    Status next(std::string_view &line, qint64 &number);

private:
    bool fill(); // false on read failure

    InputStream &m_input;
    size_t m_chunk;
    size_t m_maxLine;
    std::unique_ptr<char[]> m_buffer;
    size_t m_capacity = 0;
    size_t m_begin = 0;
    size_t m_size = 0;
    qint64 m_line = 0;
    bool m_eof = false;
    bool m_atFileStart = true;
    bool m_skipping = false;
};

} // namespace Apprentice
