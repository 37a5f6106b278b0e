#pragma once

#include <QtGlobal>

namespace Apprentice {

/// Reconnection delays for pull connections: exponential from an initial delay up to a cap, each drawn
/// uniformly from [half, full] of its step ("equal jitter"), so clients that lost the same server do not
/// all come back at the same instant.
class Backoff
{
public:
    explicit Backoff(qint64 initialMs = 500, qint64 maxMs = 30000);

    /// The delay before the next attempt; each call doubles the step until the cap.
    qint64 nextDelayMs();
    /// After a connection that worked: start again from the initial delay.
    void reset() { m_attempt = 0; }
    /// A server-chosen base (SSE `retry:`), still doubled and capped on repeated failures.
    void setInitialMs(qint64 ms);
    qint64 initialMs() const { return m_initialMs; }
    qint64 maxMs() const { return m_maxMs; }
    int attempts() const { return m_attempt; }

private:
    qint64 m_initialMs;
    qint64 m_maxMs;
    int m_attempt = 0;
};

} // namespace Apprentice
