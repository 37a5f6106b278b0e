#include "settingsdialog.h"

#include "appsettings.h"
#include "common/languagemanager.h"
#include "common/theme.h"
#include "investigation/tiersettingswidget.h"
#include "llm/tierladder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QJsonDocument>
#include <QVBoxLayout>

using namespace Apprentice;

SettingsDialog::SettingsDialog(AppSettings *settings, LanguageManager *language, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_languageManager(language)
{
    setObjectName(QStringLiteral("settingsDialog"));
    m_tabs = new QTabWidget(this);

    m_general = new QWidget(this);
    m_language = new QComboBox(m_general);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(QString(), QString());
    for (const QString &code : LanguageManager::available())
        m_language->addItem(LanguageManager::nativeName(code), code);
    m_theme = new QComboBox(m_general);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->addItem(QString(), int(AppSettings::Theme::System));
    m_theme->addItem(QString(), int(AppSettings::Theme::Light));
    m_theme->addItem(QString(), int(AppSettings::Theme::Dark));
    m_operator = new QLineEdit(m_general);
    auto *general = new QFormLayout(m_general);
    for (QWidget *field : std::initializer_list<QWidget *>{m_language, m_theme, m_operator})
        general->addRow(new QLabel(m_general), field);

    m_data = new QWidget(this);
    m_stream = new QSpinBox(m_data);
    m_stream->setRange(1000, 10000000);
    m_stream->setSingleStep(10000);
    m_stream->setGroupSeparatorShown(true);
    m_history = new QSpinBox(m_data);
    m_history->setRange(1000, 100000000);
    m_history->setSingleStep(100000);
    m_history->setGroupSeparatorShown(true);
    m_graduation = new QSpinBox(m_data);
    m_graduation->setRange(1, 1000000);
    // The store sessions on real data continue from (and the mutation ledger lives in); empty keeps nothing.
    auto *storeRow = new QWidget(m_data);
    m_storePath = new QLineEdit(storeRow);
    m_storePath->setObjectName(QStringLiteral("storePath"));
    m_storePath->setClearButtonEnabled(true);
    m_storeBrowse = new QToolButton(storeRow);
    m_storeBrowse->setText(QStringLiteral("…"));
    connect(m_storeBrowse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Keep profiles in"), m_storePath->text(),
                                                          tr("SQLite store (*.sqlite *.db);;All files (*)"), nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            m_storePath->setText(QDir::toNativeSeparators(path));
    });
    auto *storeLayout = new QHBoxLayout(storeRow);
    storeLayout->setContentsMargins(0, 0, 0, 0);
    storeLayout->addWidget(m_storePath, 1);
    storeLayout->addWidget(m_storeBrowse);
    m_dataNote = new QLabel(m_data);
    m_dataNote->setWordWrap(true);
    m_dataNote->setForegroundRole(QPalette::PlaceholderText);
    auto *dataForm = new QFormLayout(m_data);
    for (QWidget *field : std::initializer_list<QWidget *>{m_stream, m_history, m_graduation, storeRow})
        dataForm->addRow(new QLabel(m_data), field);
    dataForm->addRow(m_dataNote);

    m_investigation = new QWidget(this);
    m_useTiers = new QCheckBox(m_investigation);
    m_useTiers->setObjectName(QStringLiteral("useTiers"));
    m_tiersNote = new QLabel(m_investigation);
    m_tiersNote->setWordWrap(true);
    m_tiersNote->setForegroundRole(QPalette::PlaceholderText);
    m_tiers = new TierSettingsWidget(m_investigation);
    auto *inv = new QVBoxLayout(m_investigation);
    inv->addWidget(m_useTiers);
    inv->addWidget(m_tiersNote);
    inv->addWidget(m_tiers, 1);
    connect(m_useTiers, &QCheckBox::toggled, m_tiers, &QWidget::setEnabled);

    m_tabs->addTab(m_general, QString());
    m_tabs->addTab(m_data, QString());
    m_tabs->addTab(m_investigation, QString());
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_buttons);
    load();
    retranslate();
    resize(900, 620);
}

void SettingsDialog::load()
{
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_settings->language())));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(int(m_settings->theme()))));
    m_operator->setText(m_settings->operatorName());
    m_stream->setValue(m_settings->streamCapacity());
    m_history->setValue(int(std::min<qsizetype>(m_settings->historyCapacity(), 100000000)));
    m_graduation->setValue(m_settings->graduationExecutions());
    m_storePath->setText(QDir::toNativeSeparators(m_settings->evolutionDatabase()));
    const QByteArray tiers = m_settings->tiersJson();
    m_useTiers->setChecked(!tiers.isEmpty());
    m_tiers->setEnabled(!tiers.isEmpty());
    m_tiers->setLadder(tiers.isEmpty() ? TierLadder::defaultLadder() : TierLadder::fromJson(tiers));
}

void SettingsDialog::apply()
{
    const QString language = m_language->currentData().toString();
    const bool languageChanged = language != m_settings->language();
    m_settings->setLanguage(language);
    const auto theme = AppSettings::Theme(m_theme->currentData().toInt());
    if (theme != m_settings->theme()) {
        m_settings->setTheme(theme);
        Theme::apply(theme);
    }
    m_settings->setOperatorName(m_operator->text().trimmed());
    m_settings->setStreamCapacity(m_stream->value());
    m_settings->setHistoryCapacity(m_history->value());
    m_settings->setGraduationExecutions(m_graduation->value());
    m_settings->setEvolutionDatabase(QDir::fromNativeSeparators(m_storePath->text().trimmed()));
    if (m_useTiers->isChecked() && m_tiers->validationErrors().isEmpty())
        m_settings->setTiersJson(QJsonDocument(m_tiers->ladder().toJson()).toJson(QJsonDocument::Compact));
    else if (!m_useTiers->isChecked())
        m_settings->setTiersJson({});
    if (languageChanged && m_languageManager)
        m_languageManager->apply(language);
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("Settings"));
    m_tabs->setTabText(0, tr("General"));
    m_tabs->setTabText(1, tr("Data"));
    m_tabs->setTabText(2, tr("Investigation"));
    auto label = [](QWidget *page, QWidget *field, const QString &text, const QString &tip) {
        if (auto *form = qobject_cast<QFormLayout *>(page->layout()))
            if (auto *l = qobject_cast<QLabel *>(form->labelForField(field)))
                l->setText(text);
        field->setToolTip(tip);
    };
    m_language->setItemText(0, tr("System (%1)").arg(LanguageManager::nativeName(LanguageManager::systemLanguage())));
    label(m_general, m_language, tr("Language"), tr("The console's language; numbers follow it too"));
    m_theme->setItemText(0, tr("System palette"));
    m_theme->setItemText(1, tr("Light"));
    m_theme->setItemText(2, tr("Dark"));
    label(m_general, m_theme, tr("Colours"), tr("Follow the desktop's palette, or force a light or dark one"));
    label(m_general, m_operator, tr("Operator name"), tr("Recorded with every decision you take on a drift (the audit trail)"));
    label(m_data, m_stream, tr("Live stream keeps"), tr("Records kept in the live stream; older ones leave it (the analysis keeps everything)"));
    m_stream->setSuffix(tr(" records"));
    label(m_data, m_history, tr("Chart history per metric"), tr("Values kept per tool and metric for the distribution charts"));
    m_history->setSuffix(tr(" values"));
    label(m_data, m_graduation, tr("Graduate after"), tr("Executions of apprenticeship before a workflow version can graduate"));
    m_graduation->setSuffix(tr(" executions"));
    label(m_data, m_storePath->parentWidget(), tr("Keep profiles in"),
          tr("The SQLite store a session on real data continues from and writes back to — profiles, phases, events, "
             "the ledger and the mutation ledger (apprentice-cli uses the same file by default). Empty: nothing is kept."));
    m_storePath->setPlaceholderText(tr("nothing is kept"));
    m_storeBrowse->setToolTip(tr("Choose the store file"));
    m_dataNote->setText(tr("Graduation and the store apply to sessions started afterwards (the mutation ledger moves "
                           "at the next start). About 20 bytes per chart value and 200 bytes per stream record."));
    m_useTiers->setText(tr("Investigate with LLM tiers"));
    m_tiersNote->setText(tr("Off: the built-in rules diagnose every drift at once, for $0, and the ledger charges the "
                            "seed's modelled prices. On: drifts go up this ladder of models; each answer, its tokens and "
                            "cost appear in the drift's Investigation tab."));
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}
