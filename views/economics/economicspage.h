#pragma once

#include <QWidget>

class AppSettings;
class ConsoleSession;
class LedgerModel;
class QAreaSeries;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QValueAxis;
class QTimer;
class PolylineItem;
class StatCard;
class WhatIfCalculator;
class WorkflowFilterModel;

/// Economics: what monitoring cost so far (apprenticeship reviews, investigations; graduated
/// executions at $0) against always-on AI monitoring of every execution, as cumulative curves with
/// the savings between them; per workflow; per hour; and the annual what-if from these numbers.
class EconomicsPage : public QWidget
{
    Q_OBJECT
public:
    EconomicsPage(ConsoleSession *session, AppSettings *settings, QWidget *parent = nullptr);

    QChartView *chartView() const { return m_view; }
    WhatIfCalculator *whatIf() const { return m_whatIf; }
    QTableView *workflowTable() const { return m_workflows; }
    QTableView *ledgerTable() const { return m_ledger; }
    int plottedPoints() const;

    Q_INVOKABLE void resetLayout();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void updateChart();
    void updateCards();
    void applyStyle();

    ConsoleSession *m_session;
    AppSettings *m_settings;
    StatCard *m_spent = nullptr;
    StatCard *m_alwaysOn = nullptr;
    StatCard *m_saved = nullptr;
    StatCard *m_perExecution = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QDateTimeAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    QLineSeries *m_alwaysOnLine = nullptr;
    QLineSeries *m_spentLine = nullptr;
    QLineSeries *m_apprenticeLine = nullptr;
    QLineSeries *m_investigationLine = nullptr;
    QLineSeries *m_savingsUpper = nullptr;
    QLineSeries *m_savingsLower = nullptr;
    QAreaSeries *m_savings = nullptr;
    PolylineItem *m_alwaysOnItem = nullptr;
    PolylineItem *m_spentItem = nullptr;
    PolylineItem *m_apprenticeItem = nullptr;
    PolylineItem *m_investigationItem = nullptr;
    QTimer *m_chartTimer = nullptr;
    WhatIfCalculator *m_whatIf = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_workflows = nullptr;
    QTableView *m_ledger = nullptr;
    WorkflowFilterModel *m_workflowProxy = nullptr;
    QSortFilterProxyModel *m_ledgerProxy = nullptr;
    QSplitter *m_vertical = nullptr;
    QSplitter *m_horizontal = nullptr;
    bool m_dirty = true;
};
