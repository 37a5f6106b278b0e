#include "whatifcalculator.h"

#include "appsettings.h"
#include "colors.h"
#include "format.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

WhatIfCalculator::Result WhatIfCalculator::compute(const Inputs &in)
{
    Result r;
    r.alwaysOnPerYear = in.executionsPerDay * 365.0 * in.alwaysOnUsd;
    r.apprenticeshipPerYear = double(in.versionsPerYear) * double(in.apprenticeExecutions) * in.reviewUsd;
    r.investigationsPerYear = in.investigationsPerYear * in.investigationUsd;
    return r;
}

WhatIfCalculator::WhatIfCalculator(AppSettings *settings, QWidget *parent)
    : QWidget(parent), m_settings(settings)
{
    auto money = [this](double max) {
        auto *s = new QDoubleSpinBox(this);
        s->setDecimals(4);
        s->setRange(0, max);
        s->setSingleStep(0.001);
        s->setPrefix(QStringLiteral("$"));
        return s;
    };
    m_title = new QLabel(this);
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    m_perDay = new QDoubleSpinBox(this);
    m_perDay->setObjectName(QStringLiteral("whatIfPerDay"));
    m_perDay->setDecimals(0);
    m_perDay->setRange(0, 1e9);
    m_perDay->setSingleStep(1000);
    m_perDay->setGroupSeparatorShown(true);
    m_apprentice = new QSpinBox(this);
    m_apprentice->setRange(1, 1000000);
    m_review = money(100);
    m_alwaysOn = money(100);
    m_versions = new QSpinBox(this);
    m_versions->setRange(0, 10000);
    m_investigations = new QDoubleSpinBox(this);
    m_investigations->setDecimals(0);
    m_investigations->setRange(0, 1e7);
    m_investigationCost = money(1000);
    m_useMine = new QPushButton(this);
    m_useMine->setEnabled(false);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("whatIfResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (QWidget *field : std::initializer_list<QWidget *>{m_perDay, m_alwaysOn, m_versions, m_apprentice, m_review,
                                                            m_investigations, m_investigationCost}) {
        auto *l = new QLabel(this);
        l->setBuddy(field);
        m_form->addRow(l, field);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(m_form);
    layout->addWidget(m_useMine);
    layout->addWidget(m_result);
    layout->addStretch(1);

    Inputs in;
    in.executionsPerDay = settings->whatIf(QStringLiteral("perDay"), in.executionsPerDay);
    in.apprenticeExecutions = int(settings->whatIf(QStringLiteral("apprentice"), settings->graduationExecutions()));
    in.reviewUsd = settings->whatIf(QStringLiteral("review"), in.reviewUsd);
    in.alwaysOnUsd = settings->whatIf(QStringLiteral("alwaysOn"), in.alwaysOnUsd);
    in.versionsPerYear = int(settings->whatIf(QStringLiteral("versions"), in.versionsPerYear));
    in.investigationsPerYear = settings->whatIf(QStringLiteral("investigations"), in.investigationsPerYear);
    in.investigationUsd = settings->whatIf(QStringLiteral("investigationCost"), in.investigationUsd);
    setInputs(in);

    for (QDoubleSpinBox *s : {m_perDay, m_review, m_alwaysOn, m_investigations, m_investigationCost})
        connect(s, &QDoubleSpinBox::valueChanged, this, &WhatIfCalculator::recompute);
    for (QSpinBox *s : {m_apprentice, m_versions})
        connect(s, &QSpinBox::valueChanged, this, &WhatIfCalculator::recompute);
    connect(m_useMine, &QPushButton::clicked, this, [this] { setInputs(m_observed); });
    retranslate();
}

WhatIfCalculator::Inputs WhatIfCalculator::inputs() const
{
    Inputs in;
    in.executionsPerDay = m_perDay->value();
    in.apprenticeExecutions = m_apprentice->value();
    in.reviewUsd = m_review->value();
    in.alwaysOnUsd = m_alwaysOn->value();
    in.versionsPerYear = m_versions->value();
    in.investigationsPerYear = m_investigations->value();
    in.investigationUsd = m_investigationCost->value();
    return in;
}

void WhatIfCalculator::setInputs(const Inputs &in)
{
    const QSignalBlocker b1(m_perDay), b2(m_apprentice), b3(m_review), b4(m_alwaysOn), b5(m_versions), b6(m_investigations),
        b7(m_investigationCost);
    m_perDay->setValue(in.executionsPerDay);
    m_apprentice->setValue(in.apprenticeExecutions);
    m_review->setValue(in.reviewUsd);
    m_alwaysOn->setValue(in.alwaysOnUsd);
    m_versions->setValue(in.versionsPerYear);
    m_investigations->setValue(in.investigationsPerYear);
    m_investigationCost->setValue(in.investigationUsd);
    recompute();
}

void WhatIfCalculator::setObserved(const Inputs &observed)
{
    m_observed = observed;
    m_hasObserved = true;
    m_useMine->setEnabled(true);
    m_useMine->setToolTip(tr("%1 executions/day, %2 investigations/year at %3 each, as observed in this session")
                              .arg(Format::count(qint64(observed.executionsPerDay)))
                              .arg(Format::count(qint64(observed.investigationsPerYear)))
                              .arg(Format::money(observed.investigationUsd)));
}

void WhatIfCalculator::recompute()
{
    const Inputs in = inputs();
    m_settings->setWhatIf(QStringLiteral("perDay"), in.executionsPerDay);
    m_settings->setWhatIf(QStringLiteral("apprentice"), in.apprenticeExecutions);
    m_settings->setWhatIf(QStringLiteral("review"), in.reviewUsd);
    m_settings->setWhatIf(QStringLiteral("alwaysOn"), in.alwaysOnUsd);
    m_settings->setWhatIf(QStringLiteral("versions"), in.versionsPerYear);
    m_settings->setWhatIf(QStringLiteral("investigations"), in.investigationsPerYear);
    m_settings->setWhatIf(QStringLiteral("investigationCost"), in.investigationUsd);
    const Result r = compute(in);
    const QString ok = Colors::ok(palette()).name();
    QString ratio;
    if (r.patternPerYear() > 0)
    {
        const double x = r.alwaysOnPerYear / r.patternPerYear();
        ratio = tr("%1× cheaper").arg(x >= 100 ? Format::count(qint64(std::llround(x))) : QLocale().toString(x, 'f', 1));
    }
    m_result->setText(tr("<table cellspacing='4'>"
                         "<tr><td>Always-on AI monitoring:</td><td align='right'><b>%1</b> / year</td></tr>"
                         "<tr><td>Apprenticeship pattern:</td><td align='right'><b>%2</b> / year</td></tr>"
                         "<tr><td colspan='2' style='color:gray'>learning %3 + investigations %4; graduated executions $0</td></tr>"
                         "<tr><td>Saved:</td><td align='right'><b style='color:%5'>%6</b> / year</td></tr>"
                         "<tr><td colspan='2'>%7</td></tr></table>")
                          .arg(Format::money(r.alwaysOnPerYear), Format::money(r.patternPerYear()),
                               Format::money(r.apprenticeshipPerYear), Format::money(r.investigationsPerYear), ok,
                               Format::money(r.savingsPerYear()), ratio));
}

void WhatIfCalculator::retranslate()
{
    m_title->setText(tr("Annual what-if"));
    auto setLabel = [this](QWidget *field, const QString &text, const QString &tip) {
        if (auto *l = qobject_cast<QLabel *>(m_form->labelForField(field)))
            l->setText(text);
        field->setToolTip(tip);
    };
    setLabel(m_perDay, tr("Executions per day"), tr("How often the workflow runs"));
    setLabel(m_alwaysOn, tr("Always-on cost per execution"), tr("What AI monitoring of one execution costs (the seed: $0.01)"));
    setLabel(m_versions, tr("New versions per year"), tr("Each new version runs its own apprenticeship"));
    setLabel(m_apprentice, tr("Apprenticeship executions"), tr("Executions reviewed before a version graduates"));
    setLabel(m_review, tr("Cost per reviewed execution"), tr("Full review while learning (the seed: fast + medium tier, $0.016)"));
    setLabel(m_investigations, tr("Investigations per year"), tr("Drifts and failures that need a diagnosis"));
    setLabel(m_investigationCost, tr("Cost per investigation"), tr("Average cost of diagnosing one drift or failure"));
    m_useMine->setText(tr("Use this session's numbers"));
    recompute();
}

void WhatIfCalculator::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
