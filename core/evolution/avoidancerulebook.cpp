#include "avoidancerulebook.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

namespace Apprentice {

const AvoidanceRule *AvoidanceRuleBook::rule(qint64 id) const
{
    for (const AvoidanceRule &r : m_rules) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

qint64 AvoidanceRuleBook::add(AvoidanceRule rule)
{
    for (const AvoidanceRule &r : m_rules) {
        if (r.sameAs(rule))
            return r.id;
    }
    rule.id = m_nextId++;
    m_rules.push_back(std::move(rule));
    return m_rules.back().id;
}

bool AvoidanceRuleBook::remove(qint64 id)
{
    const auto it = std::find_if(m_rules.begin(), m_rules.end(), [id](const AvoidanceRule &r) { return r.id == id; });
    if (it == m_rules.end())
        return false;
    m_rules.erase(it);
    return true;
}

void AvoidanceRuleBook::clear()
{
    m_rules.clear();
}

void AvoidanceRuleBook::restore(std::vector<AvoidanceRule> rules)
{
    m_rules = std::move(rules);
    m_nextId = 1;
    for (const AvoidanceRule &r : m_rules)
        m_nextId = std::max(m_nextId, r.id + 1);
}

std::vector<const AvoidanceRule *> AvoidanceRuleBook::matching(MutationKind kind, const QString &customKind,
                                                               const QString &workflow, const QString &tool) const
{
    std::vector<const AvoidanceRule *> out;
    for (const AvoidanceRule &r : m_rules) {
        if (r.matches(kind, customKind, workflow, tool))
            out.push_back(&r);
    }
    return out;
}

QByteArray AvoidanceRuleBook::exportJson(qint64 nowMs) const
{
    QJsonObject root;
    root.insert(u"format", formatName());
    root.insert(u"version", FormatVersion);
    root.insert(u"exported", QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(Qt::ISODateWithMs));
    QJsonArray rules;
    for (const AvoidanceRule &r : m_rules)
        rules.append(r.toJson());
    root.insert(u"rules", rules);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool AvoidanceRuleBook::parseJson(const QByteArray &json, std::vector<AvoidanceRule> &out, QStringList *errors)
{
    out.clear();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *errors << QStringLiteral("not valid JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString());
        return false;
    }
    if (!doc.isObject()) {
        *errors << QStringLiteral("expected a JSON object with \"format\", \"version\" and \"rules\"");
        return false;
    }
    const QJsonObject root = doc.object();
    const qsizetype before = errors->size();
    const QJsonValue format = root.value(u"format");
    if (format.isUndefined())
        *errors << QStringLiteral("format: missing (expected \"%1\")").arg(formatName());
    else if (format.toString() != formatName())
        *errors << QStringLiteral("format: expected \"%1\", got %2")
                       .arg(formatName(), format.isString() ? u'"' + format.toString() + u'"' : QStringLiteral("a non-string value"));
    const QJsonValue version = root.value(u"version");
    if (!version.isDouble() || version.toDouble() != std::floor(version.toDouble()) || version.toDouble() < 1)
        *errors << QStringLiteral("version: expected a whole number >= 1");
    else if (version.toInt() > FormatVersion)
        *errors << QStringLiteral("version: %1 is newer than this build reads (%2): use a newer Apprentice")
                       .arg(version.toInt()).arg(FormatVersion);
    const QJsonValue rules = root.value(u"rules");
    if (!rules.isArray()) {
        *errors << QStringLiteral("rules: expected an array");
        return false;
    }
    const QJsonArray array = rules.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("rules[%1]").arg(i);
        if (!array[i].isObject()) {
            *errors << path + QStringLiteral(": expected an object");
            continue;
        }
        AvoidanceRule r;
        if (AvoidanceRule::fromJson(array[i].toObject(), path, r, errors))
            out.push_back(r);
    }
    if (errors->size() != before) {
        out.clear();
        return false;
    }
    return true;
}

AvoidanceRuleBook::ImportReport AvoidanceRuleBook::importJson(const QByteArray &json)
{
    ImportReport report;
    std::vector<AvoidanceRule> parsed;
    if (!parseJson(json, parsed, &report.errors))
        return report;
    for (AvoidanceRule &r : parsed) {
        const bool known = std::any_of(m_rules.begin(), m_rules.end(), [&](const AvoidanceRule &o) { return o.sameAs(r); });
        if (known) {
            ++report.duplicates;
            continue;
        }
        add(std::move(r));
        ++report.added;
    }
    return report;
}

} // namespace Apprentice
