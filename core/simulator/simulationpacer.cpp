#include "simulationpacer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Apprentice {

void SimulationPacer::start(qint64 wallMs, qint64 simulatedMs)
{
    m_paused = false;
    anchor(wallMs, simulatedMs);
}

void SimulationPacer::setSpeed(double factor, qint64 wallMs, qint64 simulatedMs)
{
    m_speed = (factor > 0 && std::isfinite(factor)) ? factor : Unlimited;
    anchor(wallMs, simulatedMs);
}

void SimulationPacer::pause(qint64 wallMs, qint64 simulatedMs)
{
    m_paused = true;
    anchor(wallMs, simulatedMs);
}

void SimulationPacer::resume(qint64 wallMs, qint64 simulatedMs)
{
    m_paused = false;
    anchor(wallMs, simulatedMs);
}

void SimulationPacer::anchor(qint64 wallMs, qint64 simulatedMs)
{
    m_anchorWallMs = wallMs;
    m_anchorSimulatedMs = simulatedMs;
}

qint64 SimulationPacer::targetMs(qint64 wallMs) const
{
    if (m_paused)
        return m_anchorSimulatedMs;
    if (isUnlimited())
        return std::numeric_limits<qint64>::max();
    const double elapsed = double(std::max<qint64>(0, wallMs - m_anchorWallMs)) * m_speed;
    const double target = double(m_anchorSimulatedMs) + elapsed;
    return target >= 9.0e18 ? std::numeric_limits<qint64>::max() : qint64(target);
}

} // namespace Apprentice
