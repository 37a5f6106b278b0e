#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class ShadowComparisonWidget;

namespace Apprentice {
class MutationLedger;
class ShadowComparator;
struct ShadowComparison;
}

/// The mutation ledger: every proposed change with its state, the selected one's details (what,
/// why, evidence, avoidance rules it repeats, audit trail) and buttons for the next states; the
/// shadow comparison of its candidate version; and the avoidance rules with import and export.
/// Works on a MutationLedger owned elsewhere; refreshes on its signals.
class MutationsPage : public QWidget
{
    Q_OBJECT
public:
    enum Column { ColId, ColWorkflow, ColTool, ColKind, ColState, ColSource, ColCandidate, ColRule, ColUpdated, ColumnCount };
    enum RuleColumn { RuleId, RuleKind, RuleTool, RuleWorkflow, RuleBroke, RuleSource, RuleCreated, RuleColumnCount };
    /// Audit trail: one row per step; its evidence lines are the row's children.
    enum HistoryColumn { HistWhen, HistWho, HistStep, HistWhy, HistColumnCount };

    explicit MutationsPage(QWidget *parent = nullptr);

    void setLedger(Apprentice::MutationLedger *ledger);
    Apprentice::MutationLedger *ledger() const { return m_ledger; }
    /// Answers comparisons directly when fed on the GUI thread; otherwise leave it unset, listen to
    /// comparisonWanted() and call setComparison().
    void setComparator(const Apprentice::ShadowComparator *comparator);
    /// Shows a comparison; used for promote/roll-back evidence when it is about the selected mutation.
    void setComparison(const Apprentice::ShadowComparison &comparison);
    /// The operator's name for the audit trail.
    void setOperator(const QString &name);

    bool selectMutation(qint64 id);
    qint64 currentMutation() const;

    /// Import and export of the avoidance rules (the buttons ask for a file and call these).
    bool importRules(const QString &path, QString *message);
    bool exportRules(const QString &path, QString *error) const;

    QTreeWidget *mutationTable() const { return m_table; }
    QTreeWidget *historyTable() const { return m_history; }
    QTreeWidget *rulesTable() const { return m_rules; }
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *flagBanner() const { return m_flag; }
    QLabel *statusLabel() const { return m_status; }
    QLineEdit *operatorEdit() const { return m_who; }
    QLineEdit *reasonEdit() const { return m_why; }
    QLineEdit *candidateEdit() const { return m_candidate; }
    QLineEdit *brokeEdit() const { return m_broke; }
    QPushButton *shadowButton() const { return m_shadow; }
    QPushButton *promoteButton() const { return m_promote; }
    QPushButton *rollBackButton() const { return m_rollBack; }
    QPushButton *rejectButton() const { return m_reject; }
    QPushButton *removeRuleButton() const { return m_removeRule; }
    ShadowComparisonWidget *comparisonWidget() const { return m_comparison; }

signals:
    /// The selected mutation runs (or ran) in shadow mode and no comparator is set.
    void comparisonWanted(const QString &workflow, const QString &baseline, const QString &candidate);

private:
    void rebuild();
    void rebuildRules();
    void showCurrent();
    void updateButtons();
    void requestComparison();
    void onShadowClicked();
    void onPromoteClicked();
    void onRollBackClicked();
    void onRejectClicked();
    void onImportClicked();
    void onExportClicked();
    void onRemoveRuleClicked();
    void report(bool ok, const QString &error, const QString &done);
    QStringList comparisonEvidence() const;

    Apprentice::MutationLedger *m_ledger = nullptr;
    const Apprentice::ShadowComparator *m_comparator = nullptr;
    qint64 m_shownId = 0; // the mutation whose fields the form holds

    QTreeWidget *m_table = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_flag = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_evidence = nullptr;
    QLineEdit *m_who = nullptr;
    QLineEdit *m_why = nullptr;
    QLineEdit *m_candidate = nullptr;
    QLineEdit *m_broke = nullptr;
    QPushButton *m_shadow = nullptr;
    QPushButton *m_promote = nullptr;
    QPushButton *m_rollBack = nullptr;
    QPushButton *m_reject = nullptr;
    QLabel *m_status = nullptr;
    QTreeWidget *m_history = nullptr;
    ShadowComparisonWidget *m_comparison = nullptr;
    QTreeWidget *m_rules = nullptr;
    QPushButton *m_importRules = nullptr;
    QPushButton *m_exportRules = nullptr;
    QPushButton *m_removeRule = nullptr;
};
