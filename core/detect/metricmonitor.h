#pragma once

#include "detectorconfig.h"
#include "stats/distribution.h"

#include <QByteArray>

#include <array>
#include <cstdint>
#include <vector>

namespace Apprentice {

/// Watches one metric of one tool against its learned reference.
///
/// Every value is turned into a calibrated normal score: its mid-rank among a reservoir of
/// in-control reference values, mapped through Φ⁻¹, with a linear tail beyond the 1st/99th
/// percentiles. Heavy tails, slow paths and discrete values therefore score like a standard
/// normal under the profile itself. A two-sided CUSUM on the clamped scores detects sustained
/// shifts; a run of clearly-outside values detects abrupt ones; an isolated far value is an
/// anomaly and engages nothing. The seed's sigmoid drift score is kept for display only.
class MetricMonitor
{
public:
    enum class Verdict : std::uint8_t { Learning, Normal, Anomaly, Drift };
    struct Check {
        Verdict verdict = Verdict::Learning;
        double z = 0;         ///< the value's normal score under the reference
        int direction = 0;    ///< drift/anomaly: +1 up, −1 down
        double statistic = 0; ///< drift: the CUSUM statistic (or run length) that fired
    };

    explicit MetricMonitor(const DetectorConfig *config) : m_config(config) {}

    /// Apprenticeship: every value goes into the reference.
    void learn(double v);
    /// Statistical monitoring: scores v, updates the detector, learns v if it is in control.
    Check check(double v);

    /// Accept the change as the new normal: the reference restarts from the values since the
    /// estimated change point; detection resumes after DetectorConfig::rebaseValues values.
    void rebase();
    /// Clears the detector statistics and any latched drift (after "dismiss" / IGNORE).
    void resetDetector();
    /// Forgets everything (re-learning after a critical failure).
    void clear();

    bool isLatched() const { return m_latched != 0; }
    int latchedDirection() const { return m_latched; }
    bool isRebasing() const { return m_rebasing; }
    int referenceCount() const { return int(m_reference.size()); }
    /// Quantile of the reference sample (exact order statistic); NaN when empty.
    double referenceQuantile(double q) const;
    /// The seed's score: 1/(1+e^(3−|z|)) with z from the profile's mean and std. Display only.
    static double seedDriftScore(const Moments &profile, double v);
    /// Normal score of v under the current reference, computed exactly (0 when there is none yet).
    double zScore(double v) const;

    /// The sorted reference sample.
    const std::vector<float> &reference() const { return m_reference; }
    /// The last values seen (up to 64), oldest first.
    std::vector<double> recentValues(int max = 64) const;
    double recentMean(int count) const;

    QByteArray serialize() const;
    bool deserialize(const QByteArray &data);

private:
    void insertReference(double v);
    void refreshTails();
    void rebuildTable();
    double fastZ(double v) const;
    void pushRecent(double v);
    std::uint64_t nextRandom();

    const DetectorConfig *m_config;
    std::vector<float> m_reference; // sorted
    std::uint64_t m_offered = 0;    // values offered to the reservoir
    std::uint64_t m_rng = 0x9E3779B97F4A7C15ull;
    // cached tail anchors
    double m_q50 = 0, m_qLow = 0, m_qHigh = 0, m_sLow = 1, m_sHigh = 1;
    double m_k = 0.5;
    double m_fastK = 1.5;
    // Normal scores tabulated at TableBins+1 evenly spaced points over the body of the
    // reference and linearly interpolated: the per-value cost is O(1) instead of a binary search
    // and Φ⁻¹. Rebuilt after a quarter of the reference has been replaced. Discrete metrics
    // (many ties) keep the exact mid-rank path, where interpolation would blur the ties.
    static constexpr int TableBins = 256;
    std::vector<float> m_table;
    double m_tableLow = 0, m_tableScale = 0;
    bool m_discrete = false;
    int m_changesSinceTable = 0;
    int m_rebuildAfter = 1;
    double m_minRunZ = 2.0; ///< below this |z| no run rule can be extended
    bool m_anyRun = false;
    // detector
    double m_up = 0, m_down = 0;
    double m_fastUp = 0, m_fastDown = 0;
    std::uint64_t m_upStart = 0, m_downStart = 0; // sequence numbers where each CUSUM left zero
    std::array<int, DetectorConfig::RunRuleCount> m_runUp{}, m_runDown{};
    int m_latched = 0;
    int m_latchedValues = 0;
    std::uint64_t m_changeStart = 0;
    bool m_rebasing = false;
    bool m_pendingValid = false;
    double m_pending = 0; // an isolated outside value, learned once the next value is back inside
    // recent values ring
    static constexpr int RecentSize = 64;
    std::array<double, RecentSize> m_recent{};
    std::array<float, RecentSize> m_recentZ{};
    std::uint64_t m_seq = 0; // values pushed so far
};

} // namespace Apprentice
