#pragma once

#include <QString>

namespace Apprentice {

/// A file to follow and how.
struct FileTailConfig {
    QString path;
    bool fromStart = true;          ///< read what the file holds first; otherwise start at its end
    qint64 skipLines = 0;           ///< with fromStart: lines of the file found at the start that count already
    int pollIntervalMs = 500;       ///< the fallback check when change notifications do not come (network drives)
    qint64 maxLineBytes = 1 << 20;  ///< a longer line is rejected
    qint64 readChunkBytes = 1 << 20; ///< read per turn of the event loop
    int maxItemisedRejections = 20; ///< per delivered batch
};

} // namespace Apprentice
