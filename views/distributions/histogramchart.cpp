#include "histogramchart.h"

#include "colors.h"
#include "common/chartstyle.h"
#include "format.h"
#include "metricinfo.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Apprentice;

HistogramChart::HistogramChart(QWidget *parent)
    : QWidget(parent)
{
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_x = new QValueAxis(m_chart);
    m_y = new QValueAxis(m_chart);
    m_y->setLabelFormat(QStringLiteral("%.0f %%"));
    m_x->setLabelFormat(QStringLiteral("%.4g"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_bandUpper = new QLineSeries(m_chart);
    m_bandLower = new QLineSeries(m_chart);
    m_band = new QAreaSeries(m_bandUpper, m_bandLower);
    m_profileUpper = new QLineSeries(m_chart);
    m_profile = new QAreaSeries(m_profileUpper);
    m_window = new QLineSeries(m_chart);
    m_p50 = new QLineSeries(m_chart);
    m_p95 = new QLineSeries(m_chart);
    m_p99 = new QLineSeries(m_chart);
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_band, m_profile, m_window, m_p50, m_p95, m_p99}) {
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_chart->legend()->setAlignment(Qt::AlignTop);
    for (QLineSeries *s : {m_p50, m_p95, m_p99})
        m_chart->legend()->markers(s).value(0)->setVisible(false);
    m_caption = new QLabel(this);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setAlignment(Qt::AlignCenter);
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("histogramView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(200);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_caption);
    applyStyle();
}

void HistogramChart::applyStyle()
{
    const QPalette pal = palette();
    ChartStyle::apply(m_chart, pal);
    QColor profile = ChartStyle::seriesColor(0, pal);
    QColor fill = profile;
    fill.setAlpha(110);
    m_profile->setBrush(fill);
    m_profile->setPen(QPen(profile, 1));
    QPen windowPen(ChartStyle::seriesColor(3, pal));
    windowPen.setWidthF(2);
    m_window->setPen(windowPen);
    QColor band = Colors::ok(pal);
    band.setAlpha(30);
    m_band->setBrush(band);
    m_band->setPen(Qt::NoPen);
    auto marker = [&](QLineSeries *s, const QColor &c, Qt::PenStyle style) {
        QPen pen(c);
        pen.setStyle(style);
        pen.setWidthF(1.5);
        s->setPen(pen);
    };
    marker(m_p50, Colors::ok(pal), Qt::DashLine);
    marker(m_p95, Colors::warning(pal), Qt::DashLine);
    marker(m_p99, Colors::danger(pal), Qt::DotLine);
}

void HistogramChart::clear()
{
    for (QLineSeries *s : {m_profileUpper, m_window, m_bandUpper, m_bandLower, m_p50, m_p95, m_p99})
        s->clear();
    m_caption->clear();
    m_profileShares.clear();
}

void HistogramChart::setData(const QString &metric, const Distribution *profile, const std::vector<double> &window)
{
    m_metric = metric;
    const bool hasProfile = profile && profile->count() > 0;
    if (!hasProfile && window.empty()) {
        clear();
        return;
    }
    // Range: the body of the profile, widened to show where the window went.
    double lo = hasProfile ? profile->quantile(0.001) : window.front();
    double hi = hasProfile ? profile->quantile(0.999) : window.front();
    if (!window.empty()) {
        std::vector<double> sorted = window;
        std::sort(sorted.begin(), sorted.end());
        lo = std::min(lo, sorted[size_t(double(sorted.size() - 1) * 0.005)]);
        hi = std::max(hi, sorted[size_t(double(sorted.size() - 1) * 0.995)]);
    }
    if (!(hi > lo)) {
        const double pad = std::max(1e-6, std::abs(lo) * 0.02);
        lo -= pad;
        hi += pad;
    }
    const double pad = (hi - lo) * 0.04;
    lo -= pad;
    hi += pad;
    const double width = (hi - lo) / Bins;

    // Profile: spread each sketch bucket over the display bins it overlaps.
    std::vector<double> shares(Bins, 0.0);
    if (hasProfile) {
        double total = 0;
        profile->sketch().forEachBucket([&](double b0, double b1, std::uint64_t count) {
            total += double(count);
            if (b1 <= b0) { // the zero bucket
                const int i = int((b0 - lo) / width);
                if (i >= 0 && i < Bins)
                    shares[size_t(i)] += double(count);
                return;
            }
            const double c0 = std::max(b0, lo), c1 = std::min(b1, hi);
            if (c1 <= c0)
                return;
            for (int i = std::max(0, int((c0 - lo) / width)); i < Bins && lo + i * width < c1; ++i) {
                const double s0 = std::max(c0, lo + i * width), s1 = std::min(c1, lo + (i + 1) * width);
                if (s1 > s0)
                    shares[size_t(i)] += double(count) * (s1 - s0) / (b1 - b0);
            }
        });
        for (double &s : shares)
            s = total > 0 ? s / total * 100 : 0;
    }
    m_profileShares = shares;
    std::vector<double> windowShares(Bins, 0.0);
    for (double v : window) {
        const int i = int((v - lo) / width);
        if (i >= 0 && i < Bins)
            windowShares[size_t(i)] += 100.0 / double(window.size());
    }

    auto steps = [&](const std::vector<double> &s) {
        QList<QPointF> pts;
        pts.reserve(Bins * 2 + 2);
        pts.append(QPointF(lo, 0));
        for (int i = 0; i < Bins; ++i) {
            pts.append(QPointF(lo + i * width, s[size_t(i)]));
            pts.append(QPointF(lo + (i + 1) * width, s[size_t(i)]));
        }
        pts.append(QPointF(hi, 0));
        return pts;
    };
    const double top = std::max(*std::max_element(shares.begin(), shares.end()),
                                *std::max_element(windowShares.begin(), windowShares.end()));
    const double yMax = std::max(1.0, top * 1.1);
    if (hasProfile)
        m_profileUpper->replace(steps(shares));
    else
        m_profileUpper->clear();
    if (!window.empty())
        m_window->replace(steps(windowShares));
    else
        m_window->clear();

    QStringList caption;
    auto vline = [&](QLineSeries *s, double q, const QString &name) {
        if (!hasProfile) {
            s->clear();
            return;
        }
        const double v = profile->quantile(q);
        s->replace({QPointF(v, 0), QPointF(v, yMax)});
        caption << QStringLiteral("<span style='color:%1'>%2</span> %3")
                       .arg(s->pen().color().name(), name, Format::metricValue(metric, v));
    };
    vline(m_p50, 0.5, tr("┆ p50"));
    vline(m_p95, 0.95, tr("┆ p95"));
    vline(m_p99, 0.99, tr("┆ p99"));
    m_caption->setText(caption.isEmpty() ? QString() : tr("Profile %1").arg(caption.join(QStringLiteral(" &nbsp; "))));
    m_caption->setToolTip(tr("Quantiles of the learned profile: half of the values are below p50, 95 % below p95, 99 % below p99"));
    if (hasProfile) {
        const double b0 = profile->quantile(0.01), b1 = profile->quantile(0.99);
        m_bandUpper->replace({QPointF(b0, yMax), QPointF(b1, yMax)});
        m_bandLower->replace({QPointF(b0, 0), QPointF(b1, 0)});
    } else {
        m_bandUpper->clear();
        m_bandLower->clear();
    }
    m_band->setName(tr("p1–p99"));
    m_profile->setName(tr("Profile (n = %1)").arg(Format::count(hasProfile ? qint64(profile->count()) : 0)));
    m_window->setName(tr("Recent (n = %1)").arg(Format::count(qint64(window.size()))));
    m_x->setRange(lo, hi);
    m_y->setRange(0, yMax);
    const QString unit = MetricInfo::unit(metric);
    m_x->setTitleText(unit.isEmpty() ? MetricInfo::title(metric) : tr("%1 (%2)").arg(MetricInfo::title(metric), unit));
    m_y->setTitleText(tr("Share of values"));
    if (MetricInfo::isShare(metric))
        m_x->setLabelFormat(QStringLiteral("%.3f"));
    else
        m_x->setLabelFormat(QStringLiteral("%.4g"));
}

void HistogramChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyStyle();
    QWidget::changeEvent(event);
}
