#pragma once

#include <QString>

namespace Apprentice {

/// A configured size limit as a reason names it: "16 MiB" when it is whole mebibytes, else "1000 bytes".
inline QString sizeText(qint64 bytes)
{
    return bytes % (1 << 20) == 0 ? QStringLiteral("%1 MiB").arg(bytes >> 20) : QStringLiteral("%1 bytes").arg(bytes);
}

} // namespace Apprentice
