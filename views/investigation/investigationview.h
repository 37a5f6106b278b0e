#pragma once

#include "diagnosis.h"
#include "llm/investigationresult.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

/// One drift investigation: the case, the final verdict, buttons to act on it, and the transcript
/// tier by tier (model, answer, confidence, tokens, cost, latency) with each request and response.
class InvestigationView : public QWidget
{
    Q_OBJECT
public:
    enum Column { ColIndex, ColTier, ColModel, ColAnswer, ColConfidence, ColTokens, ColCost, ColLatency, ColumnCount };

    explicit InvestigationView(QWidget *parent = nullptr);

    /// Shows a finished (or running, see addCall) investigation.
    void setInvestigation(const Apprentice::InvestigationContext &ctx, const Apprentice::InvestigationResult &result);
    /// The tiers offered for a re-run (names in ladder order).
    void setTierNames(const QStringList &names);
    /// While an investigation (or a re-run) runs: buttons off, a running note; the transcript so far
    /// stays and calls can be appended as they end.
    void setRunning(bool running);
    void addCall(const Apprentice::TierCall &call);
    /// Turns the apply buttons off once the operator has acted (e.g. with a note of what was done).
    void setApplied(const QString &note);
    /// A message beside the buttons until the next investigation is shown (e.g. why a re-run did not start).
    void showNote(const QString &text);
    QLabel *noteLabel() const { return m_note; }

    const Apprentice::InvestigationResult &result() const { return m_result; }
    QString markdown() const;
    bool exportMarkdown(const QString &path, QString *error = nullptr) const;

    QTreeWidget *transcript() const { return m_transcript; }
    QPushButton *applyButton(Apprentice::DiagnosisAction action) const;
    QPushButton *rerunButton() const { return m_rerun; }
    QComboBox *rerunTierCombo() const { return m_rerunTier; }
    QPlainTextEdit *answerText() const { return m_answer; }
    QPlainTextEdit *requestText() const { return m_request; }
    QPlainTextEdit *responseText() const { return m_response; }

signals:
    void applyRequested(Apprentice::DiagnosisAction action);
    void rerunRequested(const QString &tierName);

private:
    void rebuild();
    void showCall(int index);
    void onExportClicked();
    QTreeWidgetItem *makeItem(int index, const Apprentice::TierCall &call) const;
    void updateButtons();
    QString failedRerunText() const;

    Apprentice::InvestigationContext m_ctx;
    Apprentice::InvestigationResult m_result;
    bool m_running = false;
    bool m_applied = false;

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_statusBadge = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_meta = nullptr;
    QLabel *m_rootCause = nullptr;
    QLabel *m_evidence = nullptr;
    QLabel *m_mutation = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_rebase = nullptr;
    QPushButton *m_evolve = nullptr;
    QPushButton *m_recover = nullptr;
    QComboBox *m_rerunTier = nullptr;
    QPushButton *m_rerun = nullptr;
    QPushButton *m_export = nullptr;
    QTreeWidget *m_transcript = nullptr;
    QTabWidget *m_details = nullptr;
    QPlainTextEdit *m_answer = nullptr;
    QPlainTextEdit *m_request = nullptr;
    QPlainTextEdit *m_response = nullptr;
};
