#include "evidencechart.h"

#include "colors.h"
#include "common/chartstyle.h"
#include "format.h"
#include "metricinfo.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

using namespace Apprentice;

EvidenceChart::EvidenceChart(QWidget *parent)
    : QWidget(parent)
{
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_x = new QValueAxis(m_chart);
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    m_y = new QValueAxis(m_chart);
    m_y->setLabelFormat(QStringLiteral("%.4g"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_bandLow = new QLineSeries(m_chart);
    m_bandHigh = new QLineSeries(m_chart);
    m_band = new QAreaSeries(m_bandHigh, m_bandLow);
    m_median = new QLineSeries(m_chart);
    m_p99 = new QLineSeries(m_chart);
    m_values = new QLineSeries(m_chart);
    m_event = new QScatterSeries(m_chart);
    m_event->setMarkerSize(12);
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_band, m_median, m_p99, m_values, m_event}) {
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("evidenceView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    applyStyle();
}

void EvidenceChart::applyStyle()
{
    const QPalette pal = palette();
    ChartStyle::apply(m_chart, pal);
    QPen values(ChartStyle::seriesColor(0, pal));
    values.setWidthF(1.5);
    m_values->setPen(values);
    m_values->setPointsVisible(true);
    QColor band = Colors::ok(pal);
    band.setAlpha(40);
    m_band->setBrush(band);
    m_band->setPen(Qt::NoPen);
    QPen median(Colors::ok(pal));
    median.setStyle(Qt::DashLine);
    m_median->setPen(median);
    QPen p99(Colors::warning(pal));
    p99.setStyle(Qt::DotLine);
    p99.setWidthF(1.5);
    m_p99->setPen(p99);
    m_event->setColor(Colors::danger(pal));
    m_event->setBorderColor(Colors::danger(pal));
}

void EvidenceChart::clear()
{
    for (QLineSeries *s : {m_values, m_bandLow, m_bandHigh, m_median, m_p99})
        s->clear();
    m_event->clear();
}

int EvidenceChart::pointCount() const
{
    return int(m_values->count());
}

void EvidenceChart::setBand(double from, double to, const ProfileStats &p, double lo, double hi)
{
    const double bandLo = p.mean - 3 * p.stddev, bandHi = p.mean + 3 * p.stddev;
    if (p.n > 0) {
        m_bandLow->replace({QPointF(from, bandLo), QPointF(to, bandLo)});
        m_bandHigh->replace({QPointF(from, bandHi), QPointF(to, bandHi)});
        m_median->replace({QPointF(from, p.p50), QPointF(to, p.p50)});
        m_p99->replace({QPointF(from, p.p99), QPointF(to, p.p99)});
        lo = std::min({lo, bandLo, p.p50});
        hi = std::max({hi, bandHi, p.p99});
    } else {
        m_bandLow->clear();
        m_bandHigh->clear();
        m_median->clear();
        m_p99->clear();
    }
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    const double pad = (hi - lo) * 0.08;
    m_y->setRange(lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad);
    m_y->applyNiceNumbers();
    m_x->setRange(from, to);
    m_band->setName(tr("Profile mean ± 3σ"));
    m_median->setName(tr("Median %1").arg(Format::metricValue(m_metric, p.p50)));
    m_p99->setName(tr("p99 %1").arg(Format::metricValue(m_metric, p.p99)));
    m_values->setName(MetricInfo::title(m_metric));
    m_event->setName(tr("Detected here"));
    const QString unit = MetricInfo::unit(m_metric);
    m_y->setTitleText(unit.isEmpty() ? MetricInfo::title(m_metric) : tr("%1 (%2)").arg(MetricInfo::title(m_metric), unit));
}

void EvidenceChart::setEvidence(const QString &metric, const ProfileStats &profile, const SeriesReply &reply, qint64 eventSeq)
{
    m_metric = metric;
    QList<QPointF> pts;
    pts.reserve(qsizetype(reply.points.size()));
    // x = calls relative to the triggering one: "−20" reads as "20 calls before".
    qsizetype eventIndex = 0;
    for (size_t i = 0; i < reply.points.size(); ++i)
        if (reply.points[i].seq <= eventSeq)
            eventIndex = qsizetype(i);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    m_event->clear();
    for (size_t i = 0; i < reply.points.size(); ++i) {
        const double x = double(qsizetype(i) - eventIndex);
        const double v = reply.points[i].value;
        pts.append(QPointF(x, v));
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        if (reply.points[i].seq == eventSeq)
            m_event->append(x, v);
    }
    m_values->replace(pts);
    const double from = pts.isEmpty() ? -1 : pts.first().x();
    const double to = pts.isEmpty() ? 1 : std::max(pts.last().x(), from + 1);
    m_x->setTitleText(tr("Calls of this tool, relative to the one that triggered the event"));
    setBand(from, to, profile, std::isfinite(lo) ? lo : 0, std::isfinite(hi) ? hi : 1);
}

void EvidenceChart::setRecent(const QString &metric, const ProfileStats &profile, const std::vector<double> &recent)
{
    m_metric = metric;
    QList<QPointF> pts;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const int n = int(recent.size());
    for (int i = 0; i < n; ++i) {
        pts.append(QPointF(double(i - n + 1), recent[size_t(i)]));
        lo = std::min(lo, recent[size_t(i)]);
        hi = std::max(hi, recent[size_t(i)]);
    }
    m_values->replace(pts);
    m_event->clear();
    if (!pts.isEmpty())
        m_event->append(pts.last());
    m_x->setTitleText(tr("Last calls of this tool before the event"));
    setBand(pts.isEmpty() ? -1 : pts.first().x(), 0, profile, std::isfinite(lo) ? lo : 0, std::isfinite(hi) ? hi : 1);
}

void EvidenceChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyStyle();
    QWidget::changeEvent(event);
}
