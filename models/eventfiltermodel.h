#pragma once

#include <QSortFilterProxyModel>

/// Filters the events by kind (drifts, failures, anomalies, phase changes), by what still waits for
/// an operator, and by text; sorts by raw values.
class EventFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EventFilterModel(QObject *parent = nullptr);

    /// Bit mask of EventsModel::RowKind.
    void setKinds(int kinds);
    int kinds() const { return m_kinds; }
    void setWaitingOnly(bool waitingOnly);
    bool waitingOnly() const { return m_waitingOnly; }
    void setText(const QString &text);
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    int m_kinds = 1 | 2 | 4;
    bool m_waitingOnly = false;
    QString m_text;
};
