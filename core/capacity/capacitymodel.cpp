#include "capacitymodel.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "capacitynetwork.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {
constexpr double Inf = std::numeric_limits<double>::infinity();

QString stageIdFor(const CapacityStation &st)
{
    switch (st.kind) {
    case CapacityStation::App:
        return u"app_queue"_s;
    case CapacityStation::DbConnections:
        return u"db_connection_wait"_s;
    case CapacityStation::DbPrimary:
        return u"db_primary"_s;
    case CapacityStation::ReplicaConnections:
        return u"replica_connection_wait"_s;
    case CapacityStation::DbReplicas:
        return u"db_replicas"_s;
    }
    return {};
}
}

const ResourceUse *CapacityAnalysis::resource(const QString &id) const
{
    for (const ResourceUse &r : resources) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

CapacityAnalysis analyzeCapacity(const CapacityScenario &s, double demand)
{
    const CapacityNetwork net = CapacityNetwork::build(s);
    CapacityAnalysis a;
    a.demandPerHour = demand;
    a.instancesRequested = net.instancesRequested;
    a.instancesMax = net.instancesMax;
    a.instancesUsable = net.instancesUsable;
    a.connectionsNeeded = net.connectionsNeeded;
    a.primaryQps = demand * net.primaryQueriesPerOrder / 3600.0;
    a.replicaQps = s.readReplicas > 0 ? demand * net.replicaQueriesPerOrder / 3600.0 / s.readReplicas : 0.0;

    int limiting = 0;
    a.maxThroughputPerHour = net.maxThroughputPerHour(&limiting);
    a.limitingStation = net.stations[size_t(limiting)].id;
    a.bottleneck = a.limitingStation;
    // A fleet cut short by a pool shows up as a small app tier; the pool is what binds.
    if (net.stations[size_t(limiting)].kind == CapacityStation::App && !net.instancesLimitedBy.isEmpty())
        a.bottleneck = net.instancesLimitedBy;

    // Resources: the app tier, each pool's connection slots, each station's busy time.
    auto addStation = [&](const CapacityStation &st) {
        ResourceUse r;
        r.id = st.id;
        r.capacityPerHour = st.capacityPerHour();
        r.available = double(st.servers) * st.copies;
        r.used = demand * st.serviceMs / 3.6e6;
        r.utilisation = r.capacityPerHour > 0 ? demand / r.capacityPerHour : (demand > 0 ? Inf : 0.0);
        a.resources.push_back(r);
    };
    for (const CapacityStation &st : net.stations) {
        if (st.kind == CapacityStation::DbConnections) {
            a.resources.push_back({u"db_pool"_s, Inf, double(net.connectionsNeeded) / s.dbPoolMax,
                                   double(net.connectionsNeeded), double(s.dbPoolMax)});
        } else if (st.kind == CapacityStation::ReplicaConnections) {
            a.resources.push_back({u"replica_pool"_s, Inf, double(net.replicaConnectionsPerReplica) / s.replicaPoolMax,
                                   double(net.replicaConnectionsPerReplica), double(s.replicaPoolMax)});
        }
        addStation(st);
    }
    if (net.indexOf(CapacityStation::DbConnections) < 0) {
        // No primary queries at all: the pool still has to hold every instance's connections.
        a.resources.push_back({u"db_pool"_s, Inf, double(net.connectionsNeeded) / s.dbPoolMax,
                               double(net.connectionsNeeded), double(s.dbPoolMax)});
    }

    const std::vector<StationLoad> loads = net.stationaryLoads(demand);
    a.stable = std::none_of(loads.begin(), loads.end(), [](const StationLoad &l) { return l.unstable; });
    for (size_t i = 0; i < net.stations.size(); ++i) {
        const CapacityStation &st = net.stations[i];
        StageLatency stage;
        stage.id = stageIdFor(st);
        if (loads[i].unstable) {
            stage.meanMs = stage.p95Ms = Inf;
            a.stages.push_back(stage);
            if (st.kind == CapacityStation::App)
                a.stages.push_back({u"app_service"_s, st.serviceMs, Inf});
            continue;
        }
        if (st.kind == CapacityStation::App) {
            // Queue and processing are reported apart: one is capacity, the other the workflow.
            const LatencyMix wait = net.stationWait(int(i), loads[i]);
            stage.meanMs = wait.mean();
            stage.p95Ms = wait.quantile(0.95);
            a.stages.push_back(stage);
            LatencyMix service;
            net.addAppService(service);
            a.stages.push_back({u"app_service"_s, service.mean(), service.quantile(0.95)});
            continue;
        }
        const LatencyMix m = net.stationLatency(int(i), loads[i]);
        stage.meanMs = m.mean();
        stage.p95Ms = m.quantile(0.95);
        a.stages.push_back(stage);
    }
    if (net.fixedMs > 0)
        a.stages.push_back({u"cache"_s, net.fixedMs, net.fixedMs});

    if (!a.stable) {
        a.meanLatencyMs = a.p95LatencyMs = Inf;
        a.lateShare = 1.0;
        return a;
    }
    const LatencyMix total = net.latency(loads);
    a.meanLatencyMs = total.mean();
    a.p95LatencyMs = total.quantile(0.95);
    a.lateShare = total.tail(s.sloLatencyMs);
    return a;
}

int instancesNeededForSlo(const CapacityScenario &effective, double demand, int upTo)
{
    CapacityScenario s = effective;
    // Pools are what the answer is compared against, so lift them out of the way.
    s.dbPoolMax = 1000000;
    s.replicaPoolMax = 1000000;
    auto ok = [&](int n) {
        s.instances = n;
        const CapacityAnalysis a = analyzeCapacity(s, demand);
        return a.meetsThroughput() && a.meetsSlo(s.sloLatencyMs);
    };
    // Latency only falls as instances are added, so the feasible set is an interval [n*, ∞).
    // Gallop up from the throughput bound (n* is usually a few above it), then bisect.
    const double perInstance = s.effectivePerInstanceOrdersPerHour();
    int lo = std::max(0, int(std::floor(demand / perInstance)) - 1);
    // Twice the throughput bound leaves the app queue nothing to add: if that fleet misses the
    // SLO, the database side does, and no fleet size helps.
    upTo = std::min(upTo, std::max(2 * lo, lo + 100));
    if (lo >= upTo || !ok(upTo))
        return -1;
    int hi = lo + 1, step = 1;
    while (!ok(hi)) {
        if (hi >= upTo)
            return -1;
        lo = hi;
        hi = std::min(upTo, hi + step);
        step *= 2;
    }
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        (ok(mid) ? hi : lo) = mid;
    }
    return hi;
}

} // namespace Apprentice
