#include "modellister.h"

#include "llmprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

#include <algorithm>

namespace Apprentice {

ModelLister::ModelLister(QNetworkAccessManager *network, QObject *parent) : QObject(parent), m_network(network)
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
}

QUrl ModelLister::modelsUrl(const TierConfig &tier)
{
    if (tier.provider == ProviderKind::Ollama)
        return LlmProvider::joinUrl(tier.baseUrl, QStringLiteral("/api/tags"));
    QUrl url = LlmProvider::joinUrl(tier.baseUrl, QStringLiteral("/v1/models"));
    if (tier.provider == ProviderKind::Anthropic) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
        url.setQuery(q);
    }
    return url;
}

QStringList ModelLister::parseModels(ProviderKind provider, const QByteArray &body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    QStringList names;
    if (provider == ProviderKind::Ollama) {
        for (const QJsonValue &m : root.value(u"models").toArray()) {
            const QString name = m.toObject().value(u"name").toString();
            names << (name.isEmpty() ? m.toObject().value(u"model").toString() : name);
        }
    } else {
        for (const QJsonValue &m : root.value(u"data").toArray())
            names << m.toObject().value(u"id").toString();
    }
    names.removeAll(QString());
    names.removeDuplicates();
    std::sort(names.begin(), names.end());
    return names;
}

void ModelLister::fetch(const TierConfig &tier)
{
    if (m_reply) {
        QNetworkReply *old = m_reply;
        m_reply.clear();
        old->disconnect(this);
        old->abort();
        old->deleteLater();
    }
    auto fail = [this](const QString &error) {
        QMetaObject::invokeMethod(this, [this, error] { emit finished({}, error); }, Qt::QueuedConnection);
    };
    if (tier.provider == ProviderKind::Rules) {
        fail(tr("the rules tier has no models to list"));
        return;
    }
    QNetworkRequest request(modelsUrl(tier));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(int(std::clamp(tier.timeoutS, 1.0, 30.0) * 1000));
    if (!tier.apiKeyEnv.isEmpty()) {
        const QByteArray key = qgetenv(tier.apiKeyEnv.toLocal8Bit().constData()).trimmed();
        if (key.isEmpty()) {
            fail(tr("environment variable %1 is not set").arg(tier.apiKeyEnv));
            return;
        }
        if (tier.provider == ProviderKind::Anthropic) {
            request.setRawHeader("x-api-key", key);
            request.setRawHeader("anthropic-version", "2023-06-01");
        } else {
            request.setRawHeader("Authorization", "Bearer " + key);
        }
    } else if (tier.provider == ProviderKind::Anthropic) {
        fail(tr("name the environment variable holding the Anthropic key in api_key_env"));
        return;
    }
    QNetworkReply *reply = m_network->get(request);
    m_reply = reply;
    const ProviderKind provider = tier.provider;
    connect(reply, &QNetworkReply::finished, this, [this, reply, provider] {
        reply->deleteLater();
        if (m_reply != reply)
            return;
        m_reply.clear();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (status == 0) {
            emit finished({}, tr("cannot reach %1: %2").arg(reply->url().toString(), reply->errorString()));
            return;
        }
        if (status < 200 || status >= 300) {
            QString message, code;
            LlmProvider::readErrorBody(body, message, code);
            emit finished({}, tr("HTTP %1 from %2: %3").arg(status).arg(reply->url().toString(), message));
            return;
        }
        const QStringList models = parseModels(provider, body);
        emit finished(models, models.isEmpty() ? tr("the server lists no models") : QString());
    });
}

} // namespace Apprentice
