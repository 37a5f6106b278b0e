#pragma once

#include <QWidget>

class AppSettings;
class ConsoleSession;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;
class StreamFilterModel;

/// The live execution stream: records newest-first (or oldest-first following the tail),
/// coloured by drift score, anomaly and failure; filtered by workflow, tool, source, status and text;
/// pausable without losing what arrives meanwhile (up to the ring's capacity).
class StreamPage : public QWidget
{
    Q_OBJECT
public:
    StreamPage(ConsoleSession *session, AppSettings *settings, QWidget *parent = nullptr);

    /// Selects and shows record `seq`; false when it is no longer in the stream (or filtered out).
    bool selectRecord(qint64 seq);

    QTableView *table() const { return m_table; }
    StreamFilterModel *proxy() const { return m_proxy; }
    QToolButton *pauseButton() const { return m_pause; }
    QToolButton *followButton() const { return m_follow; }
    QToolButton *orderButton() const { return m_order; }
    QComboBox *workflowCombo() const { return m_workflow; }
    QComboBox *toolCombo() const { return m_tool; }
    QComboBox *sourceCombo() const { return m_source; }
    QComboBox *statusCombo() const { return m_status; }
    QLineEdit *textEdit() const { return m_text; }

signals:
    void recordSelected(qint64 seq);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void refreshPickers();
    void refreshSources();
    void refreshCount();
    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);
    void setPaused(bool paused);

    ConsoleSession *m_session;
    AppSettings *m_settings;
    StreamFilterModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QToolButton *m_pause = nullptr;
    QToolButton *m_follow = nullptr;
    QToolButton *m_order = nullptr;
    QComboBox *m_workflow = nullptr;
    QComboBox *m_tool = nullptr;
    QComboBox *m_source = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_text = nullptr;
    QLabel *m_count = nullptr;
};
