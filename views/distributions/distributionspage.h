#pragma once

#include "enginepublication.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>

class AppSettings;
class ConsoleSession;
class HistogramChart;
class MetricStatsModel;
class QComboBox;
class QLabel;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;
class TimeSeriesChart;

/// Per-tool distributions: for the chosen workflow, tool and metric a time series (with the
/// profile band, anomaly and drift markers; zoom and pan) and a histogram against the profile;
/// below, n/mean/std/p50/p95/p99 of every metric, current window against profile. Data is
/// downsampled on the engine thread to the plot's width; a refresh is one query and one replace().
class DistributionsPage : public QWidget
{
    Q_OBJECT
public:
    DistributionsPage(ConsoleSession *session, AppSettings *settings, QWidget *parent = nullptr);

    void showWorkflow(const QString &workflow, const QString &version);
    /// Selects a workflow version, tool and metric (those that exist).
    void select(const QString &workflow, const QString &version, const QString &tool, const QString &metric);
    QString currentTool() const;
    QString currentMetric() const;

    /// Asks for fresh data now (otherwise every 250 ms while visible).
    void refresh();
    /// Wall time of the last refresh, from query to the chart updated.
    double lastRefreshMs() const { return m_lastRefreshMs; }
    qint64 refreshCount() const { return m_refreshes; }

    TimeSeriesChart *timeSeries() const { return m_series; }
    HistogramChart *histogram() const { return m_histogram; }
    QTableView *statsTable() const { return m_table; }
    QComboBox *workflowCombo() const { return m_workflow; }
    QComboBox *toolCombo() const { return m_tool; }
    QComboBox *metricCombo() const { return m_metric; }

    Q_INVOKABLE void resetLayout();

signals:
    /// A point of the time series was clicked: show that record in the stream.
    void recordActivated(qint64 seq);
    /// A refresh completed (reply applied to the charts).
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslate();
    void refillWorkflows();
    void refillTools();
    void refillMetrics();
    void onReply(std::shared_ptr<const SeriesReply> reply);
    void updateProfile();

    ConsoleSession *m_session;
    AppSettings *m_settings;
    QComboBox *m_workflow = nullptr;
    QComboBox *m_tool = nullptr;
    QComboBox *m_metric = nullptr;
    QToolButton *m_resetZoom = nullptr;
    QLabel *m_info = nullptr;
    QLabel *m_hint = nullptr;
    TimeSeriesChart *m_series = nullptr;
    HistogramChart *m_histogram = nullptr;
    MetricStatsModel *m_stats = nullptr;
    QTableView *m_table = nullptr;
    QSplitter *m_vertical = nullptr;
    QSplitter *m_horizontal = nullptr;
    QTimer *m_timer = nullptr;
    quint64 m_ticket = 0;
    bool m_inFlight = false;
    bool m_again = false;
    bool m_profileDirty = false;
    QElapsedTimer m_queryClock;
    double m_lastRefreshMs = 0;
    qint64 m_refreshes = 0;
    std::shared_ptr<const SeriesReply> m_lastReply;
    QString m_wantedWorkflow, m_wantedVersion, m_wantedTool, m_wantedMetric;
};
