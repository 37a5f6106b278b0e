#include "capacityreport.h"

#include <QJsonArray>
#include <QLocale>

#include <cmath>

#include "capacitytext.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

QJsonValue finite(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

double round3(double v)
{
    return std::isfinite(v) ? std::round(v * 1000.0) / 1000.0 : v;
}

QString n0(double v)
{
    return QLocale().toString(v, 'f', 0);
}

QString ms(double v)
{
    if (!std::isfinite(v))
        return CapacityText::tr("unbounded");
    if (v >= 3.6e6)
        return CapacityText::tr("%1 h").arg(QLocale().toString(v / 3.6e6, 'f', 1));
    if (v >= 60000)
        return CapacityText::tr("%1 min").arg(QLocale().toString(v / 60000, 'f', 1));
    if (v >= 1000)
        return CapacityText::tr("%1 s").arg(QLocale().toString(v / 1000, 'f', 1));
    return CapacityText::tr("%1 ms").arg(QLocale().toString(v, 'f', 0));
}

QString percent(double v)
{
    if (!std::isfinite(v))
        return CapacityText::tr("∞");
    return QLocale().toString(100.0 * v, 'f', v < 0.1 ? 1 : 0) + u" %"_s;
}

QJsonObject analysisJson(const CapacityAnalysis &a)
{
    QJsonObject util, cap;
    for (const ResourceUse &r : a.resources) {
        util.insert(r.id, finite(round3(r.utilisation)));
        cap.insert(r.id, finite(std::round(r.capacityPerHour)));
    }
    QJsonArray stages;
    for (const StageLatency &s : a.stages) {
        stages.append(QJsonObject{{u"id"_s, s.id}, {u"name"_s, stageName(s.id)},
                                  {u"mean_ms"_s, finite(round3(s.meanMs))}, {u"p95_ms"_s, finite(round3(s.p95Ms))}});
    }
    return QJsonObject{{u"demand_per_hour"_s, a.demandPerHour},
                       {u"utilisation"_s, util},
                       {u"capacity_per_hour"_s, cap},
                       {u"stable"_s, a.stable},
                       {u"p95_latency_ms"_s, finite(round3(a.p95LatencyMs))},
                       {u"mean_latency_ms"_s, finite(round3(a.meanLatencyMs))},
                       {u"late_share"_s, round3(a.lateShare)},
                       {u"primary_qps"_s, round3(a.primaryQps)},
                       {u"stages"_s, stages}};
}

} // namespace

CapacityReport CapacityReport::compute(const CapacityScenario &scenario)
{
    CapacityReport r;
    r.scenario = scenario;
    r.effective = scenario.effective();
    r.atTarget = analyzeCapacity(r.effective, r.effective.targetOrdersPerHour);
    const double baseline = r.effective.traffic.enabled ? r.effective.traffic.baselineOrdersPerHour
                                                        : r.effective.targetOrdersPerHour;
    r.atBaseline = analyzeCapacity(r.effective, baseline);
    r.bottleneckText = bottleneckSentence(r.effective, r.atTarget);
    CapacityScenario today = scenario;
    for (CapacityChange &c : today.changes)
        c.enabled = false;
    r.findings = capacityFindings(today, r.effective, r.atTarget);
    r.claims = checkClaims(scenario);
    if (r.effective.traffic.enabled)
        r.fluid = runFluidModel(r.effective);
    r.costs = planCosts(today, scenario, r.fluid ? &*r.fluid : nullptr);
    for (const PlanCostItem &c : r.costs)
        r.cost += c.total();
    return r;
}

QJsonObject capacityReportJson(const CapacityReport &r, bool hourly, const SimulationResult *sim, const SolverResult *solver)
{
    const CapacityAnalysis &a = r.atTarget;
    QJsonObject o;
    o.insert(u"scenario"_s, r.scenario.name);
    QJsonArray applied;
    for (const CapacityChange &c : r.scenario.changes) {
        if (c.enabled)
            applied.append(QJsonObject{{u"kind"_s, changeKindId(c.kind)}, {u"value"_s, c.value}});
    }
    o.insert(u"changes_applied"_s, applied);
    o.insert(u"target_orders_per_hour"_s, r.effective.targetOrdersPerHour);
    o.insert(u"max_throughput_per_hour"_s, finite(std::round(a.maxThroughputPerHour)));
    o.insert(u"meets_target"_s, a.meetsThroughput() && a.meetsSlo(r.effective.sloLatencyMs));
    o.insert(u"bottleneck"_s, a.bottleneck);
    o.insert(u"bottleneck_explanation"_s, r.bottleneckText);
    o.insert(u"instances_requested"_s, a.instancesRequested);
    o.insert(u"instances_max"_s, a.instancesMax);
    o.insert(u"instances_usable"_s, a.instancesUsable);
    o.insert(u"connections_needed"_s, a.connectionsNeeded);
    o.insert(u"db_pool_max"_s, r.effective.dbPoolMax);
    const QJsonObject at = analysisJson(a);
    o.insert(u"utilisation"_s, at.value(u"utilisation"_s));
    o.insert(u"capacity_per_hour"_s, at.value(u"capacity_per_hour"_s));
    o.insert(u"stable_at_target"_s, a.stable);
    o.insert(u"p95_latency_ms"_s, at.value(u"p95_latency_ms"_s));
    o.insert(u"mean_latency_ms"_s, at.value(u"mean_latency_ms"_s));
    o.insert(u"slo_latency_ms"_s, r.effective.sloLatencyMs);
    o.insert(u"stages"_s, at.value(u"stages"_s));
    o.insert(u"at_baseline"_s, analysisJson(r.atBaseline));
    o.insert(u"findings"_s, QJsonArray::fromStringList(r.findings));
    QJsonArray claims;
    for (const ClaimCheck &c : r.claims) {
        claims.append(QJsonObject{{u"text"_s, c.claim.text}, {u"metric"_s, c.claim.metric}, {u"op"_s, c.claim.op},
                                  {u"claimed"_s, c.claim.value}, {u"actual"_s, finite(round3(c.actual))},
                                  {u"holds"_s, c.holds}});
    }
    o.insert(u"claims"_s, claims);
    QJsonArray costItems;
    for (const PlanCostItem &c : r.costs) {
        costItems.append(QJsonObject{{u"kind"_s, changeKindId(c.kind)}, {u"value"_s, c.value},
                                     {u"once"_s, round3(c.once)}, {u"running"_s, round3(c.running)}});
    }
    o.insert(u"cost"_s, QJsonObject{{u"total"_s, round3(r.cost)}, {u"horizon_hours"_s, r.effective.costHours()},
                                    {u"items"_s, costItems}});
    if (r.fluid) {
        const FluidRun &f = *r.fluid;
        o.insert(u"traffic"_s, QJsonObject{{u"horizon_hours"_s, r.effective.traffic.horizonHours},
                                           {u"peak_demand_per_hour"_s, r.effective.traffic.peakDemand()},
                                           {u"total_demand"_s, std::round(f.totalDemand)},
                                           {u"total_served"_s, std::round(f.totalServed)},
                                           {u"delayed_orders"_s, std::round(f.totalDelayed)},
                                           {u"delayed_share"_s, round3(f.delayedShare())},
                                           {u"peak_backlog"_s, std::round(f.peakBacklog)},
                                           {u"peak_backlog_hour"_s, f.peakBacklogHour},
                                           {u"worst_p95_latency_ms"_s, finite(round3(f.worstP95Ms))},
                                           {u"first_slo_breach_hour"_s, f.firstBreachHour},
                                           {u"instance_hours"_s, round3(f.instanceHours)}});
        if (hourly) {
            QJsonArray hours;
            for (const FluidHour &h : f.hours) {
                hours.append(QJsonObject{{u"hour"_s, h.hour}, {u"demand"_s, round3(h.demand)},
                                         {u"capacity"_s, finite(std::round(h.capacity))}, {u"served"_s, round3(h.served)},
                                         {u"backlog"_s, round3(h.backlog)}, {u"p95_latency_ms"_s, finite(round3(h.p95LatencyMs))},
                                         {u"mean_latency_ms"_s, finite(round3(h.meanLatencyMs))},
                                         {u"delayed"_s, round3(h.delayed)}, {u"instances"_s, h.instances},
                                         {u"bottleneck"_s, h.bottleneck}});
            }
            o.insert(u"hourly"_s, hours);
        }
    }
    if (sim) {
        QJsonObject s{{u"status"_s, sim->status == SimulationResult::Status::Finished ? u"finished"_s : u"cancelled"_s},
                      {u"seed"_s, qint64(r.effective.simulationSeed)},
                      {u"orders"_s, sim->orders},
                      {u"unfinished"_s, sim->unfinished},
                      {u"mean_latency_ms"_s, round3(sim->meanLatencyMs)},
                      {u"p95_latency_ms"_s, round3(sim->p95LatencyMs)},
                      {u"delayed_orders"_s, sim->totalDelayed},
                      {u"little_l"_s, round3(sim->timeAverageInSystem)},
                      {u"little_lambda_w"_s, round3(sim->arrivalRatePerHour * sim->meanSojournHours)},
                      {u"wall_ms"_s, round3(sim->wallMs)}};
        if (hourly) {
            QJsonArray hours;
            for (const SimulationHour &h : sim->hours) {
                hours.append(QJsonObject{{u"hour"_s, h.hour}, {u"arrivals"_s, h.arrivals}, {u"served"_s, h.served},
                                         {u"backlog"_s, h.backlog}, {u"p95_latency_ms"_s, round3(h.p95LatencyMs)},
                                         {u"mean_latency_ms"_s, round3(h.meanLatencyMs)}, {u"delayed"_s, h.delayed},
                                         {u"instances"_s, h.instances}});
            }
            s.insert(u"hourly"_s, hours);
        }
        o.insert(u"simulation"_s, s);
    }
    if (solver) {
        QJsonObject s{{u"found"_s, solver->found}, {u"demand_per_hour"_s, solver->demandPerHour},
                      {u"evaluated"_s, solver->evaluated},
                      {u"explanation"_s, QJsonArray::fromStringList(solver->explanation)}};
        if (solver->found) {
            QJsonArray items;
            for (const PlanCostItem &c : solver->best.costs) {
                items.append(QJsonObject{{u"kind"_s, changeKindId(c.kind)}, {u"value"_s, c.value},
                                         {u"once"_s, round3(c.once)}, {u"running"_s, round3(c.running)}});
            }
            s.insert(u"plan"_s, QJsonObject{{u"changes"_s, items}, {u"cost"_s, round3(solver->best.cost)},
                                            {u"max_throughput_per_hour"_s, finite(std::round(solver->best.maxThroughputPerHour))},
                                            {u"p95_latency_ms"_s, finite(round3(solver->best.p95AtTargetMs))},
                                            {u"worst_hour_p95_ms"_s, finite(round3(solver->best.worstHourP95Ms))}});
        }
        o.insert(u"solver"_s, s);
    }
    return o;
}

QString capacityReportMarkdown(const CapacityReport &r, const SimulationResult *sim, const SolverResult *solver,
                               const QStringList &images, const CapacityReport *ra, const CapacityReport *b)
{
    const CapacityAnalysis &a = r.atTarget;
    QString md;
    auto line = [&md](const QString &s) { md += s + u'\n'; };
    line(u"# "_s + CapacityText::tr("Capacity plan: %1").arg(r.scenario.name));
    line({});
    const bool holds = a.meetsThroughput() && a.meetsSlo(r.effective.sloLatencyMs) && (!r.fluid || r.fluid->holdsSlo());
    line(u"**"_s + (holds ? CapacityText::tr("The target holds.") : CapacityText::tr("The target does not hold.")) + u"** "_s
         + r.bottleneckText);
    line({});
    line(CapacityText::tr("| Figure | Value |"));
    line(u"|---|---|"_s);
    line(CapacityText::tr("| Target | %1 orders/h, p95 ≤ %2 |").arg(n0(r.effective.targetOrdersPerHour), ms(r.effective.sloLatencyMs)));
    line(CapacityText::tr("| Max sustainable throughput | %1 orders/h |").arg(n0(a.maxThroughputPerHour)));
    line(CapacityText::tr("| Bottleneck | %1 |").arg(resourceName(a.bottleneck)));
    line(CapacityText::tr("| Instances requested / connectable / usable | %1 / %2 / %3 |")
             .arg(a.instancesRequested).arg(a.instancesMax).arg(a.instancesUsable));
    line(CapacityText::tr("| Primary connections needed / pool | %1 / %2 |").arg(a.connectionsNeeded).arg(r.effective.dbPoolMax));
    line(CapacityText::tr("| p95 latency at the target | %1 |").arg(ms(a.p95LatencyMs)));
    line(CapacityText::tr("| Cost of the changes | $%1 over %2 h |").arg(QLocale().toString(r.cost, 'f', 2), n0(r.effective.costHours())));
    line({});
    line(u"## "_s + CapacityText::tr("Utilisation at the target"));
    line({});
    line(CapacityText::tr("| Resource | Capacity (orders/h) | Utilisation |"));
    line(u"|---|---:|---:|"_s);
    for (const ResourceUse &u : a.resources) {
        line(u"| %1 | %2 | %3 |"_s.arg(resourceName(u.id), std::isfinite(u.capacityPerHour) ? n0(u.capacityPerHour) : CapacityText::tr("slots"),
                                      percent(u.utilisation)));
    }
    line({});
    line(u"## "_s + CapacityText::tr("Latency by stage at the target"));
    line({});
    line(CapacityText::tr("| Stage | Mean | p95 |"));
    line(u"|---|---:|---:|"_s);
    for (const StageLatency &s : a.stages)
        line(u"| %1 | %2 | %3 |"_s.arg(stageName(s.id), ms(s.meanMs), ms(s.p95Ms)));
    line({});
    line(u"## "_s + CapacityText::tr("Findings"));
    line({});
    for (const QString &f : r.findings)
        line(u"- "_s + f);
    if (!r.claims.empty()) {
        line({});
        line(u"## "_s + CapacityText::tr("Claims checked"));
        line({});
        line(CapacityText::tr("| Claim | Model | Verdict |"));
        line(u"|---|---:|---|"_s);
        for (const ClaimCheck &c : r.claims) {
            const bool ratio = c.claim.metric == u"pool_utilisation" || c.claim.metric == u"primary_load_ratio";
            line(u"| %1 | %2 | %3 |"_s.arg(c.claim.text, ratio ? u"×"_s + QLocale().toString(c.actual, 'f', 2) : n0(c.actual),
                                          c.holds ? CapacityText::tr("holds") : CapacityText::tr("**false**")));
        }
    }
    line({});
    line(u"## "_s + CapacityText::tr("Changes in this plan"));
    line({});
    if (r.costs.empty())
        line(CapacityText::tr("None: this is today's configuration."));
    for (const PlanCostItem &c : r.costs) {
        line(CapacityText::tr("- %1 = %2: $%3 once + $%4 running")
                 .arg(changeKindId(c.kind), QLocale().toString(c.value, 'g', 6), QLocale().toString(c.once, 'f', 2),
                      QLocale().toString(c.running, 'f', 2)));
    }
    if (solver) {
        line({});
        line(u"## "_s + CapacityText::tr("Solver"));
        line({});
        for (const QString &s : solver->explanation)
            line(s.startsWith(u"•") ? u"  - "_s + s.mid(1).trimmed() : u"- "_s + s);
    }
    if (ra && b) {
        const CapacityAnalysis &aa = ra->atTarget;
        line({});
        line(u"## "_s + CapacityText::tr("A/B comparison"));
        line({});
        line(CapacityText::tr("| | A: %1 | B: %2 |").arg(ra->scenario.name, b->scenario.name));
        line(u"|---|---:|---:|"_s);
        line(CapacityText::tr("| Max throughput (orders/h) | %1 | %2 |").arg(n0(aa.maxThroughputPerHour), n0(b->atTarget.maxThroughputPerHour)));
        line(CapacityText::tr("| Bottleneck | %1 | %2 |").arg(resourceName(aa.bottleneck), resourceName(b->atTarget.bottleneck)));
        line(CapacityText::tr("| p95 at target | %1 | %2 |").arg(ms(aa.p95LatencyMs), ms(b->atTarget.p95LatencyMs)));
        line(CapacityText::tr("| Cost | $%1 | $%2 |").arg(QLocale().toString(ra->cost, 'f', 2), QLocale().toString(b->cost, 'f', 2)));
        if (ra->fluid && b->fluid) {
            line(CapacityText::tr("| Orders delayed beyond the SLO | %1 | %2 |").arg(n0(ra->fluid->totalDelayed), n0(b->fluid->totalDelayed)));
            line(CapacityText::tr("| Peak backlog | %1 | %2 |").arg(n0(ra->fluid->peakBacklog), n0(b->fluid->peakBacklog)));
        }
    }
    if (!images.isEmpty()) {
        line({});
        line(u"## "_s + CapacityText::tr("Charts"));
        line({});
        for (const QString &img : images)
            line(u"![](%1)"_s.arg(img));
    }
    if (r.fluid) {
        const FluidRun &f = *r.fluid;
        line({});
        line(u"## "_s + CapacityText::tr("Traffic curve (fluid model)"));
        line({});
        line(CapacityText::tr("Demand %1 orders, served %2, delayed beyond the SLO %3 (%4), peak backlog %5 orders at hour %6, "
                              "worst hourly p95 %7.")
                 .arg(n0(f.totalDemand), n0(f.totalServed), n0(f.totalDelayed), percent(f.delayedShare()), n0(f.peakBacklog))
                 .arg(f.peakBacklogHour)
                 .arg(ms(f.worstP95Ms)));
        line({});
        line(CapacityText::tr("| Hour | Demand | Capacity | Served | Backlog | p95 | Delayed | Instances |"));
        line(u"|---:|---:|---:|---:|---:|---:|---:|---:|"_s);
        for (const FluidHour &h : f.hours) {
            line(u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |"_s.arg(h.hour)
                     .arg(n0(h.demand), n0(h.capacity), n0(h.served), n0(h.backlog), ms(h.p95LatencyMs), n0(h.delayed))
                     .arg(h.instances));
        }
    }
    if (sim && sim->status == SimulationResult::Status::Finished) {
        line({});
        line(u"## "_s + CapacityText::tr("Simulation (seed %1)").arg(r.effective.simulationSeed));
        line({});
        line(CapacityText::tr("%1 orders, p95 %2, mean %3, delayed %4, unfinished at the end %5.")
                 .arg(QString::number(sim->orders), ms(sim->p95LatencyMs), ms(sim->meanLatencyMs), n0(sim->totalDelayed),
                      QString::number(sim->unfinished)));
    }
    return md;
}

} // namespace Apprentice
