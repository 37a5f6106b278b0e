#pragma once

#include "appsettings.h"

/// Applies the platform palette, or a light or dark one on request.
namespace Theme {
void apply(AppSettings::Theme theme);
}
