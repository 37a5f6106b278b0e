#pragma once

#include "stats/distribution.h"

#include <QWidget>

#include <vector>

class QAreaSeries;
class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QValueAxis;

/// The distribution of one metric: the learned profile as a histogram pre-binned from its quantile
/// sketch, the current window's values drawn over it, the profile band (p1–p99) and the p50, p95
/// and p99 markers. Both histograms show the share of values per bin, so they compare directly.
class HistogramChart : public QWidget
{
    Q_OBJECT
public:
    static constexpr int Bins = 40;

    explicit HistogramChart(QWidget *parent = nullptr);

    void setData(const QString &metric, const Apprentice::Distribution *profile, const std::vector<double> &window);
    void clear();

    QChartView *view() const { return m_view; }
    /// Bin shares of the profile histogram, for tests.
    const std::vector<double> &profileShares() const { return m_profileShares; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyStyle();

    QChart *m_chart;
    QChartView *m_view;
    QValueAxis *m_x;
    QValueAxis *m_y;
    QLineSeries *m_profileUpper;
    QAreaSeries *m_profile;
    QLineSeries *m_window;
    QLineSeries *m_bandUpper;
    QLineSeries *m_bandLower;
    QAreaSeries *m_band;
    QLineSeries *m_p50;
    QLineSeries *m_p95;
    QLineSeries *m_p99;
    QLabel *m_caption;
    QString m_metric;
    std::vector<double> m_profileShares;
};
