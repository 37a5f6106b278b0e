#include "chartstyle.h"

#include "colors.h"

#include <QAbstractAxis>
#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLocale>
#include <QPalette>

namespace ChartStyle {

void styleAxis(QAbstractAxis *axis, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(35);
    QColor line = text;
    line.setAlpha(90);
    axis->setLabelsColor(Colors::muted(palette));
    axis->setTitleBrush(Colors::muted(palette));
    axis->setGridLineColor(grid);
    axis->setMinorGridLineColor(grid);
    axis->setLinePenColor(line);
    QFont f = axis->labelsFont();
    f.setPointSizeF(std::max(7.0, f.pointSizeF() * 0.9));
    axis->setLabelsFont(f);
    axis->setTitleFont(f);
}

void apply(QChart *chart, const QPalette &palette)
{
    chart->setLocalizeNumbers(true); // axis labels in the console's locale
    chart->setLocale(QLocale());
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(palette.color(QPalette::Text));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    for (QAbstractAxis *axis : chart->axes())
        styleAxis(axis, palette);
}

QColor seriesColor(int index, const QPalette &palette)
{
    const bool dark = Colors::isDark(palette);
    static const QColor light[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
                                   QColor(0xff, 0x7f, 0x0e), QColor(0x94, 0x67, 0xbd)};
    static const QColor darkSet[] = {QColor(0x64, 0xb5, 0xf6), QColor(0xef, 0x53, 0x50), QColor(0x81, 0xc7, 0x84),
                                     QColor(0xff, 0xb7, 0x4d), QColor(0xce, 0x93, 0xd8)};
    return dark ? darkSet[index % 5] : light[index % 5];
}

} // namespace ChartStyle
