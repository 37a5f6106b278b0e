#include "eventfiltermodel.h"
#include "eventsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Apprentice;

class TestEventsModel : public QObject
{
    Q_OBJECT

private:
    static Event event(EventKind kind, qint64 id, const QString &tool = QStringLiteral("fetch_data"),
                       const QString &metric = QStringLiteral("latency_ms"))
    {
        Event e;
        e.kind = kind;
        e.id = id;
        e.workflow = QStringLiteral("process_customer_order");
        e.version = QStringLiteral("1.0.0");
        e.tool = tool;
        e.metric = metric;
        e.tsMs = 1790812800000 + id * 1000;
        e.value = 892;
        e.expected = 225;
        e.score = 14;
        e.direction = 1;
        return e;
    }
    static Event diagnosis(qint64 id, qint64 drift, const QString &action)
    {
        Event d = event(EventKind::Diagnosis, id);
        d.relatesTo = drift;
        d.tier = QStringLiteral("rules");
        d.status = QStringLiteral("SUSPICIOUS");
        d.action = action;
        d.confidence = 0.88;
        d.costUsd = 0.016;
        d.rootCause = QStringLiteral("an external dependency changed");
        return d;
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void driftsCollectTheirDiagnosisAndDecision()
    {
        EventsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy decided(&model, &EventsModel::decisionChanged);
        model.addEvents({{event(EventKind::Drift, 5), 40}, {diagnosis(6, 5, QStringLiteral("UPDATE_PROFILE")), 40}});
        QCOMPARE(model.rowCount(), 1);
        const int row = model.rowForEvent(5);
        QCOMPARE(row, 0);
        QCOMPARE(model.rowAt(row).decision, EventsModel::Applied);
        QCOMPARE(model.index(row, EventsModel::ColKind).data().toString(), QStringLiteral("Drift"));
        QCOMPARE(model.index(row, EventsModel::ColValue).data().toString(), QStringLiteral("892 ms"));
        QCOMPARE(model.index(row, EventsModel::ColExpected).data().toString(), QStringLiteral("225 ms"));
        QCOMPARE(model.index(row, EventsModel::ColChange).data().toString(), QStringLiteral("×4.0"));
        QCOMPARE(model.index(row, EventsModel::ColAction).data().toString(), QStringLiteral("Update profile"));
        QCOMPARE(model.index(row, 0).data(EventsModel::SeqRole).toLongLong(), 40);
        QVERIFY(decided.count() >= 1);
    }

    void escalatedDriftsWaitForTheOperatorWhoseDecisionIsRecorded()
    {
        EventsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addEvents({{event(EventKind::Drift, 10, QStringLiteral("validate"), QStringLiteral("validation_pass")), 1},
                         {diagnosis(11, 10, QStringLiteral("ESCALATE_TO_HUMAN")), 1}});
        QCOMPARE(model.openCount(), 1);
        Event accepted = event(EventKind::Transition, 12, QStringLiteral("validate"), QStringLiteral("validation_pass"));
        accepted.from = accepted.to = Phase::Investigating;
        accepted.reason = QStringLiteral("validate validation_pass accepted as the new normal by dana");
        model.addEvents({{accepted, 0}});
        const EventsModel::Row &r = model.rowAt(model.rowForEvent(10));
        QCOMPARE(r.decision, EventsModel::Accepted);
        QCOMPARE(r.decidedBy, QStringLiteral("dana"));
        QCOMPARE(model.openCount(), 0);
        // The decision itself is an audit row.
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, EventsModel::ColKind).data().toString(), QStringLiteral("Decision"));
    }

    void filterByKindWaitingAndText()
    {
        EventsModel model;
        EventFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Event failure = event(EventKind::Drift, 3, QStringLiteral("fetch_data"), QStringLiteral("status"));
        Event graduated = event(EventKind::Graduated, 1);
        graduated.executions = 50;
        model.addEvents({{graduated, 200}, {event(EventKind::Anomaly, 2), 300}, {failure, 400},
                         {event(EventKind::Drift, 4, QStringLiteral("validate"), QStringLiteral("validation_pass")), 500},
                         {diagnosis(5, 4, QStringLiteral("ESCALATE_TO_HUMAN")), 500}});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(proxy.rowCount(), 3); // drifts, failures, anomalies by default
        proxy.setKinds(EventsModel::KindFailure);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, EventsModel::ColKind).data().toString(), QStringLiteral("Failure"));
        proxy.setKinds(EventsModel::KindDrift | EventsModel::KindFailure | EventsModel::KindAnomaly | EventsModel::KindPhase);
        QCOMPARE(proxy.rowCount(), 4);
        proxy.setWaitingOnly(true);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setWaitingOnly(false);
        proxy.setText(QStringLiteral("validation"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText({});
        proxy.sort(EventsModel::ColTime, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data(EventsModel::EventIdRole).toLongLong(), 4);
    }

    void theOldestRowsLeaveWhenFull()
    {
        EventsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(10);
        std::vector<EventRecord> batch;
        for (int i = 1; i <= 25; ++i)
            batch.push_back({event(EventKind::Anomaly, i), i});
        model.addEvents(batch);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.rowForEvent(3), -1);
        QCOMPARE(model.rowForEvent(25), 9);
        model.addEvents({{event(EventKind::Drift, 26), 26}, {diagnosis(27, 26, QStringLiteral("RECOVER")), 26}});
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.rowAt(model.rowForEvent(26)).decision, EventsModel::Applied);
        QCOMPARE(model.rowForEvent(16), -1);
    }
};

QTEST_MAIN(TestEventsModel)
#include "tst_eventsmodel.moc"
