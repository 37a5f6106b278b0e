#include "llmprovider.h"

#include "anthropicprovider.h"
#include "ollamaprovider.h"
#include "openaiprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <cmath>

namespace Apprentice {

QString providerErrorName(ProviderError e)
{
    switch (e) {
    case ProviderError::None: return QStringLiteral("none");
    case ProviderError::MissingApiKey: return QStringLiteral("missing_api_key");
    case ProviderError::ConnectionFailed: return QStringLiteral("connection_failed");
    case ProviderError::Timeout: return QStringLiteral("timeout");
    case ProviderError::Http: return QStringLiteral("http_error");
    case ProviderError::QuotaExhausted: return QStringLiteral("quota_exhausted");
    case ProviderError::BadResponse: return QStringLiteral("bad_response");
    case ProviderError::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

LlmProvider::LlmProvider(const TierConfig &tier, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_tier(tier), m_network(network), m_timeout(new QTimer(this)), m_retryTimer(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    m_timeout->setTimerType(Qt::PreciseTimer);
    m_retryTimer->setSingleShot(true);
    m_retryTimer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire before the server said it may
    connect(m_timeout, &QTimer::timeout, this, &LlmProvider::onTimeout);
    connect(m_retryTimer, &QTimer::timeout, this, &LlmProvider::sendAttempt);
}

LlmProvider::~LlmProvider()
{
    if (m_inFlight) {
        m_inFlight->disconnect(this);
        m_inFlight->abort();
        m_inFlight->deleteLater();
    }
}

LlmProvider *LlmProvider::create(const TierConfig &tier, QNetworkAccessManager *network, QObject *parent)
{
    switch (tier.provider) {
    case ProviderKind::Rules: return nullptr;
    case ProviderKind::Ollama: return new OllamaProvider(tier, network, parent);
    case ProviderKind::OpenAi: return new OpenAiProvider(tier, network, parent);
    case ProviderKind::Anthropic: return new AnthropicProvider(tier, network, parent);
    }
    return nullptr;
}

QString LlmProvider::apiKey(QString *missingMessage) const
{
    if (m_tier.apiKeyEnv.isEmpty()) {
        if (!keyOptional() && missingMessage)
            *missingMessage = QStringLiteral("tier \"%1\" needs an API key: name the environment variable that holds it "
                                             "in api_key_env")
                                  .arg(m_tier.name);
        return {};
    }
    const QString key = qEnvironmentVariable(m_tier.apiKeyEnv.toLocal8Bit().constData()).trimmed();
    if (key.isEmpty() && missingMessage)
        *missingMessage = QStringLiteral("environment variable %1 is not set (tier \"%2\" reads its API key from it)")
                              .arg(m_tier.apiKeyEnv, m_tier.name);
    return key;
}

QUrl LlmProvider::joinUrl(const QString &base, const QString &pathWithV1)
{
    QString b = base.trimmed();
    while (b.endsWith(u'/'))
        b.chop(1);
    QString path = pathWithV1;
    if (b.endsWith(u"/v1") && path.startsWith(u"/v1/"))
        path = path.mid(3);
    return QUrl(b + path);
}

void LlmProvider::readErrorBody(const QByteArray &body, QString &message, QString &code)
{
    message.clear();
    code.clear();
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject()) {
        message = QString::fromUtf8(body.left(300)).simplified();
        return;
    }
    const QJsonObject root = doc.object();
    auto codeOf = [](const QJsonValue &v) -> QString {
        if (v.isString())
            return v.toString();
        if (v.isDouble())
            return QString::number(v.toInt());
        return {};
    };
    const QJsonValue error = root.value(u"error");
    if (error.isObject()) {
        const QJsonObject e = error.toObject();
        message = e.value(u"message").toString();
        // The most specific code wins: Anthropic's details.error_code, then OpenAI's code, then the type.
        const QString detail = e.value(u"details").toObject().value(u"error_code").toString();
        const QString c = codeOf(e.value(u"code"));
        const QString type = e.value(u"type").toString();
        if (!detail.isEmpty())
            code = detail;
        else if (!c.isEmpty() && !(e.value(u"code").isDouble() && !type.isEmpty()))
            code = c;
        else if (!type.isEmpty())
            code = type;
        else
            code = c;
        // insufficient_quota sometimes arrives only as the type.
        if (type == u"insufficient_quota")
            code = type;
    } else if (error.isString()) {
        message = error.toString();
    } else {
        message = root.value(u"message").toString();
        code = codeOf(root.value(u"code"));
        if (code.isEmpty())
            code = root.value(u"type").toString();
    }
    if (message.isEmpty())
        message = QString::fromUtf8(body.left(300)).simplified();
}

void LlmProvider::chat(const ChatRequest &request, Callback done)
{
    Q_ASSERT(!m_done);
    m_done = std::move(done);
    m_reply = ProviderReply();
    m_clock.start();
    m_maxAttempts = std::max(1, m_tier.maxAttempts > 0 ? m_tier.maxAttempts : m_policy.maxAttempts);

    QString missing;
    m_key = apiKey(&missing);
    if (!missing.isEmpty()) {
        QMetaObject::invokeMethod(this, [this, missing] { finish(ProviderError::MissingApiKey, missing); },
                                  Qt::QueuedConnection);
        return;
    }

    m_request = QNetworkRequest(chatUrl());
    m_request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    m_request.setRawHeader("Accept", "application/json");
    m_request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    setAuthHeaders(m_request, m_key);
    m_body = QJsonDocument(chatBody(request)).toJson(QJsonDocument::Compact);

    QString record = QStringLiteral("POST %1\n").arg(m_request.url().toString());
    const QList<QByteArray> headerNames = m_request.rawHeaderList();
    for (const QByteArray &name : headerNames) {
        const QByteArray lower = name.toLower();
        const bool secret = lower == "authorization" || lower == "x-api-key" || lower == "api-key";
        record += QString::fromLatin1(name) % u": "
                  % (secret ? QStringLiteral("<redacted: $%1>").arg(m_tier.apiKeyEnv)
                            : QString::fromLatin1(m_request.rawHeader(name)))
                  % u'\n';
    }
    record += u'\n' % QString::fromUtf8(m_body);
    m_reply.request = redact(record);
    sendAttempt();
}

void LlmProvider::sendAttempt()
{
    if (!m_done)
        return;
    if (!m_network) {
        finish(ProviderError::ConnectionFailed, QStringLiteral("no network access manager"));
        return;
    }
    ++m_reply.httpAttempts;
    m_timedOut = false;
    QNetworkReply *reply = m_network->post(m_request, m_body);
    m_inFlight = reply;
    connect(reply, &QNetworkReply::finished, this, &LlmProvider::onReplyFinished);
    m_timeout->start(int(std::min(m_tier.timeoutS * 1000.0, 2.0e9)));
}

void LlmProvider::onTimeout()
{
    if (m_inFlight) {
        m_timedOut = true;
        m_inFlight->abort(); // finished() follows and reports the timeout
    }
}

void LlmProvider::onReplyFinished()
{
    QNetworkReply *reply = m_inFlight;
    if (!reply || sender() != reply)
        return;
    m_inFlight.clear();
    m_timeout->stop();
    reply->deleteLater();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QString url = m_request.url().toString();
    m_reply.httpStatus = status;
    if (status > 0) {
        QString record = QStringLiteral("HTTP %1 %2\n")
                             .arg(status)
                             .arg(QString::fromLatin1(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray()));
        const auto headers = reply->rawHeaderPairs();
        for (const auto &h : headers)
            record += QString::fromLatin1(h.first) % u": " % QString::fromLatin1(h.second) % u'\n';
        record += u'\n' % QString::fromUtf8(body);
        m_reply.response = redact(record);
    } else {
        m_reply.response.clear();
    }

    if (m_timedOut) {
        finish(ProviderError::Timeout,
               QStringLiteral("no answer from %1 within %2 s").arg(url).arg(m_tier.timeoutS));
        return;
    }

    if (status == 0) {
        const QNetworkReply::NetworkError err = reply->error();
        const bool transient = err == QNetworkReply::ConnectionRefusedError || err == QNetworkReply::RemoteHostClosedError
                               || err == QNetworkReply::TemporaryNetworkFailureError
                               || err == QNetworkReply::NetworkSessionFailedError
                               || err == QNetworkReply::UnknownNetworkError
                               || err == QNetworkReply::ProxyConnectionClosedError;
        const QString why = QStringLiteral("cannot reach %1: %2").arg(url, reply->errorString());
        if (transient && m_reply.httpAttempts < m_maxAttempts) {
            scheduleRetry(why, m_policy.backoffMs(m_reply.httpAttempts - 1), QStringLiteral("backoff"));
            return;
        }
        finish(ProviderError::ConnectionFailed,
               m_reply.httpAttempts > 1 ? why % QStringLiteral(" (after %1 attempts)").arg(m_reply.httpAttempts) : why);
        return;
    }

    if (status >= 200 && status < 300) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
        if (!doc.isObject()) {
            finish(ProviderError::BadResponse,
                   QStringLiteral("HTTP %1 from %2 but the body is not a JSON object (%3)").arg(status).arg(url, pe.errorString()));
            return;
        }
        const QJsonObject root = doc.object();
        if (root.contains(u"error") && !root.value(u"error").isNull()) {
            QString message, code;
            readErrorBody(body, message, code);
            finish(ProviderError::BadResponse, QStringLiteral("HTTP %1 from %2 carried an error: %3").arg(status).arg(url, message));
            return;
        }
        if (!readChatResponse(root, m_reply)) {
            if (m_reply.error.isEmpty())
                m_reply.error = QStringLiteral("unexpected response shape");
            finish(ProviderError::BadResponse, m_reply.error);
            return;
        }
        finish(ProviderError::None, {});
        return;
    }

    QString message, code;
    readErrorBody(body, message, code);
    const QString why = QStringLiteral("HTTP %1 from %2: %3%4")
                            .arg(status)
                            .arg(url, message, code.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(code));
    if (RetryPolicy::isTerminalErrorCode(code)) {
        finish(ProviderError::QuotaExhausted, why % QStringLiteral(" — not retried: retrying cannot restore the quota"));
        return;
    }
    bool retryable = RetryPolicy::isRetryableStatus(status);
    const QByteArray shouldRetry = reply->rawHeader("x-should-retry").trimmed().toLower();
    if (shouldRetry == "true")
        retryable = true;
    else if (shouldRetry == "false")
        retryable = false;
    if (retryable && m_reply.httpAttempts < m_maxAttempts) {
        const qint64 retryAfter = RetryPolicy::retryAfterMs(reply->rawHeaderPairs());
        if (retryAfter > m_policy.maxRetryAfterMs) {
            finish(ProviderError::Http, why % QStringLiteral(" — the server asked to retry after %1 s, longer than the %2 s "
                                                             "this tier waits")
                                                  .arg(double(retryAfter) / 1000.0)
                                                  .arg(double(m_policy.maxRetryAfterMs) / 1000.0));
            return;
        }
        if (retryAfter >= 0)
            scheduleRetry(why, retryAfter, QStringLiteral("retry-after"));
        else
            scheduleRetry(why, m_policy.backoffMs(m_reply.httpAttempts - 1), QStringLiteral("backoff"));
        return;
    }
    finish(ProviderError::Http,
           m_reply.httpAttempts > 1 ? why % QStringLiteral(" (after %1 attempts)").arg(m_reply.httpAttempts) : why);
}

void LlmProvider::scheduleRetry(const QString &why, qint64 waitMs, const QString &waitSource)
{
    m_reply.retries << redact(QStringLiteral("attempt %1: %2 — waited %3 ms (%4)")
                                  .arg(m_reply.httpAttempts)
                                  .arg(why)
                                  .arg(waitMs)
                                  .arg(waitSource));
    m_retryTimer->start(int(std::clamp<qint64>(waitMs, 0, std::numeric_limits<int>::max())));
}

void LlmProvider::abort()
{
    if (!m_done)
        return;
    m_retryTimer->stop();
    m_timeout->stop();
    if (m_inFlight) {
        QNetworkReply *reply = m_inFlight;
        m_inFlight.clear();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    QMetaObject::invokeMethod(this, [this] { finish(ProviderError::Cancelled, QStringLiteral("cancelled")); },
                              Qt::QueuedConnection);
}

void LlmProvider::finish(ProviderError kind, const QString &error)
{
    if (!m_done)
        return;
    m_reply.errorKind = kind;
    if (kind != ProviderError::None)
        m_reply.error = redact(error);
    m_reply.latencyMs = m_clock.elapsed();
    Callback done = std::move(m_done);
    m_done = nullptr;
    m_key.clear();
    const ProviderReply reply = m_reply; // the callback may start the next request on this provider
    done(reply);
}

QString LlmProvider::redact(QString text) const
{
    // A server may echo the key (e.g. in an authentication error); it must never reach a record.
    if (m_key.size() >= 4)
        text.replace(m_key, QStringLiteral("<redacted: $%1>").arg(m_tier.apiKeyEnv));
    return text;
}

} // namespace Apprentice
