#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Apprentice {

/// One step of a workflow with its learned (or typed) latency percentiles.
struct WorkflowStage {
    QString name;
    double p50Ms = 0;
    double p95Ms = 0;
    bool operator==(const WorkflowStage &) const = default;
};

/// Demand over time: a flat baseline, a linear ramp to a peak, a plateau and an exponential decay.
struct TrafficCurve {
    bool enabled = true;
    double baselineOrdersPerHour = 1000;
    double rampStartHours = 12;
    double rampHours = 2;
    double peakMultiplier = 10;
    double peakHours = 24;
    double decayHours = 6;   ///< time constant of the return to baseline
    double horizonHours = 72;

    /// Orders per hour demanded at time `hours` from the start.
    double demandAt(double hours) const;
    /// Orders demanded in [from, to) (exact integral).
    double ordersBetween(double from, double to) const;
    double peakDemand() const { return baselineOrdersPerHour * peakMultiplier; }
    /// Largest demand inside [from, to] (the curve is monotone between its breakpoints).
    double maxDemandBetween(double from, double to) const;
    bool operator==(const TrafficCurve &) const = default;
};

/// Scale the fleet to the demand seen `reactionMinutes` ago so instances run at `targetUtilisation`.
struct AutoscalingRule {
    bool enabled = false;
    int minInstances = 1;
    int maxInstances = 1;
    double targetUtilisation = 0.7;
    double reactionMinutes = 10;

    int instancesFor(double demandPerHour, double perInstanceOrdersPerHour) const;
    bool operator==(const AutoscalingRule &) const = default;
};

/// The kinds of what-if a scenario can toggle; also the solver's decision variables.
enum class ChangeKind { ConnectionsPerInstance, Cache, ReadReplicas, DbPool, Instances, Autoscaling };
constexpr int ChangeKindCount = 6;
QString changeKindId(ChangeKind kind);  ///< "connections_per_instance", "cache", ...
std::optional<ChangeKind> changeKindFromId(const QString &id);

/// A what-if mutation of the scenario with its cost. `value` is what the toggle applies
/// (connections per instance, cache hit rate, total read replicas, pool size, instances, or the
/// autoscaling maximum); the solver may search up to `limit` (down to it for connections).
struct CapacityChange {
    ChangeKind kind = ChangeKind::Instances;
    bool enabled = false;   ///< applied to the what-if
    bool allowed = true;    ///< the solver may decide it
    double value = 0;
    double limit = 0;       ///< furthest the solver may go; 0 means `value`
    double costOnce = 0;    ///< one-time cost (engineering, migration)
    double costPerUnitHour = 0; ///< per extra instance, replica, 100 pool connections or cache node, per hour
    // Autoscaling only.
    int minInstances = 0;   ///< 0: the scenario's current instances
    double targetUtilisation = 0.7;
    double reactionMinutes = 10;

    double solverLimit() const { return limit > 0 ? limit : value; }
    bool operator==(const CapacityChange &) const = default;
};

/// A statement to check against the model, e.g. the seed's "limits to 60 instances".
struct CapacityClaim {
    QString text;
    QString metric;   ///< instances_max | connections_needed | pool_utilisation | max_throughput_per_hour | primary_load_ratio
    QString op;       ///< == <= >= < >
    double value = 0;
    QList<QPair<ChangeKind, double>> changes; ///< the changes (kind, value) the claim assumes
    bool operator==(const CapacityClaim &) const = default;
};

/// Everything the capacity what-if needs, as a plain value (see docs/capacity.md for each field).
struct CapacityScenario {
    QString name;
    QString description;

    // App fleet.
    int instances = 1;
    double perInstanceOrdersPerHour = 500;
    int workersPerInstance = 1;
    bool serviceFromProfile = false;   ///< derive per-instance throughput from `stages`
    std::vector<WorkflowStage> stages;

    // Primary database.
    int connectionsPerInstance = 1;
    int dbPoolMax = 100;
    double readsPerOrder = 0;
    double writesPerOrder = 0;
    double queryMs = 5;
    double primaryMaxQps = 1000;

    // Cache and read replicas.
    double cacheHitRate = 0;
    double cacheMs = 1;
    int readReplicas = 0;
    double replicaMaxQps = 1000;
    int replicaPoolMax = 100;
    int replicaConnectionsPerInstance = 2;

    // Goals.
    double targetOrdersPerHour = 0;
    double sloLatencyMs = 30000;

    TrafficCurve traffic;
    AutoscalingRule autoscaling;
    std::vector<CapacityChange> changes;  ///< one per kind, in ChangeKind order
    std::vector<CapacityClaim> claims;
    quint64 simulationSeed = 1;
    double costHorizonHours = 0;  ///< 0: the traffic horizon

    /// Mean service time of one order on an app worker, in ms.
    double appServiceMs() const;
    /// Per-instance throughput actually used (typed, or implied by the profile).
    double effectivePerInstanceOrdersPerHour() const;
    double costHours() const;

    /// The scenario with every enabled change applied (changes stay listed, for costs).
    CapacityScenario effective() const;
    /// The scenario with exactly these kinds applied (their current values), others as in the base.
    CapacityScenario applying(const QList<ChangeKind> &kinds) const;
    CapacityChange &change(ChangeKind kind);
    const CapacityChange &change(ChangeKind kind) const;

    QJsonObject toJson() const;
    QByteArray toJsonBytes() const;
    /// Parses and validates; on failure returns nothing and fills `errors` with one line per
    /// problem, each naming its field (e.g. "connections_per_instance: must be ≥ 1, got -3").
    static std::optional<CapacityScenario> fromJson(const QByteArray &json, QStringList *errors);
    static std::optional<CapacityScenario> fromJsonObject(const QJsonObject &object, QStringList *errors);
    /// The scenario shipped as :/scenarios/black_friday.json.
    static CapacityScenario blackFriday();

    bool operator==(const CapacityScenario &) const = default;
};

} // namespace Apprentice
