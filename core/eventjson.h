#pragma once

#include "engine.h"
#include "event.h"

#include <QByteArray>
#include <QString>

namespace Apprentice {

/// One analysis event as a JSON Lines object exactly per FORMATS.md §2 (plus optional extension
/// fields). `file` is added when non-empty. No trailing newline.
QByteArray eventToJson(const Event &e, const QString &file = {});

/// The closing `summary` line of `apprentice-cli analyze`.
struct AnalysisSummary {
    qint64 records = 0;
    qint64 rejected = 0;
    qint64 workflows = 0;        ///< distinct workflow ids
    qint64 workflowVersions = 0;
    qint64 executions = 0;
    qint64 driftEvents = 0;
    qint64 anomalies = 0;
    qint64 graduated = 0;        ///< workflow versions graduated now
    double monitoringCostUsd = 0;
    double alwaysOnCostUsd = 0;
    QString costBasis;           ///< "modelled" (configured per-call prices) or "tokens"
    /// Live OTLP receivers only (−1: not reported): LLM spans whose token cost went into records, and of
    /// them those with a model the price table does not know (priced at 0, never guessed).
    qint64 llmCalls = -1;
    qint64 llmCallsUnpriced = 0;
};
QByteArray summaryToJson(const AnalysisSummary &s);

/// Shortest decimal text that reads back as the same double (JSON has no NaN: null then).
QByteArray jsonNumber(double v);
/// A JSON string literal with escapes.
QByteArray jsonString(const QString &s);

} // namespace Apprentice
