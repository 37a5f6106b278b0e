#pragma once

#include "enginepublication.h"

#include <QWidget>

class InteractiveChartView;
class QChart;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QAreaSeries;
class QScatterSeries;
class QValueAxis;
class PolylineItem;

/// One metric over time: the downsampled values (min/max per pixel column), the profile band
/// (p1–p99) and median, and markers for anomalies, drifts and failures. Zoom with the wheel, pan by
/// dragging, double-click for everything; a click on a point reports its record.
class TimeSeriesChart : public QWidget
{
    Q_OBJECT
public:
    explicit TimeSeriesChart(QWidget *parent = nullptr);

    /// Profile band and median of the metric (NaN: none yet).
    void setProfile(double p01, double p50, double p99);
    /// New data for the range the reply was asked for.
    void setReply(const SeriesReply &reply, bool followLatest);
    void clear(const QString &message);
    void setMetric(const QString &metric);

    /// Pixel columns of the plot area: what a query should ask for.
    int plotWidth() const;
    bool isZoomed() const { return m_zoomed; }
    void resetZoom();
    double viewFrom() const;
    double viewTo() const;

    InteractiveChartView *view() const { return m_view; }
    QLineSeries *valuesSeries() const { return m_values; }
    QScatterSeries *markerSeries(int kind) const; ///< EventsModel::RowKind
    /// Points drawn now (≤ 2 × plotWidth()).
    int drawnPoints() const;
    /// Point `i` of those drawn, in axis units (ms since the epoch, value).
    QPointF drawnPoint(int i) const;
    /// The record nearest to a widget position within `radius` pixels, or 0.
    qint64 recordAt(QPoint pos, int radius = 10) const;
    /// Highlights one point (e.g. the record selected elsewhere); seq 0 clears.
    void highlight(qint64 seq);

signals:
    void rangeRequested(); ///< zoom or pan changed what should be fetched
    void pointClicked(qint64 seq);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyStyle();
    void updateAxes();
    void updateBand();
    void updateTimeFormat();

    QChart *m_chart;
    InteractiveChartView *m_view;
    QDateTimeAxis *m_x;
    QValueAxis *m_y;
    QLineSeries *m_values; ///< legend entry and axes for the envelope
    PolylineItem *m_envelope;
    QLineSeries *m_bandLow;
    QLineSeries *m_bandHigh;
    QAreaSeries *m_band;
    QLineSeries *m_median;
    QScatterSeries *m_anomalies;
    QScatterSeries *m_drifts;
    QScatterSeries *m_failures;
    QScatterSeries *m_selected;
    QLabel *m_message;
    QString m_metric;
    std::vector<Apprentice::SeriesPoint> m_points;
    std::vector<SeriesMarker> m_markers;
    double m_p01, m_p50, m_p99;
    double m_dataMin = 0, m_dataMax = 1;
    bool m_zoomed = false;
    qint64 m_highlight = 0;
};
