#pragma once

#include <QSortFilterProxyModel>

class StreamModel;

/// Filters the live stream by workflow, tool, status and free text without sorting, so appended
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
    void setStatus(Status status);
    void setText(const QString &text);         ///< case-insensitive, in workflow, tool, execution and error
    QString workflow() const { return m_workflow; }
    QString tool() const { return m_tool; }
    Status status() const { return m_status; }
    QString text() const { return m_text; }
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    StreamModel *m_stream = nullptr;
    QString m_workflow;
    QString m_tool;
    Status m_status = Status::All;
    QString m_text;
};
