#include "capacityscenario.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>

#include "resources.h"
#include "capacitytext.h"

using namespace Qt::StringLiterals;

namespace Apprentice {

// ---------------------------------------------------------------------------------------------
// Traffic curve and autoscaling

double TrafficCurve::demandAt(double t) const
{
    const double base = baselineOrdersPerHour;
    if (!enabled || t < rampStartHours)
        return base;
    const double rampEnd = rampStartHours + rampHours;
    const double peakEnd = rampEnd + peakHours;
    const double extra = base * (peakMultiplier - 1.0);
    if (t < rampEnd)
        return base + extra * (t - rampStartHours) / rampHours;
    if (t < peakEnd)
        return base + extra;
    if (decayHours <= 0)
        return base;
    return base + extra * std::exp(-(t - peakEnd) / decayHours);
}

double TrafficCurve::ordersBetween(double from, double to) const
{
    if (to <= from)
        return 0;
    const double base = baselineOrdersPerHour;
    if (!enabled)
        return base * (to - from);
    const double extra = base * (peakMultiplier - 1.0);
    const double rampEnd = rampStartHours + rampHours;
    const double peakEnd = rampEnd + peakHours;
    auto overlap = [&](double a, double b) { return std::max(0.0, std::min(b, to) - std::max(a, from)); };
    double total = base * (to - from);
    // Ramp: linear, integrate exactly over the overlap.
    if (rampHours > 0) {
        const double a = std::max(from, rampStartHours), b = std::min(to, rampEnd);
        if (b > a)
            total += extra * ((b - rampStartHours) * (b - rampStartHours) - (a - rampStartHours) * (a - rampStartHours))
                / (2.0 * rampHours);
    }
    total += extra * overlap(rampEnd, peakEnd);
    if (decayHours > 0) {
        const double a = std::max(from, peakEnd);
        if (to > a)
            total += extra * decayHours * (std::exp(-(a - peakEnd) / decayHours) - std::exp(-(to - peakEnd) / decayHours));
    }
    return total;
}

double TrafficCurve::maxDemandBetween(double from, double to) const
{
    double m = std::max(demandAt(from), demandAt(to));
    for (double b : {rampStartHours, rampStartHours + rampHours, rampStartHours + rampHours + peakHours}) {
        if (b > from && b < to)
            m = std::max(m, demandAt(b));
    }
    // The curve jumps to the peak at the ramp end when rampHours is 0: include the left limit too.
    if (enabled && rampStartHours + rampHours >= from && rampStartHours + rampHours < to)
        m = std::max(m, peakDemand());
    return m;
}

int AutoscalingRule::instancesFor(double demandPerHour, double perInstanceOrdersPerHour) const
{
    const double need = demandPerHour / (perInstanceOrdersPerHour * targetUtilisation);
    const int n = int(std::ceil(need - 1e-9));
    return std::clamp(n, minInstances, std::max(minInstances, maxInstances));
}

// ---------------------------------------------------------------------------------------------
// Change kinds

QString changeKindId(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::ConnectionsPerInstance:
        return QStringLiteral("connections_per_instance");
    case ChangeKind::Cache:
        return QStringLiteral("cache");
    case ChangeKind::ReadReplicas:
        return QStringLiteral("read_replicas");
    case ChangeKind::DbPool:
        return QStringLiteral("db_pool");
    case ChangeKind::Instances:
        return QStringLiteral("instances");
    case ChangeKind::Autoscaling:
        return QStringLiteral("autoscaling");
    }
    return {};
}

std::optional<ChangeKind> changeKindFromId(const QString &id)
{
    for (int i = 0; i < ChangeKindCount; ++i) {
        if (changeKindId(ChangeKind(i)) == id)
            return ChangeKind(i);
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Derived values and changes

double CapacityScenario::appServiceMs() const
{
    if (serviceFromProfile && !stages.empty()) {
        double total = 0;
        for (const WorkflowStage &s : stages) {
            // Mean of the lognormal through p50 and p95 (the profile's two learned points).
            const double sigma = s.p95Ms > s.p50Ms ? std::log(s.p95Ms / s.p50Ms) / 1.6448536269514722 : 0.0;
            total += s.p50Ms * std::exp(0.5 * sigma * sigma);
        }
        return total;
    }
    return workersPerInstance * 3.6e6 / perInstanceOrdersPerHour;
}

double CapacityScenario::effectivePerInstanceOrdersPerHour() const
{
    return workersPerInstance * 3.6e6 / appServiceMs();
}

double CapacityScenario::costHours() const
{
    if (costHorizonHours > 0)
        return costHorizonHours;
    return traffic.enabled ? traffic.horizonHours : 24.0;
}

CapacityChange &CapacityScenario::change(ChangeKind kind)
{
    auto it = std::find_if(changes.begin(), changes.end(), [kind](const CapacityChange &c) { return c.kind == kind; });
    if (it == changes.end()) {
        CapacityChange c;
        c.kind = kind;
        changes.push_back(c);
        return changes.back();
    }
    return *it;
}

const CapacityChange &CapacityScenario::change(ChangeKind kind) const
{
    auto it = std::find_if(changes.begin(), changes.end(), [kind](const CapacityChange &c) { return c.kind == kind; });
    static const CapacityChange none;
    return it == changes.end() ? none : *it;
}

static void applyChange(CapacityScenario &s, const CapacityChange &c, int baseInstances)
{
    switch (c.kind) {
    case ChangeKind::ConnectionsPerInstance:
        s.connectionsPerInstance = int(std::lround(c.value));
        break;
    case ChangeKind::Cache:
        s.cacheHitRate = c.value;
        break;
    case ChangeKind::ReadReplicas:
        s.readReplicas = int(std::lround(c.value));
        break;
    case ChangeKind::DbPool:
        s.dbPoolMax = int(std::lround(c.value));
        break;
    case ChangeKind::Instances:
        s.instances = int(std::lround(c.value));
        break;
    case ChangeKind::Autoscaling:
        s.autoscaling.enabled = true;
        s.autoscaling.minInstances = c.minInstances > 0 ? c.minInstances : baseInstances;
        s.autoscaling.maxInstances = int(std::lround(c.value));
        s.autoscaling.targetUtilisation = c.targetUtilisation;
        s.autoscaling.reactionMinutes = c.reactionMinutes;
        // The static what-if sizes for the fleet the rule can reach.
        s.instances = s.autoscaling.maxInstances;
        break;
    }
}

CapacityScenario CapacityScenario::effective() const
{
    CapacityScenario s = *this;
    for (const CapacityChange &c : changes) {
        if (c.enabled && c.kind != ChangeKind::Autoscaling)
            applyChange(s, c, instances);
    }
    // Autoscaling last: its minimum defaults to the fleet after a fixed "instances" change.
    for (const CapacityChange &c : changes) {
        if (c.enabled && c.kind == ChangeKind::Autoscaling)
            applyChange(s, c, s.instances);
    }
    return s;
}

CapacityScenario CapacityScenario::applying(const QList<ChangeKind> &kinds) const
{
    CapacityScenario s = *this;
    for (CapacityChange &c : s.changes)
        c.enabled = kinds.contains(c.kind);
    return s.effective();
}

// ---------------------------------------------------------------------------------------------
// JSON

namespace {


QString number(double v)
{
    return QString::number(v, 'g', 10);
}

/// Reads one JSON object, recording every problem with the field's full path.
class Reader
{
public:
    Reader(const QJsonObject &o, QString prefix, QStringList *errors)
        : m_object(o), m_prefix(std::move(prefix)), m_errors(errors)
    {
    }

    QString path(const QString &key) const { return m_prefix.isEmpty() ? key : m_prefix + u'.' + key; }
    void error(const QString &key, const QString &message) { m_errors->append(path(key) + u": " + message); }
    bool has(const QString &key) { m_seen.insert(key); return m_object.contains(key); }

    /// A number in [lo, hi] (exclusive lower bound when `openLow`); `fallback` when absent.
    double real(const QString &key, double fallback, double lo, double hi, bool required = false, bool openLow = false)
    {
        if (!has(key)) {
            if (required)
                error(key, CapacityText::tr("missing (required)"));
            return fallback;
        }
        const QJsonValue v = m_object.value(key);
        if (!v.isDouble()) {
            error(key, CapacityText::tr("must be a number"));
            return fallback;
        }
        const double d = v.toDouble();
        const bool low = openLow ? d <= lo : d < lo;
        if (!std::isfinite(d) || low || d > hi) {
            error(key, (openLow ? CapacityText::tr("must be > %1 and ≤ %2, got %3") : CapacityText::tr("must be from %1 to %2, got %3"))
                           .arg(number(lo), number(hi), number(d)));
            return fallback;
        }
        return d;
    }

    int integer(const QString &key, int fallback, int lo, int hi, bool required = false)
    {
        if (!has(key)) {
            if (required)
                error(key, CapacityText::tr("missing (required)"));
            return fallback;
        }
        const QJsonValue v = m_object.value(key);
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble())) {
            error(key, CapacityText::tr("must be a whole number"));
            return fallback;
        }
        const double d = v.toDouble();
        if (d < lo || d > hi) {
            error(key, CapacityText::tr("must be from %1 to %2, got %3").arg(lo).arg(hi).arg(number(d)));
            return fallback;
        }
        return int(d);
    }

    bool boolean(const QString &key, bool fallback)
    {
        if (!has(key))
            return fallback;
        const QJsonValue v = m_object.value(key);
        if (!v.isBool()) {
            error(key, CapacityText::tr("must be true or false"));
            return fallback;
        }
        return v.toBool();
    }

    QString string(const QString &key, const QString &fallback = {}, bool required = false)
    {
        if (!has(key)) {
            if (required)
                error(key, CapacityText::tr("missing (required)"));
            return fallback;
        }
        const QJsonValue v = m_object.value(key);
        if (!v.isString()) {
            error(key, CapacityText::tr("must be a string"));
            return fallback;
        }
        return v.toString();
    }

    QJsonValue value(const QString &key)
    {
        m_seen.insert(key);
        return m_object.value(key);
    }

    /// Reports every key nobody asked for: typos should not silently fall back to defaults.
    void rejectUnknown()
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!m_seen.contains(it.key()))
                m_errors->append(path(it.key()) + u": " + CapacityText::tr("unknown field"));
        }
    }

private:
    QJsonObject m_object;
    QString m_prefix;
    QStringList *m_errors;
    QSet<QString> m_seen;
};

constexpr int MaxInstances = 100000;
constexpr int MaxConnections = 1000000;
constexpr double MaxRate = 1e9;

} // namespace

std::optional<CapacityScenario> CapacityScenario::fromJson(const QByteArray &json, QStringList *errors)
{
    QStringList local;
    QStringList *errs = errors ? errors : &local;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        errs->append(CapacityText::tr("not valid JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString()));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        errs->append(CapacityText::tr("the scenario must be a JSON object"));
        return std::nullopt;
    }
    return fromJsonObject(doc.object(), errs);
}

std::optional<CapacityScenario> CapacityScenario::fromJsonObject(const QJsonObject &object, QStringList *errors)
{
    QStringList local;
    QStringList *errs = errors ? errors : &local;
    const qsizetype before = errs->size();
    CapacityScenario s;
    Reader r(object, {}, errs);

    s.name = r.string(QStringLiteral("name"));
    s.description = r.string(QStringLiteral("description"));
    s.instances = r.integer(QStringLiteral("instances"), 1, 1, MaxInstances, true);
    s.workersPerInstance = r.integer(QStringLiteral("workers_per_instance"), 1, 1, 10000);
    s.serviceFromProfile = r.boolean(QStringLiteral("service_from_profile"), false);

    if (r.has(QStringLiteral("stages"))) {
        const QJsonValue v = r.value(QStringLiteral("stages"));
        if (!v.isArray()) {
            r.error(QStringLiteral("stages"), CapacityText::tr("must be an array of {name, p50_ms, p95_ms}"));
        } else {
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                const QString p = QStringLiteral("stages[%1]").arg(i);
                if (!a.at(i).isObject()) {
                    errs->append(p + u": " + CapacityText::tr("must be an object"));
                    continue;
                }
                Reader sr(a.at(i).toObject(), p, errs);
                WorkflowStage st;
                st.name = sr.string(QStringLiteral("name"), {}, true);
                st.p50Ms = sr.real(QStringLiteral("p50_ms"), 1, 0, 3.6e6, true, true);
                st.p95Ms = sr.real(QStringLiteral("p95_ms"), st.p50Ms, 0, 3.6e6, true, true);
                if (st.p95Ms < st.p50Ms)
                    sr.error(QStringLiteral("p95_ms"), CapacityText::tr("must be ≥ p50_ms (%1), got %2").arg(number(st.p50Ms), number(st.p95Ms)));
                sr.rejectUnknown();
                s.stages.push_back(st);
            }
        }
    }
    const bool fromProfile = s.serviceFromProfile && !s.stages.empty();
    if (s.serviceFromProfile && s.stages.empty())
        r.error(QStringLiteral("service_from_profile"), CapacityText::tr("needs a non-empty \"stages\" list"));
    s.perInstanceOrdersPerHour = r.real(QStringLiteral("per_instance_orders_per_hour"), 500, 0, 1e7, !fromProfile, true);

    s.connectionsPerInstance = r.integer(QStringLiteral("connections_per_instance"), 1, 1, 10000, true);
    s.dbPoolMax = r.integer(QStringLiteral("db_pool_max"), 100, 1, MaxConnections, true);

    if (r.has(QStringLiteral("queries_per_order"))) {
        const QJsonValue v = r.value(QStringLiteral("queries_per_order"));
        if (v.isObject()) {
            Reader qr(v.toObject(), QStringLiteral("queries_per_order"), errs);
            s.readsPerOrder = qr.real(QStringLiteral("reads"), 0, 0, 10000);
            s.writesPerOrder = qr.real(QStringLiteral("writes"), 0, 0, 10000);
            qr.rejectUnknown();
        } else if (v.isDouble()) {
            const double total = r.real(QStringLiteral("queries_per_order"), 0, 0, 10000);
            s.writesPerOrder = r.real(QStringLiteral("writes_per_order"), 0, 0, 10000);
            if (s.writesPerOrder > total)
                r.error(QStringLiteral("writes_per_order"),
                        CapacityText::tr("must not exceed queries_per_order (%1), got %2").arg(number(total), number(s.writesPerOrder)));
            s.readsPerOrder = std::max(0.0, total - s.writesPerOrder);
        } else {
            r.error(QStringLiteral("queries_per_order"), CapacityText::tr("must be a number or {\"reads\": R, \"writes\": W}"));
        }
    }
    s.queryMs = r.real(QStringLiteral("query_ms"), 5, 0, 600000, false, true);
    s.primaryMaxQps = r.real(QStringLiteral("primary_max_qps"), 1000, 0, 1e8, false, true);

    s.cacheHitRate = r.real(QStringLiteral("cache_hit_rate"), 0, 0, 1);
    s.cacheMs = r.real(QStringLiteral("cache_ms"), 1, 0, 60000);
    s.readReplicas = r.integer(QStringLiteral("read_replicas"), 0, 0, 1000);
    s.replicaMaxQps = r.real(QStringLiteral("replica_max_qps"), s.primaryMaxQps, 0, 1e8, false, true);
    s.replicaPoolMax = r.integer(QStringLiteral("replica_pool_max"), s.dbPoolMax, 1, MaxConnections);
    s.replicaConnectionsPerInstance = r.integer(QStringLiteral("replica_connections_per_instance"), 2, 1, 10000);

    s.targetOrdersPerHour = r.real(QStringLiteral("target_orders_per_hour"), 1000, 0, MaxRate, true, true);
    s.sloLatencyMs = r.real(QStringLiteral("slo_latency_ms"), 30000, 0, 1e9, false, true);
    s.simulationSeed = quint64(r.integer(QStringLiteral("simulation_seed"), 1, 0, 2147483647));
    s.costHorizonHours = r.real(QStringLiteral("cost_horizon_hours"), 0, 0, 100000);

    if (r.has(QStringLiteral("traffic"))) {
        const QJsonValue v = r.value(QStringLiteral("traffic"));
        if (!v.isObject()) {
            r.error(QStringLiteral("traffic"), CapacityText::tr("must be an object"));
        } else {
            Reader tr_(v.toObject(), QStringLiteral("traffic"), errs);
            TrafficCurve &t = s.traffic;
            t.enabled = tr_.boolean(QStringLiteral("enabled"), true);
            t.baselineOrdersPerHour = tr_.real(QStringLiteral("baseline_orders_per_hour"), 1000, 0, MaxRate, true, true);
            t.horizonHours = tr_.real(QStringLiteral("horizon_hours"), 72, 1, 720);
            t.rampStartHours = tr_.real(QStringLiteral("ramp_start_hours"), 12, 0, 720);
            t.rampHours = tr_.real(QStringLiteral("ramp_hours"), 2, 0, 720);
            t.peakMultiplier = tr_.real(QStringLiteral("peak_multiplier"), 10, 0, 1000, false, true);
            t.peakHours = tr_.real(QStringLiteral("peak_hours"), 24, 0, 720);
            t.decayHours = tr_.real(QStringLiteral("decay_hours"), 6, 0, 720);
            if (t.rampStartHours > t.horizonHours)
                tr_.error(QStringLiteral("ramp_start_hours"), CapacityText::tr("must not exceed horizon_hours (%1), got %2")
                                                                 .arg(number(t.horizonHours), number(t.rampStartHours)));
            tr_.rejectUnknown();
        }
    } else {
        s.traffic.enabled = false;
        s.traffic.baselineOrdersPerHour = s.targetOrdersPerHour;
    }

    if (r.has(QStringLiteral("autoscaling"))) {
        const QJsonValue v = r.value(QStringLiteral("autoscaling"));
        if (!v.isObject()) {
            r.error(QStringLiteral("autoscaling"), CapacityText::tr("must be an object"));
        } else {
            Reader ar(v.toObject(), QStringLiteral("autoscaling"), errs);
            AutoscalingRule &a = s.autoscaling;
            a.enabled = ar.boolean(QStringLiteral("enabled"), true);
            a.minInstances = ar.integer(QStringLiteral("min_instances"), s.instances, 1, MaxInstances);
            a.maxInstances = ar.integer(QStringLiteral("max_instances"), s.instances, 1, MaxInstances, true);
            a.targetUtilisation = ar.real(QStringLiteral("target_utilisation"), 0.7, 0, 1, false, true);
            a.reactionMinutes = ar.real(QStringLiteral("reaction_minutes"), 10, 0, 1440);
            if (a.maxInstances < a.minInstances)
                ar.error(QStringLiteral("max_instances"), CapacityText::tr("must be ≥ min_instances (%1), got %2").arg(a.minInstances).arg(a.maxInstances));
            ar.rejectUnknown();
        }
    }

    // Every kind is present afterwards (disabled, not allowed, at the base value when not listed),
    // so views and the solver never special-case a missing toggle.
    auto baseValue = [&s](ChangeKind k) -> double {
        switch (k) {
        case ChangeKind::ConnectionsPerInstance:
            return s.connectionsPerInstance;
        case ChangeKind::Cache:
            return s.cacheHitRate;
        case ChangeKind::ReadReplicas:
            return s.readReplicas;
        case ChangeKind::DbPool:
            return s.dbPoolMax;
        case ChangeKind::Instances:
        case ChangeKind::Autoscaling:
            return s.instances;
        }
        return 0;
    };
    std::vector<CapacityChange> listed(ChangeKindCount);
    std::vector<bool> present(ChangeKindCount, false);
    if (r.has(QStringLiteral("changes"))) {
        const QJsonValue v = r.value(QStringLiteral("changes"));
        if (!v.isArray()) {
            r.error(QStringLiteral("changes"), CapacityText::tr("must be an array"));
        } else {
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                const QString p = QStringLiteral("changes[%1]").arg(i);
                if (!a.at(i).isObject()) {
                    errs->append(p + u": " + CapacityText::tr("must be an object"));
                    continue;
                }
                Reader cr(a.at(i).toObject(), p, errs);
                const QString kindId = cr.string(QStringLiteral("kind"), {}, true);
                const auto kind = changeKindFromId(kindId);
                if (!kind) {
                    if (!kindId.isEmpty())
                        cr.error(QStringLiteral("kind"), CapacityText::tr("unknown kind \"%1\"").arg(kindId));
                    continue;
                }
                if (present[size_t(*kind)]) {
                    cr.error(QStringLiteral("kind"), CapacityText::tr("\"%1\" is listed twice").arg(kindId));
                    continue;
                }
                CapacityChange c;
                c.kind = *kind;
                c.enabled = cr.boolean(QStringLiteral("enabled"), false);
                c.allowed = cr.boolean(QStringLiteral("allowed"), true);
                switch (c.kind) {
                case ChangeKind::ConnectionsPerInstance:
                    c.value = cr.integer(QStringLiteral("value"), 1, 1, 10000, true);
                    c.limit = cr.integer(QStringLiteral("limit"), 0, 0, 10000);
                    break;
                case ChangeKind::Cache:
                    c.value = cr.real(QStringLiteral("value"), 0.9, 0, 1, true);
                    c.limit = cr.real(QStringLiteral("limit"), 0, 0, 1);
                    break;
                case ChangeKind::ReadReplicas:
                    c.value = cr.integer(QStringLiteral("value"), 1, 0, 1000, true);
                    c.limit = cr.integer(QStringLiteral("limit"), 0, 0, 1000);
                    break;
                case ChangeKind::DbPool:
                    c.value = cr.integer(QStringLiteral("value"), 100, 1, MaxConnections, true);
                    c.limit = cr.integer(QStringLiteral("limit"), 0, 0, MaxConnections);
                    break;
                case ChangeKind::Instances:
                    c.value = cr.integer(QStringLiteral("value"), 1, 1, MaxInstances, true);
                    c.limit = cr.integer(QStringLiteral("limit"), 0, 0, MaxInstances);
                    break;
                case ChangeKind::Autoscaling:
                    c.value = cr.integer(QStringLiteral("value"), 1, 1, MaxInstances, true);
                    c.limit = cr.integer(QStringLiteral("limit"), 0, 0, MaxInstances);
                    c.minInstances = cr.integer(QStringLiteral("min_instances"), 0, 0, MaxInstances);
                    c.targetUtilisation = cr.real(QStringLiteral("target_utilisation"), 0.7, 0, 1, false, true);
                    c.reactionMinutes = cr.real(QStringLiteral("reaction_minutes"), 10, 0, 1440);
                    break;
                }
                c.costOnce = cr.real(QStringLiteral("cost_once"), 0, 0, 1e9);
                c.costPerUnitHour = cr.real(QStringLiteral("cost_per_unit_hour"), 0, 0, 1e6);
                cr.rejectUnknown();
                listed[size_t(c.kind)] = c;
                present[size_t(c.kind)] = true;
            }
        }
    }
    for (int k = 0; k < ChangeKindCount; ++k) {
        if (!present[size_t(k)]) {
            CapacityChange c;
            c.kind = ChangeKind(k);
            c.allowed = false;
            c.value = baseValue(c.kind);
            listed[size_t(k)] = c;
        }
    }
    s.changes = listed;

    if (r.has(QStringLiteral("claims"))) {
        const QJsonValue v = r.value(QStringLiteral("claims"));
        const QJsonArray a = v.toArray();
        if (!v.isArray())
            r.error(QStringLiteral("claims"), CapacityText::tr("must be an array"));
        static const QStringList metrics = {QStringLiteral("instances_max"), QStringLiteral("connections_needed"),
                                            QStringLiteral("pool_utilisation"), QStringLiteral("max_throughput_per_hour"),
                                            QStringLiteral("primary_load_ratio")};
        static const QStringList ops = {QStringLiteral("=="), QStringLiteral("<="), QStringLiteral(">="),
                                        QStringLiteral("<"), QStringLiteral(">")};
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = QStringLiteral("claims[%1]").arg(i);
            if (!a.at(i).isObject()) {
                errs->append(p + u": " + CapacityText::tr("must be an object"));
                continue;
            }
            Reader cr(a.at(i).toObject(), p, errs);
            CapacityClaim c;
            c.text = cr.string(QStringLiteral("text"), {}, true);
            c.metric = cr.string(QStringLiteral("metric"), {}, true);
            if (!c.metric.isEmpty() && !metrics.contains(c.metric))
                cr.error(QStringLiteral("metric"), CapacityText::tr("must be one of %1").arg(metrics.join(u", ")));
            c.op = cr.string(QStringLiteral("op"), QStringLiteral("=="));
            if (!ops.contains(c.op))
                cr.error(QStringLiteral("op"), CapacityText::tr("must be one of %1").arg(ops.join(u' ')));
            c.value = cr.real(QStringLiteral("value"), 0, -1e12, 1e12, true);
            if (cr.has(QStringLiteral("changes"))) {
                const QJsonValue cv = cr.value(QStringLiteral("changes"));
                if (!cv.isObject())
                    cr.error(QStringLiteral("changes"), CapacityText::tr("must be an object {kind: value}"));
                const QJsonObject co = cv.toObject();
                for (auto it = co.begin(); it != co.end(); ++it) {
                    const auto kind = changeKindFromId(it.key());
                    if (!kind)
                        cr.error(QStringLiteral("changes"), CapacityText::tr("unknown change kind \"%1\"").arg(it.key()));
                    else if (!it.value().isDouble() || it.value().toDouble() < 0)
                        cr.error(u"changes."_s + it.key(), CapacityText::tr("must be a number ≥ 0"));
                    else
                        c.changes.append({*kind, it.value().toDouble()});
                }
            }
            cr.rejectUnknown();
            s.claims.push_back(c);
        }
    }

    r.rejectUnknown();
    if (errs->size() > before)
        return std::nullopt;
    return s;
}

QJsonObject CapacityScenario::toJson() const
{
    QJsonObject o;
    o.insert(u"name"_s, name);
    if (!description.isEmpty())
        o.insert(u"description"_s, description);
    o.insert(u"instances"_s, instances);
    o.insert(u"per_instance_orders_per_hour"_s, perInstanceOrdersPerHour);
    o.insert(u"workers_per_instance"_s, workersPerInstance);
    o.insert(u"service_from_profile"_s, serviceFromProfile);
    if (!stages.empty()) {
        QJsonArray a;
        for (const WorkflowStage &st : stages)
            a.append(QJsonObject{{u"name"_s, st.name}, {u"p50_ms"_s, st.p50Ms}, {u"p95_ms"_s, st.p95Ms}});
        o.insert(u"stages"_s, a);
    }
    o.insert(u"connections_per_instance"_s, connectionsPerInstance);
    o.insert(u"db_pool_max"_s, dbPoolMax);
    o.insert(u"queries_per_order"_s, QJsonObject{{u"reads"_s, readsPerOrder}, {u"writes"_s, writesPerOrder}});
    o.insert(u"query_ms"_s, queryMs);
    o.insert(u"primary_max_qps"_s, primaryMaxQps);
    o.insert(u"cache_hit_rate"_s, cacheHitRate);
    o.insert(u"cache_ms"_s, cacheMs);
    o.insert(u"read_replicas"_s, readReplicas);
    o.insert(u"replica_max_qps"_s, replicaMaxQps);
    o.insert(u"replica_pool_max"_s, replicaPoolMax);
    o.insert(u"replica_connections_per_instance"_s, replicaConnectionsPerInstance);
    o.insert(u"target_orders_per_hour"_s, targetOrdersPerHour);
    o.insert(u"slo_latency_ms"_s, sloLatencyMs);
    o.insert(u"simulation_seed"_s, qint64(simulationSeed));
    if (costHorizonHours > 0)
        o.insert(u"cost_horizon_hours"_s, costHorizonHours);
    {
        // Written even when off, so a round trip keeps the curve the operator may switch back on.
        o.insert(u"traffic"_s, QJsonObject{{u"enabled"_s, traffic.enabled},
                                           {u"baseline_orders_per_hour"_s, traffic.baselineOrdersPerHour},
                                           {u"ramp_start_hours"_s, traffic.rampStartHours},
                                           {u"ramp_hours"_s, traffic.rampHours},
                                           {u"peak_multiplier"_s, traffic.peakMultiplier},
                                           {u"peak_hours"_s, traffic.peakHours},
                                           {u"decay_hours"_s, traffic.decayHours},
                                           {u"horizon_hours"_s, traffic.horizonHours}});
    }
    if (autoscaling.enabled) {
        o.insert(u"autoscaling"_s, QJsonObject{{u"enabled"_s, true},
                                               {u"min_instances"_s, autoscaling.minInstances},
                                               {u"max_instances"_s, autoscaling.maxInstances},
                                               {u"target_utilisation"_s, autoscaling.targetUtilisation},
                                               {u"reaction_minutes"_s, autoscaling.reactionMinutes}});
    }
    QJsonArray ch;
    for (const CapacityChange &c : changes) {
        QJsonObject co{{u"kind"_s, changeKindId(c.kind)}, {u"enabled"_s, c.enabled}, {u"allowed"_s, c.allowed},
                       {u"value"_s, c.value}, {u"cost_once"_s, c.costOnce}, {u"cost_per_unit_hour"_s, c.costPerUnitHour}};
        if (c.limit > 0)
            co.insert(u"limit"_s, c.limit);
        if (c.kind == ChangeKind::Autoscaling) {
            co.insert(u"min_instances"_s, c.minInstances);
            co.insert(u"target_utilisation"_s, c.targetUtilisation);
            co.insert(u"reaction_minutes"_s, c.reactionMinutes);
        }
        ch.append(co);
    }
    o.insert(u"changes"_s, ch);
    if (!claims.empty()) {
        QJsonArray ca;
        for (const CapacityClaim &c : claims) {
            QJsonObject kinds;
            for (const auto &k : c.changes)
                kinds.insert(changeKindId(k.first), k.second);
            ca.append(QJsonObject{{u"text"_s, c.text}, {u"metric"_s, c.metric}, {u"op"_s, c.op},
                                  {u"value"_s, c.value}, {u"changes"_s, kinds}});
        }
        o.insert(u"claims"_s, ca);
    }
    return o;
}

QByteArray CapacityScenario::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

CapacityScenario CapacityScenario::blackFriday()
{
    ensureResources();
    QFile f(u":/scenarios/black_friday.json"_s);
    if (f.open(QIODevice::ReadOnly)) {
        if (auto s = fromJson(f.readAll(), nullptr))
            return *s;
    }
    qWarning("black_friday.json is missing or invalid; using an empty scenario");
    CapacityScenario s;
    for (int k = 0; k < ChangeKindCount; ++k)
        s.change(ChangeKind(k));
    return s;
}

} // namespace Apprentice
