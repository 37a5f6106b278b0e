#include "bench/streams.h"
#include "engine.h"

#include <QtTest>

#include <algorithm>

using namespace Apprentice;
using namespace Streams;

namespace {

struct Harness {
    Engine engine;
    std::vector<Event> events;
    qint64 line = 0;
    qint64 ts = 1'790'000'000'000;
    explicit Harness(EngineConfig cfg = {}) : engine(std::move(cfg))
    {
        engine.setEventHandler([this](const Event &e) { events.push_back(e); });
    }
    void run(WorkflowStream &s, int executions, const std::string &version = "1.0.0")
    {
        std::vector<Record> batch;
        for (int i = 0; i < executions; ++i) {
            batch.clear();
            s.nextExecution(batch, ts += 1000);
            for (Record &r : batch) {
                r.version = version;
                r.line = ++line;
                engine.process(r);
            }
        }
    }
    std::vector<Event> of(EventKind k, qint64 fromLine = 0) const
    {
        std::vector<Event> out;
        for (const Event &e : events)
            if (e.kind == k && e.line >= fromLine)
                out.push_back(e);
        return out;
    }
    qint64 records() const { return engine.totals().records; }
    WorkflowSnapshot workflow(const QString &name, const QString &version = QStringLiteral("1.0.0")) const
    {
        for (const WorkflowSnapshot &w : engine.snapshot().workflows)
            if (w.workflow == name && w.version == version)
                return w;
        return {};
    }
};

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void graduationCountsExecutionsNotToolCalls()
    {
        Harness h;
        WorkflowStream s("pco", Family::Gaussian, 1);
        h.run(s, 13); // 52 tool calls: the seed would have "graduated" here
        QCOMPARE(h.of(EventKind::Graduated).size(), size_t(0));
        QCOMPARE(h.workflow(QStringLiteral("pco")).executions, qint64(13));
        QCOMPARE(h.workflow(QStringLiteral("pco")).records, qint64(52));
        QCOMPARE(h.workflow(QStringLiteral("pco")).reason, QStringLiteral("13/50 executions"));
        h.run(s, 36);
        QCOMPARE(h.workflow(QStringLiteral("pco")).reason, QStringLiteral("49/50 executions"));
        h.run(s, 100);
        const auto grads = h.of(EventKind::Graduated);
        QCOMPARE(grads.size(), size_t(1));
        QVERIFY(grads[0].executions >= 50);
        QCOMPARE(grads[0].workflow, QStringLiteral("pco"));
        QCOMPARE(grads[0].version, QStringLiteral("1.0.0"));
        // The triggering record is the first call of the run after the last one counted.
        QCOMPARE(grads[0].line, grads[0].executions * 4 + 1);
        QCOMPARE(h.workflow(QStringLiteral("pco")).phase, Phase::Graduated);
    }

    void graduationWaitsForCleanRunsAndStatesWhy()
    {
        Harness h;
        WorkflowStream s("pco", Family::Gaussian, 2);
        h.run(s, 45);
        s.setChange(Change::Outage, 0);
        h.run(s, 1);
        s.setChange(Change::None, 0);
        h.run(s, 10);
        QCOMPARE(h.workflow(QStringLiteral("pco")).phase, Phase::Apprentice);
        QVERIFY2(h.workflow(QStringLiteral("pco")).reason.startsWith(QStringLiteral("failure ")),
                 qPrintable(h.workflow(QStringLiteral("pco")).reason));
        // The failure itself is reported at once, even during apprenticeship.
        const auto drifts = h.of(EventKind::Drift);
        QCOMPARE(drifts.size(), size_t(1));
        QCOMPARE(drifts[0].metric, QStringLiteral("status"));
        QCOMPARE(drifts[0].line, qint64(45 * 4 + 1));
        h.run(s, 60);
        const auto grads = h.of(EventKind::Graduated);
        QCOMPARE(grads.size(), size_t(1));
        QVERIFY(grads[0].executions >= 46 + 20);
    }

    void newVersionStartsItsOwnApprenticeship()
    {
        Harness h;
        WorkflowStream s("pco", Family::Gaussian, 3);
        h.run(s, 120);
        QCOMPARE(h.workflow(QStringLiteral("pco")).phase, Phase::Graduated);
        h.run(s, 10, "1.1.0");
        const WorkflowSnapshot v11 = h.workflow(QStringLiteral("pco"), QStringLiteral("1.1.0"));
        QCOMPARE(v11.phase, Phase::Apprentice);
        QCOMPARE(v11.executions, qint64(10));
        QCOMPARE(v11.reason, QStringLiteral("10/50 executions"));
        QCOMPARE(h.workflow(QStringLiteral("pco")).phase, Phase::Graduated);
    }

    void stationaryStreamRaisesNoDrift_data()
    {
        QTest::addColumn<int>("family");
        QTest::newRow("gaussian") << int(Family::Gaussian);
        QTest::newRow("heavy-tailed") << int(Family::HeavyTailed);
        QTest::newRow("spiky") << int(Family::Spiky);
    }
    void stationaryStreamRaisesNoDrift()
    {
        QFETCH(int, family);
        Harness h;
        WorkflowStream a("a", Family(family), 10), b("b", Family(family), 11);
        for (int i = 0; i < 1500; ++i) {
            h.run(a, 1);
            h.run(b, 1);
        }
        QCOMPARE(h.of(EventKind::Graduated).size(), size_t(2));
        // The goal is at most 1 false drift per 10,000 records; this is 12,000.
        QVERIFY(h.of(EventKind::Drift).size() <= 1);
        QVERIFY(h.records() >= 12000);
    }

    void heavyTailShiftIsFoundInTheGapBetweenBodyAndSlowPath()
    {
        // Log-normal latency with a 3 % slow path at 3–5× the median; then every call ×2.1 (3 σ of
        // log-latency). A shifted call ranks like a slow-path call, so rank scores alone need about
        // 11 calls; the likelihood-ratio CUSUM sees it land where the profile has almost no density.
        QFETCH(double, llrShiftSigmas);
        QFETCH(int, mostCalls);
        QFETCH(int, fewestCalls);
        EngineConfig cfg;
        cfg.detector.llrShiftSigmas = llrShiftSigmas;
        std::vector<int> delays;
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            Harness h(cfg);
            WorkflowStream s("ht", Family::HeavyTailed, seed);
            h.run(s, 600);
            QCOMPARE(h.of(EventKind::Drift).size(), size_t(0)); // stationary so far: nothing to find
            const qint64 from = h.line + 1;
            s.setChange(Change::Latency3Sigma, 0);
            int calls = 0;
            while (h.of(EventKind::Drift, from).empty() && calls < 40) {
                h.run(s, 1);
                ++calls; // one fetch_data call per execution
            }
            const auto drifts = h.of(EventKind::Drift, from);
            QCOMPARE(drifts.size(), size_t(1));
            QCOMPARE(drifts[0].tool, QStringLiteral("fetch_data"));
            QCOMPARE(drifts[0].metric, QStringLiteral("latency_ms"));
            QCOMPARE(drifts[0].direction, 1);
            delays.push_back(calls);
        }
        std::sort(delays.begin(), delays.end());
        const int median = delays[delays.size() / 2];
        QVERIFY2(median <= mostCalls && median >= fewestCalls, qPrintable(QString::number(median)));
    }
    void heavyTailShiftIsFoundInTheGapBetweenBodyAndSlowPath_data()
    {
        QTest::addColumn<double>("llrShiftSigmas");
        QTest::addColumn<int>("mostCalls");
        QTest::addColumn<int>("fewestCalls");
        QTest::newRow("likelihood ratio") << 3.0 << 6 << 1;
        QTest::newRow("rank scores only") << 0.0 << 40 << 8;
    }

    void failureIsAnImmediateDriftDiagnosedAsRecover()
    {
        Harness h;
        WorkflowStream s("pco", Family::Gaussian, 4);
        h.run(s, 150);
        const qint64 from = h.line + 1;
        s.setChange(Change::Outage, 0);
        h.run(s, 1);
        const auto drifts = h.of(EventKind::Drift, from);
        QCOMPARE(drifts.size(), size_t(1));
        QCOMPARE(drifts[0].metric, QStringLiteral("status"));
        QCOMPARE(drifts[0].tool, QStringLiteral("fetch_data"));
        QCOMPARE(drifts[0].line, from);
        const auto diags = h.of(EventKind::Diagnosis, from);
        QCOMPARE(diags.size(), size_t(1));
        QCOMPARE(diags[0].status, QStringLiteral("BROKEN"));
        QCOMPARE(diags[0].action, QStringLiteral("RECOVER"));
        QCOMPARE(diags[0].tier, QStringLiteral("rules"));
        QCOMPARE(diags[0].relatesTo, drifts[0].id);
        // Graduated → Investigating → Graduated, each transition audited with a reason.
        const auto transitions = h.of(EventKind::Transition, from);
        QCOMPARE(transitions.size(), size_t(2));
        QCOMPARE(transitions[0].to, Phase::Investigating);
        QCOMPARE(transitions[1].to, Phase::Graduated);
        QVERIFY(!transitions[1].reason.isEmpty());
    }

    void criticalFailureSendsBackToApprenticeship()
    {
        Harness h;
        WorkflowStream s("pco", Family::Gaussian, 5);
        h.run(s, 150);
        s.setChange(Change::Outage, 0);
        h.run(s, 3);
        const WorkflowSnapshot w = h.workflow(QStringLiteral("pco"));
        QCOMPARE(w.phase, Phase::Apprentice);
        QVERIFY(w.relearning);
        QVERIFY(w.reason.startsWith(QStringLiteral("re-learning: ")));
        QCOMPARE(h.of(EventKind::Drift).size(), size_t(1)); // one failure burst, one drift
        s.setChange(Change::None, 0);
        h.run(s, 120);
        QCOMPARE(h.workflow(QStringLiteral("pco")).phase, Phase::Graduated);
        QCOMPARE(h.of(EventKind::Graduated).size(), size_t(2));
    }

    void slowdownIsDetectedDiagnosedAndRebased()
    {
        Harness h;
        WorkflowStream s("pco", Family::Gaussian, 6);
        h.run(s, 300);
        const qint64 from = h.line + 1;
        s.setChange(Change::Slowdown4x, 0);
        h.run(s, 2);
        const auto drifts = h.of(EventKind::Drift, from);
        QCOMPARE(drifts.size(), size_t(1));
        QCOMPARE(drifts[0].tool, QStringLiteral("fetch_data"));
        QCOMPARE(drifts[0].metric, QStringLiteral("latency_ms"));
        QCOMPARE(drifts[0].direction, 1);
        QVERIFY(drifts[0].value > 3 * drifts[0].expected);
        const auto diags = h.of(EventKind::Diagnosis, from);
        QCOMPARE(diags.size(), size_t(1));
        QCOMPARE(diags[0].action, QStringLiteral("UPDATE_PROFILE"));
        // The new normal is learned and watched: no further drift while it persists.
        h.run(s, 300);
        QCOMPARE(h.of(EventKind::Drift, from).size(), size_t(1));
        const WorkflowSnapshot w = h.workflow(QStringLiteral("pco"));
        QCOMPARE(w.phase, Phase::Graduated);
        for (const MetricSnapshot &m : w.tools[0].metrics)
            if (m.metric == u"latency_ms")
                QVERIFY2(std::abs(m.profile.p50() - 900) < 60, qPrintable(QString::number(m.profile.p50())));
        // ... and a return to the old speed is itself a change.
        s.setChange(Change::None, 0);
        h.run(s, 10);
        const auto back = h.of(EventKind::Drift, from);
        QCOMPARE(back.size(), size_t(2));
        QCOMPARE(back[1].direction, -1);
    }

    void validationDegradationProposesEvolution()
    {
        Harness h;
        WorkflowStream s("pco", Family::Gaussian, 7);
        h.run(s, 300);
        const qint64 from = h.line + 1;
        s.setChange(Change::Validation93, 2);
        h.run(s, 6);
        const auto drifts = h.of(EventKind::Drift, from);
        QVERIFY(!drifts.empty());
        QCOMPARE(drifts[0].tool, QStringLiteral("validate"));
        QCOMPARE(drifts[0].metric, QStringLiteral("validation_pass"));
        QCOMPARE(drifts[0].direction, -1);
        const auto diags = h.of(EventKind::Diagnosis, from);
        QCOMPARE(diags[0].action, QStringLiteral("EVOLVE_WORKFLOW"));
        // Not a new normal: it stays flagged instead of alarming on every call.
        h.run(s, 100);
        QCOMPARE(h.of(EventKind::Drift, from).size(), size_t(1));
    }

    void ledgerChargesApprenticeshipAndInvestigations()
    {
        EngineConfig cfg;
        Harness h(cfg);
        WorkflowStream s("pco", Family::Gaussian, 8);
        h.run(s, 200);
        WorkflowSnapshot w = h.workflow(QStringLiteral("pco"));
        const qint64 apprentice = w.ledger.apprenticeExecutions;
        QVERIFY(apprentice >= 50 && apprentice < 200);
        QCOMPARE(w.ledger.apprenticeExecutions + w.ledger.graduatedExecutions, qint64(200));
        QVERIFY(qFuzzyCompare(w.ledger.apprenticeUsd, apprentice * cfg.costs.apprenticeExecution));
        QVERIFY(qFuzzyCompare(w.ledger.alwaysOnUsd, 200 * cfg.costs.alwaysOnExecution));
        auto diagnosed = [&] {
            double sum = 0;
            for (const Event &e : h.of(EventKind::Diagnosis))
                sum += e.costUsd;
            return sum;
        };
        QCOMPARE(w.ledger.investigationUsd, diagnosed());
        const double before = w.ledger.investigationUsd;
        s.setChange(Change::Outage, 0);
        h.run(s, 1);
        w = h.workflow(QStringLiteral("pco"));
        const auto &c = cfg.costs;
        QVERIFY(qFuzzyCompare(w.ledger.investigationUsd - before, c.fastCall + c.mediumCall + c.expensiveCall));
        QVERIFY(qFuzzyCompare(w.ledger.investigationUsd, diagnosed()));
        h.engine.finish();
        double hourly = 0;
        for (const LedgerEntry &e : h.engine.takeLedgerEntries())
            hourly += e.apprenticeUsd + e.investigationUsd;
        QVERIFY(qFuzzyCompare(hourly, w.ledger.spentUsd()));
    }

    void operatorAcceptRebasesAndIsAudited()
    {
        EngineConfig cfg;
        Harness h(cfg);
        // An external ladder that never answers: the drift stays under investigation.
        std::vector<InvestigationRequest> requests;
        int reviews = 0;
        h.engine.setInvestigationHandler([&](const InvestigationRequest &r) {
            if (r.context.trigger == Trigger::ApprenticeReview) {
                ++reviews; // every apprentice run is reviewed; answer NORMAL for free
                h.engine.resolveInvestigation(r.id, {TierOutcome{QStringLiteral("t"), Diagnosis{DiagnosisStatus::Normal, 1, {}, {}, DiagnosisAction::Ignore, {}}, 0.002}});
                return;
            }
            requests.push_back(r);
        });
        WorkflowStream s("pco", Family::Gaussian, 9);
        h.run(s, 300);
        s.setChange(Change::Slowdown4x, 0);
        h.run(s, 3);
        QCOMPARE(requests.size(), size_t(1));
        const WorkflowSnapshot w = h.workflow(QStringLiteral("pco"));
        QCOMPARE(qint64(reviews), w.ledger.apprenticeExecutions); // each run reviewed when the next starts
        QVERIFY(qFuzzyCompare(w.ledger.apprenticeUsd, reviews * 0.002)); // real costs, not modelled ones
        QCOMPARE(requests[0].context.tool, QStringLiteral("fetch_data"));
        QVERIFY(requests[0].context.profile.p50 > 150 && requests[0].context.profile.p50 < 300);
        QVERIFY(!requests[0].context.recent.empty());
        QCOMPARE(h.workflow(QStringLiteral("pco")).phase, Phase::Investigating);
        QString error;
        QVERIFY(h.engine.acceptAsNormal(QStringLiteral("pco"), QStringLiteral("1.0.0"), QStringLiteral("fetch_data"),
                                        QStringLiteral("latency_ms"), QStringLiteral("operator"), &error));
        QCOMPARE(h.workflow(QStringLiteral("pco")).phase, Phase::Graduated);
        const auto audit = h.of(EventKind::Transition);
        QVERIFY(std::any_of(audit.begin(), audit.end(), [](const Event &e) {
            return e.reason.contains(QStringLiteral("accepted as the new normal by operator"));
        }));
        QVERIFY(!h.engine.acceptAsNormal(QStringLiteral("pco"), QStringLiteral("1.0.0"), QStringLiteral("nope"),
                                         QStringLiteral("latency_ms"), QStringLiteral("operator"), &error));
        QVERIFY(error.contains(QStringLiteral("nope")));
    }

    void restoredEngineContinuesExactlyWhereItStopped()
    {
        // One engine over the whole stream versus one stopped half-way, persisted, restored.
        WorkflowStream s1("pco", Family::HeavyTailed, 12), s2("pco", Family::HeavyTailed, 12);
        Harness whole, first;
        whole.run(s1, 400);
        first.run(s2, 400);
        s1.setChange(Change::Slowdown4x, 1);
        s2.setChange(Change::Slowdown4x, 1);
        const EngineSnapshot snap = first.engine.snapshot();
        Harness second;
        QString error;
        QVERIFY2(second.engine.restore(snap, &error), qPrintable(error));
        second.line = first.line;
        second.ts = first.ts;
        const qint64 from = whole.line + 1;
        whole.run(s1, 50);
        second.run(s2, 50);
        const auto a = whole.of(EventKind::Drift, from);
        const auto b = second.of(EventKind::Drift, from);
        QVERIFY(!a.empty());
        QCOMPARE(b.size(), a.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].line, a[i].line);
            QCOMPARE(b[i].metric, a[i].metric);
        }
        QCOMPARE(second.workflow(QStringLiteral("pco")).phase, whole.workflow(QStringLiteral("pco")).phase);
        QCOMPARE(second.workflow(QStringLiteral("pco")).executions, qint64(450));
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
