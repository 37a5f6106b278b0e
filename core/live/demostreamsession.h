#pragma once

#include "demostreamconfig.h"
#include "httprequestparser.h"
#include "simulator/demosimulator.h"
#include "simulator/simulationpacer.h"

#include <QElapsedTimer>
#include <QObject>

#include <string>
#include <vector>

class QTcpSocket;
class QTimer;

namespace Apprentice {

/// One client of the demo stream server: reads its GET, then streams demo records as chunked JSON Lines
/// (/records) or Server-Sent Events (/events, resuming after Last-Event-ID), paced by the simulated clock and
/// held back while the client reads slower than records are due.
class DemoStreamSession : public QObject
{
    Q_OBJECT
public:
    DemoStreamSession(QTcpSocket *socket, const DemoStreamConfig &config, QObject *parent = nullptr);

    /// Records written so far.
    qint64 recordsSent() const { return m_sent; }

signals:
    void finished(Apprentice::DemoStreamSession *session);
    /// The request was read; `path` is what it asked for.
    void started(const QString &peer, const QString &path);

private:
    enum class Mode { Request, Ndjson, Sse, Done };

    void onReadyRead();
    void answer(const HttpRequest &request);
    void reply(int status, const QByteArray &contentType, const QByteArray &body);
    void beginStream(Mode mode, qint64 resumeAfter);
    void produce();
    void writeChunk(const std::string &payload);
    void endStream();
    void finish();

    QTcpSocket *m_socket;
    DemoStreamConfig m_config;
    HttpRequestParser m_parser;
    Mode m_mode = Mode::Request;
    DemoSimulator m_sim;
    SimulationPacer m_pacer;
    QElapsedTimer m_wall;
    QTimer *m_tick;
    std::vector<Record> m_records;
    std::vector<Record> m_carry; ///< records of a resumed execution still to send
    qint64 m_sent = 0;
    qint64 m_lastWriteMs = 0;
    bool m_finished = false;
};

} // namespace Apprentice
