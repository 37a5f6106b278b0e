#include "diagnosisjson.h"

#include "resources.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace Apprentice {

QJsonObject diagnosisSchema()
{
    static const QJsonObject schema = [] {
        ensureResources();
        QFile f(QStringLiteral(":/prompts/diagnosis.schema.json"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("diagnosis schema resource missing");
        return QJsonDocument::fromJson(f.readAll()).object();
    }();
    return schema;
}

QJsonObject diagnosisToJson(const Diagnosis &d)
{
    QJsonObject m;
    m.insert(u"kind", d.mutation.kind.isEmpty() ? QStringLiteral("none") : d.mutation.kind);
    m.insert(u"description", d.mutation.description);
    m.insert(u"expected_effect", d.mutation.expectedEffect);
    QJsonObject o;
    o.insert(u"status", statusName(d.status));
    o.insert(u"confidence", d.confidence);
    o.insert(u"root_cause", d.rootCause);
    o.insert(u"evidence", QJsonArray::fromStringList(d.evidence));
    o.insert(u"action", actionName(d.action));
    o.insert(u"proposed_mutation", m);
    return o;
}

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

bool diagnosisFromJson(const QJsonObject &o, Diagnosis &out, QString *error)
{
    Diagnosis d;
    const QJsonValue status = o.value(u"status");
    if (!status.isString())
        return fail(error, QStringLiteral("field \"status\" is required: one of NORMAL, SUSPICIOUS, BROKEN"));
    // Small models write enum values in any case; the meaning is unambiguous.
    if (!statusFromName(status.toString().trimmed().toUpper(), d.status))
        return fail(error, QStringLiteral("field \"status\" must be NORMAL, SUSPICIOUS or BROKEN, got \"%1\"")
                               .arg(status.toString()));

    const QJsonValue confidence = o.value(u"confidence");
    if (!confidence.isDouble())
        return fail(error, QStringLiteral("field \"confidence\" is required: a number from 0.0 to 1.0"));
    d.confidence = confidence.toDouble();
    if (!std::isfinite(d.confidence) || d.confidence < 0 || d.confidence > 1)
        return fail(error, QStringLiteral("field \"confidence\" must be between 0.0 and 1.0, got %1").arg(d.confidence));

    const QJsonValue rootCause = o.value(u"root_cause");
    if (!rootCause.isString() || rootCause.toString().trimmed().isEmpty())
        return fail(error, QStringLiteral("field \"root_cause\" is required: a non-empty string"));
    d.rootCause = rootCause.toString().trimmed();

    const QJsonValue evidence = o.value(u"evidence");
    if (!evidence.isArray())
        return fail(error, QStringLiteral("field \"evidence\" is required: an array of strings"));
    for (const QJsonValue &e : evidence.toArray()) {
        if (!e.isString())
            return fail(error, QStringLiteral("field \"evidence\" must contain only strings"));
        d.evidence << e.toString();
    }

    const QJsonValue action = o.value(u"action");
    if (!action.isString())
        return fail(error, QStringLiteral("field \"action\" is required: one of UPDATE_PROFILE, EVOLVE_WORKFLOW, "
                                          "RECOVER, IGNORE, ESCALATE_TO_HUMAN"));
    if (!actionFromName(action.toString().trimmed().toUpper(), d.action))
        return fail(error, QStringLiteral("field \"action\" must be UPDATE_PROFILE, EVOLVE_WORKFLOW, RECOVER, IGNORE "
                                          "or ESCALATE_TO_HUMAN, got \"%1\"")
                               .arg(action.toString()));

    const QJsonValue mutation = o.value(u"proposed_mutation");
    if (mutation.isObject()) {
        const QJsonObject m = mutation.toObject();
        for (const char16_t *key : {u"kind", u"description", u"expected_effect"}) {
            const QJsonValue v = m.value(QStringView(key));
            if (!v.isUndefined() && !v.isNull() && !v.isString())
                return fail(error, QStringLiteral("field \"proposed_mutation.%1\" must be a string")
                                       .arg(QStringView(key)));
        }
        d.mutation.kind = m.value(u"kind").toString().trimmed();
        if (d.mutation.kind == u"none")
            d.mutation.kind.clear();
        d.mutation.description = m.value(u"description").toString().trimmed();
        d.mutation.expectedEffect = m.value(u"expected_effect").toString().trimmed();
    } else if (!mutation.isUndefined() && !mutation.isNull()) {
        return fail(error, QStringLiteral("field \"proposed_mutation\" must be an object {kind, description, expected_effect}"));
    }
    out = d;
    return true;
}

QByteArray extractJsonObject(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    for (qsizetype start = utf8.indexOf('{'); start >= 0; start = utf8.indexOf('{', start + 1)) {
        int depth = 0;
        bool inString = false;
        bool escaped = false;
        for (qsizetype i = start; i < utf8.size(); ++i) {
            const char c = utf8.at(i);
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{') {
                ++depth;
            } else if (c == '}' && --depth == 0) {
                const QByteArray candidate = utf8.mid(start, i - start + 1);
                QJsonParseError pe;
                if (QJsonDocument::fromJson(candidate, &pe).isObject())
                    return candidate;
                break;
            }
        }
    }
    return {};
}

bool parseDiagnosisText(const QString &text, Diagnosis &out, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(error, QStringLiteral("the reply was empty; expected one JSON object"));
    QJsonParseError pe;
    QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &pe);
    if (!doc.isObject()) {
        const QByteArray embedded = extractJsonObject(trimmed);
        if (embedded.isEmpty()) {
            return fail(error, pe.error != QJsonParseError::NoError
                                   ? QStringLiteral("the reply is not valid JSON (%1 at offset %2)")
                                         .arg(pe.errorString()).arg(pe.offset)
                                   : QStringLiteral("the reply is JSON but not an object"));
        }
        doc = QJsonDocument::fromJson(embedded);
    }
    return diagnosisFromJson(doc.object(), out, error);
}

} // namespace Apprentice
