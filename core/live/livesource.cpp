#include "livesource.h"

namespace Apprentice {

LiveSource::LiveSource(int id, RecordQueue *queue, std::shared_ptr<LiveStatus> status, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_queue(queue)
    , m_status(std::move(status))
{
}

} // namespace Apprentice
