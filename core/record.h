#pragma once

#include <QtGlobal>

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Apprentice {

/// The built-in numeric fields of an execution record (FORMATS.md §1), in a fixed order.
enum class Metric : quint8 { Latency, OutputBytes, Memory, Cpu, Validation, Cost };
constexpr int BuiltinMetricCount = 6;

/// Wire names of the built-in metrics, indexed by Metric.
constexpr std::array<std::string_view, BuiltinMetricCount> BuiltinMetricNames = {
    "latency_ms", "output_bytes", "memory_mb", "cpu_pct", "validation_pass", "cost_usd"};

constexpr double Absent = std::numeric_limits<double>::quiet_NaN();
inline bool isPresent(double v) { return !std::isnan(v); }

/// A custom metric (`metrics` object / `metrics.NAME` column).
struct CustomMetricView {
    std::string_view name;
    double value = 0;
};

/// One tool call, borrowed from a parser's buffer: valid only during the sink callback.
/// Strings are UTF-8. `version` is "1.0.0" when the input omitted it; `execution` is empty
/// when the record is its own run.
struct RecordView {
    std::string_view workflow;
    std::string_view version;
    std::string_view execution;
    std::string_view tool;
    std::string_view error;
    qint64 tsMs = 0; ///< start of the call, ms since the Unix epoch (UTC)
    std::array<double, BuiltinMetricCount> values{Absent, Absent, Absent, Absent, Absent, Absent};
    bool ok = true;
    const CustomMetricView *custom = nullptr;
    int customCount = 0;
    qint64 line = 0; ///< 1-based physical line in its source (0 for live sources without lines)

    double value(Metric m) const { return values[static_cast<int>(m)]; }
};

/// An owning record, for live sources, the simulator and the UI.
struct Record {
    std::string workflow;
    std::string version = "1.0.0";
    std::string execution;
    std::string tool;
    std::string error;
    qint64 tsMs = 0;
    std::array<double, BuiltinMetricCount> values{Absent, Absent, Absent, Absent, Absent, Absent};
    bool ok = true;
    std::vector<std::pair<std::string, double>> custom;
    qint64 line = 0;

    double value(Metric m) const { return values[static_cast<int>(m)]; }
    void setValue(Metric m, double v) { values[static_cast<int>(m)] = v; }

    /// Copies a borrowed record.
    static Record fromView(const RecordView &v);

    /// A view on this record; `scratch` holds the custom-metric views and must outlive the result.
    RecordView view(std::vector<CustomMetricView> &scratch) const;
};

} // namespace Apprentice
