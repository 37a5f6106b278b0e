#pragma once

// Labelled synthetic workflow streams for the detection benchmark and the engine tests.

#include "record.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace Streams {

using Apprentice::Metric;
using Apprentice::Record;

enum class Family { Gaussian, HeavyTailed, Spiky };

enum class Change { None, Outage, Slowdown4x, Latency3Sigma, Output3Sigma, Validation93, Latency1Sigma };

inline const char *changeName(Change c)
{
    switch (c) {
    case Change::None: return "stationary";
    case Change::Outage: return "outage";
    case Change::Slowdown4x: return "4x slowdown";
    case Change::Latency3Sigma: return "latency +3 sigma";
    case Change::Output3Sigma: return "output size +3 sigma";
    case Change::Validation93: return "validation pass -> 93 %";
    case Change::Latency1Sigma: return "latency +1 sigma";
    }
    return "";
}

inline const char *familyName(Family f)
{
    switch (f) {
    case Family::Gaussian: return "gaussian";
    case Family::HeavyTailed: return "heavy-tailed (3 % slow path, discrete sizes)";
    case Family::Spiky: return "gaussian + 0.3 % isolated spikes";
    }
    return "";
}

/// One tool's generator. Means and spreads differ per tool so workflows look realistic.
struct ToolModel {
    std::string name;
    double latencyMean;   // ms (median for heavy-tailed)
    double latencySigma;  // ms for gaussian, log-space sigma for heavy-tailed
    double outputMean;
    double outputSigma;
    double memoryMean;
};

class WorkflowStream
{
public:
    WorkflowStream(std::string workflow, Family family, std::uint64_t seed, int toolCount = 4)
        : m_workflow(std::move(workflow)), m_family(family), m_rng(seed)
    {
        static const ToolModel base[] = {{"fetch_data", 225, 15, 1200, 200, 45},
                                         {"process", 89, 8, 5200, 400, 44},
                                         {"validate", 40, 4, 300, 30, 12},
                                         {"send_results", 154, 12, 180, 20, 20},
                                         {"enrich", 310, 25, 2400, 300, 60},
                                         {"summarize", 820, 60, 900, 120, 130}};
        for (int i = 0; i < toolCount; ++i) {
            ToolModel m = base[i % 6];
            if (family == Family::HeavyTailed)
                m.latencySigma = 0.25;
            m_tools.push_back(m);
        }
    }

    /// Injects `change` on tool `toolIndex` from the next execution on.
    void setChange(Change c, int toolIndex)
    {
        m_change = c;
        m_changedTool = toolIndex;
    }
    int toolCount() const { return int(m_tools.size()); }
    const std::string &toolName(int i) const { return m_tools[size_t(i)].name; }

    /// Appends the records of one execution; returns how many belong to the changed tool.
    void nextExecution(std::vector<Record> &out, qint64 tsMs)
    {
        ++m_execution;
        const std::string id = m_workflow + "-" + std::to_string(m_execution);
        for (int i = 0; i < int(m_tools.size()); ++i) {
            const ToolModel &t = m_tools[size_t(i)];
            const bool changed = m_change != Change::None && i == m_changedTool;
            Record r;
            r.workflow = m_workflow;
            r.execution = id;
            r.tool = t.name;
            r.tsMs = tsMs + i * 300;
            double latency, output;
            if (m_family == Family::HeavyTailed) {
                latency = t.latencyMean * std::exp(t.latencySigma * m_normal(m_rng));
                if (m_uniform(m_rng) < 0.03)
                    latency *= 3 + 2 * m_uniform(m_rng); // the slow path: normal, just rare
                static const double sizes[] = {0.8, 1.0, 1.0, 1.0, 1.25, 1.25, 1.6, 3.2};
                output = std::round(t.outputMean * sizes[m_pick(m_rng) % 8]);
            } else {
                latency = std::max(1.0, t.latencyMean + t.latencySigma * m_normal(m_rng));
                output = std::max(0.0, std::round(t.outputMean + t.outputSigma * m_normal(m_rng)));
                if (m_family == Family::Spiky && m_uniform(m_rng) < 0.003)
                    latency *= 5 + 15 * m_uniform(m_rng);
            }
            double validation = std::min(1.0, 1.0 - std::abs(0.004 * m_normal(m_rng)));
            if (changed) {
                switch (m_change) {
                case Change::Outage: r.ok = false; r.error = "HTTP 500 Internal Server Error"; latency = 12; break;
                case Change::Slowdown4x: latency *= 4; break;
                case Change::Latency3Sigma:
                    latency = m_family == Family::HeavyTailed ? latency * std::exp(3 * t.latencySigma)
                                                              : latency + 3 * t.latencySigma;
                    break;
                case Change::Latency1Sigma:
                    latency = m_family == Family::HeavyTailed ? latency * std::exp(t.latencySigma)
                                                              : latency + t.latencySigma;
                    break;
                case Change::Output3Sigma:
                    // the discrete size mix has a std of 0.72 x its base size
                    output = m_family == Family::HeavyTailed ? output + std::round(3 * 0.72 * t.outputMean)
                                                             : output + 3 * t.outputSigma;
                    break;
                case Change::Validation93: validation = std::clamp(0.93 + 0.02 * m_normal(m_rng), 0.0, 1.0); break;
                case Change::None: break;
                }
            }
            r.setValue(Metric::Latency, latency);
            r.setValue(Metric::OutputBytes, output);
            r.setValue(Metric::Memory, std::max(1.0, t.memoryMean + 0.1 * t.memoryMean * m_normal(m_rng)));
            r.setValue(Metric::Validation, validation);
            if (!r.ok) {
                r.setValue(Metric::OutputBytes, Apprentice::Absent);
                r.setValue(Metric::Validation, Apprentice::Absent);
            }
            out.push_back(std::move(r));
        }
    }

private:
    std::string m_workflow;
    Family m_family;
    std::mt19937_64 m_rng;
    std::normal_distribution<double> m_normal{0, 1};
    std::uniform_real_distribution<double> m_uniform{0, 1};
    std::uniform_int_distribution<int> m_pick{0, 1 << 20};
    std::vector<ToolModel> m_tools;
    Change m_change = Change::None;
    int m_changedTool = 0;
    long m_execution = 0;
};

} // namespace Streams
