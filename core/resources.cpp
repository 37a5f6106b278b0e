#include "resources.h"

#include <QtCore/qglobal.h>

static void initApprenticeResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace Apprentice {
void ensureResources()
{
    static const bool once = (initApprenticeResources(), true);
    Q_UNUSED(once);
}
}
