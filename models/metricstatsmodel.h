#pragma once

#include "enginepublication.h"

#include <QAbstractTableModel>

/// Statistics of every metric of one tool: the learned profile next to the current window of
/// recent values, so a shift reads off the table (n, mean, std, p50, p95, p99, shift in σ).
class MetricStatsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ColMetric, ColSource, ColN, ColMean, ColStd, ColP50, ColP95, ColP99, ColShift, ColumnCount };
    enum Role { MetricRole = Qt::UserRole + 1, IsWindowRole };

    explicit MetricStatsModel(QObject *parent = nullptr);

    /// The tool's profile (nullptr: none yet) and window statistics; keeps rows when the metrics are the same.
    void setStats(const Apprentice::ToolSnapshot *profile, const std::vector<WindowStats> &window);
    void clear();
    /// Row of the profile line of `metric`, −1 when absent.
    int rowOf(const QString &metric) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void retranslate();

private:
    struct Line {
        QString metric;
        bool window = false;
        qint64 n = 0;
        double mean = 0, stddev = 0, p50 = 0, p95 = 0, p99 = 0;
        double shift = 0; ///< window only
        bool hasShift = false;
    };
    std::vector<Line> m_lines;
};
