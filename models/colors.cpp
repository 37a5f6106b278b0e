#include "colors.h"

#include <QGuiApplication>

#include <algorithm>

namespace Colors {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor ok(const QPalette &p)
{
    return isDark(p) ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
}

QColor warning(const QPalette &p)
{
    return isDark(p) ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb2, 0x6a, 0x00);
}

QColor danger(const QPalette &p)
{
    return isDark(p) ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
}

QColor info(const QPalette &p)
{
    return isDark(p) ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
}

QColor muted(const QPalette &p)
{
    QColor c = p.color(QPalette::Text);
    c.setAlpha(150);
    return c;
}

QColor accent(const QPalette &p)
{
    return isDark(p) ? QColor(0xba, 0x68, 0xc8) : QColor(0x6a, 0x1b, 0x9a);
}

QColor tint(const QColor &c, int alpha)
{
    QColor t = c;
    t.setAlpha(std::clamp(alpha, 0, 255));
    return t;
}

QColor driftTint(double score, const QPalette &p)
{
    if (!(score >= 0.3))
        return {};
    const double s = std::clamp((score - 0.3) / 0.7, 0.0, 1.0);
    // Only drifts and failures are red; a high score alone is a warning.
    return tint(warning(p), int(20 + s * 70));
}

} // namespace Colors
