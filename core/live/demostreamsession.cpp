#include "demostreamsession.h"

#include "hostport.h"
#include "httpresponse.h"
#include "simulator/exportwriter.h"

#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

constexpr qint64 MaxBacklogBytes = 1 << 20; // written but not yet taken by the client
constexpr int MaxExecutionsPerTurn = 2000;

HttpRequestParser::Limits requestLimits()
{
    HttpRequestParser::Limits limits;
    limits.maxHeaderBytes = 16 * 1024;
    limits.maxBodyBytes = 64 * 1024;
    return limits;
}

constexpr const char *HelpText =
    "Apprentice demo stream: the built-in process_customer_order workflow, simulated live.\n"
    "  GET /records   JSON Lines records (chunked), one per line\n"
    "  GET /events    the same records as Server-Sent Events (id = record number; resumes after Last-Event-ID)\n";

} // namespace

DemoStreamSession::DemoStreamSession(QTcpSocket *socket, const DemoStreamConfig &config, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_config(config)
    , m_parser(requestLimits())
    , m_sim(config.seed, config.startMs)
    , m_tick(new QTimer(this))
{
    m_socket->setParent(this);
    m_sim.setRatePerDay(config.ratePerDay);
    if (config.scenario != Situation::Normal)
        m_sim.schedule(config.scenario, config.scenarioAt);
    m_tick->setInterval(std::max(1, config.tickMs));
    connect(m_tick, &QTimer::timeout, this, &DemoStreamSession::produce);
    connect(m_socket, &QTcpSocket::readyRead, this, &DemoStreamSession::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &DemoStreamSession::finish);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_mode == Mode::Done && m_socket->bytesToWrite() == 0)
            m_socket->disconnectFromHost();
        else if ((m_mode == Mode::Ndjson || m_mode == Mode::Sse) && m_socket->bytesToWrite() < MaxBacklogBytes / 4)
            produce(); // the client caught up: an unpaced stream continues at once
    });
}

void DemoStreamSession::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    if (m_mode != Mode::Request)
        return; // a streaming response has no further requests to read
    m_parser.append(bytes);
    for (;;) {
        switch (m_parser.parse()) {
        case HttpRequestParser::Status::NeedMore:
            return;
        case HttpRequestParser::Status::HeadersReady:
            continue;
        case HttpRequestParser::Status::Complete:
            answer(m_parser.request());
            return;
        case HttpRequestParser::Status::Failed:
            reply(m_parser.errorStatus(), "text/plain; charset=utf-8", m_parser.errorMessage().toUtf8() + '\n');
            return;
        }
    }
}

void DemoStreamSession::answer(const HttpRequest &request)
{
    const QByteArray path = request.path();
    emit started(formatHostPort(m_socket->peerAddress(), m_socket->peerPort()), QString::fromUtf8(path));
    if (request.method != "GET") {
        reply(405, "text/plain; charset=utf-8", "use GET\n");
        return;
    }
    if (path == "/")
        reply(200, "text/plain; charset=utf-8", HelpText);
    else if (path == "/records" || path == "/ndjson")
        beginStream(Mode::Ndjson, 0);
    else if (path == "/events" || path == "/sse")
        beginStream(Mode::Sse, std::max<qint64>(0, request.header("Last-Event-ID").trimmed().toLongLong()));
    else
        reply(404, "text/plain; charset=utf-8", QByteArray("not found; try /records or /events\n"));
}

void DemoStreamSession::reply(int status, const QByteArray &contentType, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.contentType = contentType;
    r.body = body;
    r.close = true;
    m_mode = Mode::Done;
    m_socket->write(r.serialize(false));
}

void DemoStreamSession::beginStream(Mode mode, qint64 resumeAfter)
{
    m_mode = mode;
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: ";
    head += mode == Mode::Sse ? "text/event-stream; charset=utf-8" : "application/x-ndjson";
    head += "\r\nCache-Control: no-cache\r\nX-Accel-Buffering: no\r\nTransfer-Encoding: chunked\r\n\r\n";
    m_socket->write(head);
    if (mode == Mode::Sse)
        writeChunk("retry: 1000\n\n");

    // The same seed gives the same records: skip what the client already has.
    while (m_sent < resumeAfter && (m_config.maxExecutions < 0 || m_sim.executions() < m_config.maxExecutions)) {
        const int n = m_sim.nextExecution(m_records);
        for (int k = 0; k < n; ++k) {
            if (m_sent < resumeAfter)
                ++m_sent;
            else
                m_carry.push_back(m_records[size_t(k)]);
        }
    }
    m_wall.start();
    const double speed = m_config.speed > 0 ? m_config.speed : SimulationPacer::Unlimited;
    m_pacer.setSpeed(speed, 0, m_sim.simulatedTimeMs());
    m_pacer.start(0, m_sim.simulatedTimeMs());
    m_tick->start();
    produce();
}

void DemoStreamSession::produce()
{
    if (m_mode != Mode::Ndjson && m_mode != Mode::Sse)
        return;
    std::string out;
    std::string line;
    const auto append = [&](const Record &r) {
        ++m_sent;
        if (m_mode == Mode::Ndjson) {
            ExportWriter::appendLine(out, r);
            return;
        }
        line.clear();
        ExportWriter::appendLine(line, r);
        line.pop_back(); // its newline: the event's blank line ends it instead
        out += "id: ";
        out += std::to_string(m_sent);
        out += "\ndata: ";
        out += line;
        out += "\n\n";
    };
    for (const Record &r : m_carry)
        append(r);
    m_carry.clear();

    const qint64 nowMs = m_wall.elapsed();
    const qint64 target = m_pacer.targetMs(nowMs);
    bool ended = false;
    for (int turn = 0; turn < MaxExecutionsPerTurn; ++turn) {
        if (m_socket->bytesToWrite() + qint64(out.size()) >= MaxBacklogBytes)
            break;
        if (m_config.maxExecutions >= 0 && m_sim.executions() >= m_config.maxExecutions) {
            ended = true;
            break;
        }
        if (m_sim.nextArrivalMs() > target)
            break;
        const int n = m_sim.nextExecution(m_records);
        for (int k = 0; k < n; ++k)
            append(m_records[size_t(k)]);
    }
    if (!out.empty()) {
        writeChunk(out);
        m_lastWriteMs = nowMs;
    } else if (nowMs - m_lastWriteMs >= m_config.heartbeatMs) {
        writeChunk(m_mode == Mode::Sse ? ": keep-alive\n\n" : "\n");
        m_lastWriteMs = nowMs;
    }
    if (ended)
        endStream();
}

void DemoStreamSession::writeChunk(const std::string &payload)
{
    QByteArray chunk = QByteArray::number(qulonglong(payload.size()), 16);
    chunk += "\r\n";
    chunk.append(payload.data(), qsizetype(payload.size()));
    chunk += "\r\n";
    m_socket->write(chunk);
}

void DemoStreamSession::endStream()
{
    m_tick->stop();
    m_mode = Mode::Done;
    m_socket->write("0\r\n\r\n");
    if (m_socket->bytesToWrite() == 0)
        m_socket->disconnectFromHost();
}

void DemoStreamSession::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_tick->stop();
    emit finished(this);
}

} // namespace Apprentice
