#include "tierladder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QUrl>

namespace Apprentice {

namespace {

const QStringList &knownKeys()
{
    static const QStringList keys = {
        QStringLiteral("name"), QStringLiteral("provider"), QStringLiteral("base_url"), QStringLiteral("model"),
        QStringLiteral("accept_confidence"), QStringLiteral("api_key_env"), QStringLiteral("input_usd_per_mtok"),
        QStringLiteral("output_usd_per_mtok"), QStringLiteral("timeout_s"), QStringLiteral("max_tokens"),
        QStringLiteral("structured_output"), QStringLiteral("temperature"), QStringLiteral("max_attempts"),
        QStringLiteral("comment")};
    return keys;
}

class TierReader
{
public:
    TierReader(const QJsonObject &o, int index, QStringList &errors) : m_o(o), m_errors(errors)
    {
        m_prefix = QStringLiteral("tiers[%1].").arg(index);
    }

    void fail(const QString &key, const QString &message) { m_errors << m_prefix % key % u": " % message; }

    QString string(const QString &key, bool required)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, QStringLiteral("is required"));
            return {};
        }
        if (!v.isString()) {
            fail(key, QStringLiteral("must be a string"));
            return {};
        }
        return v.toString();
    }

    double number(const QString &key, double fallback, double min, double max)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isDouble()) {
            fail(key, QStringLiteral("must be a number"));
            return fallback;
        }
        const double d = v.toDouble();
        if (d < min || d > max) {
            fail(key, max >= 1e300 ? QStringLiteral("must be at least %1").arg(min)
                                   : QStringLiteral("must be between %1 and %2").arg(min).arg(max));
            return fallback;
        }
        return d;
    }

    bool boolean(const QString &key, bool fallback)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool()) {
            fail(key, QStringLiteral("must be true or false"));
            return fallback;
        }
        return v.toBool();
    }

    const QJsonObject &object() const { return m_o; }

private:
    const QJsonObject &m_o;
    QStringList &m_errors;
    QString m_prefix;
};

bool looksLikeEnvName(const QString &s)
{
    if (s.isEmpty() || s.front().isDigit())
        return false;
    for (QChar c : s) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_')
            return false;
    }
    return true;
}

void checkTier(const TierConfig &t, int i, QStringList &errors)
{
    const QString p = QStringLiteral("tiers[%1].").arg(i);
    if (t.name.trimmed().isEmpty())
        errors << p % u"name: must not be empty";
    if (t.provider == ProviderKind::Rules)
        return;
    if (t.model.trimmed().isEmpty())
        errors << p % u"model: is required for provider " % providerKindName(t.provider);
    const QUrl url(t.baseUrl);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        errors << p % u"base_url: must be an http:// or https:// URL, got \"" % t.baseUrl % u'"';
    if (!t.apiKeyEnv.isEmpty() && !looksLikeEnvName(t.apiKeyEnv))
        errors << p % u"api_key_env: must be the NAME of an environment variable (letters, digits, _), not a key";
    if (t.acceptConfidence < 0 || t.acceptConfidence > 1)
        errors << p % u"accept_confidence: must be between 0 and 1";
    if (t.timeoutS <= 0)
        errors << p % u"timeout_s: must be greater than 0";
    if (t.inputUsdPerMTok < 0)
        errors << p % u"input_usd_per_mtok: must be at least 0";
    if (t.outputUsdPerMTok < 0)
        errors << p % u"output_usd_per_mtok: must be at least 0";
}

} // namespace

TierLadder TierLadder::defaultLadder()
{
    TierConfig rules;
    rules.name = QStringLiteral("rules");
    rules.provider = ProviderKind::Rules;
    rules.model = QStringLiteral("built-in");
    rules.acceptConfidence = 0;
    return TierLadder({rules});
}

TierLadder TierLadder::effective(const QByteArray &json)
{
    if (json.trimmed().isEmpty())
        return defaultLadder();
    TierLadder ladder = fromJson(json);
    return ladder.isEmpty() ? defaultLadder() : ladder;
}

TierLadder TierLadder::fromJson(const QByteArray &json, QStringList *errors)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        if (errors)
            *errors << QStringLiteral("not valid JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString());
        return {};
    }
    if (!doc.isObject()) {
        if (errors)
            *errors << QStringLiteral("tiers: the file must hold an object {\"tiers\": [...]}");
        return {};
    }
    return fromJsonObject(doc.object(), errors);
}

TierLadder TierLadder::fromJsonObject(const QJsonObject &root, QStringList *errorsOut)
{
    QStringList errors;
    const QJsonValue tiersValue = root.value(u"tiers");
    if (!tiersValue.isArray()) {
        errors << QStringLiteral("tiers: must be an array of tier objects");
    } else if (tiersValue.toArray().isEmpty()) {
        errors << QStringLiteral("tiers: must list at least one tier");
    }
    std::vector<TierConfig> tiers;
    QSet<QString> seen;
    const QJsonArray array = tiersValue.toArray();
    for (int i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            errors << QStringLiteral("tiers[%1]: must be an object").arg(i);
            continue;
        }
        const QJsonObject o = array.at(i).toObject();
        TierReader r(o, i, errors);
        TierConfig t;
        t.name = r.string(QStringLiteral("name"), true).trimmed();
        const QString provider = r.string(QStringLiteral("provider"), true);
        if (!provider.isEmpty() && !providerKindFromName(provider, t.provider))
            r.fail(QStringLiteral("provider"),
                   QStringLiteral("unknown provider \"%1\" (rules, ollama, openai or anthropic)").arg(provider));
        if (o.contains(u"api_key") || o.contains(u"key") || o.contains(u"apiKey"))
            r.fail(QStringLiteral("api_key"),
                   QStringLiteral("keys are never stored in the tiers file; put the key in an environment "
                                  "variable and name that variable in api_key_env"));
        t.baseUrl = r.string(QStringLiteral("base_url"), false).trimmed();
        if (t.baseUrl.isEmpty())
            t.baseUrl = defaultBaseUrl(t.provider);
        t.model = r.string(QStringLiteral("model"), false).trimmed();
        if (t.provider == ProviderKind::Rules && t.model.isEmpty())
            t.model = QStringLiteral("built-in");
        t.acceptConfidence = r.number(QStringLiteral("accept_confidence"), 0.9, 0, 1);
        t.apiKeyEnv = r.string(QStringLiteral("api_key_env"), false).trimmed();
        if (t.apiKeyEnv.isEmpty() && t.provider == ProviderKind::Anthropic)
            t.apiKeyEnv = QStringLiteral("ANTHROPIC_API_KEY");
        t.inputUsdPerMTok = r.number(QStringLiteral("input_usd_per_mtok"), 0, 0, 1e308);
        t.outputUsdPerMTok = r.number(QStringLiteral("output_usd_per_mtok"), 0, 0, 1e308);
        t.timeoutS = r.number(QStringLiteral("timeout_s"), 60, 0.001, 86400);
        t.maxTokens = int(r.number(QStringLiteral("max_tokens"), 1024, 1, 1e6));
        t.structuredOutput = r.boolean(QStringLiteral("structured_output"), true);
        t.sendTemperature = !(o.contains(u"temperature") && o.value(u"temperature").isNull());
        t.maxAttempts = int(r.number(QStringLiteral("max_attempts"), 0, 0, 20));
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!knownKeys().contains(it.key()) && it.key() != u"api_key" && it.key() != u"key" && it.key() != u"apiKey")
                r.fail(it.key(), QStringLiteral("unknown field"));
        }
        if (!t.name.isEmpty()) {
            if (seen.contains(t.name))
                r.fail(QStringLiteral("name"), QStringLiteral("duplicate tier name \"%1\"").arg(t.name));
            seen.insert(t.name);
        }
        checkTier(t, i, errors);
        tiers.push_back(t);
    }
    errors.removeDuplicates();
    if (!errors.isEmpty()) {
        if (errorsOut)
            *errorsOut << errors;
        return {};
    }
    return TierLadder(std::move(tiers));
}

TierLadder TierLadder::fromFile(const QString &path, QStringList *errors)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (errors)
            *errors << QStringLiteral("%1: %2").arg(path, f.errorString());
        return {};
    }
    QStringList local;
    TierLadder ladder = fromJson(f.readAll(), &local);
    if (errors) {
        for (const QString &e : std::as_const(local))
            *errors << path % u": " % e;
    }
    return ladder;
}

QStringList TierLadder::validate() const
{
    QStringList errors;
    if (m_tiers.empty())
        errors << QStringLiteral("tiers: must list at least one tier");
    QSet<QString> seen;
    for (int i = 0; i < size(); ++i) {
        const TierConfig &t = m_tiers[size_t(i)];
        if (seen.contains(t.name))
            errors << QStringLiteral("tiers[%1].name: duplicate tier name \"%2\"").arg(i).arg(t.name);
        seen.insert(t.name);
        checkTier(t, i, errors);
    }
    return errors;
}

QJsonObject tierToJson(const TierConfig &t)
{
    QJsonObject o;
    o.insert(u"name", t.name);
    o.insert(u"provider", providerKindName(t.provider));
    if (t.provider != ProviderKind::Rules) {
        o.insert(u"base_url", t.baseUrl);
        o.insert(u"model", t.model);
    }
    o.insert(u"accept_confidence", t.acceptConfidence);
    if (t.provider != ProviderKind::Rules) {
        if (!t.apiKeyEnv.isEmpty())
            o.insert(u"api_key_env", t.apiKeyEnv);
        o.insert(u"input_usd_per_mtok", t.inputUsdPerMTok);
        o.insert(u"output_usd_per_mtok", t.outputUsdPerMTok);
        o.insert(u"timeout_s", t.timeoutS);
        o.insert(u"max_tokens", t.maxTokens);
        if (!t.structuredOutput)
            o.insert(u"structured_output", false);
        if (!t.sendTemperature)
            o.insert(u"temperature", QJsonValue::Null);
        if (t.maxAttempts > 0)
            o.insert(u"max_attempts", t.maxAttempts);
    }
    return o;
}

QJsonObject TierLadder::toJson() const
{
    QJsonArray array;
    for (const TierConfig &t : m_tiers)
        array.append(tierToJson(t));
    QJsonObject root;
    root.insert(u"tiers", array);
    return root;
}

bool TierLadder::saveToFile(const QString &path, QString *error) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    f.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!f.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

int TierLadder::indexOf(const QString &name) const
{
    for (int i = 0; i < size(); ++i) {
        if (m_tiers[size_t(i)].name == name)
            return i;
    }
    return -1;
}

QStringList TierLadder::names() const
{
    QStringList out;
    for (const TierConfig &t : m_tiers)
        out << t.name;
    return out;
}

TierLadder TierLadder::only(const QString &name) const
{
    const int i = indexOf(name);
    if (i < 0)
        return {};
    return TierLadder({m_tiers[size_t(i)]});
}

} // namespace Apprentice
