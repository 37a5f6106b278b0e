#include "connectionsmodel.h"

#include "live/connectionmanager.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

using namespace Apprentice;

ConnectionsModel::ConnectionsModel(ConnectionManager *manager, QObject *parent)
    : QAbstractTableModel(parent)
    , m_manager(manager)
{
    if (!manager)
        return;
    m_rows = manager->connections();
    connect(manager, &ConnectionManager::connectionAdded, this, &ConnectionsModel::onAdded);
    connect(manager, &ConnectionManager::connectionChanged, this, &ConnectionsModel::onChanged);
    connect(manager, &ConnectionManager::connectionRemoved, this, &ConnectionsModel::onRemoved);
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConnectionsModel::kindText(ConnectionKind kind)
{
    switch (kind) {
    case ConnectionKind::OtlpReceiver: return tr("OTLP receiver");
    case ConnectionKind::NdjsonStream: return tr("JSON Lines stream");
    case ConnectionKind::SseStream: return tr("SSE stream");
    case ConnectionKind::FileTail: return tr("File");
    }
    return {};
}

QString ConnectionsModel::stateText(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connecting: return tr("Connecting");
    case ConnectionState::Connected: return tr("Connected");
    case ConnectionState::Retrying: return tr("Retrying");
    case ConnectionState::Stopped: return tr("Stopped");
    }
    return {};
}

QString ConnectionsModel::sourceLabel(const ConnectionInfo &info)
{
    const QString where = info.endpoint.isEmpty() ? info.spec.address : info.endpoint;
    switch (info.spec.kind) {
    case ConnectionKind::OtlpReceiver: return tr("OTLP %1").arg(where);
    case ConnectionKind::NdjsonStream: return tr("NDJSON %1").arg(where);
    case ConnectionKind::SseStream: return tr("SSE %1").arg(where);
    case ConnectionKind::FileTail: return tr("File %1").arg(where);
    }
    return where;
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConnectionInfo &c = m_rows[index.row()];
    switch (role) {
    case IdRole:
        return c.id;
    case StateRole:
        return int(c.state);
    case Qt::DisplayRole:
    case SortRole: {
        const bool sort = role == SortRole;
        const auto number = [&](qint64 v) -> QVariant { return sort ? QVariant(v) : QVariant(QLocale().toString(v)); };
        switch (index.column()) {
        case ColKind: return kindText(c.spec.kind);
        case ColEndpoint: return c.endpoint.isEmpty() ? c.spec.address : c.endpoint;
        case ColState: return stateText(c.state);
        case ColRecords: return number(c.records);
        case ColRejected: return number(c.rejected);
        case ColErrors: return number(c.errors);
        case ColClients:
            if (c.spec.kind != ConnectionKind::OtlpReceiver)
                return sort ? QVariant(qint64(-1)) : QVariant(QString());
            return number(c.clients);
        case ColLastError: return c.lastError;
        }
        return {};
    }
    case Qt::ToolTipRole:
        if (index.column() == ColLastError || index.column() == ColState)
            return c.lastError.isEmpty() ? QVariant() : QVariant(c.lastError);
        if (index.column() == ColClients && c.spec.kind == ConnectionKind::OtlpReceiver)
            return tr("Client connections open now");
        if (index.column() == ColRecords && c.llmCalls > 0) {
            // Token cost is only as good as the price table: say how much of it is unknown.
            return c.llmCallsUnpriced > 0
                       ? tr("%1 LLM calls priced into the records' cost; %2 of them use a model the price table "
                            "does not know and count as $0")
                             .arg(QLocale().toString(c.llmCalls), QLocale().toString(c.llmCallsUnpriced))
                       : tr("%1 LLM calls priced into the records' cost").arg(QLocale().toString(c.llmCalls));
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= ColRecords && index.column() <= ColClients)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() != ColState)
            return {};
        switch (c.state) {
        case ConnectionState::Connected: return QBrush(QColor(0x1b, 0x7f, 0x3b));
        case ConnectionState::Retrying: return QBrush(QColor(0xb2, 0x6a, 0x00));
        case ConnectionState::Stopped: return QBrush(QColor(0xb3, 0x26, 0x1e));
        case ConnectionState::Connecting: return {};
        }
        return {};
    default:
        return {};
    }
}

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ColKind: return tr("Kind");
    case ColEndpoint: return tr("Address");
    case ColState: return tr("State");
    case ColRecords: return tr("Records");
    case ColRejected: return tr("Rejected");
    case ColErrors: return tr("Errors");
    case ColClients: return tr("Clients");
    case ColLastError: return tr("Last problem");
    }
    return {};
}

int ConnectionsModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : -1;
}

int ConnectionsModel::rowOf(int id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].id == id)
            return row;
    }
    return -1;
}

ConnectionInfo ConnectionsModel::infoAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row] : ConnectionInfo();
}

void ConnectionsModel::onAdded(int id)
{
    if (!m_manager || rowOf(id) >= 0)
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(m_manager->connection(id));
    endInsertRows();
}

void ConnectionsModel::onChanged(int id)
{
    const int row = rowOf(id);
    if (!m_manager || row < 0)
        return;
    m_rows[row] = m_manager->connection(id);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ConnectionsModel::onRemoved(int id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}
