#pragma once

#include <QString>

/// The engine explains a phase in English ("37/50 executions", "p95 of fetch_data latency_ms still
/// moving 8 %"); the console shows the same facts in the operator's language.
namespace ReasonText {

/// The translated reason; `progress` (optional) gets the apprenticeship progress in [0, 1], or −1.
QString translate(const QString &reason, double *progress = nullptr);

/// A transition event's reason ("drift of fetch_data latency_ms", "UPDATE_PROFILE applied (rules)", …).
QString translateTransition(const QString &reason);

/// The built-in rules' root causes and evidence lines (known patterns; anything else unchanged).
QString translateRootCause(const QString &text);
QString translateEvidence(const QString &text);

/// Diagnosis actions and statuses in words: "Update profile", "Suspicious".
QString actionText(const QString &action);
QString statusText(const QString &status);

} // namespace ReasonText
