#pragma once

#include "detectorconfig.h"
#include "stats/distribution.h"

#include <QByteArray>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace Apprentice {

/// Watches one metric of one tool against its learned reference.
///
/// Every value is turned into a calibrated normal score: its mid-rank among a reservoir of
/// in-control reference values, mapped through Φ⁻¹, with a linear tail beyond the 1st/99th
/// percentiles. Heavy tails, slow paths and discrete values therefore score like a standard
/// normal under the profile itself. A two-sided CUSUM on the clamped scores detects sustained
/// shifts; a run of clearly-outside values detects abrupt ones; on a positive continuous metric a
/// CUSUM of the scale-shift log-likelihood ratio (kernel densities of the reference in log space)
/// finds a shift into a sparse region the ranks cannot tell from a heavy tail; an isolated far
/// value is an anomaly and engages nothing. The seed's sigmoid drift score is kept for display only.
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
    [[gnu::always_inline]] Check check(double v)
    {
        // m_rebuildAfter is 0 while rebasing or while the reference is too small, so this one test
        // also sends those values to checkStarting().
        if (m_changesSinceTable >= m_rebuildAfter) [[unlikely]]
            return checkStarting(v);
        return checkScored(v);
    }

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
    Check checkStarting(double v);
    [[gnu::always_inline]] inline Check checkScored(double v);
    Check checkOutside(double v, double z, std::uint64_t seq, Check result);
    void insertReference(double v)
    {
        ++m_offered;
        if (m_offered < m_nextKeep) [[likely]] // m_nextKeep is 0 until the reservoir is full: every value is kept
            return;
        keepReference(v);
    }
    void keepReference(double v);
    void scheduleNextKeep(bool first);
    void drawSkip();
    void refreshTails();
    void rebuildTable();
    double fastZ(double v)
    {
        if (m_table.empty())
            return m_discrete ? discreteZ(v) : zScore(v);
        const double x = (v - m_tableLow) * m_tableScale;
        if (!(x >= 0) || x >= TableBins)
            return zScore(v); // outside the body: the tail formula, no search needed beyond the ends
        const int b = int(x);
        const double f = x - b;
        return m_table[size_t(b)].z + f * (m_table[size_t(b + 1)].z - m_table[size_t(b)].z);
    }
    double rankScore(size_t lo, size_t hi) const;
    double discreteZ(double v);
    void rebuildDistinct();
    double bodyScore(double v, double z) const;
    void refreshShape();
    void buildLlrTable();
    void pushRecent(double v)
    {
        m_recent[m_seq % RecentSize] = v;
        ++m_seq;
    }
    std::uint64_t nextRandom();
    double nextUniform();

    // The fields every scored value reads or writes come first, side by side: with 4 metrics of 20
    // tools in play, a value's cost is mostly the cache lines it touches.
    const DetectorConfig *m_config;
    // Normal scores tabulated at TableBins+1 evenly spaced points over the body of the
    // reference and linearly interpolated: the per-value cost is O(1) instead of a binary search
    // and Φ⁻¹. Rebuilt after a quarter of the reference has been replaced. Discrete metrics
    // (many ties) keep the exact mid-rank path, where interpolation would blur the ties.
    static constexpr int TableBins = 256;
    // Each point also holds the scale-shift log-likelihood ratio (0 where it is off), so a value
    // reads both from the same two points.
    struct TablePoint {
        float z;
        float llr;
    };
    std::vector<TablePoint> m_table;
    double m_tableLow = 0, m_tableScale = 0;
    double m_hotScale = std::numeric_limits<double>::quiet_NaN(); ///< m_tableScale with a table, NaN without: one range test covers both
    double m_bodyLow = -HUGE_VAL, m_bodyHigh = HUGE_VAL;
    // detector
    double m_up = 0, m_down = 0;
    double m_fastUp = 0, m_fastDown = 0;
    double m_k = 0.5;
    double m_fastK = 1.5;
    double m_minRunZ = 2.0; ///< below this |z| no run rule can be extended
    double m_llrUp = 0;     ///< CUSUM of the scale-shift log-likelihood ratio
    std::uint64_t m_upStart = 0, m_downStart = 0, m_llrStart = 0; // sequence numbers where each CUSUM left zero
    std::uint64_t m_seq = 0;        // values pushed so far
    std::uint64_t m_offered = 0;    // values offered to the reservoir
    std::uint64_t m_nextKeep = 0;   // m_offered at which the next value is kept; 0 while the reservoir fills
    std::vector<float> m_reference; // sorted
    int m_latched = 0;
    int m_changesSinceTable = 0;
    int m_rebuildAfter = 0; ///< table rebuilt after this many changes; 0: not scoring yet (rebasing, small reference)
    bool m_anyRun = false;
    bool m_pendingValid = false;
    bool m_rebasing = false;
    bool m_discrete = false;
    bool m_llrOn = false; ///< the table holds likelihood ratios (a positive continuous reference)
    // recent values ring
    static constexpr int RecentSize = 64;
    std::array<double, RecentSize> m_recent{};
    std::array<float, RecentSize> m_recentZ{}; // scores of the values that reached checkOutside (all while latched)
    // Everything below is read on the rare paths only.
    std::uint64_t m_rng = 0x9E3779B97F4A7C15ull;
    // Reservoir sampling by skips (Li's Algorithm L): once the reservoir is full, the index of the
    // next value to keep is drawn in advance, so the values in between cost no random number.
    double m_keepW = 0;
    // Φ⁻¹ of every half-rank of a full reference, shared by all monitors of that size (nullptr: compute).
    const double *m_rankZ = nullptr;
    size_t m_rankN = 0;
    // cached tail anchors
    double m_q50 = 0, m_qLow = 0, m_qHigh = 0, m_sLow = 1, m_sHigh = 1;
    // Shape of the reference, refreshed with the table: a discrete metric's score for a value the
    // reference has never held (Good–Turing: unseen values are as rare as singletons), and the
    // log-scale body bands of a positive continuous one (values outside them go to bodyScore).
    double m_novelZ = 0;
    double m_logMid = 0, m_logScale = 0;
    // A discrete reference's distinct values and their exact mid-rank scores, in a small open-addressed
    // table keyed by the float's bits: the score zScore() would compute, without its binary searches.
    // Rebuilt on first use after the reference changed; a value not in it takes zScore().
    static constexpr std::uint32_t DistinctSlots = 128; // at most half full
    static constexpr std::uint32_t NoValue = 0x7fc00000u; // a NaN: never a stored value's bits
    struct DistinctTable {
        std::array<std::uint32_t, DistinctSlots> bits;
        std::array<double, DistinctSlots> z;
    };
    std::unique_ptr<DistinctTable> m_distinct;
    bool m_distinctValid = false;
    bool m_distinctUsable = false;
    std::array<int, DetectorConfig::RunRuleCount> m_runUp{}, m_runDown{};
    int m_latchedValues = 0;
    std::uint64_t m_changeStart = 0;
    double m_pending = 0; // an isolated outside value, learned once the next value is back inside
};

inline MetricMonitor::Check MetricMonitor::checkScored(double v)
{
    const DetectorConfig &cfg = *m_config;
    Check result;
    double z, llr = 0;
    const double x = (v - m_tableLow) * m_hotScale;
    if (x >= 0 && x < TableBins) [[likely]] { // false for NaN: no table
        // the score and the likelihood ratio, both interpolated between the same two grid points
        const int b = int(x);
        const double f = x - b;
        const TablePoint *t = m_table.data() + b;
        z = t[0].z + f * (t[1].z - t[0].z);
        llr = t[0].llr + f * (t[1].llr - t[0].llr);
    } else {
        z = fastZ(v);
        if (m_llrOn)
            llr = x >= TableBins ? cfg.llrClamp : -cfg.llrClamp;
    }
    if ((v > m_bodyHigh) | (v < m_bodyLow)) [[unlikely]]
        z = bodyScore(v, z);
    const std::uint64_t seq = m_seq;
    pushRecent(v);
    result.z = z;
    result.verdict = Verdict::Normal;

    // The CUSUMs, without branches; each side remembers where it last left zero (the
    // change-point estimate a rebase starts from).
    const double zc = std::clamp(z, -cfg.zClamp, cfg.zClamp);
    m_upStart = m_up > 0 ? m_upStart : seq;
    m_downStart = m_down > 0 ? m_downStart : seq;
    m_llrStart = m_llrUp > 0 ? m_llrStart : seq;
    m_up = std::max(0.0, m_up + zc - m_k);
    m_down = std::max(0.0, m_down - zc - m_k);
    m_fastUp = std::max(0.0, m_fastUp + zc - m_fastK);
    m_fastDown = std::max(0.0, m_fastDown - zc - m_fastK);
    m_llrUp = std::max(0.0, m_llrUp + llr);

    // The common case in one test: inside every run rule's band, no run open, no CUSUM over its
    // threshold, nothing latched or pending. The value is learned and nothing else happens.
    // (The statistics are never NaN and never negative: a pair is under its threshold when its larger one is.)
    const bool quiet = (std::abs(z) <= m_minRunZ) & (std::max(m_up, m_down) <= cfg.cusumH)
        & (std::max(m_fastUp, m_fastDown) <= cfg.fastH) & (m_llrUp <= cfg.llrH)
        & ((m_latched | int(m_anyRun) | int(m_pendingValid)) == 0);
    if (quiet) [[likely]] {
        insertReference(v);
        return result;
    }
    return checkOutside(v, z, seq, result);
}

} // namespace Apprentice
