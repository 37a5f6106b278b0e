#include "models/consoletestdata.h"

#include "consolesession.h"
#include "enginehost.h"
#include "eventsmodel.h"
#include "streammodel.h"
#include "workflowsmodel.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Apprentice;

class TestEngineHost : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// Runs the demo as fast as possible up to `executions` and waits until it paused there.
    static void runDemo(EngineHost &host, qint64 executions, Situation s = Situation::Normal, qint64 at = 100)
    {
        DemoOptions o;
        o.speed = 0;
        o.pauseAt = executions;
        o.scenario = s;
        o.scenarioAt = at;
        host.startDemo(o);
        QTRY_VERIFY_WITH_TIMEOUT(host.demoState().paused && host.demoState().executions >= executions, 20000);
        host.flush();
    }

private slots:
    void demoGraduatesAndPublishesAnnotatedRows()
    {
        EngineHost host;
        std::vector<StreamRow> rows;
        std::vector<EventRecord> events;
        connect(&host, &EngineHost::published, this, [&](std::shared_ptr<const EnginePublication> p) {
            rows.insert(rows.end(), p->rows.begin(), p->rows.end());
            events.insert(events.end(), p->events.begin(), p->events.end());
        });
        runDemo(host, 200);
        QTRY_COMPARE(host.totals().executions, 200);
        QCOMPARE(host.totals().graduations, 1);
        QCOMPARE(qint64(rows.size()), host.totals().records);
        // Sequence numbers are dense and rows learnt before graduation are marked.
        for (size_t i = 0; i < rows.size(); ++i)
            QCOMPARE(rows[i].seq, qint64(i + 1));
        QVERIFY(rows.front().has(StreamRow::Learning));
        QVERIFY(!rows.back().has(StreamRow::Learning));
        const auto graduated = std::find_if(events.begin(), events.end(),
                                            [](const EventRecord &e) { return e.event.kind == EventKind::Graduated; });
        QVERIFY(graduated != events.end());
        QVERIFY(graduated->seq > 0);
        QVERIFY(host.snapshot());
        QCOMPARE(host.snapshot()->workflows.front().phase, Phase::Graduated);
    }

    void slowdownIsDetectedDiagnosedAndMarkedOnItsRecord()
    {
        EngineHost host;
        std::vector<StreamRow> rows;
        std::vector<EventRecord> events;
        std::vector<InvestigationRecord> investigations;
        connect(&host, &EngineHost::published, this, [&](std::shared_ptr<const EnginePublication> p) {
            rows.insert(rows.end(), p->rows.begin(), p->rows.end());
            events.insert(events.end(), p->events.begin(), p->events.end());
            investigations.insert(investigations.end(), p->investigations.begin(), p->investigations.end());
        });
        runDemo(host, 300, Situation::ApiSlowdown, 150);
        QTRY_VERIFY(std::any_of(events.begin(), events.end(), [](const EventRecord &e) { return e.event.kind == EventKind::Diagnosis; }));
        const auto drift = std::find_if(events.begin(), events.end(), [](const EventRecord &e) {
            return e.event.kind == EventKind::Drift && e.event.tool == u"fetch_data" && e.event.metric == u"latency_ms";
        });
        QVERIFY(drift != events.end());
        const StreamRow &row = rows[size_t(drift->seq - 1)];
        QVERIFY(row.has(StreamRow::Drift));
        QCOMPARE(row.tool, QStringLiteral("fetch_data"));
        const auto inv = std::find_if(investigations.rbegin(), investigations.rend(),
                                      [&](const InvestigationRecord &r) { return r.driftId == drift->event.id; });
        QVERIFY(inv != investigations.rend());
        QVERIFY(!inv->running);
        QCOMPARE(inv->result.diagnosis.action, DiagnosisAction::UpdateProfile);
        QCOMPARE(inv->context.tool, QStringLiteral("fetch_data"));
        QVERIFY(inv->context.profile.n > 0);
    }

    void importReportsRejectedLinesWithFileAndLine()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad.jsonl"));
        QVERIFY(ConsoleTestData::writeDemoExport(path, 100, Situation::Normal, 0, 3));
        EngineHost host;
        QSignalSpy finished(&host, &EngineHost::importFinished);
        QSignalSpy importing(&host, &EngineHost::importingChanged);
        host.openFiles({path});
        QVERIFY(host.isImporting());
        QTRY_COMPARE(finished.count(), 1);
        const auto summary = finished.at(0).at(0).value<ImportSummary>();
        QCOMPARE(summary.outcome, Outcome::Finished);
        QCOMPARE(summary.records, 400);
        QCOMPARE(summary.rejected, 3);
        QCOMPARE(summary.rejectedSample.size(), 3);
        QVERIFY2(summary.rejectedSample.first().startsWith(QStringLiteral("bad.jsonl:98: ")), qPrintable(summary.rejectedSample.first()));
        QVERIFY(!host.isImporting());
        QCOMPARE(importing.count(), 2);
        QTRY_COMPARE(host.totals().records, 400);
    }

    void cancellingAnImportIsANormalOutcome()
    {
        const QString path = m_dir.filePath(QStringLiteral("big.jsonl"));
        QVERIFY(ConsoleTestData::writeDemoExport(path, 40000)); // ≈ 29 MB: several read chunks
        EngineHost host;
        QSignalSpy finished(&host, &EngineHost::importFinished);
        host.openFiles({path});
        host.cancelImport();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const auto summary = finished.at(0).at(0).value<ImportSummary>();
        QCOMPARE(summary.outcome, Outcome::Cancelled);
        QVERIFY(summary.records < 160000);
        QVERIFY(summary.error.isEmpty());
    }

    void seriesQueriesAreDownsampledToTheWidth()
    {
        EngineHost host;
        runDemo(host, 2000);
        QSignalSpy ready(&host, &EngineHost::seriesReady);
        SeriesQuery q;
        q.workflow = QString::fromLatin1(DemoSimulator::workflowName());
        q.version = QString::fromLatin1(DemoSimulator::versionName());
        q.tool = QStringLiteral("fetch_data");
        q.metric = QStringLiteral("latency_ms");
        q.buckets = 300;
        q.ticket = 42;
        host.querySeries(q);
        QTRY_COMPARE(ready.count(), 1);
        const auto reply = ready.at(0).at(0).value<std::shared_ptr<const SeriesReply>>();
        QCOMPARE(reply->query.ticket, quint64(42));
        QCOMPARE(reply->historySize, 2000);
        QCOMPARE(reply->pointsInRange, 2000);
        QVERIFY(reply->points.size() <= 600);
        QVERIFY(!reply->window.empty());
        QCOMPARE(qsizetype(reply->windowValues.size()), qsizetype(q.windowSize));
        // The neighbourhood of one record, raw.
        SeriesQuery around = q;
        around.aroundSeq = 4001;
        around.before = 10;
        around.after = 5;
        host.querySeries(around);
        QTRY_COMPARE(ready.count(), 2);
        const auto near = ready.at(1).at(0).value<std::shared_ptr<const SeriesReply>>();
        QCOMPARE(qsizetype(near->points.size()), 16);
    }

    void acceptingADriftIsAuditedWithTheOperatorsName()
    {
        EngineHost host;
        std::vector<EventRecord> events;
        connect(&host, &EngineHost::published, this, [&](std::shared_ptr<const EnginePublication> p) {
            events.insert(events.end(), p->events.begin(), p->events.end());
        });
        runDemo(host, 300, Situation::ValidationDegradation, 100);
        const auto drift = std::find_if(events.begin(), events.end(), [](const EventRecord &e) {
            return e.event.kind == EventKind::Drift && e.event.metric == u"validation_pass";
        });
        QVERIFY(drift != events.end());
        QSignalSpy done(&host, &EngineHost::actionDone);
        OperatorAction a;
        a.kind = OperatorAction::AcceptAsNormal;
        a.eventId = drift->event.id;
        a.workflow = drift->event.workflow;
        a.version = drift->event.version;
        a.tool = drift->event.tool;
        a.metric = drift->event.metric;
        a.who = QStringLiteral("tester");
        host.applyAction(a);
        QTRY_COMPARE(done.count(), 1);
        QVERIFY(done.at(0).at(1).toBool());
        QTRY_VERIFY(std::any_of(events.begin(), events.end(), [](const EventRecord &e) {
            return e.event.kind == EventKind::Transition
                   && e.event.reason == u"validate validation_pass accepted as the new normal by tester";
        }));
    }

    void appendRecordsFeedsTheEngineLikeAnyOtherSource()
    {
        EngineHost host;
        DemoSimulator sim(3);
        std::vector<Record> records;
        for (int i = 0; i < 60; ++i) {
            auto e = sim.nextExecution();
            records.insert(records.end(), e.begin(), e.end());
        }
        host.appendRecords(records);
        host.flush();
        QTRY_COMPARE(host.totals().records, 240);
        QCOMPARE(host.totals().graduations, 1);
    }

    void sessionModelsFollowTheHostAndResetTogether()
    {
        ConsoleSession session;
        DemoOptions o;
        o.speed = 0;
        o.pauseAt = 120;
        session.startDemo(o);
        QTRY_VERIFY_WITH_TIMEOUT(session.host()->demoState().paused, 20000);
        session.host()->flush();
        QTRY_COMPARE(session.stream()->totalSeen(), 480);
        QTRY_COMPARE(session.workflows()->rowCount(), 1);
        QCOMPARE(session.toolNames(), (QStringList{QStringLiteral("fetch_data"), QStringLiteral("process"),
                                                   QStringLiteral("validate"), QStringLiteral("send_results")}));
        session.reset();
        QCOMPARE(session.stream()->rowCount(), 0);
        QCOMPARE(session.workflows()->rowCount(), 0);
        QCOMPARE(session.host()->totals().records, 0);
    }
};

QTEST_MAIN(TestEngineHost)
#include "tst_enginehost.moc"
