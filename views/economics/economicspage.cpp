#include "economicspage.h"

#include "appsettings.h"
#include "colors.h"
#include "common/chartstyle.h"
#include "common/polylineitem.h"
#include "common/statcard.h"
#include "common/tables.h"
#include "consolesession.h"
#include "costhistory.h"
#include "eventsmodel.h"
#include "format.h"
#include "ledgermodel.h"
#include "whatifcalculator.h"
#include "workflowfiltermodel.h"
#include "workflowsmodel.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

using namespace Apprentice;

EconomicsPage::EconomicsPage(ConsoleSession *session, AppSettings *settings, QWidget *parent)
    : QWidget(parent), m_session(session), m_settings(settings)
{
    m_spent = new StatCard(this);
    m_alwaysOn = new StatCard(this);
    m_saved = new StatCard(this);
    m_perExecution = new StatCard(this);
    auto *cards = new QHBoxLayout;
    for (StatCard *c : {m_spent, m_alwaysOn, m_saved, m_perExecution})
        cards->addWidget(c);

    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_x = new QDateTimeAxis(m_chart);
    m_x->setTickCount(6);
    m_y = new QValueAxis(m_chart);
    m_y->setLabelFormat(QStringLiteral("$%.4g"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_savingsUpper = new QLineSeries(m_chart);
    m_savingsLower = new QLineSeries(m_chart);
    m_savings = new QAreaSeries(m_savingsUpper, m_savingsLower);
    m_alwaysOnLine = new QLineSeries(m_chart);
    m_spentLine = new QLineSeries(m_chart);
    m_apprenticeLine = new QLineSeries(m_chart);
    m_investigationLine = new QLineSeries(m_chart);
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_savings, m_alwaysOnLine, m_spentLine, m_apprenticeLine, m_investigationLine}) {
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    // The lines are drawn by polyline items (cheap to update live); the series give legend and axes.
    m_alwaysOnItem = new PolylineItem(m_chart, m_alwaysOnLine);
    m_spentItem = new PolylineItem(m_chart, m_spentLine);
    m_apprenticeItem = new PolylineItem(m_chart, m_apprenticeLine);
    m_investigationItem = new PolylineItem(m_chart, m_investigationLine);
    for (PolylineItem *item : {m_alwaysOnItem, m_spentItem, m_apprenticeItem, m_investigationItem})
        item->setClipped(false); // the axes always span the data
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("economicsChart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(240);

    m_whatIf = new WhatIfCalculator(settings, this);
    auto *whatIfScroll = new QScrollArea(this);
    whatIfScroll->setWidget(m_whatIf);
    whatIfScroll->setWidgetResizable(true);
    whatIfScroll->setFrameShape(QFrame::NoFrame);
    whatIfScroll->setMinimumWidth(300);

    m_workflowProxy = new WorkflowFilterModel(this);
    m_workflowProxy->setSourceModel(session->workflows());
    m_workflows = new QTableView(this);
    m_workflows->setObjectName(QStringLiteral("economicsWorkflows"));
    m_workflows->setModel(m_workflowProxy);
    Tables::setup(m_workflows, true);
    for (int c : {int(WorkflowsModel::ColReason), int(WorkflowsModel::ColCalls), int(WorkflowsModel::ColFailed),
                  int(WorkflowsModel::ColLastEvent)})
        m_workflows->setColumnHidden(c, true);
    static constexpr int wfChars[WorkflowsModel::ColumnCount] = {26, 8, 14, 0, 11, 0, 0, 12, 12, 12, 0};
    Tables::setColumnChars(m_workflows, wfChars, WorkflowsModel::ColumnCount);
    m_workflows->horizontalHeader()->setStretchLastSection(false);
    m_workflows->horizontalHeader()->setSectionResizeMode(WorkflowsModel::ColWorkflow, QHeaderView::Stretch);
    m_workflows->sortByColumn(WorkflowsModel::ColSavings, Qt::DescendingOrder);

    m_ledgerProxy = new QSortFilterProxyModel(this);
    m_ledgerProxy->setSourceModel(session->ledger());
    m_ledgerProxy->setSortRole(LedgerModel::SortRole);
    m_ledger = new QTableView(this);
    m_ledger->setObjectName(QStringLiteral("ledgerTable"));
    m_ledger->setModel(m_ledgerProxy);
    Tables::setup(m_ledger, true);
    static constexpr int ledgerChars[LedgerModel::ColumnCount] = {17, 28, 11, 14, 14, 12, 12, 0};
    Tables::setColumnChars(m_ledger, ledgerChars, LedgerModel::ColumnCount);
    m_ledger->sortByColumn(LedgerModel::ColHour, Qt::DescendingOrder);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_workflows, QString());
    m_tabs->addTab(m_ledger, QString());

    m_horizontal = new QSplitter(Qt::Horizontal, this);
    m_horizontal->setObjectName(QStringLiteral("economicsHorizontal"));
    m_horizontal->addWidget(m_view);
    m_horizontal->addWidget(whatIfScroll);
    m_horizontal->setStretchFactor(0, 3);
    m_horizontal->setStretchFactor(1, 1);
    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->setObjectName(QStringLiteral("economicsVertical"));
    m_vertical->addWidget(m_horizontal);
    m_vertical->addWidget(m_tabs);
    resetLayout();
    if (!settings->splitterState(QStringLiteral("economics.v")).isEmpty()) {
        m_vertical->restoreState(settings->splitterState(QStringLiteral("economics.v")));
        m_horizontal->restoreState(settings->splitterState(QStringLiteral("economics.h")));
    }
    connect(m_vertical, &QSplitter::splitterMoved, this,
            [this] { m_settings->setSplitterState(QStringLiteral("economics.v"), m_vertical->saveState()); });
    connect(m_horizontal, &QSplitter::splitterMoved, this,
            [this] { m_settings->setSplitterState(QStringLiteral("economics.h"), m_horizontal->saveState()); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(cards);
    layout->addWidget(m_vertical, 1);

    // Costs change with every publication; the chart and cards follow at 2 Hz.
    m_chartTimer = new QTimer(this);
    m_chartTimer->setSingleShot(true);
    m_chartTimer->setInterval(500);
    connect(m_chartTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            updateChart();
        updateCards();
    });
    connect(session->costs(), &CostHistory::changed, this, [this] {
        m_dirty = true;
        if (!m_chartTimer->isActive())
            m_chartTimer->start();
    });
    applyStyle();
    retranslate();
}

void EconomicsPage::resetLayout()
{
    m_vertical->setSizes({560, 240});
    m_horizontal->setSizes({820, 360});
}

int EconomicsPage::plottedPoints() const
{
    return m_spentItem->pointCount();
}

void EconomicsPage::applyStyle()
{
    const QPalette pal = palette();
    ChartStyle::apply(m_chart, pal);
    auto pen = [](const QColor &c, qreal w, Qt::PenStyle style = Qt::SolidLine) {
        QPen p(c);
        p.setWidthF(w);
        p.setStyle(style);
        return p;
    };
    m_alwaysOnLine->setPen(pen(Colors::danger(pal), 2));
    m_spentLine->setPen(pen(ChartStyle::seriesColor(0, pal), 2));
    m_apprenticeLine->setPen(pen(ChartStyle::seriesColor(0, pal), 1, Qt::DashLine));
    m_investigationLine->setPen(pen(Colors::warning(pal), 1, Qt::DotLine));
    m_alwaysOnItem->setPen(m_alwaysOnLine->pen());
    m_spentItem->setPen(m_spentLine->pen());
    m_apprenticeItem->setPen(m_apprenticeLine->pen());
    m_investigationItem->setPen(m_investigationLine->pen());
    QColor fill = Colors::ok(pal);
    fill.setAlpha(45);
    m_savings->setBrush(fill);
    m_savings->setPen(Qt::NoPen);
    m_dirty = true;
}

void EconomicsPage::retranslate()
{
    m_spent->setCaption(tr("Spent on monitoring"));
    m_spent->setToolTip(tr("Apprenticeship reviews plus investigations; graduated executions cost $0"));
    m_alwaysOn->setCaption(tr("Always-on would have cost"));
    m_alwaysOn->setToolTip(tr("AI monitoring of every execution at the always-on price (the counterfactual)"));
    m_saved->setCaption(tr("Saved"));
    m_saved->setToolTip(tr("Always-on minus spent"));
    m_perExecution->setCaption(tr("Per execution"));
    m_perExecution->setToolTip(tr("Average monitoring cost of one execution, against always-on"));
    m_alwaysOnLine->setName(tr("Always-on AI monitoring"));
    m_spentLine->setName(tr("Spent (apprenticeship + investigations)"));
    m_apprenticeLine->setName(tr("of which apprenticeship"));
    m_investigationLine->setName(tr("of which investigations"));
    m_savings->setName(tr("Savings"));
    m_chart->setTitle(tr("Cumulative monitoring cost"));
    m_y->setTitleText(tr("US dollars"));
    m_tabs->setTabText(0, tr("Per workflow"));
    m_tabs->setTabText(1, tr("Ledger per hour"));
    updateCards();
}

void EconomicsPage::updateCards()
{
    const CostHistory::Point p = m_session->costs()->latest();
    m_spent->setValue(Format::money(p.spentUsd()));
    m_spent->setDetail(tr("apprenticeship %1 · investigations %2")
                           .arg(Format::money(p.apprenticeUsd), Format::money(p.investigationUsd)));
    m_alwaysOn->setValue(Format::money(p.alwaysOnUsd));
    m_alwaysOn->setDetail(tr("%1 executions").arg(Format::count(p.executions)));
    m_saved->setValue(Format::money(p.savingsUsd()));
    m_saved->setAccent(p.savingsUsd() > 0 ? Colors::ok(palette()) : palette().color(QPalette::Text));
    m_saved->setDetail(p.alwaysOnUsd > 0 ? tr("%1 of the always-on cost").arg(Format::percent(p.savingsUsd() / p.alwaysOnUsd, 1))
                                         : QString());
    if (p.executions > 0) {
        m_perExecution->setValue(Format::money(p.spentUsd() / double(p.executions)));
        m_perExecution->setDetail(tr("always-on %1").arg(Format::money(p.alwaysOnUsd / double(p.executions))));
    } else {
        m_perExecution->setValue(Format::money(0));
        m_perExecution->setDetail(QString());
    }

    // The session's own numbers for the what-if.
    const CostHistory *costs = m_session->costs();
    const double perDay = costs->executionsPerDay();
    if (perDay > 0 && !costs->points().empty()) {
        WhatIfCalculator::Inputs in = m_whatIf->inputs();
        in.executionsPerDay = perDay;
        const auto &pts = costs->points();
        const double days = double(pts.back().tsMs - pts.front().tsMs) / 86400000.0;
        qint64 investigations = 0;
        const EventsModel *events = m_session->events();
        for (int r = 0; r < events->rowCount(); ++r) {
            const int kind = events->rowAt(r).kind;
            investigations += kind == EventsModel::KindDrift || kind == EventsModel::KindFailure;
        }
        if (days > 0)
            in.investigationsPerYear = double(investigations) / days * 365.0;
        if (investigations > 0 && p.investigationUsd > 0)
            in.investigationUsd = p.investigationUsd / double(investigations);
        in.apprenticeExecutions = m_settings->graduationExecutions();
        m_whatIf->setObserved(in);
    }
}

void EconomicsPage::updateChart()
{
    m_dirty = false;
    const auto &all = m_session->costs()->points();
    // A cumulative curve needs no more points than the plot has columns.
    const size_t wanted = size_t(std::max(100, int(m_chart->plotArea().width())));
    const size_t stride = all.size() / wanted + 1;
    std::vector<QPointF> alwaysOn, spent, apprentice, investigations;
    double maxY = 0;
    for (size_t i = 0; i < all.size(); i += stride) {
        const size_t k = (i + stride >= all.size()) ? all.size() - 1 : i; // always end on the latest point
        const CostHistory::Point &p = all[k];
        const double x = double(p.tsMs);
        alwaysOn.emplace_back(x, p.alwaysOnUsd);
        spent.emplace_back(x, p.spentUsd());
        apprentice.emplace_back(x, p.apprenticeUsd);
        investigations.emplace_back(x, p.investigationUsd);
        maxY = std::max({maxY, p.alwaysOnUsd, p.spentUsd()});
    }
    if (all.size() >= 2) {
        const double from = double(all.front().tsMs), to = double(std::max(all.back().tsMs, all.front().tsMs + 1000));
        m_x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(from), Qt::UTC), QDateTime::fromMSecsSinceEpoch(qint64(to), Qt::UTC));
        // Ticks a few minutes apart read the same in HH:mm: seconds then.
        m_x->setFormat(to - from < 600000.0       ? QStringLiteral("HH:mm:ss")
                       : to - from < 86400000.0 * 2 ? QStringLiteral("HH:mm")
                                                    : QStringLiteral("MM-dd"));
    }
    m_y->setRange(0, std::max(0.01, maxY * 1.08));
    m_y->applyNiceNumbers();
    QColor fill = Colors::ok(palette());
    fill.setAlpha(45);
    m_alwaysOnItem->setFill(spent, fill);
    m_alwaysOnItem->setPoints(std::move(alwaysOn));
    m_spentItem->setPoints(std::move(spent));
    m_apprenticeItem->setPoints(std::move(apprentice));
    m_investigationItem->setPoints(std::move(investigations));
}

void EconomicsPage::showEvent(QShowEvent *event)
{
    if (m_dirty) {
        updateChart();
        updateCards(); // the cards and the curves tell the same story from the first frame
    }
    QWidget::showEvent(event);
}

void EconomicsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::PaletteChange)
        applyStyle();
    QWidget::changeEvent(event);
}
