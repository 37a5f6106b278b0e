#pragma once

#include "live/connectionspec.h"

#include <QPointer>
#include <QWidget>

class ConnectionsModel;
class QLabel;
class QPushButton;
class QTableView;

namespace Apprentice {
class ConnectionManager;
}

/// The Connections panel: every live connection with its state, records received and problems, and buttons to
/// connect (the same dialog as File → Connect…), restart and disconnect. Works on the manager it is given.
class ConnectionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionsPanel(Apprentice::ConnectionManager *manager, QWidget *parent = nullptr);

    /// File → Connect…: runs the dialog and adds what was entered. Returns the new id, or -1 (cancelled, or the
    /// manager refused it: then the dialog stays open with the reason, as long as the user keeps trying).
    int openConnectDialog();
    /// Adds a connection; a refusal shows in messageLabel(). Returns the id or -1.
    int connectTo(const Apprentice::ConnectionSpec &spec);
    /// The selected connection, or -1.
    int currentConnection() const;
    void selectConnection(int id);
    /// Reopens / closes the selected connection.
    void restartCurrent();
    void disconnectCurrent();

    QTableView *view() const { return m_view; }
    ConnectionsModel *model() const { return m_model; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *connectButton() const { return m_connect; }
    QPushButton *restartButton() const { return m_restart; }
    QPushButton *disconnectButton() const { return m_disconnect; }

signals:
    /// A connection was added from this panel (or its dialog).
    void connectionOpened(int id);

private:
    void updateButtons();

    QPointer<Apprentice::ConnectionManager> m_manager;
    ConnectionsModel *m_model;
    QTableView *m_view;
    QPushButton *m_connect;
    QPushButton *m_restart;
    QPushButton *m_disconnect;
    QLabel *m_message;
};
