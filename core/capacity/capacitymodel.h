#pragma once

#include "capacityscenario.h"

#include <QString>

#include <vector>

namespace Apprentice {

/// One resource's size and how much of it a demand asks for.
struct ResourceUse {
    QString id;                 ///< app, db_pool, db_connections, db_primary, replica_pool, replica_connections, db_replicas
    double capacityPerHour = 0; ///< orders/hour it sustains; infinity for connection-slot resources
    double utilisation = 0;     ///< offered utilisation at the demand (> 1: it would need more than it has)
    double used = 0;            ///< slots or Erlangs in use
    double available = 0;       ///< slots or servers
};

/// Mean and p95 of one stage of an order's path.
struct StageLatency {
    QString id;     ///< app_queue, app_service, db_connection_wait, db_primary, replica_connection_wait, db_replicas, cache
    double meanMs = 0;
    double p95Ms = 0;
};

/// The stationary what-if at one demand level.
struct CapacityAnalysis {
    double demandPerHour = 0;
    double maxThroughputPerHour = 0;
    QString bottleneck;          ///< the binding resource's id
    QString limitingStation;     ///< the station with the smallest capacity (the bottleneck unless a pool caps the fleet)
    int instancesRequested = 0;
    int instancesMax = 0;
    int instancesUsable = 0;
    int connectionsNeeded = 0;
    double primaryQps = 0;       ///< primary queries per second at the demand
    double replicaQps = 0;       ///< per replica
    std::vector<ResourceUse> resources;
    bool stable = true;          ///< every queue has utilisation < 1 at the demand
    double meanLatencyMs = 0;    ///< infinity when unstable
    double p95LatencyMs = 0;
    double lateShare = 0;        ///< share of orders slower than the SLO
    std::vector<StageLatency> stages;

    bool meetsThroughput() const { return maxThroughputPerHour >= demandPerHour; }
    bool meetsSlo(double sloMs) const { return stable && p95LatencyMs <= sloMs; }
    const ResourceUse *resource(const QString &id) const;
};

/// Static capacity, bottleneck, utilisation and stationary latency of `effective` (changes
/// already applied) at `demandPerHour` (M/M/c stations, Erlang C waits; see docs/capacity.md).
CapacityAnalysis analyzeCapacity(const CapacityScenario &effective, double demandPerHour);

/// Smallest fleet whose app tier and pools keep p95 ≤ SLO at the demand, ignoring the pool limits
/// (so the answer can be compared with them); -1 when no fleet size can (the database binds).
int instancesNeededForSlo(const CapacityScenario &effective, double demandPerHour, int upTo = 100000);

} // namespace Apprentice
