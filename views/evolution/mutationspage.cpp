#include "mutationspage.h"

#include "evolution/mutationledger.h"
#include "evolution/shadowcomparator.h"
#include "shadowcomparisonwidget.h"

#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Apprentice;

namespace {

constexpr int IdRole = Qt::UserRole + 1;

QString when(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QColor stateColor(MutationState s)
{
    switch (s) {
    case MutationState::Proposed: return QColor(0x42, 0x42, 0x42);
    case MutationState::Shadow: return QColor(0x15, 0x65, 0xc0);
    case MutationState::Promoted: return QColor(0x2e, 0x7d, 0x32);
    case MutationState::RolledBack: return QColor(0xc6, 0x28, 0x28);
    case MutationState::Rejected: return QColor(0x9e, 0x9e, 0x9e);
    }
    return {};
}

QString stateText(MutationState s)
{
    switch (s) {
    case MutationState::Proposed: return MutationsPage::tr("proposed");
    case MutationState::Shadow: return MutationsPage::tr("shadow");
    case MutationState::Promoted: return MutationsPage::tr("promoted");
    case MutationState::RolledBack: return MutationsPage::tr("rolled back");
    case MutationState::Rejected: return MutationsPage::tr("rejected");
    }
    return {};
}

/// 1.0.0 → 1.1.0: the usual name of a candidate carrying one mutation.
QString nextMinor(const QString &version)
{
    QStringList parts = version.split(u'.');
    bool ok = false;
    const int minor = parts.size() >= 2 ? parts[1].toInt(&ok) : 0;
    if (!ok)
        return version.isEmpty() ? QString() : version + QStringLiteral("-candidate");
    parts[1] = QString::number(minor + 1);
    for (int i = 2; i < parts.size(); ++i)
        parts[i] = QStringLiteral("0");
    return parts.join(u'.');
}

QString bulletList(const QStringList &items)
{
    QString html = QStringLiteral("<ul style=\"margin-left: -20px\">");
    for (const QString &i : items)
        html += QStringLiteral("<li>%1</li>").arg(i.toHtmlEscaped());
    return html + QStringLiteral("</ul>");
}

} // namespace

MutationsPage::MutationsPage(QWidget *parent)
    : QWidget(parent)
{
    auto *heading = new QLabel(tr("Mutation ledger"), this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    heading->setFont(headingFont);

    m_table = new QTreeWidget(this);
    m_table->setColumnCount(ColumnCount);
    m_table->setHeaderLabels({tr("#"), tr("Workflow"), tr("Tool"), tr("Kind"), tr("State"), tr("Source"), tr("Candidate"),
                              tr("Avoidance rule"), tr("Updated")});
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->header()->setStretchLastSection(false);
    for (int c = 0; c < ColumnCount; ++c)
        m_table->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(ColSource, QHeaderView::Stretch);

    // Details tab: what, why, the rule it repeats, the next steps, and the audit trail.
    auto *details = new QWidget(this);
    m_title = new QLabel(details);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_flag = new QLabel(details);
    m_flag->setWordWrap(true);
    m_flag->setTextFormat(Qt::RichText);
    m_flag->setStyleSheet(QStringLiteral("background: #fff3e0; color: #8a3b00; border: 1px solid #ef6c00;"
                                         " border-radius: 4px; padding: 6px"));
    m_flag->setVisible(false);
    m_description = new QLabel(details);
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_evidence = new QLabel(details);
    m_evidence->setWordWrap(true);
    m_evidence->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_who = new QLineEdit(details);
    m_who->setPlaceholderText(tr("your name"));
    m_why = new QLineEdit(details);
    m_why->setPlaceholderText(tr("why (kept in the audit trail)"));
    m_candidate = new QLineEdit(details);
    m_candidate->setPlaceholderText(tr("e.g. 1.1.0"));
    m_broke = new QLineEdit(details);
    m_broke->setPlaceholderText(tr("for a rollback: what it broke (becomes an avoidance rule)"));
    auto *form = new QGridLayout;
    form->addWidget(new QLabel(tr("Operator"), details), 0, 0);
    form->addWidget(m_who, 0, 1);
    form->addWidget(new QLabel(tr("Candidate version"), details), 0, 2);
    form->addWidget(m_candidate, 0, 3);
    form->addWidget(new QLabel(tr("Reason"), details), 1, 0);
    form->addWidget(m_why, 1, 1, 1, 3);
    form->addWidget(new QLabel(tr("What it broke"), details), 2, 0);
    form->addWidget(m_broke, 2, 1, 1, 3);
    form->setColumnStretch(1, 1);
    form->setColumnStretch(3, 1);

    m_shadow = new QPushButton(tr("Start shadow"), details);
    m_promote = new QPushButton(tr("Promote"), details);
    m_rollBack = new QPushButton(tr("Roll back"), details);
    m_reject = new QPushButton(tr("Reject"), details);
    m_shadow->setToolTip(tr("Run the candidate version beside the current one and compare them"));
    m_rollBack->setToolTip(tr("Undo the mutation; it becomes an avoidance rule every workflow inherits"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_shadow, m_promote, m_rollBack, m_reject})
        buttons->addWidget(b);
    buttons->addStretch(1);
    m_status = new QLabel(details);
    m_status->setWordWrap(true);

    m_history = new QTreeWidget(details);
    m_history->setColumnCount(HistColumnCount);
    m_history->setHeaderLabels({tr("When (UTC)"), tr("Who"), tr("Step"), tr("Why")});
    m_history->setRootIsDecorated(false);
    m_history->setItemsExpandable(false);
    m_history->setIndentation(14);
    m_history->header()->setStretchLastSection(true);
    for (int c : {int(HistWhen), int(HistWho), int(HistStep)})
        m_history->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);

    auto *left = new QVBoxLayout;
    left->addWidget(m_title);
    left->addWidget(m_flag);
    left->addWidget(m_description);
    left->addWidget(m_evidence);
    left->addSpacing(6);
    left->addLayout(form);
    left->addLayout(buttons);
    left->addWidget(m_status);
    left->addStretch(1);
    auto *right = new QVBoxLayout;
    auto *trailLabel = new QLabel(tr("Audit trail"), details);
    QFont trailFont = trailLabel->font();
    trailFont.setBold(true);
    trailLabel->setFont(trailFont);
    right->addWidget(trailLabel);
    right->addWidget(m_history, 1);
    auto *detailsLayout = new QHBoxLayout(details);
    detailsLayout->addLayout(left, 5);
    detailsLayout->addSpacing(8);
    detailsLayout->addLayout(right, 6);

    // Comparison tab.
    m_comparison = new ShadowComparisonWidget(this);

    // Rules tab.
    auto *rulesPage = new QWidget(this);
    m_rules = new QTreeWidget(rulesPage);
    m_rules->setColumnCount(RuleColumnCount);
    m_rules->setHeaderLabels({tr("#"), tr("Kind"), tr("Tool pattern"), tr("Workflow pattern"), tr("What it broke"),
                              tr("Learned from"), tr("Created")});
    m_rules->setRootIsDecorated(false);
    m_rules->setAlternatingRowColors(true);
    m_rules->header()->setStretchLastSection(false);
    for (int c = 0; c < RuleColumnCount; ++c)
        m_rules->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_rules->header()->setSectionResizeMode(RuleBroke, QHeaderView::Stretch);
    m_importRules = new QPushButton(tr("Import…"), rulesPage);
    m_exportRules = new QPushButton(tr("Export…"), rulesPage);
    m_removeRule = new QPushButton(tr("Remove"), rulesPage);
    m_importRules->setToolTip(tr("Add the avoidance rules another team exported (JSON)"));
    m_exportRules->setToolTip(tr("Save every avoidance rule as JSON to share"));
    auto *ruleButtons = new QHBoxLayout;
    ruleButtons->addWidget(new QLabel(tr("A rolled-back mutation becomes a rule; proposals repeating it in any workflow are flagged."), rulesPage), 1);
    ruleButtons->addWidget(m_importRules);
    ruleButtons->addWidget(m_exportRules);
    ruleButtons->addWidget(m_removeRule);
    auto *rulesLayout = new QVBoxLayout(rulesPage);
    rulesLayout->addWidget(m_rules, 1);
    rulesLayout->addLayout(ruleButtons);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(details, tr("Details"));
    m_tabs->addTab(m_comparison, tr("Shadow comparison"));
    m_tabs->addTab(rulesPage, tr("Avoidance rules"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(splitter, 1);

    connect(m_table, &QTreeWidget::currentItemChanged, this, [this] { showCurrent(); });
    connect(m_rules, &QTreeWidget::currentItemChanged, this, [this] { updateButtons(); });
    connect(m_shadow, &QPushButton::clicked, this, &MutationsPage::onShadowClicked);
    connect(m_promote, &QPushButton::clicked, this, &MutationsPage::onPromoteClicked);
    connect(m_rollBack, &QPushButton::clicked, this, &MutationsPage::onRollBackClicked);
    connect(m_reject, &QPushButton::clicked, this, &MutationsPage::onRejectClicked);
    connect(m_importRules, &QPushButton::clicked, this, &MutationsPage::onImportClicked);
    connect(m_exportRules, &QPushButton::clicked, this, &MutationsPage::onExportClicked);
    connect(m_removeRule, &QPushButton::clicked, this, &MutationsPage::onRemoveRuleClicked);
    rebuild();
}

void MutationsPage::setLedger(MutationLedger *ledger)
{
    if (m_ledger)
        disconnect(m_ledger, nullptr, this, nullptr);
    m_ledger = ledger;
    if (m_ledger) {
        connect(m_ledger, &MutationLedger::mutationAdded, this, &MutationsPage::rebuild);
        connect(m_ledger, &MutationLedger::mutationChanged, this, &MutationsPage::rebuild);
        connect(m_ledger, &MutationLedger::rulesChanged, this, &MutationsPage::rebuild);
        connect(m_ledger, &MutationLedger::ledgerReset, this, &MutationsPage::rebuild);
        connect(m_ledger, &QObject::destroyed, this, [this] {
            m_ledger = nullptr;
            rebuild();
        });
    }
    rebuild();
}

void MutationsPage::setComparator(const ShadowComparator *comparator)
{
    m_comparator = comparator;
    requestComparison();
}

void MutationsPage::setComparison(const ShadowComparison &comparison)
{
    m_comparison->setComparison(comparison);
    // A rollback names what broke: the regressions, unless the operator already wrote something.
    const Mutation *m = m_ledger ? m_ledger->mutation(currentMutation()) : nullptr;
    if (m && comparison.recommendation == ShadowRecommendation::RollBack && m_broke->text().isEmpty()
        && comparison.workflow == m->workflow && comparison.candidate == m->candidateVersion) {
        QStringList regressions;
        for (const ToolComparison &t : comparison.tools) {
            for (const MetricComparison &mc : t.metrics) {
                if (mc.verdict == ShadowVerdict::Regression)
                    regressions << t.tool + u' ' + mc.reason;
            }
            if (t.errorVerdict == ShadowVerdict::Regression)
                regressions << t.tool + u' ' + t.errorReason;
        }
        m_broke->setText(regressions.join(QStringLiteral("; ")));
    }
    updateButtons();
}

void MutationsPage::setOperator(const QString &name)
{
    m_who->setText(name);
}

qint64 MutationsPage::currentMutation() const
{
    const QTreeWidgetItem *item = m_table->currentItem();
    return item ? item->data(ColId, IdRole).toLongLong() : 0;
}

bool MutationsPage::selectMutation(qint64 id)
{
    for (int i = 0; i < m_table->topLevelItemCount(); ++i) {
        if (m_table->topLevelItem(i)->data(ColId, IdRole).toLongLong() == id) {
            m_table->setCurrentItem(m_table->topLevelItem(i));
            return true;
        }
    }
    return false;
}

void MutationsPage::rebuild()
{
    const qint64 selected = currentMutation();
    {
        const QSignalBlocker blocker(m_table);
        m_table->clear();
        if (m_ledger) {
            // Newest first: what needs a decision is at the top.
            const std::vector<Mutation> &all = m_ledger->mutations();
            for (auto it = all.rbegin(); it != all.rend(); ++it) {
                const Mutation &m = *it;
                auto *item = new QTreeWidgetItem(m_table);
                item->setData(ColId, IdRole, m.id);
                item->setText(ColId, QString::number(m.id));
                item->setText(ColWorkflow, m.workflow + u' ' + m.baseVersion);
                item->setText(ColTool, m.tool.isEmpty() ? tr("(whole workflow)") : m.tool);
                item->setText(ColKind, m.kindLabel());
                item->setText(ColState, stateText(m.state));
                item->setForeground(ColState, stateColor(m.state));
                item->setText(ColSource, m.sourceRef.isEmpty() ? mutationSourceName(m.source) : m.sourceRef);
                item->setText(ColCandidate, m.candidateVersion);
                const auto rules = m_ledger->matchingRules(m);
                if (!rules.empty()) {
                    QStringList ids;
                    for (const AvoidanceRule *r : rules)
                        ids << u'#' + QString::number(r->id);
                    item->setText(ColRule, u"⚠ " + ids.join(QStringLiteral(", ")));
                    item->setForeground(ColRule, m.isOpen() ? QColor(0xc6, 0x28, 0x28) : QColor(0x9e, 0x9e, 0x9e));
                    item->setToolTip(ColRule, rules.front()->scope() + QStringLiteral(" broke ") + rules.front()->broke);
                }
                if (m.ruleId > 0 && rules.empty())
                    item->setText(ColRule, tr("became #%1").arg(m.ruleId));
                item->setText(ColUpdated, when(m.updatedMs));
                if (m.id == selected)
                    m_table->setCurrentItem(item);
            }
        }
        if (!m_table->currentItem() && m_table->topLevelItemCount() > 0)
            m_table->setCurrentItem(m_table->topLevelItem(0));
    }
    rebuildRules();
    showCurrent();
}

void MutationsPage::rebuildRules()
{
    const qint64 selected = m_rules->currentItem() ? m_rules->currentItem()->data(RuleId, IdRole).toLongLong() : 0;
    const QSignalBlocker blocker(m_rules);
    m_rules->clear();
    int count = 0;
    if (m_ledger) {
        for (const AvoidanceRule &r : m_ledger->ruleBook().rules()) {
            auto *item = new QTreeWidgetItem(m_rules);
            item->setData(RuleId, IdRole, r.id);
            item->setText(RuleId, QString::number(r.id));
            item->setText(RuleKind, r.kind == MutationKind::Custom && !r.customKind.isEmpty() ? u"custom:" + r.customKind
                                                                                               : mutationKindName(r.kind));
            item->setText(RuleTool, r.toolPattern);
            item->setText(RuleWorkflow, r.workflowPattern);
            item->setText(RuleBroke, r.broke);
            item->setToolTip(RuleBroke, r.reason.isEmpty() ? r.broke : r.broke + u'\n' + tr("Why: %1").arg(r.reason));
            item->setText(RuleSource, r.sourceWorkflow.isEmpty() ? tr("imported")
                                                                 : QStringLiteral("%1 %2 (#%3)").arg(r.sourceWorkflow, r.sourceVersion)
                                                                       .arg(r.sourceMutation));
            item->setText(RuleCreated, r.createdBy.isEmpty() ? when(r.createdMs) : tr("%1 by %2").arg(when(r.createdMs), r.createdBy));
            if (r.id == selected)
                m_rules->setCurrentItem(item);
            ++count;
        }
    }
    m_tabs->setTabText(2, count ? tr("Avoidance rules (%1)").arg(count) : tr("Avoidance rules"));
}

void MutationsPage::showCurrent()
{
    const Mutation *m = m_ledger ? m_ledger->mutation(currentMutation()) : nullptr;
    m_history->clear();
    if (!m) {
        m_shownId = 0;
        m_title->setText(m_ledger && !m_ledger->mutations().empty() ? tr("Select a mutation")
                                                                     : tr("No mutation proposed yet: diagnoses and trend warnings propose them"));
        m_flag->setVisible(false);
        m_description->clear();
        m_evidence->clear();
        m_comparison->clear();
        updateButtons();
        return;
    }
    m_title->setText(tr("#%1 %2 on %3 — %4 %5 · %6")
                         .arg(m->id)
                         .arg(m->kindLabel(), m->tool.isEmpty() ? tr("the whole workflow") : m->tool, m->workflow, m->baseVersion,
                              stateText(m->state)));
    const auto rules = m_ledger->matchingRules(*m);
    if (!rules.empty()) {
        QString html = tr("<b>⚠ Repeats a mutation that broke something before.</b>");
        for (const AvoidanceRule *r : rules) {
            const QString origin = r->sourceWorkflow.isEmpty() ? tr("an imported rule")
                                                               : tr("learned from %1 %2").arg(r->sourceWorkflow, r->sourceVersion);
            html += QStringLiteral("<br>") + tr("Rule #%1: %2 broke <i>%3</i> (%4)")
                                                 .arg(r->id)
                                                 .arg(r->scope().toHtmlEscaped(), r->broke.toHtmlEscaped(), origin.toHtmlEscaped());
        }
        m_flag->setText(html);
    }
    m_flag->setVisible(!rules.empty());
    QString description = tr("<b>What:</b> %1").arg(m->description.isEmpty() ? tr("(no description)") : m->description.toHtmlEscaped());
    if (!m->expectedEffect.isEmpty())
        description += QStringLiteral("<br>") + tr("<b>Expected:</b> %1").arg(m->expectedEffect.toHtmlEscaped());
    description += QStringLiteral("<br>") + tr("<b>Source:</b> %1").arg((m->sourceRef.isEmpty() ? mutationSourceName(m->source) : m->sourceRef).toHtmlEscaped());
    if (!m->eventIds.isEmpty()) {
        QStringList ids;
        for (qint64 id : m->eventIds)
            ids << u'#' + QString::number(id);
        description += tr(" (events %1)").arg(ids.join(QStringLiteral(", ")));
    }
    m_description->setText(description);
    m_evidence->setText(m->evidence.isEmpty() ? QString() : tr("<b>Evidence</b>") + bulletList(m->evidence));

    for (const MutationTransition &t : m->history) {
        auto *item = new QTreeWidgetItem(m_history);
        item->setText(HistWhen, when(t.atMs));
        item->setText(HistWho, t.who);
        item->setText(HistStep, t.initial         ? stateText(t.to)
                                : t.from == t.to ? tr("note")
                                                 : QStringLiteral("%1 → %2").arg(stateText(t.from), stateText(t.to)));
        item->setForeground(HistStep, stateColor(t.to));
        item->setText(HistWhy, t.why);
        item->setToolTip(HistWhy, t.why);
        for (const QString &e : t.evidence) {
            auto *line = new QTreeWidgetItem(item);
            line->setText(HistWhen, u"↳ " + e);
            line->setToolTip(HistWhen, e);
            line->setForeground(HistWhen, QColor(0x55, 0x55, 0x55));
            line->setFirstColumnSpanned(true);
        }
    }
    m_history->expandAll();

    // A newly selected mutation gets fresh fields; a refresh of the same one keeps what was typed.
    if (m->id != m_shownId || m->state != MutationState::Proposed)
        m_candidate->setText(m->state == MutationState::Proposed ? nextMinor(m->baseVersion) : m->candidateVersion);
    if (m->id != m_shownId || (m->state != MutationState::Shadow && m->state != MutationState::Promoted))
        m_broke->clear();
    m_shownId = m->id;
    requestComparison();
    updateButtons();
}

void MutationsPage::updateButtons()
{
    const Mutation *m = m_ledger ? m_ledger->mutation(currentMutation()) : nullptr;
    const auto can = [&](MutationState to) { return m && MutationLedger::canTransition(m->state, to); };
    m_shadow->setEnabled(can(MutationState::Shadow));
    m_promote->setEnabled(can(MutationState::Promoted));
    m_rollBack->setEnabled(can(MutationState::RolledBack));
    m_reject->setEnabled(can(MutationState::Rejected));
    m_candidate->setEnabled(can(MutationState::Shadow));
    m_broke->setEnabled(can(MutationState::RolledBack));
    m_importRules->setEnabled(m_ledger);
    m_exportRules->setEnabled(m_ledger && !m_ledger->ruleBook().rules().empty());
    m_removeRule->setEnabled(m_ledger && m_rules->currentItem());
    // A flagged proposal can still be tried, but the button says so.
    m_shadow->setText(m && m->state == MutationState::Proposed && !m_ledger->matchingRules(*m).empty()
                          ? tr("Start shadow despite rule")
                          : tr("Start shadow"));
    // The comparison's recommendation is the default action.
    const bool about = m && m_comparison->hasComparison() && m_comparison->comparison().workflow == m->workflow
        && m_comparison->comparison().candidate == m->candidateVersion;
    m_promote->setDefault(about && m_comparison->comparison().recommendation == ShadowRecommendation::Promote);
    m_rollBack->setDefault(about && m_comparison->comparison().recommendation == ShadowRecommendation::RollBack);
}

void MutationsPage::requestComparison()
{
    const Mutation *m = m_ledger ? m_ledger->mutation(currentMutation()) : nullptr;
    if (!m || m->candidateVersion.isEmpty()) {
        m_comparison->clear(m ? tr("Mutation #%1 has no candidate version yet").arg(m->id) : QString());
        return;
    }
    if (m_comparator) {
        setComparison(m_comparator->compare(m->workflow, m->baseVersion, m->candidateVersion));
        return;
    }
    if (!m_comparison->hasComparison() || m_comparison->comparison().workflow != m->workflow
        || m_comparison->comparison().candidate != m->candidateVersion)
        m_comparison->clear(tr("Waiting for the comparison of %1 with %2").arg(m->candidateVersion, m->baseVersion));
    emit comparisonWanted(m->workflow, m->baseVersion, m->candidateVersion);
}

QStringList MutationsPage::comparisonEvidence() const
{
    const Mutation *m = m_ledger ? m_ledger->mutation(currentMutation()) : nullptr;
    if (!m || !m_comparison->hasComparison())
        return {};
    const ShadowComparison &c = m_comparison->comparison();
    if (c.workflow != m->workflow || c.candidate != m->candidateVersion)
        return {};
    QStringList evidence{c.summary()};
    for (qsizetype i = 1; i < c.reasons.size(); ++i)
        evidence << c.reasons[i];
    return evidence;
}

void MutationsPage::report(bool ok, const QString &error, const QString &done)
{
    m_status->setStyleSheet(ok ? QStringLiteral("color: #2e7d32") : QStringLiteral("color: #c62828"));
    m_status->setText(ok ? done : error);
    if (ok)
        m_why->clear();
}

void MutationsPage::onShadowClicked()
{
    if (!m_ledger)
        return;
    const qint64 id = currentMutation();
    QString error;
    const bool ok = m_ledger->startShadow(id, m_candidate->text(), m_who->text(), m_why->text(), &error);
    report(ok, error, tr("Mutation #%1 runs in shadow mode as %2").arg(id).arg(m_candidate->text().trimmed()));
}

void MutationsPage::onPromoteClicked()
{
    if (!m_ledger)
        return;
    const qint64 id = currentMutation();
    QString error;
    const bool ok = m_ledger->promote(id, m_who->text(), m_why->text(), comparisonEvidence(), &error);
    report(ok, error, tr("Mutation #%1 promoted").arg(id));
}

void MutationsPage::onRollBackClicked()
{
    if (!m_ledger)
        return;
    const qint64 id = currentMutation();
    QString error;
    const bool ok = m_ledger->rollBack(id, m_who->text(), m_why->text(), m_broke->text(), comparisonEvidence(), &error);
    const Mutation *m = m_ledger->mutation(id);
    report(ok, error, ok ? tr("Mutation #%1 rolled back; avoidance rule #%2 now flags similar proposals").arg(id).arg(m->ruleId) : QString());
}

void MutationsPage::onRejectClicked()
{
    if (!m_ledger)
        return;
    const qint64 id = currentMutation();
    QString error;
    const bool ok = m_ledger->reject(id, m_who->text(), m_why->text(), &error);
    report(ok, error, tr("Mutation #%1 rejected").arg(id));
}

bool MutationsPage::importRules(const QString &path, QString *message)
{
    if (!m_ledger)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (message)
            *message = tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const AvoidanceRuleBook::ImportReport r = m_ledger->importRules(file.readAll());
    if (message) {
        *message = r.ok() ? tr("Imported %1 rule(s) from %2; %3 already known").arg(r.added).arg(path).arg(r.duplicates)
                          : tr("Nothing imported from %1:\n%2").arg(path, r.errors.join(u'\n'));
    }
    return r.ok();
}

bool MutationsPage::exportRules(const QString &path, QString *error) const
{
    if (!m_ledger)
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_ledger->exportRules()) < 0 || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void MutationsPage::onImportClicked()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import avoidance rules"), QString(), tr("JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString message;
    report(importRules(path, &message), message, message);
}

void MutationsPage::onExportClicked()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export avoidance rules"), QStringLiteral("avoidance-rules.json"),
                                                      tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = exportRules(path, &error);
    report(ok, error, tr("Exported %1 rule(s) to %2").arg(m_ledger->ruleBook().rules().size()).arg(path));
}

void MutationsPage::onRemoveRuleClicked()
{
    if (!m_ledger || !m_rules->currentItem())
        return;
    m_ledger->removeRule(m_rules->currentItem()->data(RuleId, IdRole).toLongLong());
}
