#include "consolesession.h"

#include "costhistory.h"
#include "enginehost.h"
#include "eventsmodel.h"
#include "evolutionhub.h"
#include "ledgermodel.h"
#include "streammodel.h"
#include "workflowsmodel.h"

using namespace Apprentice;

ConsoleSession::ConsoleSession(QObject *parent)
    : QObject(parent)
{
    m_host = new EngineHost(this);
    m_stream = new StreamModel(this);
    m_workflows = new WorkflowsModel(this);
    m_events = new EventsModel(this);
    m_ledger = new LedgerModel(this);
    m_costs = new CostHistory(this);
    m_evolution = new EvolutionHub(this);
    connect(m_host, &EngineHost::published, this, &ConsoleSession::onPublished);
    connect(m_host, &EngineHost::importStarted, this, [this](const QString &path) {
        m_files << path;
        m_stream->setFiles(m_files);
    });
}

ConsoleSession::~ConsoleSession() = default;

void ConsoleSession::configure(const HostConfig &config)
{
    m_stream->setCapacity(config.streamCapacity);
    m_host->configure(config);
}

void ConsoleSession::reset()
{
    m_host->resetSession();
    m_stream->clear();
    m_workflows->clear();
    m_events->clear();
    m_ledger->clear();
    m_costs->clear();
    m_evolution->reset();
    m_snapshot.reset();
    m_files.clear();
    m_catalog.clear();
    m_demo = false;
    emit sessionReset();
    emit snapshotChanged();
    emit catalogChanged();
}

void ConsoleSession::openFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (m_demo)
        reset();
    m_evolution->setScratch(false);
    m_host->openFiles(paths);
}

void ConsoleSession::startDemo(const DemoOptions &options)
{
    reset();
    m_demo = true;
    m_evolution->setScratch(true); // the demo's mutations are not kept
    m_host->startDemo(options);
}

void ConsoleSession::onPublished(std::shared_ptr<const EnginePublication> p)
{
    if (!p->rows.empty()) {
        std::vector<StreamRow> rows = p->rows; // the publication is shared and immutable
        m_stream->addRows(std::move(rows));
    }
    if (!p->events.empty()) {
        m_events->addEvents(p->events);
    }
    if (!p->investigations.empty())
        m_events->addInvestigations(p->investigations);
    if (!p->ledger.empty())
        m_ledger->addEntries(p->ledger);
    if (!p->costs.empty())
        m_costs->addSamples(p->costs);
    m_evolution->addPublication(*p);
    if (p->snapshot) {
        m_snapshot = p->snapshot;
        m_workflows->setSnapshot(*m_snapshot);
        QString catalog;
        for (const WorkflowSnapshot &w : m_snapshot->workflows) {
            catalog += w.workflow + u'\x1f' + w.version;
            for (const ToolSnapshot &t : w.tools) {
                catalog += u'\x1e' + t.tool;
                for (const MetricSnapshot &m : t.metrics)
                    catalog += u'\x1d' + m.metric;
            }
            catalog += u'\n';
        }
        if (catalog != m_catalog) {
            m_catalog = catalog;
            emit catalogChanged();
        }
        emit snapshotChanged();
    }
    if (!p->events.empty()) {
        m_workflows->addEvents(p->events);
        emit eventsAdded(p->events);
    }
    emit published(p);
}

QStringList ConsoleSession::workflowNames() const
{
    QStringList out;
    if (!m_snapshot)
        return out;
    for (const WorkflowSnapshot &w : m_snapshot->workflows)
        if (!out.contains(w.workflow))
            out << w.workflow;
    return out;
}

QStringList ConsoleSession::toolNames(const QString &workflow) const
{
    QStringList out;
    if (!m_snapshot)
        return out;
    for (const WorkflowSnapshot &w : m_snapshot->workflows) {
        if (!workflow.isEmpty() && w.workflow != workflow)
            continue;
        for (const ToolSnapshot &t : w.tools)
            if (!out.contains(t.tool))
                out << t.tool;
    }
    return out;
}

QStringList ConsoleSession::metricNames(const QString &workflow, const QString &version, const QString &tool) const
{
    QStringList out;
    if (const ToolSnapshot *t = findTool(workflow, version, tool))
        for (const MetricSnapshot &m : t->metrics)
            out << m.metric;
    return out;
}

const WorkflowSnapshot *ConsoleSession::findWorkflow(const QString &workflow, const QString &version) const
{
    if (!m_snapshot)
        return nullptr;
    for (const WorkflowSnapshot &w : m_snapshot->workflows)
        if (w.workflow == workflow && w.version == version)
            return &w;
    return nullptr;
}

const ToolSnapshot *ConsoleSession::findTool(const QString &workflow, const QString &version, const QString &tool) const
{
    const WorkflowSnapshot *w = findWorkflow(workflow, version);
    if (!w)
        return nullptr;
    for (const ToolSnapshot &t : w->tools)
        if (t.tool == tool)
            return &t;
    return nullptr;
}

void ConsoleSession::retranslate()
{
    m_stream->retranslate();
    m_workflows->retranslate();
    m_events->retranslate();
    m_ledger->retranslate();
}
