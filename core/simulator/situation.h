#pragma once

#include <QString>
#include <QStringList>

namespace Apprentice {

/// The seed's situations the demo can switch on at any moment (several at once).
enum class Situation : quint8 {
    Normal,                ///< no situation; triggering it clears every other one
    ApiSlowdown,           ///< external API behind fetch_data slows from ~225 ms to ~890 ms
    ValidationDegradation, ///< validate's validation_pass falls from ~100 % to ~90 %
    ApiOutage,             ///< fetch_data fails with HTTP 500; the execution stops there
    SlowCreep,             ///< fetch_data +1.2 ms/day and validation −0.02 %/day since the trigger
    BlackFriday,           ///< ×10 traffic, and the loaded system gets mildly slower
    ShadowRelease          ///< every other execution runs version 1.1.0 in shadow mode: fetch_data cached, 30 % faster
};
constexpr int SituationCount = 7;

/// Wire name: "normal", "api_slowdown", "validation_degradation", "api_outage", "slow_creep", "black_friday", "shadow_release".
QString situationName(Situation s);
/// Parses a wire name; false when unknown.
bool situationFromName(const QString &name, Situation &out);
/// Every wire name, in enum order (for help texts and pickers).
QStringList situationNames();

} // namespace Apprentice
