#pragma once

#include "capacityscenario.h"
#include "latencymix.h"

#include <QString>

#include <vector>

namespace Apprentice {

/// One queueing station on an order's path: `copies` identical M/G/c queues with `servers` each,
/// sharing the flow evenly (an instance's connection pool is one copy per instance).
struct CapacityStation {
    enum Kind { App, DbConnections, DbPrimary, ReplicaConnections, DbReplicas };
    Kind kind = App;
    QString id;            ///< "app", "db_connections", "db_primary", "replica_connections", "db_replicas"
    int servers = 1;       ///< per copy
    int copies = 1;
    double serviceMs = 0;  ///< mean busy time of one order on one server, uncontended
    double cs2 = 1;        ///< squared coefficient of variation of that time
    int holds = -1;        ///< connection pools: the database station they stay connected through

    bool isPool() const { return holds >= 0; }
    /// Orders per hour the station completes with every server busy on nominal service times.
    double capacityPerHour() const;
};

/// Load of one copy of a station at some moment (stationary or fluid).
struct StationLoad {
    double rho = 0;          ///< equivalent stationary utilisation (mean number in system ↔ rho)
    double rhoRandom = 0;    ///< utilisation whose stationary wait shape applies (≤ rho)
    double excessWaitMs = 0; ///< deterministic wait on top: backlog beyond the stationary queue
    double serviceMs = 0;    ///< current mean service (a pool's hold = its database sojourn)
    bool unstable = false;   ///< stationary analysis only: offered load ≥ servers
};

/// The stations and counts a scenario (with its changes applied) implies.
struct CapacityNetwork {
    int instancesRequested = 0;
    int instancesMax = 0;        ///< instances the connection pools can hold
    int instancesUsable = 0;     ///< min(requested, max)
    QString instancesLimitedBy;  ///< "db_pool" or "replica_pool" when usable < requested
    int connectionsNeeded = 0;   ///< requested instances × connections per instance
    int replicaConnectionsPerReplica = 0;
    double primaryQueriesPerOrder = 0;
    double replicaQueriesPerOrder = 0;
    double cachedReadsPerOrder = 0;
    int primarySlots = 0;        ///< parallel query slots of the primary
    int replicaSlots = 0;
    double slotQueryMs = 0;      ///< query time on a primary slot (keeps capacity = primary_max_qps)
    double replicaSlotQueryMs = 0;
    double fixedMs = 0;          ///< cache reads per order × cache_ms
    bool appFromProfile = false;
    std::vector<WorkflowStage> appStages;
    std::vector<CapacityStation> stations; ///< in path order: app, connections, primary, replica ...

    /// Builds the network; `instances` overrides the scenario's fleet (autoscaling, solver).
    static CapacityNetwork build(const CapacityScenario &scenario, int instances = -1);
    int indexOf(CapacityStation::Kind kind) const;
    /// The smallest station capacity (orders/hour) and its index.
    double maxThroughputPerHour(int *limiting = nullptr) const;
    /// Stationary loads at `demandPerHour` (pools hold for their database's mean sojourn).
    std::vector<StationLoad> stationaryLoads(double demandPerHour) const;
    /// Mean wait of an order at one copy of station `i` under `load`.
    double meanWaitMs(int i, const StationLoad &load) const;
    /// The whole path's latency distribution under these loads (empty mix if any load is unstable).
    LatencyMix latency(const std::vector<StationLoad> &loads) const;
    /// The wait at one copy of station `i` alone.
    LatencyMix stationWait(int i, const StationLoad &load) const;
    /// The latency of one station alone (wait + its own service; pools: wait only).
    LatencyMix stationLatency(int i, const StationLoad &load) const;
    /// Adds the app service time distribution (exponential, or the profile's lognormal stages).
    void addAppService(LatencyMix &mix) const;
};

} // namespace Apprentice
