#include "streammodel.h"

#include "colors.h"
#include "format.h"
#include "metricinfo.h"

#include "event.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QMutex>
#include <QTimer>

#include <algorithm>

using namespace Apprentice;

namespace {

struct SourceTable {
    QMutex mutex;
    QStringList names{QStringLiteral("demo")}; // StreamSources::Demo
    QHash<QString, qint16> index{{QStringLiteral("demo"), StreamSources::Demo}};
};

SourceTable &sourceTable()
{
    static SourceTable table;
    return table;
}

} // namespace

qint16 StreamSources::intern(const QString &name)
{
    SourceTable &t = sourceTable();
    QMutexLocker lock(&t.mutex);
    if (const auto it = t.index.constFind(name); it != t.index.cend())
        return *it;
    if (t.names.size() >= 32767)
        return qint16(32766);
    const qint16 i = qint16(t.names.size());
    t.names << name;
    t.index.insert(name, i);
    return i;
}

QString StreamSources::name(qint16 index)
{
    SourceTable &t = sourceTable();
    QMutexLocker lock(&t.mutex);
    return index >= 0 && index < t.names.size() ? t.names[index] : QString();
}

int StreamSources::count()
{
    SourceTable &t = sourceTable();
    QMutexLocker lock(&t.mutex);
    return int(t.names.size());
}

QString StreamModel::sourceText(qint16 source)
{
    return source == StreamSources::Demo ? tr("demo") : StreamSources::name(source);
}

QStringList StreamModel::sourceNames() const
{
    QStringList names;
    names.reserve(qsizetype(m_sourceOrder.size()));
    for (const qint16 s : m_sourceOrder)
        names << sourceText(s);
    return names;
}

StreamModel::StreamModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(FlushIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, &StreamModel::flush);
}

void StreamModel::setCapacity(int rows)
{
    rows = std::max(1, rows);
    if (rows == m_capacity)
        return;
    beginResetModel();
    std::vector<StreamRow> kept;
    const int keep = std::min(m_size, rows);
    kept.reserve(size_t(keep));
    for (int i = m_size - keep; i < m_size; ++i)
        kept.push_back(std::move(m_ring[physical(size_t(i))]));
    m_ring = std::move(kept);
    m_head = 0;
    m_size = keep;
    m_capacity = rows;
    endResetModel();
}

void StreamModel::setNewestFirst(bool newestFirst)
{
    if (newestFirst == m_newestFirst)
        return;
    beginResetModel();
    m_newestFirst = newestFirst;
    endResetModel();
}

void StreamModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!m_paused && !m_pending.empty())
        m_flushTimer->start();
}

void StreamModel::addRows(std::vector<StreamRow> rows)
{
    if (rows.empty())
        return;
    m_totalSeen += qint64(rows.size());
    bool newSource = false;
    for (const StreamRow &r : rows) {
        if (r.source < 0)
            continue;
        if (size_t(r.source) >= m_sourceSeen.size())
            m_sourceSeen.resize(size_t(r.source) + 1, false);
        if (!m_sourceSeen[size_t(r.source)]) {
            m_sourceSeen[size_t(r.source)] = true;
            m_sourceOrder.push_back(r.source);
            newSource = true;
        }
    }
    if (m_pending.empty())
        m_pending = std::move(rows);
    else
        std::move(rows.begin(), rows.end(), std::back_inserter(m_pending));
    // Only the newest `capacity` rows can ever be shown.
    if (m_pending.size() > size_t(m_capacity) * 2) {
        const size_t drop = m_pending.size() - size_t(m_capacity);
        m_pending.erase(m_pending.begin(), m_pending.begin() + qsizetype(drop));
    }
    if (!m_paused && !m_flushTimer->isActive())
        m_flushTimer->start();
    if (newSource)
        emit sourcesChanged();
}

void StreamModel::flush()
{
    m_flushTimer->stop();
    if (m_pending.empty())
        return;
    std::vector<StreamRow> rows = std::move(m_pending);
    m_pending.clear();
    if (rows.size() > size_t(m_capacity))
        rows.erase(rows.begin(), rows.end() - m_capacity);
    const int n = int(rows.size());

    const int overflow = std::max(0, m_size + n - m_capacity);
    if (overflow > 0) {
        if (m_newestFirst)
            beginRemoveRows({}, m_size - overflow, m_size - 1);
        else
            beginRemoveRows({}, 0, overflow - 1);
        for (int i = 0; i < overflow; ++i)
            m_ring[physical(size_t(i))] = StreamRow(); // release strings now
        m_head = (m_head + size_t(overflow)) % size_t(m_capacity);
        m_size -= overflow;
        endRemoveRows();
    }

    if (m_newestFirst)
        beginInsertRows({}, 0, n - 1);
    else
        beginInsertRows({}, m_size, m_size + n - 1);
    for (StreamRow &r : rows) {
        const size_t p = physical(size_t(m_size));
        if (p < m_ring.size())
            m_ring[p] = std::move(r);
        else
            m_ring.push_back(std::move(r));
        ++m_size;
    }
    endInsertRows();
    emit flushed(n, overflow);
}

void StreamModel::clear()
{
    m_flushTimer->stop();
    beginResetModel();
    m_ring.clear();
    m_ring.shrink_to_fit();
    m_pending.clear();
    m_head = 0;
    m_size = 0;
    m_totalSeen = 0;
    m_files.clear();
    const bool hadSources = !m_sourceOrder.empty();
    m_sourceOrder.clear();
    m_sourceSeen.clear();
    endResetModel();
    if (hadSources)
        emit sourcesChanged();
}

bool StreamModel::isFlushScheduled() const
{
    return m_flushTimer->isActive();
}

int StreamModel::rowForSeq(qint64 seq) const
{
    // seq grows along the ring: binary search in logical order.
    int lo = 0, hi = m_size;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (m_ring[physical(size_t(mid))].seq < seq)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= m_size || m_ring[physical(size_t(lo))].seq != seq)
        return -1;
    return m_newestFirst ? m_size - 1 - lo : lo;
}

int StreamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_size;
}

int StreamModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString StreamModel::noteFor(const StreamRow &r) const
{
    QStringList parts;
    if (r.has(StreamRow::Failure))
        parts << (r.error.isEmpty() ? tr("failed") : tr("failed: %1").arg(r.error));
    if (r.has(StreamRow::Drift) && !r.has(StreamRow::Failure))
        parts << tr("drift detected");
    if (r.has(StreamRow::Anomaly))
        parts << tr("anomaly");
    if (parts.isEmpty() && r.has(StreamRow::Learning))
        parts << tr("learning");
    return parts.join(QStringLiteral(" · "));
}

namespace {

Metric metricOf(int column)
{
    switch (column) {
    case StreamModel::ColLatency: return Metric::Latency;
    case StreamModel::ColOutput: return Metric::OutputBytes;
    case StreamModel::ColMemory: return Metric::Memory;
    case StreamModel::ColCpu: return Metric::Cpu;
    case StreamModel::ColValidation: return Metric::Validation;
    default: return Metric::Cost;
    }
}

QString metricName(Metric m)
{
    const auto n = BuiltinMetricNames[size_t(m)];
    return QString::fromLatin1(n.data(), qsizetype(n.size()));
}

} // namespace

QVariant StreamModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const StreamRow &r = rowAt(index.row());
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case ColTime: return Format::timestamp(r.tsMs);
        case ColWorkflow: return r.workflow;
        case ColVersion: return r.version;
        case ColExecution: return r.execution;
        case ColTool: return r.tool;
        case ColStatus: return r.ok ? tr("ok") : tr("error");
        case ColLatency:
        case ColOutput:
        case ColMemory:
        case ColCpu:
        case ColValidation:
        case ColCost: {
            const Metric m = metricOf(col);
            const double v = r.value(m);
            return isPresent(v) ? Format::metricValue(metricName(m), v) : QString();
        }
        case ColDriftScore:
            return r.has(StreamRow::Learning) && !r.has(StreamRow::Failure) ? QString()
                                                                             : QLocale().toString(double(r.driftScore), 'f', 2);
        case ColSource: return sourceText(r.source);
        case ColNote: return noteFor(r);
        }
        break;
    case SortRole:
        switch (col) {
        case ColTime: return r.tsMs;
        case ColLatency:
        case ColOutput:
        case ColMemory:
        case ColCpu:
        case ColValidation:
        case ColCost: return r.value(metricOf(col));
        case ColDriftScore: return double(r.driftScore);
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (col >= ColLatency && col <= ColDriftScore)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::BackgroundRole: {
        if (r.has(StreamRow::Failure))
            return Colors::tint(Colors::danger(), 70);
        if (r.has(StreamRow::Drift))
            return Colors::tint(Colors::danger(), 45);
        if (r.has(StreamRow::Anomaly))
            return Colors::tint(Colors::warning(), 55);
        const QColor c = Colors::driftTint(r.driftScore);
        if (c.isValid())
            return c;
        return {};
    }
    case Qt::ForegroundRole:
        if (col == ColStatus && !r.ok)
            return Colors::danger();
        if (col == ColNote && r.has(StreamRow::Learning) && r.flags == StreamRow::Learning)
            return Colors::muted();
        return {};
    case Qt::ToolTipRole:
        switch (col) {
        case ColTime: {
            QString tip = Format::fullTimestamp(r.tsMs);
            if (r.fileIndex >= 0 && r.fileIndex < m_files.size())
                tip += u'\n' + tr("%1, line %2").arg(QFileInfo(m_files[r.fileIndex]).fileName()).arg(r.line);
            return tip;
        }
        case ColLatency:
        case ColOutput:
        case ColMemory:
        case ColCpu:
        case ColValidation:
        case ColCost: return MetricInfo::description(metricName(metricOf(col)));
        case ColDriftScore: return MetricInfo::statisticDescription(QStringLiteral("drift"));
        case ColSource:
            if (r.fileIndex >= 0 && r.fileIndex < m_files.size())
                return tr("%1, line %2").arg(QDir::toNativeSeparators(m_files[r.fileIndex])).arg(r.line);
            return sourceText(r.source);
        case ColNote:
        case ColStatus: return r.error.isEmpty() ? noteFor(r) : r.error;
        default: return {};
        }
    case SeqRole: return r.seq;
    case FlagsRole: return int(r.flags);
    case DriftScoreRole: return double(r.driftScore);
    case WorkflowRole: return r.workflow;
    case ToolRole: return r.tool;
    case SourceRole: return int(r.source);
    default: break;
    }
    return {};
}

QVariant StreamModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ColTime: return tr("Time (UTC)");
        case ColWorkflow: return tr("Workflow");
        case ColVersion: return tr("Version");
        case ColExecution: return tr("Execution");
        case ColTool: return tr("Tool");
        case ColStatus: return tr("Status");
        case ColLatency: return tr("Latency");
        case ColOutput: return tr("Output");
        case ColMemory: return tr("Memory");
        case ColCpu: return tr("CPU");
        case ColValidation: return tr("Validation");
        case ColCost: return tr("Cost");
        case ColDriftScore: return tr("Drift score");
        case ColSource: return tr("Source");
        case ColNote: return tr("Note");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ColTime: return tr("When the tool call started, in UTC");
        case ColExecution: return tr("The workflow run this call belongs to");
        case ColStatus: return tr("Outcome of the call: ok or error");
        case ColLatency: return MetricInfo::description(QStringLiteral("latency_ms"));
        case ColOutput: return MetricInfo::description(QStringLiteral("output_bytes"));
        case ColMemory: return MetricInfo::description(QStringLiteral("memory_mb"));
        case ColCpu: return MetricInfo::description(QStringLiteral("cpu_pct"));
        case ColValidation: return MetricInfo::description(QStringLiteral("validation_pass"));
        case ColCost: return MetricInfo::description(QStringLiteral("cost_usd"));
        case ColDriftScore: return MetricInfo::statisticDescription(QStringLiteral("drift"));
        case ColSource: return tr("Where the record came from: the imported file, the live connection, or the demo");
        case ColNote: return tr("What the engine made of the call: learning, anomaly, drift, failure");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant(section >= ColLatency && section <= ColDriftScore ? Qt::AlignRight | Qt::AlignVCenter
                                                                          : Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

void StreamModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_size > 0)
        emit dataChanged(index(0, 0), index(m_size - 1, ColumnCount - 1));
}
