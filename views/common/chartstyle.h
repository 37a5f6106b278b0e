#pragma once

#include <QColor>

class QChart;
class QAbstractAxis;
class QPalette;

/// Charts follow the widget palette (light or dark) instead of a fixed Qt Charts theme.
namespace ChartStyle {
void apply(QChart *chart, const QPalette &palette);
void styleAxis(QAbstractAxis *axis, const QPalette &palette);
/// A series colour by index that reads on the palette.
QColor seriesColor(int index, const QPalette &palette);
}
