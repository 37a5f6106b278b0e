#pragma once

#include <QStringView>

namespace Apprentice {

/// Shell-style wildcard match of a whole name, case-insensitive: `*` any run of characters
/// (also none), `?` one character, everything else literal. "fetch_*" matches "fetch_data".
bool globMatch(QStringView pattern, QStringView text);

} // namespace Apprentice
