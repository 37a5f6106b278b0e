#include "avoidancerule.h"

#include "globpattern.h"

#include <QDateTime>
#include <QJsonValue>
#include <QStringList>

#include <cmath>

namespace Apprentice {

namespace {

bool validPattern(const QString &p)
{
    if (p.trimmed().isEmpty())
        return false;
    for (QChar c : p) {
        if (c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: return QStringLiteral("missing");
    }
    return {};
}

} // namespace

bool AvoidanceRule::matches(MutationKind proposedKind, const QString &proposedCustomKind, const QString &workflow,
                            const QString &tool) const
{
    if (proposedKind != kind)
        return false;
    if (kind == MutationKind::Custom && !customKind.isEmpty()
        && customKind.compare(proposedCustomKind, Qt::CaseInsensitive) != 0)
        return false;
    // A workflow-wide proposal (no tool) touches every tool, so any tool pattern applies to it.
    if (!tool.isEmpty() && !globMatch(toolPattern, tool))
        return false;
    return workflowPattern.isEmpty() || globMatch(workflowPattern, workflow);
}

bool AvoidanceRule::sameAs(const AvoidanceRule &o) const
{
    const auto eq = [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) == 0; };
    const QString w1 = workflowPattern.isEmpty() ? QStringLiteral("*") : workflowPattern;
    const QString w2 = o.workflowPattern.isEmpty() ? QStringLiteral("*") : o.workflowPattern;
    return kind == o.kind && eq(customKind, o.customKind) && eq(toolPattern, o.toolPattern) && eq(w1, w2)
        && broke.trimmed() == o.broke.trimmed();
}

QString AvoidanceRule::scope() const
{
    const QString k = kind == MutationKind::Custom && !customKind.isEmpty() ? QStringLiteral("custom:") + customKind
                                                                            : mutationKindName(kind);
    const bool anyWorkflow = workflowPattern.isEmpty() || workflowPattern == u"*";
    return QStringLiteral("%1 on %2 (%3)").arg(k, toolPattern,
                                               anyWorkflow ? QStringLiteral("any workflow")
                                                           : QStringLiteral("workflows %1").arg(workflowPattern));
}

QJsonObject AvoidanceRule::toJson() const
{
    QJsonObject o;
    o.insert(u"kind", mutationKindName(kind));
    if (!customKind.isEmpty())
        o.insert(u"custom_kind", customKind);
    o.insert(u"tool", toolPattern);
    o.insert(u"workflow", workflowPattern.isEmpty() ? QStringLiteral("*") : workflowPattern);
    o.insert(u"broke", broke);
    if (!reason.isEmpty())
        o.insert(u"reason", reason);
    if (!sourceWorkflow.isEmpty() || !sourceVersion.isEmpty() || sourceMutation > 0) {
        QJsonObject s;
        if (!sourceWorkflow.isEmpty())
            s.insert(u"workflow", sourceWorkflow);
        if (!sourceVersion.isEmpty())
            s.insert(u"version", sourceVersion);
        if (sourceMutation > 0)
            s.insert(u"mutation", sourceMutation);
        o.insert(u"source", s);
    }
    if (createdMs > 0)
        o.insert(u"created", QDateTime::fromMSecsSinceEpoch(createdMs, Qt::UTC).toString(Qt::ISODateWithMs));
    if (!createdBy.isEmpty())
        o.insert(u"created_by", createdBy);
    return o;
}

bool AvoidanceRule::fromJson(const QJsonObject &o, const QString &path, AvoidanceRule &out, QStringList *errors)
{
    AvoidanceRule r;
    const qsizetype before = errors->size();
    const auto fail = [&](const QString &field, const QString &message) { *errors << path + u'.' + field + u": " + message; };
    const auto string = [&](const QString &field, bool required, QString &target) {
        const QJsonValue v = o.value(field);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(field, QStringLiteral("missing (a string is required)"));
            return;
        }
        if (!v.isString()) {
            fail(field, QStringLiteral("expected a string, got %1").arg(typeName(v)));
            return;
        }
        target = v.toString().trimmed();
        if (required && target.isEmpty())
            fail(field, QStringLiteral("must not be empty"));
    };

    QString kind;
    string(QStringLiteral("kind"), true, kind);
    if (!kind.isEmpty() && !mutationKindFromName(kind, r.kind))
        fail(QStringLiteral("kind"), QStringLiteral("unknown mutation kind \"%1\" (expected one of %2)")
                                         .arg(kind, mutationKindNames().join(QStringLiteral(", "))));
    string(QStringLiteral("custom_kind"), false, r.customKind);
    if (!r.customKind.isEmpty() && r.kind != MutationKind::Custom && errors->size() == before)
        fail(QStringLiteral("custom_kind"), QStringLiteral("only allowed with kind \"custom\""));
    string(QStringLiteral("tool"), true, r.toolPattern);
    if (!r.toolPattern.isEmpty() && !validPattern(r.toolPattern))
        fail(QStringLiteral("tool"), QStringLiteral("not a valid wildcard pattern"));
    r.workflowPattern = QStringLiteral("*");
    string(QStringLiteral("workflow"), false, r.workflowPattern);
    if (r.workflowPattern.isEmpty())
        r.workflowPattern = QStringLiteral("*");
    else if (!validPattern(r.workflowPattern))
        fail(QStringLiteral("workflow"), QStringLiteral("not a valid wildcard pattern"));
    string(QStringLiteral("broke"), true, r.broke);
    string(QStringLiteral("reason"), false, r.reason);
    string(QStringLiteral("created_by"), false, r.createdBy);

    const QJsonValue created = o.value(u"created");
    if (!created.isUndefined() && !created.isNull()) {
        const QDateTime dt = created.isString() ? QDateTime::fromString(created.toString(), Qt::ISODateWithMs) : QDateTime();
        if (!dt.isValid() || dt.timeSpec() == Qt::LocalTime)
            fail(QStringLiteral("created"), QStringLiteral("expected an RFC 3339 time such as 2026-10-31T12:00:00Z"));
        else
            r.createdMs = dt.toMSecsSinceEpoch();
    }

    const QJsonValue source = o.value(u"source");
    if (!source.isUndefined() && !source.isNull()) {
        if (!source.isObject()) {
            fail(QStringLiteral("source"), QStringLiteral("expected an object, got %1").arg(typeName(source)));
        } else {
            const QJsonObject s = source.toObject();
            const auto sourceString = [&](const char16_t *field, QString &target) {
                const QJsonValue v = s.value(QStringView(field));
                if (v.isUndefined() || v.isNull())
                    return;
                if (!v.isString())
                    fail(QStringLiteral("source.") + QString::fromUtf16(field),
                         QStringLiteral("expected a string, got %1").arg(typeName(v)));
                else
                    target = v.toString();
            };
            sourceString(u"workflow", r.sourceWorkflow);
            sourceString(u"version", r.sourceVersion);
            const QJsonValue m = s.value(u"mutation");
            if (!m.isUndefined() && !m.isNull()) {
                const double d = m.toDouble(-1);
                if (!m.isDouble() || d < 0 || d != std::floor(d) || d > 9e15)
                    fail(QStringLiteral("source.mutation"), QStringLiteral("expected a whole number >= 0"));
                else
                    r.sourceMutation = qint64(d);
            }
        }
    }
    if (errors->size() != before)
        return false;
    out = r;
    return true;
}

} // namespace Apprentice
