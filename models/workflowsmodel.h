#pragma once

#include "enginepublication.h"

#include <QAbstractTableModel>

#include <vector>

/// The graduation board: one row per workflow version with its phase and why, executions and the
/// money. Rows are keyed by (workflow, version) and updated in place from each snapshot.
class WorkflowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ColWorkflow,
        ColVersion,
        ColPhase,
        ColReason,
        ColExecutions,
        ColCalls,
        ColFailed,
        ColSpent,
        ColAlwaysOn,
        ColSavings,
        ColLastEvent,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< raw value for sorting
        PhaseRole,                   ///< int: Apprentice::Phase, or PhaseRelearning
        ProgressRole,                ///< double in [0, 1] for apprentices, −1 otherwise
        WorkflowRole,
        VersionRole
    };
    /// Display phase beyond Apprentice::Phase: back in apprenticeship after a critical failure.
    static constexpr int PhaseRelearning = 3;

    explicit WorkflowsModel(QObject *parent = nullptr);

    void setSnapshot(const Apprentice::EngineSnapshot &snapshot);
    /// Remembers the latest noteworthy event per workflow version for the "Last event" column.
    void addEvents(const std::vector<EventRecord> &events);
    void clear();

    /// Translated phase name for a PhaseRole value.
    static QString phaseText(int phase);
    static QString phaseDescription(int phase);

    const Apprentice::WorkflowSnapshot &workflowAt(int row) const { return m_rows[size_t(row)].snapshot; }
    int rowOf(const QString &workflow, const QString &version) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void retranslate();

private:
    struct Row {
        Apprentice::WorkflowSnapshot snapshot;
        Apprentice::Event lastEvent;
        bool hasLastEvent = false;
    };
    static int displayPhase(const Apprentice::WorkflowSnapshot &w);
    static QString eventText(const Apprentice::Event &e);
    std::vector<Row> m_rows;
};
