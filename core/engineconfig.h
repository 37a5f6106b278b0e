#pragma once

#include "detect/detectorconfig.h"

namespace Apprentice {

/// Monitoring prices of the ledger, in USD. Defaults are the seed article's figures; with real
/// LLM tiers the investigation costs come from the tokens each provider reports instead.
struct CostModel {
    double fastCall = 0.001;          ///< fast tier (e.g. a 2B local model, priced as the seed does)
    double mediumCall = 0.015;        ///< medium tier
    double expensiveCall = 0.125;     ///< expensive tier
    double apprenticeExecution = 0.016; ///< full review of one apprentice execution (fast + medium)
    double alwaysOnExecution = 0.01;  ///< counterfactual: AI watching every execution
};

/// Everything that tunes the engine.
struct EngineConfig {
    int graduationExecutions = 50;   ///< executions (runs, not tool calls) before graduation
    int cleanExecutions = 20;        ///< no failure within this many most recent executions
    double stabilityTolerance = 0.05; ///< p95 estimates must move less than this ...
    int stabilityLag = 10;           ///< ... over this many executions
    int criticalFailureRun = 3;      ///< consecutive failed executions that send a workflow back to apprenticeship
    int openExecutions = 64;         ///< interleaved executions tracked per workflow version
    bool autoDiagnose = true;        ///< diagnose synchronously with the built-in rules tier and apply its action
    DetectorConfig detector;
    CostModel costs;
};

} // namespace Apprentice
