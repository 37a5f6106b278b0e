#pragma once

#include "evolution/shadowcomparison.h"

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QTreeWidget;

/// A candidate version beside its baseline: the recommendation (PROMOTE, ROLL_BACK, KEEP_SHADOW)
/// with its reasons, a per-tool chart of median latency for both versions, and a table with one
/// row per tool (calls, error rates) and one per metric: baseline | candidate | change | adjusted
/// p | Cliff's delta | verdict.
class ShadowComparisonWidget : public QWidget
{
    Q_OBJECT
public:
    enum Column { ColName, ColBaseline, ColCandidate, ColChange, ColP, ColEffect, ColVerdict, ColumnCount };

    explicit ShadowComparisonWidget(QWidget *parent = nullptr);

    void setComparison(const Apprentice::ShadowComparison &comparison);
    /// Nothing to compare (yet): shows `message` instead.
    void clear(const QString &message = {});
    bool hasComparison() const { return m_has; }
    const Apprentice::ShadowComparison &comparison() const { return m_comparison; }

    QLabel *recommendationLabel() const { return m_badge; }
    QLabel *reasonsLabel() const { return m_reasons; }
    QTreeWidget *table() const { return m_table; }
    QChartView *chartView() const { return m_chartView; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildChart();

    Apprentice::ShadowComparison m_comparison;
    bool m_has = false;
    QLabel *m_badge = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_reasons = nullptr;
    QTreeWidget *m_table = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
};
