#pragma once

#include <QObject>
#include <QSet>

class QTimer;

namespace Apprentice {

class LiveStatus;
class OtlpConnection;
class OtlpRequestHandler;
struct OtlpReceiverConfig;
struct OtlpReceiverCounters;

/// One connection thread of the OTLP receiver: owns the connections handed to it and sweeps their timeouts.
class OtlpWorker : public QObject
{
    Q_OBJECT
public:
    OtlpWorker(OtlpRequestHandler &handler, const OtlpReceiverConfig &config, OtlpReceiverCounters &counters,
               LiveStatus &status);
    ~OtlpWorker() override;

    /// Takes over an accepted socket descriptor; over the connection limit it answers 503 and closes.
    void adopt(qintptr descriptor);
    /// Closes every connection (the receiver stops).
    void closeAll();
    int connectionCount() const { return int(m_connections.size()); }

private:
    void sweep();
    void remove(OtlpConnection *connection);

    OtlpRequestHandler &m_handler;
    const OtlpReceiverConfig &m_config;
    OtlpReceiverCounters &m_counters;
    LiveStatus &m_status;
    QSet<OtlpConnection *> m_connections;
    QTimer *m_sweep;
};

} // namespace Apprentice
