#pragma once

#include "enginepublication.h"

#include <QAbstractTableModel>

#include <deque>
#include <unordered_map>

/// Drift events as the operator works through them: anomalies, drifts and failures with their
/// diagnosis and what was decided, plus graduations and phase changes for the audit trail.
/// Capped: the oldest rows go first.
class EventsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ColTime,
        ColKind,
        ColTool,
        ColMetric,
        ColValue,
        ColExpected,
        ColChange,
        ColDiagnosis,
        ColAction,
        ColDecision,
        ColWorkflow,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,
        KindRole,     ///< RowKind
        DecisionRole, ///< Decision
        EventIdRole,  ///< qint64 Event::id
        SeqRole       ///< qint64 record seq
    };
    enum RowKind { KindDrift = 1, KindFailure = 2, KindAnomaly = 4, KindPhase = 8 };
    enum Decision {
        Informational, ///< anomalies, graduations, phase changes
        Investigating, ///< a diagnosis is pending
        Applied,       ///< the diagnosis' action was applied automatically
        Escalated,     ///< waits for an operator
        Accepted,      ///< accepted as the new normal by an operator
        Dismissed,     ///< dismissed as a false alarm by an operator
        MarkedForEvolution
    };
    static constexpr int DefaultCapacity = 50000;

    struct Row {
        Apprentice::Event event;
        qint64 seq = 0;
        RowKind kind = KindAnomaly;
        Decision decision = Informational;
        QString decidedBy;
        bool diagnosed = false;
        Apprentice::Event diagnosis; ///< the final diagnosis event (valid when diagnosed)
    };

    explicit EventsModel(QObject *parent = nullptr);

    void setCapacity(int rows);
    void addEvents(const std::vector<EventRecord> &events);
    void addInvestigations(const std::vector<InvestigationRecord> &investigations);
    void clear();

    const Row &rowAt(int row) const { return m_rows[size_t(row)]; }
    int rowForEvent(qint64 eventId) const;
    /// The investigation behind a drift or failure (nullptr when unknown).
    const InvestigationRecord *investigation(qint64 driftId) const;
    /// Drifts and failures still waiting for an operator (escalated).
    int openCount() const;

    static QString kindText(RowKind kind);
    static QString decisionText(Decision decision);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void retranslate();

signals:
    /// A row's decision changed (diagnosis arrived, operator acted).
    void decisionChanged(qint64 eventId);

private:
    void append(std::vector<Row> &rows);
    void setDecision(int row, Decision decision, const QString &who);
    int latestDriftRow(const Apprentice::Event &e) const;
    QString changeText(const Row &r) const;

    std::deque<Row> m_rows;
    qint64 m_removed = 0; // rows dropped from the front over the model's life
    std::unordered_map<qint64, qint64> m_byId; // event id → absolute row (row + m_removed)
    std::unordered_map<qint64, InvestigationRecord> m_investigations;
    int m_capacity = DefaultCapacity;
};
