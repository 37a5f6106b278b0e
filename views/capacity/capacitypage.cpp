#include "capacitypage.h"

#include <QChartView>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

#include "capacitychangespanel.h"
#include "capacitycharts.h"
#include "capacityparameterpanel.h"
#include "capacitysettings.h"
#include "capacity/capacitychecks.h"
#include "capacity/capacitynetwork.h"

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

QString orders(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("∞");
    return QLocale().toString(v, 'f', 0);
}

QString duration(double ms)
{
    if (!std::isfinite(ms))
        return CapacityPage::tr("unbounded");
    if (ms >= 3.6e6)
        return CapacityPage::tr("%1 h").arg(QLocale().toString(ms / 3.6e6, 'f', 1));
    if (ms >= 60000)
        return CapacityPage::tr("%1 min").arg(QLocale().toString(ms / 60000, 'f', 1));
    if (ms >= 1000)
        return CapacityPage::tr("%1 s").arg(QLocale().toString(ms / 1000, 'f', 1));
    return CapacityPage::tr("%1 ms").arg(QLocale().toString(ms, 'f', ms < 10 ? 1 : 0));
}

QString money(double v)
{
    return u"$"_s + QLocale().toString(v, 'f', 2);
}

QTableWidgetItem *cell(const QString &text, bool number = false)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidget *makeTable(int columns, const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, columns, parent);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(22);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setAlternatingRowColors(true);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    return t;
}

bool holds(const CapacityReport &r)
{
    return r.atTarget.meetsThroughput() && r.atTarget.meetsSlo(r.effective.sloLatencyMs) && (!r.fluid || r.fluid->holdsSlo());
}

} // namespace

CapacityPage::CapacityPage(QWidget *parent)
    : QWidget(parent)
    , m_recomputeTimer(new QTimer(this))
    , m_simulationTimer(new QTimer(this))
{
    // One timer coalesces a slider drag into one recompute per ~40 ms tick.
    m_recomputeTimer->setSingleShot(true);
    m_recomputeTimer->setInterval(40);
    connect(m_recomputeTimer, &QTimer::timeout, this, &CapacityPage::recompute);
    // The simulation waits until the operator pauses, so a drag does not start dozens of runs.
    m_simulationTimer->setSingleShot(true);
    m_simulationTimer->setInterval(400);
    connect(m_simulationTimer, &QTimer::timeout, this, &CapacityPage::startSimulation);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(buildToolbar());
    m_banner = new QLabel(this);
    m_banner->setObjectName(u"verdict"_s);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setMargin(8);
    m_banner->setMinimumHeight(56);
    layout->addWidget(m_banner);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_parameters = new CapacityParameterPanel;
    auto *scroll = new QScrollArea(splitter);
    scroll->setWidget(m_parameters);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(330);
    splitter->addWidget(scroll);

    auto *center = new QWidget(splitter);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->setSpacing(6);
    m_charts = new CapacityCharts(center);
    centerLayout->addWidget(m_charts->demandView(), 5);
    auto *row = new QHBoxLayout;
    row->setSpacing(6);
    row->addWidget(m_charts->latencyView(), 1);
    row->addWidget(m_charts->utilisationView(), 1);
    centerLayout->addLayout(row, 4);
    centerLayout->addWidget(buildTabs(), 3);
    splitter->addWidget(center);
    splitter->addWidget(buildRightPanel());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({340, 700, 380});
    layout->addWidget(splitter, 1);

    connect(m_parameters, &CapacityParameterPanel::edited, this, &CapacityPage::onEdited);
    connect(m_changes, &CapacityChangesPanel::edited, this, &CapacityPage::onEdited);
    connect(&m_simulationWatcher, &QFutureWatcher<SimulationJob>::progressValueChanged, this,
            &CapacityPage::onSimulationProgress);
    connect(&m_simulationWatcher, &QFutureWatcher<SimulationJob>::finished, this, &CapacityPage::onSimulationDone);
    connect(&m_solverWatcher, &QFutureWatcher<SolverJob>::finished, this, &CapacityPage::onSolverDone);

    // The last scenario the operator had, or the seed's Black Friday.
    QStringList errors;
    const QByteArray last = CapacitySettings::lastScenario();
    std::optional<CapacityScenario> restored;
    if (!last.isEmpty())
        restored = CapacityScenario::fromJson(last, &errors);
    m_autoSimulate->setChecked(CapacitySettings::autoSimulate());
    setScenario(restored ? *restored : CapacityScenario::blackFriday());
}

CapacityPage::~CapacityPage()
{
    m_simulationWatcher.future().cancel();
    m_solverWatcher.future().cancel();
    m_simulationWatcher.waitForFinished();
    m_solverWatcher.waitForFinished();
}

QWidget *CapacityPage::buildToolbar()
{
    auto *bar = new QWidget(this);
    auto *l = new QHBoxLayout(bar);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(6);
    auto *open = new QPushButton(tr("Open…"), bar);
    auto *save = new QPushButton(tr("Save…"), bar);
    auto *exportButton = new QPushButton(tr("Export report…"), bar);
    auto *reset = new QPushButton(tr("Seed scenario"), bar);
    reset->setToolTip(tr("Load the seed's Black-Friday scenario"));
    m_title = new QLabel(bar);
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSize(f.pointSize() + 1);
    m_title->setFont(f);
    m_simulateButton = new QPushButton(tr("Simulate"), bar);
    m_simulateButton->setObjectName(u"simulateButton"_s);
    m_simulateButton->setToolTip(tr("Run the seeded discrete-event simulation now"));
    m_autoSimulate = new QCheckBox(tr("after each change"), bar);
    m_progress = new QProgressBar(bar);
    m_progress->setRange(0, 1000);
    m_progress->setFixedWidth(140);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("simulation %p%"));
    m_cancelButton = new QPushButton(tr("Cancel"), bar);
    m_cancelButton->setObjectName(u"cancelButton"_s);
    m_cancelButton->setEnabled(false);
    auto *keepA = new QPushButton(tr("Keep as A"), bar);
    auto *keepB = new QPushButton(tr("Keep as B"), bar);
    keepA->setToolTip(tr("Remember this what-if for the A/B comparison"));
    keepB->setToolTip(keepA->toolTip());
    for (QWidget *w : std::initializer_list<QWidget *>{open, save, exportButton, reset})
        l->addWidget(w);
    l->addSpacing(12);
    l->addWidget(m_title, 1);
    l->addWidget(m_simulateButton);
    l->addWidget(m_autoSimulate);
    l->addWidget(m_progress);
    l->addWidget(m_cancelButton);
    l->addSpacing(12);
    l->addWidget(keepA);
    l->addWidget(keepB);
    connect(open, &QPushButton::clicked, this, &CapacityPage::onOpen);
    connect(save, &QPushButton::clicked, this, &CapacityPage::onSave);
    connect(exportButton, &QPushButton::clicked, this, &CapacityPage::onExport);
    connect(reset, &QPushButton::clicked, this, [this] { setScenario(CapacityScenario::blackFriday()); });
    connect(m_simulateButton, &QPushButton::clicked, this, &CapacityPage::startSimulation);
    connect(m_cancelButton, &QPushButton::clicked, this, &CapacityPage::cancelSimulation);
    connect(m_autoSimulate, &QCheckBox::toggled, this, [this](bool on) {
        CapacitySettings::setAutoSimulate(on);
        if (on && !isSimulating())
            m_simulationTimer->start();
    });
    connect(keepA, &QPushButton::clicked, this, &CapacityPage::keepAsA);
    connect(keepB, &QPushButton::clicked, this, &CapacityPage::keepAsB);
    return bar;
}

QWidget *CapacityPage::buildTabs()
{
    m_tabs = new QTabWidget(this);
    m_findings = new QTextBrowser(m_tabs);
    m_findings->setObjectName(u"findings"_s);
    m_findings->setOpenLinks(false);
    m_claims = makeTable(3, {tr("Claim"), tr("Model says"), tr("Verdict")}, m_tabs);
    m_claims->setObjectName(u"claims"_s);
    m_stages = makeTable(3, {tr("Stage"), tr("Mean"), tr("p95")}, m_tabs);
    m_stages->setObjectName(u"stages"_s);
    m_comparison = makeTable(4, {tr("At the target"), tr("A"), tr("B"), tr("Now")}, m_tabs);
    m_comparison->setObjectName(u"comparison"_s);
    m_tabs->addTab(m_findings, tr("Findings"));
    m_tabs->addTab(m_claims, tr("Claims checked"));
    m_tabs->addTab(m_stages, tr("Latency by stage"));
    m_tabs->addTab(m_comparison, tr("A/B"));
    return m_tabs;
}

QWidget *CapacityPage::buildRightPanel()
{
    auto *panel = new QWidget(this);
    panel->setMinimumWidth(360);
    auto *l = new QVBoxLayout(panel);
    l->setContentsMargins(0, 0, 0, 0);
    auto *changesBox = new QGroupBox(tr("What-if changes"), panel);
    auto *cl = new QVBoxLayout(changesBox);
    m_changes = new CapacityChangesPanel(changesBox);
    cl->addWidget(m_changes);
    l->addWidget(changesBox);

    auto *solverBox = new QGroupBox(tr("Cheapest change that holds"), panel);
    auto *sl = new QVBoxLayout(solverBox);
    auto *buttons = new QHBoxLayout;
    m_solveButton = new QPushButton(tr("Find plan"), solverBox);
    m_solveButton->setObjectName(u"solveButton"_s);
    m_solveButton->setToolTip(tr("Search the allowed changes for the cheapest combination that meets the target and SLO"));
    m_applyButton = new QPushButton(tr("Apply plan"), solverBox);
    m_applyButton->setObjectName(u"applyButton"_s);
    m_applyButton->setEnabled(false);
    buttons->addWidget(m_solveButton);
    buttons->addWidget(m_applyButton);
    buttons->addStretch();
    m_solverText = new QTextBrowser(solverBox);
    m_solverText->setObjectName(u"solverText"_s);
    m_solverText->setMinimumHeight(120);
    m_solverText->setPlaceholderText(tr("The solver sizes the fleet by Erlang C, checks every hour of the curve and says why "
                                        "each change is needed."));
    sl->addLayout(buttons);
    sl->addWidget(m_solverText, 1);
    l->addWidget(solverBox, 1);
    m_simulationStatus = new QLabel(panel);
    m_simulationStatus->setWordWrap(true);
    m_simulationStatus->setStyleSheet(u"color: palette(dark);"_s);
    l->addWidget(m_simulationStatus);
    m_timing = new QLabel(panel);
    m_timing->setObjectName(u"timing"_s);
    m_timing->setStyleSheet(u"color: palette(dark); font-size: 11px;"_s);
    l->addWidget(m_timing);
    connect(m_solveButton, &QPushButton::clicked, this, &CapacityPage::solve);
    connect(m_applyButton, &QPushButton::clicked, this, &CapacityPage::applyPlan);
    return panel;
}

void CapacityPage::setScenario(const CapacityScenario &scenario)
{
    m_scenario = scenario;
    for (int k = 0; k < ChangeKindCount; ++k)
        m_scenario.change(ChangeKind(k)); // every toggle exists
    m_solverResult.reset();
    m_solverText->clear();
    m_applyButton->setEnabled(false);
    populate();
    recomputeNow();
}

void CapacityPage::populate()
{
    m_updating = true;
    m_parameters->setScenario(m_scenario);
    m_changes->setScenario(m_scenario);
    m_title->setText(m_scenario.name.isEmpty() ? tr("Untitled scenario") : m_scenario.name);
    m_title->setToolTip(m_scenario.description);
    m_updating = false;
}

void CapacityPage::setProfileStages(const std::vector<WorkflowStage> &stages, const QString &workflow)
{
    m_profileWorkflow = workflow;
    m_scenario.stages = stages;
    m_scenario.serviceFromProfile = !stages.empty();
    populate();
    recomputeNow();
}

void CapacityPage::onEdited()
{
    if (m_updating)
        return;
    m_parameters->writeTo(m_scenario);
    m_changes->writeTo(m_scenario);
    m_recomputeTimer->start();
}

void CapacityPage::recomputeNow()
{
    m_recomputeTimer->stop();
    recompute();
}

void CapacityPage::recompute()
{
    QElapsedTimer clock;
    clock.start();
    m_report = CapacityReport::compute(m_scenario);
    updateEffects();
    const double computeMs = double(clock.nsecsElapsed()) / 1e6;
    m_charts->setReport(m_report);
    m_charts->setSimulation(nullptr);
    updateBanner();
    updateTables();
    updateComparison();
    m_lastRecomputeMs = double(clock.nsecsElapsed()) / 1e6;
    m_timing->setText(tr("Recomputed in %1 ms (model %2 ms).")
                          .arg(QLocale().toString(m_lastRecomputeMs, 'f', 1), QLocale().toString(computeMs, 'f', 1)));
    CapacitySettings::setLastScenario(m_scenario.toJsonBytes());
    // The simulation shown belongs to an older scenario now.
    m_simulation.reset();
    if (isSimulating())
        cancelSimulation();
    m_simulationStatus->setText(tr("Simulation: not run for this scenario yet."));
    if (m_autoSimulate->isChecked())
        m_simulationTimer->start();
    emit recomputed();
}

void CapacityPage::updateBanner()
{
    const CapacityAnalysis &a = m_report.atTarget;
    const bool ok = holds(m_report);
    QString headline;
    if (ok) {
        headline = tr("✔ The target holds: %1 orders/h with p95 %2 (SLO %3).")
                       .arg(orders(a.demandPerHour), duration(a.p95LatencyMs), duration(m_report.effective.sloLatencyMs));
    } else if (!a.meetsThroughput()) {
        headline = tr("✘ Breaks: %1 orders/h needed, at most %2 sustainable.")
                       .arg(orders(a.demandPerHour), orders(a.maxThroughputPerHour));
    } else if (!a.meetsSlo(m_report.effective.sloLatencyMs)) {
        headline = tr("✘ Throughput holds, latency does not: p95 %1 at the target (SLO %2).")
                       .arg(duration(a.p95LatencyMs), duration(m_report.effective.sloLatencyMs));
    } else {
        headline = tr("✘ The peak holds but the ramp does not: p95 %1 in hour %2 (SLO %3).")
                       .arg(duration(m_report.fluid->worstP95Ms))
                       .arg(m_report.fluid->firstBreachHour)
                       .arg(duration(m_report.effective.sloLatencyMs));
    }
    const QString colour = ok ? u"#e6f4ea"_s : u"#fce8e6"_s;
    const QString border = ok ? u"#34a853"_s : u"#d93025"_s;
    m_banner->setStyleSheet(u"QLabel#verdict { background: %1; border-left: 5px solid %2; }"_s.arg(colour, border));
    QString detail = m_report.bottleneckText.toHtmlEscaped();
    if (m_report.fluid) {
        const FluidRun &f = *m_report.fluid;
        detail += u"<br>"_s
            + tr("Over %1 h: %2 of %3 orders later than the SLO (%4), peak backlog %5 orders, cost of the changes %6.")
                  .arg(orders(m_report.effective.traffic.horizonHours), orders(f.totalDelayed), orders(f.totalDemand),
                       QLocale().toString(100 * f.delayedShare(), 'f', 1) + u" %"_s, orders(f.peakBacklog), money(m_report.cost))
                  .toHtmlEscaped();
    }
    m_banner->setText(u"<span style='font-size:13pt; font-weight:600'>%1</span><br>%2"_s.arg(headline.toHtmlEscaped(), detail));
}

void CapacityPage::updateTables()
{
    QString html = u"<ul style='margin-left:-20px'>"_s;
    for (const QString &f : m_report.findings)
        html += u"<li>"_s + f.toHtmlEscaped() + u"</li>"_s;
    html += u"</ul>"_s;
    m_findings->setHtml(html);

    m_claims->setRowCount(0);
    for (const ClaimCheck &c : m_report.claims) {
        const int r = m_claims->rowCount();
        m_claims->insertRow(r);
        m_claims->setItem(r, 0, cell(c.claim.text));
        QString actual;
        if (c.claim.metric == u"pool_utilisation" || c.claim.metric == u"primary_load_ratio")
            actual = u"×"_s + QLocale().toString(c.actual, 'f', 2);
        else
            actual = orders(c.actual);
        m_claims->setItem(r, 1, cell(actual, true));
        auto *verdict = cell(c.holds ? tr("✔ holds") : tr("✘ false"));
        verdict->setForeground(c.holds ? QColor(0x1e, 0x8e, 0x3e) : QColor(0xc5, 0x22, 0x1f));
        m_claims->setItem(r, 2, verdict);
    }
    m_tabs->setTabText(1, m_report.claims.empty() ? tr("Claims checked") : tr("Claims checked (%1)").arg(m_report.claims.size()));

    m_stages->setRowCount(0);
    auto addRow = [this](const QString &name, double mean, double p95) {
        const int r = m_stages->rowCount();
        m_stages->insertRow(r);
        m_stages->setItem(r, 0, cell(name));
        m_stages->setItem(r, 1, cell(duration(mean), true));
        m_stages->setItem(r, 2, cell(duration(p95), true));
    };
    for (const StageLatency &s : m_report.atTarget.stages)
        addRow(stageName(s.id), s.meanMs, s.p95Ms);
    addRow(tr("Whole order (p95 of the sum)"), m_report.atTarget.meanLatencyMs, m_report.atTarget.p95LatencyMs);
    if (m_report.effective.serviceFromProfile) {
        for (const WorkflowStage &st : m_report.effective.stages)
            addRow(tr("  tool %1 (profile p50 / p95)").arg(st.name), st.p50Ms, st.p95Ms);
    }
}

void CapacityPage::updateEffects()
{
    // What each toggle would do to the answer, from where the operator stands now.
    QStringList effects, costs;
    CapacityScenario today = m_scenario;
    for (CapacityChange &c : today.changes)
        c.enabled = false;
    const CapacityAnalysis &now = m_report.atTarget;
    for (int k = 0; k < ChangeKindCount; ++k) {
        CapacityScenario flipped = m_scenario;
        CapacityChange &c = flipped.change(ChangeKind(k));
        c.enabled = !c.enabled;
        const CapacityAnalysis a = analyzeCapacity(flipped.effective(), flipped.targetOrdersPerHour);
        QString text = (c.enabled ? tr("With it: ") : tr("Without it: "))
            + tr("max %1 → %2 /h").arg(orders(now.maxThroughputPerHour), orders(a.maxThroughputPerHour));
        if (a.bottleneck != now.bottleneck)
            text += tr(", binds: %1").arg(resourceName(a.bottleneck));
        if (std::isfinite(a.p95LatencyMs) || std::isfinite(now.p95LatencyMs))
            text += tr(", p95 %1").arg(duration(a.p95LatencyMs));
        // Its own cost, as if it were the only change (autoscaling's needs the curve: skip the run here).
        CapacityScenario only = today;
        only.change(ChangeKind(k)).enabled = true;
        double cost = 0;
        if (ChangeKind(k) != ChangeKind::Autoscaling) {
            for (const PlanCostItem &item : planCosts(today, only))
                cost += item.total();
            text += tr(" · %1").arg(money(cost));
        } else {
            for (const PlanCostItem &item : m_report.costs) {
                if (item.kind == ChangeKind::Autoscaling)
                    text += tr(" · %1").arg(money(item.total()));
            }
        }
        effects << text;
        costs << tr("Cost over %1 h: %2").arg(orders(m_scenario.costHours()), money(cost));
    }
    m_changes->setEffects(effects);
    m_changes->setCosts(costs);
}

void CapacityPage::updateComparison()
{
    m_charts->setComparison(m_a ? &*m_a : nullptr, m_b ? &*m_b : nullptr);
    const CapacityReport *cols[] = {m_a ? &*m_a : nullptr, m_b ? &*m_b : nullptr, &m_report};
    struct RowDef {
        QString label;
        std::function<QString(const CapacityReport &)> value;
    };
    const std::vector<RowDef> rows = {
        {tr("Scenario"), [](const CapacityReport &r) { return r.scenario.name; }},
        {tr("Verdict"), [](const CapacityReport &r) { return holds(r) ? tr("holds") : tr("breaks"); }},
        {tr("Max throughput (orders/h)"), [](const CapacityReport &r) { return orders(r.atTarget.maxThroughputPerHour); }},
        {tr("Bottleneck"), [](const CapacityReport &r) { return resourceName(r.atTarget.bottleneck); }},
        {tr("Instances usable / requested"), [](const CapacityReport &r) {
             return u"%1 / %2"_s.arg(r.atTarget.instancesUsable).arg(r.atTarget.instancesRequested);
         }},
        {tr("Connections / pool"), [](const CapacityReport &r) {
             return u"%1 / %2"_s.arg(r.atTarget.connectionsNeeded).arg(r.effective.dbPoolMax);
         }},
        {tr("p95 at the target"), [](const CapacityReport &r) { return duration(r.atTarget.p95LatencyMs); }},
        {tr("Worst hourly p95"), [](const CapacityReport &r) { return r.fluid ? duration(r.fluid->worstP95Ms) : QString(); }},
        {tr("Orders later than the SLO"), [](const CapacityReport &r) { return r.fluid ? orders(r.fluid->totalDelayed) : QString(); }},
        {tr("Peak backlog"), [](const CapacityReport &r) { return r.fluid ? orders(r.fluid->peakBacklog) : QString(); }},
        {tr("Cost of the changes"), [](const CapacityReport &r) { return money(r.cost); }},
    };
    m_comparison->setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r) {
        m_comparison->setItem(r, 0, cell(rows[size_t(r)].label));
        for (int c = 0; c < 3; ++c)
            m_comparison->setItem(r, c + 1, cell(cols[c] ? rows[size_t(r)].value(*cols[c]) : u"—"_s, r > 0));
    }
}

void CapacityPage::keepAsA()
{
    m_a = m_report;
    updateComparison();
    m_tabs->setCurrentWidget(m_comparison);
}

void CapacityPage::keepAsB()
{
    m_b = m_report;
    updateComparison();
    m_tabs->setCurrentWidget(m_comparison);
}

// ---------------------------------------------------------------------------------------------
// Simulation in the background

void CapacityPage::setAutoSimulate(bool on)
{
    m_autoSimulate->setChecked(on);
    if (!on)
        m_simulationTimer->stop();
}

bool CapacityPage::isSimulating() const
{
    return m_simulationWatcher.isRunning();
}

void CapacityPage::startSimulation()
{
    m_simulationTimer->stop();
    // Supersede: the old run is told to stop and its result will not be looked at.
    m_simulationWatcher.future().cancel();
    const int generation = ++m_simulationGeneration;
    const CapacityScenario effective = m_report.effective;
    SimulationOptions options;
    options.seed = effective.simulationSeed;
    QFuture<SimulationJob> future = QtConcurrent::run(
        [](QPromise<SimulationJob> &promise, CapacityScenario s, SimulationOptions o, int gen) {
            promise.setProgressRange(0, 1000);
            SimulationJob job;
            job.generation = gen;
            job.result = runCapacitySimulation(s, o, [&promise](double f) {
                promise.setProgressValue(int(f * 1000));
                return !promise.isCanceled();
            });
            promise.addResult(std::move(job));
        },
        effective, options, generation);
    m_simulationWatcher.setFuture(future);
    m_progress->setValue(0);
    m_progress->setRange(0, 0); // busy until the first report
    m_cancelButton->setEnabled(true);
    m_simulationStatus->setText(tr("Simulating %1 h of traffic (seed %2)…")
                                    .arg(orders(effective.traffic.horizonHours))
                                    .arg(effective.simulationSeed));
}

void CapacityPage::cancelSimulation()
{
    m_simulationTimer->stop();
    if (!m_simulationWatcher.isRunning())
        return;
    m_simulationWatcher.future().cancel();
    ++m_simulationGeneration; // whatever arrives now is stale
    m_cancelButton->setEnabled(false);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_simulationStatus->setText(tr("Simulation cancelled."));
}

void CapacityPage::onSimulationProgress(int value)
{
    if (m_progress->maximum() == 0)
        m_progress->setRange(0, 1000);
    m_progress->setValue(value);
}

void CapacityPage::onSimulationDone()
{
    const QFuture<SimulationJob> future = m_simulationWatcher.future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    const SimulationJob job = future.result();
    if (job.generation != m_simulationGeneration)
        return; // superseded
    m_cancelButton->setEnabled(false);
    m_progress->setRange(0, 1000);
    const bool completed = job.result.status == SimulationResult::Status::Finished;
    m_progress->setValue(completed ? 1000 : 0);
    if (!completed) {
        emit simulationFinished(false);
        return;
    }
    m_simulation = job.result;
    m_charts->setSimulation(&*m_simulation);
    QString agreement;
    if (m_report.fluid && !m_report.fluid->hours.empty()) {
        // How far the instant answer is from the simulated one, in served orders over the curve.
        double served = 0;
        for (const SimulationHour &h : m_simulation->hours)
            served += h.served;
        const double diff = m_report.fluid->totalServed > 0 ? served / m_report.fluid->totalServed - 1.0 : 0.0;
        agreement = tr(" Served orders differ from the fluid model by %1 %.").arg(QLocale().toString(100 * diff, 'f', 1));
    }
    m_simulationStatus->setText(tr("Simulation (seed %1): %2 orders in %3 s; p95 %4, %5 later than the SLO.")
                                    .arg(m_report.effective.simulationSeed)
                                    .arg(orders(double(m_simulation->orders)),
                                         QLocale().toString(m_simulation->wallMs / 1000, 'f', 1),
                                         duration(m_simulation->p95LatencyMs), orders(m_simulation->totalDelayed))
                                + agreement);
    if (m_simulation->unfinished > 0) {
        m_simulationStatus->setText(m_simulationStatus->text() + u' '
                                    + tr("%1 orders were still queued when the run stopped %2 h after the horizon: "
                                         "their latencies count as lower bounds.")
                                          .arg(orders(double(m_simulation->unfinished)),
                                               orders(m_simulation->simulatedHours - m_report.effective.traffic.horizonHours)));
    }
    emit simulationFinished(true);
}

// ---------------------------------------------------------------------------------------------
// Solver

bool CapacityPage::isSolving() const
{
    return m_solverWatcher.isRunning();
}

void CapacityPage::solve()
{
    m_solverWatcher.future().cancel();
    const int generation = ++m_solverGeneration;
    QFuture<SolverJob> future = QtConcurrent::run(
        [](QPromise<SolverJob> &promise, CapacityScenario s, int gen) {
            SolverJob job;
            job.generation = gen;
            job.result = solveCapacity(s, [&promise] { return promise.isCanceled(); });
            promise.addResult(std::move(job));
        },
        m_scenario, generation);
    m_solverWatcher.setFuture(future);
    m_solveButton->setEnabled(false);
    m_solverText->setPlainText(tr("Searching…"));
}

void CapacityPage::onSolverDone()
{
    m_solveButton->setEnabled(true);
    const QFuture<SolverJob> future = m_solverWatcher.future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    const SolverJob job = future.result();
    if (job.generation != m_solverGeneration)
        return;
    m_solverResult = job.result;
    showSolverResult();
    m_applyButton->setEnabled(m_solverResult->found);
    emit solverFinished(m_solverResult->found);
}

void CapacityPage::applyPlan()
{
    if (!m_solverResult || !m_solverResult->found)
        return;
    // Keep the operator's base numbers; take the plan's toggles and values.
    CapacityScenario next = m_scenario;
    next.changes = m_solverResult->best.scenario.changes;
    const SolverResult kept = *m_solverResult;
    setScenario(next);
    m_solverResult = kept;
    showSolverResult(tr("Applied: the what-if now is the plan."));
}

void CapacityPage::showSolverResult(const QString &footer)
{
    QString html;
    for (const QString &line : m_solverResult->explanation) {
        html += (line.startsWith(u"•") ? u"<p style='margin:2px 0 2px 12px'>"_s : u"<p style='margin:4px 0'>"_s)
            + line.toHtmlEscaped() + u"</p>"_s;
    }
    if (!footer.isEmpty())
        html += u"<p><b>"_s + footer.toHtmlEscaped() + u"</b></p>"_s;
    m_solverText->setHtml(html);
}

// ---------------------------------------------------------------------------------------------
// Files

bool CapacityPage::loadScenario(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    QStringList errors;
    const auto s = CapacityScenario::fromJson(f.readAll(), &errors);
    if (!s) {
        if (error)
            *error = errors.join(u'\n');
        return false;
    }
    setScenario(*s);
    return true;
}

bool CapacityPage::saveScenario(const QString &path, QString *error) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    const QByteArray bytes = m_scenario.toJsonBytes();
    if (f.write(bytes) != bytes.size()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

bool CapacityPage::exportReport(const QString &directory, QString *error)
{
    QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory)) {
        if (error)
            *error = tr("Cannot create %1").arg(directory);
        return false;
    }
    if (m_recomputeTimer->isActive())
        recomputeNow();
    const QStringList images = m_charts->saveImages(directory);
    const QString md = capacityReportMarkdown(m_report, m_simulation ? &*m_simulation : nullptr,
                                              m_solverResult ? &*m_solverResult : nullptr, images,
                                              m_a ? &*m_a : nullptr, m_b ? &*m_b : nullptr);
    QFile report(dir.filePath(u"report.md"_s));
    if (!report.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = report.errorString();
        return false;
    }
    report.write(md.toUtf8());
    return saveScenario(dir.filePath(u"scenario.json"_s), error);
}

void CapacityPage::onOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), CapacitySettings::lastDirectory(),
                                                      tr("Scenarios (*.json)"));
    if (path.isEmpty())
        return;
    CapacitySettings::setLastDirectory(QFileInfo(path).absolutePath());
    QString error;
    if (!loadScenario(path, &error))
        QMessageBox::warning(this, tr("Open scenario"), tr("%1 is not a valid scenario:\n%2").arg(path, error));
}

void CapacityPage::onSave()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save scenario"), CapacitySettings::lastDirectory(),
                                                      tr("Scenarios (*.json)"));
    if (path.isEmpty())
        return;
    CapacitySettings::setLastDirectory(QFileInfo(path).absolutePath());
    QString error;
    if (!saveScenario(path, &error))
        QMessageBox::warning(this, tr("Save scenario"), error);
}

void CapacityPage::onExport()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export report into"), CapacitySettings::lastDirectory());
    if (dir.isEmpty())
        return;
    CapacitySettings::setLastDirectory(dir);
    QString error;
    if (!exportReport(dir, &error))
        QMessageBox::warning(this, tr("Export report"), error);
}
