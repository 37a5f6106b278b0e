#include "reasontext.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace ReasonText {

QString translate(const QString &reason, double *progress)
{
    if (progress)
        *progress = -1;
    QString text = reason;
    QString prefix;
    static const QString relearning = QStringLiteral("re-learning: ");
    if (text.startsWith(relearning)) {
        text = text.mid(relearning.size());
        prefix = QCoreApplication::translate("ReasonText", "re-learning: ");
    }
    static const QRegularExpression executions(QStringLiteral("^(\\d+)/(\\d+) executions$"));
    static const QRegularExpression graduatedAt(QStringLiteral("^graduated at execution (\\d+)$"));
    static const QRegularExpression open(QStringLiteral("^(\\d+) investigation\\(s\\) open$"));
    static const QRegularExpression failure(QStringLiteral("^failure (\\d+) executions ago \\((\\d+) clean needed\\)$"));
    static const QRegularExpression moving(QStringLiteral("^p95 of (.+) still moving (\\d+) %$"));
    QRegularExpressionMatch m;
    if ((m = executions.match(text)).hasMatch()) {
        const double done = m.captured(1).toDouble();
        const double total = m.captured(2).toDouble();
        if (progress && total > 0)
            *progress = std::min(1.0, done / total);
        return prefix + QCoreApplication::translate("ReasonText", "%1/%2 executions").arg(m.captured(1), m.captured(2));
    }
    if ((m = graduatedAt.match(text)).hasMatch())
        return prefix + QCoreApplication::translate("ReasonText", "graduated at execution %1").arg(m.captured(1));
    if ((m = open.match(text)).hasMatch()) {
        // A plain variable as the count: lupdate cannot parse a call expression there.
        const int count = m.captured(1).toInt();
        return prefix + QCoreApplication::translate("ReasonText", "%n investigation(s) open", nullptr, count);
    }
    if ((m = failure.match(text)).hasMatch()) {
        if (progress)
            *progress = 1;
        return prefix + QCoreApplication::translate("ReasonText", "failure %1 executions ago (%2 clean needed)")
                            .arg(m.captured(1), m.captured(2));
    }
    if ((m = moving.match(text)).hasMatch()) {
        if (progress)
            *progress = 1;
        return prefix + QCoreApplication::translate("ReasonText", "p95 of %1 still moving %2 %").arg(m.captured(1), m.captured(2));
    }
    if (text == u"profile still forming") {
        if (progress)
            *progress = 1;
        return prefix + QCoreApplication::translate("ReasonText", "profile still forming");
    }
    if (text == u"ready to graduate") {
        if (progress)
            *progress = 1;
        return prefix + QCoreApplication::translate("ReasonText", "ready to graduate");
    }
    return prefix + text;
}

QString translateTransition(const QString &reason)
{
    static const QRegularExpression investigate(QStringLiteral("^(drift|failure|anomaly|apprentice_review) of (\\S+) (\\S+)$"));
    static const QRegularExpression applied(QStringLiteral("^(\\w+) applied \\((.*)\\)$"));
    static const QRegularExpression graduated(QStringLiteral("^graduated after (\\d+) executions; p95 moved ([\\d.]+) % over the last (\\d+)$"));
    static const QRegularExpression critical(QStringLiteral("^critical failure: (\\S+) failed (\\d+) times in a row$"));
    static const QRegularExpression accepted(QStringLiteral("^(\\S+) (\\S+) accepted as the new normal by (.*)$"));
    static const QRegularExpression dismissed(QStringLiteral("^(\\S+) (\\S+) dismissed as a false alarm by (.*)$"));
    static const QRegularExpression marked(QStringLiteral("^(\\S+) (\\S+) marked for evolution by (.*)$"));
    static const QRegularExpression rebased(QStringLiteral("^profile rebased by (.*)$"));
    static const QRegularExpression dismissedBy(QStringLiteral("^dismissed by (.*)$"));
    QRegularExpressionMatch m;
    if ((m = investigate.match(reason)).hasMatch()) {
        const QString what = m.captured(1);
        const char *ctx = "ReasonText";
        if (what == u"failure")
            return QCoreApplication::translate(ctx, "failure of %1").arg(m.captured(2));
        if (what == u"drift")
            return QCoreApplication::translate(ctx, "drift of %1 %2").arg(m.captured(2), m.captured(3));
        return QCoreApplication::translate(ctx, "%1 of %2 %3").arg(what, m.captured(2), m.captured(3));
    }
    if ((m = applied.match(reason)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 applied (%2)").arg(actionText(m.captured(1)), m.captured(2));
    if ((m = graduated.match(reason)).hasMatch())
        return QCoreApplication::translate("ReasonText", "graduated after %1 executions; p95 moved %2 % over the last %3")
            .arg(m.captured(1), m.captured(2), m.captured(3));
    if ((m = critical.match(reason)).hasMatch())
        return QCoreApplication::translate("ReasonText", "critical failure: %1 failed %2 times in a row")
            .arg(m.captured(1), m.captured(2));
    if ((m = accepted.match(reason)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 %2 accepted as the new normal by %3")
            .arg(m.captured(1), m.captured(2), m.captured(3));
    if ((m = dismissed.match(reason)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 %2 dismissed as a false alarm by %3")
            .arg(m.captured(1), m.captured(2), m.captured(3));
    if ((m = marked.match(reason)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 %2 marked for evolution by %3")
            .arg(m.captured(1), m.captured(2), m.captured(3));
    if ((m = rebased.match(reason)).hasMatch())
        return QCoreApplication::translate("ReasonText", "profile rebased by %1").arg(m.captured(1));
    if ((m = dismissedBy.match(reason)).hasMatch())
        return QCoreApplication::translate("ReasonText", "dismissed by %1").arg(m.captured(1));
    return reason;
}

QString translateRootCause(const QString &text)
{
    static const QRegularExpression returned(QStringLiteral("^(\\S+) returned an error$"));
    static const QRegularExpression failed(QStringLiteral("^(\\S+) failed: (.*)$"));
    static const QRegularExpression degrading(QStringLiteral("^Validation pass rate of (\\S+) is degrading \\(input quality changed\\?\\)$"));
    static const QRegularExpression whileFailing(QStringLiteral("^(\\S+) changed while failing \\((\\d+) of (\\d+) recent calls\\)$"));
    static const QRegularExpression latency(QStringLiteral("^Latency of (\\S+) shifted (up|down) with unchanged output: an external dependency changed$"));
    static const QRegularExpression alone(QStringLiteral("^(\\S+) of (\\S+) shifted (up|down) with the other metrics unchanged$"));
    static const QRegularExpression together(QStringLiteral("^(\\S+) of (\\S+) shifted together with (.*)$"));
    auto direction = [](const QString &d) {
        return d == u"up" ? QCoreApplication::translate("ReasonText", "up") : QCoreApplication::translate("ReasonText", "down");
    };
    QRegularExpressionMatch m;
    if ((m = returned.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 returned an error").arg(m.captured(1));
    if ((m = failed.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 failed: %2").arg(m.captured(1), m.captured(2));
    if (text == u"Execution within what has been learned so far")
        return QCoreApplication::translate("ReasonText", "Execution within what has been learned so far");
    if (text == u"Isolated out-of-profile value; the values around it are normal")
        return QCoreApplication::translate("ReasonText", "Isolated out-of-profile value; the values around it are normal");
    if ((m = degrading.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "Validation pass rate of %1 is degrading (input quality changed?)").arg(m.captured(1));
    if ((m = whileFailing.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 changed while failing (%2 of %3 recent calls)")
            .arg(m.captured(1), m.captured(2), m.captured(3));
    if ((m = latency.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "Latency of %1 shifted %2 with unchanged output: an external dependency changed")
            .arg(m.captured(1), direction(m.captured(2)));
    if ((m = alone.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 of %2 shifted %3 with the other metrics unchanged")
            .arg(m.captured(1), m.captured(2), direction(m.captured(3)));
    if ((m = together.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 of %2 shifted together with %3").arg(m.captured(1), m.captured(2), m.captured(3));
    return text;
}

QString translateEvidence(const QString &text)
{
    static const QRegularExpression value(QStringLiteral("^(\\S+) of (\\S+) = (\\S+); profile p50 (\\S+), p95 (\\S+), p99 (\\S+) \\(n=(\\d+)\\)$"));
    static const QRegularExpression last(QStringLiteral("^last values: (.*) \\(shift (\\S+)σ\\)$"));
    static const QRegularExpression within(QStringLiteral("^other metrics of (\\S+) within profile$"));
    static const QRegularExpression failures(QStringLiteral("^(\\d+) consecutive failed calls; (\\d+) of the last (\\d+) calls failed$"));
    QRegularExpressionMatch m;
    if ((m = value.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 of %2 = %3; profile p50 %4, p95 %5, p99 %6 (n=%7)")
            .arg(m.captured(1), m.captured(2), m.captured(3), m.captured(4), m.captured(5), m.captured(6), m.captured(7));
    if ((m = last.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "last values: %1 (shift %2σ)").arg(m.captured(1), m.captured(2));
    if ((m = within.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "other metrics of %1 within profile").arg(m.captured(1));
    if ((m = failures.match(text)).hasMatch())
        return QCoreApplication::translate("ReasonText", "%1 consecutive failed calls; %2 of the last %3 calls failed")
            .arg(m.captured(1), m.captured(2), m.captured(3));
    return text;
}

QString actionText(const QString &action)
{
    if (action == u"UPDATE_PROFILE")
        return QCoreApplication::translate("ReasonText", "Update profile");
    if (action == u"EVOLVE_WORKFLOW")
        return QCoreApplication::translate("ReasonText", "Evolve workflow");
    if (action == u"RECOVER")
        return QCoreApplication::translate("ReasonText", "Recover");
    if (action == u"IGNORE")
        return QCoreApplication::translate("ReasonText", "Ignore");
    if (action == u"ESCALATE_TO_HUMAN")
        return QCoreApplication::translate("ReasonText", "Escalate to a human");
    return action;
}

QString statusText(const QString &status)
{
    if (status == u"NORMAL")
        return QCoreApplication::translate("ReasonText", "Normal");
    if (status == u"SUSPICIOUS")
        return QCoreApplication::translate("ReasonText", "Suspicious");
    if (status == u"BROKEN")
        return QCoreApplication::translate("ReasonText", "Broken");
    return status;
}

} // namespace ReasonText
