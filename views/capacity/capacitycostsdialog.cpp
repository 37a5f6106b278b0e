#include "capacitycostsdialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "capacitychangespanel.h"

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {
QString unitOf(ChangeKind k)
{
    switch (k) {
    case ChangeKind::ConnectionsPerInstance:
        return CapacityCostsDialog::tr("one-time change");
    case ChangeKind::Cache:
        return CapacityCostsDialog::tr("cache node");
    case ChangeKind::ReadReplicas:
        return CapacityCostsDialog::tr("extra replica");
    case ChangeKind::DbPool:
        return CapacityCostsDialog::tr("100 extra connections");
    case ChangeKind::Instances:
    case ChangeKind::Autoscaling:
        return CapacityCostsDialog::tr("extra instance");
    }
    return {};
}

QDoubleSpinBox *money(double v, QWidget *parent)
{
    auto *s = new QDoubleSpinBox(parent);
    s->setRange(0, 1e6);
    s->setDecimals(3);
    s->setPrefix(u"$"_s);
    s->setValue(v);
    s->setFrame(false);
    return s;
}
}

CapacityCostsDialog::CapacityCostsDialog(const std::vector<CapacityChange> &changes, QWidget *parent)
    : QDialog(parent)
    , m_changes(changes)
    , m_table(new QTableWidget(int(changes.size()), ColumnCount, this))
    , m_minInstances(new QSpinBox(this))
    , m_targetUtilisation(new QDoubleSpinBox(this))
    , m_reaction(new QDoubleSpinBox(this))
{
    setWindowTitle(tr("Costs and solver limits"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Running costs count over the cost horizon (the traffic curve's length). The solver decides "
                                "only the changes it may use, up to their limit (down to it for connections per instance)."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_table->setHorizontalHeaderLabels({tr("Change"), tr("Solver"), tr("Up to"), tr("Once"), tr("Per unit-hour"), tr("Unit")});
    m_table->horizontalHeaderItem(AllowedColumn)->setToolTip(tr("The solver may use this change"));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(26);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Fixed);
    header->setSectionResizeMode(ChangeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AllowedColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(UnitColumn, QHeaderView::Stretch);
    header->resizeSection(LimitColumn, 90);
    header->resizeSection(OnceColumn, 100);
    header->resizeSection(HourlyColumn, 110);
    for (int r = 0; r < int(changes.size()); ++r) {
        const CapacityChange &c = changes[size_t(r)];
        auto *name = new QTableWidgetItem(CapacityChangesPanel::changeTitle(c.kind));
        name->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(r, ChangeColumn, name);
        auto *allowed = new QTableWidgetItem;
        allowed->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        allowed->setCheckState(c.allowed ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(r, AllowedColumn, allowed);
        auto *limit = new QDoubleSpinBox(m_table);
        limit->setRange(0, c.kind == ChangeKind::Cache ? 1 : 1e6);
        limit->setDecimals(c.kind == ChangeKind::Cache ? 2 : 0);
        limit->setValue(c.solverLimit());
        limit->setFrame(false);
        m_table->setCellWidget(r, LimitColumn, limit);
        m_table->setCellWidget(r, OnceColumn, money(c.costOnce, m_table));
        m_table->setCellWidget(r, HourlyColumn, money(c.costPerUnitHour, m_table));
        auto *unit = new QTableWidgetItem(unitOf(c.kind));
        unit->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(r, UnitColumn, unit);
    }
    m_table->setMinimumWidth(820);
    m_table->setMinimumHeight(6 * 26 + 30);
    layout->addWidget(m_table);

    auto *rule = new QGroupBox(tr("Autoscaling rule"), this);
    auto *form = new QFormLayout(rule);
    CapacityChange autoscaling;
    for (const CapacityChange &c : changes) {
        if (c.kind == ChangeKind::Autoscaling)
            autoscaling = c;
    }
    m_minInstances->setRange(0, 100000);
    m_minInstances->setSpecialValueText(tr("today's fleet"));
    m_minInstances->setValue(autoscaling.minInstances);
    m_targetUtilisation->setRange(1, 100);
    m_targetUtilisation->setSuffix(tr(" %"));
    m_targetUtilisation->setDecimals(0);
    m_targetUtilisation->setValue(100 * autoscaling.targetUtilisation);
    m_reaction->setRange(0, 1440);
    m_reaction->setSuffix(tr(" min"));
    m_reaction->setDecimals(0);
    m_reaction->setValue(autoscaling.reactionMinutes);
    form->addRow(tr("Minimum instances"), m_minInstances);
    form->addRow(tr("Target utilisation"), m_targetUtilisation);
    form->addRow(tr("Reacts to demand seen"), m_reaction);
    layout->addWidget(rule);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

std::vector<CapacityChange> CapacityCostsDialog::changes() const
{
    std::vector<CapacityChange> out = m_changes;
    for (int r = 0; r < int(out.size()); ++r) {
        CapacityChange &c = out[size_t(r)];
        c.allowed = m_table->item(r, AllowedColumn)->checkState() == Qt::Checked;
        c.limit = static_cast<QDoubleSpinBox *>(m_table->cellWidget(r, LimitColumn))->value();
        c.costOnce = static_cast<QDoubleSpinBox *>(m_table->cellWidget(r, OnceColumn))->value();
        c.costPerUnitHour = static_cast<QDoubleSpinBox *>(m_table->cellWidget(r, HourlyColumn))->value();
        if (c.kind == ChangeKind::Autoscaling) {
            c.minInstances = m_minInstances->value();
            c.targetUtilisation = m_targetUtilisation->value() / 100;
            c.reactionMinutes = m_reaction->value();
        }
    }
    return out;
}
