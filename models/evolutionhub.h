#pragma once

#include "enginepublication.h"

#include "evolution/shadowcomparison.h"
#include "evolution/trendseriesdata.h"

#include <QObject>
#include <QString>

#include <memory>
#include <set>
#include <vector>

class QTimer;
namespace Apprentice {
class EvolutionStore;
class MutationLedger;
}

/// The console's proactive evolution on the GUI thread: the mutation ledger (with its avoidance
/// rules, kept in the store's SQLite file), the latest trend analysis and version comparisons from
/// the engine thread, and the proposals they lead to. Diagnoses that propose a mutation and trend
/// warnings are recorded in the ledger as they arrive; the ledger absorbs repeats of an open one.
///
/// A demo session works on a scratch copy: what happens to the ledger there is not saved, and the
/// next session starts again from the file.
class EvolutionHub : public QObject
{
    Q_OBJECT
public:
    explicit EvolutionHub(QObject *parent = nullptr);
    ~EvolutionHub() override;

    Apprentice::MutationLedger *ledger() const { return m_ledger; }

    /// Keeps the ledger in this SQLite file (created and migrated when needed) and loads it.
    /// Empty: nothing is kept. On failure the ledger stays as it was and `error` says why.
    bool setDatabase(const QString &path, QString *error = nullptr);
    QString database() const { return m_path; }
    /// On: changes are not written (the demo). Turning it off reloads the file.
    void setScratch(bool scratch);
    bool isScratch() const { return m_scratch; }
    /// Writes pending changes now (also done shortly after every change, and on destruction).
    bool save(QString *error = nullptr);

    /// A new session: the analyses are cleared and a scratch ledger is reloaded from the file.
    void reset();
    /// Records what a publication proposes and takes its trends and comparisons.
    void addPublication(const EnginePublication &publication);
    /// The operator marked a drift for evolution: its diagnosis's mutation, or a generic one.
    qint64 proposeForDrift(const Apprentice::Event &drift, const InvestigationRecord *investigation, const QString &who);

    /// Every trend series of the latest analysis, most severe first (never null).
    std::shared_ptr<const std::vector<Apprentice::TrendSeriesData>> trends() const { return m_trends; }
    /// The newest version of each multi-version workflow against its baseline (never null).
    std::shared_ptr<const std::vector<Apprentice::ShadowComparison>> comparisons() const { return m_comparisons; }
    /// Significant adverse trends in the latest analysis.
    int warningCount() const;
    QString lastError() const { return m_error; }

signals:
    void trendsChanged();
    void comparisonsChanged();
    /// A mutation was proposed from a diagnosis or a trend (not by the operator on the page).
    void mutationProposed(qint64 id, const QString &summary);
    void saveFailed(const QString &error);

private:
    void scheduleSave();
    bool reload(QString *error);

    Apprentice::MutationLedger *m_ledger = nullptr;
    std::unique_ptr<Apprentice::EvolutionStore> m_store;
    QString m_path;
    bool m_scratch = false;
    bool m_loading = false;
    QTimer *m_saveTimer = nullptr;
    QString m_error;
    std::set<qint64> m_proposedDrifts; // investigations already turned into proposals
    std::shared_ptr<const std::vector<Apprentice::TrendSeriesData>> m_trends;
    std::shared_ptr<const std::vector<Apprentice::ShadowComparison>> m_comparisons;
};
