#include "sliderspinbox.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

SliderSpinBox::SliderSpinBox(double minimum, double maximum, int decimals, bool logarithmic, QWidget *parent)
    : QWidget(parent)
    , m_spin(new QDoubleSpinBox(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_min(minimum)
    , m_max(maximum)
    , m_log(logarithmic && minimum > 0)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_spin->setRange(minimum, maximum);
    m_spin->setDecimals(decimals);
    m_spin->setGroupSeparatorShown(true);
    m_spin->setKeyboardTracking(false);
    m_spin->setAlignment(Qt::AlignRight);
    m_spin->setMinimumWidth(96);
    m_slider->setRange(0, SliderSteps);
    m_slider->setMinimumWidth(60);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, &SliderSpinBox::onSpinChanged);
    connect(m_slider, &QSlider::valueChanged, this, &SliderSpinBox::onSliderMoved);
}

double SliderSpinBox::value() const
{
    return m_spin->value();
}

void SliderSpinBox::setValue(double value)
{
    m_spin->setValue(value);
}

void SliderSpinBox::setSuffix(const QString &suffix)
{
    m_spin->setSuffix(suffix);
}

void SliderSpinBox::setSingleStep(double step)
{
    m_spin->setSingleStep(step);
}

int SliderSpinBox::toSlider(double v) const
{
    v = std::clamp(v, m_min, m_max);
    const double f = m_log ? std::log(v / m_min) / std::log(m_max / m_min) : (v - m_min) / (m_max - m_min);
    return int(std::lround(f * SliderSteps));
}

double SliderSpinBox::fromSlider(int position) const
{
    const double f = double(position) / SliderSteps;
    const double v = m_log ? m_min * std::pow(m_max / m_min, f) : m_min + f * (m_max - m_min);
    // Round to what the spin box shows, and to 2–3 significant digits on a log scale, so dragging
    // lands on numbers people type (5,000 rather than 4,987).
    if (m_log && v >= 10) {
        const double magnitude = std::pow(10.0, std::floor(std::log10(v)) - 1);
        return std::round(v / magnitude) * magnitude;
    }
    const double scale = std::pow(10.0, m_spin->decimals());
    return std::round(v * scale) / scale;
}

void SliderSpinBox::onSpinChanged(double value)
{
    const QSignalBlocker block(m_slider);
    m_slider->setValue(toSlider(value));
    emit valueChanged(value);
}

void SliderSpinBox::onSliderMoved(int position)
{
    // The spin box is the value's owner; it re-emits through onSpinChanged.
    m_spin->setValue(fromSlider(position));
}
