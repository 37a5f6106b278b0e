#include "workflowfiltermodel.h"

#include "workflowsmodel.h"

WorkflowFilterModel::WorkflowFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(WorkflowsModel::SortRole);
    setDynamicSortFilter(true);
}

void WorkflowFilterModel::setPhase(int phase)
{
    if (phase == m_phase)
        return;
    m_phase = phase;
    invalidateFilter();
}

void WorkflowFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool WorkflowFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_phase >= 0 && idx.data(WorkflowsModel::PhaseRole).toInt() != m_phase)
        return false;
    if (!m_text.isEmpty()) {
        const QString name = idx.data(WorkflowsModel::WorkflowRole).toString() + u' '
                             + idx.data(WorkflowsModel::VersionRole).toString();
        if (!name.contains(m_text, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool WorkflowFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(WorkflowsModel::SortRole);
    const QVariant r = right.data(WorkflowsModel::SortRole);
    if (l.typeId() == QMetaType::QString || r.typeId() == QMetaType::QString)
        return QString::localeAwareCompare(l.toString(), r.toString()) < 0;
    return l.toDouble() < r.toDouble();
}
