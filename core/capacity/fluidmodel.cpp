#include "fluidmodel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

#include "capacitynetwork.h"
#include "queueing.h"

namespace Apprentice {

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();
/// Beyond this utilisation the random part of a wait is capped: the rest of the queue is a
/// backlog that drains deterministically, which is what a simulation in overload shows.
constexpr double RandomRhoCap = 0.99;

/// ρ ↦ mean number in system of one M/G/c copy, tabulated densely towards ρ = 1.
struct FluidTable {
    std::vector<double> rho;
    std::vector<double> content;

    static FluidTable build(int servers, double cs2)
    {
        constexpr int N = 200;
        FluidTable t;
        t.rho.resize(N);
        t.content.resize(N);
        for (int i = 0; i < N; ++i) {
            const double u = 0.99 * i / (N - 1);
            const double r = 1.0 - std::pow(1.0 - u, 4.0);
            t.rho[size_t(i)] = r;
            t.content[size_t(i)] = Queueing::meanInSystemAt(servers, r, cs2);
        }
        return t;
    }

    /// Implicit Euler step: the x' with x' + dt·cμρ(x') = x + dt·λ. Returns ρ(x') and sets x'.
    double step(double x, double lambda, double cmu, double dt, double *next) const
    {
        const double target = x + dt * lambda;
        const size_t n = rho.size();
        auto f = [&](size_t i) { return content[i] + dt * cmu * rho[i]; };
        if (target >= f(n - 1)) {
            *next = target - dt * cmu * rho[n - 1];
            return rho[n - 1];
        }
        size_t lo = 0, hi = n - 1;
        while (hi - lo > 1) {
            const size_t mid = (lo + hi) / 2;
            (f(mid) <= target ? lo : hi) = mid;
        }
        const double w = (target - f(lo)) / (f(hi) - f(lo));
        *next = content[lo] + w * (content[hi] - content[lo]);
        return rho[lo] + w * (rho[hi] - rho[lo]);
    }

    /// ρ for a given content (for re-deriving the state after the fleet changed).
    double rhoFor(double x) const
    {
        if (x >= content.back())
            return rho.back();
        const auto it = std::upper_bound(content.begin(), content.end(), x);
        const size_t hi = size_t(it - content.begin());
        if (hi == 0)
            return 0;
        const size_t lo = hi - 1;
        const double w = (x - content[lo]) / (content[hi] - content[lo]);
        return rho[lo] + w * (rho[hi] - rho[lo]);
    }
};

constexpr int SamplesPerHour = 6;

struct Sample {
    double weight = 0;                   ///< orders arriving around the sample
    bool dead = false;                   ///< a station without servers: unbounded latency
    std::vector<StationLoad> loads;
    std::shared_ptr<const LatencyMix> mix;
};

/// Whether two states have the same random parts (they may differ in deterministic backlog
/// waits, which only shift the distribution).
bool sameRandomParts(const std::vector<StationLoad> &a, const std::vector<StationLoad> &b)
{
    if (a.size() != b.size())
        return false;
    // Close enough that the Erlang C wait (∝ 1/(1 − ρ)) moves by under 1 %.
    for (size_t i = 0; i < a.size(); ++i) {
        const double slack = 0.01 * (1.0 - std::max(a[i].rhoRandom, b[i].rhoRandom));
        if (std::abs(a[i].rhoRandom - b[i].rhoRandom) > slack
            || std::abs(a[i].serviceMs - b[i].serviceMs) > 1e-3 * std::max(a[i].serviceMs, b[i].serviceMs))
            return false;
    }
    return true;
}

double totalExcess(const std::vector<StationLoad> &loads)
{
    double sum = 0;
    for (const StationLoad &l : loads)
        sum += l.excessWaitMs;
    return sum;
}

struct StationState {
    double content = 0;   ///< total over copies
    double rho = 0;       ///< per copy, equivalent stationary
    double inflow = 0;    ///< orders/hour into the station (all copies)
    double outflow = 0;   ///< orders/hour handed downstream
};

class TableCache
{
public:
    const FluidTable &get(int station, int servers, double cs2)
    {
        auto &slot = m_tables[{station, servers}];
        if (slot.rho.empty())
            slot = FluidTable::build(servers, cs2);
        return slot;
    }

private:
    std::map<std::pair<int, int>, FluidTable> m_tables;
};

} // namespace

FluidRun runFluidModel(const CapacityScenario &s, double stepMinutes)
{
    FluidRun run;
    const TrafficCurve &curve = s.traffic;
    const double horizon = curve.enabled ? curve.horizonHours : 24.0;
    const int hours = int(std::ceil(horizon - 1e-9));
    const int stepsPerHour = std::max(1, int(std::lround(60.0 / stepMinutes)));
    const double dt = 1.0 / stepsPerHour;
    const double perInstance = s.effectivePerInstanceOrdersPerHour();

    auto instancesAt = [&](double t) {
        if (!s.autoscaling.enabled)
            return s.instances;
        return s.autoscaling.instancesFor(curve.demandAt(std::max(0.0, t - s.autoscaling.reactionMinutes / 60.0)), perInstance);
    };

    TableCache tables;
    int fleet = instancesAt(0);
    CapacityNetwork net = CapacityNetwork::build(s, fleet);
    std::vector<StationState> st(net.stations.size());
    const size_t last = st.size() - 1;
    // Tables depend on the servers per copy only; look them up once per fleet size.
    std::vector<const FluidTable *> table(st.size(), nullptr);
    auto refreshTables = [&] {
        for (size_t i = 0; i < st.size(); ++i) {
            const CapacityStation &station = net.stations[i];
            table[i] = station.servers > 0 ? &tables.get(int(i), station.servers, station.cs2) : nullptr;
        }
    };
    refreshTables();

    auto dbWaitMs = [&](int i) {
        const CapacityStation &station = net.stations[size_t(i)];
        const StationState &state = st[size_t(i)];
        if (state.rho <= 0 || station.servers <= 0)
            return 0.0;
        const double perCopy = state.content / station.copies;
        const double queue = std::max(0.0, perCopy - station.servers * state.rho);
        const double throughput = station.servers * state.rho * 3.6e6 / station.serviceMs; // per hour
        return queue / throughput * 3.6e6;
    };
    auto serviceOf = [&](size_t i) {
        const CapacityStation &station = net.stations[i];
        if (!station.isPool())
            return station.serviceMs;
        return net.stations[size_t(station.holds)].serviceMs + dbWaitMs(station.holds);
    };

    std::vector<Sample> samples;
    bool carried = false;
    auto combine = [&](std::vector<Sample> &all, FluidHour &out) {
        // Orders of the hour are a mixture of those arriving at each sample's state.
        std::vector<const Sample *> used;
        double weight = 0;
        for (size_t i = carried ? 1 : 0; i < all.size(); ++i) {
            used.push_back(&all[i]);
            weight += all[i].weight;
        }
        if (used.empty() || weight <= 0)
            return;
        for (const Sample *x : used) {
            if (x->dead) {
                out.meanLatencyMs = out.p95LatencyMs = Inf;
                out.delayed = out.demand;
                return;
            }
        }
        double mean = 0, late = 0, lo = Inf, hi = 0;
        for (const Sample *x : used) {
            const double w = x->weight / weight;
            mean += w * x->mix->mean();
            late += w * x->mix->tail(s.sloLatencyMs);
            const double q = x->mix->quantile(0.95);
            lo = std::min(lo, q);
            hi = std::max(hi, q);
        }
        // The mixture's p95 lies between its parts' p95s: bisect on the weighted tail.
        for (int it = 0; it < 50 && hi - lo > 1e-6 * hi; ++it) {
            const double mid = 0.5 * (lo + hi);
            double tail = 0;
            for (const Sample *x : used)
                tail += x->weight / weight * x->mix->tail(mid);
            (tail > 0.05 ? lo : hi) = mid;
        }
        out.meanLatencyMs = mean;
        out.p95LatencyMs = 0.5 * (lo + hi);
        out.delayed = out.demand * late;
    };

    for (int h = 0; h < hours; ++h) {
        FluidHour out;
        out.hour = h;
        const double hourEnd = std::min<double>(h + 1, horizon);
        out.demand = curve.ordersBetween(h, hourEnd);
        double served = 0;
        double instanceTime = 0;
        for (int k = 0; k < stepsPerHour; ++k) {
            const double t0 = h + k * dt;
            if (t0 >= horizon)
                break;
            const double t = t0 + 0.5 * dt;
            const int want = instancesAt(t);
            if (want != fleet) {
                fleet = want;
                net = CapacityNetwork::build(s, fleet);
                refreshTables();
                // Contents carry over; only the per-copy split and servers change.
                for (size_t i = 0; i < st.size(); ++i) {
                    const CapacityStation &station = net.stations[i];
                    if (table[i] && station.copies > 0)
                        st[i].rho = table[i]->rhoFor(st[i].content / station.copies);
                }
            }
            instanceTime += dt * fleet;
            double inflow = curve.ordersBetween(t0, t0 + dt) / dt;
            for (size_t i = 0; i < st.size(); ++i) {
                const CapacityStation &station = net.stations[i];
                StationState &state = st[i];
                state.inflow = inflow;
                if (station.servers <= 0 || station.copies <= 0) {
                    state.content += dt * inflow;
                    state.rho = 0;
                    state.outflow = 0;
                    inflow = 0;
                    continue;
                }
                const double serviceMs = serviceOf(i);
                const double cmu = station.servers * 3.6e6 / serviceMs;
                const double waitingBefore = std::max(0.0, state.content - station.copies * station.servers * state.rho);
                double nextPerCopy = 0;
                state.rho = table[i]->step(state.content / station.copies, inflow / station.copies, cmu, dt, &nextPerCopy);
                state.content = nextPerCopy * station.copies;
                const double departures = station.copies * cmu * state.rho;
                if (station.isPool()) {
                    // Orders reach the database when they get a connection, not when they let go of it.
                    const double waitingAfter = std::max(0.0, state.content - station.copies * station.servers * state.rho);
                    state.outflow = std::max(0.0, inflow - (waitingAfter - waitingBefore) / dt);
                } else {
                    state.outflow = departures;
                }
                inflow = state.outflow;
            }
            served += dt * st[last].outflow;

            // Latency is sampled every 10 minutes: a transient inside the hour (an autoscaler
            // lagging a ramp) must show in that hour's p95, as it does in the simulation.
            const int sampleStride = std::max(1, stepsPerHour / SamplesPerHour);
            if (k % sampleStride == sampleStride / 2) {
                std::vector<StationLoad> loads(st.size());
                bool dead = false;
                double worstUtil = -1;
                QString bottleneck;
                for (size_t i = 0; i < st.size(); ++i) {
                    const CapacityStation &station = net.stations[i];
                    StationLoad &l = loads[i];
                    l.serviceMs = serviceOf(i);
                    if (station.servers <= 0 || station.copies <= 0) {
                        dead = true;
                        continue;
                    }
                    const double cmu = station.servers * 3.6e6 / l.serviceMs;
                    const double offered = st[i].inflow / station.copies / cmu;
                    l.rho = st[i].rho;
                    l.rhoRandom = std::min({st[i].rho, offered, RandomRhoCap});
                    StationLoad stationary = l;
                    stationary.rho = l.rhoRandom;
                    const double perCopy = st[i].content / station.copies;
                    const double queue = std::max(0.0, perCopy - station.servers * st[i].rho);
                    const double meanWait = st[i].rho > 0 ? queue / (cmu * st[i].rho) * 3.6e6 : 0.0;
                    l.excessWaitMs = std::max(0.0, meanWait - net.meanWaitMs(int(i), stationary));
                    const double util = curve.demandAt(t) / station.capacityPerHour();
                    if (util > worstUtil) {
                        worstUtil = util;
                        bottleneck = station.id;
                    }
                }
                Sample sample;
                sample.weight = curve.ordersBetween(t0 - (sampleStride / 2) * dt, std::min(horizon, t0 + (sampleStride - sampleStride / 2) * dt));
                sample.dead = dead;
                if (!dead) {
                    // Steady stretches, and overloads whose backlog only grows, keep the same random
                    // parts: reuse the last evaluation, moved by the change in backlog wait.
                    if (!samples.empty() && !samples.back().dead && sameRandomParts(samples.back().loads, loads)) {
                        auto moved = std::make_shared<LatencyMix>(*samples.back().mix);
                        moved->addShift(totalExcess(loads) - totalExcess(samples.back().loads));
                        sample.mix = moved;
                    } else {
                        sample.mix = std::make_shared<LatencyMix>(net.latency(loads));
                    }
                }
                sample.loads = std::move(loads);
                samples.push_back(std::move(sample));
                if (k / sampleStride == SamplesPerHour / 2 || out.bottleneck.isEmpty()) {
                    out.bottleneck = dead ? (net.instancesLimitedBy.isEmpty() ? net.stations.front().id : net.instancesLimitedBy)
                                          : bottleneck;
                    out.bottleneckUtilisation = worstUtil;
                    out.instances = fleet;
                    out.instancesUsable = net.instancesUsable;
                    out.capacity = net.maxThroughputPerHour();
                }
            }
        }
        combine(samples, out);
        // The last state carries into the next hour for the reuse check only.
        if (!samples.empty()) {
            Sample kept = samples.back();
            samples.clear();
            samples.push_back(std::move(kept));
            samples.back().weight = 0;
            carried = true;
        }
        out.served = served;
        double waiting = 0, inSystem = 0;
        for (size_t i = 0; i < st.size(); ++i) {
            const CapacityStation &station = net.stations[i];
            const double busy = station.copies * station.servers * st[i].rho;
            waiting += std::max(0.0, st[i].content - busy);
            // Orders holding a connection are at the database and counted there.
            inSystem += station.isPool() ? std::max(0.0, st[i].content - busy) : st[i].content;
        }
        out.backlog = waiting;
        out.inSystem = inSystem;
        run.instanceHours += instanceTime;
        run.totalDemand += out.demand;
        run.totalServed += out.served;
        run.totalDelayed += out.delayed;
        if (out.backlog > run.peakBacklog) {
            run.peakBacklog = out.backlog;
            run.peakBacklogHour = h;
        }
        if (out.p95LatencyMs > run.worstP95Ms) {
            run.worstP95Ms = out.p95LatencyMs;
            run.worstP95Hour = h;
        }
        if (run.firstBreachHour < 0 && out.p95LatencyMs > s.sloLatencyMs)
            run.firstBreachHour = h;
        run.hours.push_back(out);
    }
    run.endBacklog = run.hours.empty() ? 0.0 : run.hours.back().backlog;
    return run;
}

} // namespace Apprentice
