#include "shadowcomparisonwidget.h"

#include "common/chartstyle.h"

#include "metricinfo.h"
#include <QBarCategoryAxis>
#include <QHorizontalBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTreeWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>

using namespace Apprentice;

namespace {

QColor verdictColor(ShadowVerdict v)
{
    switch (v) {
    case ShadowVerdict::Regression: return QColor(0xc6, 0x28, 0x28);
    case ShadowVerdict::Improved: return QColor(0x2e, 0x7d, 0x32);
    case ShadowVerdict::Inconclusive:
    case ShadowVerdict::Insufficient: return QColor(0xb2, 0x6a, 0x00);
    case ShadowVerdict::Changed: return QColor(0x15, 0x65, 0xc0);
    case ShadowVerdict::Equivalent: break;
    }
    return QColor(0x61, 0x61, 0x61);
}

QString verdictText(ShadowVerdict v)
{
    switch (v) {
    case ShadowVerdict::Equivalent: return ShadowComparisonWidget::tr("equivalent");
    case ShadowVerdict::Improved: return ShadowComparisonWidget::tr("improved");
    case ShadowVerdict::Changed: return ShadowComparisonWidget::tr("changed");
    case ShadowVerdict::Insufficient: return ShadowComparisonWidget::tr("too few calls");
    case ShadowVerdict::Inconclusive: return ShadowComparisonWidget::tr("inconclusive");
    case ShadowVerdict::Regression: return ShadowComparisonWidget::tr("regression");
    }
    return {};
}

QColor recommendationColor(ShadowRecommendation r)
{
    switch (r) {
    case ShadowRecommendation::Promote: return QColor(0x2e, 0x7d, 0x32);
    case ShadowRecommendation::RollBack: return QColor(0xc6, 0x28, 0x28);
    case ShadowRecommendation::KeepShadow: break;
    }
    return QColor(0xb2, 0x6a, 0x00);
}

QString recommendationText(ShadowRecommendation r)
{
    switch (r) {
    case ShadowRecommendation::Promote: return ShadowComparisonWidget::tr("PROMOTE");
    case ShadowRecommendation::RollBack: return ShadowComparisonWidget::tr("ROLL BACK");
    case ShadowRecommendation::KeepShadow: break;
    }
    return ShadowComparisonWidget::tr("KEEP IN SHADOW");
}

QString num(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    return QString::number(v, 'g', std::abs(v) >= 1000 ? 6 : 4);
}

QString percent(double rate)
{
    return std::isfinite(rate) ? QString::number(rate * 100, 'g', 3) + QStringLiteral(" %") : QStringLiteral("—");
}

QString pText(double p)
{
    if (!std::isfinite(p))
        return QStringLiteral("—");
    return p < 0.001 ? QStringLiteral("< 0.001") : QString::number(p, 'g', 2);
}

void paintVerdict(QTreeWidgetItem *item, ShadowVerdict v)
{
    item->setText(ShadowComparisonWidget::ColVerdict, verdictText(v));
    item->setForeground(ShadowComparisonWidget::ColVerdict, verdictColor(v));
    if (v == ShadowVerdict::Regression || v == ShadowVerdict::Improved) {
        QFont f = item->font(ShadowComparisonWidget::ColVerdict);
        f.setBold(true);
        item->setFont(ShadowComparisonWidget::ColVerdict, f);
        QColor bg = verdictColor(v);
        bg.setAlpha(28);
        for (int c = 0; c < ShadowComparisonWidget::ColumnCount; ++c)
            item->setBackground(c, bg);
    }
}

} // namespace

ShadowComparisonWidget::ShadowComparisonWidget(QWidget *parent)
    : QWidget(parent)
{
    m_badge = new QLabel(this);
    QFont badgeFont = m_badge->font();
    badgeFont.setBold(true);
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 1.25);
    m_badge->setFont(badgeFont);
    m_badge->setAlignment(Qt::AlignCenter);
    m_badge->setMinimumWidth(150);
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true); // a sentence when there is nothing to compare: it must not widen the window
    m_subtitle = new QLabel(this);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText); // muted, light or dark
    m_subtitle->setWordWrap(true);
    m_reasons = new QLabel(this);
    m_reasons->setWordWrap(true);
    m_reasons->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reasons->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_chart = new QChart;
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumSize(440, 230);

    m_table = new QTreeWidget(this);
    m_table->setColumnCount(ColumnCount);
    m_table->setHeaderLabels({tr("Tool / metric"), tr("Baseline"), tr("Candidate"), tr("Change"), tr("p (Holm)"),
                              tr("Cliff's δ"), tr("Verdict")});
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(ColName, QHeaderView::Stretch);
    for (int c = ColBaseline; c < ColumnCount; ++c)
        m_table->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);

    auto *heading = new QVBoxLayout;
    heading->addWidget(m_title);
    heading->addWidget(m_subtitle);
    auto *top = new QHBoxLayout;
    top->addWidget(m_badge);
    top->addLayout(heading, 1);

    auto *reasonsAndChart = new QHBoxLayout;
    reasonsAndChart->addWidget(m_reasons, 1);
    reasonsAndChart->addWidget(m_chartView, 0);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(reasonsAndChart);
    layout->addWidget(m_table, 1);
    clear();
}

void ShadowComparisonWidget::clear(const QString &message)
{
    m_has = false;
    m_comparison = ShadowComparison();
    m_badge->setText(tr("NO COMPARISON"));
    m_badge->setStyleSheet(QStringLiteral("color: #616161; border: 2px solid #9e9e9e; border-radius: 4px; padding: 6px 12px"));
    m_title->setText(message.isEmpty() ? tr("No candidate version in shadow mode") : message);
    m_subtitle->setText(tr("When records of a new version arrive beside the current one, both are compared tool by tool here."));
    m_reasons->clear();
    m_table->clear();
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_chartView->setVisible(false);
}

void ShadowComparisonWidget::setComparison(const ShadowComparison &c)
{
    m_comparison = c;
    m_has = true;
    const QColor color = recommendationColor(c.recommendation);
    m_badge->setText(recommendationText(c.recommendation));
    m_badge->setStyleSheet(QStringLiteral("color: white; background: %1; border-radius: 4px; padding: 6px 12px").arg(color.name()));
    m_title->setText(tr("%1: candidate %2 against baseline %3").arg(c.workflow, c.candidate, c.baseline));
    const QString since = c.baselineSinceMs > 0
        ? QDateTime::fromMSecsSinceEpoch(c.baselineSinceMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
        : QString();
    m_subtitle->setText((c.contemporaneous ? tr("Baseline calls since %1, when %2 started running beside it").arg(since, c.candidate)
                                           : tr("Baseline over its whole history (since %1)").arg(since))
                        + tr(" · %1 tests, Holm-corrected at α = %2").arg(c.tests).arg(c.alpha));

    QString html = QStringLiteral("<ul style=\"margin-left: -20px\">");
    for (const QString &r : c.reasons)
        html += QStringLiteral("<li>%1</li>").arg(r.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    m_reasons->setText(html);

    m_table->clear();
    m_table->setHeaderLabels({tr("Tool / metric"), tr("Baseline %1").arg(c.baseline), tr("Candidate %1").arg(c.candidate),
                              tr("Change"), tr("p (Holm)"), tr("Cliff's δ"), tr("Verdict")});
    for (const ToolComparison &t : c.tools) {
        auto *tool = new QTreeWidgetItem(m_table);
        tool->setText(ColName, t.tool);
        QFont bold = tool->font(ColName);
        bold.setBold(true);
        tool->setFont(ColName, bold);
        tool->setText(ColBaseline, t.onlyCandidate ? QStringLiteral("—") : tr("%1 calls").arg(t.callsBaseline));
        tool->setText(ColCandidate, t.onlyBaseline ? QStringLiteral("—") : tr("%1 calls").arg(t.callsCandidate));
        paintVerdict(tool, t.verdict);
        tool->setToolTip(ColName, t.reasons.join(u'\n'));
        tool->setToolTip(ColVerdict, t.reasons.join(u'\n'));
        if (t.onlyBaseline || t.onlyCandidate)
            continue;

        auto *errors = new QTreeWidgetItem(tool);
        errors->setText(ColName, tr("error rate"));
        errors->setText(ColBaseline, percent(t.errorRateBaseline));
        errors->setText(ColCandidate, percent(t.errorRateCandidate));
        const double diff = (t.errorRateCandidate - t.errorRateBaseline) * 100;
        errors->setText(ColChange, (diff > 0 ? QStringLiteral("+") : QString()) + QString::number(diff, 'f', 2) + tr(" pp"));
        errors->setText(ColP, t.errorsBaseline + t.errorsCandidate > 0 ? pText(t.errorPAdjusted) : QStringLiteral("—"));
        paintVerdict(errors, t.errorVerdict);
        errors->setToolTip(ColVerdict, t.errorReason);

        for (const MetricComparison &m : t.metrics) {
            auto *item = new QTreeWidgetItem(tool);
            item->setText(ColName, QStringLiteral("%1 (%2)").arg(m.metric, m.statistic));
            const bool mean = m.statistic == u"mean";
            const QString unit = MetricInfo::suffix(m.metric);
            item->setText(ColBaseline, num(mean ? m.meanBaseline : m.medianBaseline) + unit);
            item->setText(ColCandidate, num(mean ? m.meanCandidate : m.medianCandidate) + unit);
            if (mean && m.share) {
                const double pp = (m.meanCandidate - m.meanBaseline) * 100;
                item->setText(ColChange, (pp > 0 ? QStringLiteral("+") : QString()) + QString::number(pp, 'f', 2) + tr(" pp"));
            } else {
                item->setText(ColChange, std::isfinite(m.changePct)
                                             ? (m.changePct > 0 ? QStringLiteral("+") : QString()) + QString::number(m.changePct, 'f', 1) + QStringLiteral(" %")
                                             : QStringLiteral("—"));
            }
            item->setText(ColP, pText(m.pAdjusted));
            item->setText(ColEffect, (m.effectSize > 0 ? QStringLiteral("+") : QString()) + QString::number(m.effectSize, 'f', 2));
            paintVerdict(item, m.verdict);
            const QString tip = tr("n = %1 / %2 calls (samples %3 / %4); p95 %5 → %6; KS D = %7")
                                    .arg(m.nBaseline).arg(m.nCandidate).arg(m.sampleBaseline).arg(m.sampleCandidate)
                                    .arg(num(m.p95Baseline) + unit, num(m.p95Candidate) + unit, QString::number(m.ksD, 'f', 3));
            for (int col = 0; col < ColumnCount; ++col)
                item->setToolTip(col, m.reason.isEmpty() ? tip : m.reason + u'\n' + tip);
        }
    }
    for (QTreeWidgetItem *item : m_table->findItems(QString(), Qt::MatchContains | Qt::MatchRecursive)) {
        for (int col = ColBaseline; col < ColumnCount; ++col)
            item->setTextAlignment(col, col == ColVerdict ? (Qt::AlignLeft | Qt::AlignVCenter) : (Qt::AlignRight | Qt::AlignVCenter));
    }
    m_table->expandAll();
    rebuildChart();
}

void ShadowComparisonWidget::rebuildChart()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    auto *baseline = new QBarSet(tr("%1 (baseline)").arg(m_comparison.baseline));
    auto *candidate = new QBarSet(tr("%1 (candidate)").arg(m_comparison.candidate));
    baseline->setColor(QColor(0x90, 0xa4, 0xae));
    candidate->setColor(recommendationColor(m_comparison.recommendation));
    QStringList tools;
    double top = 0;
    for (const ToolComparison &t : m_comparison.tools) {
        for (const MetricComparison &m : t.metrics) {
            if (m.metric != u"latency_ms")
                continue;
            // Bars grow upwards from the first category: prepend so the first tool is on top.
            tools.prepend(t.tool);
            baseline->insert(0, m.medianBaseline);
            candidate->insert(0, m.medianCandidate);
            top = std::max({top, m.medianBaseline, m.medianCandidate});
        }
    }
    if (tools.isEmpty()) {
        delete baseline;
        delete candidate;
        m_chartView->setVisible(false);
        return;
    }
    // Horizontal bars: tool names read in full on the left.
    auto *series = new QHorizontalBarSeries;
    series->append(baseline);
    series->append(candidate);
    m_chart->addSeries(series);
    auto *axisX = new QBarCategoryAxis;
    axisX->append(tools);
    auto *axisY = new QValueAxis;
    axisY->setRange(0, top * 1.1);
    axisY->applyNiceNumbers();
    axisY->setLabelFormat(QStringLiteral("%.0f"));
    m_chart->setTitle(tr("Median latency per tool (ms)"));
    m_chart->addAxis(axisX, Qt::AlignLeft);
    m_chart->addAxis(axisY, Qt::AlignBottom);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    ChartStyle::apply(m_chart, palette()); // light or dark like the rest of the console
    m_chartView->setVisible(true);
}

void ShadowComparisonWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_has)
        rebuildChart();
    QWidget::changeEvent(event);
}
