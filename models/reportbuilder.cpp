#include "reportbuilder.h"

#include "consolesession.h"
#include "costhistory.h"
#include "enginehost.h"
#include "eventsmodel.h"
#include "format.h"
#include "workflowsmodel.h"

#include <QCoreApplication>
#include <QDateTime>

using namespace Apprentice;

namespace {

struct Table {
    QStringList header;
    std::vector<QStringList> rows;
};

Table workflowTable(const ConsoleSession &s)
{
    Table t;
    const WorkflowsModel *m = s.workflows();
    for (int c : {int(WorkflowsModel::ColWorkflow), int(WorkflowsModel::ColVersion), int(WorkflowsModel::ColPhase),
                  int(WorkflowsModel::ColReason), int(WorkflowsModel::ColExecutions), int(WorkflowsModel::ColSpent),
                  int(WorkflowsModel::ColAlwaysOn), int(WorkflowsModel::ColSavings)})
        t.header << m->headerData(c, Qt::Horizontal).toString();
    for (int r = 0; r < m->rowCount(); ++r) {
        QStringList row;
        for (int c : {int(WorkflowsModel::ColWorkflow), int(WorkflowsModel::ColVersion), int(WorkflowsModel::ColPhase),
                      int(WorkflowsModel::ColReason), int(WorkflowsModel::ColExecutions), int(WorkflowsModel::ColSpent),
                      int(WorkflowsModel::ColAlwaysOn), int(WorkflowsModel::ColSavings)})
            row << m->index(r, c).data().toString();
        t.rows.push_back(row);
    }
    return t;
}

Table driftTable(const ConsoleSession &s)
{
    Table t;
    const EventsModel *m = s.events();
    const int cols[] = {EventsModel::ColTime, EventsModel::ColKind, EventsModel::ColWorkflow, EventsModel::ColTool,
                        EventsModel::ColMetric, EventsModel::ColValue, EventsModel::ColExpected,
                        EventsModel::ColDiagnosis, EventsModel::ColAction, EventsModel::ColDecision};
    for (int c : cols)
        t.header << m->headerData(c, Qt::Horizontal).toString();
    for (int r = 0; r < m->rowCount(); ++r) {
        const int kind = m->index(r, 0).data(EventsModel::KindRole).toInt();
        if (kind != EventsModel::KindDrift && kind != EventsModel::KindFailure)
            continue;
        QStringList row;
        for (int c : cols)
            row << m->index(r, c).data().toString();
        t.rows.push_back(row);
    }
    return t;
}

QStringList summaryLines(const ConsoleSession &s)
{
    const EngineTotals &t = s.host()->totals();
    QStringList lines;
    lines << QCoreApplication::translate("ReportBuilder", "Records: %1").arg(Format::count(t.records));
    lines << QCoreApplication::translate("ReportBuilder", "Executions: %1").arg(Format::count(t.executions));
    lines << QCoreApplication::translate("ReportBuilder", "Workflow versions: %1 (apprentice %2, graduated %3, investigating %4)")
                 .arg(t.workflows)
                 .arg(t.phaseCounts[0])
                 .arg(t.phaseCounts[1])
                 .arg(t.phaseCounts[2]);
    lines << QCoreApplication::translate("ReportBuilder", "Drift events: %1; anomalies: %2").arg(t.driftEvents).arg(t.anomalies);
    lines << QCoreApplication::translate("ReportBuilder", "Monitoring spend: %1; always-on AI monitoring would have cost %2; saved %3")
                 .arg(Format::money(t.monitoringCostUsd), Format::money(t.alwaysOnCostUsd),
                      Format::money(t.alwaysOnCostUsd - t.monitoringCostUsd));
    return lines;
}

QString escape(const QString &s)
{
    return s.toHtmlEscaped();
}

QString mdCell(QString s)
{
    return s.replace(u'|', QStringLiteral("\\|"));
}

} // namespace

namespace ReportBuilder {

QString markdown(const ConsoleSession &session)
{
    QString out;
    out += u"# " + QCoreApplication::translate("ReportBuilder", "Apprentice report") + u"\n\n";
    out += QCoreApplication::translate("ReportBuilder", "Generated %1").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)) + u"\n\n";
    for (const QString &l : summaryLines(session))
        out += u"- " + l + u'\n';
    auto table = [&out](const QString &title, const Table &t) {
        out += u"\n## " + title + u"\n\n";
        if (t.rows.empty()) {
            out += QCoreApplication::translate("ReportBuilder", "None.") + u"\n";
            return;
        }
        QStringList h;
        for (const QString &c : t.header)
            h << mdCell(c);
        out += u"| " + h.join(QStringLiteral(" | ")) + u" |\n|";
        for (qsizetype i = 0; i < t.header.size(); ++i)
            out += QStringLiteral("---|");
        out += u'\n';
        for (const QStringList &r : t.rows) {
            QStringList cells;
            for (const QString &c : r)
                cells << mdCell(c);
            out += u"| " + cells.join(QStringLiteral(" | ")) + u" |\n";
        }
    };
    table(QCoreApplication::translate("ReportBuilder", "Workflows"), workflowTable(session));
    table(QCoreApplication::translate("ReportBuilder", "Drifts and failures"), driftTable(session));
    return out;
}

QString html(const ConsoleSession &session)
{
    QString out = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>"
                                 "<style>body{font-family:sans-serif;margin:2em;color:#222}"
                                 "table{border-collapse:collapse;margin:1em 0}"
                                 "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                                 "th{background:#f0f2f4}</style></head><body>\n")
                      .arg(escape(QCoreApplication::translate("ReportBuilder", "Apprentice report")));
    out += u"<h1>" + escape(QCoreApplication::translate("ReportBuilder", "Apprentice report")) + u"</h1>\n<p>"
           + escape(QCoreApplication::translate("ReportBuilder", "Generated %1").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))) + u"</p>\n<ul>";
    for (const QString &l : summaryLines(session))
        out += u"<li>" + escape(l) + u"</li>";
    out += QStringLiteral("</ul>\n");
    auto table = [&out](const QString &title, const Table &t) {
        out += u"<h2>" + escape(title) + u"</h2>\n";
        if (t.rows.empty()) {
            out += u"<p>" + escape(QCoreApplication::translate("ReportBuilder", "None.")) + u"</p>\n";
            return;
        }
        out += QStringLiteral("<table><tr>");
        for (const QString &c : t.header)
            out += u"<th>" + escape(c) + u"</th>";
        out += QStringLiteral("</tr>\n");
        for (const QStringList &r : t.rows) {
            out += QStringLiteral("<tr>");
            for (const QString &c : r)
                out += u"<td>" + escape(c) + u"</td>";
            out += QStringLiteral("</tr>\n");
        }
        out += QStringLiteral("</table>\n");
    };
    table(QCoreApplication::translate("ReportBuilder", "Workflows"), workflowTable(session));
    table(QCoreApplication::translate("ReportBuilder", "Drifts and failures"), driftTable(session));
    out += QStringLiteral("</body></html>\n");
    return out;
}

} // namespace ReportBuilder
