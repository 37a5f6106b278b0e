#pragma once

#include <QString>

#include <string_view>

namespace Apprentice {

/// Why `text` is not exactly one valid JSON value (RFC 8259, UTF-8), e.g. `invalid JSON at byte 17: expected ':'`
/// or `invalid UTF-8 at byte 5`; empty when it is valid. Bytes count from 1. A slow scalar scan, meant only for
/// input a fast parser already refused, to tell the user where and why.
QString explainInvalidJson(std::string_view text);

/// Offset (from 0) of the first byte that is not part of a well-formed UTF-8 sequence, or -1 when all are.
qsizetype findInvalidUtf8(std::string_view text);

} // namespace Apprentice
