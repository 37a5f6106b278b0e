#pragma once

#include <QSortFilterProxyModel>

#include <vector>

class StreamModel;

/// Filters the live stream by workflow, tool, source, status and free text without sorting, so appended
/// batches map straight through.
class StreamFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Status { All, Ok, Errors, Flagged, HighDrift };

    explicit StreamFilterModel(QObject *parent = nullptr);

    void setStreamModel(StreamModel *model);
    StreamModel *streamModel() const { return m_stream; }

    void setWorkflow(const QString &workflow); ///< empty: any
    void setTool(const QString &tool);         ///< empty: any
    void setSource(const QString &source);     ///< as StreamModel::sourceText shows it; empty: any
    void setStatus(Status status);
    void setText(const QString &text);         ///< case-insensitive, in workflow, version, tool, execution, error, source
    QString workflow() const { return m_workflow; }
    QString tool() const { return m_tool; }
    QString source() const { return m_source; }
    Status status() const { return m_status; }
    QString text() const { return m_text; }
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();
    /// Whether source `index` passes the source filter and (when `text`) matches the text filter; answers are
    /// cached by index, so a row costs a lookup rather than a string comparison.
    bool sourcePasses(qint16 index, bool text) const;

    StreamModel *m_stream = nullptr;
    QString m_workflow;
    QString m_tool;
    Status m_status = Status::All;
    QString m_text;
    QString m_source;
    mutable std::vector<qint8> m_sourceCache; // per source index: −1 unknown, else bit 0 source filter, bit 1 text
};
