#include "mutation.h"

namespace Apprentice {

QString mutationStateName(MutationState s)
{
    switch (s) {
    case MutationState::Proposed: return QStringLiteral("proposed");
    case MutationState::Shadow: return QStringLiteral("shadow");
    case MutationState::Promoted: return QStringLiteral("promoted");
    case MutationState::RolledBack: return QStringLiteral("rolled_back");
    case MutationState::Rejected: return QStringLiteral("rejected");
    }
    return {};
}

bool mutationStateFromName(const QString &name, MutationState &out)
{
    for (int i = 0; i < MutationStateCount; ++i) {
        if (mutationStateName(MutationState(i)) == name) {
            out = MutationState(i);
            return true;
        }
    }
    return false;
}

QString mutationSourceName(MutationSource s)
{
    switch (s) {
    case MutationSource::Diagnosis: return QStringLiteral("diagnosis");
    case MutationSource::Trend: return QStringLiteral("trend");
    case MutationSource::Operator: return QStringLiteral("operator");
    }
    return {};
}

bool mutationSourceFromName(const QString &name, MutationSource &out)
{
    for (MutationSource s : {MutationSource::Diagnosis, MutationSource::Trend, MutationSource::Operator}) {
        if (mutationSourceName(s) == name) {
            out = s;
            return true;
        }
    }
    return false;
}

QString Mutation::kindLabel() const
{
    if (kind == MutationKind::Custom && !customKind.isEmpty())
        return QStringLiteral("custom:") + customKind;
    return mutationKindName(kind);
}

} // namespace Apprentice
