#pragma once

#include "enginepublication.h"
#include "hostconfig.h"

#include <QWidget>

#include <memory>

class AppSettings;
class ConsoleSession;
class EventFilterModel;
class EvidenceChart;
class InvestigationView;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class QToolButton;

/// Drift events: anomalies, drifts and failures with value against expected, diagnosis and
/// action; a detail pane with the evidence (values around the event against the profile) and the
/// investigation transcript; and the operator's decisions: accept as the new normal (rebases the
/// profile), dismiss as a false alarm, mark for evolution — each recorded in the audit trail.
class DriftPage : public QWidget
{
    Q_OBJECT
public:
    DriftPage(ConsoleSession *session, AppSettings *settings, QWidget *parent = nullptr);

    /// Selects the row of event `id`; false when it is not shown.
    bool selectEvent(qint64 id);
    /// Selects the newest drift or failure (what an operator looks at first).
    bool selectLatestDrift();
    qint64 currentEventId() const { return m_current; }

    QTableView *table() const { return m_table; }
    EventFilterModel *proxy() const { return m_proxy; }
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *dismissButton() const { return m_dismiss; }
    QPushButton *evolveButton() const { return m_evolve; }
    EvidenceChart *evidence() const { return m_evidence; }
    InvestigationView *investigationView() const { return m_investigation; }
    QLabel *titleLabel() const { return m_title; }

    Q_INVOKABLE void resetLayout();

signals:
    void recordActivated(qint64 seq);
    void statusMessage(const QString &text);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void showDetails();
    void updateButtons();
    void act(OperatorAction::Kind kind);
    void rerun(const QString &tierName);
    void onRerunRefused(qint64 driftId, const QString &tierName, RerunRefusal why);
    void updateTierNames();
    void onSeriesReply(std::shared_ptr<const SeriesReply> reply);
    void updateCount();

    ConsoleSession *m_session;
    AppSettings *m_settings;
    EventFilterModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QToolButton *m_drifts = nullptr;
    QToolButton *m_failures = nullptr;
    QToolButton *m_anomalies = nullptr;
    QToolButton *m_phases = nullptr;
    QToolButton *m_waiting = nullptr;
    QLineEdit *m_text = nullptr;
    QLabel *m_count = nullptr;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_diagnosis = nullptr;
    QLabel *m_decision = nullptr;
    EvidenceChart *m_evidence = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_dismiss = nullptr;
    QPushButton *m_evolve = nullptr;
    QPushButton *m_showRecord = nullptr;
    InvestigationView *m_investigation = nullptr;
    QLabel *m_empty = nullptr;
    qint64 m_current = 0;
    qint64 m_currentSeq = 0;
    quint64 m_ticket = 0;
    bool m_laidOut = false;
};
