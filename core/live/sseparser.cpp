#include "sseparser.h"

#include <algorithm>
#include <string>
#include <utility>

namespace Apprentice {

void SseParser::restart()
{
    m_line.clear();
    m_data.clear();
    m_type.clear();
    m_idBuffer = m_lastEventId;
    m_droppedBytes = 0;
    m_lineOverflow = false;
    m_afterCr = false;
    m_atStart = true;
    m_head.clear();
}

void SseParser::feed(std::string_view bytes, const EventHandler &onEvent, const OversizeHandler &onOversize)
{
    if (m_atStart) {
        // A UTF-8 BOM may open the stream (possibly split across reads); it is not part of the first field name.
        static constexpr std::string_view Bom = "\xEF\xBB\xBF";
        while (!bytes.empty() && m_head.size() < Bom.size() && Bom.starts_with(m_head)) {
            m_head += bytes.front();
            bytes.remove_prefix(1);
        }
        if (m_head.size() < Bom.size() && Bom.starts_with(m_head))
            return; // undecided until more bytes come
        m_atStart = false;
        const std::string head = std::exchange(m_head, std::string());
        if (head != Bom)
            feedLines(head, onEvent, onOversize);
    }
    feedLines(bytes, onEvent, onOversize);
}

void SseParser::feedLines(std::string_view bytes, const EventHandler &onEvent, const OversizeHandler &onOversize)
{
    while (!bytes.empty()) {
        if (m_afterCr) {
            m_afterCr = false;
            if (bytes.front() == '\n') { // the LF of a CRLF split across reads
                bytes.remove_prefix(1);
                continue;
            }
        }
        const size_t end = bytes.find_first_of("\r\n");
        const std::string_view piece = bytes.substr(0, end);
        if (!m_lineOverflow) {
            if (qint64(m_line.size() + piece.size()) > m_maxEventBytes) {
                m_lineOverflow = true;
                m_droppedBytes += qint64(m_line.size() + piece.size());
                m_line.clear();
            } else {
                m_line.append(piece);
            }
        } else {
            m_droppedBytes += qint64(piece.size());
        }
        if (end == std::string_view::npos)
            return;
        if (bytes[end] == '\r')
            m_afterCr = true;
        bytes.remove_prefix(end + 1);
        if (m_lineOverflow) {
            m_lineOverflow = false;
            m_data.clear(); // the event this line belonged to is lost: drop it whole
        } else {
            processLine(m_line, onEvent, onOversize);
        }
        m_line.clear();
    }
}

void SseParser::processLine(std::string_view line, const EventHandler &onEvent, const OversizeHandler &onOversize)
{
    if (line.empty()) {
        m_lastEventId = m_idBuffer; // WHATWG: set at every dispatch, even of an empty event
        if (m_droppedBytes > 0) {
            if (onOversize)
                onOversize(m_droppedBytes);
            m_droppedBytes = 0;
        } else if (!m_data.empty()) {
            std::string_view data = m_data;
            data.remove_suffix(1); // the LF after the last data line
            onEvent(Event{m_type.empty() ? std::string_view("message") : std::string_view(m_type), data, m_lastEventId});
        }
        m_data.clear();
        m_type.clear();
        return;
    }
    if (line.front() == ':')
        return; // a comment, often a keep-alive
    const size_t colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    std::string_view value;
    if (colon != std::string_view::npos) {
        value = line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
    }
    if (field == "data") {
        if (m_droppedBytes > 0)
            return;
        if (qint64(m_data.size() + value.size() + 1) > m_maxEventBytes) {
            m_droppedBytes = qint64(m_data.size() + value.size() + 1);
            m_data.clear();
            return;
        }
        m_data.append(value);
        m_data += '\n';
    } else if (field == "event") {
        m_type.assign(value);
    } else if (field == "id") {
        if (value.find('\0') == std::string_view::npos)
            m_idBuffer.assign(value);
    } else if (field == "retry") {
        if (!value.empty() && value.size() <= 9
            && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            m_retryMs = std::stoll(std::string(value));
    }
    // Other fields are ignored, as the standard says.
}

} // namespace Apprentice
