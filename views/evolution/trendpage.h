#pragma once

#include "evolution/trendseriesdata.h"

#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace Apprentice {
class MutationLedger;
class TrendTracker;
struct TrendConfig;
}

/// The Trend view: which tool is degrading, how fast, and when it will cross its limit. A list of
/// analysed series (most severe first) beside a chart of the selected one: its daily values, the
/// fitted Theil–Sen line, the projection with its cone, the threshold, and "breach in N days".
/// Fed immutable snapshots (setSeries), so the analysis can run off the GUI thread.
class TrendPage : public QWidget
{
    Q_OBJECT
public:
    enum Column { ColSeverity, ColSeries, ColSlope, ColWeekly, ColBreach, ColumnCount };

    explicit TrendPage(QWidget *parent = nullptr);

    /// Replaces the series shown; keeps the selected series when it is still there.
    void setSeries(std::vector<Apprentice::TrendSeriesData> series);
    /// Convenience for single-threaded callers: analyses `tracker` as of nowMs and shows it.
    void setTracker(const Apprentice::TrendTracker &tracker, qint64 nowMs, const Apprentice::TrendConfig &config);
    /// With a ledger, "Propose mutation" records the trend's proposal there (not owned).
    void setLedger(Apprentice::MutationLedger *ledger);
    /// Whose name "Propose mutation" records in the audit trail (empty: "trend analysis").
    void setOperator(const QString &name) { m_operator = name; }

    /// Selects a series; false when it is not listed (e.g. hidden as not significant).
    bool selectSeries(const QString &workflow, const QString &version, const QString &tool, const QString &metric);
    /// The selected series, or nullptr.
    const Apprentice::TrendSeriesData *currentSeries() const;

    QTreeWidget *seriesList() const { return m_list; }
    QChartView *chartView() const { return m_chartView; }
    QLabel *headline() const { return m_headline; }
    QLabel *breachLabel() const { return m_breach; }
    QCheckBox *significantOnly() const { return m_significantOnly; }
    QPushButton *proposeButton() const { return m_propose; }

signals:
    /// The selected trend's proposal was recorded in the ledger.
    void mutationProposed(qint64 id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildList();
    void showCurrent();
    void onProposeClicked();

    std::vector<Apprentice::TrendSeriesData> m_series;
    Apprentice::MutationLedger *m_ledger = nullptr;
    QString m_operator;
    int m_current = -1;

    QLabel *m_summary = nullptr;
    QCheckBox *m_significantOnly = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_headline = nullptr;
    QLabel *m_breach = nullptr;
    QLabel *m_details = nullptr;
    QPushButton *m_propose = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
};
