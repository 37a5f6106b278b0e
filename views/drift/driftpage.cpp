#include "driftpage.h"

#include "appsettings.h"
#include "colors.h"
#include "common/icons.h"
#include "common/tables.h"
#include "consolesession.h"
#include "enginehost.h"
#include "eventfiltermodel.h"
#include "eventsmodel.h"
#include "evidencechart.h"
#include "format.h"
#include "investigation/investigationview.h"
#include "llm/tierladder.h"
#include "metricinfo.h"
#include "reasontext.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Apprentice;

namespace {

QLabel *label(QWidget *parent, bool wrap = true)
{
    auto *l = new QLabel(parent);
    l->setWordWrap(wrap);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setTextFormat(Qt::RichText);
    return l;
}

} // namespace

DriftPage::DriftPage(ConsoleSession *session, AppSettings *settings, QWidget *parent)
    : QWidget(parent), m_session(session), m_settings(settings)
{
    auto toggle = [this](const QString &icon) {
        auto *b = new QToolButton(this);
        if (!icon.isEmpty())
            b->setIcon(Icons::get(icon));
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        return b;
    };
    m_drifts = toggle(QStringLiteral("drift"));
    m_failures = toggle(QStringLiteral("outage"));
    m_anomalies = toggle(QStringLiteral("warning"));
    m_phases = toggle(QStringLiteral("workflows"));
    m_waiting = toggle(QStringLiteral("filter"));
    m_waiting->setObjectName(QStringLiteral("driftWaitingOnly"));
    m_text = new QLineEdit(this);
    m_text->setClearButtonEnabled(true);
    m_count = new QLabel(this);
    auto *bar = new QHBoxLayout;
    for (QToolButton *b : {m_drifts, m_failures, m_anomalies, m_phases})
        bar->addWidget(b);
    bar->addSpacing(12);
    bar->addWidget(m_waiting);
    bar->addWidget(m_text, 1);
    bar->addWidget(m_count);

    m_proxy = new EventFilterModel(this);
    m_proxy->setSourceModel(session->events());
    const int kinds = settings->filter(QStringLiteral("events.kinds"), QStringLiteral("7")).toInt();
    m_proxy->setKinds(kinds);
    m_drifts->setChecked(kinds & EventsModel::KindDrift);
    m_failures->setChecked(kinds & EventsModel::KindFailure);
    m_anomalies->setChecked(kinds & EventsModel::KindAnomaly);
    m_phases->setChecked(kinds & EventsModel::KindPhase);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("eventsTable"));
    m_table->setModel(m_proxy);
    Tables::setup(m_table, true);
    static constexpr int chars[EventsModel::ColumnCount] = {19, 8, 12, 14, 10, 10, 7, 15, 14, 22, 0};
    Tables::setColumnChars(m_table, chars, EventsModel::ColumnCount);
    m_table->sortByColumn(EventsModel::ColTime, Qt::DescendingOrder);
    Tables::persistHeader(m_table->horizontalHeader(), settings, QStringLiteral("events"));
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);

    // Detail pane: what happened, the evidence, the decision.
    auto *detail = new QWidget(this);
    m_title = label(detail);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle = label(detail);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_facts = label(detail);
    m_diagnosis = label(detail);
    m_decision = label(detail);
    m_evidence = new EvidenceChart(detail);
    m_accept = new QPushButton(Icons::get(QStringLiteral("accept")), QString(), detail);
    m_accept->setObjectName(QStringLiteral("acceptButton"));
    m_accept->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_dismiss = new QPushButton(Icons::get(QStringLiteral("dismiss")), QString(), detail);
    m_dismiss->setObjectName(QStringLiteral("dismissButton"));
    m_dismiss->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_evolve = new QPushButton(Icons::get(QStringLiteral("evolve")), QString(), detail);
    m_evolve->setObjectName(QStringLiteral("evolveButton"));
    m_evolve->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_showRecord = new QPushButton(Icons::get(QStringLiteral("stream")), QString(), detail);
    // Two rows of two: the pane stays narrow enough for the table beside it in any language.
    auto *actions = new QGridLayout;
    actions->addWidget(m_accept, 0, 0);
    actions->addWidget(m_dismiss, 0, 1);
    actions->addWidget(m_evolve, 1, 0);
    actions->addWidget(m_showRecord, 1, 1);
    actions->setColumnStretch(2, 1);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(8, 4, 8, 8);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_subtitle);
    detailLayout->addWidget(m_facts);
    detailLayout->addWidget(m_diagnosis);
    detailLayout->addWidget(m_evidence, 1);
    detailLayout->addWidget(m_decision);
    detailLayout->addLayout(actions);
    m_empty = new QLabel(detail);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    detailLayout->addWidget(m_empty);

    m_investigation = new InvestigationView(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("driftDetailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(detail, Icons::get(QStringLiteral("drift")), QString());
    // The transcript view is wide; it scrolls rather than widening the splitter, so the table keeps its room.
    auto *investigationScroll = new QScrollArea(this);
    investigationScroll->setWidget(m_investigation);
    investigationScroll->setWidgetResizable(true);
    investigationScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(investigationScroll, Icons::get(QStringLiteral("settings")), QString());

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("driftSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    resetLayout();
    if (!settings->splitterState(QStringLiteral("drift")).isEmpty())
        m_splitter->restoreState(settings->splitterState(QStringLiteral("drift")));
    connect(m_splitter, &QSplitter::splitterMoved, this,
            [this] { m_settings->setSplitterState(QStringLiteral("drift"), m_splitter->saveState()); });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);

    auto kindsChanged = [this] {
        int k = 0;
        if (m_drifts->isChecked())
            k |= EventsModel::KindDrift;
        if (m_failures->isChecked())
            k |= EventsModel::KindFailure;
        if (m_anomalies->isChecked())
            k |= EventsModel::KindAnomaly;
        if (m_phases->isChecked())
            k |= EventsModel::KindPhase;
        m_proxy->setKinds(k);
        m_settings->setFilter(QStringLiteral("events.kinds"), QString::number(k));
        updateCount();
    };
    for (QToolButton *b : {m_drifts, m_failures, m_anomalies, m_phases})
        connect(b, &QToolButton::toggled, this, kindsChanged);
    connect(m_waiting, &QToolButton::toggled, this, [this](bool on) {
        m_proxy->setWaitingOnly(on);
        updateCount();
    });
    connect(m_text, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_proxy->setText(t);
        updateCount();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &idx) {
        m_current = idx.isValid() ? idx.data(EventsModel::EventIdRole).toLongLong() : 0;
        m_currentSeq = idx.isValid() ? idx.data(EventsModel::SeqRole).toLongLong() : 0;
        showDetails();
    });
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_table->indexAt(pos).isValid())
            return;
        QMenu menu(this);
        menu.addAction(m_accept->icon(), m_accept->text(), this, [this] { act(OperatorAction::AcceptAsNormal); })
            ->setEnabled(m_accept->isEnabled());
        menu.addAction(m_dismiss->icon(), m_dismiss->text(), this, [this] { act(OperatorAction::Dismiss); })
            ->setEnabled(m_dismiss->isEnabled());
        menu.addAction(m_evolve->icon(), m_evolve->text(), this, [this] { act(OperatorAction::MarkForEvolution); })
            ->setEnabled(m_evolve->isEnabled());
        menu.addSeparator();
        menu.addAction(m_showRecord->icon(), m_showRecord->text(), this, [this] { emit recordActivated(m_currentSeq); })
            ->setEnabled(m_showRecord->isEnabled());
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_accept, &QPushButton::clicked, this, [this] { act(OperatorAction::AcceptAsNormal); });
    connect(m_dismiss, &QPushButton::clicked, this, [this] { act(OperatorAction::Dismiss); });
    connect(m_evolve, &QPushButton::clicked, this, [this] { act(OperatorAction::MarkForEvolution); });
    connect(m_showRecord, &QPushButton::clicked, this, [this] { emit recordActivated(m_currentSeq); });
    connect(m_investigation, &InvestigationView::applyRequested, this, [this](DiagnosisAction a) {
        switch (a) {
        case DiagnosisAction::UpdateProfile: act(OperatorAction::AcceptAsNormal); break;
        case DiagnosisAction::EvolveWorkflow: act(OperatorAction::MarkForEvolution); break;
        default: act(OperatorAction::Dismiss); break;
        }
    });
    connect(m_investigation, &InvestigationView::rerunRequested, this, &DriftPage::rerun);
    connect(session->host(), &EngineHost::rerunRefused, this, &DriftPage::onRerunRefused);
    connect(settings, &AppSettings::tiersChanged, this, &DriftPage::updateTierNames);
    updateTierNames();
    connect(session->events(), &EventsModel::decisionChanged, this, [this](qint64 id) {
        if (id == m_current)
            showDetails();
        updateCount();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DriftPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_current = 0;
        showDetails();
        updateCount();
    });
    connect(session->host(), &EngineHost::seriesReady, this, &DriftPage::onSeriesReply);
    connect(session->host(), &EngineHost::actionDone, this,
            [this](const OperatorAction &a, bool ok, const QString &error) {
                QString what;
                switch (a.kind) {
                case OperatorAction::AcceptAsNormal: what = tr("%1 %2 accepted as the new normal; its profile was rebased"); break;
                case OperatorAction::Dismiss: what = tr("%1 %2 dismissed as a false alarm"); break;
                case OperatorAction::MarkForEvolution: what = tr("%1 %2 marked for evolution"); break;
                }
                emit statusMessage(ok ? what.arg(a.tool, MetricInfo::title(a.metric))
                                      : tr("Could not apply the decision: %1").arg(error));
            });
    retranslate();
    showDetails();
}

void DriftPage::resetLayout()
{
    const int w = std::max(1000, m_splitter->width());
    m_splitter->setSizes({w * 48 / 100, w * 52 / 100});
}

void DriftPage::retranslate()
{
    m_drifts->setText(tr("Drifts"));
    m_drifts->setToolTip(tr("Sustained changes of a metric; each opens an investigation"));
    m_failures->setText(tr("Failures"));
    m_failures->setToolTip(tr("Calls that returned an error"));
    m_anomalies->setText(tr("Anomalies"));
    m_anomalies->setToolTip(tr("Isolated out-of-profile values; informational, they engage nothing"));
    m_phases->setText(tr("Phase changes"));
    m_phases->setToolTip(tr("Graduations, phase transitions and operator decisions (the audit trail)"));
    m_waiting->setText(tr("Waiting for me"));
    m_waiting->setToolTip(tr("Only events whose diagnosis asks for an operator"));
    m_text->setPlaceholderText(tr("Search tool, metric, diagnosis…"));
    m_accept->setText(tr("Accept as new normal"));
    m_accept->setToolTip(tr("The change is real and fine: rebase the profile on the recent values (recorded with your name; %1)")
                             .arg(m_accept->shortcut().toString(QKeySequence::NativeText)));
    m_dismiss->setText(tr("Dismiss as false alarm"));
    m_dismiss->setToolTip(tr("Nothing changed: reset the detector and keep the profile (recorded; %1)")
                              .arg(m_dismiss->shortcut().toString(QKeySequence::NativeText)));
    m_evolve->setText(tr("Mark for evolution"));
    m_evolve->setToolTip(tr("The change is real and unwanted: record that the workflow must be evolved (%1)")
                             .arg(m_evolve->shortcut().toString(QKeySequence::NativeText)));
    m_showRecord->setText(tr("Show record"));
    m_showRecord->setToolTip(tr("Show the record that triggered the event in the live stream"));
    m_tabs->setTabText(0, tr("Evidence"));
    m_tabs->setTabText(1, tr("Investigation"));
    m_empty->setText(tr("Select an event to see its evidence, diagnosis and the decisions you can take."));
    showDetails();
    updateCount();
}

void DriftPage::updateCount()
{
    const int open = m_session->events()->openCount();
    QString text = tr("%1 shown").arg(Format::count(m_proxy->rowCount()));
    if (open > 0)
        text += u"  ·  " + tr("%n waiting for an operator", nullptr, open);
    m_count->setText(text);
}

void DriftPage::showDetails()
{
    const EventsModel *model = m_session->events();
    const int row = m_current ? model->rowForEvent(m_current) : -1;
    const bool has = row >= 0;
    for (QWidget *w : std::initializer_list<QWidget *>{m_title, m_subtitle, m_facts, m_diagnosis, m_evidence, m_decision,
                                                        m_accept, m_dismiss, m_evolve, m_showRecord})
        w->setVisible(has);
    m_empty->setVisible(!has);
    if (!has) {
        m_investigation->setInvestigation({}, {});
        m_tabs->setTabEnabled(1, false);
        return;
    }
    const EventsModel::Row &r = model->rowAt(row);
    const Event &e = r.event;
    const auto colorOf = [this](const QColor &c) { return c.name(); };
    const bool driftLike = r.kind == EventsModel::KindDrift || r.kind == EventsModel::KindFailure;

    QString kind = EventsModel::kindText(r.kind);
    if (r.kind == EventsModel::KindPhase)
        kind = e.kind == EventKind::Graduated ? tr("Graduated") : tr("Phase change");
    m_title->setText(r.kind == EventsModel::KindPhase ? tr("%1 · %2 %3").arg(kind, e.workflow, e.version)
                                                       : tr("%1 · %2 %3").arg(kind, e.tool, MetricInfo::title(e.metric)));
    QString where = tr("%1 %2").arg(e.workflow, e.version);
    if (e.tsMs)
        where += u" · " + Format::fullTimestamp(e.tsMs);
    if (e.line > 0) {
        const QStringList &files = m_session->files();
        where += u" · " + (e.fileIndex >= 0 && e.fileIndex < files.size()
                               ? tr("%1, line %2").arg(files[e.fileIndex].section(u'/', -1)).arg(e.line)
                               : tr("line %1").arg(e.line));
    }
    m_subtitle->setText(where);

    const InvestigationRecord *inv = driftLike ? model->investigation(e.id) : nullptr;
    QString facts;
    if (r.kind == EventsModel::KindFailure) {
        const QString error = inv && !inv->context.errorText.isEmpty() ? inv->context.errorText : tr("status error");
        facts = tr("The call failed: <b>%1</b>").arg(error.toHtmlEscaped());
        if (inv)
            facts += u"<br>" + tr("%1 of the last %2 calls failed; %3 in a row")
                                   .arg(inv->context.recentFailures)
                                   .arg(inv->context.recentCalls)
                                   .arg(inv->context.consecutiveFailures);
    } else if (r.kind == EventsModel::KindPhase) {
        facts = e.kind == EventKind::Graduated ? tr("Graduated after %1 executions of apprenticeship").arg(e.executions)
                                               : ReasonText::translateTransition(e.reason).toHtmlEscaped();
    } else {
        facts = tr("Value <b>%1</b> against expected <b>%2</b> (profile median)")
                    .arg(Format::metricValue(e.metric, e.value), Format::metricValue(e.metric, e.expected));
        if (inv && inv->context.profile.n > 0) {
            const ProfileStats &p = inv->context.profile;
            facts += u"<br>" + tr("Profile: mean %1 ± %2, p95 %3, p99 %4, from %5 values")
                                   .arg(Format::metricValue(e.metric, p.mean), Format::metricValue(e.metric, p.stddev),
                                        Format::metricValue(e.metric, p.p95), Format::metricValue(e.metric, p.p99),
                                        Format::count(p.n));
        }
        if (r.kind == EventsModel::KindDrift && std::isfinite(e.score))
            facts += u"<br>" + tr("Detector statistic %1, direction %2")
                                   .arg(QLocale().toString(e.score, 'f', 1), e.direction > 0 ? tr("up") : tr("down"));
        else if (std::isfinite(e.score))
            facts += u"<br>" + tr("Drift score %1 (an isolated value: no investigation)").arg(QLocale().toString(e.score, 'f', 2));
    }
    m_facts->setText(facts);
    m_facts->setToolTip(MetricInfo::description(e.metric));

    if (r.diagnosed) {
        const Event &d = r.diagnosis;
        const QColor c = d.status == u"BROKEN" ? Colors::danger(palette()) : d.status == u"NORMAL" ? Colors::ok(palette())
                                                                                                  : Colors::warning(palette());
        QString html = tr("<b style='color:%1'>%2</b> → <b>%3</b> · confidence %4 · tier %5 · %6")
                           .arg(colorOf(c), ReasonText::statusText(d.status), ReasonText::actionText(d.action),
                                QLocale().toString(d.confidence, 'f', 2), d.tier.toHtmlEscaped(), Format::money(d.costUsd));
        if (!d.rootCause.isEmpty())
            html += u"<br>" + ReasonText::translateRootCause(d.rootCause).toHtmlEscaped();
        if (!d.evidence.isEmpty()) {
            html += QStringLiteral("<ul style='margin-top:2px'>");
            for (const QString &line : d.evidence)
                html += u"<li>" + ReasonText::translateEvidence(line).toHtmlEscaped() + u"</li>";
            html += QStringLiteral("</ul>");
        }
        m_diagnosis->setText(html);
    } else if (driftLike) {
        m_diagnosis->setText(tr("<i>Being investigated…</i>"));
    } else {
        m_diagnosis->setText(r.kind == EventsModel::KindAnomaly
                                 ? tr("An isolated value outside the profile. Anomalies are shown for context; a drift "
                                      "needs a sustained change.")
                                 : QString());
    }
    const QString decision = EventsModel::decisionText(r.decision);
    m_decision->setText(decision.isEmpty() ? QString()
                                           : tr("Decision: <b>%1</b>%2")
                                                 .arg(decision, r.decidedBy.isEmpty() ? QString()
                                                                                      : tr(" by %1").arg(r.decidedBy.toHtmlEscaped())));

    // Evidence: the values around the event, against the profile as it stood then.
    m_evidence->clear();
    const QString metric = r.kind == EventsModel::KindFailure ? QStringLiteral("latency_ms") : e.metric;
    if (r.kind != EventsModel::KindPhase && m_currentSeq > 0) {
        SeriesQuery q;
        q.workflow = e.workflow;
        q.version = e.version;
        q.tool = e.tool;
        q.metric = metric;
        q.aroundSeq = m_currentSeq;
        q.ticket = (quint64(1) << 62) + ++m_ticket; // a range apart from the distributions page's tickets
        m_session->host()->querySeries(q);
    } else if (inv) {
        m_evidence->setRecent(metric, inv->context.profile, inv->context.recent);
    }
    m_evidence->setVisible(r.kind != EventsModel::KindPhase);

    m_tabs->setTabEnabled(1, inv != nullptr);
    if (inv) {
        m_investigation->setInvestigation(inv->context, inv->result);
        m_investigation->setRunning(inv->running);
        if (r.decision >= EventsModel::Accepted)
            m_investigation->setApplied(decision);
    }
    updateButtons();
}

void DriftPage::onSeriesReply(std::shared_ptr<const SeriesReply> reply)
{
    if (reply->query.ticket != (quint64(1) << 62) + m_ticket || reply->query.aroundSeq != m_currentSeq)
        return;
    const EventsModel *model = m_session->events();
    const int row = m_current ? model->rowForEvent(m_current) : -1;
    if (row < 0)
        return;
    const InvestigationRecord *inv = model->investigation(m_current);
    ProfileStats profile;
    if (inv)
        profile = inv->context.profile;
    if (reply->points.empty() && inv)
        m_evidence->setRecent(reply->query.metric, profile, inv->context.recent);
    else
        m_evidence->setEvidence(reply->query.metric, profile, *reply, m_currentSeq);
}

void DriftPage::updateButtons()
{
    const EventsModel *model = m_session->events();
    const int row = m_current ? model->rowForEvent(m_current) : -1;
    if (row < 0) {
        for (QPushButton *b : {m_accept, m_dismiss, m_evolve, m_showRecord})
            b->setEnabled(false);
        return;
    }
    const EventsModel::Row &r = model->rowAt(row);
    const bool decided = r.decision >= EventsModel::Accepted;
    const bool drift = r.kind == EventsModel::KindDrift;
    const bool failure = r.kind == EventsModel::KindFailure;
    // A profile the diagnosis already rebased needs no second rebase.
    const bool rebased = r.decision == EventsModel::Applied && r.diagnosed && r.diagnosis.action == u"UPDATE_PROFILE";
    m_accept->setEnabled(drift && !decided && !rebased);
    m_dismiss->setEnabled((drift || failure) && !decided);
    m_evolve->setEnabled((drift || failure) && !decided);
    m_showRecord->setEnabled(m_currentSeq > 0);
}

void DriftPage::act(OperatorAction::Kind kind)
{
    const EventsModel *model = m_session->events();
    const int row = m_current ? model->rowForEvent(m_current) : -1;
    if (row < 0)
        return;
    const Event &e = model->rowAt(row).event;
    OperatorAction a;
    a.kind = kind;
    a.eventId = e.id;
    a.workflow = e.workflow;
    a.version = e.version;
    a.tool = e.tool;
    a.metric = e.metric;
    a.who = m_settings->operatorName();
    m_session->host()->applyAction(a);
    for (QPushButton *b : {m_accept, m_dismiss, m_evolve})
        b->setEnabled(false); // until the engine has recorded it
}

void DriftPage::updateTierNames()
{
    m_investigation->setTierNames(TierLadder::effective(m_settings->tiersJson()).names());
}

void DriftPage::rerun(const QString &tierName)
{
    if (!m_current)
        return;
    m_session->host()->rerunInvestigation(m_current, tierName);
    m_investigation->setRunning(true); // until the engine publishes the re-run (or refuses it)
}

void DriftPage::onRerunRefused(qint64 driftId, const QString &tierName, RerunRefusal why)
{
    QString text;
    switch (why) {
    case RerunRefusal::UnknownTier:
        text = tr("Cannot re-run with %1: no such tier is configured (Settings → Investigation)").arg(tierName);
        break;
    case RerunRefusal::NotKept:
        text = tr("Cannot re-run: this investigation is no longer kept");
        break;
    case RerunRefusal::AlreadyRunning:
        text = tr("Cannot re-run with %1 yet: this drift is still being investigated").arg(tierName);
        break;
    }
    emit statusMessage(text);
    if (driftId != m_current)
        return;
    showDetails(); // back to what the engine has
    m_investigation->showNote(text);
}

bool DriftPage::selectEvent(qint64 id)
{
    const int row = m_session->events()->rowForEvent(id);
    if (row < 0)
        return false;
    const QModelIndex idx = m_proxy->mapFromSource(m_session->events()->index(row, 0));
    if (!idx.isValid())
        return false;
    m_table->setCurrentIndex(idx);
    m_table->scrollTo(idx);
    return true;
}

bool DriftPage::selectLatestDrift()
{
    const EventsModel *model = m_session->events();
    for (int r = model->rowCount() - 1; r >= 0; --r) {
        const int kind = model->rowAt(r).kind;
        if ((kind == EventsModel::KindDrift || kind == EventsModel::KindFailure) && selectEvent(model->rowAt(r).event.id))
            return true;
    }
    return false;
}

void DriftPage::showEvent(QShowEvent *event)
{
    if (!m_laidOut) {
        m_laidOut = true;
        if (m_settings->splitterState(QStringLiteral("drift")).isEmpty())
            QTimer::singleShot(0, this, &DriftPage::resetLayout); // once the splitter has its real width
    }
    if (!m_current)
        selectLatestDrift();
    QWidget::showEvent(event);
}

void DriftPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
