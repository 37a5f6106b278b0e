#pragma once

#include "tierconfig.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Apprentice {

/// Asks a server which models it offers: Ollama GET /api/tags, OpenAI-compatible and Anthropic GET /v1/models.
class ModelLister : public QObject
{
    Q_OBJECT
public:
    explicit ModelLister(QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);

    /// Starts a listing; a listing in flight is abandoned. finished() always follows, asynchronously.
    void fetch(const TierConfig &tier);
    bool isBusy() const { return !m_reply.isNull(); }

    static QUrl modelsUrl(const TierConfig &tier);
    /// Model names from a listing body, sorted; empty when the body has none.
    static QStringList parseModels(ProviderKind provider, const QByteArray &body);

signals:
    void finished(const QStringList &models, const QString &error);

private:
    QPointer<QNetworkAccessManager> m_network;
    QPointer<QNetworkReply> m_reply;
};

} // namespace Apprentice
