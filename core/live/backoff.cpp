#include "backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Apprentice {

Backoff::Backoff(qint64 initialMs, qint64 maxMs)
    : m_initialMs(std::max<qint64>(1, initialMs))
    , m_maxMs(std::max(m_initialMs, maxMs))
{
}

void Backoff::setInitialMs(qint64 ms)
{
    m_initialMs = std::max<qint64>(1, ms);
    m_maxMs = std::max(m_maxMs, m_initialMs);
}

qint64 Backoff::nextDelayMs()
{
    qint64 step = m_initialMs;
    for (int i = 0; i < m_attempt && step < m_maxMs; ++i)
        step *= 2;
    step = std::min(step, m_maxMs);
    if (m_attempt < 62)
        ++m_attempt;
    const qint64 half = step / 2;
    return half + qint64(QRandomGenerator::global()->bounded(quint64(step - half) + 1));
}

} // namespace Apprentice
