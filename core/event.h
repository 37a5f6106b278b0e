#pragma once

#include <QString>
#include <QStringList>

#include <cmath>

namespace Apprentice {

/// Monitoring phase of one workflow version.
enum class Phase { Apprentice, Graduated, Investigating };

QString phaseName(Phase p); ///< "APPRENTICE", "GRADUATED", "INVESTIGATING"
bool phaseFromName(const QString &name, Phase &out);

/// What the analysis reports (FORMATS.md §2), plus phase transitions for the audit trail.
enum class EventKind { Graduated, Anomaly, Drift, Diagnosis, Trend, Transition };

QString eventKindName(EventKind k); ///< "graduated", "anomaly", ... "transition"

/// One analysis event. Which fields are meaningful depends on `kind` (see FORMATS.md §2).
struct Event {
    EventKind kind = EventKind::Anomaly;
    QString workflow;
    QString version;
    QString tool;
    QString metric;
    qint64 line = 0;      ///< 1-based line of the triggering record in its file
    int fileIndex = -1;   ///< which input file (for the `file` field), −1 when not from a file
    qint64 tsMs = 0;      ///< timestamp of the triggering record
    qint64 executions = 0;
    double value = std::nan("");
    double expected = std::nan(""); ///< the profile's median for anomalies and drifts
    double score = std::nan("");    ///< drift: the detector statistic; anomaly: the seed's sigmoid score
    int direction = 0;              ///< +1 up, −1 down
    // diagnosis
    QString tier;
    QString status;     ///< NORMAL | SUSPICIOUS | BROKEN
    double confidence = std::nan("");
    QString action;     ///< UPDATE_PROFILE | EVOLVE_WORKFLOW | RECOVER | IGNORE | ESCALATE_TO_HUMAN
    double costUsd = 0;
    QString rootCause;
    QStringList evidence;
    QString mutationKind;        ///< the diagnosis's proposed mutation (empty: none)
    QString mutationDescription;
    QString mutationEffect;
    // trend
    double slopePerDay = std::nan("");
    double projected30d = std::nan("");
    QString severity;
    // transition
    Phase from = Phase::Apprentice;
    Phase to = Phase::Apprentice;
    QString reason;
    qint64 id = 0; ///< engine-wide running number, links a diagnosis to its drift
    qint64 relatesTo = 0; ///< for a diagnosis: the id of the drift it investigates
};

} // namespace Apprentice
