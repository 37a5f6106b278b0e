#include "event.h"

namespace Apprentice {

QString phaseName(Phase p)
{
    switch (p) {
    case Phase::Apprentice: return QStringLiteral("APPRENTICE");
    case Phase::Graduated: return QStringLiteral("GRADUATED");
    case Phase::Investigating: return QStringLiteral("INVESTIGATING");
    }
    return {};
}

bool phaseFromName(const QString &name, Phase &out)
{
    for (Phase p : {Phase::Apprentice, Phase::Graduated, Phase::Investigating}) {
        if (phaseName(p) == name) {
            out = p;
            return true;
        }
    }
    return false;
}

QString eventKindName(EventKind k)
{
    switch (k) {
    case EventKind::Graduated: return QStringLiteral("graduated");
    case EventKind::Anomaly: return QStringLiteral("anomaly");
    case EventKind::Drift: return QStringLiteral("drift");
    case EventKind::Diagnosis: return QStringLiteral("diagnosis");
    case EventKind::Trend: return QStringLiteral("trend");
    case EventKind::Transition: return QStringLiteral("transition");
    }
    return {};
}

} // namespace Apprentice
