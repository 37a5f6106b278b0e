#pragma once

#include <QDialog>

class AppSettings;
class LanguageManager;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QSpinBox;
class QCheckBox;
class QTabWidget;
class TierSettingsWidget;

/// Tools → Settings: language and theme, the operator's name for the audit trail, stream and
/// history sizes, graduation, and the investigation ladder (LLM tiers).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(AppSettings *settings, LanguageManager *language, QWidget *parent = nullptr);

    QComboBox *languageCombo() const { return m_language; }
    QComboBox *themeCombo() const { return m_theme; }
    QSpinBox *streamCapacitySpin() const { return m_stream; }
    QCheckBox *useTiersCheck() const { return m_useTiers; }
    TierSettingsWidget *tiers() const { return m_tiers; }

    /// Writes the edited values to the settings (OK and Apply do this).
    void apply();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void load();

    AppSettings *m_settings;
    LanguageManager *m_languageManager;
    QTabWidget *m_tabs;
    QComboBox *m_language;
    QComboBox *m_theme;
    QLineEdit *m_operator;
    QSpinBox *m_stream;
    QSpinBox *m_history;
    QSpinBox *m_graduation;
    QLineEdit *m_storePath;
    QToolButton *m_storeBrowse;
    QCheckBox *m_useTiers;
    TierSettingsWidget *m_tiers;
    QLabel *m_tiersNote;
    QLabel *m_dataNote;
    QDialogButtonBox *m_buttons;
    QWidget *m_general;
    QWidget *m_data;
    QWidget *m_investigation;
};
