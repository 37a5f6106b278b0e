#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace Apprentice {

/// What an investigation is about.
enum class Trigger {
    ApprenticeReview, ///< routine review of an apprentice execution (full monitoring)
    Failure,          ///< a call returned status error
    Drift,            ///< a sustained change of a metric
    Anomaly           ///< an isolated out-of-profile value
};
QString triggerName(Trigger t); ///< "apprentice_review", "failure", "drift", "anomaly"

/// Summary statistics of a metric's profile, as put in front of a diagnostician.
struct ProfileStats {
    qint64 n = 0;
    double mean = 0, stddev = 0, p50 = 0, p95 = 0, p99 = 0, min = 0, max = 0;
};

/// The state of one other metric of the same tool (to tell "slower but correct" from "broken").
struct SiblingMetric {
    QString metric;
    ProfileStats profile;
    double recentMean = 0;
    double shiftSigma = 0; ///< (recent mean − profile mean) / profile std; 0 when unknown
};

/// Everything a diagnostician (built-in rules or an LLM tier) gets to see.
struct InvestigationContext {
    Trigger trigger = Trigger::Drift;
    QString workflow, version, tool, metric;
    qint64 line = 0;
    double value = 0;             ///< the offending value (latency, bytes, ...); 0 for failures
    int direction = 0;            ///< +1 up, −1 down
    double detectorScore = 0;     ///< the change detector's statistic when it fired
    double seedDriftScore = 0;    ///< the seed's sigmoid-of-z score of `value`
    ProfileStats profile;         ///< of `metric`
    std::vector<double> recent;   ///< the tool's last values of `metric`, oldest first
    std::vector<SiblingMetric> siblings;
    int recentFailures = 0;       ///< failed calls of this tool among its last `recentCalls`
    int recentCalls = 0;
    int consecutiveFailures = 0;
    QString errorText;            ///< last error message for failures
    QString trend;                ///< one line on the trend when known, e.g. "+1.2 ms/day"
};

enum class DiagnosisStatus { Normal, Suspicious, Broken };
enum class DiagnosisAction { UpdateProfile, EvolveWorkflow, Recover, Ignore, EscalateToHuman };
QString statusName(DiagnosisStatus s); ///< "NORMAL" | "SUSPICIOUS" | "BROKEN"
QString actionName(DiagnosisAction a); ///< "UPDATE_PROFILE" | ... | "ESCALATE_TO_HUMAN"
bool statusFromName(const QString &name, DiagnosisStatus &out);
bool actionFromName(const QString &name, DiagnosisAction &out);

struct ProposedMutation {
    QString kind; ///< add_retry, circuit_breaker, sanitize_input, add_cache, add_index, reduce_connections, stream_processing, custom
    QString description;
    QString expectedEffect;
};

/// One diagnosis, the same schema for every tier and provider.
struct Diagnosis {
    DiagnosisStatus status = DiagnosisStatus::Suspicious;
    double confidence = 0;
    QString rootCause;
    QStringList evidence;
    DiagnosisAction action = DiagnosisAction::EscalateToHuman;
    ProposedMutation mutation; ///< empty kind when none
};

/// The built-in $0 diagnostician: classifies from the statistics alone.
Diagnosis diagnoseByRules(const InvestigationContext &ctx);

} // namespace Apprentice
