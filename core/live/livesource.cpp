#include "livesource.h"

#include "batchsink.h"
#include "ingest/importer.h"
#include "recordqueue.h"

namespace Apprentice {

LiveSource::LiveSource(int id, RecordQueue *queue, std::shared_ptr<LiveStatus> status, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_queue(queue)
    , m_status(std::move(status))
{
}

bool LiveSource::isBlank(std::string_view line)
{
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

void LiveSource::addJsonLine(LiveBatch &pending, std::string_view line, qint64 lineNo, bool tooLong,
                             qint64 maxLineBytes, int maxItemised)
{
    BatchSink sink(pending, maxItemised);
    if (tooLong)
        sink.onRejected(lineNo, QStringLiteral("line longer than %1 bytes").arg(maxLineBytes));
    else if (!isBlank(line))
        parseJsonLine(line, lineNo, sink);
}

bool LiveSource::pushPending(LiveBatch &pending)
{
    if (pending.isEmpty())
        return true;
    pending.connection = m_id;
    if (!m_queue->push(std::move(pending)))
        return false;
    pending = LiveBatch();
    pending.connection = m_id;
    return true;
}

} // namespace Apprentice
