#include "interactivechartview.h"

#include <QAbstractAxis>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QValueAxis>
#include <QWheelEvent>

#include <cmath>

InteractiveChartView::InteractiveChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setDragMode(QGraphicsView::NoDrag);
}

void InteractiveChartView::setXRange(double from, double to)
{
    applyRange(from, to, false);
}

void InteractiveChartView::applyRange(double from, double to, bool notify)
{
    if (!(to > from))
        to = from + 1;
    m_from = from;
    m_to = to;
    const auto axes = chart()->axes(Qt::Horizontal);
    for (QAbstractAxis *axis : axes) {
        if (auto *dt = qobject_cast<QDateTimeAxis *>(axis))
            dt->setRange(QDateTime::fromMSecsSinceEpoch(qint64(from), Qt::UTC),
                         QDateTime::fromMSecsSinceEpoch(qint64(to), Qt::UTC));
        else if (auto *v = qobject_cast<QValueAxis *>(axis))
            v->setRange(from, to);
    }
    if (notify)
        emit xRangeChanged(from, to);
}

void InteractiveChartView::wheelEvent(QWheelEvent *event)
{
    const QRectF plot = chart()->plotArea();
    if (plot.width() <= 0)
        return;
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    const double factor = std::pow(0.8, steps);
    const double anchorShare = std::clamp((event->position().x() - plot.left()) / plot.width(), 0.0, 1.0);
    const double span = m_to - m_from;
    const double anchor = m_from + anchorShare * span;
    const double newSpan = std::max(10.0, span * factor);
    applyRange(anchor - anchorShare * newSpan, anchor + (1 - anchorShare) * newSpan, true);
    event->accept();
}

void InteractiveChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressed = true;
        m_dragging = false;
        m_pressPos = event->pos();
        m_pressFrom = m_from;
        m_pressTo = m_to;
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void InteractiveChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_pressed) {
        const int dx = event->pos().x() - m_pressPos.x();
        if (!m_dragging && std::abs(dx) > 4) {
            m_dragging = true;
            setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            const QRectF plot = chart()->plotArea();
            if (plot.width() > 0) {
                const double shift = -double(dx) / plot.width() * (m_pressTo - m_pressFrom);
                applyRange(m_pressFrom + shift, m_pressTo + shift, true);
            }
        }
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
}

void InteractiveChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_pressed) {
        m_pressed = false;
        if (m_dragging) {
            m_dragging = false;
            unsetCursor();
        } else {
            emit clicked(chart()->mapToValue(event->position()), event->pos());
        }
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void InteractiveChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    emit resetRequested();
    event->accept();
}

void InteractiveChartView::keyPressEvent(QKeyEvent *event)
{
    const double span = m_to - m_from;
    switch (event->key()) {
    case Qt::Key_Home: emit resetRequested(); return;
    case Qt::Key_Plus:
    case Qt::Key_Equal: applyRange(m_from + span * 0.1, m_to - span * 0.1, true); return;
    case Qt::Key_Minus: applyRange(m_from - span * 0.125, m_to + span * 0.125, true); return;
    case Qt::Key_Left: applyRange(m_from - span * 0.1, m_to - span * 0.1, true); return;
    case Qt::Key_Right: applyRange(m_from + span * 0.1, m_to + span * 0.1, true); return;
    default: QChartView::keyPressEvent(event);
    }
}
