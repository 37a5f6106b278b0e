#include "metricstatsmodel.h"

#include "colors.h"
#include "format.h"
#include "metricinfo.h"

#include <cmath>

using namespace Apprentice;

MetricStatsModel::MetricStatsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void MetricStatsModel::setStats(const ToolSnapshot *profile, const std::vector<WindowStats> &window)
{
    // Metrics in the fixed built-in order, then custom ones as they come.
    QStringList metrics;
    for (const QString &m : MetricInfo::builtinNames()) {
        bool present = false;
        if (profile)
            for (const MetricSnapshot &ms : profile->metrics)
                present = present || ms.metric == m;
        for (const WindowStats &w : window)
            present = present || w.metric == m;
        if (present)
            metrics << m;
    }
    auto addCustom = [&](const QString &m) {
        if (!metrics.contains(m))
            metrics << m;
    };
    if (profile)
        for (const MetricSnapshot &ms : profile->metrics)
            addCustom(ms.metric);
    for (const WindowStats &w : window)
        addCustom(w.metric);

    std::vector<Line> lines;
    for (const QString &m : metrics) {
        Line p;
        p.metric = m;
        double pMean = 0, pStd = 0;
        bool hasProfile = false;
        if (profile) {
            for (const MetricSnapshot &ms : profile->metrics) {
                if (ms.metric != m || ms.profile.count() == 0)
                    continue;
                p.n = qint64(ms.profile.count());
                p.mean = pMean = ms.profile.mean();
                p.stddev = pStd = ms.profile.stddev();
                p.p50 = ms.profile.p50();
                p.p95 = ms.profile.p95();
                p.p99 = ms.profile.p99();
                hasProfile = true;
            }
        }
        lines.push_back(p);
        Line w;
        w.metric = m;
        w.window = true;
        for (const WindowStats &ws : window) {
            if (ws.metric != m)
                continue;
            w.n = ws.n;
            w.mean = ws.mean;
            w.stddev = ws.stddev;
            w.p50 = ws.p50;
            w.p95 = ws.p95;
            w.p99 = ws.p99;
            if (hasProfile && pStd > 0 && ws.n > 0) {
                w.shift = (ws.mean - pMean) / pStd;
                w.hasShift = true;
            }
        }
        lines.push_back(w);
    }

    bool sameShape = lines.size() == m_lines.size();
    for (size_t i = 0; sameShape && i < lines.size(); ++i)
        sameShape = lines[i].metric == m_lines[i].metric && lines[i].window == m_lines[i].window;
    if (sameShape) {
        m_lines = std::move(lines);
        if (!m_lines.empty())
            emit dataChanged(index(0, ColN), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_lines = std::move(lines);
    endResetModel();
}

void MetricStatsModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

int MetricStatsModel::rowOf(const QString &metric) const
{
    for (size_t i = 0; i < m_lines.size(); ++i)
        if (m_lines[i].metric == metric && !m_lines[i].window)
            return int(i);
    return -1;
}

int MetricStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int MetricStatsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MetricStatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Line &l = m_lines[size_t(index.row())];
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case ColMetric: return l.window ? QString() : MetricInfo::title(l.metric);
        case ColSource: return l.window ? tr("Current window") : tr("Profile");
        case ColN: return Format::count(l.n);
        case ColMean: return l.n ? Format::metricValue(l.metric, l.mean) : QString();
        case ColStd:
            if (!l.n)
                return {};
            return MetricInfo::isShare(l.metric) ? tr("%1 pp").arg(QLocale().toString(l.stddev * 100, 'f', 2))
                                                 : Format::metricValue(l.metric, l.stddev);
        case ColP50: return l.n ? Format::metricValue(l.metric, l.p50) : QString();
        case ColP95: return l.n ? Format::metricValue(l.metric, l.p95) : QString();
        case ColP99: return l.n ? Format::metricValue(l.metric, l.p99) : QString();
        case ColShift:
            return l.hasShift ? tr("%1σ").arg(QLocale().toString(std::abs(l.shift) < 0.05 ? 0.0 : l.shift, 'f', 1)) : QString();
        }
        break;
    case Qt::TextAlignmentRole:
        return QVariant(col >= ColN ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (col == ColShift && l.hasShift) {
            const double a = std::abs(l.shift);
            if (a >= 3)
                return Colors::danger();
            if (a >= 1.5)
                return Colors::warning();
        }
        if (col == ColSource)
            return Colors::muted();
        return {};
    case Qt::ToolTipRole:
        if (col == ColMetric || col == ColSource)
            return MetricInfo::description(l.metric);
        return {};
    case MetricRole: return l.metric;
    case IsWindowRole: return l.window;
    default: break;
    }
    return {};
}

QVariant MetricStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ColMetric: return tr("Metric");
        case ColSource: return tr("Of");
        case ColN: return tr("n");
        case ColMean: return tr("Mean");
        case ColStd: return tr("Std");
        case ColP50: return tr("p50");
        case ColP95: return tr("p95");
        case ColP99: return tr("p99");
        case ColShift: return tr("Shift");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ColSource: return tr("Profile: everything learned for the metric. Current window: its most recent values.");
        case ColN: return MetricInfo::statisticDescription(QStringLiteral("n"));
        case ColMean: return MetricInfo::statisticDescription(QStringLiteral("mean"));
        case ColStd: return MetricInfo::statisticDescription(QStringLiteral("std"));
        case ColP50: return MetricInfo::statisticDescription(QStringLiteral("p50"));
        case ColP95: return MetricInfo::statisticDescription(QStringLiteral("p95"));
        case ColP99: return MetricInfo::statisticDescription(QStringLiteral("p99"));
        case ColShift: return MetricInfo::statisticDescription(QStringLiteral("shift"));
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant(section >= ColN ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

void MetricStatsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_lines.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}
