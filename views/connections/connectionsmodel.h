#pragma once

#include "live/connectioninfo.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace Apprentice {
class ConnectionManager;
}

/// The Connections panel's table: one row per live connection with its state, what it received and its last
/// problem. Rows follow the manager's signals; a row's cells change at most as often as the manager polls.
class ConnectionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ColKind, ColEndpoint, ColState, ColRecords, ColRejected, ColErrors, ColClients, ColLastError, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< the connection id (int), on every cell
        StateRole,                 ///< Apprentice::ConnectionState as int, on every cell
        SortRole                   ///< numbers as numbers
    };

    explicit ConnectionsModel(Apprentice::ConnectionManager *manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The connection shown in `row`, or -1.
    int idAt(int row) const;
    /// The row showing connection `id`, or -1.
    int rowOf(int id) const;
    Apprentice::ConnectionInfo infoAt(int row) const;

    static QString kindText(Apprentice::ConnectionKind kind);
    static QString stateText(Apprentice::ConnectionState state);
    /// How the live stream names a source: "OTLP 127.0.0.1:4318", "SSE http://…", "File /var/log/…".
    static QString sourceLabel(const Apprentice::ConnectionInfo &info);

private:
    void onAdded(int id);
    void onChanged(int id);
    void onRemoved(int id);

    QPointer<Apprentice::ConnectionManager> m_manager;
    QList<Apprentice::ConnectionInfo> m_rows;
};
