#include "ledgermodel.h"

#include "colors.h"
#include "format.h"

#include <QDateTime>

using namespace Apprentice;

LedgerModel::LedgerModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void LedgerModel::addEntries(const std::vector<LedgerEntry> &entries)
{
    if (entries.empty())
        return;
    const int overflow = int(m_rows.size() + entries.size()) - DefaultCapacity;
    if (overflow > 0) {
        const int drop = std::min(overflow, int(m_rows.size()));
        if (drop > 0) {
            beginRemoveRows({}, 0, drop - 1);
            m_rows.erase(m_rows.begin(), m_rows.begin() + drop);
            endRemoveRows();
        }
    }
    const size_t skip = entries.size() > size_t(DefaultCapacity) ? entries.size() - size_t(DefaultCapacity) : 0;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(entries.size() - skip) - 1);
    m_rows.insert(m_rows.end(), entries.begin() + qsizetype(skip), entries.end());
    endInsertRows();
}

void LedgerModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int LedgerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LedgerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LedgerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const LedgerEntry &e = m_rows[size_t(index.row())];
    const double spent = e.apprenticeUsd + e.investigationUsd;
    const int col = index.column();
    if (role == Qt::DisplayRole) {
        switch (col) {
        case ColHour:
            return QDateTime::fromMSecsSinceEpoch(e.hourStartMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:00"));
        case ColWorkflow: return QString(e.workflow + u' ' + e.version);
        case ColExecutions: return Format::count(e.executions);
        case ColApprentice: return Format::money(e.apprenticeUsd);
        case ColInvestigations: return Format::money(e.investigationUsd);
        case ColSpent: return Format::money(spent);
        case ColAlwaysOn: return Format::money(e.alwaysOnUsd);
        case ColSavings: return Format::money(e.alwaysOnUsd - spent);
        }
    } else if (role == SortRole) {
        switch (col) {
        case ColHour: return e.hourStartMs;
        case ColWorkflow: return data(index, Qt::DisplayRole);
        case ColExecutions: return e.executions;
        case ColApprentice: return e.apprenticeUsd;
        case ColInvestigations: return e.investigationUsd;
        case ColSpent: return spent;
        case ColAlwaysOn: return e.alwaysOnUsd;
        case ColSavings: return e.alwaysOnUsd - spent;
        }
    } else if (role == Qt::TextAlignmentRole) {
        return QVariant(col >= ColExecutions ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    } else if (role == Qt::ForegroundRole) {
        if (col == ColSavings && e.alwaysOnUsd - spent > 0)
            return Colors::ok();
        if ((col == ColApprentice || col == ColInvestigations || col == ColSpent) && data(index, SortRole).toDouble() == 0)
            return Colors::muted();
    }
    return {};
}

QVariant LedgerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ColHour: return tr("Hour (UTC)");
        case ColWorkflow: return tr("Workflow");
        case ColExecutions: return tr("Executions");
        case ColApprentice: return tr("Apprenticeship");
        case ColInvestigations: return tr("Investigations");
        case ColSpent: return tr("Spent");
        case ColAlwaysOn: return tr("Always-on");
        case ColSavings: return tr("Savings");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ColApprentice: return tr("Reviews of apprentice executions (every execution while learning)");
        case ColInvestigations: return tr("Diagnoses of drifts and failures");
        case ColSpent: return tr("Apprenticeship plus investigations; graduated executions cost $0");
        case ColAlwaysOn: return tr("What AI monitoring of every execution would have cost");
        case ColSavings: return tr("Always-on minus spent");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant(section >= ColExecutions ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

void LedgerModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}
