#pragma once

#include "record.h"
#include "recordsink.h"
#include "reservoir.h"
#include "shadowcomparison.h"
#include "shadowconfig.h"
#include "stats/distribution.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Apprentice {

/// Compares the quality profile of a candidate workflow version (say 1.1.0 in shadow mode) with the
/// current one, tool by tool, from the records of both.
///
/// Per (workflow, version, tool, metric) it keeps exact moments and a uniform sample of at most
/// ShadowConfig::reservoirSize values, twice: over the version's whole history and over the calls
/// since the newest other version of the workflow appeared. When a candidate runs beside its
/// baseline, the baseline is compared over that shared period only, so a trend over time or a
/// daily cycle cannot pass for the mutation's effect. Memory is bounded by keys × metrics.
/// Not thread-safe: feed and compare from one thread.
class ShadowComparator : public RecordSink
{
public:
    explicit ShadowComparator(const ShadowConfig &config = ShadowConfig());
    ~ShadowComparator() override;

    void onRecord(const RecordView &record) override;
    void onRejected(qint64 line, const QString &reason) override;
    void add(const Record &record);
    void clear();

    const ShadowConfig &config() const { return m_config; }
    /// Takes effect for compare() at once; a new reservoir size applies to keys created afterwards.
    void setConfig(const ShadowConfig &config) { m_config = config; }

    struct VersionInfo {
        QString version;
        qint64 records = 0;
        qint64 firstMs = 0;
        qint64 lastMs = 0;
    };
    QStringList workflows() const;
    /// The versions of a workflow in the order they first appeared.
    std::vector<VersionInfo> versions(const QString &workflow) const;
    /// The pair a console would show: the newest version as candidate against the most-recorded
    /// earlier one as baseline. False when the workflow has fewer than two versions.
    bool defaultPair(const QString &workflow, QString *baseline, QString *candidate) const;

    /// Baseline against candidate: tests, effect sizes, verdicts and a recommendation with reasons.
    ShadowComparison compare(const QString &workflow, const QString &baseline, const QString &candidate) const;

private:
    struct MetricSamples;
    struct ToolSamples;
    struct VersionSamples;
    struct WorkflowSamples;
    struct StringHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };

    VersionSamples &versionFor(std::string_view workflow, std::string_view version, qint64 tsMs);
    ToolSamples &toolFor(VersionSamples &v, std::string_view tool);
    MetricSamples &metricFor(ToolSamples &t, std::string_view metric);
    void addValue(ToolSamples &t, std::string_view metric, double value);
    const VersionSamples *find(const QString &workflow, const QString &version) const;

    ShadowConfig m_config;
    std::unordered_map<std::string, std::unique_ptr<WorkflowSamples>, StringHash, std::equal_to<>> m_workflows;
    VersionSamples *m_last = nullptr;
    std::vector<CustomMetricView> m_scratch;
};

} // namespace Apprentice
