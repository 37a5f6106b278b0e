#include "models/consoletestdata.h"

#include "consolesession.h"
#include "enginehost.h"
#include "eventsmodel.h"
#include "streammodel.h"
#include "workflowsmodel.h"

#include "evolution/trendwatch.h"
#include "storage/store.h"

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

    static std::vector<Record> demoRecords(quint64 seed, int executions)
    {
        DemoSimulator sim(seed);
        std::vector<Record> records;
        for (int i = 0; i < executions; ++i) {
            auto e = sim.nextExecution();
            records.insert(records.end(), e.begin(), e.end());
        }
        return records;
    }

    /// Imports `file` into a session of `host` kept in `store`: what the session said of the store (empty on timeout).
    static StoreStatus importKept(EngineHost &host, const QString &store, const QString &file, qint64 *records = nullptr)
    {
        HostConfig config;
        config.storePath = store;
        host.configure(config);
        QSignalSpy finished(&host, &EngineHost::importFinished);
        QSignalSpy stored(&host, &EngineHost::storeChanged);
        host.openFiles({file});
        if (!QTest::qWaitFor([&] { return finished.count() == 1 && stored.count() == 1; }, 10000))
            return {};
        if (records)
            *records = finished.at(0).at(0).value<ImportSummary>().records;
        return stored.at(0).at(0).value<StoreStatus>();
    }

    /// Records behind the daily trend aggregates a store keeps (−1: none or unreadable).
    static qint64 storedTrendRecords(const Store &store)
    {
        QByteArray state;
        TrendWatch trends;
        if (!store.loadTrendState(state, nullptr) || state.isEmpty() || !trends.restoreState(state))
            return -1;
        return trends.tracker().records();
    }

    static const WorkflowSnapshot *onlyWorkflow(const EngineHost &host)
    {
        const auto snapshot = host.snapshot();
        return snapshot && snapshot->workflows.size() == 1 ? &snapshot->workflows.front() : nullptr;
    }

    void knowledgeCarriesOverToTheNextSessionOnRealData()
    {
        const QString store = m_dir.filePath(QStringLiteral("knowledge.sqlite"));
        const QString path = m_dir.filePath(QStringLiteral("day1.jsonl"));
        QVERIFY(ConsoleTestData::writeDemoExport(path, 100));
        HostConfig config;
        config.storePath = store;
        {
            EngineHost host;
            const StoreStatus status = importKept(host, store, path);
            QCOMPARE(status.path, store);
            QCOMPARE(status.restored, 0);
            QVERIFY2(status.error.isEmpty(), qPrintable(status.error));
            QTRY_VERIFY(onlyWorkflow(host) && onlyWorkflow(host)->phase == Phase::Graduated);
        } // closing the session writes what is left
        {
            Store s;
            EngineSnapshot kept;
            QString error;
            QVERIFY2(s.open(store, &error) && s.loadSnapshot(kept, &error), qPrintable(error));
            QCOMPARE(kept.workflows.size(), size_t(1));
            QCOMPARE(kept.workflows.front().phase, Phase::Graduated);
            QCOMPARE(kept.workflows.front().executions, 100);
            QVERIFY(!s.loadEvents().empty());
            QCOMPARE(storedTrendRecords(s), 400); // the trend aggregates too: trends need more days than a session
        }

        // The same file again: nothing new. Grown (the same simulation, 20 executions longer): only its new lines.
        {
            EngineHost host;
            qint64 records = -1;
            QSignalSpy finished(&host, &EngineHost::importFinished);
            QCOMPARE(importKept(host, store, path, &records).restored, 1);
            QCOMPARE(records, 0);
            QVERIFY2(finished.at(0).at(0).value<ImportSummary>().notes.value(0).startsWith(
                         QStringLiteral("day1.jsonl: already imported up to line 400")),
                     qPrintable(finished.at(0).at(0).value<ImportSummary>().notes.join(u'|')));
        }
        QVERIFY(ConsoleTestData::writeDemoExport(path, 120));
        {
            EngineHost host;
            qint64 records = -1;
            QSignalSpy finished(&host, &EngineHost::importFinished);
            QSignalSpy published(&host, &EngineHost::published);
            importKept(host, store, path, &records);
            QCOMPARE(records, 80);
            // The economics of the earlier sessions come along (hourly ledger rows), beside this one's.
            host.flush();
            QTRY_VERIFY([&] {
                qint64 executions = 0;
                for (const QList<QVariant> &args : published)
                    for (const LedgerEntry &l : args.at(0).value<std::shared_ptr<const EnginePublication>>()->ledger)
                        executions += l.executions;
                return executions == 120;
            }());
            QVERIFY(finished.at(0).at(0).value<ImportSummary>().notes.value(0).startsWith(QStringLiteral("day1.jsonl: continuing after line 400")));
            QTRY_VERIFY(onlyWorkflow(host) && onlyWorkflow(host)->executions == 120);
        }

        // The next day, live: the session continues from the kept profiles instead of starting an apprenticeship.
        const std::vector<Record> day2 = demoRecords(11, 20);
        EngineHost host;
        host.configure(config);
        QSignalSpy stored(&host, &EngineHost::storeChanged);
        host.appendRecords(day2);
        host.flush();
        QTRY_COMPARE(host.totals().records, 80);
        QCOMPARE(stored.count(), 1);
        QCOMPARE(stored.at(0).at(0).value<StoreStatus>().restored, 1);
        QTRY_VERIFY(onlyWorkflow(host) && onlyWorkflow(host)->executions == 140);
        QCOMPARE(onlyWorkflow(host)->phase, Phase::Graduated);
        QCOMPARE(host.totals().graduations, 0);
        host.resetSession(); // ends the session: what is left is written
        QTRY_COMPARE(host.storeStatus().path, QString());
        {
            Store s;
            QString error;
            QVERIFY2(s.open(store, &error), qPrintable(error));
            QTRY_COMPARE(storedTrendRecords(s), 560); // every session's records, each once
        }

        // Without a store the same records start from nothing.
        EngineHost forgetful;
        forgetful.appendRecords(day2);
        forgetful.flush();
        QTRY_VERIFY(onlyWorkflow(forgetful) && onlyWorkflow(forgetful)->executions == 20);
        QCOMPARE(onlyWorkflow(forgetful)->phase, Phase::Apprentice);
        QVERIFY(forgetful.storeStatus().path.isEmpty());
    }

    void anUnreadableStoreIsReportedAndLeftUntouched()
    {
        const QString store = m_dir.filePath(QStringLiteral("broken.sqlite"));
        const QByteArray garbage("this is not an SQLite database, and it must stay exactly this\n");
        {
            QFile f(store);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(garbage);
        }
        const QString path = m_dir.filePath(QStringLiteral("any.jsonl"));
        QVERIFY(ConsoleTestData::writeDemoExport(path, 60));
        EngineHost host;
        qint64 records = 0;
        const StoreStatus status = importKept(host, store, path, &records);
        QCOMPARE(records, 240); // the import itself goes on
        QVERIFY(!status.error.isEmpty());
        QCOMPARE(host.storeStatus().error, status.error);
        QFile f(store);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), garbage);
    }

    void aStoreAnotherWriterHoldsIsLeftAlone()
    {
        const QString store = m_dir.filePath(QStringLiteral("claimed.sqlite"));
        Store cli;
        QString error;
        QVERIFY2(cli.open(store, &error) && cli.claimWriting(&error), qPrintable(error));
        const QString path = m_dir.filePath(QStringLiteral("claimed.jsonl"));
        QVERIFY(ConsoleTestData::writeDemoExport(path, 30));
        EngineHost host;
        qint64 records = 0;
        const StoreStatus status = importKept(host, store, path, &records);
        QCOMPARE(records, 120); // the session goes on, without keeping what it learns
        QVERIFY2(status.error.contains(QStringLiteral("is being written by")), qPrintable(status.error));
    }

    void theDemoNeverTouchesTheStore()
    {
        const QString store = m_dir.filePath(QStringLiteral("untouched.sqlite"));
        HostConfig config;
        config.storePath = store;
        EngineHost host;
        host.configure(config);
        QSignalSpy stored(&host, &EngineHost::storeChanged);
        runDemo(host, 80);
        host.appendRecords(demoRecords(5, 5)); // a live source beside the demo does not attach either
        host.resetSession();
        host.flush();
        QTRY_COMPARE(host.totals().records, 0);
        QCOMPARE(stored.count(), 0);
        QVERIFY(!QFileInfo::exists(store));
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
