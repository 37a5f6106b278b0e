#pragma once

#include "capacity/capacityreport.h"
#include "capacity/capacityscenario.h"
#include "capacity/capacitysimulation.h"
#include "capacity/capacitysolver.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class CapacityChangesPanel;
class CapacityCharts;
class CapacityParameterPanel;
class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTextBrowser;
class QTimer;

/// The Black-Friday what-if: parameters on the left, demand/capacity, latency and utilisation
/// in the middle, the what-if toggles and the solver on the right. The state is one
/// CapacityScenario; every edit recomputes the instant (fluid) answer on a short coalescing
/// timer, and the seeded simulation follows in the background (progress, cancel; a superseded
/// run's result is dropped). The last scenario is remembered in QSettings ("capacity").
class CapacityPage : public QWidget
{
    Q_OBJECT
public:
    explicit CapacityPage(QWidget *parent = nullptr);
    ~CapacityPage() override;

    const Apprentice::CapacityScenario &scenario() const { return m_scenario; }
    void setScenario(const Apprentice::CapacityScenario &scenario);
    /// Service times learned for a workflow (its tools' p50/p95); switches the page to them.
    void setProfileStages(const std::vector<Apprentice::WorkflowStage> &stages, const QString &workflow = {});

    bool loadScenario(const QString &path, QString *error = nullptr);
    bool saveScenario(const QString &path, QString *error = nullptr) const;
    /// Writes report.md, scenario.json and the charts as PNG into `directory`.
    bool exportReport(const QString &directory, QString *error = nullptr);

    const Apprentice::CapacityReport &report() const { return m_report; }
    /// Wall time of the last recompute (fluid model, analysis, findings, effects), in ms.
    double lastRecomputeMs() const { return m_lastRecomputeMs; }
    /// Recompute now instead of on the timer (tests, export).
    void recomputeNow();

    void setAutoSimulate(bool on);
    void startSimulation();
    void cancelSimulation();
    bool isSimulating() const;
    const std::optional<Apprentice::SimulationResult> &simulation() const { return m_simulation; }

    void solve();
    bool isSolving() const;
    const std::optional<Apprentice::SolverResult> &solverResult() const { return m_solverResult; }
    /// Takes the solver's plan as the what-if (toggles and values).
    void applyPlan();

    void keepAsA();
    void keepAsB();

    CapacityParameterPanel *parameterPanel() const { return m_parameters; }
    CapacityChangesPanel *changesPanel() const { return m_changes; }
    CapacityCharts *charts() const { return m_charts; }

signals:
    void recomputed();
    void simulationFinished(bool completed);
    void solverFinished(bool found);

private:
    struct SimulationJob {
        int generation = 0;
        Apprentice::SimulationResult result;
    };
    struct SolverJob {
        int generation = 0;
        Apprentice::SolverResult result;
    };

    QWidget *buildToolbar();
    QWidget *buildRightPanel();
    QWidget *buildTabs();
    void onEdited();
    void recompute();
    void updateBanner();
    void updateTables();
    void updateEffects();
    void updateComparison();
    void onSimulationProgress(int value);
    void onSimulationDone();
    void onSolverDone();
    void showSolverResult(const QString &footer = {});
    void onOpen();
    void onSave();
    void onExport();
    void populate();

    Apprentice::CapacityScenario m_scenario;
    Apprentice::CapacityReport m_report;
    double m_lastRecomputeMs = 0;
    std::optional<Apprentice::SimulationResult> m_simulation;
    std::optional<Apprentice::SolverResult> m_solverResult;
    std::optional<Apprentice::CapacityReport> m_a;
    std::optional<Apprentice::CapacityReport> m_b;
    QString m_profileWorkflow;

    CapacityParameterPanel *m_parameters = nullptr;
    CapacityChangesPanel *m_changes = nullptr;
    CapacityCharts *m_charts = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_timing = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTextBrowser *m_findings = nullptr;
    QTableWidget *m_claims = nullptr;
    QTableWidget *m_stages = nullptr;
    QTableWidget *m_comparison = nullptr;
    QTextBrowser *m_solverText = nullptr;
    QPushButton *m_solveButton = nullptr;
    QPushButton *m_applyButton = nullptr;
    QPushButton *m_simulateButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QCheckBox *m_autoSimulate = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_simulationStatus = nullptr;

    QTimer *m_recomputeTimer = nullptr;
    QTimer *m_simulationTimer = nullptr;
    QFutureWatcher<SimulationJob> m_simulationWatcher;
    QFutureWatcher<SolverJob> m_solverWatcher;
    int m_simulationGeneration = 0;
    int m_solverGeneration = 0;
    bool m_updating = false;
};
