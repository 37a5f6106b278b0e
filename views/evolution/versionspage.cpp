#include "versionspage.h"

#include "consolesession.h"
#include "enginehost.h"
#include "evolutionhub.h"
#include "shadowcomparisonwidget.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Apprentice;

VersionsPage::VersionsPage(ConsoleSession *session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_workflowLabel = new QLabel(this);
    m_baselineLabel = new QLabel(this);
    m_candidateLabel = new QLabel(this);
    m_workflow = new QComboBox(this);
    m_workflow->setObjectName(QStringLiteral("versionsWorkflow"));
    m_workflow->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_baseline = new QComboBox(this);
    m_baseline->setObjectName(QStringLiteral("versionsBaseline"));
    m_baseline->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_candidate = new QComboBox(this);
    m_candidate->setObjectName(QStringLiteral("versionsCandidate"));
    m_candidate->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_workflowLabel->setBuddy(m_workflow);
    m_baselineLabel->setBuddy(m_baseline);
    m_candidateLabel->setBuddy(m_candidate);
    m_comparison = new ShadowComparisonWidget(this);

    auto *pickers = new QHBoxLayout;
    pickers->addWidget(m_workflowLabel);
    pickers->addWidget(m_workflow);
    pickers->addSpacing(16);
    pickers->addWidget(m_baselineLabel);
    pickers->addWidget(m_baseline);
    pickers->addSpacing(16);
    pickers->addWidget(m_candidateLabel);
    pickers->addWidget(m_candidate);
    pickers->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(pickers);
    layout->addWidget(m_comparison, 1);

    connect(m_workflow, &QComboBox::currentIndexChanged, this, [this] {
        if (m_updating)
            return;
        m_userPicked = false; // a new workflow starts from its default pair
        refreshVersions();
        onDefaultsChanged();
    });
    const auto picked = [this] {
        if (m_updating)
            return;
        m_userPicked = true;
        request();
    };
    connect(m_baseline, &QComboBox::currentIndexChanged, this, picked);
    connect(m_candidate, &QComboBox::currentIndexChanged, this, picked);
    connect(session, &ConsoleSession::catalogChanged, this, &VersionsPage::refreshCatalog);
    connect(session->evolution(), &EvolutionHub::comparisonsChanged, this, &VersionsPage::onDefaultsChanged);
    connect(session->host(), &EngineHost::comparisonReady, this, &VersionsPage::onComparison);
    connect(session, &ConsoleSession::sessionReset, this, [this] { m_userPicked = false; });

    retranslate();
    refreshCatalog();
}

bool VersionsPage::selectPair(const QString &workflow, const QString &baseline, const QString &candidate)
{
    const int w = m_workflow->findData(workflow);
    if (w < 0)
        return false;
    m_updating = true;
    m_workflow->setCurrentIndex(w);
    refreshVersions();
    const int b = m_baseline->findData(baseline);
    const int c = m_candidate->findData(candidate);
    if (b >= 0)
        m_baseline->setCurrentIndex(b);
    if (c >= 0)
        m_candidate->setCurrentIndex(c);
    m_updating = false;
    if (b < 0 || c < 0)
        return false;
    m_userPicked = true;
    request();
    return true;
}

void VersionsPage::refreshCatalog()
{
    const QString current = m_workflow->currentData().toString();
    QStringList names = m_session->workflowNames();
    names.sort();
    m_updating = true;
    m_workflow->clear();
    for (const QString &name : names)
        m_workflow->addItem(name, name);
    int index = m_workflow->findData(current);
    if (index < 0) {
        // Default to a workflow that has something to compare.
        for (const ShadowComparison &c : *m_session->evolution()->comparisons()) {
            index = m_workflow->findData(c.workflow);
            if (index >= 0)
                break;
        }
    }
    m_workflow->setCurrentIndex(index >= 0 ? index : 0);
    m_updating = false;
    refreshVersions();
    if (m_workflow->currentData().toString() != current)
        m_userPicked = false;
    onDefaultsChanged();
}

void VersionsPage::refreshVersions()
{
    const QString workflow = m_workflow->currentData().toString();
    QStringList versions;
    if (const auto snapshot = m_session->snapshot())
        for (const WorkflowSnapshot &w : snapshot->workflows)
            if (w.workflow == workflow && !versions.contains(w.version))
                versions << w.version;
    const QString baseline = m_baseline->currentData().toString();
    const QString candidate = m_candidate->currentData().toString();
    const bool was = m_updating;
    m_updating = true;
    m_baseline->clear();
    m_candidate->clear();
    for (const QString &v : versions) {
        m_baseline->addItem(v, v);
        m_candidate->addItem(v, v);
    }
    const int b = m_baseline->findData(baseline);
    const int c = m_candidate->findData(candidate);
    m_baseline->setCurrentIndex(b >= 0 ? b : 0);
    m_candidate->setCurrentIndex(c >= 0 ? c : int(versions.size()) - 1);
    m_updating = was;
}

void VersionsPage::onDefaultsChanged()
{
    const QString workflow = m_workflow->currentData().toString();
    if (!m_userPicked) {
        for (const ShadowComparison &c : *m_session->evolution()->comparisons()) {
            if (c.workflow != workflow)
                continue;
            m_updating = true;
            if (m_baseline->findData(c.baseline) < 0 || m_candidate->findData(c.candidate) < 0)
                refreshVersions(); // the versions arrived with this comparison
            m_baseline->setCurrentIndex(m_baseline->findData(c.baseline));
            m_candidate->setCurrentIndex(m_candidate->findData(c.candidate));
            m_updating = false;
            m_comparison->setComparison(c);
            return;
        }
    }
    request();
}

void VersionsPage::request()
{
    const QString workflow = m_workflow->currentData().toString();
    const QString baseline = m_baseline->currentData().toString();
    const QString candidate = m_candidate->currentData().toString();
    if (workflow.isEmpty() || baseline.isEmpty() || candidate.isEmpty() || baseline == candidate) {
        showEmpty();
        return;
    }
    m_session->host()->compareVersions(workflow, baseline, candidate);
}

void VersionsPage::onComparison(const ShadowComparison &comparison)
{
    if (comparison.workflow != m_workflow->currentData().toString()
        || comparison.baseline != m_baseline->currentData().toString()
        || comparison.candidate != m_candidate->currentData().toString())
        return; // an answer for another page or an older choice
    m_comparison->setComparison(comparison);
}

void VersionsPage::showEmpty()
{
    const QString workflow = m_workflow->currentData().toString();
    if (workflow.isEmpty()) {
        m_comparison->clear(tr("No workflow yet. Open a log export, connect a live source or start the demo."));
    } else if (m_baseline->count() < 2) {
        m_comparison->clear(tr("Only version %1 of %2 has been seen. When records of another version arrive "
                               "(for example 1.1.0 running in shadow mode beside it), the two are compared "
                               "here tool by tool.")
                                .arg(m_baseline->currentData().toString(), workflow));
    } else {
        m_comparison->clear(tr("Pick two different versions to compare."));
    }
}

void VersionsPage::retranslate()
{
    m_intro->setText(tr("A new version is judged against the current one on the calls both served over the "
                        "same period: medians and error rates with significance tests and effect sizes, then "
                        "a recommendation to promote it or roll it back."));
    m_workflowLabel->setText(tr("&Workflow"));
    m_baselineLabel->setText(tr("&Baseline"));
    m_candidateLabel->setText(tr("&Candidate"));
    m_workflow->setToolTip(tr("The workflow whose versions are compared"));
    m_baseline->setToolTip(tr("The version in production, the reference"));
    m_candidate->setToolTip(tr("The new version being judged (by default the newest one)"));
    if (!m_comparison->hasComparison())
        showEmpty();
}

void VersionsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
