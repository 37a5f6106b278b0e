#include "eventjson.h"

#include <charconv>
#include <cmath>

namespace Apprentice {

QByteArray jsonNumber(double v)
{
    if (!std::isfinite(v))
        return QByteArrayLiteral("null");
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return QByteArray::number(qint64(v));
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return QByteArray(buf, int(res.ptr - buf));
}

QByteArray jsonString(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", c);
                out += esc;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

namespace {
struct Obj {
    QByteArray text = QByteArrayLiteral("{");
    void raw(const char *key, const QByteArray &value)
    {
        if (text.size() > 1)
            text += ',';
        text += '"';
        text += key;
        text += "\":";
        text += value;
    }
    void str(const char *key, const QString &v) { raw(key, jsonString(v)); }
    void num(const char *key, double v) { raw(key, jsonNumber(v)); }
    void integer(const char *key, qint64 v) { raw(key, QByteArray::number(v)); }
    QByteArray close() { return text + '}'; }
};
} // namespace

QByteArray eventToJson(const Event &e, const QString &file)
{
    Obj o;
    o.str("event", eventKindName(e.kind));
    o.str("workflow", e.workflow);
    if (!file.isEmpty())
        o.str("file", file);
    switch (e.kind) {
    case EventKind::Graduated:
        o.str("version", e.version);
        o.integer("line", e.line);
        o.integer("executions", e.executions);
        break;
    case EventKind::Anomaly:
        o.str("tool", e.tool);
        o.str("metric", e.metric);
        o.integer("line", e.line);
        o.num("value", e.value);
        o.num("expected", e.expected);
        o.str("version", e.version);
        o.num("score", e.score);
        o.str("direction", e.direction > 0 ? QStringLiteral("up") : QStringLiteral("down"));
        break;
    case EventKind::Drift:
        o.str("tool", e.tool);
        o.str("metric", e.metric);
        o.integer("line", e.line);
        o.num("value", e.value);
        o.num("score", e.score);
        o.str("direction", e.direction > 0 ? QStringLiteral("up") : QStringLiteral("down"));
        o.str("version", e.version);
        o.num("expected", e.expected);
        o.integer("id", e.id);
        break;
    case EventKind::Diagnosis:
        o.str("tool", e.tool);
        o.integer("line", e.line);
        o.str("tier", e.tier);
        o.str("status", e.status);
        o.num("confidence", e.confidence);
        o.str("action", e.action);
        o.num("cost_usd", e.costUsd);
        o.str("version", e.version);
        o.str("metric", e.metric);
        o.str("root_cause", e.rootCause);
        o.integer("drift_id", e.relatesTo);
        break;
    case EventKind::Trend:
        o.str("tool", e.tool);
        o.str("metric", e.metric);
        o.num("slope_per_day", e.slopePerDay);
        o.num("projected_30d", e.projected30d);
        o.str("severity", e.severity);
        o.str("version", e.version);
        break;
    case EventKind::Transition:
        o.str("version", e.version);
        o.integer("line", e.line);
        o.str("from", phaseName(e.from));
        o.str("to", phaseName(e.to));
        o.str("reason", e.reason);
        if (!e.tool.isEmpty())
            o.str("tool", e.tool);
        break;
    }
    return o.close();
}

QByteArray summaryToJson(const AnalysisSummary &s)
{
    Obj o;
    o.str("event", QStringLiteral("summary"));
    o.integer("records", s.records);
    o.integer("rejected", s.rejected);
    o.integer("workflows", s.workflows);
    o.integer("drift_events", s.driftEvents);
    o.num("monitoring_cost_usd", std::round(s.monitoringCostUsd * 1e6) / 1e6);
    o.num("always_on_cost_usd", std::round(s.alwaysOnCostUsd * 1e6) / 1e6);
    o.integer("workflow_versions", s.workflowVersions);
    o.integer("executions", s.executions);
    o.integer("anomalies", s.anomalies);
    o.integer("graduated", s.graduated);
    o.num("savings_usd", std::round((s.alwaysOnCostUsd - s.monitoringCostUsd) * 1e6) / 1e6);
    o.str("cost_basis", s.costBasis);
    if (s.llmCalls >= 0) {
        o.integer("llm_calls", s.llmCalls);
        o.integer("llm_calls_unpriced", s.llmCallsUnpriced);
    }
    return o.close();
}

} // namespace Apprentice
