#pragma once

#include "backoff.h"
#include "linesplitter.h"
#include "livebatch.h"
#include "livesource.h"
#include "sseparser.h"
#include "streamclientconfig.h"

#include <QPointer>

#include <string_view>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Apprentice {

/// A pull connection to an HTTP endpoint that streams records, as JSON Lines (chunked) or as Server-Sent Events.
/// Reads as data arrives, reconnects with exponential backoff and jitter when the stream fails or ends (SSE:
/// resuming with Last-Event-ID and honouring `retry:`), and stops reading while the queue is full, so a fast
/// server is slowed by TCP rather than filling memory. Stops for good on HTTP 204, as SSE asks.
class StreamClient : public LiveSource
{
    Q_OBJECT
public:
    StreamClient(const StreamClientConfig &config, int id, RecordQueue *queue, std::shared_ptr<LiveStatus> status,
                 QObject *parent = nullptr);
    ~StreamClient() override;

    void start() override;
    void stop() override;

    const StreamClientConfig &config() const { return m_config; }
    /// Connection attempts so far (the first included).
    int attempts() const { return m_attempts; }

private:
    void connectNow();
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    void finishReply();
    void readSome();
    void consume(std::string_view bytes);
    void handleLine(std::string_view line, bool tooLong);
    bool flushPending();
    void onPushTimer();
    void retryLater(const QString &why);
    void abortReply();

    StreamClientConfig m_config;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer;
    QTimer *m_pushTimer;
    LineSplitter m_lines;
    SseParser m_sse;
    Backoff m_backoff;
    LiveBatch m_pending;
    QString m_failure; ///< why the current reply was aborted by us
    qint64 m_lineNo = 0;
    int m_attempts = 0;
    bool m_sseMode = false;
    bool m_stopped = true;
    bool m_receivedData = false;
    bool m_replyDone = false; ///< the reply finished; what it still holds is being pushed
};

} // namespace Apprentice
