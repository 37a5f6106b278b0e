#include "promptbuilder.h"

#include "diagnosisjson.h"
#include "resources.h"

#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace Apprentice {

namespace {

QString num(double v)
{
    if (std::abs(v) >= 1000)
        return QString::number(v, 'f', 0);
    return QString::number(v, 'g', 4);
}

/// Long histories cost tokens and add little: the tail is what the question is about.
constexpr size_t MaxRecentValues = 20;

} // namespace

QString PromptBuilder::resourceText(const QString &path)
{
    ensureResources();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

QString PromptBuilder::render(const QString &tmpl, const QHash<QString, QString> &vars)
{
    QString out;
    out.reserve(tmpl.size() * 2);
    qsizetype pos = 0;
    while (pos < tmpl.size()) {
        const qsizetype open = tmpl.indexOf(u"{{", pos);
        if (open < 0) {
            out += QStringView(tmpl).mid(pos);
            break;
        }
        const qsizetype close = tmpl.indexOf(u"}}", open + 2);
        if (close < 0) {
            out += QStringView(tmpl).mid(pos);
            break;
        }
        out += QStringView(tmpl).mid(pos, open - pos);
        const QString key = tmpl.mid(open + 2, close - open - 2).trimmed();
        const auto it = vars.constFind(key);
        if (it != vars.constEnd())
            out += *it;
        else
            out += QStringView(tmpl).mid(open, close + 2 - open);
        pos = close + 2;
    }
    return out;
}

QString PromptBuilder::systemPrompt()
{
    return resourceText(QStringLiteral(":/prompts/system.md")).trimmed();
}

QString PromptBuilder::userPrompt(const InvestigationContext &ctx, const std::vector<TierCall> &earlier)
{
    QHash<QString, QString> v;
    const QString none = QStringLiteral("none");
    const QString unknown = QStringLiteral("unknown");
    v.insert(QStringLiteral("trigger"), triggerName(ctx.trigger));
    v.insert(QStringLiteral("workflow"), ctx.workflow);
    v.insert(QStringLiteral("version"), ctx.version.isEmpty() ? QStringLiteral("1.0.0") : ctx.version);
    v.insert(QStringLiteral("tool"), ctx.tool);
    v.insert(QStringLiteral("metric"), ctx.metric.isEmpty() ? QStringLiteral("status") : ctx.metric);
    v.insert(QStringLiteral("value"), ctx.trigger == Trigger::Failure ? QStringLiteral("the call failed") : num(ctx.value));
    v.insert(QStringLiteral("direction"), ctx.direction > 0   ? QStringLiteral("above the profile")
                                          : ctx.direction < 0 ? QStringLiteral("below the profile")
                                                              : QStringLiteral("direction unknown"));
    v.insert(QStringLiteral("detector_score"), num(ctx.detectorScore));
    v.insert(QStringLiteral("drift_score"), num(ctx.seedDriftScore));
    const ProfileStats &p = ctx.profile;
    v.insert(QStringLiteral("n"), QString::number(p.n));
    v.insert(QStringLiteral("p50"), num(p.p50));
    v.insert(QStringLiteral("p95"), num(p.p95));
    v.insert(QStringLiteral("p99"), num(p.p99));
    v.insert(QStringLiteral("mean"), num(p.mean));
    v.insert(QStringLiteral("std"), num(p.stddev));
    v.insert(QStringLiteral("min"), num(p.min));
    v.insert(QStringLiteral("max"), num(p.max));

    QStringList recent;
    const size_t take = std::min(ctx.recent.size(), MaxRecentValues);
    for (size_t i = ctx.recent.size() - take; i < ctx.recent.size(); ++i)
        recent << num(ctx.recent[i]);
    v.insert(QStringLiteral("recent"), recent.isEmpty() ? none : recent.join(QStringLiteral(", ")));
    v.insert(QStringLiteral("trend"), ctx.trend.isEmpty() ? unknown : ctx.trend);

    QStringList siblings;
    for (const SiblingMetric &s : ctx.siblings) {
        siblings << QStringLiteral("- %1: p50 %2, p95 %3, mean %4 -> %5 (%6σ)")
                        .arg(s.metric, num(s.profile.p50), num(s.profile.p95), num(s.profile.mean), num(s.recentMean),
                             num(s.shiftSigma));
    }
    v.insert(QStringLiteral("siblings"), siblings.isEmpty() ? QStringLiteral("- none recorded") : siblings.join(u'\n'));
    v.insert(QStringLiteral("failures"), QStringLiteral("%1 of the last %2 calls failed; %3 consecutive")
                                              .arg(ctx.recentFailures).arg(ctx.recentCalls).arg(ctx.consecutiveFailures));
    v.insert(QStringLiteral("error"), ctx.errorText.isEmpty() ? none : ctx.errorText);

    QStringList said;
    for (const TierCall &c : earlier) {
        if (c.hasDiagnosis) {
            said << QStringLiteral("- tier %1 (%2): %3, %4, confidence %5: %6")
                        .arg(c.tier, c.model, statusName(c.diagnosis.status), actionName(c.diagnosis.action),
                             QString::number(c.diagnosis.confidence, 'f', 2), c.diagnosis.rootCause);
        } else if (!c.error.isEmpty()) {
            said << QStringLiteral("- tier %1 (%2): no answer (%3)").arg(c.tier, c.model, c.error);
        }
    }
    v.insert(QStringLiteral("earlier"), said.isEmpty() ? QStringLiteral("- nobody yet; you are the first") : said.join(u'\n'));

    return render(resourceText(QStringLiteral(":/prompts/investigation.md")), v).trimmed();
}

QString PromptBuilder::repairPrompt(const QString &problem)
{
    QHash<QString, QString> v;
    v.insert(QStringLiteral("problem"), problem);
    v.insert(QStringLiteral("schema"),
             QString::fromUtf8(QJsonDocument(diagnosisSchema()).toJson(QJsonDocument::Compact)));
    return render(resourceText(QStringLiteral(":/prompts/repair.md")), v).trimmed();
}

} // namespace Apprentice
