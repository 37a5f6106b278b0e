#include "connectionspanel.h"

#include "connectdialog.h"
#include "connectionsmodel.h"
#include "live/connectionmanager.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Apprentice;

ConnectionsPanel::ConnectionsPanel(ConnectionManager *manager, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_model(new ConnectionsModel(manager, this))
    , m_view(new QTableView(this))
{
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ConnectionsModel::ColLastError, QHeaderView::Stretch);
    m_view->setWordWrap(false);

    m_connect = new QPushButton(tr("Connect…"), this);
    m_connect->setToolTip(tr("Receive OpenTelemetry spans, follow a stream or a file"));
    m_restart = new QPushButton(tr("Reconnect"), this);
    m_restart->setToolTip(tr("Close the selected connection and open it again now"));
    m_disconnect = new QPushButton(tr("Disconnect"), this);
    m_disconnect->setToolTip(tr("Close the selected connection; what it delivered stays"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_message->hide();

    // What an empty page can do, so a first visit is not a blank table.
    auto *hint = new QLabel(tr("<p><b>No live connections yet.</b> Use <b>Connect…</b> (Ctrl+Shift+O) to</p><ul>"
                               "<li>receive OpenTelemetry traces: point an OTLP/HTTP JSON exporter at "
                               "<code>http://127.0.0.1:4318/v1/traces</code>;</li>"
                               "<li>follow an NDJSON or Server-Sent Events stream — try "
                               "<code>apprentice-cli serve-demo --port 8081</code>;</li>"
                               "<li>tail a JSON Lines log file as it grows.</li></ul>"
                               "<p>Records from every connection join the same profiles as imports and the demo.</p>"),
                            this);
    hint->setObjectName(QStringLiteral("emptyHint"));
    hint->setTextFormat(Qt::RichText);
    hint->setWordWrap(true);
    hint->setContentsMargins(8, 16, 8, 8);
    auto updateHint = [this, hint] { hint->setVisible(m_model->rowCount() == 0); };
    connect(m_model, &QAbstractItemModel::rowsInserted, hint, updateHint);
    connect(m_model, &QAbstractItemModel::rowsRemoved, hint, updateHint);
    connect(m_model, &QAbstractItemModel::modelReset, hint, updateHint);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_connect);
    buttons->addWidget(m_restart);
    buttons->addWidget(m_disconnect);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(buttons);
    layout->addWidget(hint);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);
    updateHint();

    connect(m_connect, &QPushButton::clicked, this, [this] { openConnectDialog(); });
    connect(m_restart, &QPushButton::clicked, this, &ConnectionsPanel::restartCurrent);
    connect(m_disconnect, &QPushButton::clicked, this, &ConnectionsPanel::disconnectCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ConnectionsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ConnectionsPanel::updateButtons);
    updateButtons();
}

int ConnectionsPanel::openConnectDialog()
{
    if (!m_manager)
        return -1;
    ConnectDialog dialog(this);
    // Refusals (a taken port, say) keep the dialog open with the reason, so the entry can be corrected in place.
    while (dialog.exec() == QDialog::Accepted) {
        QString error;
        const int id = m_manager->addConnection(dialog.spec(), &error);
        if (id > 0) {
            m_message->hide();
            selectConnection(id);
            emit connectionOpened(id);
            return id;
        }
        dialog.problemLabel()->setText(error);
    }
    return -1;
}

int ConnectionsPanel::connectTo(const ConnectionSpec &spec)
{
    if (!m_manager)
        return -1;
    QString error;
    const int id = m_manager->addConnection(spec, &error);
    if (id < 0) {
        m_message->setText(tr("Could not connect: %1").arg(error));
        m_message->show();
        return -1;
    }
    m_message->hide();
    selectConnection(id);
    emit connectionOpened(id);
    return id;
}

int ConnectionsPanel::currentConnection() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : m_model->idAt(rows.constFirst().row());
}

void ConnectionsPanel::selectConnection(int id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_view->selectRow(row);
    updateButtons();
}

void ConnectionsPanel::restartCurrent()
{
    const int id = currentConnection();
    if (!m_manager || id < 0)
        return;
    QString error;
    if (m_manager->restartConnection(id, &error)) {
        m_message->hide();
    } else {
        m_message->setText(tr("Could not reconnect: %1").arg(error));
        m_message->show();
    }
}

void ConnectionsPanel::disconnectCurrent()
{
    const int id = currentConnection();
    if (m_manager && id >= 0)
        m_manager->removeConnection(id);
    updateButtons();
}

void ConnectionsPanel::updateButtons()
{
    const bool selected = currentConnection() >= 0;
    m_restart->setEnabled(selected);
    m_disconnect->setEnabled(selected);
    m_connect->setEnabled(m_manager != nullptr);
}
