#include "distributionspage.h"

#include "appsettings.h"
#include "common/icons.h"
#include "common/tables.h"
#include "consolesession.h"
#include "enginehost.h"
#include "format.h"
#include "histogramchart.h"
#include "metricinfo.h"
#include "metricstatsmodel.h"
#include "timeserieschart.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Apprentice;

DistributionsPage::DistributionsPage(ConsoleSession *session, AppSettings *settings, QWidget *parent)
    : QWidget(parent), m_session(session), m_settings(settings)
{
    m_workflow = new QComboBox(this);
    m_workflow->setObjectName(QStringLiteral("distWorkflow"));
    m_workflow->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_tool = new QComboBox(this);
    m_tool->setObjectName(QStringLiteral("distTool"));
    m_tool->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("distMetric"));
    m_metric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_resetZoom = new QToolButton(this);
    m_resetZoom->setIcon(Icons::get(QStringLiteral("zoom-reset")));
    m_resetZoom->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_resetZoom->setAutoRaise(true);
    m_info = new QLabel(this);
    m_info->setForegroundRole(QPalette::PlaceholderText);
    m_hint = new QLabel(this);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_workflow);
    bar->addWidget(m_tool);
    bar->addWidget(m_metric);
    bar->addWidget(m_resetZoom);
    bar->addStretch(1);
    bar->addWidget(m_info);

    m_series = new TimeSeriesChart(this);
    m_histogram = new HistogramChart(this);
    m_stats = new MetricStatsModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("metricStatsTable"));
    m_table->setModel(m_stats);
    Tables::setup(m_table, false);
    static constexpr int chars[MetricStatsModel::ColumnCount] = {22, 15, 9, 12, 12, 12, 12, 12, 9};
    Tables::setColumnChars(m_table, chars, MetricStatsModel::ColumnCount);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setColumnWidth(MetricStatsModel::ColShift, m_table->fontMetrics().averageCharWidth() * 9 + 16);

    m_horizontal = new QSplitter(Qt::Horizontal, this);
    m_horizontal->setObjectName(QStringLiteral("distHorizontal"));
    m_horizontal->addWidget(m_series);
    m_horizontal->addWidget(m_histogram);
    m_horizontal->setStretchFactor(0, 3);
    m_horizontal->setStretchFactor(1, 2);
    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->setObjectName(QStringLiteral("distVertical"));
    m_vertical->addWidget(m_horizontal);
    m_vertical->addWidget(m_table);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 1);
    resetLayout();
    if (!settings->splitterState(QStringLiteral("distributions.v")).isEmpty()) {
        m_vertical->restoreState(settings->splitterState(QStringLiteral("distributions.v")));
        m_horizontal->restoreState(settings->splitterState(QStringLiteral("distributions.h")));
    }
    connect(m_vertical, &QSplitter::splitterMoved, this,
            [this] { m_settings->setSplitterState(QStringLiteral("distributions.v"), m_vertical->saveState()); });
    connect(m_horizontal, &QSplitter::splitterMoved, this,
            [this] { m_settings->setSplitterState(QStringLiteral("distributions.h"), m_horizontal->saveState()); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(bar);
    layout->addWidget(m_vertical, 1);
    layout->addWidget(m_hint);

    m_timer = new QTimer(this);
    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &DistributionsPage::refresh);

    m_wantedWorkflow = settings->filter(QStringLiteral("distributions.workflow"));
    m_wantedVersion = settings->filter(QStringLiteral("distributions.version"));
    m_wantedTool = settings->filter(QStringLiteral("distributions.tool"));
    m_wantedMetric = settings->filter(QStringLiteral("distributions.metric"), QStringLiteral("latency_ms"));

    connect(m_workflow, &QComboBox::currentIndexChanged, this, [this] {
        const QStringList key = m_workflow->currentData().toStringList();
        if (key.size() == 2) {
            m_wantedWorkflow = key[0];
            m_wantedVersion = key[1];
            m_settings->setFilter(QStringLiteral("distributions.workflow"), key[0]);
            m_settings->setFilter(QStringLiteral("distributions.version"), key[1]);
        }
        refillTools();
    });
    connect(m_tool, &QComboBox::currentIndexChanged, this, [this] {
        if (m_tool->currentIndex() >= 0) {
            m_wantedTool = m_tool->currentData().toString();
            m_settings->setFilter(QStringLiteral("distributions.tool"), m_wantedTool);
        }
        refillMetrics();
    });
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] {
        if (m_metric->currentIndex() >= 0) {
            m_wantedMetric = m_metric->currentData().toString();
            m_settings->setFilter(QStringLiteral("distributions.metric"), m_wantedMetric);
        }
        m_series->resetZoom();
        m_series->setMetric(currentMetric());
        m_series->setToolTip(MetricInfo::description(currentMetric()));
        m_metric->setToolTip(MetricInfo::description(currentMetric()));
        m_lastReply.reset();
        updateProfile();
        refresh();
    });
    connect(m_resetZoom, &QToolButton::clicked, this, [this] {
        m_series->resetZoom();
        refresh();
    });
    connect(m_series, &TimeSeriesChart::rangeRequested, this, &DistributionsPage::refresh);
    connect(m_series, &TimeSeriesChart::pointClicked, this, [this](qint64 seq) {
        m_series->highlight(seq);
        emit recordActivated(seq);
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &idx) {
        const int i = m_metric->findData(idx.data(MetricStatsModel::MetricRole).toString());
        if (i >= 0)
            m_metric->setCurrentIndex(i);
    });
    connect(session->host(), &EngineHost::seriesReady, this, &DistributionsPage::onReply);
    connect(session, &ConsoleSession::catalogChanged, this, &DistributionsPage::refillWorkflows);
    // Snapshots come at up to 10 Hz; the charts redraw with the next reply (4 Hz) instead.
    connect(session, &ConsoleSession::snapshotChanged, this, [this] { m_profileDirty = true; });
    connect(session, &ConsoleSession::sessionReset, this, [this] {
        m_series->resetZoom();
        m_lastReply.reset();
        m_stats->clear();
        m_histogram->clear();
        m_series->clear(QString());
    });
    retranslate();
    refillWorkflows();
}

void DistributionsPage::resetLayout()
{
    m_vertical->setSizes({600, 220});
    m_horizontal->setSizes({700, 450});
}

void DistributionsPage::retranslate()
{
    m_workflow->setToolTip(tr("Workflow and version"));
    m_tool->setToolTip(tr("Tool of the workflow"));
    m_resetZoom->setText(tr("Whole history"));
    m_resetZoom->setToolTip(tr("Show the whole history again (double-click the chart or press Home)"));
    m_hint->setText(tr("Wheel: zoom · drag: pan · double-click: whole history · click a point: show that record in the "
                       "live stream. The histogram compares the learned profile with the most recent values."));
    for (int i = 0; i < m_metric->count(); ++i)
        m_metric->setItemText(i, MetricInfo::title(m_metric->itemData(i).toString()));
    m_series->setMetric(currentMetric());
}

void DistributionsPage::refillWorkflows()
{
    const QSignalBlocker block(m_workflow);
    m_workflow->clear();
    int select = -1;
    if (const auto snapshot = m_session->snapshot()) {
        for (const WorkflowSnapshot &w : snapshot->workflows) {
            m_workflow->addItem(tr("%1 %2").arg(w.workflow, w.version), QStringList{w.workflow, w.version});
            if (w.workflow == m_wantedWorkflow && (m_wantedVersion.isEmpty() || w.version == m_wantedVersion))
                select = m_workflow->count() - 1;
        }
    }
    if (select < 0 && m_workflow->count() > 0)
        select = 0;
    m_workflow->setCurrentIndex(select);
    refillTools();
}

void DistributionsPage::refillTools()
{
    const QStringList key = m_workflow->currentData().toStringList();
    const QSignalBlocker block(m_tool);
    m_tool->clear();
    if (key.size() == 2) {
        if (const WorkflowSnapshot *w = m_session->findWorkflow(key[0], key[1]))
            for (const ToolSnapshot &t : w->tools)
                m_tool->addItem(t.tool, t.tool);
    }
    const int idx = m_tool->findData(m_wantedTool);
    m_tool->setCurrentIndex(idx >= 0 ? idx : (m_tool->count() ? 0 : -1));
    refillMetrics();
}

void DistributionsPage::refillMetrics()
{
    const QStringList key = m_workflow->currentData().toStringList();
    const QString before = currentMetric();
    {
        const QSignalBlocker block(m_metric);
        m_metric->clear();
        if (key.size() == 2) {
            QStringList metrics = m_session->metricNames(key[0], key[1], m_tool->currentData().toString());
            // Built-in metrics first, in their usual order.
            QStringList ordered;
            for (const QString &m : MetricInfo::builtinNames())
                if (metrics.contains(m))
                    ordered << m;
            for (const QString &m : metrics)
                if (!ordered.contains(m))
                    ordered << m;
            for (const QString &m : ordered) {
                m_metric->addItem(MetricInfo::title(m), m);
                m_metric->setItemData(m_metric->count() - 1, MetricInfo::description(m), Qt::ToolTipRole);
            }
        }
        const int idx = m_metric->findData(m_wantedMetric);
        m_metric->setCurrentIndex(idx >= 0 ? idx : (m_metric->count() ? 0 : -1));
    }
    if (currentMetric() != before || !m_lastReply) {
        m_series->resetZoom();
        m_series->setMetric(currentMetric());
        m_metric->setToolTip(MetricInfo::description(currentMetric()));
        m_lastReply.reset();
    }
    updateProfile();
    refresh();
}

QString DistributionsPage::currentTool() const
{
    return m_tool->currentData().toString();
}

QString DistributionsPage::currentMetric() const
{
    return m_metric->currentData().toString();
}

void DistributionsPage::showWorkflow(const QString &workflow, const QString &version)
{
    m_wantedWorkflow = workflow;
    m_wantedVersion = version;
    refillWorkflows();
}

void DistributionsPage::select(const QString &workflow, const QString &version, const QString &tool, const QString &metric)
{
    m_wantedWorkflow = workflow;
    m_wantedVersion = version;
    m_wantedTool = tool;
    m_wantedMetric = metric;
    refillWorkflows();
}

void DistributionsPage::updateProfile()
{
    m_profileDirty = false;
    const QStringList key = m_workflow->currentData().toStringList();
    const ToolSnapshot *tool = key.size() == 2 ? m_session->findTool(key[0], key[1], currentTool()) : nullptr;
    const Distribution *profile = nullptr;
    if (tool)
        for (const MetricSnapshot &m : tool->metrics)
            if (m.metric == currentMetric())
                profile = &m.profile;
    if (profile && profile->count() > 0)
        m_series->setProfile(profile->quantile(0.01), profile->p50(), profile->quantile(0.99));
    else
        m_series->setProfile(std::nan(""), std::nan(""), std::nan(""));
    const std::vector<double> none;
    m_histogram->setData(currentMetric(), profile, m_lastReply ? m_lastReply->windowValues : none);
    m_stats->setStats(tool, m_lastReply ? m_lastReply->window : std::vector<WindowStats>());
}

void DistributionsPage::refresh()
{
    const QStringList key = m_workflow->currentData().toStringList();
    if (key.size() != 2 || currentTool().isEmpty() || currentMetric().isEmpty()) {
        m_series->clear(m_session->snapshot() ? tr("No metric selected") : tr("No data yet: open a log export or start the demo"));
        m_info->clear();
        return;
    }
    if (m_inFlight) {
        m_again = true; // one query at a time; the newest wish is served next
        return;
    }
    SeriesQuery q;
    q.workflow = key[0];
    q.version = key[1];
    q.tool = currentTool();
    q.metric = currentMetric();
    if (m_series->isZoomed()) {
        q.fromMs = qint64(std::floor(m_series->viewFrom()));
        q.toMs = qint64(std::ceil(m_series->viewTo()));
    }
    q.buckets = m_series->plotWidth();
    q.ticket = ++m_ticket;
    m_inFlight = true;
    m_again = false;
    m_queryClock.start();
    m_session->host()->querySeries(q);
}

void DistributionsPage::onReply(std::shared_ptr<const SeriesReply> reply)
{
    if (reply->query.ticket != m_ticket)
        return; // another page's query, or one superseded meanwhile
    m_inFlight = false;
    const QStringList key = m_workflow->currentData().toStringList();
    if (key.size() == 2 && reply->query.workflow == key[0] && reply->query.version == key[1]
        && reply->query.tool == currentTool() && reply->query.metric == currentMetric()) {
        m_lastReply = reply;
        if (reply->historySize == 0)
            m_series->clear(tr("No values of this metric yet"));
        else
            m_series->setReply(*reply, !m_series->isZoomed());
        updateProfile(); // the histogram's window changed with the reply
        m_lastRefreshMs = double(m_queryClock.nsecsElapsed()) / 1e6;
        ++m_refreshes;
        m_info->setText(tr("%1 values kept · %2 in view · %3 drawn · refreshed in %4")
                            .arg(Format::count(reply->historySize), Format::count(reply->pointsInRange),
                                 Format::count(m_series->drawnPoints()), Format::duration(m_lastRefreshMs)));
        emit refreshed();
    }
    if (m_again)
        refresh();
}

void DistributionsPage::showEvent(QShowEvent *event)
{
    m_timer->start();
    refresh();
    QWidget::showEvent(event);
}

void DistributionsPage::hideEvent(QHideEvent *event)
{
    m_timer->stop();
    QWidget::hideEvent(event);
}

void DistributionsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_stats->retranslate();
    }
    QWidget::changeEvent(event);
}
