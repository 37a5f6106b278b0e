#pragma once

#include "diagnosis.h"
#include "mutation.h"
#include "trends/trendresult.h"

#include <optional>

namespace Apprentice {

/// The mutation a diagnosis proposes, ready for the ledger; none when it proposes nothing.
/// A kind the ledger does not know (an LLM's own word) becomes custom under that name.
std::optional<MutationProposal> proposalFromDiagnosis(const InvestigationContext &context, const Diagnosis &diagnosis,
                                                      qint64 eventId = 0);

/// The seed's proactive evolution: the mutation a significant adverse trend suggests (latency →
/// add_cache, validation → sanitize_input, memory → stream_processing, error rate → add_retry,
/// anything else → custom "investigate"); none for harmless or insignificant trends.
std::optional<MutationProposal> proposalFromTrend(const TrendResult &trend);

} // namespace Apprentice
