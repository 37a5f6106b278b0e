#pragma once

#include <QWidget>

class AppSettings;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;

/// The seed's annual what-if: executions per day → yearly cost of always-on AI monitoring against
/// the apprenticeship pattern (learn once per version, then pay only for investigations).
class WhatIfCalculator : public QWidget
{
    Q_OBJECT
public:
    struct Inputs {
        double executionsPerDay = 50000;
        int apprenticeExecutions = 50;
        double reviewUsd = 0.016;
        double alwaysOnUsd = 0.01;
        int versionsPerYear = 1;
        double investigationsPerYear = 12;
        double investigationUsd = 0.045;
    };
    struct Result {
        double alwaysOnPerYear = 0;
        double apprenticeshipPerYear = 0;
        double investigationsPerYear = 0;
        double patternPerYear() const { return apprenticeshipPerYear + investigationsPerYear; }
        double savingsPerYear() const { return alwaysOnPerYear - patternPerYear(); }
    };
    static Result compute(const Inputs &in);

    explicit WhatIfCalculator(AppSettings *settings, QWidget *parent = nullptr);

    Inputs inputs() const;
    void setInputs(const Inputs &in);
    /// What the session observed, offered by "Use my numbers".
    void setObserved(const Inputs &observed);
    Result result() const { return compute(inputs()); }
    QLabel *resultLabel() const { return m_result; }
    QDoubleSpinBox *executionsPerDaySpin() const { return m_perDay; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void recompute();

    AppSettings *m_settings;
    QFormLayout *m_form;
    QDoubleSpinBox *m_perDay;
    QSpinBox *m_apprentice;
    QDoubleSpinBox *m_review;
    QDoubleSpinBox *m_alwaysOn;
    QSpinBox *m_versions;
    QDoubleSpinBox *m_investigations;
    QDoubleSpinBox *m_investigationCost;
    QPushButton *m_useMine;
    QLabel *m_title;
    QLabel *m_result;
    Inputs m_observed;
    bool m_hasObserved = false;
};
