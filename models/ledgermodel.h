#pragma once

#include "enginesnapshot.h"

#include <QAbstractTableModel>

#include <deque>

/// The cost ledger: monitoring spend per hour and workflow version (apprenticeship reviews,
/// investigations, graduated executions at $0) next to the always-on counterfactual.
class LedgerModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ColHour, ColWorkflow, ColExecutions, ColApprentice, ColInvestigations, ColSpent, ColAlwaysOn, ColSavings, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };
    static constexpr int DefaultCapacity = 100000;

    explicit LedgerModel(QObject *parent = nullptr);

    void addEntries(const std::vector<Apprentice::LedgerEntry> &entries);
    void clear();
    const Apprentice::LedgerEntry &entryAt(int row) const { return m_rows[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void retranslate();

private:
    std::deque<Apprentice::LedgerEntry> m_rows;
};
