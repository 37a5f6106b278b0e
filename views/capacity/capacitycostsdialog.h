#pragma once

#include "capacity/capacityscenario.h"

#include <QDialog>

#include <vector>

class QDoubleSpinBox;
class QSpinBox;
class QTableWidget;

/// Edits what each change costs, whether the solver may use it and how far, and the
/// autoscaling rule's minimum, target utilisation and reaction time.
class CapacityCostsDialog : public QDialog
{
    Q_OBJECT
public:
    CapacityCostsDialog(const std::vector<Apprentice::CapacityChange> &changes, QWidget *parent = nullptr);
    std::vector<Apprentice::CapacityChange> changes() const;

    enum Column { ChangeColumn, AllowedColumn, LimitColumn, OnceColumn, HourlyColumn, UnitColumn, ColumnCount };
    QTableWidget *table() const { return m_table; }

private:
    std::vector<Apprentice::CapacityChange> m_changes;
    QTableWidget *m_table;
    QSpinBox *m_minInstances;
    QDoubleSpinBox *m_targetUtilisation;
    QDoubleSpinBox *m_reaction;
};
