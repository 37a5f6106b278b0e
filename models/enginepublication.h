#pragma once

#include "streamrow.h"

#include "diagnosis.h"
#include "engine.h"
#include "enginesnapshot.h"
#include "event.h"
#include "evolution/shadowcomparison.h"
#include "evolution/trendseriesdata.h"
#include "llm/investigationresult.h"
#include "recordsink.h"
#include "series/downsample.h"

#include <QStringList>

#include <memory>
#include <vector>

/// An analysis event and the record that triggered it.
struct EventRecord {
    Apprentice::Event event;
    qint64 seq = 0; ///< StreamRow::seq of the triggering record (0 for operator actions)
};

/// What was investigated for one drift or failure, and how far it got.
struct InvestigationRecord {
    qint64 driftId = 0; ///< Event::id of the drift or failure
    Apprentice::InvestigationContext context;
    Apprentice::InvestigationResult result;
    bool running = false;
};

/// Why a re-run of an investigation did not start; nothing of the investigation is lost either way.
enum class RerunRefusal {
    UnknownTier,    ///< no configured tier has that name
    NotKept,        ///< the drift's investigation is no longer kept (or never was)
    AlreadyRunning, ///< this drift is already being investigated
};

/// Cumulative monitoring cost at one moment of record time (the economics chart's samples).
struct CostSample {
    qint64 tsMs = 0;
    qint64 executions = 0;
    double spentUsd = 0;
    double investigationUsd = 0; ///< part of spentUsd; the rest is apprenticeship
    double alwaysOnUsd = 0;
};

/// State of the built-in demo, for the control bar.
struct DemoState {
    bool running = false;
    bool paused = false;
    double speed = 0;       ///< simulated ms per wall ms; 0 = as fast as possible
    quint32 situations = 0; ///< bit (1 << Situation) per active situation
    qint64 executions = 0;
    qint64 simulatedTimeMs = 0;
};

/// One tick of the engine host (10–25 Hz): everything new since the previous one.
struct EnginePublication {
    std::vector<StreamRow> rows;   ///< new records, oldest first (the newest `streamCapacity` at most)
    qint64 droppedRows = 0;        ///< records of this tick left out because of that cap
    std::vector<EventRecord> events; ///< in the order they happened
    std::vector<InvestigationRecord> investigations; ///< new or updated investigations
    std::shared_ptr<const Apprentice::EngineSnapshot> snapshot; ///< set when refreshed this tick
    Apprentice::EngineTotals totals;
    std::vector<Apprentice::LedgerEntry> ledger; ///< hourly rows completed since the previous tick
    std::vector<CostSample> costs; ///< new samples of cumulative cost (denser early, sparser later)
    qint64 latestTsMs = 0;         ///< timestamp of the newest record
    double recordsPerSecond = 0;   ///< ingestion rate, wall clock
    DemoState demo;
    qint64 generation = 0;         ///< session generation: rows of an older session are dropped
    /// Every trend series (significant or not, most severe first); set when re-analysed this tick
    /// (at most every couple of seconds, and only after new records).
    std::shared_ptr<const std::vector<Apprentice::TrendSeriesData>> trends;
    /// Trends that became significant and adverse, or more severe, since the previous tick (they are
    /// in `events` too, as kind Trend).
    std::vector<Apprentice::TrendResult> trendWarnings;
    /// Each workflow's newest version against its baseline, when a workflow has two or more
    /// versions; set together with `trends`.
    std::shared_ptr<const std::vector<Apprentice::ShadowComparison>> comparisons;
};

/// How an import ended, with the first rejected lines for the summary.
struct ImportSummary {
    QStringList files;
    Apprentice::Outcome outcome = Apprentice::Outcome::Finished;
    qint64 records = 0;
    qint64 rejected = 0;
    qint64 bytes = 0;
    qint64 elapsedMs = 0;
    QString error;
    /// "file:line: reason" of the first rejected lines (at most RejectedSample).
    QStringList rejectedSample;
    /// "file: what happened" of files an earlier import had read: continued after its lines, skipped as
    /// unchanged, or read from the start as another file under the same name.
    QStringList notes;
    static constexpr int RejectedSample = 200;
};

/// A request for a chart: one metric of one tool over a time range, reduced to `buckets` columns.
struct SeriesQuery {
    QString workflow;
    QString version;
    QString tool;
    QString metric;
    qint64 fromMs = 0;   ///< both 0: the whole history
    qint64 toMs = 0;
    int buckets = 1000;  ///< plot width in pixels
    int windowSize = 500; ///< values in the "current window" statistics
    /// When set: the raw points around this record instead of a time range (evidence of an event).
    qint64 aroundSeq = 0;
    int before = 120;
    int after = 60;
    quint64 ticket = 0;  ///< echoed in the reply: the caller drops stale replies
};

/// A marker on the time series: an anomaly, drift or failure of that metric.
struct SeriesMarker {
    qint64 tsMs = 0;
    double value = 0;
    qint64 seq = 0;
    Apprentice::EventKind kind = Apprentice::EventKind::Anomaly;
    bool failure = false;
};

/// Values of one metric over a window, summarised.
struct WindowStats {
    QString metric;
    qint64 n = 0;
    double mean = 0, stddev = 0, p50 = 0, p95 = 0, p99 = 0;
};

/// The answer to a SeriesQuery, computed on the engine thread.
struct SeriesReply {
    SeriesQuery query;
    std::vector<Apprentice::SeriesPoint> points;
    std::vector<SeriesMarker> markers;
    qint64 pointsInRange = 0;
    qint64 historyFromMs = 0; ///< the whole history kept for this metric
    qint64 historyToMs = 0;
    qint64 historySize = 0;
    double minValue = 0, maxValue = 0;
    std::vector<WindowStats> window; ///< every metric of the tool, last query.windowSize values
    std::vector<double> windowValues; ///< the queried metric's last values, oldest first
    qint64 computeUs = 0;
};
