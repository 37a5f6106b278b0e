#include "pricetable.h"

#include "resources.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Apprentice {

PriceTable PriceTable::builtIn()
{
    ensureResources();
    QFile f(QStringLiteral(":/prices.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return fromJson(f.readAll());
}

PriceTable PriceTable::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("price table: %1").arg(pe.errorString());
        return {};
    }
    PriceTable t;
    const QJsonObject root = doc.object();
    t.m_asOf = root.value(u"as_of").toString();
    for (const QJsonValue &v : root.value(u"models").toArray()) {
        const QJsonObject o = v.toObject();
        ModelPrice p;
        p.provider = o.value(u"provider").toString();
        p.model = o.value(u"model").toString();
        p.inputUsdPerMTok = o.value(u"in").toDouble();
        p.outputUsdPerMTok = o.value(u"out").toDouble();
        p.cachedInputUsdPerMTok = o.value(u"cached_in").toDouble(o.value(u"cache_read").toDouble(-1));
        p.asOf = o.value(u"as_of").toString();
        p.source = o.value(u"source").toString();
        if (!p.provider.isEmpty() && !p.model.isEmpty())
            t.m_entries.push_back(p);
    }
    return t;
}

std::optional<ModelPrice> PriceTable::lookup(ProviderKind provider, const QString &model) const
{
    const QString name = providerKindName(provider);
    const ModelPrice *best = nullptr;
    qsizetype bestLength = -1;
    for (const ModelPrice &p : m_entries) {
        if (p.provider != name)
            continue;
        qsizetype length = -1;
        if (p.model.endsWith(u'*')) {
            const QStringView prefix = QStringView(p.model).chopped(1);
            if (model.startsWith(prefix))
                length = prefix.size();
        } else if (p.model == model) {
            length = p.model.size() + 1; // an exact id beats any prefix of the same length
        }
        if (length > bestLength) {
            best = &p;
            bestLength = length;
        }
    }
    if (!best)
        return std::nullopt;
    return *best;
}

} // namespace Apprentice
