#include "tiersettingswidget.h"

#include "llm/modellister.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Apprentice;

namespace {

const ProviderKind Providers[] = {ProviderKind::Rules, ProviderKind::Ollama, ProviderKind::OpenAi, ProviderKind::Anthropic};

QString priceText(const TierConfig &t)
{
    if (t.provider == ProviderKind::Rules || (t.inputUsdPerMTok == 0 && t.outputUsdPerMTok == 0))
        return QStringLiteral("$0");
    return QStringLiteral("$%1 / $%2").arg(t.inputUsdPerMTok, 0, 'g', 4).arg(t.outputUsdPerMTok, 0, 'g', 4);
}

} // namespace

TierSettingsWidget::TierSettingsWidget(QWidget *parent)
    : QWidget(parent), m_prices(PriceTable::builtIn()), m_lister(new ModelLister(nullptr, this))
{
    // The ladder.
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Tier"), tr("Provider"), tr("Model"), tr("Accept ≥"), tr("$ in / out per Mtok"),
                                        tr("Key variable")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->verticalHeader()->setToolTip(tr("Escalation order"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setMinimumSectionSize(72);
    m_table->horizontalHeader()->setSectionResizeMode(ColModel, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this] { loadEditor(); });

    m_add = new QPushButton(tr("Add"), this);
    m_remove = new QPushButton(tr("Remove"), this);
    m_up = new QPushButton(tr("Move up"), this);
    m_down = new QPushButton(tr("Move down"), this);
    m_open = new QPushButton(tr("Open…"), this);
    m_open->setToolTip(tr("Load a tiers file"));
    m_saveAs = new QPushButton(tr("Save as…"), this);
    m_saveAs->setToolTip(tr("Write the ladder as a tiers file (for apprentice-cli analyze --tiers)"));
    connect(m_add, &QPushButton::clicked, this, &TierSettingsWidget::addTier);
    connect(m_remove, &QPushButton::clicked, this, [this] { removeTier(currentTier()); });
    connect(m_up, &QPushButton::clicked, this, [this] { moveTier(currentTier(), -1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveTier(currentTier(), +1); });
    connect(m_open, &QPushButton::clicked, this, &TierSettingsWidget::onOpen);
    connect(m_saveAs, &QPushButton::clicked, this, &TierSettingsWidget::onSaveAs);
    auto *tableButtons = new QHBoxLayout;
    tableButtons->addWidget(m_add);
    tableButtons->addWidget(m_remove);
    tableButtons->addWidget(m_up);
    tableButtons->addWidget(m_down);
    tableButtons->addStretch();
    tableButtons->addWidget(m_open);
    tableButtons->addWidget(m_saveAs);

    auto *ladderHint = new QLabel(tr("An investigation asks each tier in turn and stops at the first answer that reaches "
                                     "the tier's confidence; the last tier's answer is always accepted."),
                                  this);
    ladderHint->setWordWrap(true);
    ladderHint->setForegroundRole(QPalette::PlaceholderText);

    // The selected tier.
    auto *editor = new QGroupBox(tr("Selected tier"), this);
    m_name = new QLineEdit(editor);
    m_provider = new QComboBox(editor);
    m_provider->addItem(tr("rules — built-in statistics, free"), providerKindName(ProviderKind::Rules));
    m_provider->addItem(tr("ollama — Ollama /api/chat"), providerKindName(ProviderKind::Ollama));
    m_provider->addItem(tr("openai — OpenAI-compatible /v1/chat/completions"), providerKindName(ProviderKind::OpenAi));
    m_provider->addItem(tr("anthropic — Anthropic /v1/messages"), providerKindName(ProviderKind::Anthropic));
    m_baseUrl = new QLineEdit(editor);
    m_model = new QComboBox(editor);
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_fetch = new QPushButton(tr("Fetch models"), editor);
    m_fetch->setToolTip(tr("Ask the server which models it offers"));
    m_accept = new QDoubleSpinBox(editor);
    m_accept->setRange(0, 1);
    m_accept->setDecimals(2);
    m_accept->setSingleStep(0.01);
    m_keyEnv = new QLineEdit(editor);
    m_keyEnv->setPlaceholderText(tr("e.g. ANTHROPIC_API_KEY"));
    m_keyEnv->setToolTip(tr("The NAME of an environment variable holding the key. Keys are never stored."));
    m_keyState = new QLabel(editor);
    m_inPrice = new QDoubleSpinBox(editor);
    m_outPrice = new QDoubleSpinBox(editor);
    for (QDoubleSpinBox *s : {m_inPrice, m_outPrice}) {
        s->setRange(0, 1000);
        s->setDecimals(3);
        s->setPrefix(QStringLiteral("$"));
    }
    m_fillPrices = new QPushButton(tr("From price table"), editor);
    m_fillPrices->setToolTip(tr("Prices as of %1 (resources/prices.json)").arg(m_prices.asOf()));
    m_timeout = new QDoubleSpinBox(editor);
    m_timeout->setRange(0.1, 3600);
    m_timeout->setDecimals(1);
    m_timeout->setSuffix(tr(" s"));
    m_maxTokens = new QSpinBox(editor);
    m_maxTokens->setRange(16, 200000);
    m_maxTokens->setSingleStep(256);
    m_status = new QLabel(editor);
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_fetch);
    auto *acceptRow = new QHBoxLayout;
    acceptRow->addWidget(m_accept);
    m_acceptHint = new QLabel(editor);
    m_acceptHint->setForegroundRole(QPalette::PlaceholderText);
    acceptRow->addWidget(m_acceptHint, 1);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyEnv, 1);
    keyRow->addWidget(m_keyState);
    auto *priceRow = new QHBoxLayout;
    priceRow->addWidget(new QLabel(tr("in"), editor));
    priceRow->addWidget(m_inPrice);
    priceRow->addWidget(new QLabel(tr("out"), editor));
    priceRow->addWidget(m_outPrice);
    priceRow->addWidget(m_fillPrices);
    priceRow->addStretch();
    auto *limitsRow = new QHBoxLayout;
    limitsRow->addWidget(m_timeout);
    limitsRow->addWidget(new QLabel(tr("max answer tokens"), editor));
    limitsRow->addWidget(m_maxTokens);
    limitsRow->addStretch();

    auto *form = new QFormLayout(editor);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Provider"), m_provider);
    form->addRow(tr("Server"), m_baseUrl);
    form->addRow(tr("Model"), modelRow);
    form->addRow(tr("Accept at"), acceptRow);
    form->addRow(tr("API key variable"), keyRow);
    form->addRow(tr("Price per 1M tokens"), priceRow);
    form->addRow(tr("Timeout"), limitsRow);
    form->addRow(QString(), m_status);

    m_validation = new QLabel(this);
    m_validation->setWordWrap(true);
    m_validation->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(ladderHint);
    layout->addWidget(m_table, 1);
    layout->addLayout(tableButtons);
    layout->addWidget(editor);
    layout->addWidget(m_validation);

    auto edited = [this] {
        if (!m_loading)
            storeEditor();
    };
    connect(m_name, &QLineEdit::textEdited, this, edited);
    connect(m_baseUrl, &QLineEdit::textEdited, this, edited);
    connect(m_model, &QComboBox::currentTextChanged, this, edited);
    connect(m_keyEnv, &QLineEdit::textEdited, this, edited);
    for (QDoubleSpinBox *s : {m_accept, m_inPrice, m_outPrice, m_timeout})
        connect(s, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_maxTokens, &QSpinBox::valueChanged, this, edited);
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        if (m_loading)
            return;
        const int row = currentTier();
        if (row < 0)
            return;
        TierConfig &t = m_tiers[size_t(row)];
        const ProviderKind before = t.provider;
        ProviderKind after = before;
        providerKindFromName(m_provider->currentData().toString(), after);
        if (after == before)
            return;
        // Carry over what the user typed; replace what was only the old provider's default.
        t.provider = after;
        if (t.baseUrl.isEmpty() || t.baseUrl == defaultBaseUrl(before))
            t.baseUrl = defaultBaseUrl(after);
        if (after == ProviderKind::Anthropic && t.apiKeyEnv.isEmpty())
            t.apiKeyEnv = QStringLiteral("ANTHROPIC_API_KEY");
        if (after == ProviderKind::Rules)
            t.model = QStringLiteral("built-in");
        else if (before == ProviderKind::Rules)
            t.model.clear();
        loadEditor();
        refreshRow(row);
        updateValidation();
        emit ladderChanged();
    });
    connect(m_fetch, &QPushButton::clicked, this, &TierSettingsWidget::fetchModels);
    connect(m_fillPrices, &QPushButton::clicked, this, &TierSettingsWidget::fillPricesFromTable);
    connect(m_lister, &ModelLister::finished, this, [this](const QStringList &models, const QString &error) {
        m_fetch->setEnabled(true);
        const int row = currentTier();
        if (row < 0 || m_tiers[size_t(row)].name != m_fetchingFor) {
            // Another tier is selected by now: its model stays as it is.
            m_status->setText(error.isEmpty() ? tr("%1: %n model(s) offered by the server", nullptr, int(models.size())).arg(m_fetchingFor)
                                              : error);
        } else if (!models.isEmpty()) {
            const QString current = m_model->currentText();
            m_loading = true;
            m_model->clear();
            m_model->addItems(models);
            m_model->setCurrentText(current.isEmpty() ? models.first() : current);
            m_loading = false;
            storeEditor();
            m_status->setText(tr("%n model(s) offered by the server", nullptr, int(models.size())));
        } else {
            m_status->setText(error);
        }
        emit modelsFetched(models, error);
    });

    setLadder(TierLadder::defaultLadder());
}

void TierSettingsWidget::setLadder(const TierLadder &ladder)
{
    m_tiers = ladder.tiers();
    refreshTable();
    selectTier(m_tiers.empty() ? -1 : 0);
    updateValidation();
}

TierLadder TierSettingsWidget::ladder() const
{
    return TierLadder(m_tiers);
}

QStringList TierSettingsWidget::validationErrors() const
{
    return ladder().validate();
}

void TierSettingsWidget::selectTier(int row)
{
    if (row >= 0 && row < int(m_tiers.size()))
        m_table->setCurrentCell(row, ColName);
    else
        m_table->setCurrentCell(-1, -1);
    loadEditor();
}

int TierSettingsWidget::currentTier() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < int(m_tiers.size()) ? row : -1;
}

void TierSettingsWidget::addTier()
{
    TierConfig t;
    int n = int(m_tiers.size()) + 1;
    QStringList names;
    for (const TierConfig &existing : m_tiers)
        names << existing.name;
    while (names.contains(QStringLiteral("tier%1").arg(n)))
        ++n;
    t.name = QStringLiteral("tier%1").arg(n);
    t.provider = ProviderKind::Ollama;
    t.baseUrl = defaultBaseUrl(ProviderKind::Ollama);
    m_tiers.push_back(t);
    refreshTable();
    selectTier(int(m_tiers.size()) - 1);
    updateValidation();
    emit ladderChanged();
}

void TierSettingsWidget::removeTier(int row)
{
    if (row < 0 || row >= int(m_tiers.size()))
        return;
    m_tiers.erase(m_tiers.begin() + row);
    refreshTable();
    selectTier(std::min(row, int(m_tiers.size()) - 1));
    updateValidation();
    emit ladderChanged();
}

void TierSettingsWidget::moveTier(int row, int delta)
{
    const int to = row + delta;
    if (row < 0 || to < 0 || row >= int(m_tiers.size()) || to >= int(m_tiers.size()))
        return;
    std::swap(m_tiers[size_t(row)], m_tiers[size_t(to)]);
    refreshTable();
    selectTier(to);
    updateValidation();
    emit ladderChanged();
}

void TierSettingsWidget::fetchModels()
{
    const int row = currentTier();
    if (row < 0)
        return;
    m_status->setText(tr("Asking %1…").arg(ModelLister::modelsUrl(m_tiers[size_t(row)]).toString()));
    m_fetch->setEnabled(false);
    m_fetchingFor = m_tiers[size_t(row)].name;
    m_lister->fetch(m_tiers[size_t(row)]);
}

bool TierSettingsWidget::fillPricesFromTable()
{
    const int row = currentTier();
    if (row < 0)
        return false;
    const TierConfig &t = m_tiers[size_t(row)];
    const auto price = m_prices.lookup(t.provider, t.model);
    if (!price) {
        m_status->setText(tr("%1 is not in the price table (as of %2); enter its prices by hand, or 0 for a local model")
                              .arg(t.model, m_prices.asOf()));
        return false;
    }
    m_inPrice->setValue(price->inputUsdPerMTok);
    m_outPrice->setValue(price->outputUsdPerMTok);
    storeEditor();
    m_status->setText(tr("Prices for %1 as of %2 (%3)").arg(price->model, price->asOf, price->source));
    return true;
}

void TierSettingsWidget::refreshTable()
{
    const bool blocked = m_table->blockSignals(true);
    m_table->setRowCount(int(m_tiers.size()));
    for (int row = 0; row < int(m_tiers.size()); ++row)
        refreshRow(row);
    m_table->blockSignals(blocked);
    updateEnabled();
}

void TierSettingsWidget::refreshRow(int row)
{
    const TierConfig &t = m_tiers[size_t(row)];
    const bool rules = t.provider == ProviderKind::Rules;
    const bool last = row == int(m_tiers.size()) - 1;
    const QStringList cells = {t.name,
                               providerKindName(t.provider),
                               t.model,
                               last ? tr("always") : QString::number(t.acceptConfidence, 'f', 2),
                               priceText(t),
                               rules ? QString() : t.apiKeyEnv};
    for (int c = 0; c < ColumnCount; ++c) {
        QTableWidgetItem *item = m_table->item(row, c);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, c, item);
        }
        item->setText(cells.at(c));
        if (c == ColAccept || c == ColPrices)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    m_table->item(row, ColAccept)->setToolTip(last ? tr("The last tier's answer is always accepted") : QString());
}

void TierSettingsWidget::loadEditor()
{
    const int row = currentTier();
    m_loading = true;
    if (row >= 0) {
        const TierConfig &t = m_tiers[size_t(row)];
        m_name->setText(t.name);
        m_provider->setCurrentIndex(m_provider->findData(providerKindName(t.provider)));
        m_baseUrl->setText(t.baseUrl);
        m_baseUrl->setPlaceholderText(defaultBaseUrl(t.provider));
        if (m_model->findText(t.model) < 0) {
            m_model->clear();
            if (!t.model.isEmpty())
                m_model->addItem(t.model);
        }
        m_model->setCurrentText(t.model);
        m_accept->setValue(t.acceptConfidence);
        m_keyEnv->setText(t.apiKeyEnv);
        m_inPrice->setValue(t.inputUsdPerMTok);
        m_outPrice->setValue(t.outputUsdPerMTok);
        m_timeout->setValue(t.timeoutS);
        m_maxTokens->setValue(t.maxTokens);
    } else {
        m_name->clear();
        m_baseUrl->clear();
        m_model->clear();
        m_keyEnv->clear();
    }
    m_status->clear();
    m_loading = false;
    updateEnabled();
    updateKeyState();
}

void TierSettingsWidget::storeEditor()
{
    const int row = currentTier();
    if (row < 0)
        return;
    TierConfig &t = m_tiers[size_t(row)];
    t.name = m_name->text().trimmed();
    t.baseUrl = m_baseUrl->text().trimmed();
    if (t.provider != ProviderKind::Rules)
        t.model = m_model->currentText().trimmed();
    t.acceptConfidence = m_accept->value();
    t.apiKeyEnv = m_keyEnv->text().trimmed();
    t.inputUsdPerMTok = m_inPrice->value();
    t.outputUsdPerMTok = m_outPrice->value();
    t.timeoutS = m_timeout->value();
    t.maxTokens = m_maxTokens->value();
    refreshRow(row);
    updateKeyState();
    updateValidation();
    emit ladderChanged();
}

void TierSettingsWidget::updateEnabled()
{
    const int row = currentTier();
    const bool has = row >= 0;
    const bool network = has && m_tiers[size_t(row)].provider != ProviderKind::Rules;
    const bool last = has && row == int(m_tiers.size()) - 1;
    m_accept->setEnabled(has && !last);
    m_acceptHint->setText(last ? tr("the last tier's answer is always accepted") : tr("confidence at which the ladder stops here"));
    m_remove->setEnabled(has && m_tiers.size() > 1);
    m_up->setEnabled(has && row > 0);
    m_down->setEnabled(has && row < int(m_tiers.size()) - 1);
    m_name->setEnabled(has);
    m_provider->setEnabled(has);
    for (QWidget *w : std::initializer_list<QWidget *>{m_baseUrl, m_model, m_fetch, m_keyEnv, m_inPrice, m_outPrice,
                                                       m_fillPrices, m_timeout, m_maxTokens})
        w->setEnabled(network);
}

void TierSettingsWidget::updateKeyState()
{
    const QString name = m_keyEnv->text().trimmed();
    const int row = currentTier();
    if (row < 0 || m_tiers[size_t(row)].provider == ProviderKind::Rules || name.isEmpty()) {
        m_keyState->setText(row >= 0 && m_tiers[size_t(row)].provider != ProviderKind::Rules ? tr("no key sent") : QString());
        m_keyState->setStyleSheet(QString());
        return;
    }
    // Only whether it is set: the value is never read into the interface.
    const bool set = qEnvironmentVariableIsSet(name.toLocal8Bit().constData())
                     && !qEnvironmentVariableIsEmpty(name.toLocal8Bit().constData());
    m_keyState->setText(set ? tr("set") : tr("not set"));
    m_keyState->setStyleSheet(set ? QStringLiteral("QLabel { color: #2e7d32; }") : QStringLiteral("QLabel { color: #c62828; }"));
}

void TierSettingsWidget::updateValidation()
{
    const QStringList errors = validationErrors();
    m_validation->setText(errors.join(u'\n'));
    m_validation->setVisible(!errors.isEmpty());
    for (int row = 0; row < m_table->rowCount(); ++row)
        refreshRow(row);
}

void TierSettingsWidget::onOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open tiers file"), QString(), tr("JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QStringList errors;
    const TierLadder loaded = TierLadder::fromFile(path, &errors);
    if (loaded.isEmpty()) {
        QMessageBox::warning(this, tr("Open tiers file"), errors.join(u'\n'));
        return;
    }
    setLadder(loaded);
    emit ladderChanged();
}

void TierSettingsWidget::onSaveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save tiers file"), QStringLiteral("tiers.json"),
                                                      tr("JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!ladder().saveToFile(path, &error))
        QMessageBox::warning(this, tr("Save tiers file"), error);
}
