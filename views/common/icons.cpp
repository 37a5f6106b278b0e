#include "icons.h"

#include "resources.h"

#include <QHash>

namespace Icons {

QIcon get(const QString &name)
{
    static QHash<QString, QIcon> cache;
    const auto it = cache.constFind(name);
    if (it != cache.cend())
        return *it;
    Apprentice::ensureResources();
    const QIcon icon(QStringLiteral(":/icons/%1.svg").arg(name));
    cache.insert(name, icon);
    return icon;
}

} // namespace Icons
