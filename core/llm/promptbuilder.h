#pragma once

#include "diagnosis.h"
#include "investigationresult.h"

#include <QHash>
#include <QString>

#include <vector>

namespace Apprentice {

/// Fills the prompt templates in resources/prompts/ from an investigation.
class PromptBuilder
{
public:
    /// The diagnostician's role, the actions and the answer format (prompts/system.md).
    static QString systemPrompt();
    /// The case: tool, offending value against the profile, last executions, trend,
    /// sibling metrics, failures and what earlier tiers answered (prompts/investigation.md).
    static QString userPrompt(const InvestigationContext &ctx, const std::vector<TierCall> &earlier);
    /// Sent once after an unusable answer, naming what was wrong (prompts/repair.md).
    static QString repairPrompt(const QString &problem);
    /// Replaces every {{key}}; unknown keys are left visible so a template typo shows in the transcript.
    static QString render(const QString &tmpl, const QHash<QString, QString> &vars);
    static QString resourceText(const QString &path);
};

} // namespace Apprentice
