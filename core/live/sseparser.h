#pragma once

#include <QtGlobal>

#include <functional>
#include <string>
#include <string_view>

namespace Apprentice {

/// Server-Sent Events framing (WHATWG HTML §9.2 "event stream interpretation"): lines end in CRLF, LF or CR;
/// `data:` lines of one event join with LF; a blank line dispatches it; `:` starts a comment; `event:`, `id:` and
/// `retry:` set the type, the last event id and the reconnection delay. An event larger than the limit is
/// dropped whole and reported as such.
class SseParser
{
public:
    struct Event {
        std::string_view type; ///< "message" when the stream named none
        std::string_view data;
        std::string_view id;   ///< the last event id in force when it was dispatched
    };
    using EventHandler = std::function<void(const Event &event)>;
    using OversizeHandler = std::function<void(qint64 bytes)>;

    explicit SseParser(qint64 maxEventBytes = 1 << 20)
        : m_maxEventBytes(maxEventBytes)
    {
    }

    void feed(std::string_view bytes, const EventHandler &onEvent, const OversizeHandler &onOversize = {});

    /// The reconnection delay the stream asked for with `retry:`, or -1.
    qint64 retryMs() const { return m_retryMs; }
    /// What to send as Last-Event-ID when reconnecting (empty: send none): the id in force at the last dispatch,
    /// so a half-received event is asked for again.
    const std::string &lastEventId() const { return m_lastEventId; }
    /// A new connection: drops any half-read line or event; keeps the last event id and retry delay.
    void restart();

private:
    void feedLines(std::string_view bytes, const EventHandler &onEvent, const OversizeHandler &onOversize);
    void processLine(std::string_view line, const EventHandler &onEvent, const OversizeHandler &onOversize);

    std::string m_head; ///< the first bytes of a stream, until they are known to be a BOM or not
    std::string m_line;
    std::string m_data;
    std::string m_type;
    std::string m_idBuffer;    ///< set by `id:`, in force from the next dispatch
    std::string m_lastEventId; ///< what a reconnection resumes after
    qint64 m_retryMs = -1;
    qint64 m_maxEventBytes;
    qint64 m_droppedBytes = 0; ///< > 0 while dropping an oversized event
    bool m_lineOverflow = false;
    bool m_afterCr = false;
    bool m_atStart = true;
};

} // namespace Apprentice
