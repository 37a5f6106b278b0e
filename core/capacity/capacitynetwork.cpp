#include "capacitynetwork.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "queueing.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

double CapacityStation::capacityPerHour() const
{
    if (servers <= 0 || copies <= 0)
        return 0;
    if (serviceMs <= 0)
        return std::numeric_limits<double>::infinity();
    return double(copies) * servers * 3.6e6 / serviceMs;
}

CapacityNetwork CapacityNetwork::build(const CapacityScenario &s, int instances)
{
    CapacityNetwork n;
    n.instancesRequested = instances >= 0 ? instances : s.instances;
    const int cpi = std::max(1, s.connectionsPerInstance);
    const int maxByPool = s.dbPoolMax / cpi;
    int maxByReplicas = std::numeric_limits<int>::max();
    const double dbReads = s.readsPerOrder * (1.0 - s.cacheHitRate);
    n.cachedReadsPerOrder = s.readsPerOrder * s.cacheHitRate;
    if (s.readReplicas > 0) {
        n.primaryQueriesPerOrder = s.writesPerOrder;
        n.replicaQueriesPerOrder = dbReads;
        // Instances spread their replica connections evenly over the replicas.
        maxByReplicas = int(std::min<qint64>(std::numeric_limits<int>::max(),
                                             qint64(s.readReplicas) * s.replicaPoolMax / std::max(1, s.replicaConnectionsPerInstance)));
    } else {
        n.primaryQueriesPerOrder = s.writesPerOrder + dbReads;
    }
    n.instancesMax = std::min(maxByPool, maxByReplicas);
    n.instancesUsable = std::min(n.instancesRequested, n.instancesMax);
    if (n.instancesUsable < n.instancesRequested)
        n.instancesLimitedBy = maxByPool <= maxByReplicas ? u"db_pool"_s : u"replica_pool"_s;
    n.connectionsNeeded = n.instancesRequested * cpi;
    if (s.readReplicas > 0)
        n.replicaConnectionsPerReplica = int(std::ceil(double(n.instancesRequested) * s.replicaConnectionsPerInstance / s.readReplicas));
    n.fixedMs = n.cachedReadsPerOrder * s.cacheMs;

    // A database runs primary_max_qps × query_ms / 1000 queries at once at full speed; Erlang C
    // needs whole servers, so round the slots and stretch the slot time to keep the capacity exact.
    n.primarySlots = std::max(1, int(std::lround(s.primaryMaxQps * s.queryMs / 1000.0)));
    n.slotQueryMs = n.primarySlots * 1000.0 / s.primaryMaxQps;
    n.replicaSlots = std::max(1, int(std::lround(s.replicaMaxQps * s.queryMs / 1000.0)));
    n.replicaSlotQueryMs = n.replicaSlots * 1000.0 / s.replicaMaxQps;

    n.appFromProfile = s.serviceFromProfile && !s.stages.empty();
    n.appStages = s.stages;

    CapacityStation app;
    app.kind = CapacityStation::App;
    app.id = u"app"_s;
    app.servers = n.instancesUsable * s.workersPerInstance;
    app.serviceMs = s.appServiceMs();
    app.cs2 = 1.0;
    if (n.appFromProfile) {
        double mean = 0, var = 0;
        for (const WorkflowStage &st : s.stages) {
            const double sigma = st.p95Ms > st.p50Ms ? std::log(st.p95Ms / st.p50Ms) / 1.6448536269514722 : 0.0;
            const double m = st.p50Ms * std::exp(0.5 * sigma * sigma);
            mean += m;
            var += (std::exp(sigma * sigma) - 1.0) * m * m;
        }
        app.cs2 = mean > 0 ? var / (mean * mean) : 0.0;
    }
    n.stations.push_back(app);

    auto addDb = [&](CapacityStation::Kind poolKind, const QString &poolId, int perInstance,
                     CapacityStation::Kind dbKind, const QString &dbId, int slotCount, int copies, double jobMs) {
        CapacityStation pool;
        pool.kind = poolKind;
        pool.id = poolId;
        pool.servers = perInstance;
        pool.copies = n.instancesUsable;
        pool.serviceMs = jobMs;
        pool.cs2 = 1.0;
        pool.holds = int(n.stations.size()) + 1;
        n.stations.push_back(pool);
        CapacityStation db;
        db.kind = dbKind;
        db.id = dbId;
        db.servers = slotCount;
        db.copies = copies;
        db.serviceMs = jobMs;
        db.cs2 = 1.0;
        n.stations.push_back(db);
    };
    if (n.primaryQueriesPerOrder > 0)
        addDb(CapacityStation::DbConnections, u"db_connections"_s, cpi, CapacityStation::DbPrimary, u"db_primary"_s,
              n.primarySlots, 1, n.primaryQueriesPerOrder * n.slotQueryMs);
    if (n.replicaQueriesPerOrder > 0)
        addDb(CapacityStation::ReplicaConnections, u"replica_connections"_s, std::max(1, s.replicaConnectionsPerInstance),
              CapacityStation::DbReplicas, u"db_replicas"_s, n.replicaSlots, s.readReplicas,
              n.replicaQueriesPerOrder * n.replicaSlotQueryMs);
    return n;
}

int CapacityNetwork::indexOf(CapacityStation::Kind kind) const
{
    for (size_t i = 0; i < stations.size(); ++i) {
        if (stations[i].kind == kind)
            return int(i);
    }
    return -1;
}

double CapacityNetwork::maxThroughputPerHour(int *limiting) const
{
    double best = std::numeric_limits<double>::infinity();
    int at = 0;
    for (size_t i = 0; i < stations.size(); ++i) {
        const double c = stations[i].capacityPerHour();
        if (c < best) {
            best = c;
            at = int(i);
        }
    }
    if (limiting)
        *limiting = at;
    return best;
}

double CapacityNetwork::meanWaitMs(int i, const StationLoad &load) const
{
    const CapacityStation &st = stations[size_t(i)];
    if (load.unstable)
        return std::numeric_limits<double>::infinity();
    if (load.rho <= 0 || st.servers <= 0)
        return load.excessWaitMs;
    const double rho = std::min(load.rho, 1.0 - 1e-12);
    const double c = Queueing::erlangC(st.servers, rho * st.servers);
    return c * load.serviceMs * Queueing::allenCunneen(st.cs2) / (st.servers * (1.0 - rho));
}

std::vector<StationLoad> CapacityNetwork::stationaryLoads(double demandPerHour) const
{
    std::vector<StationLoad> loads(stations.size());
    // Databases first: a pool's hold time is its database's sojourn.
    auto fill = [&](size_t i, double serviceMs) {
        const CapacityStation &st = stations[i];
        StationLoad &l = loads[i];
        l.serviceMs = serviceMs;
        if (st.servers <= 0 || st.copies <= 0) {
            l.unstable = demandPerHour > 0;
            l.rho = l.unstable ? std::numeric_limits<double>::infinity() : 0.0;
            return;
        }
        const double offered = demandPerHour / st.copies * serviceMs / 3.6e6;
        l.rho = offered / st.servers;
        l.rhoRandom = l.rho;
        l.unstable = l.rho >= 1.0;
    };
    for (size_t i = 0; i < stations.size(); ++i) {
        if (!stations[i].isPool())
            fill(i, stations[i].serviceMs);
    }
    for (size_t i = 0; i < stations.size(); ++i) {
        const CapacityStation &st = stations[i];
        if (!st.isPool())
            continue;
        const StationLoad &db = loads[size_t(st.holds)];
        const double hold = db.unstable ? std::numeric_limits<double>::infinity()
                                        : db.serviceMs + meanWaitMs(st.holds, db);
        fill(i, hold);
        if (!std::isfinite(hold))
            loads[i].unstable = true;
    }
    return loads;
}

void CapacityNetwork::addAppService(LatencyMix &mix) const
{
    if (appFromProfile) {
        for (const WorkflowStage &st : appStages)
            mix.addLognormal(st.p50Ms, st.p95Ms);
    } else {
        mix.addExponential(stations.front().serviceMs);
    }
}

static void addWait(LatencyMix &mix, const CapacityStation &st, const StationLoad &l)
{
    if (st.servers > 0 && l.rhoRandom > 0) {
        const double rho = std::min(l.rhoRandom, 1.0 - 1e-9);
        const double pWait = Queueing::erlangC(st.servers, rho * st.servers);
        const double meanIfWaiting = l.serviceMs * Queueing::allenCunneen(st.cs2) / (st.servers * (1.0 - rho));
        mix.addWait(pWait, meanIfWaiting);
    }
    mix.addShift(l.excessWaitMs);
}

LatencyMix CapacityNetwork::stationWait(int i, const StationLoad &l) const
{
    LatencyMix mix;
    addWait(mix, stations[size_t(i)], l);
    return mix;
}

LatencyMix CapacityNetwork::stationLatency(int i, const StationLoad &l) const
{
    LatencyMix mix;
    const CapacityStation &st = stations[size_t(i)];
    addWait(mix, st, l);
    if (st.kind == CapacityStation::App)
        addAppService(mix);
    else if (!st.isPool())
        mix.addExponential(l.serviceMs);
    return mix;
}

LatencyMix CapacityNetwork::latency(const std::vector<StationLoad> &loads) const
{
    LatencyMix mix;
    for (const StationLoad &l : loads) {
        if (l.unstable)
            return LatencyMix();
    }
    for (size_t i = 0; i < stations.size(); ++i) {
        const CapacityStation &st = stations[i];
        addWait(mix, st, loads[i]);
        if (st.kind == CapacityStation::App)
            addAppService(mix);
        else if (!st.isPool())
            mix.addExponential(loads[i].serviceMs);
    }
    mix.addShift(fixedMs);
    return mix;
}

} // namespace Apprentice
