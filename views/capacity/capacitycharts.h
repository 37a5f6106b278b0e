#pragma once

#include "capacity/capacityreport.h"

#include <QObject>
#include <QSize>
#include <QStringList>

class QChart;
class QChartView;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
class QCategoryAxis;
class QBarSet;
class QBarCategoryAxis;
class QHorizontalBarSeries;
class QWidget;

/// The page's three charts: demand against capacity (with served and backlog), latency over
/// time against the SLO, and utilisation per resource at the target. Updated with replace()
/// once per recompute.
class CapacityCharts : public QObject
{
    Q_OBJECT
public:
    explicit CapacityCharts(QWidget *parent);

    QChartView *demandView() const { return m_demandView; }
    QChartView *latencyView() const { return m_latencyView; }
    QChartView *utilisationView() const { return m_utilisationView; }

    void setReport(const Apprentice::CapacityReport &report);
    /// The simulation's hourly points on top of the fluid lines; nullptr clears them.
    void setSimulation(const Apprentice::SimulationResult *simulation);
    /// Capacity of saved scenarios A and B as dashed lines; nullptr hides one.
    void setComparison(const Apprentice::CapacityReport *a, const Apprentice::CapacityReport *b);
    /// Writes demand.png, latency.png and utilisation.png into `directory`; returns the file names.
    QStringList saveImages(const QString &directory, const QSize &size = QSize(1000, 460)) const;

    /// Display cap for unbounded latencies (seconds): the log axis needs finite values.
    static constexpr double LatencyCapSeconds = 30 * 86400.0;

private:
    void buildDemandChart(QWidget *parent);
    void buildLatencyChart(QWidget *parent);
    void buildUtilisationChart(QWidget *parent);
    void updateLatencyRange();

    QChartView *m_demandView = nullptr;
    QChartView *m_latencyView = nullptr;
    QChartView *m_utilisationView = nullptr;

    QLineSeries *m_demand = nullptr;
    QLineSeries *m_capacity = nullptr;
    QLineSeries *m_served = nullptr;
    QLineSeries *m_backlog = nullptr;
    QScatterSeries *m_simServed = nullptr;
    QLineSeries *m_capacityA = nullptr;
    QLineSeries *m_capacityB = nullptr;
    QValueAxis *m_hoursAxis = nullptr;
    QValueAxis *m_ordersAxis = nullptr;
    QValueAxis *m_backlogAxis = nullptr;

    QLineSeries *m_p95 = nullptr;
    QScatterSeries *m_simP95 = nullptr;
    QLineSeries *m_slo = nullptr;
    QValueAxis *m_latencyHoursAxis = nullptr;
    QCategoryAxis *m_latencyAxis = nullptr; ///< log10(seconds), labelled in human units

    QHorizontalBarSeries *m_bars = nullptr;
    QBarSet *m_barSet = nullptr;
    QBarCategoryAxis *m_resourceAxis = nullptr;
    QValueAxis *m_percentAxis = nullptr;

    double m_horizon = 24;
    double m_sloSeconds = 30;
    double m_maxOrders = 1;
};
