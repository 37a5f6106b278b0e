#pragma once

#include <QtGlobal>

namespace Apprentice {

/// Speed control for the demo: maps wall-clock time to the simulated time the simulator should
/// have reached. Pure (the caller passes both clocks), so it is tested without sleeping.
///
/// A driver produces every execution whose DemoSimulator::nextArrivalMs() ≤ targetMs(wallNow),
/// in batches on a timer. Every change re-anchors at the caller's current wall and simulated
/// times, so changing speed never jumps the simulated clock.
class SimulationPacer
{
public:
    /// Speed meaning "as fast as possible".
    static constexpr double Unlimited = 0;
    /// Preset speeds for the console: real time, ×10 ... ×100,000, then unlimited.
    static constexpr double Presets[] = {1, 10, 100, 1000, 10000, 100000, Unlimited};

    /// Starts (running, not paused) at the given clocks with the current speed.
    void start(qint64 wallMs, qint64 simulatedMs);
    /// Simulated ms per wall ms (1 = real time); ≤ 0 or infinite = as fast as possible.
    void setSpeed(double factor, qint64 wallMs, qint64 simulatedMs);
    double speed() const { return m_speed; }
    bool isUnlimited() const { return m_speed <= 0; }

    void pause(qint64 wallMs, qint64 simulatedMs);
    void resume(qint64 wallMs, qint64 simulatedMs);
    bool isPaused() const { return m_paused; }

    /// Simulated time due at wallMs: frozen while paused, unbounded when unlimited.
    qint64 targetMs(qint64 wallMs) const;

private:
    void anchor(qint64 wallMs, qint64 simulatedMs);

    double m_speed = 1;
    bool m_paused = false;
    qint64 m_anchorWallMs = 0;
    qint64 m_anchorSimulatedMs = 0;
};

} // namespace Apprentice
