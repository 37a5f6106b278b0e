#pragma once

#include "llm/pricetable.h"
#include "llm/tierladder.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Apprentice {
class ModelLister;
}

/// Edits the investigation ladder: the tiers in escalation order on the left, the selected tier's
/// fields on the right, with the models a server offers (GET /api/tags or /v1/models) and prices
/// from the dated price table. API keys are never entered here, only the variable that holds one.
class TierSettingsWidget : public QWidget
{
    Q_OBJECT
public:
    enum Column { ColName, ColProvider, ColModel, ColAccept, ColPrices, ColKey, ColumnCount };

    explicit TierSettingsWidget(QWidget *parent = nullptr);

    void setLadder(const Apprentice::TierLadder &ladder);
    /// The ladder as edited (it may be invalid; see validationErrors()).
    Apprentice::TierLadder ladder() const;
    QStringList validationErrors() const;

    void selectTier(int row);
    int currentTier() const;
    void addTier();
    void removeTier(int row);
    void moveTier(int row, int delta);
    /// Asks the selected tier's server for its models; the model combo fills when they arrive.
    void fetchModels();
    /// Fills the selected tier's prices from the price table (local providers: 0).
    bool fillPricesFromTable();

    QTableWidget *table() const { return m_table; }
    QComboBox *providerCombo() const { return m_provider; }
    QComboBox *modelCombo() const { return m_model; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *fetchButton() const { return m_fetch; }

signals:
    void ladderChanged();
    void modelsFetched(const QStringList &models, const QString &error);

private:
    void refreshTable();
    void refreshRow(int row);
    void loadEditor();
    void storeEditor();
    void updateEnabled();
    void updateKeyState();
    void updateValidation();
    void onOpen();
    void onSaveAs();

    std::vector<Apprentice::TierConfig> m_tiers;
    Apprentice::PriceTable m_prices;
    Apprentice::ModelLister *m_lister = nullptr;
    bool m_loading = false;
    QString m_fetchingFor; ///< the tier whose models are being listed

    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_saveAs = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QComboBox *m_model = nullptr;
    QPushButton *m_fetch = nullptr;
    QDoubleSpinBox *m_accept = nullptr;
    QLabel *m_acceptHint = nullptr;
    QLineEdit *m_keyEnv = nullptr;
    QLabel *m_keyState = nullptr;
    QDoubleSpinBox *m_inPrice = nullptr;
    QDoubleSpinBox *m_outPrice = nullptr;
    QPushButton *m_fillPrices = nullptr;
    QDoubleSpinBox *m_timeout = nullptr;
    QSpinBox *m_maxTokens = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_validation = nullptr;
};
