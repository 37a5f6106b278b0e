#include "evolution/mutationledger.h"
#include "evolution/mutationspage.h"
#include "evolution/shadowcomparator.h"
#include "evolution/shadowcomparisonwidget.h"
#include "evolution/trendpage.h"
#include "simulator/demosimulator.h"
#include "trends/trendtracker.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <cmath>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 DayMs = 86400000;
const QString Workflow = QString::fromLatin1(DemoSimulator::workflowName());

/// 30 simulated days of the demo workflow with the seed's slow creep from the start.
const TrendTracker &creepTracker()
{
    static TrendTracker tracker = [] {
        TrendTracker t(30);
        DemoSimulator sim(3);
        sim.setRatePerDay(2000);
        sim.schedule(Situation::SlowCreep, 0);
        std::vector<Record> batch;
        while (sim.nextArrivalMs() < DemoSimulator::DefaultStartMs + 30 * DayMs) {
            sim.nextExecution(batch);
            for (const Record &r : batch)
                t.add(r);
        }
        return t;
    }();
    return tracker;
}

/// 1.0.0 and a candidate 1.1.0 in shadow mode; the candidate's fetch_data is `factor` times slower.
void feedShadow(ShadowComparator &c, double factor, const char *workflow = DemoSimulator::workflowName())
{
    DemoSimulator base(11);
    base.setRatePerDay(2000);
    std::vector<Record> batch;
    for (int i = 0; i < 800; ++i) {
        base.nextExecution(batch);
        for (Record r : batch) {
            r.workflow = workflow;
            c.add(r);
        }
    }
    DemoSimulator cand(12, base.simulatedTimeMs());
    cand.setRatePerDay(2000);
    for (int i = 0; i < 1200; ++i) {
        cand.nextExecution(batch);
        for (Record r : batch) {
            r.workflow = workflow;
            r.version = "1.1.0";
            if (r.tool == "fetch_data")
                r.setValue(Metric::Latency, r.value(Metric::Latency) * factor);
            c.add(r);
        }
        base.nextExecution(batch);
        for (Record r : batch) {
            r.workflow = workflow;
            c.add(r);
        }
    }
}

QStringList texts(const QTreeWidget *tree, int column)
{
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        out << tree->topLevelItem(i)->text(column);
    return out;
}

template<typename T>
T *seriesNamed(QChart *chart, const QString &prefix)
{
    for (QAbstractSeries *s : chart->series()) {
        if (s->name().startsWith(prefix))
            return qobject_cast<T *>(s);
    }
    return nullptr;
}

/// A ledger with a short history: a rollback elsewhere, a promotion, a rejection, and a new
/// proposal that repeats the rolled-back mutation.
struct LedgerStory {
    MutationLedger ledger;
    qint64 rolledBack = 0, promoted = 0, rejected = 0, flagged = 0;

    LedgerStory()
    {
        auto clock = std::make_shared<qint64>(DemoSimulator::DefaultStartMs + 2 * DayMs);
        ledger.setClock([clock] { return *clock += 3 * 3600000; });

        MutationProposal cache;
        cache.workflow = u"checkout"_s;
        cache.version = u"2.3.0"_s;
        cache.tool = u"fetch_data"_s;
        cache.kind = MutationKind::AddCache;
        cache.description = u"Cache price lookups of fetch_data"_s;
        cache.expectedEffect = u"latency −20 %"_s;
        cache.source = MutationSource::Trend;
        cache.sourceRef = u"trend fetch_data latency_ms p95"_s;
        cache.evidence = {u"fetch_data latency_ms p95 rising 2.1 ms/day"_s};
        rolledBack = ledger.propose(cache, u"trend analysis"_s);
        ledger.startShadow(rolledBack, u"2.4.0"_s, u"maria"_s, u"10 % of traffic for two days"_s);
        ledger.rollBack(rolledBack, u"maria"_s, u"stale prices served from the cache"_s,
                        u"validate validation_pass mean 0.9975 → 0.9775 (−2.00 pp)"_s,
                        {u"ROLL_BACK checkout 2.4.0 vs 2.3.0"_s});

        MutationProposal sanitize;
        sanitize.workflow = Workflow;
        sanitize.version = u"1.0.0"_s;
        sanitize.tool = u"validate"_s;
        sanitize.kind = MutationKind::SanitizeInput;
        sanitize.description = u"Add an input sanitization step before process"_s;
        sanitize.expectedEffect = u"+8 % validation pass rate"_s;
        sanitize.source = MutationSource::Diagnosis;
        sanitize.sourceRef = u"drift #37"_s;
        sanitize.eventIds = {37};
        sanitize.evidence = {u"root cause: input data quality decreased"_s};
        promoted = ledger.propose(sanitize, u"medium tier"_s);
        ledger.startShadow(promoted, u"1.1.0"_s, u"ana"_s, u"shadow beside 1.0.0"_s);
        ledger.promote(promoted, u"ana"_s, u"no regression in 17 tests"_s, {u"PROMOTE process_customer_order 1.1.0 vs 1.0.0"_s});

        MutationProposal retry;
        retry.workflow = Workflow;
        retry.version = u"1.1.0"_s;
        retry.tool = u"fetch_data"_s;
        retry.kind = MutationKind::AddRetry;
        retry.description = u"Retry fetch_data with exponential backoff"_s;
        retry.source = MutationSource::Diagnosis;
        retry.sourceRef = u"failure #52"_s;
        rejected = ledger.propose(retry, u"expensive tier"_s);
        ledger.reject(rejected, u"ana"_s, u"the API vendor fixed the outage"_s);

        MutationProposal again = cache;
        again.workflow = Workflow;
        again.version = u"1.1.0"_s;
        again.description = u"Cache frequent reads of fetch_data: its latency_ms is creeping up before it crosses 300 in 8.9 days"_s;
        again.expectedEffect = u"latency_ms back at or below its level of 30 days ago"_s;
        again.evidence = {u"fetch_data latency_ms p95 rising 1.22 ms/day (2.97 %/week, p < 0.001): 289 ms now, 326 ms in 30 days"_s};
        flagged = ledger.propose(again, u"trend analysis"_s);
    }
};

} // namespace

class TestEvolutionViews : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    void save(QWidget *w, const QString &name)
    {
        const QImage image = w->grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(image.save(m_dir.filePath(name)));
        const QByteArray dir = qgetenv("APPRENTICE_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(image.save(QDir(QString::fromLocal8Bit(dir)).filePath(name)));
    }

private slots:
    void trendPageLeadsWithTheDegradingTool()
    {
        const TrendTracker &tracker = creepTracker();
        TrendPage page;
        MutationLedger ledger;
        page.resize(1200, 640);
        page.setLedger(&ledger);
        page.setTracker(tracker, tracker.latestMs(), TrendConfig());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // Significant trends only, most severe first: fetch_data latency, then validation.
        QCOMPARE(texts(page.seriesList(), TrendPage::ColSeries),
                 (QStringList{u"fetch_data · latency_ms p95"_s, u"validate · validation_pass mean"_s}));
        const TrendSeriesData *current = page.currentSeries();
        QVERIFY(current);
        const TrendResult &r = current->result;
        QCOMPARE(r.tool, u"fetch_data"_s);
        // The simulator adds 1.2 ms a day.
        QVERIFY(std::abs(r.slopePerDay - DemoSimulator::CreepLatencyMsPerDay) < 0.15);
        QVERIFY(r.breachInDays && *r.breachInDays > 0 && *r.breachInDays < 30);
        QCOMPARE(page.breachLabel()->text(), u"Breach in %1 days"_s.arg(QString::number(*r.breachInDays, 'f', 1)));

        QChart *chart = page.chartView()->chart();
        auto *values = seriesNamed<QLineSeries>(chart, u"Daily p95"_s);
        auto *fit = seriesNamed<QLineSeries>(chart, u"Trend"_s);
        auto *projection = seriesNamed<QLineSeries>(chart, u"Projection"_s);
        auto *cone = seriesNamed<QAreaSeries>(chart, u"95 % cone"_s);
        auto *limit = seriesNamed<QLineSeries>(chart, u"Limit"_s);
        auto *breach = seriesNamed<QScatterSeries>(chart, u"Breach"_s);
        QVERIFY(values && fit && projection && cone && limit && breach);
        QCOMPARE(values->count(), r.days);
        QCOMPARE(limit->name(), u"Limit ≤ 300 ms"_s);
        QCOMPARE(limit->at(0).y(), 300.0);
        QCOMPARE(projection->at(1).y(), r.projected);
        QCOMPARE(cone->upperSeries()->at(1).y(), r.projectedHigh);
        QCOMPARE(cone->lowerSeries()->at(1).y(), r.projectedLow);
        // The breach marker sits on the limit, breachInDays after the newest day.
        QCOMPARE(breach->at(0).y(), 300.0);
        QCOMPARE(breach->at(0).x(), double(r.lastDayMs) + *r.breachInDays * DayMs);
        QVERIFY(fit->at(1).y() < 300 && projection->at(1).y() > 300);
        save(&page, u"trends.png"_s);

        // All series: the quiet ones appear too, below.
        page.significantOnly()->setChecked(false);
        QVERIFY(page.seriesList()->topLevelItemCount() > 10);
        QCOMPARE(page.seriesList()->topLevelItem(0)->text(TrendPage::ColSeries), u"fetch_data · latency_ms p95"_s);
    }

    void trendPageKeepsTheSelectionAcrossUpdates()
    {
        const TrendTracker &tracker = creepTracker();
        TrendPage page;
        page.setTracker(tracker, tracker.latestMs(), TrendConfig());
        QVERIFY(page.selectSeries(Workflow, u"1.0.0"_s, u"validate"_s, u"validation_pass"_s));
        QCOMPARE(page.breachLabel()->text().left(9), u"Breach in"_s);
        page.setTracker(tracker, tracker.latestMs() - DayMs, TrendConfig());
        QCOMPARE(page.currentSeries()->result.metric, u"validation_pass"_s);
        QVERIFY(!page.selectSeries(Workflow, u"1.0.0"_s, u"process"_s, u"nonexistent"_s));
    }

    void trendPageProposesTheMutation()
    {
        const TrendTracker &tracker = creepTracker();
        TrendPage page;
        page.setTracker(tracker, tracker.latestMs(), TrendConfig());
        QVERIFY(!page.proposeButton()->isEnabled()); // no ledger yet
        MutationLedger ledger;
        page.setLedger(&ledger);
        QVERIFY(page.proposeButton()->isEnabled());
        QSignalSpy proposed(&page, &TrendPage::mutationProposed);
        page.proposeButton()->click();
        QCOMPARE(proposed.count(), 1);
        const Mutation *m = ledger.mutation(proposed.at(0).at(0).toLongLong());
        QVERIFY(m);
        QCOMPARE(m->kind, MutationKind::AddCache);
        QCOMPARE(m->tool, u"fetch_data"_s);
        QCOMPARE(m->source, MutationSource::Trend);
    }

    void shadowComparisonSideBySide()
    {
        ShadowComparator comparator;
        feedShadow(comparator, 1.15);
        ShadowComparisonWidget w;
        w.resize(1100, 660);
        w.setComparison(comparator.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.recommendationLabel()->text(), u"ROLL BACK"_s);
        QVERIFY(w.reasonsLabel()->text().contains(u"fetch_data latency_ms median"_s));
        QCOMPARE(texts(w.table(), ShadowComparisonWidget::ColName),
                 (QStringList{u"fetch_data"_s, u"process"_s, u"validate"_s, u"send_results"_s}));
        QTreeWidgetItem *fetch = w.table()->topLevelItem(0);
        QCOMPARE(fetch->text(ShadowComparisonWidget::ColVerdict), u"regression"_s);
        QTreeWidgetItem *latency = fetch->child(1); // after the error rate
        QCOMPARE(latency->text(ShadowComparisonWidget::ColName), u"latency_ms (median)"_s);
        QVERIFY(latency->text(ShadowComparisonWidget::ColChange).startsWith(u"+1"_s));
        QCOMPARE(w.table()->topLevelItem(1)->text(ShadowComparisonWidget::ColVerdict), u"equivalent"_s);
        QVERIFY(w.chartView()->isVisible());
        save(&w, u"shadow-comparison.png"_s);

        w.clear();
        QVERIFY(!w.hasComparison());
        QCOMPARE(w.table()->topLevelItemCount(), 0);
    }

    void mutationsPageFlagsARepeatedMutation()
    {
        LedgerStory story;
        MutationsPage page;
        page.resize(1200, 700);
        page.setLedger(&story.ledger);
        page.setOperator(u"ana"_s);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        // Newest first; the flagged proposal shows the rule it repeats.
        QCOMPARE(texts(page.mutationTable(), MutationsPage::ColId), (QStringList{u"4"_s, u"3"_s, u"2"_s, u"1"_s}));
        QCOMPARE(texts(page.mutationTable(), MutationsPage::ColState),
                 (QStringList{u"proposed"_s, u"rejected"_s, u"promoted"_s, u"rolled back"_s}));
        QCOMPARE(page.mutationTable()->topLevelItem(0)->text(MutationsPage::ColRule), u"⚠ #1"_s);
        QCOMPARE(page.mutationTable()->topLevelItem(3)->text(MutationsPage::ColRule), u"became #1"_s);
        QCOMPARE(page.currentMutation(), story.flagged);
        QVERIFY(page.flagBanner()->isVisible());
        QVERIFY(page.flagBanner()->text().contains(u"validation_pass mean 0.9975"_s));
        QVERIFY(page.flagBanner()->text().contains(u"checkout 2.4.0"_s));
        QCOMPARE(page.shadowButton()->text(), u"Start shadow despite rule"_s);
        QCOMPARE(page.candidateEdit()->text(), u"1.2.0"_s); // next minor of 1.1.0
        QCOMPARE(page.historyTable()->topLevelItemCount(), 1);
        save(&page, u"mutations.png"_s);

        // Switching mutations resets the form; the rolled-back one is not flagged by its own rule.
        QVERIFY(page.selectMutation(story.rolledBack));
        QVERIFY(!page.flagBanner()->isVisible());
        QCOMPARE(page.candidateEdit()->text(), u"2.4.0"_s);
        QVERIFY(page.selectMutation(story.flagged));
        QCOMPARE(page.candidateEdit()->text(), u"1.2.0"_s);

        // Not flagged: the promoted sanitize_input.
        QVERIFY(page.selectMutation(story.promoted));
        QVERIFY(!page.flagBanner()->isVisible());
        QCOMPARE(page.historyTable()->topLevelItemCount(), 3);
        QCOMPARE(page.historyTable()->topLevelItem(2)->text(MutationsPage::HistStep), u"shadow → promoted"_s);
        QCOMPARE(page.historyTable()->topLevelItem(2)->text(MutationsPage::HistWho), u"ana"_s);
    }

    void mutationsPageButtonsFollowTheState_data()
    {
        QTest::addColumn<QString>("which"); // the story's mutation
        QTest::addColumn<QList<bool>>("enabled"); // shadow, promote, roll back, reject
        QTest::newRow("proposed") << u"flagged"_s << QList<bool>{true, false, false, true};
        QTest::newRow("promoted") << u"promoted"_s << QList<bool>{false, false, true, false};
        QTest::newRow("rolled back") << u"rolledBack"_s << QList<bool>{false, false, false, false};
        QTest::newRow("rejected") << u"rejected"_s << QList<bool>{false, false, false, false};
    }

    void mutationsPageButtonsFollowTheState()
    {
        QFETCH(QString, which);
        QFETCH(QList<bool>, enabled);
        LedgerStory story;
        MutationsPage page;
        page.setLedger(&story.ledger);
        const qint64 id = which == u"flagged" ? story.flagged : which == u"promoted" ? story.promoted
                        : which == u"rolledBack" ? story.rolledBack : story.rejected;
        QVERIFY(page.selectMutation(id));
        const QList<bool> actual{page.shadowButton()->isEnabled(), page.promoteButton()->isEnabled(),
                                 page.rollBackButton()->isEnabled(), page.rejectButton()->isEnabled()};
        QCOMPARE(actual, enabled);
    }

    void mutationsPageDrivesShadowAndRollback()
    {
        LedgerStory story;
        ShadowComparator comparator;
        feedShadow(comparator, 1.15);
        MutationsPage page;
        page.setLedger(&story.ledger);
        page.setComparator(&comparator);
        QVERIFY(page.selectMutation(story.flagged));

        // Without a reason nothing moves, and the page says why.
        page.operatorEdit()->setText(u"ana"_s);
        page.reasonEdit()->clear();
        QCOMPARE(page.candidateEdit()->text(), u"1.2.0"_s);
        page.shadowButton()->click();
        QCOMPARE(story.ledger.mutation(story.flagged)->state, MutationState::Proposed);
        QVERIFY2(page.statusLabel()->text().contains(u"why"_s), qPrintable(page.statusLabel()->text()));

        // Start shadow: the candidate is compared with its baseline at once (no records of it yet).
        page.reasonEdit()->setText(u"trend says 300 ms in 9 days"_s);
        QSignalSpy changed(&story.ledger, &MutationLedger::mutationChanged);
        page.shadowButton()->click();
        QCOMPARE(changed.count(), 1);
        const Mutation *m = story.ledger.mutation(story.flagged);
        QCOMPARE(m->state, MutationState::Shadow);
        QCOMPARE(m->candidateVersion, u"1.2.0"_s);
        QVERIFY(m->history.back().evidence.join(u' ').contains(u"proceeding despite"_s));
        QCOMPARE(page.comparisonWidget()->comparison().recommendation, ShadowRecommendation::KeepShadow);
        QCOMPARE(page.comparisonWidget()->comparison().candidate, u"1.2.0"_s);
        QVERIFY(page.promoteButton()->isEnabled() && page.rollBackButton()->isEnabled());
        QVERIFY(page.reasonEdit()->text().isEmpty());
    }

    void mutationsPageRollbackUsesTheComparison()
    {
        ShadowComparator comparator;
        feedShadow(comparator, 1.15);
        MutationLedger ledger;
        MutationProposal p;
        p.workflow = Workflow;
        p.version = u"1.0.0"_s;
        p.tool = u"fetch_data"_s;
        p.kind = MutationKind::StreamProcessing;
        const qint64 id = ledger.propose(p, u"ana"_s);
        QVERIFY(ledger.startShadow(id, u"1.1.0"_s, u"ana"_s, u"trial"_s));
        MutationsPage page;
        page.setLedger(&ledger);
        page.setComparator(&comparator);
        QVERIFY(page.selectMutation(id));
        QCOMPARE(page.comparisonWidget()->comparison().recommendation, ShadowRecommendation::RollBack);
        QVERIFY2(page.brokeEdit()->text().startsWith(u"fetch_data latency_ms median"_s), qPrintable(page.brokeEdit()->text()));
        QVERIFY(page.rollBackButton()->isDefault());

        page.operatorEdit()->setText(u"bo"_s);
        page.reasonEdit()->setText(u"15 % slower in shadow"_s);
        QSignalSpy rules(&ledger, &MutationLedger::rulesChanged);
        page.rollBackButton()->click();
        QCOMPARE(rules.count(), 1);
        QCOMPARE(ledger.mutation(id)->state, MutationState::RolledBack);
        QCOMPARE(page.rulesTable()->topLevelItemCount(), 1);
        QCOMPARE(page.rulesTable()->topLevelItem(0)->text(MutationsPage::RuleKind), u"stream_processing"_s);
        QCOMPARE(page.rulesTable()->topLevelItem(0)->text(MutationsPage::RuleTool), u"fetch_data"_s);
        QCOMPARE(page.tabs()->tabText(2), u"Avoidance rules (1)"_s);
        // The comparison is the evidence of the step.
        QVERIFY(ledger.mutation(id)->history.back().evidence.constFirst().startsWith(u"ROLL_BACK"_s));
    }

    void mutationsPageWaitsForAComparisonWithoutComparator()
    {
        MutationLedger ledger;
        MutationProposal p;
        p.workflow = Workflow;
        p.version = u"1.0.0"_s;
        p.kind = MutationKind::AddIndex;
        const qint64 id = ledger.propose(p, u"ana"_s);
        QVERIFY(ledger.startShadow(id, u"1.1.0"_s, u"ana"_s, u"trial"_s));
        MutationsPage page;
        QSignalSpy wanted(&page, &MutationsPage::comparisonWanted);
        page.setLedger(&ledger);
        QVERIFY(wanted.count() >= 1);
        QCOMPARE(wanted.last(), (QVariantList{Workflow, u"1.0.0"_s, u"1.1.0"_s}));
        ShadowComparator comparator;
        feedShadow(comparator, 1.0);
        page.setComparison(comparator.compare(Workflow, u"1.0.0"_s, u"1.1.0"_s));
        QCOMPARE(page.comparisonWidget()->recommendationLabel()->text(), u"PROMOTE"_s);
        QVERIFY(page.promoteButton()->isDefault());
    }

    void rulesImportAndExportThroughThePage()
    {
        LedgerStory story;
        MutationsPage source;
        source.setLedger(&story.ledger);
        const QString path = m_dir.filePath(u"rules.json"_s);
        QString error;
        QVERIFY2(source.exportRules(path, &error), qPrintable(error));

        MutationLedger other;
        MutationProposal p;
        p.workflow = u"refunds"_s;
        p.tool = u"fetch_data"_s;
        p.kind = MutationKind::AddCache;
        const qint64 id = other.propose(p, u"trend"_s);
        MutationsPage target;
        target.setLedger(&other);
        QCOMPARE(target.mutationTable()->topLevelItem(0)->text(MutationsPage::ColRule), QString());
        QString message;
        QVERIFY2(target.importRules(path, &message), qPrintable(message));
        QVERIFY(message.contains(u"Imported 1 rule"_s));
        QCOMPARE(texts(target.rulesTable(), MutationsPage::RuleBroke),
                 QStringList{u"validate validation_pass mean 0.9975 → 0.9775 (−2.00 pp)"_s});
        // Another team's rule flags this team's proposal.
        QVERIFY(other.isFlagged(id));
        QCOMPARE(target.mutationTable()->topLevelItem(0)->text(MutationsPage::ColRule), u"⚠ #1"_s);

        QFile bad(m_dir.filePath(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"format":"apprentice-avoidance-rules","version":1,"rules":[{"kind":"add_cahce","tool":"*","broke":"x"}]})");
        bad.close();
        QVERIFY(!target.importRules(bad.fileName(), &message));
        QVERIFY2(message.contains(u"rules[0].kind: unknown mutation kind \"add_cahce\""_s), qPrintable(message));

        // Removing a rule lifts the flag.
        target.rulesTable()->setCurrentItem(target.rulesTable()->topLevelItem(0));
        QVERIFY(target.removeRuleButton()->isEnabled());
        target.removeRuleButton()->click();
        QCOMPARE(target.rulesTable()->topLevelItemCount(), 0);
        QVERIFY(!other.isFlagged(id));
    }
};

QTEST_MAIN(TestEvolutionViews)
#include "tst_evolutionviews.moc"
