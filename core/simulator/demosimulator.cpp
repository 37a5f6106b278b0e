#include "demosimulator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace Apprentice {

namespace {

constexpr const char *ToolNames[DemoSimulator::ToolCount] = {"fetch_data", "process", "validate", "send_results"};
constexpr const char *OutageError = "HTTP 500 Internal Server Error";

// Export resolution: what a log line would carry.
double tenths(double v) { return std::round(v * 10) / 10; }
double latencyValue(double ms) { return tenths(std::max(0.1, ms)); }

// validation_pass is the share of 200 checks that passed.
constexpr int ValidationChecks = 200;
constexpr double NormalFailedChecks = 0.5; // mean 0.9975

} // namespace

const char *DemoSimulator::toolName(int index)
{
    return index >= 0 && index < ToolCount ? ToolNames[index] : "";
}

DemoSimulator::DemoSimulator(std::uint64_t seed, qint64 startMs)
{
    reset(seed, startMs);
}

void DemoSimulator::reset(std::uint64_t seed, qint64 startMs)
{
    m_random.reseed(seed);
    m_active = 0;
    m_creepStartMs = startMs;
    m_executions = 0;
    m_lastArrivalMs = startMs;
    m_lastArrival = double(startMs);
    m_pendingGap = m_random.exponential();
    m_schedule.clear();
}

void DemoSimulator::setRatePerDay(double executionsPerDay)
{
    if (executionsPerDay > 0 && std::isfinite(executionsPerDay))
        m_ratePerDay = executionsPerDay;
}

double DemoSimulator::effectiveRatePerDay() const
{
    return isActive(Situation::BlackFriday) ? m_ratePerDay * BlackFridayTrafficFactor : m_ratePerDay;
}

void DemoSimulator::trigger(Situation s)
{
    if (s == Situation::Normal) {
        m_active = 0;
        return;
    }
    if (s == Situation::SlowCreep && !isActive(s))
        m_creepStartMs = m_lastArrivalMs;
    m_active |= bit(s);
}

void DemoSimulator::clear(Situation s)
{
    if (s != Situation::Normal)
        m_active &= quint8(~bit(s));
}

void DemoSimulator::schedule(Situation s, qint64 afterExecutions)
{
    m_schedule.push_back({afterExecutions, s});
    applySchedule();
}

void DemoSimulator::applySchedule()
{
    // Applied as soon as it is due, so nextArrivalMs() already sees a scheduled black_friday.
    auto due = [this](const Scheduled &e) { return e.afterExecutions <= m_executions; };
    for (const Scheduled &e : m_schedule) {
        if (due(e))
            trigger(e.situation);
    }
    m_schedule.erase(std::remove_if(m_schedule.begin(), m_schedule.end(), due), m_schedule.end());
}

qint64 DemoSimulator::nextArrivalMs() const
{
    // The gap is drawn at unit rate and scaled by the rate in force, so a rate change (or
    // black_friday) applies to the very next arrival and peeking never consumes randomness.
    return qint64(std::floor(m_lastArrival + m_pendingGap * double(DayMs) / effectiveRatePerDay()));
}

double DemoSimulator::daysSinceCreep(qint64 tsMs) const
{
    if (!isActive(Situation::SlowCreep))
        return 0;
    return std::max(0.0, double(tsMs - m_creepStartMs) / double(DayMs));
}

void DemoSimulator::prepare(Record &r, const char *tool, const char *execution)
{
    r.workflow.assign(workflowName());
    r.version.assign(versionName());
    r.execution.assign(execution);
    r.tool.assign(tool);
    r.error.clear();
    r.values.fill(Absent);
    r.ok = true;
    r.custom.clear();
    r.line = 0;
}

std::vector<Record> DemoSimulator::nextExecution()
{
    std::vector<Record> out;
    nextExecution(out);
    return out;
}

int DemoSimulator::nextExecution(std::vector<Record> &out)
{
    m_lastArrival += m_pendingGap * double(DayMs) / effectiveRatePerDay();
    m_lastArrivalMs = qint64(std::floor(m_lastArrival));
    ++m_executions;
    m_pendingGap = m_random.exponential();

    char id[32];
    std::snprintf(id, sizeof id, "pco-%06lld", static_cast<long long>(m_executions));

    const bool loaded = isActive(Situation::BlackFriday);
    // No extra random draws: the current version's records are the same with or without a shadow.
    const bool candidate = isActive(Situation::ShadowRelease) && m_executions % 2 == 0;
    const double creepDays = daysSinceCreep(m_lastArrivalMs);
    qint64 ts = m_lastArrivalMs;
    auto advance = [&ts](double latencyMs) { ts += std::llround(latencyMs) + 1; };

    // fetch_data
    out.resize(isActive(Situation::ApiOutage) ? 1 : ToolCount);
    Record &fetch = out[0];
    prepare(fetch, ToolNames[0], id);
    fetch.tsMs = ts;
    if (isActive(Situation::ApiOutage)) {
        fetch.ok = false;
        fetch.error.assign(OutageError);
        fetch.setValue(Metric::Latency, latencyValue(m_random.lognormal(38, 0.25)));
        fetch.setValue(Metric::Memory, tenths(std::max(1.0, m_random.normal(45, 5))));
        applySchedule();
        return 1;
    }
    double fetchMs = isActive(Situation::ApiSlowdown) ? m_random.normal(890, 40) : m_random.normal(225, 15);
    if (m_random.chance(0.02))
        fetchMs *= m_random.uniform(1.5, 2.0);
    if (loaded)
        fetchMs *= 1.08;
    if (candidate)
        fetchMs *= CandidateFetchFactor;
    // Added after the multipliers so the creep is exactly +1.2 ms/day on every percentile.
    fetchMs += CreepLatencyMsPerDay * creepDays;
    fetch.setValue(Metric::Latency, latencyValue(fetchMs));
    const long orderLines = std::max(1L, std::lround(m_random.normal(10, 2.4)));
    fetch.setValue(Metric::OutputBytes, double(360 + 84 * orderLines));
    fetch.setValue(Metric::Memory, tenths(std::max(1.0, m_random.normal(45, 5))));
    advance(fetch.value(Metric::Latency));

    // process
    Record &process = out[1];
    prepare(process, ToolNames[1], id);
    process.tsMs = ts;
    process.setValue(Metric::Latency, latencyValue(m_random.lognormal(88, 0.08) * (loaded ? 1.15 : 1.0)));
    process.setValue(Metric::Memory, tenths(std::max(1.0, m_random.normal(44, 3))));
    process.setValue(Metric::Cpu, tenths(std::clamp(m_random.normal(23, 3) * (loaded ? 1.3 : 1.0), 0.0, 100.0)));
    advance(process.value(Metric::Latency));

    // validate
    Record &validate = out[2];
    prepare(validate, ToolNames[2], id);
    validate.tsMs = ts;
    validate.setValue(Metric::Latency, latencyValue(m_random.lognormal(12, 0.2) * (loaded ? 1.05 : 1.0)));
    double pass = 1;
    if (isActive(Situation::ValidationDegradation) && !m_random.chance(0.2)) {
        pass = m_random.normal(0.875, 0.035) + CreepValidationPerDay * creepDays;
    } else {
        // The creep raises the failed-check rate: mean pass falls by exactly 0.0002 a day.
        const double failed = NormalFailedChecks - CreepValidationPerDay * ValidationChecks * creepDays;
        const double f = failed < 30 ? double(m_random.poisson(failed))
                                     : std::max(0.0, std::round(m_random.normal(failed, std::sqrt(failed))));
        pass = 1 - f / ValidationChecks;
    }
    pass = std::round(std::clamp(pass, 0.0, 1.0) * ValidationChecks) / ValidationChecks;
    validate.setValue(Metric::Validation, pass);
    advance(validate.value(Metric::Latency));

    // send_results
    Record &send = out[3];
    prepare(send, ToolNames[3], id);
    send.tsMs = ts;
    send.setValue(Metric::Latency, latencyValue(m_random.normal(154, 8) * (loaded ? 1.10 : 1.0)));

    if (candidate)
        for (Record &r : out)
            r.version.assign(candidateVersionName());
    applySchedule();
    return ToolCount;
}

} // namespace Apprentice
