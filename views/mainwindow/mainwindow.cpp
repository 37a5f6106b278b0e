#include "mainwindow.h"

#include "evolutionpages.h"
#include "featurepages.h"

#include "appsettings.h"
#include "common/icons.h"
#include "common/languagemanager.h"
#include "consolesession.h"
#include "costhistory.h"
#include "demo/democontrolbar.h"
#include "distributions/distributionspage.h"
#include "drift/driftpage.h"
#include "economics/economicspage.h"
#include "enginehost.h"
#include "eventfiltermodel.h"
#include "eventsmodel.h"
#include "format.h"
#include "importing/importproblemsdock.h"
#include "importing/importstatuswidget.h"
#include "importing/storestatuslabel.h"
#include "metricinfo.h"
#include "reasontext.h"
#include "reportbuilder.h"
#include "settings/settingsdialog.h"
#include "stream/streampage.h"
#include "workflows/workflowspage.h"

#include "event.h"
#include "simulator/situation.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

using namespace Apprentice;

MainWindow::MainWindow(AppSettings *settings, LanguageManager *language, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_language(language)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(Icons::get(QStringLiteral("apprentice")));
    setAcceptDrops(true);
    m_session = new ConsoleSession(this);
    applyConfig();

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_tabs->setDocumentMode(true);
    m_tabs->setIconSize(QSize(18, 18));
    setCentralWidget(m_tabs);

    createPages();
    createActions();
    createMenus();
    createStatusBar();
    // Capacity what-if and live connections fill their page slots; Connect… joins the File menu.
    m_fileMenu->insertAction(m_newSessionAction, installFeaturePages(this));
    // Trends, the mutation ledger and version comparisons.
    installEvolutionPages(this, m_settings);

    m_demoBar = new DemoControlBar(this);
    addToolBar(Qt::TopToolBarArea, m_demoBar);
    statusBar()->insertPermanentWidget(1, m_demoBar->clockLabel());
    connect(m_session->host(), &EngineHost::demoStateChanged, m_demoBar->clockLabel(),
            [label = m_demoBar->clockLabel()](const DemoState &s) { label->setVisible(s.running); });
    m_importDock = new ImportProblemsDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_importDock);
    m_importDock->hide();
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_demoBar->toggleViewAction());
    m_viewMenu->addAction(m_importDock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_resetLayoutAction);

    EngineHost *host = m_session->host();
    connect(m_demoBar, &DemoControlBar::situationToggled, host, &EngineHost::setSituation);
    connect(m_demoBar, &DemoControlBar::pauseToggled, host, &EngineHost::setDemoPaused);
    connect(m_demoBar, &DemoControlBar::speedChanged, this, [this](double speed) {
        m_session->host()->setDemoSpeed(speed);
        m_settings->setDemoSpeed(speed);
    });
    connect(m_demoBar, &DemoControlBar::restartRequested, this, [this] {
        DemoOptions options;
        options.speed = m_demoBar->speed();
        startDemo(options);
    });
    connect(host, &EngineHost::demoStateChanged, m_demoBar, &DemoControlBar::setState);
    connect(host, &EngineHost::importStarted, m_importStatus, &ImportStatusWidget::start);
    connect(host, &EngineHost::importProgress, m_importStatus, &ImportStatusWidget::setProgress);
    connect(host, &EngineHost::importFinished, this, &MainWindow::onImportFinished);
    connect(m_importStatus, &ImportStatusWidget::cancelRequested, host, &EngineHost::cancelImport);
    connect(host, &EngineHost::storeChanged, this, [this](const StoreStatus &status) {
        m_storeStatus->setStatus(status);
        if (!status.error.isEmpty())
            statusBar()->showMessage(tr("Profiles are not kept: %1").arg(status.error), 15000);
    });
    connect(m_session, &ConsoleSession::published, this, &MainWindow::updateStatus);
    connect(m_session, &ConsoleSession::sessionReset, this, &MainWindow::updateStatus);
    connect(m_session, &ConsoleSession::eventsAdded, this, &MainWindow::onEvents);
    connect(m_session, &ConsoleSession::sessionReset, this, [this] {
        m_unseenDrifts = 0;
        updateDriftBadge();
    });
    connect(m_settings, &AppSettings::recentFilesChanged, this, &MainWindow::rebuildRecentMenu);
    connect(m_settings, &AppSettings::streamCapacityChanged, this, &MainWindow::applyConfig);
    connect(m_settings, &AppSettings::historyCapacityChanged, this, &MainWindow::applyConfig);
    connect(m_settings, &AppSettings::tiersChanged, this, &MainWindow::applyConfig);
    connect(m_settings, &AppSettings::graduationExecutionsChanged, this, &MainWindow::applyConfig);
    connect(m_settings, &AppSettings::evolutionDatabaseChanged, this, &MainWindow::applyConfig);

    retranslate();
    m_demoBar->setSpeed(m_settings->demoSpeed());
    m_demoBar->setState(host->demoState());
    resize(1440, 900);
    m_defaultState = saveState();
    restoreGeometry(m_settings->windowGeometry());
    restoreState(m_settings->windowState());
    setCurrentPage(m_settings->currentPage());
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        m_settings->setCurrentPage(currentPage());
        if (currentPage() == u"drift") {
            m_unseenDrifts = 0;
            updateDriftBadge();
        }
    });
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::applyConfig()
{
    HostConfig config;
    config.streamCapacity = m_settings->streamCapacity();
    config.historyCapacity = m_settings->historyCapacity();
    config.graduationExecutions = m_settings->graduationExecutions();
    config.tiersJson = m_settings->tiersJson();
    if (m_keepsKnowledge)
        config.storePath = m_settings->evolutionDatabase();
    m_session->configure(config);
}

void MainWindow::setKeepsKnowledge(bool keep)
{
    m_keepsKnowledge = keep;
    applyConfig();
}

void MainWindow::createPages()
{
    auto *workflows = new WorkflowsPage(m_session, m_settings, this);
    auto *stream = new StreamPage(m_session, m_settings, this);
    auto *distributions = new DistributionsPage(m_session, m_settings, this);
    auto *drift = new DriftPage(m_session, m_settings, this);
    auto *economics = new EconomicsPage(m_session, m_settings, this);
    m_pages = {
        {QStringLiteral("workflows"), workflows, QStringLiteral("workflows"), [] { return tr("Workflows"); }, nullptr},
        {QStringLiteral("stream"), stream, QStringLiteral("stream"), [] { return tr("Live stream"); }, nullptr},
        {QStringLiteral("distributions"), distributions, QStringLiteral("distributions"), [] { return tr("Distributions"); }, nullptr},
        {QStringLiteral("drift"), drift, QStringLiteral("drift"), [] { return tr("Drift events"); }, nullptr},
        {QStringLiteral("economics"), economics, QStringLiteral("economics"), [] { return tr("Economics"); }, nullptr},
        // Slots for pages other features install with setPageWidget().
        {QStringLiteral("trends"), nullptr, QStringLiteral("trends"), [] { return tr("Trends"); }, nullptr},
        {QStringLiteral("mutations"), nullptr, QStringLiteral("evolve"), [] { return tr("Mutations"); }, nullptr},
        {QStringLiteral("versions"), nullptr, QStringLiteral("versions"), [] { return tr("Versions"); }, nullptr},
        {QStringLiteral("capacity"), nullptr, QStringLiteral("capacity"), [] { return tr("Capacity"); }, nullptr},
        {QStringLiteral("connections"), nullptr, QStringLiteral("connections"), [] { return tr("Connections"); }, nullptr},
    };
    connect(workflows, &WorkflowsPage::workflowActivated, this, [this, distributions](const QString &wf, const QString &ver) {
        distributions->showWorkflow(wf, ver);
        setCurrentPage(QStringLiteral("distributions"));
    });
    connect(distributions, &DistributionsPage::recordActivated, this, &MainWindow::showRecord);
    connect(workflows, &WorkflowsPage::eventActivated, this, [this, drift](qint64 id) {
        setCurrentPage(QStringLiteral("drift"));
        if (!drift->selectEvent(id)) {
            drift->proxy()->setKinds(drift->proxy()->kinds() | EventsModel::KindPhase);
            drift->selectEvent(id);
        }
    });
    connect(drift, &DriftPage::recordActivated, this, &MainWindow::showRecord);
    connect(drift, &DriftPage::statusMessage, this, [this](const QString &text) { statusBar()->showMessage(text, 6000); });
}

void MainWindow::showRecord(qint64 seq)
{
    auto *stream = static_cast<StreamPage *>(page(QStringLiteral("stream")));
    setCurrentPage(QStringLiteral("stream"));
    if (!stream->selectRecord(seq))
        statusBar()->showMessage(tr("That record is no longer in the stream (it keeps the newest %1)")
                                     .arg(Format::count(m_settings->streamCapacity())),
                                 6000);
}

void MainWindow::onEvents(const std::vector<EventRecord> &events)
{
    // The story of the session in one line at a time: graduations, drifts and what was done.
    QString message;
    for (const EventRecord &r : events) {
        const Event &e = r.event;
        switch (e.kind) {
        case EventKind::Graduated:
            message = tr("%1 %2 graduated after %3 executions: monitoring it is free from now on")
                          .arg(e.workflow, e.version)
                          .arg(e.executions);
            break;
        case EventKind::Drift:
            if (currentPage() != u"drift")
                ++m_unseenDrifts;
            message = e.metric == u"status"
                          ? tr("Failure: %1 returned an error — see Drift events (Ctrl+4)").arg(e.tool)
                          : tr("Drift: %1 %2 at %3 against %4 expected — see Drift events (Ctrl+4)")
                                .arg(e.tool, MetricInfo::title(e.metric), Format::metricValue(e.metric, e.value),
                                     Format::metricValue(e.metric, e.expected));
            break;
        case EventKind::Diagnosis:
            message = tr("%1 %2 diagnosed by %3: %4 (confidence %5)")
                          .arg(e.tool, MetricInfo::title(e.metric), e.tier, ReasonText::actionText(e.action),
                               QLocale().toString(e.confidence, 'f', 2));
            break;
        default: break;
        }
    }
    if (!message.isEmpty())
        statusBar()->showMessage(message, 8000);
    updateDriftBadge();
}

void MainWindow::updateDriftBadge()
{
    for (const Page &p : m_pages) {
        if (p.id != u"drift" || !p.widget)
            continue;
        const int index = m_tabs->indexOf(p.widget);
        if (index >= 0)
            m_tabs->setTabText(index, m_unseenDrifts > 0 ? tr("%1 (new: %2)").arg(p.title()).arg(m_unseenDrifts) : p.title());
    }
}

void MainWindow::rebuildTabs()
{
    const QString current = currentPage();
    const QSignalBlocker block(m_tabs);
    while (m_tabs->count() > 0)
        m_tabs->removeTab(0);
    int shortcut = 1;
    for (Page &p : m_pages) {
        if (!p.widget)
            continue;
        m_tabs->addTab(p.widget, Icons::get(p.icon), p.title());
        if (!p.action) {
            p.action = new QAction(this);
            p.action->setObjectName(QStringLiteral("page_%1").arg(p.id));
            connect(p.action, &QAction::triggered, this, [this, id = p.id] { setCurrentPage(id); });
            addAction(p.action);
        }
        p.action->setText(p.title());
        p.action->setIcon(Icons::get(p.icon));
        if (shortcut <= 10) // Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth
            p.action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + shortcut % 10)));
        m_tabs->setTabToolTip(m_tabs->count() - 1, tr("%1 (%2)").arg(p.title(), p.action->shortcut().toString(QKeySequence::NativeText)));
        ++shortcut;
    }
    setCurrentPage(current);
    updateDriftBadge();
    if (m_viewMenu) {
        for (const Page &p : m_pages)
            if (p.action)
                m_viewMenu->removeAction(p.action);
        QAction *first = m_viewMenu->actions().value(0);
        for (const Page &p : m_pages)
            if (p.action && p.widget)
                m_viewMenu->insertAction(first, p.action);
    }
}

void MainWindow::setPageWidget(const QString &id, QWidget *widget, const QString &icon, std::function<QString()> title)
{
    for (Page &p : m_pages) {
        if (p.id == id) {
            p.widget = widget;
            p.icon = icon;
            p.title = std::move(title);
            rebuildTabs();
            return;
        }
    }
    m_pages.push_back({id, widget, icon, std::move(title), nullptr});
    rebuildTabs();
}

QStringList MainWindow::pageIds() const
{
    QStringList ids;
    for (const Page &p : m_pages)
        if (p.widget)
            ids << p.id;
    return ids;
}

bool MainWindow::setCurrentPage(const QString &id)
{
    for (const Page &p : m_pages) {
        if (p.id == id && p.widget) {
            m_tabs->setCurrentWidget(p.widget);
            return true;
        }
    }
    return false;
}

QString MainWindow::currentPage() const
{
    for (const Page &p : m_pages)
        if (p.widget && p.widget == m_tabs->currentWidget())
            return p.id;
    return {};
}

QWidget *MainWindow::page(const QString &id) const
{
    for (const Page &p : m_pages)
        if (p.id == id)
            return p.widget;
    return nullptr;
}

void MainWindow::createActions()
{
    m_openAction = new QAction(Icons::get(QStringLiteral("open")), QString(), this);
    m_openAction->setObjectName(QStringLiteral("actionOpen"));
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::onOpen);
    m_newSessionAction = new QAction(Icons::get(QStringLiteral("new")), QString(), this);
    m_newSessionAction->setObjectName(QStringLiteral("actionNewSession"));
    m_newSessionAction->setShortcut(QKeySequence::New);
    connect(m_newSessionAction, &QAction::triggered, m_session, &ConsoleSession::reset);
    m_exportAction = new QAction(Icons::get(QStringLiteral("export")), QString(), this);
    m_exportAction->setObjectName(QStringLiteral("actionExportReport"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::onExportReport);
    m_quitAction = new QAction(Icons::get(QStringLiteral("quit")), QString(), this);
    m_quitAction->setObjectName(QStringLiteral("actionQuit"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_settingsAction = new QAction(Icons::get(QStringLiteral("settings")), QString(), this);
    m_settingsAction->setObjectName(QStringLiteral("actionSettings"));
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::onSettings);
    m_resetLayoutAction = new QAction(Icons::get(QStringLiteral("reset")), QString(), this);
    m_resetLayoutAction->setObjectName(QStringLiteral("actionResetLayout"));
    connect(m_resetLayoutAction, &QAction::triggered, this, &MainWindow::resetLayout);
    m_clearRecentAction = new QAction(this);
    connect(m_clearRecentAction, &QAction::triggered, m_settings, &AppSettings::clearRecentFiles);
    m_aboutAction = new QAction(Icons::get(QStringLiteral("apprentice")), QString(), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Apprentice"),
                           tr("<h3>Apprentice %1</h3><p>An operations console for AI workflows. New workflow versions "
                              "run under full monitoring while their quality profile is learned, graduate to free "
                              "statistical monitoring once it is proven, and are investigated again only when they "
                              "drift.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(Icons::get(QStringLiteral("recent")), QString());
    m_demoMenu = m_fileMenu->addMenu(Icons::get(QStringLiteral("play")), QString());
    for (int i = 0; i < SituationCount; ++i) {
        const auto s = Situation(i);
        QAction *a = m_demoMenu->addAction(QString());
        a->setData(i);
        connect(a, &QAction::triggered, this, [this, s] {
            DemoOptions options;
            options.speed = m_demoBar->speed();
            options.scenario = s;
            startDemo(options);
        });
    }
    m_fileMenu->addAction(m_newSessionAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_exportAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_viewMenu = menuBar()->addMenu(QString());
    m_toolsMenu = menuBar()->addMenu(QString());
    m_toolsMenu->addAction(m_settingsAction);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_settings->recentFiles();
    int n = 1;
    for (const QString &f : files) {
        QAction *a = m_recentMenu->addAction(tr("&%1 %2").arg(n++ % 10).arg(QFileInfo(f).fileName()));
        a->setToolTip(f);
        a->setStatusTip(f);
        connect(a, &QAction::triggered, this, [this, f] { openFiles({f}); });
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_clearRecentAction);
    m_clearRecentAction->setEnabled(!files.isEmpty());
}

void MainWindow::createStatusBar()
{
    m_records = new QLabel(this);
    m_rate = new QLabel(this);
    m_phases = new QLabel(this);
    m_spend = new QLabel(this);
    m_importStatus = new ImportStatusWidget(this);
    statusBar()->addPermanentWidget(m_importStatus);
    m_storeStatus = new StoreStatusLabel(this);
    statusBar()->addPermanentWidget(m_storeStatus);
    for (QLabel *l : {m_records, m_rate, m_phases, m_spend}) {
        l->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(l);
    }
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Apprentice — operations console"));
    m_openAction->setText(tr("&Open log export…"));
    m_openAction->setToolTip(tr("Import JSON Lines, gzip, CSV or OTLP/JSON exports (%1)")
                                 .arg(m_openAction->shortcut().toString(QKeySequence::NativeText)));
    m_newSessionAction->setText(tr("&New session"));
    m_newSessionAction->setToolTip(tr("Start an empty session; the next file or live source continues from the kept profiles"));
    m_exportAction->setText(tr("&Export report…"));
    m_quitAction->setText(tr("&Quit"));
    m_settingsAction->setText(tr("&Settings…"));
    m_resetLayoutAction->setText(tr("&Reset layout"));
    m_clearRecentAction->setText(tr("Clear recent files"));
    m_aboutAction->setText(tr("&About Apprentice"));
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Open &recent"));
    m_demoMenu->setTitle(tr("Start &demo"));
    for (QAction *a : m_demoMenu->actions()) {
        const auto s = Situation(a->data().toInt());
        switch (s) {
        case Situation::Normal: a->setText(tr("Normal operation")); break;
        case Situation::ApiSlowdown: a->setText(tr("API slowdown after 300 executions")); break;
        case Situation::ValidationDegradation: a->setText(tr("Validation degradation after 300 executions")); break;
        case Situation::ApiOutage: a->setText(tr("API outage after 300 executions")); break;
        case Situation::SlowCreep: a->setText(tr("Slow creep after 300 executions")); break;
        case Situation::BlackFriday: a->setText(tr("Black Friday after 300 executions")); break;
        case Situation::ShadowRelease: a->setText(tr("New version in shadow after 300 executions")); break;
        }
    }
    m_viewMenu->setTitle(tr("&View"));
    m_toolsMenu->setTitle(tr("&Tools"));
    m_helpMenu->setTitle(tr("&Help"));
    m_records->setToolTip(tr("Records (tool calls) ingested in this session"));
    m_rate->setToolTip(tr("Records ingested per second (wall clock)"));
    m_phases->setToolTip(tr("Workflow versions per phase: apprentice / graduated / investigating"));
    m_spend->setToolTip(tr("Monitoring spend so far, and what always-on AI monitoring would have cost"));
    m_storeStatus->retranslate();
    rebuildTabs();
    rebuildRecentMenu();
    updateStatus();
}

void MainWindow::updateStatus()
{
    const EngineHost *host = m_session->host();
    const EngineTotals &t = host->totals();
    m_records->setText(tr("%1 records").arg(Format::count(t.records)));
    m_rate->setText(Format::rate(host->recordsPerSecond()));
    m_phases->setText(tr("%1 apprentice · %2 graduated · %3 investigating")
                          .arg(t.phaseCounts[size_t(Phase::Apprentice)])
                          .arg(t.phaseCounts[size_t(Phase::Graduated)])
                          .arg(t.phaseCounts[size_t(Phase::Investigating)]));
    m_spend->setText(tr("Spent %1 (always-on %2)").arg(Format::money(t.monitoringCostUsd), Format::money(t.alwaysOnCostUsd)));
}

QString MainWindow::statusText() const
{
    return QStringList{m_records->text(), m_rate->text(), m_phases->text(), m_spend->text()}.join(QStringLiteral(" | "));
}

bool MainWindow::isSupportedFile(const QString &path)
{
    const QString lower = path.toLower();
    return lower.endsWith(u".jsonl") || lower.endsWith(u".jsonl.gz") || lower.endsWith(u".ndjson")
           || lower.endsWith(u".csv") || lower.endsWith(u".json") || lower.endsWith(u".gz");
}

void MainWindow::openFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    for (const QString &p : paths)
        m_settings->addRecentFile(p);
    m_settings->setLastDirectory(QFileInfo(paths.first()).absolutePath());
    m_session->openFiles(paths);
    if (currentPage().isEmpty() || currentPage() == u"economics")
        setCurrentPage(QStringLiteral("workflows"));
}

void MainWindow::startDemo(const DemoOptions &options)
{
    m_importDock->clear();
    m_session->startDemo(options);
    m_demoBar->setSpeed(options.speed);
    m_demoBar->show();
}

void MainWindow::onOpen()
{
    // A non-native, non-blocking dialog: the stream keeps flowing while the operator picks files.
    auto *dialog = new QFileDialog(this, tr("Open log export"), m_settings->lastDirectory());
    dialog->setObjectName(QStringLiteral("openDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    const QStringList filters = {tr("Log exports (*.jsonl *.jsonl.gz *.ndjson *.csv *.json *.gz)"),
                                 tr("JSON Lines (*.jsonl *.jsonl.gz *.ndjson)"), tr("CSV (*.csv)"),
                                 tr("OTLP/JSON traces (*.json)"), tr("All files (*)")};
    dialog->setNameFilters(filters);
    const QString last = m_settings->lastNameFilter();
    if (filters.contains(last))
        dialog->selectNameFilter(last);
    connect(dialog, &QFileDialog::filesSelected, this, [this, dialog](const QStringList &files) {
        m_settings->setLastNameFilter(dialog->selectedNameFilter());
        openFiles(files);
    });
    m_dialog = dialog;
    dialog->open();
}

void MainWindow::onExportReport()
{
    auto *dialog = new QFileDialog(this, tr("Export report"), m_settings->lastDirectory());
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setNameFilters({tr("HTML report (*.html)"), tr("Markdown report (*.md)")});
    dialog->setDefaultSuffix(QStringLiteral("html"));
    dialog->selectFile(QStringLiteral("apprentice-report.html"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        const bool markdown = path.endsWith(u".md", Qt::CaseInsensitive);
        const QString text = markdown ? ReportBuilder::markdown(*m_session) : ReportBuilder::html(*m_session);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
            QMessageBox::warning(this, tr("Export report"), tr("Cannot write %1: %2").arg(path, file.errorString()));
            return;
        }
        statusBar()->showMessage(tr("Report written to %1").arg(path), 6000);
    });
    m_dialog = dialog;
    dialog->open();
}

void MainWindow::onSettings()
{
    auto *dialog = new SettingsDialog(m_settings, m_language, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->open();
}

void MainWindow::onImportFinished(const ImportSummary &summary)
{
    if (!m_session->host()->isImporting())
        m_importStatus->finish();
    QString message;
    switch (summary.outcome) {
    case Outcome::Finished:
        message = tr("Imported %1 records in %2").arg(Format::count(summary.records), Format::elapsed(summary.elapsedMs));
        break;
    case Outcome::Cancelled:
        message = tr("Import cancelled after %1 records; they are kept").arg(Format::count(summary.records));
        break;
    case Outcome::Failed: message = tr("Import failed: %1").arg(summary.error); break;
    }
    if (!summary.notes.isEmpty()) { // a file read before: continued, or nothing new
        const QString more = summary.notes.size() > 1
                                 ? u"  ·  " + tr("%n more in View → Import log", nullptr, int(summary.notes.size() - 1))
                                 : QString();
        // Nothing read at all: the note is the news.
        message = (summary.records == 0 && summary.outcome == Outcome::Finished ? QString() : message + u"  ·  ")
                  + summary.notes.first() + more;
    }
    if (summary.rejected > 0)
        message += u"  ·  " + tr("%1 lines rejected — see View → Import log").arg(Format::count(summary.rejected));
    statusBar()->showMessage(message, 15000);
    m_importDock->addSummary(summary);
    if (summary.rejected > 0 || summary.outcome == Outcome::Failed)
        m_importDock->show();
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    m_demoBar->show();
    m_importDock->hide();
    for (const Page &p : m_pages)
        if (p.widget && p.widget->metaObject()->indexOfMethod("resetLayout()") >= 0)
            QMetaObject::invokeMethod(p.widget, "resetLayout", Qt::DirectConnection);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->sync();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_session->retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const auto urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile() && isSupportedFile(url.toLocalFile())) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    const auto urls = event->mimeData()->urls();
    for (const QUrl &url : urls)
        if (url.isLocalFile() && isSupportedFile(url.toLocalFile()))
            files << url.toLocalFile();
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    openFiles(files);
}
