#pragma once

#include <QWidget>

class ConsoleSession;
class QComboBox;
class QLabel;
class ShadowComparisonWidget;

namespace Apprentice {
struct ShadowComparison;
}

/// Versions side by side: when records of a new version of a workflow (say 1.1.0 beside 1.0.0)
/// arrive, its profile is compared with the current one tool by tool — tests, effect sizes, error
/// rates — with a recommendation to promote or roll back. The newest version against its baseline
/// is chosen by default; any two versions can be picked. Comparisons run on the engine thread and
/// refresh as records arrive.
class VersionsPage : public QWidget
{
    Q_OBJECT
public:
    explicit VersionsPage(ConsoleSession *session, QWidget *parent = nullptr);

    /// Picks a pair (false when the workflow or a version is unknown) and asks for its comparison.
    bool selectPair(const QString &workflow, const QString &baseline, const QString &candidate);

    QComboBox *workflowBox() const { return m_workflow; }
    QComboBox *baselineBox() const { return m_baseline; }
    QComboBox *candidateBox() const { return m_candidate; }
    ShadowComparisonWidget *comparisonWidget() const { return m_comparison; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void refreshCatalog();
    void refreshVersions();
    void request();
    void onComparison(const Apprentice::ShadowComparison &comparison);
    void onDefaultsChanged();
    void retranslate();
    void showEmpty();

    ConsoleSession *m_session;
    QLabel *m_intro = nullptr;
    QLabel *m_workflowLabel = nullptr;
    QLabel *m_baselineLabel = nullptr;
    QLabel *m_candidateLabel = nullptr;
    QComboBox *m_workflow = nullptr;
    QComboBox *m_baseline = nullptr;
    QComboBox *m_candidate = nullptr;
    ShadowComparisonWidget *m_comparison = nullptr;
    bool m_userPicked = false; // the operator chose a pair: defaults no longer move it
    bool m_updating = false;
};
