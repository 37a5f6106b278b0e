#include "streampage.h"

#include "appsettings.h"
#include "common/icons.h"
#include "common/tables.h"
#include "consolesession.h"
#include "format.h"
#include "streamfiltermodel.h"
#include "streammodel.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

StreamPage::StreamPage(ConsoleSession *session, AppSettings *settings, QWidget *parent)
    : QWidget(parent), m_session(session), m_settings(settings)
{
    StreamModel *model = session->stream();
    model->setNewestFirst(settings->streamNewestFirst());

    auto tool = [this](const QString &icon, bool checkable) {
        auto *b = new QToolButton(this);
        b->setIcon(Icons::get(icon));
        b->setCheckable(checkable);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(true);
        return b;
    };
    m_pause = tool(QStringLiteral("pause"), true);
    m_pause->setObjectName(QStringLiteral("streamPause"));
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    m_follow = tool(QStringLiteral("follow"), true);
    m_follow->setChecked(true);
    m_order = tool(QStringLiteral("newest-first"), true);
    m_order->setChecked(model->newestFirst());

    m_workflow = new QComboBox(this);
    m_workflow->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_tool = new QComboBox(this);
    m_tool->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("streamSource"));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_status = new QComboBox(this);
    m_text = new QLineEdit(this);
    m_text->setClearButtonEnabled(true);
    m_count = new QLabel(this);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    bar->addWidget(m_pause);
    bar->addWidget(m_follow);
    bar->addWidget(m_order);
    bar->addSpacing(12);
    bar->addWidget(m_workflow);
    bar->addWidget(m_tool);
    bar->addWidget(m_source);
    bar->addWidget(m_status);
    bar->addWidget(m_text, 1);
    bar->addWidget(m_count);

    m_proxy = new StreamFilterModel(this);
    m_proxy->setStreamModel(model);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("streamTable"));
    m_table->setModel(m_proxy);
    Tables::setup(m_table, false);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    static constexpr int chars[StreamModel::ColumnCount] = {19, 26, 7, 12, 13, 6, 10, 10, 9, 7, 10, 9, 7, 22, 0};
    Tables::setColumnChars(m_table, chars, StreamModel::ColumnCount);
    // A new key since the Source column: a header saved with fewer columns would put widths on the wrong ones.
    Tables::persistHeader(m_table->horizontalHeader(), settings, QStringLiteral("stream.sources"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_pause, &QToolButton::toggled, this, &StreamPage::setPaused);
    connect(m_follow, &QToolButton::toggled, this, [this](bool on) {
        if (on) {
            if (m_session->stream()->newestFirst())
                m_table->scrollToTop();
            else
                m_table->scrollToBottom();
        }
    });
    connect(m_order, &QToolButton::toggled, this, [this](bool newestFirst) {
        m_session->stream()->setNewestFirst(newestFirst);
        m_settings->setStreamNewestFirst(newestFirst);
        retranslate();
        if (m_follow->isChecked())
            newestFirst ? m_table->scrollToTop() : m_table->scrollToBottom();
    });
    connect(m_workflow, &QComboBox::currentIndexChanged, this, [this] {
        const QString wf = m_workflow->currentData().toString();
        m_proxy->setWorkflow(wf);
        m_settings->setFilter(QStringLiteral("stream.workflow"), wf);
        refreshCount();
    });
    connect(m_tool, &QComboBox::currentIndexChanged, this, [this] {
        const QString t = m_tool->currentData().toString();
        m_proxy->setTool(t);
        m_settings->setFilter(QStringLiteral("stream.tool"), t);
        refreshCount();
    });
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        const QString s = m_source->currentData().toString();
        m_proxy->setSource(s);
        m_settings->setFilter(QStringLiteral("stream.source"), s);
        refreshCount();
    });
    connect(model, &StreamModel::sourcesChanged, this, &StreamPage::refreshSources);
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStatus(StreamFilterModel::Status(m_status->currentData().toInt()));
        m_settings->setFilter(QStringLiteral("stream.status"), QString::number(m_status->currentData().toInt()));
        refreshCount();
    });
    connect(m_text, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setText(text);
        m_settings->setFilter(QStringLiteral("stream.text"), text);
        refreshCount();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); });
    connect(model, &StreamModel::flushed, this, &StreamPage::refreshCount);
    connect(m_session, &ConsoleSession::catalogChanged, this, &StreamPage::refreshPickers);
    connect(m_session, &ConsoleSession::published, this, [this] {
        if (m_pause->isChecked())
            refreshCount();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            emit recordSelected(current.data(StreamModel::SeqRole).toLongLong());
    });

    retranslate();
    m_text->setText(settings->filter(QStringLiteral("stream.text")));
    const int status = settings->filter(QStringLiteral("stream.status"), QStringLiteral("0")).toInt();
    m_status->setCurrentIndex(std::max(0, m_status->findData(status)));
    refreshPickers();
}

void StreamPage::retranslate()
{
    const bool newestFirst = m_order->isChecked();
    m_pause->setText(m_pause->isChecked() ? tr("Resume") : tr("Pause"));
    m_pause->setToolTip(tr("Freeze the stream to read it; records keep arriving and appear on resume (%1)")
                            .arg(m_pause->shortcut().toString(QKeySequence::NativeText)));
    m_follow->setText(tr("Follow"));
    m_follow->setToolTip(tr("Keep the newest records in view"));
    m_order->setText(newestFirst ? tr("Newest first") : tr("Oldest first"));
    m_order->setToolTip(tr("Newest records on top, or at the bottom like a log tail"));
    m_text->setPlaceholderText(tr("Search workflow, tool, execution, error, source…"));
    m_workflow->setToolTip(tr("Show one workflow only"));
    m_tool->setToolTip(tr("Show one tool only"));
    m_source->setToolTip(tr("Show the records of one file, live connection or the demo only"));
    m_status->setToolTip(tr("Show all records, only successful or failed ones, or only those the engine flagged"));
    {
        const QSignalBlocker block(m_status);
        const int current = m_status->currentIndex();
        m_status->clear();
        m_status->addItem(tr("All records"), int(StreamFilterModel::Status::All));
        m_status->addItem(tr("Successful"), int(StreamFilterModel::Status::Ok));
        m_status->addItem(tr("Failed"), int(StreamFilterModel::Status::Errors));
        m_status->addItem(tr("Flagged (anomaly, drift, failure)"), int(StreamFilterModel::Status::Flagged));
        m_status->addItem(tr("Drift score ≥ 0.5"), int(StreamFilterModel::Status::HighDrift));
        m_status->setCurrentIndex(std::max(0, current));
    }
    refreshPickers();
    refreshCount();
}

namespace {

void refill(QComboBox *combo, const QStringList &names, const QString &all, const QString &wanted)
{
    const QSignalBlocker block(combo);
    const QString current = combo->count() ? combo->currentData().toString() : wanted;
    combo->clear();
    combo->addItem(all, QString());
    for (const QString &n : names)
        combo->addItem(n, n);
    const int idx = combo->findData(current);
    combo->setCurrentIndex(idx >= 0 ? idx : 0);
}

} // namespace

void StreamPage::refreshSources()
{
    const QString wanted = m_settings->filter(QStringLiteral("stream.source"));
    QStringList sources = m_session->stream()->sourceNames();
    if (!wanted.isEmpty() && !sources.contains(wanted))
        sources << wanted; // a remembered filter stays selectable until its data arrives
    refill(m_source, sources, tr("All sources"), wanted);
    m_proxy->setSource(m_source->currentData().toString());
}

void StreamPage::refreshPickers()
{
    const QString wantedWorkflow = m_settings->filter(QStringLiteral("stream.workflow"));
    const QString wantedTool = m_settings->filter(QStringLiteral("stream.tool"));
    QStringList workflows = m_session->workflowNames();
    if (!wantedWorkflow.isEmpty() && !workflows.contains(wantedWorkflow))
        workflows << wantedWorkflow; // a remembered filter stays selectable until its data arrives
    refill(m_workflow, workflows, tr("All workflows"), wantedWorkflow);
    QStringList tools = m_session->toolNames(m_workflow->currentData().toString());
    if (!wantedTool.isEmpty() && !tools.contains(wantedTool))
        tools << wantedTool;
    refill(m_tool, tools, tr("All tools"), wantedTool);
    m_proxy->setWorkflow(m_workflow->currentData().toString());
    m_proxy->setTool(m_tool->currentData().toString());
    refreshSources();
}

void StreamPage::refreshCount()
{
    const StreamModel *model = m_session->stream();
    QString text;
    if (m_proxy->isFiltering())
        text = tr("%1 of %2 records").arg(Format::count(m_proxy->rowCount()), Format::count(model->rowCount()));
    else
        text = tr("%1 records").arg(Format::count(model->rowCount()));
    if (model->isPaused() && model->pendingCount() > 0)
        text += u"  ·  " + tr("%1 waiting").arg(Format::count(model->pendingCount()));
    m_count->setText(text);
    m_count->setToolTip(tr("The stream keeps the newest %1 records (Settings → Data)").arg(Format::count(model->capacity())));
}

void StreamPage::onRowsInserted(int first, int last)
{
    const bool newestFirst = m_session->stream()->newestFirst();
    QScrollBar *bar = m_table->verticalScrollBar();
    if (m_follow->isChecked()) {
        // Queued: the view lays out the new rows first.
        QTimer::singleShot(0, m_table, [this, newestFirst] {
            newestFirst ? m_table->scrollToTop() : m_table->scrollToBottom();
        });
        return;
    }
    // Not following: keep the rows the operator is reading where they are.
    if (newestFirst && first == 0 && bar->value() > 0)
        bar->setValue(bar->value() + (last - first + 1));
}

void StreamPage::onRowsRemoved(int first, int last)
{
    const bool newestFirst = m_session->stream()->newestFirst();
    QScrollBar *bar = m_table->verticalScrollBar();
    if (!newestFirst && first == 0 && !m_follow->isChecked())
        bar->setValue(std::max(0, bar->value() - (last - first + 1)));
}

void StreamPage::setPaused(bool paused)
{
    m_session->stream()->setPaused(paused);
    m_pause->setIcon(Icons::get(paused ? QStringLiteral("play") : QStringLiteral("pause")));
    retranslate();
}

bool StreamPage::selectRecord(qint64 seq)
{
    StreamModel *model = m_session->stream();
    model->flush();
    const int row = model->rowForSeq(seq);
    if (row < 0)
        return false;
    QModelIndex idx = m_proxy->mapFromSource(model->index(row, 0));
    if (!idx.isValid()) {
        // Filtered out: clear the filters that hide it rather than fail silently.
        m_text->clear();
        m_status->setCurrentIndex(0);
        m_workflow->setCurrentIndex(0);
        m_tool->setCurrentIndex(0);
        m_source->setCurrentIndex(0);
        idx = m_proxy->mapFromSource(model->index(model->rowForSeq(seq), 0));
        if (!idx.isValid())
            return false;
    }
    m_follow->setChecked(false);
    m_pause->setChecked(true); // hold the row still while the operator looks at it
    m_table->setCurrentIndex(idx);
    m_table->scrollTo(idx, QAbstractItemView::PositionAtCenter);
    return true;
}

void StreamPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
