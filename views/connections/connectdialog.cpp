#include "connectdialog.h"

#include "live/hostport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

using namespace Apprentice;

namespace {

const ConnectionKind Kinds[] = {ConnectionKind::OtlpReceiver, ConnectionKind::NdjsonStream, ConnectionKind::SseStream,
                                ConnectionKind::FileTail};

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Connect to a live endpoint"));
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("OpenTelemetry receiver (OTLP/HTTP JSON)"));
    m_kind->addItem(tr("JSON Lines stream (HTTP)"));
    m_kind->addItem(tr("Server-Sent Events stream (HTTP)"));
    m_kind->addItem(tr("Follow a JSON Lines file"));
    m_address = new QLineEdit(this);
    m_address->setClearButtonEnabled(true);
    m_browse = new QPushButton(tr("Browse…"), this);
    auto *addressRow = new QHBoxLayout;
    addressRow->setContentsMargins(0, 0, 0, 0);
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(m_browse);
    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setClearButtonEnabled(true);
    m_tokenLabel = new QLabel(this);
    m_allowRemote = new QCheckBox(tr("Accept spans from other machines"), this);
    m_allowRemote->setToolTip(tr("Listen on an address other machines can reach. Anyone who can reach it can send "
                                 "spans; require a token."));
    m_fromStart = new QCheckBox(tr("Read the lines the file already holds"), this);
    m_fromStart->setChecked(true);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));

    auto *form = new QFormLayout;
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("Address"), addressRow);
    form->addRow(m_tokenLabel, m_token);
    form->addRow(QString(), m_allowRemote);
    form->addRow(QString(), m_fromStart);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectDialog::onKindChanged);
    connect(m_address, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    connect(m_allowRemote, &QCheckBox::toggled, this, &ConnectDialog::validate);
    connect(m_browse, &QPushButton::clicked, this, &ConnectDialog::onBrowse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    onKindChanged();
}

QPushButton *ConnectDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

ConnectionKind ConnectDialog::kind() const
{
    return Kinds[std::clamp(m_kind->currentIndex(), 0, int(std::size(Kinds)) - 1)];
}

ConnectionSpec ConnectDialog::spec() const
{
    ConnectionSpec s;
    s.kind = kind();
    s.address = m_address->text().trimmed();
    if (s.kind == ConnectionKind::OtlpReceiver && s.address.isEmpty())
        s.address = defaultReceiverAddress();
    s.token = s.kind == ConnectionKind::FileTail ? QString() : m_token->text();
    s.allowRemote = s.kind == ConnectionKind::OtlpReceiver && m_allowRemote->isChecked();
    s.fromStart = m_fromStart->isChecked();
    return s;
}

void ConnectDialog::setSpec(const ConnectionSpec &spec)
{
    const auto it = std::find(std::begin(Kinds), std::end(Kinds), spec.kind);
    m_kind->setCurrentIndex(int(it - std::begin(Kinds)));
    m_address->setText(spec.address);
    m_token->setText(spec.token);
    m_allowRemote->setChecked(spec.allowRemote);
    m_fromStart->setChecked(spec.fromStart);
    validate();
}

void ConnectDialog::onKindChanged()
{
    const ConnectionKind k = kind();
    const bool receiver = k == ConnectionKind::OtlpReceiver;
    const bool tail = k == ConnectionKind::FileTail;
    m_browse->setVisible(tail);
    m_allowRemote->setVisible(receiver);
    m_fromStart->setVisible(tail);
    m_token->setVisible(!tail);
    m_tokenLabel->setVisible(!tail);
    switch (k) {
    case ConnectionKind::OtlpReceiver:
        m_address->setPlaceholderText(defaultReceiverAddress());
        m_tokenLabel->setText(tr("Required token"));
        m_token->setPlaceholderText(tr("optional: clients must send Authorization: Bearer <token>"));
        break;
    case ConnectionKind::NdjsonStream:
        m_address->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080/records"));
        m_tokenLabel->setText(tr("Bearer token"));
        m_token->setPlaceholderText(tr("optional: sent as Authorization: Bearer <token>"));
        break;
    case ConnectionKind::SseStream:
        m_address->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080/events"));
        m_tokenLabel->setText(tr("Bearer token"));
        m_token->setPlaceholderText(tr("optional: sent as Authorization: Bearer <token>"));
        break;
    case ConnectionKind::FileTail:
        m_address->setPlaceholderText(tr("path of a .jsonl file"));
        break;
    }
    validate();
}

void ConnectDialog::updateHint(const ConnectionSpec &s)
{
    switch (s.kind) {
    case ConnectionKind::OtlpReceiver:
        m_hint->setText(tr("Listens for OpenTelemetry spans (GenAI semantic conventions); every execute_tool span "
                           "becomes a record. Point the workflow's exporter here:\n"
                           "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://%1/v1/traces\n"
                           "OTEL_EXPORTER_OTLP_PROTOCOL=http/json")
                            .arg(s.address));
        break;
    case ConnectionKind::NdjsonStream:
        m_hint->setText(tr("An HTTP endpoint that streams execution records as JSON Lines, one per line. The "
                           "connection is reopened with growing pauses when it drops."));
        break;
    case ConnectionKind::SseStream:
        m_hint->setText(tr("An HTTP endpoint that streams records as Server-Sent Events, one record per event. "
                           "A reconnection resumes after the last event received."));
        break;
    case ConnectionKind::FileTail:
        m_hint->setText(tr("Follows a JSON Lines file as it grows, like tail -F: rotation and truncation are "
                           "followed, a line is read once it is complete."));
        break;
    }
}

void ConnectDialog::onBrowse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Follow a file"), m_address->text(),
                                                      tr("JSON Lines (*.jsonl *.ndjson *.log);;All files (*)"));
    if (!path.isEmpty())
        m_address->setText(path);
}

void ConnectDialog::validate()
{
    const ConnectionSpec s = spec();
    m_error.clear();
    bool remote = false;
    switch (s.kind) {
    case ConnectionKind::OtlpReceiver: {
        QHostAddress address;
        quint16 port = 0;
        QString why;
        if (!parseListenAddress(s.address, 4318, address, port, &why)) {
            m_error = tr("Address: %1").arg(why);
        } else if (!address.isLoopback()) {
            remote = true;
            if (!m_allowRemote->isChecked())
                m_error = tr("%1 can be reached from other machines: tick \"Accept spans from other machines\" to "
                             "listen there, or use 127.0.0.1.").arg(s.address);
        }
        break;
    }
    case ConnectionKind::NdjsonStream:
    case ConnectionKind::SseStream: {
        const QUrl url(s.address, QUrl::StrictMode);
        if (s.address.isEmpty())
            m_error = tr("Enter the stream's URL.");
        else if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            m_error = tr("Enter an http:// or https:// URL.");
        break;
    }
    case ConnectionKind::FileTail:
        if (s.address.isEmpty())
            m_error = tr("Enter the file to follow.");
        else if (QFileInfo(s.address).isDir())
            m_error = tr("%1 is a folder; choose a file.").arg(s.address);
        break;
    }
    updateHint(s);
    if (m_error.isEmpty() && remote && s.token.isEmpty())
        m_problem->setText(tr("Warning: without a token anyone who can reach this address can send spans."));
    else
        m_problem->setText(m_error);
    okButton()->setEnabled(m_error.isEmpty());
}
