#include "capacitychecks.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

#include "capacitynetwork.h"
#include "capacitytext.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {


QString n0(double v)
{
    return QLocale().toString(v, 'f', 0);
}

QString n1(double v)
{
    return QLocale().toString(v, 'f', 1);
}

CapacityScenario withClaimChanges(const CapacityScenario &scenario, const CapacityClaim &claim)
{
    CapacityScenario s = scenario;
    for (CapacityChange &c : s.changes)
        c.enabled = false;
    for (const auto &k : claim.changes) {
        CapacityChange &c = s.change(k.first);
        c.enabled = true;
        c.value = k.second;
    }
    return s.effective();
}

double primaryQueriesPerOrder(const CapacityScenario &s)
{
    return CapacityNetwork::build(s).primaryQueriesPerOrder;
}

} // namespace

double claimMetric(const CapacityScenario &scenario, const CapacityClaim &claim)
{
    const CapacityScenario s = withClaimChanges(scenario, claim);
    const CapacityNetwork net = CapacityNetwork::build(s);
    if (claim.metric == u"instances_max")
        return net.instancesMax;
    if (claim.metric == u"connections_needed")
        return net.connectionsNeeded;
    if (claim.metric == u"pool_utilisation")
        return double(net.connectionsNeeded) / s.dbPoolMax;
    if (claim.metric == u"max_throughput_per_hour")
        return net.maxThroughputPerHour();
    if (claim.metric == u"primary_load_ratio") {
        // The plan's primary load at the target against today's load at today's traffic.
        CapacityScenario today = scenario;
        for (CapacityChange &c : today.changes)
            c.enabled = false;
        const double before = today.traffic.baselineOrdersPerHour * primaryQueriesPerOrder(today);
        const double after = s.targetOrdersPerHour * net.primaryQueriesPerOrder;
        return before > 0 ? after / before : std::numeric_limits<double>::infinity();
    }
    return std::nan("");
}

std::vector<ClaimCheck> checkClaims(const CapacityScenario &scenario)
{
    std::vector<ClaimCheck> out;
    for (const CapacityClaim &c : scenario.claims) {
        ClaimCheck k;
        k.claim = c;
        k.actual = claimMetric(scenario, c);
        const double eps = 1e-9 * std::max(1.0, std::abs(c.value));
        if (c.op == u"==")
            k.holds = std::abs(k.actual - c.value) <= eps;
        else if (c.op == u"<=")
            k.holds = k.actual <= c.value + eps;
        else if (c.op == u">=")
            k.holds = k.actual >= c.value - eps;
        else if (c.op == u"<")
            k.holds = k.actual < c.value;
        else if (c.op == u">")
            k.holds = k.actual > c.value;
        out.push_back(k);
    }
    return out;
}

QString resourceName(const QString &id)
{
    if (id == u"app")
        return CapacityText::tr("App instances");
    if (id == u"db_pool")
        return CapacityText::tr("DB connection pool");
    if (id == u"db_connections")
        return CapacityText::tr("DB connections (busy)");
    if (id == u"db_primary")
        return CapacityText::tr("Primary database");
    if (id == u"replica_pool")
        return CapacityText::tr("Replica connection pool");
    if (id == u"replica_connections")
        return CapacityText::tr("Replica connections (busy)");
    if (id == u"db_replicas")
        return CapacityText::tr("Read replicas");
    return id;
}

QString stageName(const QString &id)
{
    if (id == u"app_queue")
        return CapacityText::tr("Waiting for an app worker");
    if (id == u"app_service")
        return CapacityText::tr("Workflow processing");
    if (id == u"db_connection_wait")
        return CapacityText::tr("Waiting for a DB connection");
    if (id == u"db_primary")
        return CapacityText::tr("Primary queries");
    if (id == u"replica_connection_wait")
        return CapacityText::tr("Waiting for a replica connection");
    if (id == u"db_replicas")
        return CapacityText::tr("Replica queries");
    if (id == u"cache")
        return CapacityText::tr("Cache reads");
    return id;
}

QString bottleneckSentence(const CapacityScenario &s, const CapacityAnalysis &a)
{
    const QString max = CapacityText::tr("Max %1 orders/h.").arg(n0(a.maxThroughputPerHour));
    const CapacityNetwork net = CapacityNetwork::build(s);
    if (a.bottleneck == u"db_pool") {
        return max + u' '
            + CapacityText::tr("Bottleneck: the DB connection pool. %1 instances × %2 per instance need %3 of %4 connections, "
                 "so only %5 instances can connect.")
                  .arg(a.instancesRequested).arg(s.connectionsPerInstance).arg(a.connectionsNeeded)
                  .arg(s.dbPoolMax).arg(a.instancesMax);
    }
    if (a.bottleneck == u"replica_pool") {
        return max + u' '
            + CapacityText::tr("Bottleneck: the replica connection pools. %1 instances × %2 per instance over %3 replicas "
                 "exceed %4 per replica, so only %5 instances can connect.")
                  .arg(a.instancesRequested).arg(s.replicaConnectionsPerInstance).arg(s.readReplicas)
                  .arg(s.replicaPoolMax).arg(a.instancesMax);
    }
    if (a.bottleneck == u"app") {
        return max + u' '
            + CapacityText::tr("Bottleneck: app instances. %1 instances × %2 orders/h each.")
                  .arg(a.instancesUsable).arg(n0(s.effectivePerInstanceOrdersPerHour()));
    }
    if (a.bottleneck == u"db_primary") {
        return max + u' '
            + CapacityText::tr("Bottleneck: the primary database. %1 queries per order reach it; it runs at most %2 queries/s "
                 "(%3 needed at %4 orders/h).")
                  .arg(n1(net.primaryQueriesPerOrder), n0(s.primaryMaxQps), n0(a.primaryQps), n0(a.demandPerHour));
    }
    if (a.bottleneck == u"db_replicas") {
        return max + u' '
            + CapacityText::tr("Bottleneck: the read replicas. %1 reads per order over %2 replicas of %3 queries/s each.")
                  .arg(n1(net.replicaQueriesPerOrder)).arg(s.readReplicas).arg(n0(s.replicaMaxQps));
    }
    if (a.bottleneck == u"db_connections") {
        return max + u' '
            + CapacityText::tr("Bottleneck: DB connections per instance (%1), each held %2 ms per order.")
                  .arg(s.connectionsPerInstance).arg(n0(net.primaryQueriesPerOrder * net.slotQueryMs));
    }
    if (a.bottleneck == u"replica_connections") {
        return max + u' '
            + CapacityText::tr("Bottleneck: replica connections per instance (%1), each held %2 ms per order.")
                  .arg(s.replicaConnectionsPerInstance).arg(n0(net.replicaQueriesPerOrder * net.replicaSlotQueryMs));
    }
    return max;
}

QStringList capacityFindings(const CapacityScenario &base, const CapacityScenario &s, const CapacityAnalysis &a)
{
    QStringList out;
    const CapacityNetwork net = CapacityNetwork::build(s);
    const int cpi = s.connectionsPerInstance;
    if (net.connectionsNeeded > s.dbPoolMax) {
        out << CapacityText::tr("%1 instances × %2 per instance = %3 connections, but the pool holds %4: at most ⌊%4 / %2⌋ = %5 "
                  "instances can connect (%6 orders/h).")
                   .arg(net.instancesRequested).arg(cpi).arg(net.connectionsNeeded).arg(s.dbPoolMax)
                   .arg(s.dbPoolMax / cpi).arg(n0(double(s.dbPoolMax / cpi) * s.effectivePerInstanceOrdersPerHour()));
    } else {
        out << CapacityText::tr("%1 instances × %2 per instance = %3 of %4 pool connections; the pool has room for %5 instances.")
                   .arg(net.instancesRequested).arg(cpi).arg(net.connectionsNeeded).arg(s.dbPoolMax)
                   .arg(s.dbPoolMax / cpi);
    }
    if (s.readReplicas > 0) {
        out << CapacityText::tr("Read replicas take %1 reads per order off the primary, but every instance still holds its primary "
                  "connections (%2 each): replicas make no room in the pool.")
                   .arg(n1(net.replicaQueriesPerOrder)).arg(cpi);
        if (net.replicaConnectionsPerReplica > s.replicaPoolMax) {
            out << CapacityText::tr("%1 instances × %2 replica connections per instance over %3 replicas = %4 per replica, above its pool of %5.")
                       .arg(net.instancesRequested).arg(s.replicaConnectionsPerInstance).arg(s.readReplicas)
                       .arg(net.replicaConnectionsPerReplica).arg(s.replicaPoolMax);
        }
    }
    // Today's primary load against the what-if's at the target.
    const double todayQps = base.traffic.baselineOrdersPerHour * CapacityNetwork::build(base).primaryQueriesPerOrder / 3600.0;
    if (s.writesPerOrder > 0 && todayQps > 0) {
        const double ratio = a.primaryQps / todayQps;
        out << CapacityText::tr("The primary runs %1 queries/s at the target against %2 today (×%3): %4 writes per order cannot be "
                  "cached or sent to replicas.")
                   .arg(n0(a.primaryQps), n0(todayQps), QLocale().toString(ratio, 'f', 2), n1(s.writesPerOrder));
    }
    const CapacityStation &app = net.stations.front();
    const double appCap = app.capacityPerHour();
    if (std::abs(appCap - a.demandPerHour) <= 1e-9 * a.demandPerHour) {
        out << CapacityText::tr("%1 instances × %2 orders/h = %3 orders/h is exactly the target: at 100 % utilisation every order "
                  "waits (Erlang C = 1) and the queue grows without bound.")
                   .arg(net.instancesUsable).arg(n0(s.effectivePerInstanceOrdersPerHour())).arg(n0(appCap));
    }
    if (!a.meetsThroughput()) {
        out << CapacityText::tr("The target of %1 orders/h exceeds the maximum of %2 by %3 %: at that demand the backlog grows by %4 "
                  "orders every hour.")
                   .arg(n0(a.demandPerHour), n0(a.maxThroughputPerHour),
                        n0(100.0 * (a.demandPerHour / a.maxThroughputPerHour - 1.0)),
                        n0(a.demandPerHour - a.maxThroughputPerHour));
    }
    const int need = instancesNeededForSlo(s, a.demandPerHour);
    if (need < 0) {
        out << CapacityText::tr("No number of instances holds p95 ≤ %1 s at %2 orders/h: the database side binds first.")
                   .arg(n1(s.sloLatencyMs / 1000.0), n0(a.demandPerHour));
    } else {
        out << CapacityText::tr("Holding p95 ≤ %1 s at %2 orders/h needs at least %3 instances, i.e. %4 primary connections at %5 per "
                  "instance (pool: %6).")
                   .arg(n1(s.sloLatencyMs / 1000.0), n0(a.demandPerHour)).arg(need).arg(qint64(need) * cpi).arg(cpi)
                   .arg(s.dbPoolMax);
    }
    return out;
}

} // namespace Apprentice
