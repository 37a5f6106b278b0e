#pragma once

#include "evolution/shadowcomparator.h"
#include "evolution/trendseriesdata.h"
#include "evolution/trendwatch.h"
#include "record.h"

#include <memory>
#include <utility>
#include <vector>

/// The console's proactive-evolution analysis on the engine thread: the trend watch (daily
/// aggregates, early warnings) and the shadow comparator (versions side by side), fed with every
/// record the engine sees. Both are bounded by keys × days / keys × metrics, never by records.
/// What they find is handed out as immutable copies, so the GUI only draws it.
class EvolutionFeed
{
public:
    /// Trend warnings have a line and timestamp of the record that started their day.
    struct Warning {
        Apprentice::TrendResult result;
        qint64 line = 0;
        qint64 tsMs = 0;
    };

    EvolutionFeed();

    void onRecord(const Apprentice::RecordView &record);
    void clear();

    /// The trend watch's daily aggregates and what it warned about, to keep in the store (TrendWatch::saveState):
    /// trends need weeks of days, far longer than a session.
    QByteArray saveTrends() const { return m_trends->saveState(); }
    /// Continues from what saveTrends() gave; false (nothing changed) when it cannot be read.
    bool restoreTrends(const QByteArray &state);

    /// New or escalated trend warnings since the previous call.
    std::vector<Warning> takeWarnings() { return std::exchange(m_warnings, {}); }

    /// Whether the analyses changed since they were last taken and `minIntervalMs` passed since then
    /// (trends only change with new records; re-analysing every tick would waste the thread).
    bool isStale(qint64 nowMs, qint64 minIntervalMs) const;
    /// Every trend series as of the newest record (significant or not), most severe first.
    std::shared_ptr<const std::vector<Apprentice::TrendSeriesData>> takeTrends(qint64 nowMs);
    /// Each workflow's newest version against its baseline, for workflows with two or more versions.
    std::shared_ptr<const std::vector<Apprentice::ShadowComparison>> takeComparisons();

    /// One chosen pair (the Mutations page asks for the candidate of a mutation in shadow).
    Apprentice::ShadowComparison compare(const QString &workflow, const QString &baseline,
                                         const QString &candidate) const;
    const Apprentice::TrendConfig &trendConfig() const { return m_trends->config(); }
    qint64 records() const { return m_records; }

private:
    std::unique_ptr<Apprentice::TrendWatch> m_trends;
    Apprentice::ShadowComparator m_shadow;
    std::vector<Warning> m_warnings;
    qint64 m_records = 0;
    qint64 m_takenAtRecords = -1;
    qint64 m_takenAtMs = 0;
};
