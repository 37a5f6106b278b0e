#include "trendpage.h"

#include "common/chartstyle.h"

#include "evolution/mutationledger.h"
#include "evolution/mutationproposals.h"
#include "trends/trendtracker.h"

#include "metricinfo.h"
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QTreeWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Apprentice;

namespace {

constexpr qint64 DayMs = 86400000;
constexpr int IndexRole = Qt::UserRole + 1;

QColor severityColor(TrendSeverity s)
{
    switch (s) {
    case TrendSeverity::High: return QColor(0xc6, 0x28, 0x28);
    case TrendSeverity::Medium: return QColor(0xe6, 0x51, 0x00);
    case TrendSeverity::Low: return QColor(0xb2, 0x8a, 0x00);
    case TrendSeverity::None: break;
    }
    return QColor(0x61, 0x61, 0x61);
}

QString severityText(const TrendResult &r)
{
    if (!r.significant)
        return TrendPage::tr("no trend");
    switch (r.severity) {
    case TrendSeverity::High: return TrendPage::tr("high");
    case TrendSeverity::Medium: return TrendPage::tr("medium");
    case TrendSeverity::Low: return TrendPage::tr("low");
    case TrendSeverity::None: break;
    }
    return TrendPage::tr("harmless");
}

QString num(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    return QString::number(v, 'g', std::abs(v) >= 1000 ? 6 : 3);
}

QString signedNum(double v)
{
    return (v > 0 ? QStringLiteral("+") : QString()) + num(v);
}

QString seriesName(const TrendResult &r)
{
    return QStringLiteral("%1 · %2 %3").arg(r.tool, r.metric, trendStatisticName(r.statistic));
}

QString statisticLabel(const TrendResult &r)
{
    switch (r.statistic) {
    case TrendStatistic::P95: return TrendPage::tr("Daily p95");
    case TrendStatistic::Mean: return TrendPage::tr("Daily mean");
    case TrendStatistic::ErrorRate: return TrendPage::tr("Daily error rate");
    }
    return {};
}

/// "Breach in 8.9 days" and its colour, or why there is none.
std::pair<QString, QColor> breachText(const TrendResult &r)
{
    if (!r.significant)
        return {TrendPage::tr("No significant trend"), QColor(0x61, 0x61, 0x61)};
    if (r.thresholdKind == ThresholdKind::None)
        return {TrendPage::tr("No limit set for %1").arg(r.metric), QColor(0x61, 0x61, 0x61)};
    if (!r.breachInDays)
        return {TrendPage::tr("No breach expected: moving away from %1%2").arg(num(r.threshold), MetricInfo::suffix(r.metric)),
                QColor(0x2e, 0x7d, 0x32)};
    if (*r.breachInDays <= 0)
        return {TrendPage::tr("Already beyond %1%2").arg(num(r.threshold), MetricInfo::suffix(r.metric)), QColor(0xc6, 0x28, 0x28)};
    const QColor c = *r.breachInDays <= 7 ? QColor(0xc6, 0x28, 0x28)
                   : *r.breachInDays <= 30 ? QColor(0xe6, 0x51, 0x00)
                                           : QColor(0xb2, 0x8a, 0x00);
    return {TrendPage::tr("Breach in %1 days").arg(QString::number(*r.breachInDays, 'f', 1)), c};
}

QLineSeries *line(const QString &name, const QColor &color, qreal width, Qt::PenStyle style = Qt::SolidLine)
{
    auto *s = new QLineSeries;
    s->setName(name);
    QPen pen(color);
    pen.setWidthF(width);
    pen.setStyle(style);
    s->setPen(pen);
    return s;
}

} // namespace

TrendPage::TrendPage(QWidget *parent)
    : QWidget(parent)
{
    auto *title = new QLabel(tr("Trends"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_summary = new QLabel(this);
    m_summary->setForegroundRole(QPalette::PlaceholderText); // muted, light or dark
    m_significantOnly = new QCheckBox(tr("Only significant trends"), this);
    m_significantOnly->setChecked(true);
    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addSpacing(12);
    top->addWidget(m_summary, 1);
    top->addWidget(m_significantOnly);

    m_list = new QTreeWidget(this);
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Severity"), tr("Series"), tr("Slope/day"), tr("Per week"), tr("Breach")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(ColSeries, QHeaderView::Stretch);
    for (int c : {int(ColSeverity), int(ColSlope), int(ColWeekly), int(ColBreach)})
        m_list->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);

    m_headline = new QLabel(this);
    QFont headFont = m_headline->font();
    headFont.setBold(true);
    headFont.setPointSizeF(headFont.pointSizeF() * 1.15);
    m_headline->setFont(headFont);
    m_breach = new QLabel(this);
    QFont breachFont = m_breach->font();
    breachFont.setBold(true);
    breachFont.setPointSizeF(breachFont.pointSizeF() * 1.5);
    m_breach->setFont(breachFont);
    m_breach->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_details = new QLabel(this);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_propose = new QPushButton(tr("Propose mutation"), this);
    m_propose->setToolTip(tr("Record the mutation this trend suggests in the mutation ledger"));
    m_propose->setEnabled(false);

    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumSize(420, 300);

    auto *right = new QWidget(this);
    auto *head = new QHBoxLayout;
    head->addWidget(m_headline, 1);
    head->addWidget(m_breach);
    auto *foot = new QHBoxLayout;
    foot->addWidget(m_details, 1);
    foot->addWidget(m_propose, 0, Qt::AlignTop);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    rightLayout->addLayout(head);
    rightLayout->addWidget(m_chartView, 1);
    rightLayout->addLayout(foot);

    auto *help = new QLabel(tr("Each point is one day's value of the series. The solid line is the robust Theil–Sen "
                               "trend over the window, the dashed line its projection with a 95\u00a0% cone; the dotted "
                               "line is the limit and the square marks where the trend crosses it. A trend is reported "
                               "when the (weekday-seasonal) Mann–Kendall test is significant with false discoveries "
                               "controlled over all series. Statistics only: no model is called."),
                            this);
    help->setWordWrap(true);
    help->setForegroundRole(QPalette::PlaceholderText);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(help);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    m_list->setMinimumWidth(300);
    splitter->setSizes({540, 860}); // series names read in full at the default window size

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_current = item ? item->data(0, IndexRole).toInt() : -1;
        showCurrent();
    });
    connect(m_significantOnly, &QCheckBox::toggled, this, &TrendPage::rebuildList);
    connect(m_propose, &QPushButton::clicked, this, &TrendPage::onProposeClicked);
    rebuildList();
}

void TrendPage::setSeries(std::vector<TrendSeriesData> series)
{
    const TrendSeriesData *old = currentSeries();
    QStringList key;
    if (old)
        key = {old->result.workflow, old->result.version, old->result.tool, old->result.metric};
    m_series = std::move(series);
    m_current = -1;
    rebuildList();
    if (!key.isEmpty())
        selectSeries(key[0], key[1], key[2], key[3]);
}

void TrendPage::setTracker(const TrendTracker &tracker, qint64 nowMs, const TrendConfig &config)
{
    setSeries(trendSeriesData(tracker, nowMs, config, true));
}

void TrendPage::setLedger(MutationLedger *ledger)
{
    m_ledger = ledger;
    showCurrent();
}

const TrendSeriesData *TrendPage::currentSeries() const
{
    return m_current >= 0 && m_current < int(m_series.size()) ? &m_series[size_t(m_current)] : nullptr;
}

bool TrendPage::selectSeries(const QString &workflow, const QString &version, const QString &tool, const QString &metric)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const TrendResult &r = m_series[size_t(item->data(0, IndexRole).toInt())].result;
        if (r.workflow == workflow && r.version == version && r.tool == tool && r.metric == metric) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

void TrendPage::rebuildList()
{
    const int previous = m_current;
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int degrading = 0;
    qint64 asOf = 0;
    QTreeWidgetItem *select = nullptr;
    for (int i = 0; i < int(m_series.size()); ++i) {
        const TrendResult &r = m_series[size_t(i)].result;
        asOf = std::max(asOf, r.asOfMs);
        if (r.significant && r.severity != TrendSeverity::None)
            ++degrading;
        if (m_significantOnly->isChecked() && !r.significant)
            continue;
        auto *item = new QTreeWidgetItem(m_list);
        item->setData(0, IndexRole, i);
        item->setText(ColSeverity, u"● " + severityText(r));
        item->setForeground(ColSeverity, severityColor(r.significant ? r.severity : TrendSeverity::None));
        item->setText(ColSeries, seriesName(r));
        item->setToolTip(ColSeries, QStringLiteral("%1 %2").arg(r.workflow, r.version));
        item->setText(ColSlope, signedNum(r.slopePerDay) + MetricInfo::suffix(r.metric));
        item->setText(ColWeekly, signedNum(r.slopePerWeekPercent) + (r.percentagePoints ? tr(" pp") : QStringLiteral(" %")));
        item->setText(ColBreach, r.breachInDays ? (*r.breachInDays <= 0 ? tr("now") : tr("%1 d").arg(*r.breachInDays, 0, 'f', 1))
                                                : QStringLiteral("—"));
        for (int c : {int(ColSlope), int(ColWeekly), int(ColBreach)})
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        if (i == previous)
            select = item;
    }
    const QString when = asOf > 0 ? QDateTime::fromMSecsSinceEpoch(asOf, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                                  : QString();
    m_summary->setText(m_series.empty() ? tr("No series with enough days yet (7 needed)")
                                        : tr("%1 of %2 series degrading · as of %3 · statistics only, $0")
                                              .arg(degrading).arg(m_series.size()).arg(when));
    if (!select && m_list->topLevelItemCount() > 0)
        select = m_list->topLevelItem(0);
    m_current = select ? select->data(0, IndexRole).toInt() : -1;
    if (select)
        m_list->setCurrentItem(select);
    showCurrent();
}

void TrendPage::showCurrent()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    const TrendSeriesData *shown = currentSeries();
    m_propose->setEnabled(shown && m_ledger && proposalFromTrend(shown->result).has_value());
    if (!shown) {
        m_headline->setText(m_series.empty() ? tr("Nothing to show yet") : tr("Select a series"));
        m_breach->clear();
        m_details->clear();
        m_chart->setTitle(QString());
        return;
    }
    const TrendResult &r = shown->result;
    m_headline->setText(QStringLiteral("%1 — %2 %3").arg(seriesName(r), r.workflow, r.version));
    const auto [breach, breachColor] = breachText(r);
    m_breach->setText(breach);
    m_breach->setStyleSheet(QStringLiteral("color: %1").arg(breachColor.name()));
    m_details->setText(r.summary() + QStringLiteral("\n")
                       + tr("%1 days%2 · Mann–Kendall p = %3 · Theil–Sen slope %4 [%5, %6] per day")
                             .arg(r.days)
                             .arg(r.seasonal ? tr(", weekday-seasonal") : QString())
                             .arg(num(r.pValue), num(r.slopePerDay), num(r.slopeLowPerDay), num(r.slopeHighPerDay)));

    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const auto extend = [&](double v) {
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    };

    auto *values = line(statisticLabel(r), QColor(0x15, 0x65, 0xc0), 1.5);
    values->setPointsVisible(true);
    for (const DailyPoint &p : shown->points) {
        values->append(double(p.day * DayMs), p.value);
        extend(p.value);
    }
    const double x0 = double(r.firstDayMs);
    const double x1 = double(r.lastDayMs);
    const double x2 = x1 + double(r.projectionDays) * DayMs;
    const bool fitted = std::isfinite(r.slopePerDay) && std::isfinite(r.current);
    const QColor trendColor = r.significant ? severityColor(r.severity == TrendSeverity::None ? TrendSeverity::Low : r.severity)
                                            : QColor(0x75, 0x75, 0x75);

    if (fitted && r.significant) {
        // The cone first, so the lines are drawn over it.
        auto *upper = new QLineSeries;
        auto *lower = new QLineSeries;
        upper->append(x1, r.current);
        upper->append(x2, r.projectedHigh);
        lower->append(x1, r.current);
        lower->append(x2, r.projectedLow);
        auto *cone = new QAreaSeries(upper, lower);
        upper->setParent(cone);
        lower->setParent(cone);
        cone->setName(tr("95 % cone"));
        QColor fill = trendColor;
        fill.setAlpha(45);
        cone->setBrush(fill);
        cone->setPen(Qt::NoPen);
        m_chart->addSeries(cone);
        extend(r.projectedHigh);
        extend(r.projectedLow);
    }
    m_chart->addSeries(values);
    if (fitted) {
        auto *fit = line(tr("Trend"), trendColor, 2.5);
        fit->append(x0, r.windowStart);
        fit->append(x1, r.current);
        m_chart->addSeries(fit);
        extend(r.windowStart);
        extend(r.current);
        if (r.significant) {
            auto *projection = line(tr("Projection"), trendColor, 2, Qt::DashLine);
            projection->append(x1, r.current);
            projection->append(x2, r.projected);
            m_chart->addSeries(projection);
            extend(r.projected);
        }
    }
    const bool hasThreshold = r.thresholdKind != ThresholdKind::None && std::isfinite(r.threshold);
    if (hasThreshold) {
        auto *limit = line(tr("Limit %1 %2%3").arg(r.thresholdKind == ThresholdKind::AtMost ? QStringLiteral("≤") : QStringLiteral("≥"),
                                                   num(r.threshold), MetricInfo::suffix(r.metric)),
                           QColor(0xc6, 0x28, 0x28), 1.5, Qt::DotLine);
        limit->append(x0, r.threshold);
        limit->append(x2, r.threshold);
        m_chart->addSeries(limit);
        extend(r.threshold);
        if (r.breachInDays && *r.breachInDays > 0 && *r.breachInDays <= r.projectionDays) {
            auto *mark = new QScatterSeries;
            mark->setName(tr("Breach"));
            mark->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
            mark->setMarkerSize(11);
            mark->setColor(QColor(0xc6, 0x28, 0x28));
            mark->setBorderColor(Qt::white);
            mark->append(x1 + *r.breachInDays * DayMs, r.threshold);
            m_chart->addSeries(mark);
        }
    }

    auto *axisX = new QDateTimeAxis;
    axisX->setFormat(QStringLiteral("MMM d"));
    axisX->setTickCount(7);
    axisX->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0) - DayMs / 2, Qt::UTC),
                    QDateTime::fromMSecsSinceEpoch(qint64(x2) + DayMs / 2, Qt::UTC));
    auto *axisY = new QValueAxis;
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    const double pad = (hi - lo) * 0.08;
    axisY->setRange(lo - pad, hi + pad);
    axisY->applyNiceNumbers();
    const QString unit = MetricInfo::suffix(r.metric).trimmed();
    axisY->setTitleText(unit.isEmpty() ? r.metric : QStringLiteral("%1 (%2)").arg(r.metric, unit));
    axisY->setLabelFormat(r.statistic == TrendStatistic::ErrorRate || r.metric == u"validation_pass" ? QStringLiteral("%.4g")
                                                                                                     : QStringLiteral("%.0f"));
    m_chart->addAxis(axisX, Qt::AlignBottom);
    m_chart->addAxis(axisY, Qt::AlignLeft);
    for (QAbstractSeries *s : m_chart->series()) {
        s->attachAxis(axisX);
        s->attachAxis(axisY);
    }
    m_chart->setTitle(QString());
    ChartStyle::apply(m_chart, palette()); // light or dark like the rest of the console
}

void TrendPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        showCurrent();
    QWidget::changeEvent(event);
}

void TrendPage::onProposeClicked()
{
    const TrendSeriesData *shown = currentSeries();
    if (!shown || !m_ledger)
        return;
    const auto proposal = proposalFromTrend(shown->result);
    if (!proposal)
        return;
    const QString who = m_operator.isEmpty() ? tr("trend analysis") : m_operator;
    const size_t before = m_ledger->mutations().size();
    const qint64 id = m_ledger->propose(*proposal, who);
    if (m_ledger->mutations().size() == before) // an open mutation absorbed it: the endorsement is still audited
        m_ledger->note(id, who, QStringLiteral("proposed again from the trend view"), proposal->evidence);
    emit mutationProposed(id);
}
