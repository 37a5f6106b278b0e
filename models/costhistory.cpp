#include "costhistory.h"

#include <algorithm>

CostHistory::CostHistory(QObject *parent)
    : QObject(parent)
{
}

void CostHistory::addSamples(const std::vector<CostSample> &samples)
{
    if (samples.empty())
        return;
    for (const CostSample &c : samples) {
        Point p;
        p.tsMs = c.tsMs;
        p.executions = c.executions;
        p.investigationUsd = c.investigationUsd;
        p.apprenticeUsd = std::max(0.0, c.spentUsd - c.investigationUsd);
        p.alwaysOnUsd = c.alwaysOnUsd;
        // Samples of the same moment replace each other: the latest is the truth.
        if (!m_points.empty() && m_points.back().tsMs == p.tsMs && m_points.size() > 1)
            m_points.back() = p;
        else
            m_points.push_back(p);
    }
    while (int(m_points.size()) > Capacity) {
        std::vector<Point> thinned;
        thinned.reserve(m_points.size() / 2 + 2);
        for (size_t i = 0; i + 1 < m_points.size(); i += 2)
            thinned.push_back(m_points[i]);
        thinned.push_back(m_points.back());
        m_points = std::move(thinned);
    }
    emit changed();
}

void CostHistory::clear()
{
    m_points.clear();
    emit changed();
}

double CostHistory::executionsPerDay() const
{
    if (m_points.size() < 2)
        return 0;
    const Point &a = m_points.front();
    const Point &b = m_points.back();
    const double days = double(b.tsMs - a.tsMs) / 86400000.0;
    if (days <= 0)
        return 0;
    return double(b.executions - a.executions) / days;
}
