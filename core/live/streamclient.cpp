#include "streamclient.h"

#include "batchsink.h"
#include "ingest/importer.h"
#include "recordqueue.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <limits>
#include <string>

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

constexpr qint64 ReadChunk = 64 * 1024;
constexpr qint64 ReplyBufferBytes = 1 << 20;
constexpr int ReadRoundsPerTurn = 16;
constexpr int PushRetryMs = 20;

} // namespace

StreamClient::StreamClient(const StreamClientConfig &config, int id, RecordQueue *queue,
                           std::shared_ptr<LiveStatus> status, QObject *parent)
    : LiveSource(id, queue, std::move(status), parent)
    , m_config(config)
    , m_retryTimer(new QTimer(this))
    , m_pushTimer(new QTimer(this))
    , m_lines(config.maxLineBytes)
    , m_sse(config.maxLineBytes)
    , m_backoff(config.initialBackoffMs, config.maxBackoffMs)
{
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &StreamClient::connectNow);
    m_pushTimer->setSingleShot(true);
    m_pushTimer->setInterval(PushRetryMs);
    connect(m_pushTimer, &QTimer::timeout, this, &StreamClient::onPushTimer);
    m_pending.connection = id;
    m_status->setEndpoint(config.url.toDisplayString(QUrl::RemoveUserInfo));
}

StreamClient::~StreamClient()
{
    stop();
}

void StreamClient::start()
{
    if (!m_stopped)
        return;
    m_stopped = false;
    connectNow();
}

void StreamClient::stop()
{
    if (m_stopped && !m_reply)
        return;
    m_stopped = true;
    m_retryTimer->stop();
    m_pushTimer->stop();
    abortReply();
    flushPending();
    m_status->setState(ConnectionState::Stopped);
}

void StreamClient::abortReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    m_replyDone = false;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void StreamClient::connectNow()
{
    if (m_stopped)
        return;
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    QNetworkRequest request(m_config.url);
    const QByteArray accept = m_config.format == StreamFormat::Sse      ? "text/event-stream"
                              : m_config.format == StreamFormat::Ndjson ? "application/x-ndjson, application/jsonl"
                                                                        : "application/x-ndjson, text/event-stream";
    request.setRawHeader("Accept", accept);
    request.setRawHeader("Cache-Control", "no-cache");
    if (!m_config.bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_config.bearerToken);
    if (!m_sse.lastEventId().empty())
        request.setRawHeader("Last-Event-ID", QByteArray::fromStdString(m_sse.lastEventId()));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(m_config.idleTimeoutMs);

    m_failure.clear();
    m_receivedData = false;
    m_lines.clear();
    m_sse.restart();
    m_sseMode = m_config.format == StreamFormat::Sse;
    ++m_attempts;
    m_status->setState(ConnectionState::Connecting);

    m_reply = m_network->get(request);
    m_reply->setReadBufferSize(ReplyBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &StreamClient::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &StreamClient::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &StreamClient::onFinished);
}

void StreamClient::onMetaDataChanged()
{
    if (!m_reply || !m_failure.isEmpty())
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return;
    if (status < 200 || status >= 300 || status == 204) {
        const QString reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        m_failure = u"HTTP %1 %2"_s.arg(status).arg(reason).trimmed();
        // Qt fails an error status (4xx, 5xx) itself once the body is read (skipped in onReadyRead); aborting it
        // as well would fail it twice. Anything else (204, a redirect not followed) is ended here. onFinished
        // then decides: 204 stops, anything else retries.
        if (status < 400)
            m_reply->abort();
        return;
    }
    if (m_config.format == StreamFormat::Auto) {
        const QByteArray type = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().trimmed().toLower();
        m_sseMode = type.startsWith("text/event-stream");
    }
    m_status->setState(ConnectionState::Connected);
}

void StreamClient::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_failure.isEmpty())
        readSome();
    else
        m_reply->skip(m_reply->bytesAvailable()); // an error page: not records
}

void StreamClient::readSome()
{
    if (!m_reply || m_replyDone || !m_pending.isEmpty())
        return; // waiting for room in the queue; the reply's buffer fills and TCP holds the server back
    for (int round = 0; round < ReadRoundsPerTurn; ++round) {
        if (!m_reply || m_reply->bytesAvailable() <= 0)
            return;
        const QByteArray chunk = m_reply->read(ReadChunk);
        m_status->addBytes(chunk.size());
        consume(std::string_view(chunk.constData(), size_t(chunk.size())));
        if (!flushPending()) {
            m_pushTimer->start();
            return;
        }
    }
    // Yield to the event loop between bursts so stopping or other sources on this thread are not starved.
    if (m_reply && m_reply->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &StreamClient::readSome, Qt::QueuedConnection);
}

void StreamClient::consume(std::string_view bytes)
{
    if (!m_sseMode) {
        m_lines.feed(bytes, [this](std::string_view line, bool tooLong) { handleLine(line, tooLong); });
        return;
    }
    BatchSink sink(m_pending, m_config.maxItemisedRejections);
    m_sse.feed(
        bytes,
        [&](const SseParser::Event &event) {
            ++m_lineNo;
            m_receivedData = true;
            // Named events other than "record" carry something else (status, heartbeats): not records.
            if ((event.type != "message" && event.type != "record") || isBlank(event.data))
                return;
            parseJsonLine(event.data, m_lineNo, sink);
        },
        [&](qint64 size) {
            ++m_lineNo;
            sink.onRejected(m_lineNo, u"event longer than %1 bytes (%2 bytes) dropped"_s.arg(m_config.maxLineBytes).arg(size));
        });
}

void StreamClient::handleLine(std::string_view line, bool tooLong)
{
    ++m_lineNo;
    m_receivedData = true;
    addJsonLine(m_pending, line, m_lineNo, tooLong, m_config.maxLineBytes, m_config.maxItemisedRejections);
}

bool StreamClient::flushPending()
{
    return pushPending(m_pending);
}

void StreamClient::onPushTimer()
{
    if (!flushPending()) {
        m_pushTimer->start();
        return;
    }
    if (m_replyDone)
        finishReply();
    else
        readSome();
}

void StreamClient::onFinished()
{
    if (!m_reply || m_reply != sender())
        return;
    m_replyDone = true;
    finishReply();
}

void StreamClient::finishReply()
{
    if (m_failure.isEmpty()) {
        // What arrived before the end still counts, pushed at the pace the queue allows.
        for (;;) {
            if (!flushPending()) {
                m_pushTimer->start();
                return;
            }
            if (m_reply->bytesAvailable() <= 0)
                break;
            const QByteArray chunk = m_reply->read(ReadChunk);
            m_status->addBytes(chunk.size());
            consume(std::string_view(chunk.constData(), size_t(chunk.size())));
        }
    }
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    m_replyDone = false;
    const bool clean = m_failure.isEmpty() && reply->error() == QNetworkReply::NoError;
    if (clean && !m_sseMode && m_lines.hasPending()) {
        // A last line without its newline counts on a clean end.
        const std::string last(m_lines.pending());
        m_lines.clear();
        handleLine(last, false);
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString why = !m_failure.isEmpty() ? m_failure
                        : clean             ? u"the server ended the stream"_s
                                            : reply->errorString();
    reply->deleteLater();
    if (!flushPending())
        m_pushTimer->start();
    if (m_stopped)
        return;
    if (status == 204) {
        // SSE: 204 No Content means "do not reconnect".
        m_stopped = true;
        m_status->setState(ConnectionState::Stopped, tr("the server asked not to reconnect (%1)").arg(why));
        return;
    }
    retryLater(why);
}

void StreamClient::retryLater(const QString &why)
{
    if (m_receivedData)
        m_backoff.reset();
    if (m_sse.retryMs() > 0)
        m_backoff.setInitialMs(m_sse.retryMs());
    const qint64 delay = m_backoff.nextDelayMs();
    m_status->setState(ConnectionState::Retrying, why);
    m_retryTimer->start(int(std::min<qint64>(delay, std::numeric_limits<int>::max())));
}

} // namespace Apprentice
