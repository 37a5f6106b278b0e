#include "eventfiltermodel.h"

#include "eventsmodel.h"

EventFilterModel::EventFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(EventsModel::SortRole);
    setDynamicSortFilter(true);
}

void EventFilterModel::setKinds(int kinds)
{
    if (kinds == m_kinds)
        return;
    m_kinds = kinds;
    invalidateFilter();
}

void EventFilterModel::setWaitingOnly(bool waitingOnly)
{
    if (waitingOnly == m_waitingOnly)
        return;
    m_waitingOnly = waitingOnly;
    invalidateFilter();
}

void EventFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool EventFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex idx = m->index(sourceRow, 0, sourceParent);
    if (!(idx.data(EventsModel::KindRole).toInt() & m_kinds))
        return false;
    if (m_waitingOnly && idx.data(EventsModel::DecisionRole).toInt() != EventsModel::Escalated)
        return false;
    if (!m_text.isEmpty()) {
        for (int c : {int(EventsModel::ColWorkflow), int(EventsModel::ColTool), int(EventsModel::ColMetric),
                      int(EventsModel::ColDiagnosis), int(EventsModel::ColAction), int(EventsModel::ColValue)}) {
            if (m->index(sourceRow, c, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }
    return true;
}

bool EventFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(EventsModel::SortRole);
    const QVariant r = right.data(EventsModel::SortRole);
    if (l.typeId() == QMetaType::QString || r.typeId() == QMetaType::QString)
        return QString::localeAwareCompare(l.toString(), r.toString()) < 0;
    if (l.toDouble() == r.toDouble())
        return left.data(EventsModel::EventIdRole).toLongLong() < right.data(EventsModel::EventIdRole).toLongLong();
    return l.toDouble() < r.toDouble();
}
