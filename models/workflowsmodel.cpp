#include "workflowsmodel.h"

#include "colors.h"
#include "format.h"
#include "metricinfo.h"
#include "reasontext.h"

using namespace Apprentice;

WorkflowsModel::WorkflowsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int WorkflowsModel::displayPhase(const WorkflowSnapshot &w)
{
    if (w.phase == Phase::Apprentice && w.relearning)
        return PhaseRelearning;
    return int(w.phase);
}

QString WorkflowsModel::phaseText(int phase)
{
    switch (phase) {
    case int(Phase::Apprentice): return tr("Apprentice");
    case int(Phase::Graduated): return tr("Graduated");
    case int(Phase::Investigating): return tr("Investigating");
    case PhaseRelearning: return tr("Re-learning");
    }
    return {};
}

QString WorkflowsModel::phaseDescription(int phase)
{
    switch (phase) {
    case int(Phase::Apprentice):
        return tr("Learning its quality profile under full monitoring: every execution is reviewed (paid).");
    case int(Phase::Graduated):
        return tr("Profile proven: watched by free statistical monitoring only.");
    case int(Phase::Investigating):
        return tr("A drift or failure was detected: an investigation is open.");
    case PhaseRelearning:
        return tr("Back in apprenticeship after a critical failure: the profile is learned again.");
    }
    return {};
}

int WorkflowsModel::rowOf(const QString &workflow, const QString &version) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].snapshot.workflow == workflow && m_rows[i].snapshot.version == version)
            return int(i);
    return -1;
}

void WorkflowsModel::setSnapshot(const EngineSnapshot &snapshot)
{
    std::vector<const WorkflowSnapshot *> added;
    for (const WorkflowSnapshot &w : snapshot.workflows) {
        const int row = rowOf(w.workflow, w.version);
        if (row < 0) {
            added.push_back(&w);
            continue;
        }
        m_rows[size_t(row)].snapshot = w;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (added.empty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    for (const WorkflowSnapshot *w : added)
        m_rows.push_back({*w, {}, false});
    endInsertRows();
}

QString WorkflowsModel::eventText(const Event &e)
{
    switch (e.kind) {
    case EventKind::Graduated: return tr("graduated after %1 executions").arg(e.executions);
    case EventKind::Drift:
        return e.metric == u"status" ? tr("failure of %1").arg(e.tool)
                                     : tr("drift of %1 %2").arg(e.tool, MetricInfo::title(e.metric));
    case EventKind::Diagnosis: return tr("diagnosed: %1 (%2)").arg(ReasonText::actionText(e.action), e.tier);
    case EventKind::Transition:
        // Operator decisions (from == to) and falls back to apprenticeship are worth a line.
        if (e.from == e.to || (e.to == Phase::Apprentice && e.from != Phase::Apprentice))
            return ReasonText::translateTransition(e.reason);
        return {};
    default: return {};
    }
}

void WorkflowsModel::addEvents(const std::vector<EventRecord> &events)
{
    for (const EventRecord &er : events) {
        const Event &e = er.event;
        if (eventText(e).isEmpty())
            continue;
        const int row = rowOf(e.workflow, e.version);
        if (row < 0)
            continue;
        m_rows[size_t(row)].lastEvent = e;
        m_rows[size_t(row)].hasLastEvent = true;
        emit dataChanged(index(row, ColLastEvent), index(row, ColLastEvent));
    }
}

void WorkflowsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int WorkflowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorkflowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkflowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const WorkflowSnapshot &w = row.snapshot;
    const int col = index.column();
    const double savings = w.ledger.alwaysOnUsd - w.ledger.spentUsd();
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case ColWorkflow: return w.workflow;
        case ColVersion: return w.version;
        case ColPhase: return phaseText(displayPhase(w));
        case ColReason: return ReasonText::translate(w.reason);
        case ColExecutions: return Format::count(w.executions);
        case ColCalls: return Format::count(w.records);
        case ColFailed: return Format::count(w.failedExecutions);
        case ColSpent: return Format::money(w.ledger.spentUsd());
        case ColAlwaysOn: return Format::money(w.ledger.alwaysOnUsd);
        case ColSavings: return Format::money(savings);
        case ColLastEvent: return row.hasLastEvent ? eventText(row.lastEvent) : QString();
        }
        break;
    case SortRole:
        switch (col) {
        case ColPhase: return displayPhase(w);
        case ColReason: {
            double progress = -1;
            ReasonText::translate(w.reason, &progress);
            return progress;
        }
        case ColExecutions: return w.executions;
        case ColCalls: return w.records;
        case ColFailed: return w.failedExecutions;
        case ColSpent: return w.ledger.spentUsd();
        case ColAlwaysOn: return w.ledger.alwaysOnUsd;
        case ColSavings: return savings;
        case ColLastEvent: return row.hasLastEvent ? row.lastEvent.tsMs : 0;
        default: return data(index, Qt::DisplayRole);
        }
    case PhaseRole: return displayPhase(w);
    case ProgressRole: {
        if (w.phase != Phase::Apprentice)
            return -1.0;
        double progress = -1;
        ReasonText::translate(w.reason, &progress);
        return progress;
    }
    case WorkflowRole: return w.workflow;
    case VersionRole: return w.version;
    case Qt::TextAlignmentRole:
        if (col >= ColExecutions && col <= ColSavings)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (col == ColSavings && savings > 0)
            return Colors::ok();
        if (col == ColFailed && w.failedExecutions > 0)
            return Colors::danger();
        return {};
    case Qt::ToolTipRole:
        switch (col) {
        case ColPhase: return phaseDescription(displayPhase(w));
        case ColReason:
            if (w.phase == Phase::Graduated && w.graduatedAtExecution > 0)
                return tr("Graduated at execution %1").arg(w.graduatedAtExecution);
            return ReasonText::translate(w.reason);
        case ColSpent:
            return tr("Apprenticeship %1 (%2 executions reviewed) + investigations %3 (%4)")
                .arg(Format::money(w.ledger.apprenticeUsd))
                .arg(w.ledger.apprenticeExecutions)
                .arg(Format::money(w.ledger.investigationUsd))
                .arg(w.ledger.investigations);
        case ColAlwaysOn:
            return tr("What AI monitoring of every execution would have cost (the counterfactual)");
        case ColSavings: return tr("Always-on cost minus what was actually spent");
        case ColLastEvent: return row.hasLastEvent && row.lastEvent.tsMs ? Format::fullTimestamp(row.lastEvent.tsMs) : QString();
        default: return {};
        }
    default: break;
    }
    return {};
}

QVariant WorkflowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ColWorkflow: return tr("Workflow");
        case ColVersion: return tr("Version");
        case ColPhase: return tr("Phase");
        case ColReason: return tr("Progress / reason");
        case ColExecutions: return tr("Executions");
        case ColCalls: return tr("Tool calls");
        case ColFailed: return tr("Failed");
        case ColSpent: return tr("Spent");
        case ColAlwaysOn: return tr("Always-on");
        case ColSavings: return tr("Savings");
        case ColLastEvent: return tr("Last event");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ColPhase: return tr("Apprentice: learning under full monitoring; Graduated: statistical monitoring only; "
                                 "Investigating: a drift is being diagnosed; Re-learning: back to apprenticeship");
        case ColReason: return tr("Why the version is in its phase, e.g. how many of the executions needed to graduate have run");
        case ColExecutions: return tr("Workflow runs seen (distinct execution ids)");
        case ColCalls: return tr("Tool calls seen (records)");
        case ColFailed: return tr("Executions with at least one failed call");
        case ColSpent: return tr("Monitoring spend so far: apprenticeship reviews plus investigations");
        case ColAlwaysOn: return tr("What AI monitoring of every execution would have cost (the counterfactual)");
        case ColSavings: return tr("Always-on cost minus what was actually spent");
        case ColLastEvent: return tr("The latest graduation, drift, diagnosis or operator decision");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant(section >= ColExecutions && section <= ColSavings ? Qt::AlignRight | Qt::AlignVCenter
                                                                          : Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

void WorkflowsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}
