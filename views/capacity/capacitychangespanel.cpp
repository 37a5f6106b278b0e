#include "capacitychangespanel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

#include "capacitycostsdialog.h"

using namespace Apprentice;
using namespace Qt::StringLiterals;

QString CapacityChangesPanel::changeTitle(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::ConnectionsPerInstance:
        return tr("Connections per instance");
    case ChangeKind::Cache:
        return tr("Cache with hit rate");
    case ChangeKind::ReadReplicas:
        return tr("Read replicas");
    case ChangeKind::DbPool:
        return tr("Bigger DB pool");
    case ChangeKind::Instances:
        return tr("Instances");
    case ChangeKind::Autoscaling:
        return tr("Autoscaling up to");
    }
    return {};
}

CapacityChangesPanel::CapacityChangesPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    grid->setColumnStretch(0, 1);
    for (int k = 0; k < ChangeKindCount; ++k) {
        const auto kind = ChangeKind(k);
        Row &row = m_rows[size_t(k)];
        row.on = new QCheckBox(changeTitle(kind), this);
        row.on->setObjectName(changeKindId(kind));
        row.value = new QDoubleSpinBox(this);
        row.value->setKeyboardTracking(false);
        row.value->setGroupSeparatorShown(true);
        row.value->setAlignment(Qt::AlignRight);
        row.value->setMinimumWidth(90);
        switch (kind) {
        case ChangeKind::ConnectionsPerInstance:
            row.value->setRange(1, 50);
            row.value->setDecimals(0);
            break;
        case ChangeKind::Cache:
            row.value->setRange(0, 100);
            row.value->setDecimals(0);
            row.value->setSuffix(tr(" %"));
            break;
        case ChangeKind::ReadReplicas:
            row.value->setRange(0, 50);
            row.value->setDecimals(0);
            break;
        case ChangeKind::DbPool:
            row.value->setRange(1, 100000);
            row.value->setDecimals(0);
            row.value->setSingleStep(10);
            break;
        case ChangeKind::Instances:
        case ChangeKind::Autoscaling:
            row.value->setRange(1, 100000);
            row.value->setDecimals(0);
            break;
        }
        row.effect = new QLabel(this);
        row.effect->setWordWrap(true);
        row.effect->setStyleSheet(u"color: palette(dark); font-size: 11px;"_s);
        row.effect->setTextFormat(Qt::PlainText);
        grid->addWidget(row.on, 2 * k, 0);
        grid->addWidget(row.value, 2 * k, 1);
        grid->addWidget(row.effect, 2 * k + 1, 0, 1, 2);
        grid->setRowMinimumHeight(2 * k + 1, 30);
        connect(row.on, &QCheckBox::toggled, this, [this] {
            if (!m_updating)
                emit edited();
        });
        connect(row.value, &QDoubleSpinBox::valueChanged, this, [this] {
            if (!m_updating)
                emit edited();
        });
    }
    outer->addLayout(grid);
    auto *costs = new QPushButton(tr("Costs and solver limits…"), this);
    costs->setObjectName(u"costsButton"_s);
    outer->addWidget(costs, 0, Qt::AlignLeft);
    connect(costs, &QPushButton::clicked, this, &CapacityChangesPanel::openCostsDialog);
}

double CapacityChangesPanel::displayValue(const CapacityChange &c) const
{
    return c.kind == ChangeKind::Cache ? 100 * c.value : c.value;
}

void CapacityChangesPanel::setScenario(const CapacityScenario &s)
{
    m_updating = true;
    m_changes.clear();
    for (int k = 0; k < ChangeKindCount; ++k) {
        const CapacityChange &c = s.change(ChangeKind(k));
        m_changes.push_back(c);
        m_rows[size_t(k)].on->setChecked(c.enabled);
        m_rows[size_t(k)].value->setValue(displayValue(c));
    }
    m_updating = false;
}

void CapacityChangesPanel::writeTo(CapacityScenario &s) const
{
    for (int k = 0; k < ChangeKindCount; ++k) {
        CapacityChange c = k < int(m_changes.size()) ? m_changes[size_t(k)] : CapacityChange();
        c.kind = ChangeKind(k);
        c.enabled = m_rows[size_t(k)].on->isChecked();
        const double v = m_rows[size_t(k)].value->value();
        c.value = c.kind == ChangeKind::Cache ? v / 100 : v;
        s.change(c.kind) = c;
    }
}

void CapacityChangesPanel::setEffects(const QStringList &effects)
{
    for (int k = 0; k < ChangeKindCount && k < effects.size(); ++k)
        m_rows[size_t(k)].effect->setText(effects.at(k));
}

void CapacityChangesPanel::setCosts(const QStringList &costs)
{
    for (int k = 0; k < ChangeKindCount && k < costs.size(); ++k)
        m_rows[size_t(k)].on->setToolTip(costs.at(k));
}

void CapacityChangesPanel::openCostsDialog()
{
    CapacityScenario s;
    writeTo(s);
    CapacityCostsDialog dialog(s.changes, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_changes = dialog.changes();
    emit edited();
}
