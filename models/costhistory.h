#pragma once

#include "enginepublication.h"

#include <QObject>

#include <vector>

/// Cumulative monitoring spend against the always-on counterfactual over (record) time, from the
/// engine thread's samples. Bounded: when full, every other past point is dropped.
class CostHistory : public QObject
{
    Q_OBJECT
public:
    struct Point {
        qint64 tsMs = 0;
        qint64 executions = 0;
        double apprenticeUsd = 0;
        double investigationUsd = 0;
        double alwaysOnUsd = 0;
        double spentUsd() const { return apprenticeUsd + investigationUsd; }
        double savingsUsd() const { return alwaysOnUsd - spentUsd(); }
    };
    static constexpr int Capacity = 2048;

    explicit CostHistory(QObject *parent = nullptr);

    void addSamples(const std::vector<CostSample> &samples);
    void clear();
    const std::vector<Point> &points() const { return m_points; }
    Point latest() const { return m_points.empty() ? Point() : m_points.back(); }
    /// Executions per simulated/recorded day, from the first to the latest sample (0 when unknown).
    double executionsPerDay() const;

signals:
    void changed();

private:
    std::vector<Point> m_points;
};
