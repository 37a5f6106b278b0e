#include "shadowcomparator.h"

#include "metricunit.h"
#include "shadowstats.h"
#include "trends/trendstats.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

namespace Apprentice {

struct ShadowComparator::MetricSamples {
    MetricSamples(std::string_view name, int capacity, std::uint64_t seed)
        : metric(name)
        , all(capacity, seed)
        , recent(capacity, seed ^ 0x5bd1e995ULL)
    {
    }
    std::string metric;
    Reservoir all;
    Reservoir recent;
    Moments allMoments;
    Moments recentMoments;
};

struct ShadowComparator::ToolSamples {
    std::string tool;
    qint64 calls = 0;
    qint64 errors = 0;
    qint64 recentCalls = 0;
    qint64 recentErrors = 0;
    std::uint64_t seed = 0;
    std::array<MetricSamples *, BuiltinMetricCount> builtin{};
    std::vector<std::unique_ptr<MetricSamples>> metrics; // in order of first appearance
};

struct ShadowComparator::VersionSamples {
    std::string workflow;
    std::string version;
    qint64 records = 0;
    qint64 firstMs = 0;
    qint64 lastMs = 0;
    std::string epochVersion; // the version whose arrival started the "recent" period; empty: own start
    qint64 epochMs = 0;
    std::vector<std::unique_ptr<ToolSamples>> tools;
    ToolSamples *lastTool = nullptr;
};

struct ShadowComparator::WorkflowSamples {
    std::vector<std::unique_ptr<VersionSamples>> versions;
};

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/// FNV-1a: a stable seed per key, so a replay samples the same values on every machine.
std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ULL)
{
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

double relative(double value, double reference)
{
    if (reference == 0)
        return value == 0 ? 0 : std::copysign(std::numeric_limits<double>::infinity(), value);
    return (value - reference) / std::abs(reference);
}

QString fmt(double v)
{
    if (!std::isfinite(v))
        return v > 0 ? QStringLiteral("∞") : v < 0 ? QStringLiteral("−∞") : QStringLiteral("n/a");
    return QString::number(v, 'g', std::abs(v) >= 1000 ? 6 : 4);
}

QString signedPercent(double fraction)
{
    if (!std::isfinite(fraction))
        return fmt(fraction);
    return (fraction >= 0 ? QStringLiteral("+") : QString()) + QString::number(fraction * 100, 'f', 1) + QStringLiteral(" %");
}

QString signedPoints(double share)
{
    return (share >= 0 ? QStringLiteral("+") : QString()) + QString::number(share * 100, 'f', 2) + QStringLiteral(" pp");
}

QString pText(double p)
{
    return p < 0.001 ? QStringLiteral("p < 0.001") : QStringLiteral("p = %1").arg(QString::number(p, 'g', 2));
}

QString percentOf(double rate)
{
    return QString::number(rate * 100, 'g', 3) + QStringLiteral(" %");
}

std::vector<double> sortedValues(const Reservoir &r)
{
    std::vector<double> v = r.values();
    std::sort(v.begin(), v.end());
    return v;
}

qint64 ceilCalls(double v)
{
    if (!std::isfinite(v) || v > 1e12)
        return -1;
    return std::max<qint64>(1, qint64(std::ceil(v)));
}

/// More candidate calls before the worst plausible change could fall below the margin, assuming the
/// observed change stays and the interval narrows as 1/√n. −1 when it never will (change too close).
qint64 moreCallsFor(double observedBad, double worst, double margin, qint64 n)
{
    const double width = worst - observedBad;
    const double room = margin - observedBad;
    if (!(room > 0) || !(width > 0) || n <= 0)
        return -1;
    const double factor = (width / room) * (width / room);
    return ceilCalls(double(n) * factor - double(n));
}

/// More candidate calls before Newcombe's upper limit of the error-rate increase drops below the
/// margin, assuming the candidate's rate stays. −1 when it never will.
qint64 moreCallsForErrors(qint64 xb, qint64 nb, qint64 xc, qint64 nc, double margin, double z)
{
    if (nc <= 0 || nb <= 0)
        return -1;
    const double rate = double(xc) / double(nc);
    if (rate - double(xb) / double(nb) >= margin)
        return -1;
    const auto upper = [&](qint64 n) {
        return ShadowStats::newcombeDifference(xb, nb, qint64(std::llround(rate * double(n))), n, z).high;
    };
    qint64 hi = nc;
    while (upper(hi) >= margin) {
        if (hi > qint64(1) << 40)
            return -1;
        hi *= 2;
    }
    qint64 lo = nc;
    while (hi - lo > 1) {
        const qint64 mid = lo + (hi - lo) / 2;
        (upper(mid) < margin ? hi : lo) = mid;
    }
    return std::max<qint64>(0, hi - nc);
}

} // namespace

ShadowComparator::ShadowComparator(const ShadowConfig &config)
    : m_config(config)
{
}

ShadowComparator::~ShadowComparator() = default;

void ShadowComparator::clear()
{
    m_workflows.clear();
    m_last = nullptr;
}

void ShadowComparator::onRejected(qint64 line, const QString &reason)
{
    Q_UNUSED(line);
    Q_UNUSED(reason);
}

void ShadowComparator::add(const Record &record)
{
    onRecord(record.view(m_scratch));
}

ShadowComparator::VersionSamples &ShadowComparator::versionFor(std::string_view workflow, std::string_view version,
                                                                qint64 tsMs)
{
    if (m_last && m_last->workflow == workflow && m_last->version == version)
        return *m_last;
    auto it = m_workflows.find(workflow);
    if (it == m_workflows.end())
        it = m_workflows.emplace(std::string(workflow), std::make_unique<WorkflowSamples>()).first;
    WorkflowSamples &w = *it->second;
    for (const auto &v : w.versions) {
        if (v->version == version) {
            m_last = v.get();
            return *v;
        }
    }
    // A new version: every other version starts a new shared period, so a baseline can be compared
    // with this candidate over the same days.
    for (const auto &other : w.versions) {
        other->epochVersion = std::string(version);
        other->epochMs = tsMs;
        for (const auto &t : other->tools) {
            t->recentCalls = 0;
            t->recentErrors = 0;
            for (const auto &m : t->metrics) {
                m->recent.clear();
                m->recentMoments = Moments();
            }
        }
    }
    auto v = std::make_unique<VersionSamples>();
    v->workflow = std::string(workflow);
    v->version = std::string(version);
    v->firstMs = tsMs;
    v->epochMs = tsMs;
    w.versions.push_back(std::move(v));
    m_last = w.versions.back().get();
    return *m_last;
}

ShadowComparator::ToolSamples &ShadowComparator::toolFor(VersionSamples &v, std::string_view tool)
{
    if (v.lastTool && v.lastTool->tool == tool)
        return *v.lastTool;
    for (const auto &t : v.tools) {
        if (t->tool == tool) {
            v.lastTool = t.get();
            return *t;
        }
    }
    auto t = std::make_unique<ToolSamples>();
    t->tool = std::string(tool);
    t->seed = fnv1a(tool, fnv1a(v.version, fnv1a(v.workflow)));
    v.tools.push_back(std::move(t));
    v.lastTool = v.tools.back().get();
    return *v.lastTool;
}

ShadowComparator::MetricSamples &ShadowComparator::metricFor(ToolSamples &t, std::string_view metric)
{
    for (const auto &m : t.metrics) {
        if (m->metric == metric)
            return *m;
    }
    t.metrics.push_back(std::make_unique<MetricSamples>(metric, m_config.reservoirSize, fnv1a(metric, t.seed)));
    return *t.metrics.back();
}

void ShadowComparator::addValue(ToolSamples &t, std::string_view metric, double value)
{
    MetricSamples &m = metricFor(t, metric);
    m.all.add(value);
    m.recent.add(value);
    m.allMoments.add(value);
    m.recentMoments.add(value);
}

void ShadowComparator::onRecord(const RecordView &r)
{
    VersionSamples &v = versionFor(r.workflow, r.version, r.tsMs);
    ++v.records;
    v.firstMs = std::min(v.firstMs, r.tsMs);
    v.lastMs = std::max(v.lastMs, r.tsMs);
    ToolSamples &t = toolFor(v, r.tool);
    ++t.calls;
    ++t.recentCalls;
    if (!r.ok) {
        // A failed call's latency or size says nothing about the tool's quality: it counts as an error only.
        ++t.errors;
        ++t.recentErrors;
        return;
    }
    for (int m = 0; m < BuiltinMetricCount; ++m) {
        const double value = r.values[size_t(m)];
        if (!isPresent(value))
            continue;
        MetricSamples *&slot = t.builtin[size_t(m)];
        if (!slot)
            slot = &metricFor(t, BuiltinMetricNames[size_t(m)]);
        slot->all.add(value);
        slot->recent.add(value);
        slot->allMoments.add(value);
        slot->recentMoments.add(value);
    }
    for (int i = 0; i < r.customCount; ++i) {
        if (isPresent(r.custom[i].value))
            addValue(t, r.custom[i].name, r.custom[i].value);
    }
}

QStringList ShadowComparator::workflows() const
{
    QStringList names;
    for (const auto &[name, w] : m_workflows)
        names << qs(name);
    names.sort();
    return names;
}

std::vector<ShadowComparator::VersionInfo> ShadowComparator::versions(const QString &workflow) const
{
    std::vector<VersionInfo> out;
    const auto it = m_workflows.find(workflow.toStdString());
    if (it == m_workflows.end())
        return out;
    for (const auto &v : it->second->versions)
        out.push_back({qs(v->version), v->records, v->firstMs, v->lastMs});
    return out;
}

bool ShadowComparator::defaultPair(const QString &workflow, QString *baseline, QString *candidate) const
{
    const std::vector<VersionInfo> all = versions(workflow);
    if (all.size() < 2)
        return false;
    const auto best = std::max_element(all.begin(), all.end() - 1,
                                       [](const VersionInfo &a, const VersionInfo &b) { return a.records < b.records; });
    if (baseline)
        *baseline = best->version;
    if (candidate)
        *candidate = all.back().version;
    return true;
}

const ShadowComparator::VersionSamples *ShadowComparator::find(const QString &workflow, const QString &version) const
{
    const auto it = m_workflows.find(workflow.toStdString());
    if (it == m_workflows.end())
        return nullptr;
    const std::string v = version.toStdString();
    for (const auto &vs : it->second->versions) {
        if (vs->version == v)
            return vs.get();
    }
    return nullptr;
}

ShadowComparison ShadowComparator::compare(const QString &workflow, const QString &baseline, const QString &candidate) const
{
    ShadowComparison out;
    out.workflow = workflow;
    out.baseline = baseline;
    out.candidate = candidate;
    out.alpha = m_config.alpha;
    const VersionSamples *b = find(workflow, baseline);
    const VersionSamples *c = find(workflow, candidate);
    if (!b || !c || baseline == candidate) {
        out.recommendation = ShadowRecommendation::KeepShadow;
        if (baseline == candidate)
            out.reasons << QStringLiteral("baseline and candidate are the same version %1").arg(baseline);
        if (!b)
            out.reasons << QStringLiteral("no records of %1 %2 (baseline)").arg(workflow, baseline);
        if (!c)
            out.reasons << QStringLiteral("no records of %1 %2 (candidate)").arg(workflow, candidate);
        out.moreExecutionsNeeded = m_config.minCalls;
        return out;
    }

    const auto findTool = [](const VersionSamples *v, const std::string &tool) -> const ToolSamples * {
        for (const auto &t : v->tools) {
            if (t->tool == tool)
                return t.get();
        }
        return nullptr;
    };

    // The shared period: baseline calls since the candidate appeared, when there are enough of them.
    bool recent = b->epochVersion == c->version;
    for (const auto &bt : b->tools) {
        if (recent && findTool(c, bt->tool) && bt->recentCalls < m_config.minCalls)
            recent = false;
    }
    out.contemporaneous = recent;
    out.baselineSinceMs = recent ? b->epochMs : b->firstMs;

    const double zTwoSided = TrendStats::normalQuantile(1 - m_config.alpha / 2);
    const double zOneSided = TrendStats::normalQuantile(1 - m_config.alpha);

    // Pass 1: statistics and raw p-values of every tool and metric.
    std::vector<std::string> toolNames;
    for (const auto &t : b->tools)
        toolNames.push_back(t->tool);
    for (const auto &t : c->tools) {
        if (!findTool(b, t->tool))
            toolNames.push_back(t->tool);
    }
    out.tools.reserve(toolNames.size());
    for (const std::string &name : toolNames) {
        const ToolSamples *bt = findTool(b, name);
        const ToolSamples *ct = findTool(c, name);
        ToolComparison tc;
        tc.tool = qs(name);
        tc.onlyBaseline = !ct;
        tc.onlyCandidate = !bt;
        tc.callsBaseline = bt ? (recent ? bt->recentCalls : bt->calls) : 0;
        tc.errorsBaseline = bt ? (recent ? bt->recentErrors : bt->errors) : 0;
        tc.callsCandidate = ct ? ct->calls : 0;
        tc.errorsCandidate = ct ? ct->errors : 0;
        const ShadowStats::ProportionTest errors =
            ShadowStats::twoProportion(tc.errorsBaseline, tc.callsBaseline, tc.errorsCandidate, tc.callsCandidate);
        tc.errorRateBaseline = tc.callsBaseline ? double(tc.errorsBaseline) / double(tc.callsBaseline) : std::nan("");
        tc.errorRateCandidate = tc.callsCandidate ? double(tc.errorsCandidate) / double(tc.callsCandidate) : std::nan("");
        tc.errorPValue = errors.pValue;
        tc.errorPAdjusted = errors.pValue;
        if (bt && ct) {
            tc.errorWorstPlausible = ShadowStats::newcombeDifference(tc.errorsBaseline, tc.callsBaseline, tc.errorsCandidate,
                                                                     tc.callsCandidate, zOneSided).high;
            for (const auto &cm : ct->metrics) {
                const MetricSamples *bm = nullptr;
                for (const auto &m : bt->metrics) {
                    if (m->metric == cm->metric)
                        bm = m.get();
                }
                if (!bm)
                    continue;
                const Reservoir &bs = recent ? bm->recent : bm->all;
                const Moments &bMoments = recent ? bm->recentMoments : bm->allMoments;
                if (bs.values().empty() || cm->all.values().empty())
                    continue;
                const ShadowMetricRule rule = m_config.ruleFor(qs(cm->metric));
                MetricComparison mc;
                mc.metric = rule.metric;
                mc.badDirection = rule.badDirection;
                mc.share = rule.share;
                mc.margin = rule.margin;
                mc.statistic = rule.share ? QStringLiteral("mean") : QStringLiteral("median");
                mc.nBaseline = qint64(bMoments.n);
                mc.nCandidate = qint64(cm->allMoments.n);
                const std::vector<double> sb = sortedValues(bs);
                const std::vector<double> sc = sortedValues(cm->all);
                mc.sampleBaseline = qint64(sb.size());
                mc.sampleCandidate = qint64(sc.size());
                mc.medianBaseline = ShadowStats::quantileSorted(sb, 0.5);
                mc.medianCandidate = ShadowStats::quantileSorted(sc, 0.5);
                mc.p95Baseline = ShadowStats::quantileSorted(sb, 0.95);
                mc.p95Candidate = ShadowStats::quantileSorted(sc, 0.95);
                mc.meanBaseline = bMoments.mean;
                mc.meanCandidate = cm->allMoments.mean;
                const ShadowStats::RankTest rank = ShadowStats::mannWhitney(sb, sc);
                mc.effectSize = rank.cliffsDelta;
                if (rule.share) {
                    const ShadowStats::MeanTest mean = ShadowStats::meanDifference(
                        bMoments.mean, bMoments.stddev() * bMoments.stddev(), mc.nBaseline, cm->allMoments.mean,
                        cm->allMoments.stddev() * cm->allMoments.stddev(), mc.nCandidate);
                    mc.changePct = relative(mc.meanCandidate, mc.meanBaseline) * 100;
                    mc.pValue = mean.pValue;
                    if (rule.badDirection != 0)
                        mc.worstPlausible = rule.badDirection * mean.difference + zOneSided * mean.standardError;
                } else {
                    mc.changePct = relative(mc.medianCandidate, mc.medianBaseline) * 100;
                    mc.pValue = rank.pValue;
                    const ShadowStats::KsTest ks = ShadowStats::kolmogorovSmirnov(sb, sc);
                    mc.ksD = ks.d;
                    mc.ksPValue = ks.pValue;
                    if (rule.badDirection != 0) {
                        // Each median's limit at 1 − α/2 on its own side: together at least 1 − α.
                        const ShadowStats::Interval ib = ShadowStats::medianInterval(sb, zTwoSided);
                        const ShadowStats::Interval ic = ShadowStats::medianInterval(sc, zTwoSided);
                        mc.worstPlausible = rule.badDirection > 0 ? relative(ic.high, ib.low) : -relative(ic.low, ib.high);
                    }
                }
                mc.pAdjusted = mc.pValue;
                mc.ksPAdjusted = mc.ksPValue;
                tc.metrics.push_back(mc);
            }
        }
        out.tools.push_back(std::move(tc));
    }

    // Pass 2: Holm over every test that has something to test.
    std::vector<double *> targets;
    std::vector<double> pValues;
    for (ToolComparison &tc : out.tools) {
        if (tc.onlyBaseline || tc.onlyCandidate)
            continue;
        if (tc.errorsBaseline + tc.errorsCandidate > 0) {
            targets.push_back(&tc.errorPAdjusted);
            pValues.push_back(tc.errorPValue);
        }
        for (MetricComparison &mc : tc.metrics) {
            targets.push_back(&mc.pAdjusted);
            pValues.push_back(mc.pValue);
            if (!mc.share && mc.badDirection != 0) {
                targets.push_back(&mc.ksPAdjusted);
                pValues.push_back(mc.ksPValue);
            }
        }
    }
    const std::vector<double> adjusted = ShadowStats::holm(pValues);
    for (size_t i = 0; i < targets.size(); ++i)
        *targets[i] = adjusted[i];
    out.tests = int(targets.size());

    // Pass 3: verdicts and reasons.
    const double alpha = m_config.alpha;
    const qint64 minCalls = m_config.minCalls;
    for (ToolComparison &tc : out.tools) {
        if (tc.onlyBaseline) {
            tc.verdict = ShadowVerdict::Changed;
            tc.reasons << QStringLiteral("not called by %1 (%2 calls in %3)").arg(candidate).arg(tc.callsBaseline).arg(baseline);
            continue;
        }
        if (tc.onlyCandidate) {
            tc.verdict = ShadowVerdict::Changed;
            tc.reasons << QStringLiteral("new in %1 (%2 calls)").arg(candidate).arg(tc.callsCandidate);
            continue;
        }
        const bool enough = tc.callsBaseline >= minCalls && tc.callsCandidate >= minCalls;
        ShadowVerdict worst = ShadowVerdict::Equivalent;
        const auto note = [&](ShadowVerdict v, const QString &reason) {
            if (shadowVerdictWeight(v) > shadowVerdictWeight(worst))
                worst = v;
            if (!reason.isEmpty())
                tc.reasons << reason;
        };
        if (!enough) {
            tc.moreCallsNeeded = std::max(minCalls - tc.callsCandidate, minCalls - tc.callsBaseline);
            note(ShadowVerdict::Insufficient,
                 QStringLiteral("%1 of %2 calls needed on each side (baseline %3, candidate %4)")
                     .arg(std::min(tc.callsBaseline, tc.callsCandidate)).arg(minCalls).arg(tc.callsBaseline).arg(tc.callsCandidate));
        }

        // Error rate.
        const double errorIncrease = tc.errorRateCandidate - tc.errorRateBaseline;
        const double errorMargin = m_config.errorRateMargin;
        const QString errorText = QStringLiteral("error rate %1 → %2 (%3, %4)")
                                      .arg(percentOf(tc.errorRateBaseline), percentOf(tc.errorRateCandidate),
                                           signedPoints(errorIncrease), pText(tc.errorPAdjusted));
        if (!enough) {
            tc.errorVerdict = ShadowVerdict::Insufficient;
            // The minimum is rarely the binding constraint: bounding the error rate takes more clean calls.
            if (!(tc.errorWorstPlausible < errorMargin))
                tc.moreCallsNeeded = std::max(tc.moreCallsNeeded,
                                              moreCallsForErrors(tc.errorsBaseline, tc.callsBaseline, tc.errorsCandidate,
                                                                 tc.callsCandidate, errorMargin, zOneSided));
        }
        else if (tc.errorPAdjusted < alpha && errorIncrease >= errorMargin)
            tc.errorVerdict = ShadowVerdict::Regression;
        else if (tc.errorPAdjusted < alpha && -errorIncrease >= errorMargin)
            tc.errorVerdict = ShadowVerdict::Improved;
        else if (tc.errorWorstPlausible < errorMargin)
            tc.errorVerdict = ShadowVerdict::Equivalent;
        else
            tc.errorVerdict = ShadowVerdict::Inconclusive;
        switch (tc.errorVerdict) {
        case ShadowVerdict::Regression:
        case ShadowVerdict::Improved:
            tc.errorReason = errorText;
            note(tc.errorVerdict, errorText);
            break;
        case ShadowVerdict::Inconclusive: {
            const qint64 more = moreCallsForErrors(tc.errorsBaseline, tc.callsBaseline, tc.errorsCandidate, tc.callsCandidate,
                                                   errorMargin, zOneSided);
            tc.moreCallsNeeded = std::max(tc.moreCallsNeeded, more);
            tc.errorReason = QStringLiteral("%1: an increase of up to %2 is still plausible (margin %3)")
                                 .arg(errorText, signedPoints(tc.errorWorstPlausible), signedPoints(errorMargin));
            note(tc.errorVerdict, tc.errorReason);
            break;
        }
        default:
            break;
        }

        for (MetricComparison &mc : tc.metrics) {
            const QString unit = metricUnitSuffix(mc.metric);
            const bool significant = mc.pAdjusted < alpha;
            const double change = mc.share ? mc.meanCandidate - mc.meanBaseline : mc.changePct / 100;
            const QString changeText = mc.share ? signedPoints(change) : signedPercent(change);
            const QString what = mc.share
                ? QStringLiteral("%1 mean %2 → %3 (%4, %5)").arg(mc.metric, fmt(mc.meanBaseline), fmt(mc.meanCandidate), changeText, pText(mc.pAdjusted))
                : QStringLiteral("%1 median %2%6 → %3%6 (%4, %5, Cliff's δ %7)")
                      .arg(mc.metric, fmt(mc.medianBaseline), fmt(mc.medianCandidate), changeText, pText(mc.pAdjusted), unit,
                           QString::number(mc.effectSize, 'f', 2));
            if (mc.nBaseline < minCalls || mc.nCandidate < minCalls) {
                mc.verdict = ShadowVerdict::Insufficient;
                mc.reason = QStringLiteral("%1: %2 and %3 values, %4 needed on each side").arg(mc.metric).arg(mc.nBaseline).arg(mc.nCandidate).arg(minCalls);
                tc.moreCallsNeeded = std::max(tc.moreCallsNeeded, std::max(minCalls - mc.nCandidate, minCalls - mc.nBaseline));
                note(mc.verdict, enough ? mc.reason : QString());
                continue;
            }
            if (mc.badDirection == 0) {
                mc.verdict = significant && std::abs(change) >= mc.margin ? ShadowVerdict::Changed : ShadowVerdict::Equivalent;
                if (mc.verdict == ShadowVerdict::Changed)
                    mc.reason = what;
                note(mc.verdict, mc.reason);
                continue;
            }
            const double bad = mc.badDirection * change;
            const double tailBad = mc.badDirection * relative(mc.p95Candidate, mc.p95Baseline);
            if (significant && bad >= mc.margin) {
                mc.verdict = ShadowVerdict::Regression;
                mc.reason = what;
            } else if (!mc.share && mc.ksPAdjusted < alpha && tailBad >= m_config.tailMargin) {
                mc.verdict = ShadowVerdict::Regression;
                mc.reason = QStringLiteral("%1 p95 %2%5 → %3%5 (%4, Kolmogorov–Smirnov D %6, %7): a heavier tail")
                                .arg(mc.metric, fmt(mc.p95Baseline), fmt(mc.p95Candidate),
                                     signedPercent(relative(mc.p95Candidate, mc.p95Baseline)), unit,
                                     QString::number(mc.ksD, 'f', 3), pText(mc.ksPAdjusted));
            } else if (significant && -bad >= mc.margin) {
                mc.verdict = ShadowVerdict::Improved;
                mc.reason = what;
            } else if (mc.worstPlausible < mc.margin) {
                mc.verdict = ShadowVerdict::Equivalent;
            } else {
                mc.verdict = ShadowVerdict::Inconclusive;
                const QString worstText = mc.share ? signedPoints(-mc.badDirection * mc.worstPlausible)
                                                   : signedPercent(mc.badDirection * mc.worstPlausible);
                mc.reason = QStringLiteral("%1: a change of %2 is still plausible (margin %3)")
                                .arg(what, worstText, mc.share ? QString::number(mc.margin * 100, 'g', 3) + QStringLiteral(" pp")
                                                               : QString::number(mc.margin * 100, 'g', 3) + QStringLiteral(" %"));
                tc.moreCallsNeeded = std::max(tc.moreCallsNeeded, moreCallsFor(bad, mc.worstPlausible, mc.margin, mc.nCandidate));
            }
            note(mc.verdict, mc.reason);
        }
        tc.verdict = worst;
    }

    // Recommendation.
    QStringList regressions, pending, good, info;
    qint64 more = 0;
    bool moreUnknown = false;
    int compared = 0;
    for (const ToolComparison &tc : out.tools) {
        if (tc.onlyBaseline || tc.onlyCandidate) {
            for (const QString &r : tc.reasons)
                info << tc.tool + QStringLiteral(": ") + r;
            continue;
        }
        ++compared;
        // Reasons sorted by the verdict they belong to.
        if (tc.errorVerdict == ShadowVerdict::Regression)
            regressions << tc.tool + QStringLiteral(" ") + tc.errorReason;
        for (const MetricComparison &mc : tc.metrics) {
            const QString line = tc.tool + QStringLiteral(" ") + mc.reason;
            switch (mc.verdict) {
            case ShadowVerdict::Regression: regressions << line; break;
            case ShadowVerdict::Inconclusive: pending << line; break;
            case ShadowVerdict::Improved: good << line; break;
            case ShadowVerdict::Changed: info << line; break;
            default: break;
            }
        }
        if (tc.errorVerdict == ShadowVerdict::Improved)
            good << tc.tool + QStringLiteral(" error rate %1 → %2").arg(percentOf(tc.errorRateBaseline), percentOf(tc.errorRateCandidate));
        if (tc.errorVerdict == ShadowVerdict::Inconclusive)
            pending << tc.tool + QStringLiteral(" error rate %1 → %2 not yet shown within %3")
                                     .arg(percentOf(tc.errorRateBaseline), percentOf(tc.errorRateCandidate), signedPoints(m_config.errorRateMargin));
        if (tc.verdict == ShadowVerdict::Insufficient && tc.callsCandidate < minCalls)
            pending << tc.tool + QStringLiteral(" %1 of %2 calls of %3").arg(tc.callsCandidate).arg(minCalls).arg(candidate);
        else if (tc.verdict == ShadowVerdict::Insufficient && tc.callsBaseline < minCalls)
            pending << tc.tool + QStringLiteral(" %1 of %2 calls of %3 in the compared period").arg(tc.callsBaseline).arg(minCalls).arg(baseline);
        if (tc.verdict == ShadowVerdict::Insufficient || tc.verdict == ShadowVerdict::Inconclusive) {
            if (tc.moreCallsNeeded < 0)
                moreUnknown = true;
            more = std::max(more, tc.moreCallsNeeded);
        }
    }
    if (compared == 0) {
        out.recommendation = ShadowRecommendation::KeepShadow;
        out.reasons << QStringLiteral("%1 and %2 share no tool yet").arg(baseline, candidate);
        out.moreExecutionsNeeded = minCalls;
    } else if (!regressions.isEmpty()) {
        out.recommendation = ShadowRecommendation::RollBack;
        out.reasons << regressions;
    } else if (!pending.isEmpty() || more > 0 || moreUnknown) {
        out.recommendation = ShadowRecommendation::KeepShadow;
        out.moreExecutionsNeeded = more;
        if (more > 0)
            out.reasons << QStringLiteral("need about %1 more executions of %2").arg(more).arg(candidate);
        else if (moreUnknown)
            out.reasons << QStringLiteral("the change is too close to the margin to settle with more executions: decide by hand");
        out.reasons << pending;
    } else {
        out.recommendation = ShadowRecommendation::Promote;
        out.reasons << QStringLiteral("no regression in %1 tests over %2 tools (Holm, α = %3)").arg(out.tests).arg(compared).arg(alpha);
        out.reasons << good;
    }
    out.reasons << info;
    if (!out.contemporaneous) {
        const bool overlap = b->lastMs >= c->firstMs && c->lastMs >= b->firstMs;
        const QString since = b->epochVersion == c->version
            ? QStringLiteral("too few of its calls since %1 appeared (%2)")
                  .arg(candidate, QDateTime::fromMSecsSinceEpoch(b->epochMs, Qt::UTC).toString(Qt::ISODate))
            : QStringLiteral("%1 did not run beside it").arg(candidate);
        out.reasons << (overlap ? QStringLiteral("baseline compared over its whole history: %1").arg(since)
                                : QStringLiteral("baseline compared over its whole history, which does not overlap the "
                                                 "candidate's: a trend between the two periods would read as the mutation's effect"));
    }
    return out;
}

} // namespace Apprentice
