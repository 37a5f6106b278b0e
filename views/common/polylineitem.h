#pragma once

#include <QBrush>
#include <QGraphicsObject>
#include <QPen>
#include <QPolygonF>

#include <vector>

class QAbstractSeries;
class QChart;

/// Draws a long series inside a chart's plot area as one cosmetic polyline, optionally filling the
/// area down to a second curve. Qt Charts' QLineSeries strokes a hit-test outline of every line on
/// each geometry change, which costs tens of milliseconds at a few thousand points; this item only
/// maps the points and draws them. `reference` supplies the axes the points are mapped with (keep
/// an empty series with the same pen as the legend entry).
class PolylineItem : public QGraphicsObject
{
    Q_OBJECT
public:
    PolylineItem(QChart *chart, QAbstractSeries *reference);

    void setPoints(std::vector<QPointF> points);
    /// Fills between the polyline and `lower` (same x order); empty: no fill.
    void setFill(std::vector<QPointF> lower, const QBrush &brush);
    void setPen(const QPen &pen);
    void setAntialiased(bool on) { m_antialiased = on; }
    /// Clip to the plot area (needed when the axes can show less than the data, e.g. zoomed).
    void setClipped(bool on) { m_clip = on; }
    /// Recomputes positions after the axes or the plot area changed.
    void relayout();
    int pointCount() const { return int(m_points.size()); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QChart *m_chart;
    QAbstractSeries *m_reference;
    std::vector<QPointF> m_points;
    std::vector<QPointF> m_lower;
    QPolygonF m_polyline;
    QPolygonF m_area;
    QRectF m_plot;
    QPen m_pen;
    QBrush m_fill;
    bool m_antialiased = false;
    bool m_clip = true;
};
