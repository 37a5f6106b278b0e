#pragma once

#include "streamrow.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

class QTimer;

/// The live stream: the newest records in a capped ring. Producers hand batches to addRows(); one
/// single-shot timer applies them per tick with at most one beginRemoveRows (overflow) and one
/// beginInsertRows, so 20 k records/s cost two model signals every 100 ms.
class StreamModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ColTime,
        ColWorkflow,
        ColVersion,
        ColExecution,
        ColTool,
        ColStatus,
        ColLatency,
        ColOutput,
        ColMemory,
        ColCpu,
        ColValidation,
        ColCost,
        ColDriftScore,
        ColSource,
        ColNote,
        ColumnCount
    };
    enum Role {
        SeqRole = Qt::UserRole + 1, ///< qint64 StreamRow::seq
        FlagsRole,                  ///< StreamRow::flags
        DriftScoreRole,             ///< double
        SortRole,                   ///< raw value of the column
        WorkflowRole,
        ToolRole,
        SourceRole                  ///< int StreamRow::source
    };
    static constexpr int DefaultCapacity = 100000;
    static constexpr int FlushIntervalMs = 100;

    explicit StreamModel(QObject *parent = nullptr);

    /// Rows kept at most; shrinking drops the oldest.
    void setCapacity(int rows);
    int capacity() const { return m_capacity; }
    /// Newest record in row 0 (true) or at the bottom (false, for following the tail).
    void setNewestFirst(bool newestFirst);
    bool newestFirst() const { return m_newestFirst; }
    /// While paused, batches wait (the newest `capacity` of them) and the rows shown stay put.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// File names for the source column (StreamRow::fileIndex).
    void setFiles(const QStringList &files) { m_files = files; }

    /// Queues rows (oldest first); they appear at the next flush.
    void addRows(std::vector<StreamRow> rows);
    /// Applies queued rows now.
    void flush();
    void clear();

    const StreamRow &rowAt(int row) const { return m_ring[physical(logical(row))]; }
    /// The row showing record `seq`, or −1 when it is no longer (or not yet) in the ring.
    int rowForSeq(qint64 seq) const;
    qint64 pendingCount() const { return qint64(m_pending.size()); }
    /// True while a flush is due (never while paused).
    bool isFlushScheduled() const;
    /// Records seen since the last clear(), including those dropped by the cap.
    qint64 totalSeen() const { return m_totalSeen; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Column titles are translated on every call; views refresh on a language change.
    void retranslate();

    /// How a source is shown: its name, or "demo" translated for the simulator.
    static QString sourceText(qint16 source);
    /// The sources of the records seen since the last clear(), as shown, in the order they first came.
    QStringList sourceNames() const;

signals:
    void flushed(int inserted, int removed);
    /// A record from a source not seen before since the last clear() arrived (see sourceNames()).
    void sourcesChanged();

private:
    size_t logical(int row) const { return m_newestFirst ? size_t(m_size - 1 - row) : size_t(row); }
    size_t physical(size_t logicalIndex) const { return (m_head + logicalIndex) % size_t(m_capacity); }
    QString noteFor(const StreamRow &r) const;

    std::vector<StreamRow> m_ring;
    size_t m_head = 0;
    int m_size = 0;
    int m_capacity = DefaultCapacity;
    bool m_newestFirst = true;
    bool m_paused = false;
    std::vector<StreamRow> m_pending;
    QTimer *m_flushTimer = nullptr;
    qint64 m_totalSeen = 0;
    QStringList m_files;
    std::vector<qint16> m_sourceOrder; // sources seen, in order of arrival
    std::vector<bool> m_sourceSeen;    // by StreamSources index
};
