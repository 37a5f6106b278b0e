#pragma once

#include <QChartView>

/// A chart view with time-axis navigation: the wheel zooms around the cursor, dragging pans,
/// double-click (or Home) returns to the whole range, a click without dragging reports the point.
/// The view only reports ranges; the owner fetches data for them.
class InteractiveChartView : public QChartView
{
    Q_OBJECT
public:
    explicit InteractiveChartView(QChart *chart, QWidget *parent = nullptr);

    /// The x range shown, in axis units (ms since the epoch for time axes).
    void setXRange(double from, double to);
    double xFrom() const { return m_from; }
    double xTo() const { return m_to; }

signals:
    /// The operator zoomed or panned (not emitted by setXRange).
    void xRangeChanged(double from, double to);
    void resetRequested();
    /// A click at `value` (chart coordinates) and `pos` (widget pixels).
    void clicked(QPointF value, QPoint pos);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void applyRange(double from, double to, bool notify);

    double m_from = 0;
    double m_to = 1;
    QPoint m_pressPos;
    double m_pressFrom = 0;
    double m_pressTo = 1;
    bool m_dragging = false;
    bool m_pressed = false;
};
