#pragma once

#include <QWidget>

class AppSettings;
class ConsoleSession;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;
class QFrame;
class StatCard;
class WorkflowFilterModel;

/// The graduation board: every workflow version with its phase (and why it is there), executions,
/// spend and savings; headline figures on top; sortable and filterable.
class WorkflowsPage : public QWidget
{
    Q_OBJECT
public:
    WorkflowsPage(ConsoleSession *session, AppSettings *settings, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    WorkflowFilterModel *proxy() const { return m_proxy; }
    QComboBox *phaseCombo() const { return m_phase; }
    QLineEdit *filterEdit() const { return m_filter; }
    /// The demo's first steps, shown while the demo runs until the operator closes it.
    QFrame *demoHint() const { return m_hint; }

signals:
    /// Double-click or Enter on a row: show that workflow's distributions.
    void workflowActivated(const QString &workflow, const QString &version);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateCards();
    void updateHint();

    ConsoleSession *m_session;
    AppSettings *m_settings;
    WorkflowFilterModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_phase = nullptr;
    QLabel *m_count = nullptr;
    StatCard *m_graduated = nullptr;
    StatCard *m_executions = nullptr;
    StatCard *m_spent = nullptr;
    StatCard *m_savings = nullptr;
    QFrame *m_hint = nullptr;
    QLabel *m_hintText = nullptr;
    QToolButton *m_hintClose = nullptr;
};
