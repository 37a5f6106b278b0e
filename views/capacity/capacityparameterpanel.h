#pragma once

#include "capacity/capacityscenario.h"

#include <QWidget>

#include <functional>
#include <vector>

class QCheckBox;
class QFormLayout;
class QLabel;
class QTableWidget;
class SliderSpinBox;

/// Every base-scenario number as a spin box with a slider, grouped as an operator thinks of them
/// (fleet, service times, database, cache and replicas, traffic, goal). Edits the base scenario;
/// the what-if changes live in CapacityChangesPanel.
class CapacityParameterPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CapacityParameterPanel(QWidget *parent = nullptr);

    void setScenario(const Apprentice::CapacityScenario &scenario);
    /// Writes the panel's values into `scenario` (other fields untouched).
    void writeTo(Apprentice::CapacityScenario &scenario) const;
    /// The spin box of a scenario field by its JSON name (for tests and keyboard focus).
    SliderSpinBox *field(const QString &jsonName) const;
    QCheckBox *profileCheck() const { return m_fromProfile; }
    QTableWidget *stageTable() const { return m_stages; }

signals:
    void edited();

private:
    struct Field {
        QString name;
        SliderSpinBox *box;
        std::function<double(const Apprentice::CapacityScenario &)> get;
        std::function<void(Apprentice::CapacityScenario &, double)> set;
    };
    SliderSpinBox *add(QFormLayout *form, const QString &jsonName, const QString &label, const QString &tip,
                       double min, double max, int decimals, bool log, const QString &suffix,
                       std::function<double(const Apprentice::CapacityScenario &)> get,
                       std::function<void(Apprentice::CapacityScenario &, double)> set);
    void onStagesEdited();
    void addStageRow(const Apprentice::WorkflowStage &stage);
    void updateProfileHint();

    std::vector<Field> m_fields;
    QCheckBox *m_fromProfile = nullptr;
    QTableWidget *m_stages = nullptr;
    QLabel *m_profileHint = nullptr;
    bool m_updating = false;
};
