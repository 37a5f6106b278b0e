#include "capacitycharts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QCategoryAxis>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

QChartView *makeView(QChart *chart, QWidget *parent)
{
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->legend()->setFont(QFont(chart->legend()->font().family(), 8));
    QFont title = chart->titleFont();
    title.setPointSize(10);
    title.setBold(true);
    chart->setTitleFont(title);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(180);
    return view;
}

QPen pen(const QColor &color, qreal width, Qt::PenStyle style = Qt::SolidLine)
{
    QPen p(color);
    p.setWidthF(width);
    p.setStyle(style);
    return p;
}

/// A round axis maximum: 1, 2 or 5 × 10^k above `v`.
double niceCeiling(double v)
{
    if (!(v > 0))
        return 1;
    const double m = std::pow(10.0, std::floor(std::log10(v)));
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (f * m >= v)
            return f * m;
    }
    return 10 * m;
}

/// Short resource names: the bar chart's category axis has little room.
QString shortName(const QString &id)
{
    if (id == u"app")
        return CapacityCharts::tr("App");
    if (id == u"db_pool")
        return CapacityCharts::tr("DB pool");
    if (id == u"db_connections")
        return CapacityCharts::tr("DB conns");
    if (id == u"db_primary")
        return CapacityCharts::tr("Primary");
    if (id == u"replica_pool")
        return CapacityCharts::tr("Replica pool");
    if (id == u"replica_connections")
        return CapacityCharts::tr("Replica conns");
    if (id == u"db_replicas")
        return CapacityCharts::tr("Replicas");
    return id;
}

/// Latency as plotted: log10 of seconds, unbounded values at the display cap.
double seconds(double ms)
{
    if (!std::isfinite(ms))
        return std::log10(CapacityCharts::LatencyCapSeconds);
    return std::log10(std::clamp(ms / 1000.0, 0.001, CapacityCharts::LatencyCapSeconds));
}

} // namespace

CapacityCharts::CapacityCharts(QWidget *parent)
    : QObject(parent)
{
    buildDemandChart(parent);
    buildLatencyChart(parent);
    buildUtilisationChart(parent);
}

void CapacityCharts::buildDemandChart(QWidget *parent)
{
    auto *chart = new QChart;
    chart->setTitle(tr("Demand against capacity"));
    m_demand = new QLineSeries(chart);
    m_demand->setName(tr("Demand"));
    m_demand->setPen(pen(QColor(0x1f, 0x77, 0xb4), 2.2));
    m_capacity = new QLineSeries(chart);
    m_capacity->setName(tr("Capacity"));
    m_capacity->setPen(pen(QColor(0x2c, 0xa0, 0x2c), 2.2));
    m_served = new QLineSeries(chart);
    m_served->setName(tr("Served"));
    m_served->setPen(pen(QColor(0xff, 0x7f, 0x0e), 1.6, Qt::DashLine));
    m_simServed = new QScatterSeries(chart);
    m_simServed->setName(tr("Served (simulation)"));
    m_simServed->setMarkerSize(4.5);
    m_simServed->setColor(QColor(0xa0, 0x4a, 0x00, 200));
    m_simServed->setBorderColor(Qt::transparent);
    m_backlog = new QLineSeries(chart);
    m_backlog->setName(tr("Backlog (right axis)"));
    m_backlog->setPen(pen(QColor(0xd6, 0x27, 0x28), 1.6));
    m_capacityA = new QLineSeries(chart);
    m_capacityA->setName(tr("Capacity A"));
    m_capacityA->setPen(pen(QColor(0x55, 0x55, 0x55), 1.2, Qt::DotLine));
    m_capacityB = new QLineSeries(chart);
    m_capacityB->setName(tr("Capacity B"));
    m_capacityB->setPen(pen(QColor(0x94, 0x67, 0xbd), 1.2, Qt::DashDotLine));
    // Legend order is insertion order; served (dashed) goes over demand so both stay visible.
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_demand, m_capacity, m_served, m_simServed, m_backlog,
                                                                     m_capacityA, m_capacityB})
        chart->addSeries(s);

    m_hoursAxis = new QValueAxis(chart);
    m_hoursAxis->setTitleText(tr("hours from now"));
    m_hoursAxis->setLabelFormat(u"%.0f"_s);
    m_ordersAxis = new QValueAxis(chart);
    m_ordersAxis->setTitleText(tr("orders/h (thousands)"));
    m_ordersAxis->setLabelFormat(u"%.0f"_s);
    m_backlogAxis = new QValueAxis(chart);
    m_backlogAxis->setTitleText(tr("backlog (orders)"));
    m_backlogAxis->setLabelFormat(u"%.0f"_s);
    m_backlogAxis->setLinePen(pen(QColor(0xd6, 0x27, 0x28), 1));
    m_backlogAxis->setLabelsColor(QColor(0xd6, 0x27, 0x28));
    chart->addAxis(m_hoursAxis, Qt::AlignBottom);
    chart->addAxis(m_ordersAxis, Qt::AlignLeft);
    chart->addAxis(m_backlogAxis, Qt::AlignRight);
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_demand, m_capacity, m_served, m_simServed, m_capacityA,
                                                                     m_capacityB}) {
        s->attachAxis(m_hoursAxis);
        s->attachAxis(m_ordersAxis);
    }
    m_backlog->attachAxis(m_hoursAxis);
    m_backlog->attachAxis(m_backlogAxis);
    m_demandView = makeView(chart, parent);
    m_demandView->setObjectName(u"demandChart"_s);
}

void CapacityCharts::buildLatencyChart(QWidget *parent)
{
    auto *chart = new QChart;
    chart->setTitle(tr("p95 latency over time"));
    m_p95 = new QLineSeries(chart);
    m_p95->setName(tr("p95 (fluid model)"));
    m_p95->setPen(pen(QColor(0x94, 0x67, 0xbd), 2.2));
    m_simP95 = new QScatterSeries(chart);
    m_simP95->setName(tr("p95 (simulation)"));
    m_simP95->setMarkerSize(5);
    m_simP95->setColor(QColor(0x17, 0xbe, 0xcf, 190));
    m_simP95->setBorderColor(Qt::transparent);
    m_slo = new QLineSeries(chart);
    m_slo->setName(tr("SLO"));
    m_slo->setPen(pen(QColor(0xd6, 0x27, 0x28), 1.4, Qt::DashLine));
    chart->addSeries(m_simP95);
    chart->addSeries(m_slo);
    chart->addSeries(m_p95);
    m_latencyHoursAxis = new QValueAxis(chart);
    m_latencyHoursAxis->setTitleText(tr("hours from now"));
    m_latencyHoursAxis->setLabelFormat(u"%.0f"_s);
    // A log scale with labels people read (10 s, 1 min, 1 h, 1 d) rather than 1e+04.
    m_latencyAxis = new QCategoryAxis(chart);
    m_latencyAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_latencyAxis->setTitleText(tr("log scale"));
    chart->addAxis(m_latencyHoursAxis, Qt::AlignBottom);
    chart->addAxis(m_latencyAxis, Qt::AlignLeft);
    for (QAbstractSeries *s : std::initializer_list<QAbstractSeries *>{m_p95, m_simP95, m_slo}) {
        s->attachAxis(m_latencyHoursAxis);
        s->attachAxis(m_latencyAxis);
    }
    m_latencyView = makeView(chart, parent);
    m_latencyView->setObjectName(u"latencyChart"_s);
}

void CapacityCharts::buildUtilisationChart(QWidget *parent)
{
    auto *chart = new QChart;
    chart->setTitle(tr("Utilisation at the target"));
    m_bars = new QHorizontalBarSeries(chart);
    m_barSet = new QBarSet(tr("Utilisation (%)"), m_bars);
    m_barSet->setColor(QColor(0x4c, 0x78, 0xa8));
    m_barSet->setBorderColor(Qt::transparent);
    m_barSet->setSelectedColor(QColor(0xd6, 0x27, 0x28));
    m_bars->append(m_barSet);
    m_bars->setBarWidth(0.7);
    chart->addSeries(m_bars);
    m_resourceAxis = new QBarCategoryAxis(chart);
    m_percentAxis = new QValueAxis(chart);
    m_percentAxis->setLabelFormat(u"%.0f %%"_s);
    m_percentAxis->setTitleText(tr("% of capacity"));
    chart->addAxis(m_resourceAxis, Qt::AlignLeft);
    chart->addAxis(m_percentAxis, Qt::AlignBottom);
    m_bars->attachAxis(m_resourceAxis);
    m_bars->attachAxis(m_percentAxis);
    chart->legend()->hide();
    m_utilisationView = makeView(chart, parent);
    m_utilisationView->setObjectName(u"utilisationChart"_s);
}

void CapacityCharts::setReport(const CapacityReport &r)
{
    const CapacityScenario &s = r.effective;
    m_horizon = s.traffic.enabled ? s.traffic.horizonHours : 24;
    m_sloSeconds = s.sloLatencyMs / 1000;
    QList<QPointF> demand, capacity, served, backlog, p95;
    double maxOrders = s.targetOrdersPerHour, maxBacklog = 0;
    if (r.fluid) {
        for (const FluidHour &h : r.fluid->hours) {
            const double x = h.hour + 0.5;
            demand << QPointF(x, h.demand / 1000);
            capacity << QPointF(x, h.capacity / 1000);
            served << QPointF(x, h.served / 1000);
            backlog << QPointF(x, h.backlog);
            p95 << QPointF(x, seconds(h.p95LatencyMs));
            maxOrders = std::max({maxOrders, h.demand, std::isfinite(h.capacity) ? h.capacity : 0.0});
            maxBacklog = std::max(maxBacklog, h.backlog);
        }
    } else {
        // No curve: the target as a flat line, the static answer against it.
        const double cap = r.atTarget.maxThroughputPerHour;
        demand << QPointF(0, s.targetOrdersPerHour / 1000) << QPointF(m_horizon, s.targetOrdersPerHour / 1000);
        capacity << QPointF(0, cap / 1000) << QPointF(m_horizon, cap / 1000);
        p95 << QPointF(0, seconds(r.atTarget.p95LatencyMs)) << QPointF(m_horizon, seconds(r.atTarget.p95LatencyMs));
        maxOrders = std::max(maxOrders, std::isfinite(cap) ? cap : 0.0);
    }
    m_demand->replace(demand);
    m_capacity->replace(capacity);
    m_served->replace(served);
    m_p95->replace(p95);
    m_slo->replace({QPointF(0, std::log10(m_sloSeconds)), QPointF(m_horizon, std::log10(m_sloSeconds))});

    // Capacity can be far above demand (a database with room to spare); keep demand readable.
    m_maxOrders = niceCeiling(std::min(maxOrders, 3 * std::max(s.targetOrdersPerHour, s.traffic.peakDemand())) / 1000 * 1.05);
    m_hoursAxis->setRange(0, m_horizon);
    m_hoursAxis->setTickCount(int(std::min(13.0, m_horizon / 6 + 1)));
    m_ordersAxis->setRange(0, m_maxOrders);
    m_ordersAxis->setTickCount(6);
    // Backlog in orders while small, in thousands once it is not (the axis keeps short labels).
    const bool thousands = maxBacklog >= 10000;
    QList<QPointF> scaled = backlog;
    for (QPointF &p : scaled)
        p.setY(thousands ? p.y() / 1000 : p.y());
    m_backlog->replace(scaled);
    m_backlogAxis->setTitleText(thousands ? tr("backlog (thousand orders)") : tr("backlog (orders)"));
    // A backlog of a few dozen orders is noise next to 50,000 orders/h: never let the axis
    // zoom in below a tenth of the demand axis (six minutes of peak work).
    const double floorOrders = 0.1 * m_maxOrders * 1000;
    const double backlogTop = std::max({10.0, maxBacklog * 1.05, floorOrders});
    m_backlogAxis->setRange(0, niceCeiling(thousands ? backlogTop / 1000 : backlogTop));
    m_backlogAxis->setTickCount(6);
    m_latencyHoursAxis->setRange(0, m_horizon);
    // The latency chart is half as wide: half the ticks.
    m_latencyHoursAxis->setTickCount(int(std::min(7.0, m_horizon / 12 + 1)));
    updateLatencyRange();

    // Utilisation bars, top to bottom in path order (the category axis draws bottom-up).
    QStringList categories;
    QList<qreal> values;
    QList<int> over;
    const auto &resources = r.atTarget.resources;
    for (int i = int(resources.size()) - 1; i >= 0; --i) {
        const ResourceUse &u = resources[size_t(i)];
        const double pct = 100 * u.utilisation;
        const QString shown = std::isfinite(pct) ? QLocale().toString(pct, 'f', pct < 10 ? 1 : 0) : u"∞"_s;
        categories << u"%1  %2 %"_s.arg(shortName(u.id), shown);
        values << std::min(std::isfinite(pct) ? pct : 1e9, 200.0);
        if (u.utilisation > 1.0 || u.id == r.atTarget.bottleneck)
            over << int(values.size()) - 1;
    }
    m_barSet->remove(0, m_barSet->count());
    m_barSet->append(values);
    m_barSet->deselectAllBars();
    m_barSet->selectBars(over);
    m_resourceAxis->setCategories(categories);
    m_percentAxis->setRange(0, values.isEmpty() ? 100 : std::max(100.0, niceCeiling(*std::max_element(values.begin(), values.end()))));
    m_percentAxis->setTickCount(5);
    m_utilisationView->chart()->setTitle(tr("Utilisation at %1 orders/h").arg(QLocale().toString(s.targetOrdersPerHour, 'f', 0)));
    m_utilisationView->setToolTip(tr("Red: the binding resource or one above 100 %"));
}

void CapacityCharts::updateLatencyRange()
{
    const double slo = std::log10(m_sloSeconds);
    double lo = slo, hi = slo;
    for (QXYSeries *s : std::initializer_list<QXYSeries *>{m_p95, m_simP95}) {
        for (const QPointF &p : s->points()) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
    }
    // At least two decades, with room above and below so no line sits on the frame.
    const double bottom = std::floor(lo - 0.15);
    const double top = std::max(bottom + 2, std::ceil(hi + 0.15));
    static const std::pair<double, const char *> ticks[] = {
        {0.001, QT_TR_NOOP("1 ms")}, {0.01, QT_TR_NOOP("10 ms")}, {0.1, QT_TR_NOOP("100 ms")}, {1, QT_TR_NOOP("1 s")},
        {10, QT_TR_NOOP("10 s")},   {60, QT_TR_NOOP("1 min")},   {600, QT_TR_NOOP("10 min")}, {3600, QT_TR_NOOP("1 h")},
        {36000, QT_TR_NOOP("10 h")}, {86400, QT_TR_NOOP("1 d")}, {864000, QT_TR_NOOP("10 d")}};
    const QStringList old = m_latencyAxis->categoriesLabels();
    for (const QString &label : old)
        m_latencyAxis->remove(label);
    m_latencyAxis->setStartValue(bottom);
    for (const auto &[secs, label] : ticks) {
        const double v = std::log10(secs);
        if (v >= bottom - 1e-9 && v <= top + 1e-9)
            m_latencyAxis->append(tr(label), v);
    }
    m_latencyAxis->setRange(bottom, top);
}

void CapacityCharts::setSimulation(const SimulationResult *sim)
{
    QList<QPointF> served, p95;
    if (sim && sim->status == SimulationResult::Status::Finished) {
        for (const SimulationHour &h : sim->hours) {
            served << QPointF(h.hour + 0.5, h.served / 1000);
            if (h.arrivals > 0)
                p95 << QPointF(h.hour + 0.5, seconds(h.p95LatencyMs));
        }
    }
    m_simServed->replace(served);
    m_simP95->replace(p95);
    updateLatencyRange();
}

void CapacityCharts::setComparison(const CapacityReport *a, const CapacityReport *b)
{
    auto fill = [](QLineSeries *series, const CapacityReport *r) {
        QList<QPointF> points;
        if (r && r->fluid) {
            for (const FluidHour &h : r->fluid->hours)
                points << QPointF(h.hour + 0.5, h.capacity / 1000);
        }
        series->replace(points);
        series->setVisible(!points.isEmpty());
    };
    fill(m_capacityA, a);
    fill(m_capacityB, b);
    // Hidden series still take a legend entry; keep the legend to what is drawn.
    for (QLineSeries *s : {m_capacityA, m_capacityB}) {
        const auto markers = m_demandView->chart()->legend()->markers(s);
        for (QLegendMarker *m : markers)
            m->setVisible(s->isVisible());
    }
}

QStringList CapacityCharts::saveImages(const QString &directory, const QSize &size) const
{
    QStringList files;
    const std::pair<QChartView *, QString> views[] = {{m_demandView, u"demand.png"_s},
                                                      {m_latencyView, u"latency.png"_s},
                                                      {m_utilisationView, u"utilisation.png"_s}};
    for (const auto &[view, name] : views) {
        // Render at a fixed size so the report does not depend on the window's.
        const QSize old = view->size();
        view->resize(size);
        const QPixmap pixmap = view->grab();
        view->resize(old);
        if (pixmap.save(QDir(directory).filePath(name)))
            files << name;
    }
    return files;
}
