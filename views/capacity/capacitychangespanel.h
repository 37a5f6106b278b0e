#pragma once

#include "capacity/capacityscenario.h"

#include <QWidget>

#include <array>
#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;

/// The what-if toggles: each change with its parameter, its cost and its effect on the answer.
/// Costs, solver limits and the autoscaling rule's details are edited in CapacityCostsDialog.
class CapacityChangesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CapacityChangesPanel(QWidget *parent = nullptr);

    void setScenario(const Apprentice::CapacityScenario &scenario);
    /// Writes toggles, values, costs and limits into `scenario`'s changes.
    void writeTo(Apprentice::CapacityScenario &scenario) const;
    /// One line per change kind (in ChangeKind order): what toggling it does to the answer.
    void setEffects(const QStringList &effects);
    void setCosts(const QStringList &costs);

    QCheckBox *toggle(Apprentice::ChangeKind kind) const { return m_rows[size_t(kind)].on; }
    QDoubleSpinBox *valueBox(Apprentice::ChangeKind kind) const { return m_rows[size_t(kind)].value; }
    QLabel *effectLabel(Apprentice::ChangeKind kind) const { return m_rows[size_t(kind)].effect; }

    static QString changeTitle(Apprentice::ChangeKind kind);

signals:
    void edited();

private:
    struct Row {
        QCheckBox *on = nullptr;
        QDoubleSpinBox *value = nullptr;
        QLabel *effect = nullptr;
    };
    void openCostsDialog();
    double displayValue(const Apprentice::CapacityChange &c) const;

    std::array<Row, Apprentice::ChangeKindCount> m_rows;
    std::vector<Apprentice::CapacityChange> m_changes;
    bool m_updating = false;
};
