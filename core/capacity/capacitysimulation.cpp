#include "capacitysimulation.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <deque>
#include <queue>
#include <random>

#include "capacitynetwork.h"
#include "stats/ddsketch.h"

namespace Apprentice {

namespace {

constexpr double MsPerHour = 3.6e6;

enum class EventType : quint8 { Arrival, AppDone, PrimaryDone, ReplicaDone, Tick };

struct Event {
    double time;
    quint64 sequence; ///< ties resolve in scheduling order, so a seed always gives one history
    EventType type;
    int order;
    bool operator>(const Event &o) const { return time > o.time || (time == o.time && sequence > o.sequence); }
};

struct Order {
    double arrival = 0;
    int instance = 0;
    int replica = 0;
};

/// A FIFO queue in front of `servers` identical servers.
struct Station {
    int servers = 0;
    int busy = 0;
    std::deque<int> queue;
    bool hasRoom() const { return busy < servers; }
};

struct HourStats {
    DDSketch latency;
    double sum = 0;
    double count = 0;
    double delayed = 0;
    double arrivals = 0;
    double served = 0;
    double backlog = 0;
    double inSystem = 0;
    int instances = 0;
};

class Simulator
{
public:
    Simulator(const CapacityScenario &s, const SimulationOptions &o, const SimulationProgress &p)
        : m_s(s), m_options(o), m_progress(p), m_rng(o.seed)
    {
        m_curve = s.traffic;
        m_horizon = m_curve.enabled ? m_curve.horizonHours : 24.0;
        m_perInstance = s.effectivePerInstanceOrdersPerHour();
        const int maxFleet = s.autoscaling.enabled ? std::max(s.autoscaling.maxInstances, s.autoscaling.minInstances)
                                                   : s.instances;
        m_net = CapacityNetwork::build(s, maxFleet);
        m_maxUsable = m_net.instancesUsable;
        m_appMs = m_net.stations.front().serviceMs;
        m_fromProfile = m_net.appFromProfile;
        for (const WorkflowStage &st : s.stages) {
            const double sigma = st.p95Ms > st.p50Ms ? std::log(st.p95Ms / st.p50Ms) / 1.6448536269514722 : 0.0;
            m_stageLog.push_back({std::log(st.p50Ms), sigma});
        }
        const int primary = m_net.indexOf(CapacityStation::DbPrimary);
        const int replica = m_net.indexOf(CapacityStation::DbReplicas);
        if (primary >= 0) {
            m_primaryJobMs = m_net.stations[size_t(primary)].serviceMs;
            m_primary.servers = m_net.stations[size_t(primary)].servers;
            m_primaryPools.assign(size_t(std::max(1, m_maxUsable)), Station{s.connectionsPerInstance, 0, {}});
        }
        if (replica >= 0) {
            m_replicaJobMs = m_net.stations[size_t(replica)].serviceMs;
            m_replicas.assign(size_t(s.readReplicas), Station{m_net.stations[size_t(replica)].servers, 0, {}});
            m_replicaPools.assign(size_t(std::max(1, m_maxUsable)), Station{s.replicaConnectionsPerInstance, 0, {}});
        }
        m_hours.resize(size_t(std::ceil(m_horizon - 1e-9)));
    }

    SimulationResult run()
    {
        QElapsedTimer wall;
        wall.start();
        SimulationResult result;
        setFleet(0.0);
        scheduleArrival(0.0);
        push(1.0 / 60.0, EventType::Tick, -1);
        const double end = m_horizon + m_options.drainHours;
        double nextReport = 0;
        while (!m_events.empty()) {
            const Event e = m_events.top();
            if (e.time > end)
                break;
            m_events.pop();
            advance(e.time);
            if (m_now >= nextReport) {
                nextReport = m_now + m_horizon / 400.0;
                if (m_progress && !m_progress(std::min(1.0, m_now / m_horizon))) {
                    result.status = SimulationResult::Status::Cancelled;
                    return result;
                }
            }
            switch (e.type) {
            case EventType::Arrival:
                onArrival();
                break;
            case EventType::AppDone:
                onAppDone(e.order);
                break;
            case EventType::PrimaryDone:
                onPrimaryDone(e.order);
                break;
            case EventType::ReplicaDone:
                onReplicaDone(e.order);
                break;
            case EventType::Tick:
                onTick();
                break;
            }
            if (m_now >= m_horizon && m_inSystem == 0 && m_arrivalsDone)
                break;
        }
        // Orders still inside are censored: their latency is at least the time they have waited.
        for (int i = 0; i < int(m_orders.size()); ++i) {
            if (m_live[size_t(i)]) {
                record(i, m_now - m_orders[size_t(i)].arrival, false);
                ++result.unfinished;
            }
        }
        result.simulatedHours = m_now;
        result.orders = m_arrived;
        result.timeAverageInSystem = m_now > 0 ? m_area / m_now : 0;
        result.arrivalRatePerHour = m_now > 0 ? m_arrived / m_now : 0;
        result.meanSojournHours = m_arrived > 0 ? m_sojournSum / m_arrived : 0;
        DDSketch all;
        double sum = 0, n = 0;
        for (size_t h = 0; h < m_hours.size(); ++h) {
            HourStats &hs = m_hours[h];
            SimulationHour out;
            out.hour = int(h);
            out.arrivals = hs.arrivals;
            out.served = hs.served;
            out.backlog = hs.backlog;
            out.inSystem = hs.inSystem;
            out.instances = hs.instances;
            out.meanLatencyMs = hs.count > 0 ? hs.sum / hs.count : 0;
            out.p95LatencyMs = hs.latency.isEmpty() ? 0 : hs.latency.quantile(0.95);
            out.delayed = hs.delayed;
            result.totalDelayed += hs.delayed;
            all.merge(hs.latency);
            sum += hs.sum;
            n += hs.count;
            result.hours.push_back(out);
        }
        result.meanLatencyMs = n > 0 ? sum / n : 0;
        result.p95LatencyMs = all.isEmpty() ? 0 : all.quantile(0.95);
        result.wallMs = double(wall.nsecsElapsed()) / 1e6;
        return result;
    }

private:
    double exponential(double mean)
    {
        return -mean * std::log1p(-m_uniform(m_rng));
    }
    double appServiceMs()
    {
        if (!m_fromProfile)
            return exponential(m_appMs);
        double total = 0;
        for (const auto &[mu, sigma] : m_stageLog)
            total += std::exp(mu + sigma * m_normal(m_rng));
        return total;
    }

    void push(double t, EventType type, int order) { m_events.push({t, m_sequence++, type, order}); }

    void advance(double t)
    {
        m_area += double(m_inSystem) * (t - m_now);
        // Hour boundaries crossed since the last event: snapshot queues as they were.
        while (m_nextMark <= t && m_nextMark <= double(m_hours.size())) {
            HourStats &hs = m_hours[size_t(m_nextMark) - 1];
            hs.backlog = double(waiting());
            hs.inSystem = double(m_inSystem);
            m_nextMark += 1.0;
        }
        m_now = t;
    }

    qint64 waiting() const
    {
        qint64 w = qint64(m_app.queue.size()) + qint64(m_primary.queue.size());
        for (const Station &p : m_primaryPools)
            w += qint64(p.queue.size());
        for (const Station &p : m_replicaPools)
            w += qint64(p.queue.size());
        for (const Station &r : m_replicas)
            w += qint64(r.queue.size());
        return w;
    }

    void setFleet(double t)
    {
        int fleet = m_s.instances;
        if (m_s.autoscaling.enabled) {
            const double seen = std::max(0.0, t - m_s.autoscaling.reactionMinutes / 60.0);
            fleet = m_s.autoscaling.instancesFor(m_curve.demandAt(seen), m_perInstance);
        }
        m_fleet = fleet;
        m_usable = std::min(fleet, m_net.instancesMax);
        m_app.servers = m_usable * m_s.workersPerInstance;
        while (m_app.hasRoom() && !m_app.queue.empty()) {
            const int o = m_app.queue.front();
            m_app.queue.pop_front();
            startApp(o);
        }
    }

    void scheduleArrival(double from)
    {
        // Thinning, hour by hour: the bound is the curve's maximum over the hour.
        double t = from;
        while (t < m_horizon) {
            const double blockEnd = std::min(std::floor(t) + 1.0, m_horizon);
            const double bound = m_curve.maxDemandBetween(t, blockEnd) * (1.0 + 1e-9);
            if (bound <= 0) {
                t = blockEnd;
                continue;
            }
            const double next = t + exponential(1.0 / bound);
            if (next >= blockEnd) {
                t = blockEnd; // memoryless: restart at the block edge with the next bound
                continue;
            }
            t = next;
            if (m_uniform(m_rng) * bound <= m_curve.demandAt(t)) {
                push(t, EventType::Arrival, -1);
                return;
            }
        }
        m_arrivalsDone = true;
    }

    int newOrder()
    {
        int id;
        if (!m_free.empty()) {
            id = m_free.back();
            m_free.pop_back();
        } else {
            id = int(m_orders.size());
            m_orders.emplace_back();
            m_live.push_back(false);
        }
        m_live[size_t(id)] = true;
        return id;
    }

    void onArrival()
    {
        const int o = newOrder();
        m_orders[size_t(o)].arrival = m_now;
        ++m_inSystem;
        ++m_arrived;
        const size_t h = size_t(m_now);
        if (h < m_hours.size())
            m_hours[h].arrivals += 1;
        if (m_app.hasRoom())
            startApp(o);
        else
            m_app.queue.push_back(o);
        scheduleArrival(m_now);
    }

    void startApp(int o)
    {
        ++m_app.busy;
        push(m_now + appServiceMs() / MsPerHour, EventType::AppDone, o);
    }

    void onAppDone(int o)
    {
        --m_app.busy;
        while (m_app.hasRoom() && !m_app.queue.empty()) {
            const int next = m_app.queue.front();
            m_app.queue.pop_front();
            startApp(next);
        }
        const int usable = std::max(1, m_usable);
        m_orders[size_t(o)].instance = int(m_roundRobin++ % unsigned(usable));
        toPrimary(o);
    }

    void toPrimary(int o)
    {
        if (m_primaryPools.empty()) {
            toReplica(o);
            return;
        }
        Station &pool = m_primaryPools[size_t(m_orders[size_t(o)].instance)];
        if (pool.hasRoom()) {
            ++pool.busy;
            primaryArrive(o);
        } else {
            pool.queue.push_back(o);
        }
    }

    void primaryArrive(int o)
    {
        if (m_primary.hasRoom()) {
            ++m_primary.busy;
            push(m_now + exponential(m_primaryJobMs) / MsPerHour, EventType::PrimaryDone, o);
        } else {
            m_primary.queue.push_back(o);
        }
    }

    void onPrimaryDone(int o)
    {
        --m_primary.busy;
        if (!m_primary.queue.empty()) {
            const int next = m_primary.queue.front();
            m_primary.queue.pop_front();
            ++m_primary.busy;
            push(m_now + exponential(m_primaryJobMs) / MsPerHour, EventType::PrimaryDone, next);
        }
        // The connection goes back to the instance's pool only now.
        Station &pool = m_primaryPools[size_t(m_orders[size_t(o)].instance)];
        --pool.busy;
        if (!pool.queue.empty()) {
            const int next = pool.queue.front();
            pool.queue.pop_front();
            ++pool.busy;
            primaryArrive(next);
        }
        toReplica(o);
    }

    void toReplica(int o)
    {
        if (m_replicaPools.empty()) {
            finish(o);
            return;
        }
        Station &pool = m_replicaPools[size_t(m_orders[size_t(o)].instance)];
        if (pool.hasRoom()) {
            ++pool.busy;
            replicaArrive(o);
        } else {
            pool.queue.push_back(o);
        }
    }

    void replicaArrive(int o)
    {
        const int r = int(m_replicaRoundRobin++ % unsigned(m_replicas.size()));
        m_orders[size_t(o)].replica = r;
        Station &replica = m_replicas[size_t(r)];
        if (replica.hasRoom()) {
            ++replica.busy;
            push(m_now + exponential(m_replicaJobMs) / MsPerHour, EventType::ReplicaDone, o);
        } else {
            replica.queue.push_back(o);
        }
    }

    void onReplicaDone(int o)
    {
        Station &replica = m_replicas[size_t(m_orders[size_t(o)].replica)];
        --replica.busy;
        if (!replica.queue.empty()) {
            const int next = replica.queue.front();
            replica.queue.pop_front();
            ++replica.busy;
            push(m_now + exponential(m_replicaJobMs) / MsPerHour, EventType::ReplicaDone, next);
        }
        Station &pool = m_replicaPools[size_t(m_orders[size_t(o)].instance)];
        --pool.busy;
        if (!pool.queue.empty()) {
            const int next = pool.queue.front();
            pool.queue.pop_front();
            ++pool.busy;
            replicaArrive(next);
        }
        finish(o);
    }

    void record(int o, double sojournHours, bool finished)
    {
        const Order &order = m_orders[size_t(o)];
        const double latencyMs = sojournHours * MsPerHour + (finished ? m_net.fixedMs : 0.0);
        const size_t h = size_t(order.arrival);
        if (h < m_hours.size()) {
            HourStats &hs = m_hours[h];
            hs.latency.add(latencyMs);
            hs.sum += latencyMs;
            hs.count += 1;
            if (latencyMs > m_s.sloLatencyMs)
                hs.delayed += 1;
        }
        m_sojournSum += sojournHours;
    }

    void finish(int o)
    {
        record(o, m_now - m_orders[size_t(o)].arrival, true);
        const size_t h = size_t(m_now);
        if (h < m_hours.size())
            m_hours[h].served += 1;
        m_live[size_t(o)] = false;
        m_free.push_back(o);
        --m_inSystem;
    }

    void onTick()
    {
        if (m_s.autoscaling.enabled)
            setFleet(m_now);
        const size_t h = size_t(m_now);
        if (h < m_hours.size())
            m_hours[h].instances = std::max(m_hours[h].instances, m_fleet);
        if (m_now < m_horizon)
            push(m_now + 1.0 / 60.0, EventType::Tick, -1);
    }

    const CapacityScenario &m_s;
    SimulationOptions m_options;
    SimulationProgress m_progress;
    std::mt19937_64 m_rng;
    std::uniform_real_distribution<double> m_uniform{0.0, 1.0};
    std::normal_distribution<double> m_normal{0.0, 1.0};
    TrafficCurve m_curve;
    CapacityNetwork m_net;
    double m_horizon = 0;
    double m_perInstance = 0;
    double m_appMs = 0;
    bool m_fromProfile = false;
    std::vector<std::pair<double, double>> m_stageLog;
    double m_primaryJobMs = 0;
    double m_replicaJobMs = 0;
    int m_maxUsable = 0;
    int m_fleet = 0;
    int m_usable = 0;

    Station m_app;
    Station m_primary;
    std::vector<Station> m_primaryPools;
    std::vector<Station> m_replicaPools;
    std::vector<Station> m_replicas;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> m_events;
    quint64 m_sequence = 0;
    std::vector<Order> m_orders;
    std::vector<bool> m_live;
    std::vector<int> m_free;
    unsigned m_roundRobin = 0;
    unsigned m_replicaRoundRobin = 0;

    double m_now = 0;
    double m_nextMark = 1.0;
    double m_area = 0;
    double m_sojournSum = 0;
    qint64 m_inSystem = 0;
    qint64 m_arrived = 0;
    bool m_arrivalsDone = false;
    std::vector<HourStats> m_hours;
};

} // namespace

SimulationResult runCapacitySimulation(const CapacityScenario &effective, const SimulationOptions &options,
                                       const SimulationProgress &progress)
{
    Simulator sim(effective, options, progress);
    return sim.run();
}

} // namespace Apprentice
