#pragma once

#include <QIcon>

/// The console's SVG icons (resources/icons/NAME.svg).
namespace Icons {
QIcon get(const QString &name);
}
