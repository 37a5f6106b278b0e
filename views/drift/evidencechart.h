#pragma once

#include "diagnosis.h"
#include "enginepublication.h"

#include <QWidget>

class QChart;
class QChartView;
class QLineSeries;
class QAreaSeries;
class QScatterSeries;
class QValueAxis;
class QDateTimeAxis;

/// The evidence of one drift: the values of the metric around the moment it was detected,
/// against the profile as it stood then (mean ± 3σ band, median, p99), with the triggering value marked.
class EvidenceChart : public QWidget
{
    Q_OBJECT
public:
    explicit EvidenceChart(QWidget *parent = nullptr);

    void setEvidence(const QString &metric, const Apprentice::ProfileStats &profile, const SeriesReply &reply,
                     qint64 eventSeq);
    /// Without stored history: the context's last values only.
    void setRecent(const QString &metric, const Apprentice::ProfileStats &profile, const std::vector<double> &recent);
    void clear();
    int pointCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyStyle();
    void setBand(double from, double to, const Apprentice::ProfileStats &profile, double lo, double hi);

    QChart *m_chart;
    QChartView *m_view;
    QValueAxis *m_x;
    QValueAxis *m_y;
    QLineSeries *m_values;
    QLineSeries *m_bandLow;
    QLineSeries *m_bandHigh;
    QAreaSeries *m_band;
    QLineSeries *m_median;
    QLineSeries *m_p99;
    QScatterSeries *m_event;
    QString m_metric;
};
