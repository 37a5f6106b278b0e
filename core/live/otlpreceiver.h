#pragma once

#include "livesource.h"
#include "otlpreceiverconfig.h"
#include "otlpreceiverstats.h"

#include <QHostAddress>

#include <memory>
#include <vector>

class QThread;
class QTimer;

namespace Apprentice {

class OtlpRequestHandler;
class OtlpWorker;

/// The OTLP/HTTP JSON trace receiver (POST /v1/traces): OpenTelemetry exporters point at it and their
/// execute_tool spans arrive as records. Accepts and serves connections on threads of its own, so a flood of
/// clients never stalls the thread that owns it; records reach the RecordQueue before the 200 is written.
/// Loopback only unless the config allows otherwise.
class OtlpReceiver : public LiveSource
{
    Q_OBJECT
public:
    OtlpReceiver(const OtlpReceiverConfig &config, int id, RecordQueue *queue, std::shared_ptr<LiveStatus> status,
                 QObject *parent = nullptr);
    ~OtlpReceiver() override;

    /// Binds and starts serving; false with the reason when the address is refused or cannot be bound.
    bool listen(QString *error = nullptr);
    void start() override;
    void stop() override;

    bool isListening() const { return m_listening; }
    QHostAddress serverAddress() const { return m_boundAddress; }
    quint16 serverPort() const { return m_boundPort; }
    const OtlpReceiverConfig &config() const { return m_config; }
    OtlpReceiverStats stats() const;
    /// Records accepted but held back until the span naming their workflow arrives (see TraceStitcher).
    qint64 heldRecords() const;
    /// Total request bytes held by unfinished requests now (the buffer budget in use).
    qint64 bufferedBytes() const;

private:
    void syncStatus();

    OtlpReceiverConfig m_config;
    std::unique_ptr<OtlpReceiverCounters> m_counters;
    std::unique_ptr<OtlpRequestHandler> m_handler;
    std::vector<QThread *> m_threads;
    std::vector<OtlpWorker *> m_workers;
    QObject *m_listener = nullptr; // lives on the first connection thread
    QTimer *m_statusTimer;
    QHostAddress m_boundAddress;
    quint16 m_boundPort = 0;
    qint64 m_syncedBytes = 0;
    bool m_listening = false;
};

} // namespace Apprentice
