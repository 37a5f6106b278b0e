#include "capacitysolver.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "capacitychecks.h"
#include "capacitynetwork.h"
#include "fluidmodel.h"
#include "capacitytext.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();


QString money(double v)
{
    return u"$"_s + QLocale().toString(v, 'f', 2);
}

QString n0(double v)
{
    return QLocale().toString(v, 'f', 0);
}

QString seconds(double ms)
{
    if (!std::isfinite(ms))
        return CapacityText::tr("unbounded");
    return CapacityText::tr("%1 s").arg(QLocale().toString(ms / 1000, 'f', 1));
}

/// One point of the search space.
struct Choice {
    int cpi = 0;
    bool cache = false;
    int replicas = 0;
    int pool = 0;
    int instances = 0;
    bool autoscale = false;
    double autoscaleTarget = 0.7;
};

QString changeLabel(ChangeKind k)
{
    switch (k) {
    case ChangeKind::ConnectionsPerInstance:
        return CapacityText::tr("connections per instance");
    case ChangeKind::Cache:
        return CapacityText::tr("cache");
    case ChangeKind::ReadReplicas:
        return CapacityText::tr("read replicas");
    case ChangeKind::DbPool:
        return CapacityText::tr("DB pool");
    case ChangeKind::Instances:
        return CapacityText::tr("instances");
    case ChangeKind::Autoscaling:
        return CapacityText::tr("autoscaling");
    }
    return {};
}

} // namespace

std::vector<PlanCostItem> planCosts(const CapacityScenario &today, const CapacityScenario &planScenario, const FluidRun *run)
{
    std::vector<PlanCostItem> items;
    const CapacityScenario plan = planScenario.effective();
    const double hours = today.costHours();
    for (const CapacityChange &c : planScenario.changes) {
        if (!c.enabled)
            continue;
        PlanCostItem item;
        item.kind = c.kind;
        item.value = c.value;
        item.once = c.costOnce;
        switch (c.kind) {
        case ChangeKind::ConnectionsPerInstance:
            break;
        case ChangeKind::Cache:
            item.running = c.costPerUnitHour * hours;
            break;
        case ChangeKind::ReadReplicas:
            item.running = c.costPerUnitHour * std::max(0, plan.readReplicas - today.readReplicas) * hours;
            break;
        case ChangeKind::DbPool:
            item.running = c.costPerUnitHour * std::max(0, plan.dbPoolMax - today.dbPoolMax) / 100.0 * hours;
            break;
        case ChangeKind::Instances:
            if (!plan.autoscaling.enabled)
                item.running = c.costPerUnitHour * std::max(0, plan.instances - today.instances) * hours;
            break;
        case ChangeKind::Autoscaling: {
            const double instanceHours = run ? run->instanceHours : runFluidModel(plan).instanceHours;
            // Only the instance-hours above today's fleet are new spending.
            item.running = c.costPerUnitHour * std::max(0.0, instanceHours - double(today.instances) * hours);
            break;
        }
        }
        items.push_back(item);
    }
    return items;
}

QString CapacityPlan::describe(const CapacityScenario &todayScenario) const
{
    QStringList parts;
    const CapacityScenario e = scenario.effective();
    const CapacityScenario t = todayScenario.effective();
    for (const PlanCostItem &c : costs) {
        switch (c.kind) {
        case ChangeKind::ConnectionsPerInstance:
            parts << CapacityText::tr("connections per instance %1 → %2").arg(t.connectionsPerInstance).arg(e.connectionsPerInstance);
            break;
        case ChangeKind::Cache:
            parts << CapacityText::tr("cache hits %1 → %2 %").arg(n0(100 * t.cacheHitRate), n0(100 * e.cacheHitRate));
            break;
        case ChangeKind::ReadReplicas:
            parts << CapacityText::tr("read replicas %1 → %2").arg(t.readReplicas).arg(e.readReplicas);
            break;
        case ChangeKind::DbPool:
            parts << CapacityText::tr("DB pool %1 → %2").arg(t.dbPoolMax).arg(e.dbPoolMax);
            break;
        case ChangeKind::Instances:
            parts << CapacityText::tr("instances %1 → %2").arg(t.instances).arg(e.instances);
            break;
        case ChangeKind::Autoscaling:
            parts << CapacityText::tr("autoscaling %1–%2 instances at %3 % utilisation")
                         .arg(e.autoscaling.minInstances).arg(e.autoscaling.maxInstances)
                         .arg(n0(100 * e.autoscaling.targetUtilisation));
            break;
        }
    }
    return parts.isEmpty() ? CapacityText::tr("no changes") : parts.join(u", ");
}

SolverResult solveCapacity(const CapacityScenario &input, const std::function<bool()> &cancelled)
{
    SolverResult result;
    // Today: decided kinds off, fixed (not allowed) toggles as the operator left them.
    CapacityScenario today = input;
    for (CapacityChange &c : today.changes) {
        if (c.allowed)
            c.enabled = false;
    }
    const CapacityScenario todayEffective = today.effective();
    const double demand = std::max(input.targetOrdersPerHour,
                                   input.traffic.enabled ? input.traffic.peakDemand() : 0.0);
    result.demandPerHour = demand;
    const double slo = input.sloLatencyMs;

    const CapacityChange &cpiChange = input.change(ChangeKind::ConnectionsPerInstance);
    const CapacityChange &cacheChange = input.change(ChangeKind::Cache);
    const CapacityChange &replicaChange = input.change(ChangeKind::ReadReplicas);
    const CapacityChange &poolChange = input.change(ChangeKind::DbPool);
    const CapacityChange &instChange = input.change(ChangeKind::Instances);
    const CapacityChange &autoChange = input.change(ChangeKind::Autoscaling);

    // Fewer connections per instance only ever shrink the pool an answer needs; the one-time
    // cost is the same for any new value. So the base value and each lower one, lowest first,
    // stopping at the first that holds: higher ones cannot be cheaper.
    std::vector<int> cpis;
    if (cpiChange.allowed) {
        const int lowest = std::max(1, int(std::lround(std::min(cpiChange.value, cpiChange.solverLimit()))));
        for (int k = lowest; k < todayEffective.connectionsPerInstance; ++k)
            cpis.push_back(k);
    }
    cpis.push_back(todayEffective.connectionsPerInstance);
    std::vector<bool> caches{false};
    if (cacheChange.allowed && cacheChange.value > todayEffective.cacheHitRate)
        caches.push_back(true);
    const int replicaMax = replicaChange.allowed ? int(std::lround(replicaChange.solverLimit())) : todayEffective.readReplicas;
    const int poolMax = poolChange.allowed ? std::max(todayEffective.dbPoolMax, int(std::lround(poolChange.solverLimit())))
                                           : todayEffective.dbPoolMax;
    const int instMax = instChange.allowed ? std::max(todayEffective.instances, int(std::lround(instChange.solverLimit())))
                                           : todayEffective.instances;
    const int autoMax = autoChange.allowed ? int(std::lround(autoChange.solverLimit())) : 0;

    auto realize = [&](const Choice &ch) {
        CapacityScenario s = today;
        auto set = [&](ChangeKind k, double v) {
            CapacityChange &c = s.change(k);
            c.enabled = true;
            c.value = v;
        };
        if (ch.cpi != todayEffective.connectionsPerInstance)
            set(ChangeKind::ConnectionsPerInstance, ch.cpi);
        if (ch.cache)
            set(ChangeKind::Cache, cacheChange.value);
        if (ch.replicas != todayEffective.readReplicas)
            set(ChangeKind::ReadReplicas, ch.replicas);
        if (ch.pool != todayEffective.dbPoolMax)
            set(ChangeKind::DbPool, ch.pool);
        if (ch.autoscale) {
            set(ChangeKind::Autoscaling, ch.instances);
            s.change(ChangeKind::Autoscaling).targetUtilisation = ch.autoscaleTarget;
        } else if (ch.instances != todayEffective.instances) {
            set(ChangeKind::Instances, ch.instances);
        }
        return s;
    };

    // Static check with the pools out of the way: is this fleet big enough at the demand?
    auto staticOk = [&](const Choice &ch, int n) {
        ++result.evaluated;
        Choice c = ch;
        c.instances = n;
        c.autoscale = false;
        CapacityScenario s = realize(c).effective();
        s.dbPoolMax = std::max(s.dbPoolMax, n * s.connectionsPerInstance);
        s.replicaPoolMax = std::max(s.replicaPoolMax, 1000000);
        const CapacityAnalysis a = analyzeCapacity(s, demand);
        return a.meetsThroughput() && a.meetsSlo(slo);
    };

    auto evaluate = [&](const Choice &ch) {
        CapacityPlan p;
        p.scenario = realize(ch);
        const CapacityScenario e = p.scenario.effective();
        const CapacityAnalysis a = analyzeCapacity(e, demand);
        ++result.evaluated;
        p.maxThroughputPerHour = a.maxThroughputPerHour;
        p.p95AtTargetMs = a.p95LatencyMs;
        p.bottleneck = a.bottleneck;
        if (!a.meetsThroughput()) {
            p.failure = bottleneckSentence(e, a);
            return p;
        }
        if (!a.meetsSlo(slo)) {
            p.failure = CapacityText::tr("p95 %1 at %2 orders/h exceeds the SLO of %3 s.")
                            .arg(seconds(a.p95LatencyMs), n0(demand), QLocale().toString(slo / 1000, 'f', 1));
            return p;
        }
        std::optional<FluidRun> run;
        if (e.traffic.enabled) {
            run = runFluidModel(e);
            p.worstHourP95Ms = run->worstP95Ms;
            if (!run->holdsSlo()) {
                p.failure = CapacityText::tr("Hour %1 of the curve reaches p95 %2 (SLO %3 s).")
                                .arg(run->firstBreachHour)
                                .arg(seconds(run->hours[size_t(run->firstBreachHour)].p95LatencyMs),
                                     QLocale().toString(slo / 1000, 'f', 1));
                return p;
            }
        }
        p.costs = planCosts(today, p.scenario, run ? &*run : nullptr);
        for (const PlanCostItem &c : p.costs)
            p.cost += c.total();
        p.feasible = true;
        return p;
    };

    std::vector<CapacityPlan> holding;
    bool reducedCpiHolds = false;
    for (int cpi : cpis) {
        if (reducedCpiHolds && cpi != todayEffective.connectionsPerInstance)
            continue;
        const size_t holdingBefore = holding.size();
        for (bool cache : caches) {
            for (int replicas = todayEffective.readReplicas; replicas <= std::max(replicaMax, todayEffective.readReplicas); ++replicas) {
                if (cancelled && cancelled())
                    return result;
                Choice ch;
                ch.cpi = cpi;
                ch.cache = cache;
                ch.replicas = replicas;
                const int fleetMax = std::max(instMax, autoMax);
                // The smallest fleet that holds, by galloping up from the throughput bound.
                const double perInstance = todayEffective.effectivePerInstanceOrdersPerHour();
                int lo = std::max(1, int(std::floor(demand / perInstance)));
                if (lo > fleetMax || !staticOk(ch, fleetMax))
                    continue; // the database side binds: more replicas may help
                int step = 1;
                int hi = lo;
                while (hi < fleetMax && !staticOk(ch, hi)) {
                    lo = hi;
                    hi = std::min(fleetMax, hi + step);
                    step *= 2;
                }
                while (hi - lo > 1) {
                    const int mid = lo + (hi - lo) / 2;
                    (staticOk(ch, mid) ? hi : lo) = mid;
                }
                if (!staticOk(ch, lo))
                    lo = hi;
                const int need = lo;
                const int connections = need * cpi;
                ch.pool = todayEffective.dbPoolMax;
                if (connections > todayEffective.dbPoolMax) {
                    if (connections > poolMax)
                        continue;
                    ch.pool = int(std::ceil(connections / 10.0)) * 10; // pools come in round sizes
                    ch.pool = std::min(std::max(ch.pool, connections), poolMax);
                }
                // Fixed fleet, then the autoscaling rule with the same ceiling.
                std::vector<Choice> variants;
                if (need <= instMax && (instChange.allowed || need <= todayEffective.instances)) {
                    Choice fixed = ch;
                    fixed.instances = std::max(need, todayEffective.instances);
                    variants.push_back(fixed);
                }
                if (autoChange.allowed && need <= autoMax) {
                    Choice scaled = ch;
                    scaled.instances = need;
                    scaled.autoscale = true;
                    variants.push_back(scaled);
                }
                for (Choice v : variants) {
                    if (v.autoscale) {
                        // A rule that lags a steep ramp needs headroom, not a higher ceiling:
                        // lower the target utilisation until the ramp holds.
                        QString lastFailure;
                        for (double target : {autoChange.targetUtilisation, 0.6, 0.5, 0.4, 0.3}) {
                            if (target > autoChange.targetUtilisation)
                                continue;
                            v.autoscaleTarget = target;
                            CapacityPlan p = evaluate(v);
                            if (p.feasible) {
                                if (target < autoChange.targetUtilisation) {
                                    p.note = CapacityText::tr("Autoscaling targets %1 % rather than %2 %: at %2 % the rule "
                                                              "lags the ramp. %3")
                                                 .arg(n0(100 * target), n0(100 * autoChange.targetUtilisation), lastFailure);
                                }
                                holding.push_back(p);
                                break;
                            }
                            lastFailure = p.failure;
                            if (!p.failure.startsWith(CapacityText::tr("Hour")))
                                break; // not a ramp problem: headroom will not help
                        }
                        continue;
                    }
                    CapacityPlan p = evaluate(v);
                    // A transient breach (the ramp) may need a few more instances than steady state.
                    for (int extra = 1; !p.feasible && extra <= 8 && v.instances < instMax; ++extra) {
                        v.instances = std::min(instMax, v.instances + std::max(1, v.instances / 50));
                        if (v.instances * cpi > v.pool) {
                            if (v.instances * cpi > poolMax)
                                break;
                            v.pool = std::min(poolMax, int(std::ceil(v.instances * cpi / 10.0)) * 10);
                        }
                        p = evaluate(v);
                    }
                    if (p.feasible)
                        holding.push_back(p);
                }
                // More replicas than the first that holds only add cost.
                if (!holding.empty() && holding.back().scenario.effective().readReplicas == replicas)
                    break;
            }
        }
        if (holding.size() > holdingBefore && cpi != todayEffective.connectionsPerInstance)
            reducedCpiHolds = true;
    }

    std::sort(holding.begin(), holding.end(), [](const CapacityPlan &a, const CapacityPlan &b) { return a.cost < b.cost; });

    // Explanation.
    const CapacityAnalysis now = analyzeCapacity(todayEffective, demand);
    result.explanation << CapacityText::tr("Required: %1 orders/h with p95 ≤ %2 s in every hour of the curve.")
                              .arg(n0(demand), QLocale().toString(slo / 1000, 'f', 1));
    result.explanation << CapacityText::tr("Without changes: %1").arg(bottleneckSentence(todayEffective, now));
    if (holding.empty()) {
        result.explanation << CapacityText::tr("No combination of the allowed changes within their limits holds. Raise a limit "
                                 "(instances, pool, replicas) or allow more changes.");
        return result;
    }
    result.found = true;
    result.best = holding.front();
    QStringList kindsSeen{QString()};
    for (const CapacityPlan &p : holding) {
        QStringList kinds;
        for (const PlanCostItem &c : p.costs)
            kinds << changeKindId(c.kind);
        const QString key = kinds.join(u',');
        if (kindsSeen.contains(key))
            continue;
        kindsSeen << key;
        if (&p != &holding.front() && result.alternatives.size() < 3)
            result.alternatives.push_back(p);
    }
    const CapacityPlan &best = result.best;
    result.explanation << CapacityText::tr("Cheapest plan that holds (%1 over %2 h): %3.")
                              .arg(money(best.cost), n0(input.costHours()), best.describe(today));
    if (!best.note.isEmpty())
        result.explanation << best.note;
    for (const PlanCostItem &c : best.costs) {
        // Why each change is needed: take it out and say what breaks.
        CapacityScenario without = best.scenario;
        without.change(c.kind).enabled = false;
        const CapacityScenario we = without.effective();
        const CapacityAnalysis wa = analyzeCapacity(we, demand);
        QString why;
        if (!wa.meetsThroughput())
            why = bottleneckSentence(we, wa);
        else if (!wa.stable)
            why = CapacityText::tr("%1 The fleet would run at 100 %: queues grow without bound.").arg(bottleneckSentence(we, wa));
        else if (!wa.meetsSlo(slo))
            why = CapacityText::tr("p95 would be %1.").arg(seconds(wa.p95LatencyMs));
        else if (c.kind == ChangeKind::Autoscaling)
            why = CapacityText::tr("a fixed fleet sized for the peak costs more.");
        else
            why = CapacityText::tr("the ramp would breach the SLO.");
        result.explanation << CapacityText::tr("• %1 (%2): without it, %3").arg(changeLabel(c.kind), money(c.total()), why);
    }
    for (const CapacityPlan &alt : result.alternatives) {
        result.explanation << CapacityText::tr("Next: %1 for %2 (+%3).").arg(alt.describe(today), money(alt.cost), money(alt.cost - best.cost));
    }
    return result;
}

} // namespace Apprentice
