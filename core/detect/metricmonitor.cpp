#include "metricmonitor.h"

#include "stats/ddsketch.h"
#include "stats/normal.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <mutex>

namespace Apprentice {

namespace {
constexpr double ZTail = 2.3263478740408408; // Φ⁻¹(0.99)

// Φ⁻¹((r/2 + 0.5)/(n + 1)) for every half-rank r/2 in [0, n]: the scores of a reference of n values,
// computed once per reference size instead of once per table point or exact score.
const double *halfRankScores(size_t n)
{
    static std::mutex mutex;
    static std::map<size_t, std::unique_ptr<double[]>> tables;
    std::lock_guard lock(mutex);
    auto &table = tables[n];
    if (!table) {
        table = std::make_unique<double[]>(2 * n + 1);
        for (size_t r = 0; r <= 2 * n; ++r)
            table[r] = inverseNormalCdf((0.5 * double(r) + 0.5) / double(n + 1));
    }
    return table.get();
}
} // namespace

std::uint64_t MetricMonitor::nextRandom()
{
    // xorshift64*: deterministic, so replays of the same file give the same events.
    m_rng ^= m_rng >> 12;
    m_rng ^= m_rng << 25;
    m_rng ^= m_rng >> 27;
    return m_rng * 2685821657736338717ull;
}

double MetricMonitor::nextUniform()
{
    return (double(nextRandom() >> 11) + 0.5) * 0x1p-53; // in (0, 1)
}

void MetricMonitor::scheduleNextKeep(bool first)
{
    // Algorithm L (Li 1994): the same uniform reservoir as Algorithm R, one draw per kept value.
    const double k = double(m_config->referenceSize);
    const double step = std::exp(std::log(nextUniform()) / k);
    m_keepW = first ? step : m_keepW * step;
    drawSkip();
}

void MetricMonitor::drawSkip()
{
    const double skip = std::floor(std::log(nextUniform()) / std::log1p(-std::clamp(m_keepW, 1e-300, 1.0 - 0x1p-53)));
    m_nextKeep = m_offered + 1 + std::uint64_t(std::clamp(skip, 0.0, 1e18));
}

void MetricMonitor::keepReference(double v)
{
    const auto size = size_t(m_config->referenceSize);
    const float f = float(v);
    if (m_reference.size() < size) {
        m_reference.insert(std::upper_bound(m_reference.begin(), m_reference.end(), f), f);
        if (m_reference.size() == size)
            scheduleNextKeep(true);
    } else {
        // Lemire's multiply-shift for the uniform slot to replace.
        __extension__ using U128 = unsigned __int128;
        const auto j = std::ptrdiff_t(U128(nextRandom()) * size >> 64);
        // Removing the j-th smallest of a uniformly chosen j removes a uniformly random element.
        // One shift of the values between the removed slot and the new one, not two of the tail.
        float *data = m_reference.data();
        const std::ptrdiff_t at = std::upper_bound(data, data + size, f) - data;
        if (at > j) {
            std::memmove(data + j, data + j + 1, size_t(at - 1 - j) * sizeof(float));
            data[at - 1] = f;
        } else {
            std::memmove(data + at + 1, data + at, size_t(j - at) * sizeof(float));
            data[at] = f;
        }
        scheduleNextKeep(m_nextKeep == 0);
    }
    ++m_changesSinceTable;
    m_distinctValid = false;
}

void MetricMonitor::refreshTails()
{
    const size_t n = m_reference.size();
    if (n == 0)
        return;
    auto at = [&](double q) { return double(m_reference[size_t(std::lround(q * double(n - 1)))]); };
    m_q50 = at(0.5);
    m_qLow = at(0.01);
    m_qHigh = at(0.99);
    const double iqrSigma = (at(0.75) - at(0.25)) / 1.349;
    const double floor = std::max({1e-3 * std::abs(m_q50), 0.25 * iqrSigma, 1e-9});
    // The 99th percentile of a small reference is nearly its maximum, a noisy estimate; the
    // 90th gives a steadier scale, the 99th a wider one for heavy tails. Take the wider.
    constexpr double Z90 = 1.2815515655446004;
    m_sHigh = std::max({(m_qHigh - m_q50) / ZTail, (at(0.9) - m_q50) / Z90, floor});
    m_sLow = std::max({(m_q50 - m_qLow) / ZTail, (m_q50 - at(0.1)) / Z90, floor});
    m_k = m_config->cusumK + m_config->smallSampleK / std::sqrt(double(n));
    m_fastK = m_config->fastK + m_config->smallSampleK / std::sqrt(double(n));
}

void MetricMonitor::rebuildTable()
{
    refreshTails();
    m_changesSinceTable = 0;
    // Next rebuild once a quarter of the reference has been replaced.
    m_rebuildAfter = std::max(1, int(m_reference.size()) / 4);
    m_minRunZ = m_config->runRules[0].z;
    for (const auto &rule : m_config->runRules)
        m_minRunZ = std::min(m_minRunZ, rule.z);
    m_table.clear();
    m_hotScale = std::numeric_limits<double>::quiet_NaN();
    m_llrOn = false;
    const size_t n = m_reference.size();
    if (n == 0)
        return;
    if (n != m_rankN) {
        m_rankN = n;
        m_rankZ = n == size_t(m_config->referenceSize) ? halfRankScores(n) : nullptr;
    }
    // Heavy ties (a value holding ≥ 5 % of the reference) need exact mid-ranks.
    size_t run = 1, longest = 1;
    for (size_t i = 1; i < n; ++i) {
        run = m_reference[i] == m_reference[i - 1] ? run + 1 : 1;
        longest = std::max(longest, run);
    }
    m_discrete = longest * 20 >= n && n >= 20;
    refreshShape();
    if (m_discrete)
        return;
    const double low = m_qLow - 4 * m_sLow;
    const double high = m_qHigh + 4 * m_sHigh;
    if (!(high > low))
        return;
    m_tableLow = low;
    m_tableScale = TableBins / (high - low);
    m_table.resize(TableBins + 1);
    // One merge-like sweep over the sorted reference instead of a binary search per point.
    size_t lo = 0, hi = 0;
    for (int i = 0; i <= TableBins; ++i) {
        const double x = low + i / m_tableScale;
        const float fx = float(x);
        while (lo < n && m_reference[lo] < fx)
            ++lo;
        if (hi < lo)
            hi = lo;
        while (hi < n && m_reference[hi] <= fx)
            ++hi;
        double z = rankScore(lo, hi);
        if (x > m_qHigh)
            z = std::max(z, ZTail + (x - m_qHigh) / m_sHigh);
        else if (x < m_qLow)
            z = std::min(z, -ZTail - (m_qLow - x) / m_sLow);
        m_table[size_t(i)] = {float(z), 0.0f};
    }
    m_hotScale = m_tableScale;
    buildLlrTable();
}

namespace {
// ln x to about 1e-4 (a 4,096-entry mantissa table): far finer than the kernel's bandwidth.
double roughLog(double x)
{
    return DDSketchDetail::roughLog2(x) * 0.6931471805599453;
}
} // namespace

void MetricMonitor::buildLlrTable()
{
    m_llrOn = false;
    for (TablePoint &p : m_table)
        p.llr = 0;
    const double shift = m_config->llrShiftSigmas;
    const size_t n = m_reference.size();
    if (!(shift > 0) || m_table.empty() || n < 64 || !(m_reference.front() > 0))
        return;
    std::vector<double> logs(n);
    for (size_t i = 0; i < n; ++i)
        logs[i] = roughLog(double(m_reference[i]));
    if (!std::isfinite(logs.front()) || !std::isfinite(logs.back()))
        return;
    auto at = [&](double q) { return logs[size_t(std::lround(q * double(n - 1)))]; };
    const double sigma = (at(0.75) - at(0.25)) / 1.3489795003921634; // the body's spread, robust to tails
    if (!(sigma > 0))
        return;
    const double lnRho = shift * sigma;
    // Kernel density of the log values (Silverman's bandwidth on the robust spread), binned: linear
    // binning onto a grid of half a bandwidth, then the Gaussian kernel scattered from the occupied bins.
    const double bw = 0.9 * sigma * std::pow(double(n), -0.2);
    const double lo = logs.front() - 5 * bw - lnRho;
    const double hi = logs.back() + 5 * bw;
    const double bin = std::max(bw / 2, (hi - lo) / 4096);
    const int bins = int(std::ceil((hi - lo) / bin)) + 2;
    std::vector<double> hist(size_t(bins), 0.0);
    for (double l : logs) {
        const double p = (l - lo) / bin;
        const int k = int(p);
        const double w = p - k;
        hist[size_t(k)] += 1 - w;
        hist[size_t(k + 1)] += w;
    }
    const int taps = int(std::ceil(4 * bw / bin));
    std::vector<double> kernel(size_t(taps) + 1);
    for (int t = 0; t <= taps; ++t)
        kernel[size_t(t)] = std::exp(-0.5 * (t * bin / bw) * (t * bin / bw));
    std::vector<double> density(size_t(bins), 0.0);
    for (int i = 0; i < bins; ++i) {
        if (hist[size_t(i)] == 0)
            continue; // scatter each occupied bin: at most 2n of them
        const double h = hist[size_t(i)];
        const int from = std::max(0, i - taps), to = std::min(bins - 1, i + taps);
        for (int j = from; j <= to; ++j)
            density[size_t(j)] += h * kernel[size_t(std::abs(j - i))];
    }
    // Below about a tenth of one isolated value's bump the estimate is noise: floor it there.
    const double floor = 0.1 * kernel[0];
    const auto densityAt = [&](double l) {
        const double p = (l - lo) / bin;
        if (!(p >= 0) || p >= bins - 1)
            return floor;
        const int k = int(p);
        const double w = p - k;
        return floor + density[size_t(k)] * (1 - w) + density[size_t(k + 1)] * w;
    };
    const double clampAt = m_config->llrClamp;
    for (int i = 0; i <= TableBins; ++i) {
        const double x = m_tableLow + i / m_tableScale;
        double r = -clampAt;
        if (x > 0) {
            const double l = roughLog(x);
            r = std::clamp(roughLog(densityAt(l - lnRho) / densityAt(l)), -clampAt, clampAt);
        }
        m_table[size_t(i)].llr = float(r);
    }
    m_llrOn = true;
}

void MetricMonitor::refreshShape()
{
    m_novelZ = 0;
    m_logScale = 0;
    m_bodyLow = -HUGE_VAL;
    m_bodyHigh = HUGE_VAL;
    const size_t n = m_reference.size();
    if (n < 20)
        return;
    if (m_discrete) {
        size_t singletons = 0;
        for (size_t i = 0; i < n; ++i)
            singletons += (i == 0 || m_reference[i] != m_reference[i - 1]) && (i + 1 == n || m_reference[i] != m_reference[i + 1]);
        const double unseen = (double(singletons) + 1) / double(n + 1);
        m_novelZ = inverseNormalCdf(1 - unseen / 2);
        return;
    }
    if (!(m_config->bodyCap > 0))
        return;
    auto at = [&](double q) { return double(m_reference[size_t(std::lround(q * double(n - 1)))]); };
    const double q25 = at(0.25), q75 = at(0.75), q50 = at(0.5);
    if (!(q25 > 0) || !(q75 > q25))
        return;
    // Upper side only, scaled by the upper half of the body: slow paths and slowdowns are upward,
    // and a skewed body (a pass rate bounded by 1, say) must not score its long side too high.
    const double scale = (std::log(q75) - std::log(q50)) / 0.6744897501960817;
    if (!(scale > 0))
        return;
    m_logMid = std::log(q50);
    m_logScale = 1 / scale;
    m_bodyHigh = std::exp(m_logMid + m_config->bodyBand * scale);
}

double MetricMonitor::bodyScore(double v, double z) const
{
    if (!(v > 0) || m_logScale == 0)
        return z;
    const double zr = (std::log(v) - m_logMid) * m_logScale;
    const double cap = m_config->bodyCap;
    return zr > 0 && z > 0 ? std::max(z, std::min(zr, cap)) : z;
}

double MetricMonitor::rankScore(size_t lo, size_t hi) const
{
    const size_t n = m_reference.size();
    if (m_rankZ && n == m_rankN)
        return m_rankZ[lo + hi];
    const double rank = double(lo) + 0.5 * double(hi - lo);
    return inverseNormalCdf((rank + 0.5) / double(n + 1));
}

namespace {
inline std::uint32_t distinctSlot(std::uint32_t bits)
{
    return std::uint32_t((std::uint64_t(bits) * 0x9E3779B97F4A7C15ull) >> 57); // 7 bits: DistinctSlots
}
} // namespace

void MetricMonitor::rebuildDistinct()
{
    static_assert(DistinctSlots == 128, "distinctSlot() takes 7 bits");
    m_distinctValid = true;
    m_distinctUsable = false;
    const size_t n = m_reference.size();
    if (n == 0)
        return;
    if (!m_distinct)
        m_distinct = std::make_unique<DistinctTable>();
    m_distinct->bits.fill(NoValue);
    size_t distinct = 0;
    for (size_t lo = 0; lo < n;) {
        if (++distinct > DistinctSlots / 2)
            return; // too many values for the table: zScore() for all
        size_t hi = lo + 1;
        while (hi < n && m_reference[hi] == m_reference[lo])
            ++hi;
        const auto bits = std::bit_cast<std::uint32_t>(m_reference[lo]);
        std::uint32_t i = distinctSlot(bits);
        while (m_distinct->bits[i] != NoValue)
            i = (i + 1) % DistinctSlots;
        m_distinct->bits[i] = bits;
        m_distinct->z[i] = rankScore(lo, hi); // what zScore() returns for a value the reference holds
        lo = hi;
    }
    m_distinctUsable = true;
}

double MetricMonitor::discreteZ(double v)
{
    if (!m_distinctValid) [[unlikely]]
        rebuildDistinct();
    if (m_distinctUsable) [[likely]] {
        const auto bits = std::bit_cast<std::uint32_t>(float(v));
        for (std::uint32_t i = distinctSlot(bits);; i = (i + 1) % DistinctSlots) {
            const std::uint32_t held = m_distinct->bits[i];
            if (held == bits)
                return m_distinct->z[i];
            if (held == NoValue)
                break;
        }
    }
    return zScore(v);
}

double MetricMonitor::zScore(double v) const
{
    const size_t n = m_reference.size();
    if (n == 0)
        return 0;
    const float f = float(v);
    const auto lo = std::lower_bound(m_reference.begin(), m_reference.end(), f);
    auto hi = lo;
    if (hi != m_reference.end() && *hi == f)
        hi = std::upper_bound(lo, m_reference.end(), f);
    double z = rankScore(size_t(lo - m_reference.begin()), size_t(hi - m_reference.begin()));
    // Compare at the reference's float precision: 0.99 must equal the stored 0.99f, not sit below it.
    const double vf = double(f);
    if (hi != lo)
        return z; // a value the reference holds: its mid-rank says all there is
    if (m_discrete && m_novelZ > std::abs(z))
        z = vf >= m_q50 ? m_novelZ : -m_novelZ;
    if (vf > m_qHigh)
        z = std::max(z, ZTail + (vf - m_qHigh) / m_sHigh);
    else if (vf < m_qLow)
        z = std::min(z, -ZTail - (m_qLow - vf) / m_sLow);
    return z;
}

void MetricMonitor::learn(double v)
{
    pushRecent(v);
    insertReference(v);
}

MetricMonitor::Check MetricMonitor::checkStarting(double v)
{
    const DetectorConfig &cfg = *m_config;
    if (m_rebasing || int(m_reference.size()) < cfg.minReference) {
        learn(v);
        if (m_rebasing && int(m_reference.size()) >= cfg.rebaseValues)
            m_rebasing = false;
        return {};
    }
    rebuildTable();
    return checkScored(v);
}

MetricMonitor::Check MetricMonitor::checkOutside(double v, double z, std::uint64_t seq, Check result)
{
    const DetectorConfig &cfg = *m_config;
    // Only the recovery check reads these scores, and only those of values since the latch: every one of
    // them comes through here (a latched monitor is never quiet), so quiet values need not write theirs.
    m_recentZ[seq % RecentSize] = float(z);
    bool runUpFires = false, runDownFires = false;
    if (std::abs(z) <= m_minRunZ) {
        // Inside every rule's band: all runs end.
        if (m_anyRun) {
            m_runUp.fill(0);
            m_runDown.fill(0);
            m_anyRun = false;
        }
    } else {
        m_anyRun = true;
        for (int i = 0; i < DetectorConfig::RunRuleCount; ++i) {
            const auto &rule = cfg.runRules[i];
            m_runUp[size_t(i)] = z > rule.z ? m_runUp[size_t(i)] + 1 : 0;
            m_runDown[size_t(i)] = z < -rule.z ? m_runDown[size_t(i)] + 1 : 0;
            runUpFires = runUpFires || m_runUp[size_t(i)] >= rule.length;
            runDownFires = runDownFires || m_runDown[size_t(i)] >= rule.length;
        }
    }
    runUpFires = runUpFires || m_fastUp > cfg.fastH;
    runDownFires = runDownFires || m_fastDown > cfg.fastH;
    const bool llrFires = m_llrUp > cfg.llrH;
    const bool upFires = m_latched != 1 && (m_up > cfg.cusumH || runUpFires || llrFires);
    const bool downFires = m_latched != -1 && (m_down > cfg.cusumH || runDownFires);
    if (upFires || downFires) {
        result.verdict = Verdict::Drift;
        result.direction = upFires ? 1 : -1;
        const auto &runs = upFires ? m_runUp : m_runDown;
        const int longestRun = *std::max_element(runs.begin(), runs.end());
        const bool byRun = (upFires ? runUpFires : runDownFires) && (upFires ? m_up : m_down) <= cfg.cusumH;
        const bool byLlr = upFires && llrFires && !runUpFires && m_up <= cfg.cusumH;
        result.statistic = byLlr ? m_llrUp : upFires ? m_up : m_down;
        if (byRun)
            m_changeStart = seq + 1 - std::uint64_t(longestRun);
        else if (byLlr)
            m_changeStart = m_llrStart;
        else
            m_changeStart = upFires ? m_upStart : m_downStart;
        m_latched = result.direction;
        m_latchedValues = 0;
        m_up = m_down = m_fastUp = m_fastDown = m_llrUp = 0;
        m_runUp.fill(0);
        m_runDown.fill(0);
        m_anyRun = false;
        m_pendingValid = false;
        return result;
    }

    if (m_latched) {
        // Stay latched until a whole window of scores looks like the profile again. Checked once
        // per window, and strictly (mean within ±0.25, 2 standard errors of 64 normal scores), so
        // a change that is still there — a slow creep, say — does not unlatch and re-alarm.
        if (++m_latchedValues % cfg.recoveryWindow == 0) {
            double sum = 0;
            for (int i = 0; i < cfg.recoveryWindow; ++i)
                sum += std::clamp(double(m_recentZ[(seq - std::uint64_t(i)) % RecentSize]), -cfg.zClamp, cfg.zClamp);
            if (std::abs(sum / cfg.recoveryWindow) < 0.25)
                resetDetector();
        }
        return result;
    }

    if (std::abs(z) >= cfg.anomalyZ) {
        result.verdict = Verdict::Anomaly;
        result.direction = z > 0 ? 1 : -1;
        // Learned only if it stays isolated, so rare-but-normal values (slow paths, rare
        // output sizes) still enter the profile while shifts never do.
        m_pending = v;
        m_pendingValid = true;
        return result;
    }
    if (m_pendingValid) {
        insertReference(m_pending);
        m_pendingValid = false;
    }
    // No guard on the CUSUM level here: skipping values while it is raised would censor one side
    // of the profile (measured: a discrete metric's rarest low value vanished from the reference
    // and then alarmed). A real shift is latched, and latched values are never learned.
    insertReference(v);
    return result;
}

void MetricMonitor::rebase()
{
    const std::uint64_t available = std::min<std::uint64_t>(m_seq, RecentSize);
    const std::uint64_t first = std::max(m_changeStart, m_seq - available);
    std::vector<double> since;
    for (std::uint64_t s = first; s < m_seq; ++s)
        since.push_back(m_recent[s % RecentSize]);
    m_reference.clear();
    m_distinctValid = false;
    m_offered = 0;
    m_nextKeep = 0; // refilling: every value is kept
    for (double v : since)
        insertReference(v);
    resetDetector();
    m_rebuildAfter = 0; // score against the new reference at once, or learn until it is big enough
    m_rebasing = int(m_reference.size()) < m_config->rebaseValues;
}

void MetricMonitor::resetDetector()
{
    m_up = m_down = m_fastUp = m_fastDown = m_llrUp = 0;
    m_runUp.fill(0);
    m_runDown.fill(0);
    m_anyRun = false;
    m_latched = 0;
    m_latchedValues = 0;
    m_pendingValid = false;
}

void MetricMonitor::clear()
{
    const DetectorConfig *cfg = m_config;
    *this = MetricMonitor(cfg);
}

double MetricMonitor::referenceQuantile(double q) const
{
    if (m_reference.empty())
        return std::nan("");
    return double(m_reference[size_t(std::lround(std::clamp(q, 0.0, 1.0) * double(m_reference.size() - 1)))]);
}

double MetricMonitor::seedDriftScore(const Moments &profile, double v)
{
    const double sd = profile.stddev();
    if (profile.n == 0)
        return 0;
    if (sd == 0)
        return v == profile.mean ? 0.0 : 1.0;
    const double z = std::abs((v - profile.mean) / sd);
    return 1.0 / (1.0 + std::exp(-z + 3));
}

std::vector<double> MetricMonitor::recentValues(int max) const
{
    const std::uint64_t available = std::min<std::uint64_t>({m_seq, RecentSize, std::uint64_t(std::max(0, max))});
    std::vector<double> out;
    out.reserve(available);
    for (std::uint64_t s = m_seq - available; s < m_seq; ++s)
        out.push_back(m_recent[s % RecentSize]);
    return out;
}

double MetricMonitor::recentMean(int count) const
{
    const auto values = recentValues(count);
    if (values.empty())
        return std::nan("");
    double sum = 0;
    for (double v : values)
        sum += v;
    return sum / double(values.size());
}

QByteArray MetricMonitor::serialize() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint8(5) << quint32(m_reference.size());
    for (float f : m_reference)
        s << f;
    s << quint64(m_offered) << quint64(m_rng) << m_up << m_down << m_fastUp << m_fastDown << quint64(m_upStart) << quint64(m_downStart)
      << qint32(m_runUp[0]) << qint32(m_runDown[0]) << qint32(m_latched) << qint32(m_latchedValues)
      << quint64(m_changeStart) << m_rebasing << m_pendingValid << m_pending << quint64(m_seq);
    for (int i = 0; i < RecentSize; ++i)
        s << m_recent[size_t(i)] << m_recentZ[size_t(i)];
    // The score table as last built, so a restored monitor scores exactly like the original.
    s << m_q50 << m_qLow << m_qHigh << m_sLow << m_sHigh << m_k << m_fastK << m_tableLow << m_tableScale << m_discrete
      << qint32(m_changesSinceTable) << quint32(m_table.size());
    for (const TablePoint &p : m_table)
        s << p.z;
    s << m_keepW << quint64(m_nextKeep);
    s << m_llrUp << quint64(m_llrStart) << quint32(m_llrOn ? m_table.size() : 0);
    if (m_llrOn)
        for (const TablePoint &p : m_table)
            s << p.llr;
    return out;
}

bool MetricMonitor::deserialize(const QByteArray &data)
{
    QDataStream s(data);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 version = 0;
    quint32 n = 0;
    s >> version >> n;
    if (s.status() != QDataStream::Ok || version < 3 || version > 5 || n > 1u << 20)
        return false;
    MetricMonitor m(m_config);
    m.m_reference.resize(n);
    for (auto &f : m.m_reference)
        s >> f;
    quint64 offered, rng, upStart, downStart, changeStart, seq;
    qint32 runUp, runDown, latched, latchedValues;
    s >> offered >> rng >> m.m_up
        >> m.m_down >> m.m_fastUp >> m.m_fastDown >> upStart >> downStart >> runUp >> runDown >> latched >> latchedValues >> changeStart
        >> m.m_rebasing >> m.m_pendingValid >> m.m_pending >> seq;
    for (int i = 0; i < RecentSize; ++i)
        s >> m.m_recent[size_t(i)] >> m.m_recentZ[size_t(i)];
    qint32 changes = 0;
    quint32 tableSize = 0;
    s >> m.m_q50 >> m.m_qLow >> m.m_qHigh >> m.m_sLow >> m.m_sHigh >> m.m_k >> m.m_fastK >> m.m_tableLow >> m.m_tableScale
        >> m.m_discrete >> changes >> tableSize;
    if (tableSize != 0 && tableSize != TableBins + 1)
        return false;
    m.m_table.resize(tableSize);
    for (auto &p : m.m_table) {
        s >> p.z;
        p.llr = 0;
    }
    m.m_hotScale = tableSize ? m.m_tableScale : std::numeric_limits<double>::quiet_NaN();
    quint64 nextKeep = 0;
    if (version >= 4)
        s >> m.m_keepW >> nextKeep;
    if (version >= 5) {
        quint64 llrStart = 0;
        quint32 llrSize = 0;
        s >> m.m_llrUp >> llrStart >> llrSize;
        if (llrSize != 0 && llrSize != tableSize)
            return false;
        m.m_llrStart = llrStart;
        for (quint32 i = 0; i < llrSize; ++i)
            s >> m.m_table[i].llr;
        m.m_llrOn = llrSize != 0;
    }
    m.m_changesSinceTable = changes;
    m.m_rebuildAfter = m.m_rebasing || int(m.m_reference.size()) < m_config->minReference ? 0
        : tableSize                                                              ? std::max(1, int(m.m_reference.size()) / 4)
                                                                                 : 1;
    m.m_anyRun = true; // conservative: the next in-band value clears the counters
    for (const auto &rule : m_config->runRules)
        m.m_minRunZ = std::min(m.m_minRunZ, rule.z);
    if (s.status() != QDataStream::Ok || !std::is_sorted(m.m_reference.begin(), m.m_reference.end()))
        return false;
    m.m_offered = offered;
    m.m_rng = rng;
    m.m_upStart = upStart;
    m.m_downStart = downStart;
    m.m_changeStart = changeStart;
    m.m_seq = seq;
    m.m_runUp[0] = runUp;
    m.m_runDown[0] = runDown;
    m.m_latched = latched;
    m.m_latchedValues = latchedValues;
    m.m_nextKeep = m.m_reference.size() < size_t(m_config->referenceSize) ? 0 : nextKeep;
    m.refreshShape();
    if (version < 5 && tableSize != 0)
        m.buildLlrTable(); // stored before the likelihood-ratio CUSUM: its table from the reference, on the stored grid
    if (version < 4 && m.m_reference.size() >= size_t(m_config->referenceSize)) {
        // Stored by Algorithm R: continue the skips from the expected weight after `offered` values.
        m.m_keepW = std::min(1.0, double(m_config->referenceSize) / double(offered + 1));
        m.drawSkip();
    }
    *this = std::move(m);
    return true;
}

} // namespace Apprentice
