#pragma once

#include "chatrequest.h"
#include "providerreply.h"
#include "retrypolicy.h"
#include "tierconfig.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Apprentice {

/// One LLM protocol. The base class owns the HTTP exchange: API key from the environment,
/// per-attempt timeout, bounded retries with retry-after/backoff, redacted request/response records.
/// Subclasses only map a ChatRequest onto their wire format and read the answer back.
class LlmProvider : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ProviderReply &)>;

    LlmProvider(const TierConfig &tier, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~LlmProvider() override;

    /// The provider for `tier`; nullptr for the rules tier (it needs no network).
    static LlmProvider *create(const TierConfig &tier, QNetworkAccessManager *network, QObject *parent = nullptr);

    const TierConfig &tier() const { return m_tier; }
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    const RetryPolicy &retryPolicy() const { return m_policy; }

    /// Sends one request; `done` is called exactly once, always asynchronously (also on abort()).
    void chat(const ChatRequest &request, Callback done);
    /// Ends the call in flight; its callback gets ProviderError::Cancelled.
    void abort();
    bool isBusy() const { return bool(m_done); }

    /// The key from the environment variable the tier names; empty and a message naming the
    /// variable when it is named but unset (or required and not named).
    QString apiKey(QString *missingMessage = nullptr) const;
    /// Whether this protocol can work without a key (local servers).
    virtual bool keyOptional() const { return true; }

    /// Joins the server root and an API path, accepting a base with or without a trailing /v1.
    static QUrl joinUrl(const QString &base, const QString &pathWithV1);
    /// Tolerant error-body reading: {"error":{"message","type","code"}}, {"error":"…"}, flat {"message","code"},
    /// Anthropic {"type":"error","error":{"type","message","details":{"error_code"}}}; non-JSON bodies as text.
    static void readErrorBody(const QByteArray &body, QString &message, QString &code);

protected:
    virtual QUrl chatUrl() const = 0;
    virtual QJsonObject chatBody(const ChatRequest &request) const = 0;
    virtual void setAuthHeaders(QNetworkRequest &request, const QString &key) const = 0;
    /// Reads answer text, tokens and finish reason from a 2xx body; false + reply.error when the shape is wrong.
    virtual bool readChatResponse(const QJsonObject &body, ProviderReply &reply) const = 0;

private:
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    void scheduleRetry(const QString &why, qint64 waitMs, const QString &waitSource);
    void finish(ProviderError kind, const QString &error);
    QString redact(QString text) const;

    TierConfig m_tier;
    QPointer<QNetworkAccessManager> m_network;
    RetryPolicy m_policy;
    Callback m_done;
    QNetworkRequest m_request;
    QByteArray m_body;
    QString m_key;
    ProviderReply m_reply;
    QPointer<QNetworkReply> m_inFlight;
    QTimer *m_timeout = nullptr;
    QTimer *m_retryTimer = nullptr;
    QElapsedTimer m_clock;
    bool m_timedOut = false;
    int m_maxAttempts = 1;
};

} // namespace Apprentice
