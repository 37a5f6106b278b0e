#include "situation.h"

namespace Apprentice {

QString situationName(Situation s)
{
    switch (s) {
    case Situation::Normal: return QStringLiteral("normal");
    case Situation::ApiSlowdown: return QStringLiteral("api_slowdown");
    case Situation::ValidationDegradation: return QStringLiteral("validation_degradation");
    case Situation::ApiOutage: return QStringLiteral("api_outage");
    case Situation::SlowCreep: return QStringLiteral("slow_creep");
    case Situation::BlackFriday: return QStringLiteral("black_friday");
    case Situation::ShadowRelease: return QStringLiteral("shadow_release");
    }
    return {};
}

bool situationFromName(const QString &name, Situation &out)
{
    for (int i = 0; i < SituationCount; ++i) {
        const auto s = Situation(i);
        if (situationName(s) == name) {
            out = s;
            return true;
        }
    }
    return false;
}

QStringList situationNames()
{
    QStringList names;
    for (int i = 0; i < SituationCount; ++i)
        names << situationName(Situation(i));
    return names;
}

} // namespace Apprentice
