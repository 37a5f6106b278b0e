#include "eventsmodel.h"

#include "colors.h"
#include "format.h"
#include "metricinfo.h"
#include "reasontext.h"

#include <QRegularExpression>

#include <cmath>

using namespace Apprentice;

EventsModel::EventsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EventsModel::setCapacity(int rows)
{
    m_capacity = std::max(1, rows);
}

QString EventsModel::kindText(RowKind kind)
{
    switch (kind) {
    case KindDrift: return tr("Drift");
    case KindFailure: return tr("Failure");
    case KindAnomaly: return tr("Anomaly");
    case KindPhase: return tr("Phase");
    }
    return {};
}

QString EventsModel::decisionText(Decision d)
{
    switch (d) {
    case Informational: return {};
    case Investigating: return tr("Investigating…");
    case Applied: return tr("Applied automatically");
    case Escalated: return tr("Waiting for an operator");
    case Accepted: return tr("Accepted as new normal");
    case Dismissed: return tr("Dismissed as false alarm");
    case MarkedForEvolution: return tr("Marked for evolution");
    }
    return {};
}

int EventsModel::rowForEvent(qint64 eventId) const
{
    const auto it = m_byId.find(eventId);
    if (it == m_byId.end())
        return -1;
    const qint64 row = it->second - m_removed;
    return row >= 0 && row < qint64(m_rows.size()) ? int(row) : -1;
}

const InvestigationRecord *EventsModel::investigation(qint64 driftId) const
{
    const auto it = m_investigations.find(driftId);
    return it == m_investigations.end() ? nullptr : &it->second;
}

int EventsModel::openCount() const
{
    int n = 0;
    for (const Row &r : m_rows)
        if (r.decision == Escalated)
            ++n;
    return n;
}

int EventsModel::latestDriftRow(const Event &e) const
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const Row &r = m_rows[size_t(i)];
        if ((r.kind == KindDrift || r.kind == KindFailure) && r.event.workflow == e.workflow
            && r.event.version == e.version && r.event.tool == e.tool && r.event.metric == e.metric)
            return i;
    }
    return -1;
}

void EventsModel::setDecision(int row, Decision decision, const QString &who)
{
    Row &r = m_rows[size_t(row)];
    r.decision = decision;
    r.decidedBy = who;
    emit dataChanged(index(row, ColDiagnosis), index(row, ColDecision));
    emit decisionChanged(r.event.id);
}

void EventsModel::addEvents(const std::vector<EventRecord> &events)
{
    std::vector<Row> fresh;
    auto flush = [&] {
        if (!fresh.empty())
            append(fresh);
    };
    for (const EventRecord &er : events) {
        const Event &e = er.event;
        switch (e.kind) {
        case EventKind::Anomaly:
        case EventKind::Drift:
        case EventKind::Graduated: {
            Row r;
            r.event = e;
            r.seq = er.seq;
            if (e.kind == EventKind::Anomaly)
                r.kind = KindAnomaly;
            else if (e.kind == EventKind::Graduated)
                r.kind = KindPhase;
            else
                r.kind = e.metric == u"status" ? KindFailure : KindDrift;
            r.decision = e.kind == EventKind::Drift ? Investigating : Informational;
            fresh.push_back(std::move(r));
            break;
        }
        case EventKind::Transition: {
            // Operator decisions close the drift they are about; phase changes are audit rows.
            static const QRegularExpression decided(QStringLiteral(" (accepted as the new normal|dismissed as a false alarm|marked for evolution) by (.*)$"));
            const QRegularExpressionMatch m = decided.match(e.reason);
            if (m.hasMatch()) {
                flush();
                fresh.clear();
                int row = e.relatesTo > 0 ? rowForEvent(e.relatesTo) : -1;
                if (row < 0)
                    row = latestDriftRow(e);
                if (row >= 0) {
                    const QString what = m.captured(1);
                    setDecision(row,
                                what.startsWith(u"accepted")    ? Accepted
                                : what.startsWith(u"dismissed") ? Dismissed
                                                                : MarkedForEvolution,
                                m.captured(2));
                }
            }
            Row r;
            r.event = e;
            r.seq = er.seq;
            r.kind = KindPhase;
            fresh.push_back(std::move(r));
            break;
        }
        case EventKind::Diagnosis: {
            flush();
            fresh.clear();
            const int row = rowForEvent(e.relatesTo);
            if (row < 0)
                break;
            Row &r = m_rows[size_t(row)];
            r.diagnosed = true;
            r.diagnosis = e;
            if (r.decision == Investigating || r.decision == Escalated)
                setDecision(row, e.action == u"ESCALATE_TO_HUMAN" ? Escalated : Applied, e.tier);
            else
                emit dataChanged(index(row, ColDiagnosis), index(row, ColDecision));
            break;
        }
        case EventKind::Trend: break;
        }
    }
    flush();
}

void EventsModel::append(std::vector<Row> &rows)
{
    if (rows.empty())
        return;
    const int overflow = int(m_rows.size() + rows.size()) - m_capacity;
    if (overflow > 0) {
        const int drop = std::min(overflow, int(m_rows.size()));
        if (drop > 0) {
            beginRemoveRows({}, 0, drop - 1);
            for (int i = 0; i < drop; ++i) {
                const Row &r = m_rows.front();
                m_byId.erase(r.event.id);
                m_investigations.erase(r.event.id);
                m_rows.pop_front();
            }
            m_removed += drop;
            endRemoveRows();
        }
        if (rows.size() > size_t(m_capacity))
            rows.erase(rows.begin(), rows.end() - m_capacity);
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (Row &r : rows) {
        if (r.event.id != 0)
            m_byId[r.event.id] = qint64(m_rows.size()) + m_removed;
        m_rows.push_back(std::move(r));
    }
    endInsertRows();
    rows.clear();
}

void EventsModel::addInvestigations(const std::vector<InvestigationRecord> &investigations)
{
    for (const InvestigationRecord &rec : investigations) {
        m_investigations[rec.driftId] = rec;
        const int row = rowForEvent(rec.driftId);
        if (row >= 0)
            emit decisionChanged(rec.driftId);
    }
}

void EventsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_byId.clear();
    m_investigations.clear();
    m_removed = 0;
    endResetModel();
}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventsModel::changeText(const Row &r) const
{
    const Event &e = r.event;
    if (r.kind == KindFailure)
        return tr("failed");
    if (!std::isfinite(e.value) || !std::isfinite(e.expected))
        return {};
    if (MetricInfo::isShare(e.metric))
        return tr("%1 pp").arg(QLocale().toString((e.value - e.expected) * 100, 'f', 1));
    if (e.expected == 0)
        return {};
    const double ratio = e.value / e.expected;
    if (ratio >= 2 || ratio <= 0.5)
        return tr("×%1").arg(QLocale().toString(ratio, 'f', ratio >= 10 ? 0 : 1));
    return tr("%1 %").arg(QLocale().toString((ratio - 1) * 100, 'f', 0));
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const Event &e = r.event;
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case ColTime: return e.tsMs ? Format::timestamp(e.tsMs) : QString();
        case ColKind:
            if (r.kind == KindPhase) {
                if (e.kind == EventKind::Graduated)
                    return tr("Graduated");
                if (e.from == e.to)
                    return tr("Decision");
            }
            return kindText(r.kind);
        case ColWorkflow: return e.version.isEmpty() ? e.workflow : QString(e.workflow + u' ' + e.version);
        case ColTool: return e.tool;
        case ColMetric: return r.kind == KindPhase ? QString() : MetricInfo::title(e.metric);
        case ColValue:
            if (r.kind == KindPhase) {
                if (e.kind == EventKind::Graduated)
                    return tr("after %1 executions").arg(e.executions);
                return ReasonText::translateTransition(e.reason);
            }
            return r.kind == KindFailure ? tr("error") : Format::metricValue(e.metric, e.value);
        case ColExpected: return r.kind == KindFailure ? tr("ok") : Format::metricValue(e.metric, e.expected);
        case ColChange: return r.kind == KindPhase ? QString() : changeText(r);
        case ColDiagnosis:
            if (!r.diagnosed)
                return {};
            return tr("%1 · %2").arg(ReasonText::statusText(r.diagnosis.status),
                                     QLocale().toString(r.diagnosis.confidence, 'f', 2));
        case ColAction: return r.diagnosed ? ReasonText::actionText(r.diagnosis.action) : QString();
        case ColDecision: {
            const QString text = decisionText(r.decision);
            if (!r.decidedBy.isEmpty() && r.decision >= Accepted)
                return tr("%1 (%2)").arg(text, r.decidedBy);
            return text;
        }
        }
        break;
    case SortRole:
        switch (col) {
        case ColTime: return e.tsMs ? e.tsMs : e.id;
        case ColValue: return e.value;
        case ColExpected: return e.expected;
        case ColDiagnosis: return r.diagnosed ? r.diagnosis.confidence : -1.0;
        case ColDecision: return int(r.decision);
        default: return data(index, Qt::DisplayRole);
        }
    case KindRole: return int(r.kind);
    case DecisionRole: return int(r.decision);
    case EventIdRole: return e.id;
    case SeqRole: return r.seq;
    case Qt::TextAlignmentRole:
        if (col == ColValue && r.kind == KindPhase)
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        if (col == ColValue || col == ColExpected || col == ColChange)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (col == ColKind) {
            switch (r.kind) {
            case KindFailure: return Colors::danger();
            case KindDrift: return Colors::warning();
            case KindAnomaly: return Colors::info();
            case KindPhase: return e.kind == EventKind::Graduated ? Colors::ok() : Colors::muted();
            }
        }
        if (col == ColDecision) {
            switch (r.decision) {
            case Escalated: return Colors::danger();
            case Investigating: return Colors::warning();
            case Accepted:
            case Applied: return Colors::ok();
            default: return Colors::muted();
            }
        }
        return {};
    case Qt::ToolTipRole:
        switch (col) {
        case ColTime: return e.tsMs ? Format::fullTimestamp(e.tsMs) : QString();
        case ColMetric: return r.kind == KindPhase ? QString() : MetricInfo::description(e.metric);
        case ColValue:
            if (r.kind == KindPhase)
                return ReasonText::translateTransition(e.reason);
            return tr("The value that triggered the event");
        case ColExpected: return tr("The profile's median for this metric");
        case ColDiagnosis:
        case ColAction:
            if (!r.diagnosed)
                return {};
            return tr("%1\nTier: %2, cost %3")
                .arg(ReasonText::translateRootCause(r.diagnosis.rootCause), r.diagnosis.tier, Format::money(r.diagnosis.costUsd));
        default: return {};
        }
    default: break;
    }
    return {};
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ColTime: return tr("Time (UTC)");
        case ColKind: return tr("Kind");
        case ColWorkflow: return tr("Workflow");
        case ColTool: return tr("Tool");
        case ColMetric: return tr("Metric");
        case ColValue: return tr("Value");
        case ColExpected: return tr("Expected");
        case ColChange: return tr("Change");
        case ColDiagnosis: return tr("Diagnosis");
        case ColAction: return tr("Action");
        case ColDecision: return tr("Decision");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ColKind: return tr("Drift: a sustained change (opens an investigation). Failure: a call returned an error. "
                                "Anomaly: one isolated out-of-profile value (informational).");
        case ColValue: return tr("The value that triggered the event");
        case ColExpected: return tr("The profile's median for this metric");
        case ColChange: return tr("Value against expected: relative change, or percentage points for rates");
        case ColDiagnosis: return tr("What the investigation concluded, with its confidence (0–1)");
        case ColAction: return tr("The action the diagnosis recommends");
        case ColDecision: return tr("What happened: applied automatically, waiting for an operator, or the operator's decision");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant(section == ColValue || section == ColExpected || section == ColChange
                            ? Qt::AlignRight | Qt::AlignVCenter
                            : Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

void EventsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}
