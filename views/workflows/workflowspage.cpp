#include "workflowspage.h"

#include "appsettings.h"
#include "colors.h"
#include "common/icons.h"
#include "common/phasedelegate.h"
#include "common/statcard.h"
#include "common/tables.h"
#include "consolesession.h"
#include "enginehost.h"
#include "format.h"
#include "workflowfiltermodel.h"
#include "workflowsmodel.h"

#include "event.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Apprentice;

WorkflowsPage::WorkflowsPage(ConsoleSession *session, AppSettings *settings, QWidget *parent)
    : QWidget(parent), m_session(session), m_settings(settings)
{
    m_graduated = new StatCard(this);
    m_executions = new StatCard(this);
    m_spent = new StatCard(this);
    m_savings = new StatCard(this);
    auto *cards = new QHBoxLayout;
    cards->setSpacing(8);
    for (StatCard *c : {m_graduated, m_executions, m_spent, m_savings})
        cards->addWidget(c);

    m_filter = new QLineEdit(this);
    m_filter->setClearButtonEnabled(true);
    m_phase = new QComboBox(this);
    m_count = new QLabel(this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 2);
    bar->addWidget(m_phase);
    bar->addStretch(1);
    bar->addWidget(m_count);

    m_proxy = new WorkflowFilterModel(this);
    m_proxy->setSourceModel(session->workflows());
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("workflowsTable"));
    m_table->setModel(m_proxy);
    Tables::setup(m_table, true);
    m_table->setItemDelegateForColumn(WorkflowsModel::ColPhase, new PhaseDelegate(PhaseDelegate::Mode::Badge, m_table));
    m_table->setItemDelegateForColumn(WorkflowsModel::ColReason, new PhaseDelegate(PhaseDelegate::Mode::Progress, m_table));
    static constexpr int chars[WorkflowsModel::ColumnCount] = {26, 8, 16, 30, 11, 11, 8, 11, 11, 11, 0};
    Tables::setColumnChars(m_table, chars, WorkflowsModel::ColumnCount);
    m_table->sortByColumn(WorkflowsModel::ColWorkflow, Qt::AscendingOrder);
    Tables::persistHeader(m_table->horizontalHeader(), settings, QStringLiteral("workflows"));

    m_hint = new QFrame(this);
    m_hint->setObjectName(QStringLiteral("demoHint"));
    m_hint->setFrameShape(QFrame::StyledPanel);
    m_hint->setAutoFillBackground(true);
    {
        QPalette p = m_hint->palette();
        p.setColor(QPalette::Window, Colors::tint(Colors::info(palette()), 30));
        m_hint->setPalette(p);
    }
    m_hintText = new QLabel(m_hint);
    m_hintText->setWordWrap(true);
    m_hintText->setTextFormat(Qt::RichText);
    m_hintClose = new QToolButton(m_hint);
    m_hintClose->setIcon(Icons::get(QStringLiteral("cancel")));
    m_hintClose->setAutoRaise(true);
    auto *hintLayout = new QHBoxLayout(m_hint);
    hintLayout->setContentsMargins(10, 6, 6, 6);
    hintLayout->addWidget(m_hintText, 1);
    hintLayout->addWidget(m_hintClose, 0, Qt::AlignTop);
    connect(m_hintClose, &QToolButton::clicked, this, [this] {
        m_settings->setFilter(QStringLiteral("workflows.demoHintClosed"), QStringLiteral("1"));
        updateHint();
    });
    connect(session->host(), &EngineHost::demoStateChanged, this, &WorkflowsPage::updateHint);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_hint);
    layout->addLayout(cards);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    m_filter->setText(settings->filter(QStringLiteral("workflows.text")));
    m_proxy->setText(m_filter->text());
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setText(text);
        m_settings->setFilter(QStringLiteral("workflows.text"), text);
        updateCards();
    });
    connect(m_phase, &QComboBox::currentIndexChanged, this, [this](int) {
        m_proxy->setPhase(m_phase->currentData().toInt());
        m_settings->setFilter(QStringLiteral("workflows.phase"), QString::number(m_phase->currentData().toInt()));
        updateCards();
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit workflowActivated(index.data(WorkflowsModel::WorkflowRole).toString(),
                               index.data(WorkflowsModel::VersionRole).toString());
    });
    connect(session, &ConsoleSession::snapshotChanged, this, &WorkflowsPage::updateCards);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &WorkflowsPage::updateCards);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &WorkflowsPage::updateCards);
    retranslate();
    const int phase = settings->filter(QStringLiteral("workflows.phase"), QStringLiteral("-1")).toInt();
    m_phase->setCurrentIndex(std::max(0, m_phase->findData(phase)));
}

void WorkflowsPage::retranslate()
{
    m_filter->setPlaceholderText(tr("Filter by workflow or version…"));
    const int current = m_phase->currentIndex();
    {
        const QSignalBlocker block(m_phase);
        m_phase->clear();
        m_phase->addItem(tr("All phases"), -1);
        for (int p : {int(Phase::Apprentice), int(Phase::Graduated), int(Phase::Investigating), WorkflowsModel::PhaseRelearning})
            m_phase->addItem(WorkflowsModel::phaseText(p), p);
        m_phase->setCurrentIndex(std::max(0, current));
    }
    m_phase->setToolTip(tr("Show only workflow versions in this phase"));
    m_graduated->setCaption(tr("Graduated"));
    m_graduated->setToolTip(tr("Workflow versions monitored for free by statistics, out of all versions seen"));
    m_executions->setCaption(tr("Executions"));
    m_executions->setToolTip(tr("Workflow runs seen in this session"));
    m_spent->setCaption(tr("Monitoring spend"));
    m_spent->setToolTip(tr("Apprenticeship reviews plus investigations"));
    m_savings->setCaption(tr("Saved against always-on"));
    m_savings->setToolTip(tr("What AI monitoring of every execution would have cost, minus what was spent"));
    m_hintText->setText(tr("<b>This is the built-in demo:</b> a simulated <i>process_customer_order</i> workflow "
                           "(fetch_data → process → validate → send_results). While it is an <b>apprentice</b> every "
                           "execution is reviewed and paid for; after 50 executions it <b>graduates</b> to free "
                           "statistical monitoring. Then press <b>API slowdown</b> (Alt+1) in the demo bar and open "
                           "<b>Drift events</b> (Ctrl+4): the slowdown is detected, diagnosed and the profile updated "
                           "— or decide yourself with <i>Accept as new normal</i>."));
    m_hintClose->setToolTip(tr("Close this hint"));
    updateCards();
    updateHint();
}

void WorkflowsPage::updateHint()
{
    const bool closed = m_settings->filter(QStringLiteral("workflows.demoHintClosed")) == u"1";
    m_hint->setVisible(!closed && m_session->host()->isDemoRunning());
}

void WorkflowsPage::updateCards()
{
    const auto snapshot = m_session->snapshot();
    qint64 versions = 0, graduated = 0, executions = 0, apprentices = 0, investigating = 0, records = 0;
    double spent = 0, alwaysOn = 0;
    if (snapshot) {
        for (const WorkflowSnapshot &w : snapshot->workflows) {
            ++versions;
            graduated += w.phase == Phase::Graduated;
            apprentices += w.phase == Phase::Apprentice;
            investigating += w.phase == Phase::Investigating;
            executions += w.executions;
            records += w.records;
            spent += w.ledger.spentUsd();
            alwaysOn += w.ledger.alwaysOnUsd;
        }
    }
    m_graduated->setValue(tr("%1 of %2").arg(graduated).arg(versions));
    m_graduated->setDetail(tr("%n learning", nullptr, int(apprentices)) + QStringLiteral(" · ")
                           + tr("%n investigating", nullptr, int(investigating)));
    m_graduated->setAccent(graduated > 0 ? Colors::ok(palette()) : palette().color(QPalette::Text));
    m_executions->setValue(Format::count(executions));
    m_executions->setDetail(tr("%1 tool calls").arg(Format::count(records)));
    m_spent->setValue(Format::money(spent));
    m_spent->setDetail(executions > 0 ? tr("%1 per execution").arg(Format::money(spent / double(executions))) : QString());
    m_savings->setValue(Format::money(alwaysOn - spent));
    m_savings->setDetail(tr("always-on would be %1").arg(Format::money(alwaysOn)));
    m_savings->setAccent(alwaysOn - spent > 0 ? Colors::ok(palette()) : palette().color(QPalette::Text));
    m_count->setText(tr("%1 of %n workflow version(s)", nullptr, m_session->workflows()->rowCount())
                         .arg(m_proxy->rowCount()));
}

void WorkflowsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::PaletteChange)
        updateCards();
    QWidget::changeEvent(event);
}
