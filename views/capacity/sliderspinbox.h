#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QSlider;

/// A spin box with a slider beside it; the slider can be logarithmic for ranges spanning decades
/// (orders per hour, pool sizes), so one drag covers 10 and 100,000 alike.
class SliderSpinBox : public QWidget
{
    Q_OBJECT
public:
    SliderSpinBox(double minimum, double maximum, int decimals, bool logarithmic, QWidget *parent = nullptr);

    double value() const;
    void setValue(double value);
    void setSuffix(const QString &suffix);
    void setSingleStep(double step);
    QDoubleSpinBox *spinBox() const { return m_spin; }
    QSlider *slider() const { return m_slider; }

signals:
    void valueChanged(double value);

private:
    int toSlider(double value) const;
    double fromSlider(int position) const;
    void onSpinChanged(double value);
    void onSliderMoved(int position);

    static constexpr int SliderSteps = 1000;
    QDoubleSpinBox *m_spin;
    QSlider *m_slider;
    double m_min;
    double m_max;
    bool m_log;
};
