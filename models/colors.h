#pragma once

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

/// Status colours that read on both light and dark palettes.
namespace Colors {

/// True when the palette's window is dark.
bool isDark(const QPalette &palette = QGuiApplication::palette());

QColor ok(const QPalette &palette = QGuiApplication::palette());
QColor warning(const QPalette &palette = QGuiApplication::palette());
QColor danger(const QPalette &palette = QGuiApplication::palette());
QColor info(const QPalette &palette = QGuiApplication::palette());
QColor muted(const QPalette &palette = QGuiApplication::palette());
QColor accent(const QPalette &palette = QGuiApplication::palette());
/// Row tint for a drift score in [0, 1] (transparent below 0.3).
QColor driftTint(double score, const QPalette &palette = QGuiApplication::palette());
/// `c` with alpha for a row background tint.
QColor tint(const QColor &c, int alpha);

} // namespace Colors
