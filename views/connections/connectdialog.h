#pragma once

#include "live/connectionspec.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

/// File → Connect…: what kind of live endpoint, where, and the token. OK stays disabled until the entry is usable;
/// the hint below says what the kind expects and, for a receiver, how to point an OpenTelemetry exporter at it.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    /// The connection as entered.
    Apprentice::ConnectionSpec spec() const;
    void setSpec(const Apprentice::ConnectionSpec &spec);
    /// Why OK is disabled; empty when the entry is usable.
    QString validationError() const { return m_error; }

    QComboBox *kindCombo() const { return m_kind; }
    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *tokenEdit() const { return m_token; }
    QCheckBox *allowRemoteCheck() const { return m_allowRemote; }
    QCheckBox *fromStartCheck() const { return m_fromStart; }
    QPushButton *browseButton() const { return m_browse; }
    QLabel *hintLabel() const { return m_hint; }
    QLabel *problemLabel() const { return m_problem; }
    QPushButton *okButton() const;

private:
    void onKindChanged();
    void onBrowse();
    void validate();
    void updateHint(const Apprentice::ConnectionSpec &spec);
    Apprentice::ConnectionKind kind() const;

    QComboBox *m_kind;
    QLineEdit *m_address;
    QPushButton *m_browse;
    QLabel *m_tokenLabel;
    QLineEdit *m_token;
    QCheckBox *m_allowRemote;
    QCheckBox *m_fromStart;
    QLabel *m_hint;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QString m_error;
};
