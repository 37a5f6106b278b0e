#include "streamfiltermodel.h"

#include "streammodel.h"

StreamFilterModel::StreamFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void StreamFilterModel::setStreamModel(StreamModel *model)
{
    m_stream = model;
    setSourceModel(model);
}

void StreamFilterModel::setWorkflow(const QString &workflow)
{
    if (workflow == m_workflow)
        return;
    m_workflow = workflow;
    refilter();
}

void StreamFilterModel::setTool(const QString &tool)
{
    if (tool == m_tool)
        return;
    m_tool = tool;
    refilter();
}

void StreamFilterModel::setSource(const QString &source)
{
    if (source == m_source)
        return;
    m_source = source;
    refilter();
}

void StreamFilterModel::setStatus(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    refilter();
}

void StreamFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    refilter();
}

bool StreamFilterModel::isFiltering() const
{
    return !m_workflow.isEmpty() || !m_tool.isEmpty() || !m_source.isEmpty() || m_status != Status::All
        || !m_text.isEmpty();
}

void StreamFilterModel::refilter()
{
    m_sourceCache.clear();
    // Qt 6.4 has no begin/endFilterChange; invalidateFilter() is the supported way.
    invalidateFilter();
}

bool StreamFilterModel::sourcePasses(qint16 index, bool text) const
{
    if (index < 0)
        return text ? false : m_source.isEmpty();
    if (size_t(index) >= m_sourceCache.size())
        m_sourceCache.resize(size_t(index) + 1, -1);
    qint8 &cached = m_sourceCache[size_t(index)];
    if (cached < 0) {
        const QString shown = StreamModel::sourceText(index);
        cached = qint8((m_source.isEmpty() || shown == m_source ? 1 : 0)
                       | (!m_text.isEmpty() && shown.contains(m_text, Qt::CaseInsensitive) ? 2 : 0));
    }
    return cached & (text ? 2 : 1);
}

bool StreamFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_stream || sourceParent.isValid())
        return true;
    const StreamRow &r = m_stream->rowAt(sourceRow);
    if (!m_workflow.isEmpty() && r.workflow != m_workflow)
        return false;
    if (!m_tool.isEmpty() && r.tool != m_tool)
        return false;
    if (!m_source.isEmpty() && !sourcePasses(r.source, false))
        return false;
    switch (m_status) {
    case Status::All: break;
    case Status::Ok:
        if (!r.ok)
            return false;
        break;
    case Status::Errors:
        if (r.ok)
            return false;
        break;
    case Status::Flagged:
        if (!(r.flags & (StreamRow::Anomaly | StreamRow::Drift | StreamRow::Failure)))
            return false;
        break;
    case Status::HighDrift:
        if (r.driftScore < 0.5f && !(r.flags & (StreamRow::Drift | StreamRow::Failure)))
            return false;
        break;
    }
    if (!m_text.isEmpty()) {
        const auto cs = Qt::CaseInsensitive;
        if (!r.workflow.contains(m_text, cs) && !r.tool.contains(m_text, cs) && !r.execution.contains(m_text, cs)
            && !r.error.contains(m_text, cs) && !r.version.contains(m_text, cs) && !sourcePasses(r.source, true))
            return false;
    }
    return true;
}
