#pragma once

#include <QSortFilterProxyModel>

/// Sorts the graduation board by raw values and filters it by phase and name.
class WorkflowFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit WorkflowFilterModel(QObject *parent = nullptr);

    /// −1: every phase; otherwise a WorkflowsModel::PhaseRole value.
    void setPhase(int phase);
    int phase() const { return m_phase; }
    void setText(const QString &text);
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    int m_phase = -1;
    QString m_text;
};
