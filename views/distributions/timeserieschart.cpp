#include "timeserieschart.h"

#include "colors.h"
#include "common/chartstyle.h"
#include "common/interactivechartview.h"
#include "common/polylineitem.h"
#include "eventsmodel.h"
#include "format.h"
#include "metricinfo.h"

#include <QAreaSeries>
#include <QChart>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

using namespace Apprentice;

namespace {

/// Axis limits on round numbers (1, 2, 2.5, 5 × 10^k steps over ~5 ticks), computed once instead
/// of QValueAxis::applyNiceNumbers() changing the range a second time.
std::pair<double, double> niceRange(double lo, double hi)
{
    const double span = hi - lo;
    if (!(span > 0))
        return {lo, hi};
    const double raw = span / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw)
            break;
    }
    return {std::floor(lo / step) * step, std::ceil(hi / step) * step};
}

} // namespace

TimeSeriesChart::TimeSeriesChart(QWidget *parent)
    : QWidget(parent), m_p01(std::nan("")), m_p50(std::nan("")), m_p99(std::nan(""))
{
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_x = new QDateTimeAxis(m_chart);
    m_x->setTickCount(7);
    m_y = new QValueAxis(m_chart);
    m_y->setLabelFormat(QStringLiteral("%.4g"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);

    m_bandLow = new QLineSeries(m_chart);
    m_bandHigh = new QLineSeries(m_chart);
    m_band = new QAreaSeries(m_bandHigh, m_bandLow);
    m_median = new QLineSeries(m_chart);
    m_values = new QLineSeries(m_chart);
    m_anomalies = new QScatterSeries(m_chart);
    m_drifts = new QScatterSeries(m_chart);
    m_failures = new QScatterSeries(m_chart);
    m_selected = new QScatterSeries(m_chart);
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_band, m_median, m_values, m_anomalies, m_drifts, m_failures, m_selected}) {
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_anomalies->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_anomalies->setMarkerSize(9);
    m_drifts->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_drifts->setMarkerSize(10);
    m_failures->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_failures->setMarkerSize(11);
    m_selected->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_selected->setMarkerSize(14);
    m_envelope = new PolylineItem(m_chart, m_values);
    m_chart->legend()->setAlignment(Qt::AlignTop);
    // The selection ring and the band's helper lines need no legend entry.
    m_chart->legend()->markers(m_selected).value(0)->setVisible(false);

    m_view = new InteractiveChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("timeSeriesView"));
    m_view->setMinimumHeight(220);
    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);
    m_message->hide();

    connect(m_view, &InteractiveChartView::xRangeChanged, this, [this] {
        m_zoomed = true;
        updateTimeFormat();
        emit rangeRequested();
    });
    connect(m_view, &InteractiveChartView::resetRequested, this, [this] {
        resetZoom();
        emit rangeRequested();
    });
    connect(m_view, &InteractiveChartView::clicked, this, [this](QPointF, QPoint pos) {
        if (const qint64 seq = recordAt(pos))
            emit pointClicked(seq);
    });
    applyStyle();
}

void TimeSeriesChart::applyStyle()
{
    const QPalette pal = palette();
    ChartStyle::apply(m_chart, pal);
    const QColor line = ChartStyle::seriesColor(0, pal);
    QPen valuesPen(line);
    valuesPen.setWidthF(1);
    valuesPen.setCosmetic(true);
    m_values->setPen(valuesPen);
    m_envelope->setPen(valuesPen);
    QColor bandColor = Colors::ok(pal);
    bandColor.setAlpha(40);
    m_band->setBrush(bandColor);
    m_band->setPen(Qt::NoPen);
    QPen medianPen(Colors::ok(pal));
    medianPen.setStyle(Qt::DashLine);
    medianPen.setWidthF(1.2);
    m_median->setPen(medianPen);
    m_anomalies->setColor(Colors::warning(pal));
    m_anomalies->setBorderColor(Colors::warning(pal));
    m_drifts->setColor(Colors::danger(pal));
    m_drifts->setBorderColor(Colors::danger(pal));
    m_failures->setColor(Colors::accent(pal));
    m_failures->setBorderColor(Colors::accent(pal));
    m_selected->setColor(Qt::transparent);
    QPen ring(pal.color(QPalette::Highlight));
    ring.setWidthF(2.5);
    m_selected->setPen(ring);
    m_selected->setBrush(Qt::NoBrush);
}

void TimeSeriesChart::setMetric(const QString &metric)
{
    m_metric = metric;
    m_values->setName(MetricInfo::title(metric));
    const QString unit = MetricInfo::unit(metric);
    m_y->setTitleText(unit.isEmpty() ? MetricInfo::title(metric) : tr("%1 (%2)").arg(MetricInfo::title(metric), unit));
    m_band->setName(tr("Current profile p1–p99"));
    m_median->setName(tr("Profile median"));
    m_anomalies->setName(tr("Anomaly"));
    m_drifts->setName(tr("Drift"));
    m_failures->setName(tr("Failure"));
    m_selected->setName(QString());
}

void TimeSeriesChart::setProfile(double p01, double p50, double p99)
{
    auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
    if (same(p01, m_p01) && same(p50, m_p50) && same(p99, m_p99))
        return; // unchanged: spare the axes a relayout
    m_p01 = p01;
    m_p50 = p50;
    m_p99 = p99;
    updateBand();
    updateAxes();
}

int TimeSeriesChart::plotWidth() const
{
    const int w = int(m_chart->plotArea().width());
    return std::max(100, w > 0 ? w : m_view->width() - 80);
}

double TimeSeriesChart::viewFrom() const
{
    return m_view->xFrom();
}

double TimeSeriesChart::viewTo() const
{
    return m_view->xTo();
}

void TimeSeriesChart::resetZoom()
{
    m_zoomed = false;
}

QScatterSeries *TimeSeriesChart::markerSeries(int kind) const
{
    switch (kind) {
    case EventsModel::KindAnomaly: return m_anomalies;
    case EventsModel::KindFailure: return m_failures;
    default: return m_drifts;
    }
}

int TimeSeriesChart::drawnPoints() const
{
    return m_envelope->pointCount();
}

QPointF TimeSeriesChart::drawnPoint(int i) const
{
    const SeriesPoint &p = m_points[size_t(i)];
    return QPointF(double(p.tsMs), p.value);
}

void TimeSeriesChart::clear(const QString &message)
{
    m_points.clear();
    m_markers.clear();
    m_envelope->setPoints({});
    m_anomalies->clear();
    m_drifts->clear();
    m_failures->clear();
    m_selected->clear();
    m_bandLow->clear();
    m_bandHigh->clear();
    m_median->clear();
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void TimeSeriesChart::setReply(const SeriesReply &reply, bool followLatest)
{
    Q_UNUSED(followLatest);
    m_message->hide();
    m_points = reply.points;
    m_markers = reply.markers;
    std::vector<QPointF> pts;
    pts.reserve(m_points.size());
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const SeriesPoint &p : m_points) {
        pts.emplace_back(double(p.tsMs), p.value);
        lo = std::min(lo, p.value);
        hi = std::max(hi, p.value);
    }
    m_envelope->setPoints(std::move(pts));
    QList<QPointF> anomalies, drifts, failures;
    for (const SeriesMarker &m : m_markers) {
        const QPointF pt(double(m.tsMs), m.value);
        if (m.failure)
            failures.append(pt);
        else if (m.kind == EventKind::Drift)
            drifts.append(pt);
        else
            anomalies.append(pt);
        lo = std::min(lo, m.value);
        hi = std::max(hi, m.value);
    }
    m_anomalies->replace(anomalies);
    m_drifts->replace(drifts);
    m_failures->replace(failures);
    if (std::isfinite(lo)) {
        m_dataMin = lo;
        m_dataMax = hi;
    }
    if (!m_zoomed) {
        double from = double(reply.historyFromMs), to = double(reply.historyToMs);
        if (to <= from)
            to = from + 1000;
        m_view->setXRange(from, to);
        updateTimeFormat();
    }
    highlight(m_highlight);
    updateBand();
    updateAxes();
}

void TimeSeriesChart::updateBand()
{
    const double from = m_view->xFrom(), to = m_view->xTo();
    if (std::isfinite(m_p01) && std::isfinite(m_p99)) {
        m_bandLow->replace({QPointF(from, m_p01), QPointF(to, m_p01)});
        m_bandHigh->replace({QPointF(from, m_p99), QPointF(to, m_p99)});
    } else {
        m_bandLow->clear();
        m_bandHigh->clear();
    }
    if (std::isfinite(m_p50))
        m_median->replace({QPointF(from, m_p50), QPointF(to, m_p50)});
    else
        m_median->clear();
}

void TimeSeriesChart::updateAxes()
{
    double lo = m_dataMin, hi = m_dataMax;
    if (std::isfinite(m_p01))
        lo = std::min(lo, m_p01);
    if (std::isfinite(m_p99))
        hi = std::max(hi, m_p99);
    if (!(hi > lo)) {
        const double pad = std::max(1e-6, std::abs(hi) * 0.05);
        lo -= pad;
        hi += pad;
    }
    const double pad = (hi - lo) * 0.06;
    double min = lo - pad;
    if (lo >= 0 && min < 0)
        min = 0;
    const auto [niceMin, niceMax] = niceRange(min, hi + pad);
    if (niceMin != m_y->min() || niceMax != m_y->max())
        m_y->setRange(niceMin, niceMax);
}

void TimeSeriesChart::updateTimeFormat()
{
    const double span = m_view->xTo() - m_view->xFrom();
    if (span < 60000)
        m_x->setFormat(QStringLiteral("HH:mm:ss.zzz"));
    else if (span < 86400000.0 * 2)
        m_x->setFormat(QStringLiteral("HH:mm:ss"));
    else
        m_x->setFormat(QStringLiteral("MM-dd HH:mm"));
    updateBand();
}

qint64 TimeSeriesChart::recordAt(QPoint pos, int radius) const
{
    qint64 best = 0;
    double bestD = double(radius) * radius;
    auto consider = [&](qint64 ts, double value, qint64 seq) {
        const QPointF p = m_chart->mapToPosition(QPointF(double(ts), value), m_values);
        const QPointF viewPos = m_view->mapFromScene(p);
        const double dx = viewPos.x() - pos.x(), dy = viewPos.y() - pos.y();
        const double d = dx * dx + dy * dy;
        if (d <= bestD && seq > 0) {
            bestD = d;
            best = seq;
        }
    };
    for (const SeriesMarker &m : m_markers)
        consider(m.tsMs, m.value, m.seq);
    for (const SeriesPoint &p : m_points)
        consider(p.tsMs, p.value, p.seq);
    return best;
}

void TimeSeriesChart::highlight(qint64 seq)
{
    m_highlight = seq;
    m_selected->clear();
    if (!seq)
        return;
    for (const SeriesPoint &p : m_points) {
        if (p.seq == seq) {
            m_selected->append(double(p.tsMs), p.value);
            return;
        }
    }
}

void TimeSeriesChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyStyle();
    else if (event->type() == QEvent::LanguageChange)
        setMetric(m_metric);
    QWidget::changeEvent(event);
}
