#include "investigationview.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

using namespace Apprentice;

namespace {

QString statusColor(DiagnosisStatus s)
{
    switch (s) {
    case DiagnosisStatus::Normal: return QStringLiteral("#2e7d32");
    case DiagnosisStatus::Suspicious: return QStringLiteral("#b26a00");
    case DiagnosisStatus::Broken: return QStringLiteral("#c62828");
    }
    return QStringLiteral("#555555");
}

QString num(double v)
{
    if (std::abs(v) >= 100)
        return QString::number(v, 'f', 0);
    return QString::number(v, 'g', 3);
}

QString usd(double v)
{
    if (v == 0)
        return QStringLiteral("$0");
    return u'$' % QString::number(v, 'f', v < 0.01 ? 5 : 4);
}

/// Requests and responses are "start line, headers, blank line, body"; a JSON body reads better indented.
QString readable(const QString &record)
{
    const qsizetype split = record.indexOf(u"\n\n");
    if (split < 0)
        return record;
    const QString head = record.left(split);
    const QString body = record.mid(split + 2);
    const QJsonDocument doc = QJsonDocument::fromJson(body.toUtf8());
    if (doc.isNull())
        return record;
    return head % u"\n\n" % QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

QLabel *wrapping(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

InvestigationView::InvestigationView(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle = wrapping(this);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);

    // The verdict card.
    auto *card = new QFrame(this);
    card->setObjectName(QStringLiteral("verdictCard"));
    card->setFrameShape(QFrame::StyledPanel);
    m_statusBadge = new QLabel(card);
    m_verdict = new QLabel(card);
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    verdictFont.setPointSizeF(verdictFont.pointSizeF() * 1.1);
    m_verdict->setFont(verdictFont);
    m_meta = new QLabel(card);
    m_meta->setForegroundRole(QPalette::PlaceholderText);
    m_meta->setWordWrap(true); // shares the verdict's line while there is room
    m_meta->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_rootCause = wrapping(card);
    m_evidence = wrapping(card);
    m_evidence->setTextFormat(Qt::RichText);
    m_mutation = wrapping(card);
    m_mutation->setTextFormat(Qt::RichText);

    auto *verdictRow = new QHBoxLayout;
    verdictRow->addWidget(m_statusBadge);
    verdictRow->addWidget(m_verdict);
    verdictRow->addWidget(m_meta, 1);
    auto *cardLayout = new QVBoxLayout(card);
    cardLayout->setSpacing(6);
    cardLayout->addLayout(verdictRow);
    cardLayout->addWidget(m_rootCause);
    cardLayout->addWidget(m_evidence);
    cardLayout->addWidget(m_mutation);

    // What the operator can do about it.
    m_rebase = new QPushButton(tr("Rebase profile"), this);
    m_rebase->setToolTip(tr("Accept the new behaviour as normal and relearn the profile from recent executions"));
    m_evolve = new QPushButton(tr("Record evolution proposal"), this);
    m_evolve->setToolTip(tr("Record the proposed workflow change for review"));
    m_recover = new QPushButton(tr("Record recovery"), this);
    m_recover->setToolTip(tr("Record a recovery action (retry, circuit breaker, fallback) for this tool"));
    connect(m_rebase, &QPushButton::clicked, this, [this] { emit applyRequested(DiagnosisAction::UpdateProfile); });
    connect(m_evolve, &QPushButton::clicked, this, [this] { emit applyRequested(DiagnosisAction::EvolveWorkflow); });
    connect(m_recover, &QPushButton::clicked, this, [this] { emit applyRequested(DiagnosisAction::Recover); });
    m_rerunTier = new QComboBox(this);
    m_rerunTier->setToolTip(tr("Tier to ask again"));
    m_rerunTier->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_rerun = new QPushButton(tr("Re-run"), this);
    m_rerun->setToolTip(tr("Investigate again with only the chosen tier"));
    connect(m_rerun, &QPushButton::clicked, this, [this] {
        if (!m_rerunTier->currentText().isEmpty())
            emit rerunRequested(m_rerunTier->currentText());
    });
    m_export = new QPushButton(tr("Export Markdown…"), this);
    connect(m_export, &QPushButton::clicked, this, &InvestigationView::onExportClicked);
    m_note = new QLabel(this);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->hide();

    // Two rows: the view stays narrow enough for the drift page's detail pane.
    auto *apply = new QHBoxLayout;
    apply->addWidget(m_rebase);
    apply->addWidget(m_evolve);
    apply->addWidget(m_recover);
    apply->addStretch(1);
    auto *more = new QHBoxLayout;
    more->addWidget(new QLabel(tr("Re-run with"), this));
    more->addWidget(m_rerunTier);
    more->addWidget(m_rerun);
    more->addStretch(1);
    more->addWidget(m_export);
    auto *actions = new QVBoxLayout;
    actions->addLayout(apply);
    actions->addLayout(more);

    // The transcript and the selected call's exchange.
    m_transcript = new QTreeWidget(this);
    m_transcript->setColumnCount(ColumnCount);
    m_transcript->setHeaderLabels({tr("#"), tr("Tier"), tr("Model"), tr("Answer"), tr("Confidence"), tr("Tokens in/out"),
                                   tr("Cost"), tr("Latency")});
    m_transcript->setRootIsDecorated(false);
    m_transcript->setUniformRowHeights(true);
    m_transcript->setAlternatingRowColors(true);
    m_transcript->setSelectionMode(QAbstractItemView::SingleSelection);
    m_transcript->setStyleSheet(QStringLiteral("QTreeWidget::item { padding: 3px 0px; }"));
    QHeaderView *header = m_transcript->header();
    header->setStretchLastSection(false);
    for (int c = 0; c < ColumnCount; ++c)
        header->setSectionResizeMode(c, c == ColAnswer ? QHeaderView::Stretch : QHeaderView::ResizeToContents);
    for (int c : {ColIndex, ColConfidence, ColTokens, ColCost, ColLatency})
        m_transcript->headerItem()->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    connect(m_transcript, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        showCall(current ? current->data(ColIndex, Qt::UserRole).toInt() : -1);
    });

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto makeText = [this, &mono] {
        auto *t = new QPlainTextEdit(this);
        t->setReadOnly(true);
        t->setFont(mono);
        t->setLineWrapMode(QPlainTextEdit::NoWrap);
        return t;
    };
    m_answer = makeText();
    m_answer->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_request = makeText();
    m_response = makeText();
    m_details = new QTabWidget(this);
    m_details->setDocumentMode(true);
    m_details->addTab(m_answer, tr("Answer"));
    m_details->addTab(m_request, tr("Request"));
    m_details->addTab(m_response, tr("Response"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_transcript);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *transcriptLabel = new QLabel(tr("Transcript"), this);
    QFont sectionFont = transcriptLabel->font();
    sectionFont.setBold(true);
    transcriptLabel->setFont(sectionFont);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(card);
    layout->addLayout(actions);
    layout->addWidget(m_note); // below the buttons: a failed re-run's reason can be long
    layout->addSpacing(4);
    layout->addWidget(transcriptLabel);
    layout->addWidget(splitter, 1);

    rebuild();
}

void InvestigationView::setInvestigation(const InvestigationContext &ctx, const InvestigationResult &result)
{
    m_ctx = ctx;
    m_result = result;
    m_running = false;
    m_applied = false;
    showNote({});
    rebuild();
}

void InvestigationView::setTierNames(const QStringList &names)
{
    const QString current = m_rerunTier->currentText();
    m_rerunTier->clear();
    m_rerunTier->addItems(names);
    if (names.contains(current))
        m_rerunTier->setCurrentText(current);
    else if (!m_result.acceptedTier.isEmpty() && names.contains(m_result.acceptedTier))
        m_rerunTier->setCurrentText(m_result.acceptedTier);
    updateButtons();
}

void InvestigationView::setRunning(bool running)
{
    if (running != m_running) {
        m_running = running;
        if (running)
            m_applied = false;
        rebuild(); // the verdict card: "Investigating…" while running, the verdict after
    }
    showNote(running ? tr("Investigating…") : QString());
    updateButtons();
}

void InvestigationView::showNote(const QString &text)
{
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

void InvestigationView::addCall(const TierCall &call)
{
    m_result.calls.push_back(call);
    const int index = int(m_result.calls.size()) - 1;
    m_transcript->addTopLevelItem(makeItem(index, call));
    m_transcript->setCurrentItem(m_transcript->topLevelItem(index));
}

void InvestigationView::setApplied(const QString &note)
{
    m_applied = true;
    showNote(note);
    updateButtons();
}

QPushButton *InvestigationView::applyButton(DiagnosisAction action) const
{
    switch (action) {
    case DiagnosisAction::UpdateProfile: return m_rebase;
    case DiagnosisAction::EvolveWorkflow: return m_evolve;
    case DiagnosisAction::Recover: return m_recover;
    default: return nullptr;
    }
}

QTreeWidgetItem *InvestigationView::makeItem(int index, const TierCall &call) const
{
    auto *item = new QTreeWidgetItem;
    item->setData(ColIndex, Qt::UserRole, index);
    item->setText(ColIndex, QString::number(index + 1));
    QString tier = call.rerun > 0 ? tr("%1 · re-run %2").arg(call.tier).arg(call.rerun) : call.tier;
    if (call.attempt > 1)
        tier = tr("%1 (repair)").arg(tier);
    item->setText(ColTier, tier);
    if (call.rerun > 0)
        item->setToolTip(ColTier, tr("Asked again with only this tier (re-run %1)").arg(call.rerun));
    item->setText(ColModel, QStringLiteral("%1 · %2").arg(call.provider, call.model));
    if (call.hasDiagnosis) {
        item->setText(ColAnswer, QStringLiteral("%1 → %2: %3")
                                     .arg(statusName(call.diagnosis.status), actionName(call.diagnosis.action),
                                          call.diagnosis.rootCause));
        item->setText(ColConfidence, QString::number(call.diagnosis.confidence, 'f', 2));
        item->setForeground(ColAnswer, QColor(statusColor(call.diagnosis.status)));
    } else {
        item->setText(ColAnswer, call.error);
        item->setText(ColConfidence, QStringLiteral("–"));
        item->setForeground(ColAnswer, QColor(QStringLiteral("#c62828")));
    }
    item->setToolTip(ColAnswer, item->text(ColAnswer));
    item->setText(ColTokens, call.provider == u"rules" ? QStringLiteral("–")
                                                       : QStringLiteral("%1 / %2").arg(call.inputTokens).arg(call.outputTokens));
    item->setText(ColCost, usd(call.costUsd));
    item->setText(ColLatency, tr("%1 ms").arg(call.latencyMs));
    for (int c : {ColIndex, ColConfidence, ColTokens, ColCost, ColLatency})
        item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    if (call.accepted) {
        for (int c = 0; c < ColumnCount; ++c) {
            QFont f = item->font(c);
            f.setBold(true);
            item->setFont(c, f);
        }
        item->setText(ColTier, item->text(ColTier) + QStringLiteral("  ✔"));
        item->setToolTip(ColTier, tr("This answer was accepted"));
    }
    return item;
}

void InvestigationView::rebuild()
{
    const InvestigationContext &c = m_ctx;
    if (c.tool.isEmpty()) {
        m_title->setText(tr("No investigation selected"));
        m_subtitle->clear();
    } else {
        const QString kind = c.trigger == Trigger::Failure  ? tr("Failure")
                             : c.trigger == Trigger::Drift   ? tr("Drift")
                             : c.trigger == Trigger::Anomaly ? tr("Anomaly")
                                                             : tr("Apprentice review");
        m_title->setText(c.metric.isEmpty() || c.trigger == Trigger::Failure
                             ? tr("%1 in %2").arg(kind, c.tool)
                             : tr("%1 in %2 · %3").arg(kind, c.tool, c.metric));
        QString sub = tr("Workflow %1 %2").arg(c.workflow, c.version);
        if (c.trigger == Trigger::Failure) {
            sub += tr(" · %1 consecutive failures · %2").arg(c.consecutiveFailures).arg(c.errorText);
        } else {
            sub += tr(" · value %1 (%2) against p50 %3 / p95 %4 / p99 %5, mean %6 ± %7 over %8 runs")
                       .arg(num(c.value), c.direction > 0 ? tr("up") : tr("down"), num(c.profile.p50), num(c.profile.p95),
                            num(c.profile.p99), num(c.profile.mean), num(c.profile.stddev))
                       .arg(c.profile.n);
        }
        if (!c.trend.isEmpty())
            sub += tr(" · trend %1").arg(c.trend);
        m_subtitle->setText(sub);
    }

    const Diagnosis &d = m_result.diagnosis;
    const bool hasVerdict = !m_result.calls.empty() && !m_running;
    m_statusBadge->setVisible(hasVerdict);
    if (hasVerdict) {
        m_statusBadge->setText(statusName(d.status));
        m_statusBadge->setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 3px;"
                                                    " padding: 2px 8px; font-weight: bold; }")
                                         .arg(statusColor(d.status)));
        m_verdict->setText(tr("%1 · confidence %2").arg(actionName(d.action), QString::number(d.confidence, 'f', 2)));
        QString who;
        switch (m_result.outcome) {
        case InvestigationOutcome::Accepted: who = tr("accepted from %1").arg(m_result.acceptedTier); break;
        case InvestigationOutcome::Fallback: who = tr("fallback to %1 (last tier failed)").arg(m_result.acceptedTier); break;
        case InvestigationOutcome::Failed: who = tr("no tier answered"); break;
        case InvestigationOutcome::Cancelled: who = tr("cancelled"); break;
        }
        m_meta->setText(tr("%1 · %2 calls · %3 · %4 ms")
                            .arg(who)
                            .arg(m_result.calls.size())
                            .arg(usd(m_result.totalCostUsd))
                            .arg(m_result.totalLatencyMs));
        m_rootCause->setText(d.rootCause);
        if (d.evidence.isEmpty()) {
            m_evidence->hide();
        } else {
            QString html = QStringLiteral("<ul style=\"margin-left:-20px; margin-top:0; margin-bottom:0\">");
            for (const QString &e : d.evidence)
                html += u"<li>" % e.toHtmlEscaped() % u"</li>";
            m_evidence->setText(html + QStringLiteral("</ul>"));
            m_evidence->show();
        }
        if (d.mutation.kind.isEmpty()) {
            m_mutation->hide();
        } else {
            QString html = tr("<b>Proposed:</b> <code>%1</code> — %2")
                               .arg(d.mutation.kind.toHtmlEscaped(), d.mutation.description.toHtmlEscaped());
            if (!d.mutation.expectedEffect.isEmpty())
                html += tr(" <i>(expected: %1)</i>").arg(d.mutation.expectedEffect.toHtmlEscaped());
            m_mutation->setText(html);
            m_mutation->show();
        }
    } else {
        m_verdict->setText(m_running ? tr("Investigating…") : tr("No verdict yet"));
        m_meta->clear();
        m_rootCause->clear();
        m_evidence->hide();
        m_mutation->hide();
    }

    m_transcript->clear();
    for (size_t i = 0; i < m_result.calls.size(); ++i)
        m_transcript->addTopLevelItem(makeItem(int(i), m_result.calls[i]));
    int select = -1;
    for (size_t i = 0; i < m_result.calls.size(); ++i) {
        if (m_result.calls[i].accepted)
            select = int(i);
    }
    if (select < 0 && !m_result.calls.empty())
        select = int(m_result.calls.size()) - 1;
    if (select >= 0)
        m_transcript->setCurrentItem(m_transcript->topLevelItem(select));
    else
        showCall(-1);
    updateButtons();
}

void InvestigationView::updateButtons()
{
    const bool hasVerdict = !m_result.calls.empty() && !m_running
                            && m_result.outcome != InvestigationOutcome::Cancelled;
    const DiagnosisAction recommended = m_result.diagnosis.action;
    for (DiagnosisAction a : {DiagnosisAction::UpdateProfile, DiagnosisAction::EvolveWorkflow, DiagnosisAction::Recover}) {
        QPushButton *b = applyButton(a);
        b->setEnabled(hasVerdict && !m_applied);
        const bool primary = hasVerdict && a == recommended;
        b->setDefault(primary);
        QFont f = b->font();
        f.setBold(primary);
        b->setFont(f);
        if (primary)
            b->setToolTip(b->toolTip().split(u'\n').first() + u'\n' + tr("Recommended by the investigation"));
        else
            b->setToolTip(b->toolTip().split(u'\n').first());
    }
    m_rerun->setEnabled(!m_running && m_rerunTier->count() > 0 && !m_ctx.tool.isEmpty());
    m_rerunTier->setEnabled(!m_running);
    m_export->setEnabled(!m_result.calls.empty() && !m_running);
    if (!m_running && m_note->text().isEmpty())
        showNote(failedRerunText());
    if (hasVerdict && !m_applied && m_note->text().isEmpty()) {
        if (recommended == DiagnosisAction::EscalateToHuman)
            showNote(tr("No automatic action: a person should look at this"));
        else if (recommended == DiagnosisAction::Ignore)
            showNote(tr("Recommended: ignore"));
    }
}

QString InvestigationView::failedRerunText() const
{
    const int round = lastRerun(m_result);
    if (round == 0)
        return {};
    const TierCall *last = nullptr;
    for (const TierCall &c : m_result.calls) {
        if (c.rerun != round)
            continue;
        if (c.hasDiagnosis)
            return {};
        last = &c;
    }
    if (!last)
        return {};
    QString error = last->error;
    if (error.size() > 160)
        error = error.left(159) + u'…';
    const bool earlierVerdict = m_result.outcome == InvestigationOutcome::Accepted
                                || m_result.outcome == InvestigationOutcome::Fallback;
    return earlierVerdict ? tr("Re-run with %1 failed: %2. The earlier verdict stands.").arg(last->tier, error)
                          : tr("Re-run with %1 failed: %2").arg(last->tier, error);
}

void InvestigationView::showCall(int index)
{
    if (index < 0 || size_t(index) >= m_result.calls.size()) {
        m_answer->clear();
        m_request->clear();
        m_response->clear();
        return;
    }
    const TierCall &c = m_result.calls[size_t(index)];
    QString answer;
    answer += tr("Tier %1 · %2 %3 · attempt %4").arg(c.tier, c.provider, c.model).arg(c.attempt);
    if (c.rerun > 0)
        answer += tr(" · re-run %1").arg(c.rerun);
    answer += u'\n';
    if (c.httpAttempts > 0)
        answer += tr("HTTP %1 after %2 attempt(s) · %3 ms · %4 in / %5 out tokens · %6\n")
                      .arg(c.httpStatus)
                      .arg(c.httpAttempts)
                      .arg(c.latencyMs)
                      .arg(c.inputTokens)
                      .arg(c.outputTokens)
                      .arg(usd(c.costUsd));
    for (const QString &r : c.retries)
        answer += tr("retried: %1\n").arg(r);
    if (!c.error.isEmpty())
        answer += u'\n' % tr("Error: %1").arg(c.error) % u'\n';
    if (c.hasDiagnosis) {
        const Diagnosis &d = c.diagnosis;
        answer += u'\n' % tr("%1 → %2, confidence %3%4")
                              .arg(statusName(d.status), actionName(d.action), QString::number(d.confidence, 'f', 2),
                                   c.accepted ? tr(" (accepted)") : QString())
                  % u'\n';
        answer += tr("Root cause: %1\n").arg(d.rootCause);
        for (const QString &e : d.evidence)
            answer += QStringLiteral("  • %1\n").arg(e);
        if (!d.mutation.kind.isEmpty())
            answer += tr("Proposed mutation: %1 — %2 (%3)\n").arg(d.mutation.kind, d.mutation.description, d.mutation.expectedEffect);
    }
    m_answer->setPlainText(answer);
    m_request->setPlainText(readable(c.request));
    m_response->setPlainText(c.response.isEmpty() ? tr("(no HTTP response)") : readable(c.response));
}

QString InvestigationView::markdown() const
{
    return investigationToMarkdown(m_ctx, m_result);
}

bool InvestigationView::exportMarkdown(const QString &path, QString *error) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text) || f.write(markdown().toUtf8()) < 0 || !f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

void InvestigationView::onExportClicked()
{
    const QString suggested = QStringLiteral("investigation-%1-%2.md").arg(m_ctx.workflow, m_ctx.tool);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export investigation"), suggested,
                                                      tr("Markdown (*.md);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportMarkdown(path, &error))
        QMessageBox::warning(this, tr("Export investigation"), tr("Could not write %1: %2").arg(path, error));
}
