#pragma once

#include <QtGlobal>

#include <string_view>

namespace Apprentice {

/// Remembers the last date parseRfc3339() validated: consecutive records nearly always share it.
struct Rfc3339Cache {
    char date[10] = {};
    qint64 dayMs = 0;
    bool valid = false;
};

/// Parses an RFC 3339 date-time (`2026-10-01T00:00:12.345Z`; `Z` or `±hh:mm`; a fraction of any length,
/// truncated to milliseconds) into milliseconds since the Unix epoch, UTC. False when `text` is not one.
bool parseRfc3339(std::string_view text, qint64 &msSinceEpoch, Rfc3339Cache *cache = nullptr);

} // namespace Apprentice
