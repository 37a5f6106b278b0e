#include "polylineitem.h"

#include <QAbstractAxis>
#include <QAbstractSeries>
#include <QChart>
#include <QDateTimeAxis>
#include <QValueAxis>
#include <QPainter>

PolylineItem::PolylineItem(QChart *chart, QAbstractSeries *reference)
    : QGraphicsObject(chart), m_chart(chart), m_reference(reference)
{
    setZValue(chart->zValue() + 5); // above the grid and bands, below the markers
    m_pen.setCosmetic(true);
    connect(chart, &QChart::plotAreaChanged, this, &PolylineItem::relayout);
    const auto axes = reference->attachedAxes();
    for (QAbstractAxis *axis : axes) {
        if (auto *v = qobject_cast<QValueAxis *>(axis))
            connect(v, &QValueAxis::rangeChanged, this, &PolylineItem::relayout);
        else if (auto *t = qobject_cast<QDateTimeAxis *>(axis))
            connect(t, &QDateTimeAxis::rangeChanged, this, &PolylineItem::relayout);
    }
}

void PolylineItem::setPoints(std::vector<QPointF> points)
{
    m_points = std::move(points);
    relayout();
}

void PolylineItem::setFill(std::vector<QPointF> lower, const QBrush &brush)
{
    m_lower = std::move(lower);
    m_fill = brush;
    relayout();
}

void PolylineItem::setPen(const QPen &pen)
{
    m_pen = pen;
    m_pen.setCosmetic(true);
    update();
}

void PolylineItem::relayout()
{
    prepareGeometryChange();
    m_plot = m_chart->plotArea();
    m_polyline.resize(qsizetype(m_points.size()));
    for (size_t i = 0; i < m_points.size(); ++i)
        m_polyline[qsizetype(i)] = m_chart->mapToPosition(m_points[i], m_reference);
    m_area.clear();
    if (!m_lower.empty() && !m_points.empty()) {
        m_area = m_polyline;
        for (auto it = m_lower.rbegin(); it != m_lower.rend(); ++it)
            m_area << m_chart->mapToPosition(*it, m_reference);
    }
    update();
}

QRectF PolylineItem::boundingRect() const
{
    return m_plot;
}

void PolylineItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_polyline.isEmpty())
        return;
    painter->save();
    if (m_clip)
        painter->setClipRect(m_plot);
    // A min/max envelope is dense vertical strokes: antialiasing buys nothing there and costs a lot.
    if (!m_area.isEmpty()) {
        // A large antialiased fill is slow in software rendering and its edges sit under the lines anyway.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_fill);
        painter->drawPolygon(m_area);
    }
    // Antialiased polylines of a few hundred points cost tens of milliseconds in software
    // rendering; items opt in only where the point count stays small.
    painter->setRenderHint(QPainter::Antialiasing, m_antialiased);
    painter->setPen(m_pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(m_polyline);
    painter->restore();
}
