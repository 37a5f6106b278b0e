#pragma once

namespace Apprentice {
/// Registers the resources compiled into the static core library (safe to call repeatedly).
void ensureResources();
}
