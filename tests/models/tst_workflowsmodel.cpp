#include "workflowfiltermodel.h"
#include "workflowsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Apprentice;

class TestWorkflowsModel : public QObject
{
    Q_OBJECT

private:
    static WorkflowSnapshot workflow(const QString &name, const QString &version, Phase phase, qint64 executions,
                                     const QString &reason)
    {
        WorkflowSnapshot w;
        w.workflow = name;
        w.version = version;
        w.phase = phase;
        w.executions = executions;
        w.records = executions * 4;
        w.reason = reason;
        w.ledger.apprenticeUsd = 0.016 * double(std::min<qint64>(executions, 50));
        w.ledger.alwaysOnUsd = 0.01 * double(executions);
        return w;
    }

    static QStringList column(const QAbstractItemModel &m, int col)
    {
        QStringList out;
        for (int r = 0; r < m.rowCount(); ++r)
            out << m.index(r, col).data().toString();
        return out;
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void snapshotsUpdateRowsInPlaceAndAppendNewOnes()
    {
        WorkflowsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EngineSnapshot s;
        s.workflows.push_back(workflow(QStringLiteral("orders"), QStringLiteral("1.0.0"), Phase::Apprentice, 37,
                                       QStringLiteral("37/50 executions")));
        model.setSnapshot(s);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, WorkflowsModel::ColPhase).data().toString(), QStringLiteral("Apprentice"));
        QCOMPARE(model.index(0, WorkflowsModel::ColReason).data().toString(), QStringLiteral("37/50 executions"));
        QCOMPARE(model.index(0, 0).data(WorkflowsModel::ProgressRole).toDouble(), 0.74);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        s.workflows[0] = workflow(QStringLiteral("orders"), QStringLiteral("1.0.0"), Phase::Graduated, 80,
                                  QStringLiteral("graduated at execution 51"));
        s.workflows.push_back(workflow(QStringLiteral("orders"), QStringLiteral("2.0.0"), Phase::Apprentice, 3,
                                       QStringLiteral("re-learning: 3/50 executions")));
        s.workflows.back().relearning = true;
        model.setSnapshot(s);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(column(model, WorkflowsModel::ColPhase), (QStringList{QStringLiteral("Graduated"), QStringLiteral("Re-learning")}));
        QCOMPARE(model.index(0, WorkflowsModel::ColSavings).data().toString(), QStringLiteral("$0"));
        QCOMPARE(model.index(0, WorkflowsModel::ColSavings).data(WorkflowsModel::SortRole).toDouble(), 0.8 - 0.8);
        QCOMPARE(model.index(1, WorkflowsModel::ColReason).data().toString(), QStringLiteral("re-learning: 3/50 executions"));
        QVERIFY(!model.index(0, WorkflowsModel::ColPhase).data(Qt::ToolTipRole).toString().isEmpty());
    }

    void lastEventFollowsTheWorkflowsEvents()
    {
        WorkflowsModel model;
        EngineSnapshot s;
        s.workflows.push_back(workflow(QStringLiteral("orders"), QStringLiteral("1.0.0"), Phase::Graduated, 100, {}));
        model.setSnapshot(s);
        Event drift;
        drift.kind = EventKind::Drift;
        drift.workflow = QStringLiteral("orders");
        drift.version = QStringLiteral("1.0.0");
        drift.tool = QStringLiteral("fetch_data");
        drift.metric = QStringLiteral("latency_ms");
        model.addEvents({EventRecord{drift, 7}});
        QCOMPARE(model.index(0, WorkflowsModel::ColLastEvent).data().toString(), QStringLiteral("drift of fetch_data Latency"));
    }

    void filterByPhaseAndTextAndSortByNumbers()
    {
        WorkflowsModel model;
        WorkflowFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EngineSnapshot s;
        s.workflows.push_back(workflow(QStringLiteral("alpha"), QStringLiteral("1"), Phase::Graduated, 900, {}));
        s.workflows.push_back(workflow(QStringLiteral("beta"), QStringLiteral("1"), Phase::Apprentice, 20, QStringLiteral("20/50 executions")));
        s.workflows.push_back(workflow(QStringLiteral("gamma"), QStringLiteral("2"), Phase::Investigating, 100000, {}));
        model.setSnapshot(s);
        proxy.sort(WorkflowsModel::ColExecutions, Qt::DescendingOrder);
        QCOMPARE(column(proxy, WorkflowsModel::ColWorkflow),
                 (QStringList{QStringLiteral("gamma"), QStringLiteral("alpha"), QStringLiteral("beta")}));
        proxy.setPhase(int(Phase::Apprentice));
        QCOMPARE(column(proxy, WorkflowsModel::ColWorkflow), QStringList{QStringLiteral("beta")});
        proxy.setPhase(-1);
        proxy.setText(QStringLiteral("GAM"));
        QCOMPARE(column(proxy, WorkflowsModel::ColWorkflow), QStringList{QStringLiteral("gamma")});
        proxy.setText({});
        QCOMPARE(proxy.rowCount(), 3);
    }
};

QTEST_MAIN(TestWorkflowsModel)
#include "tst_workflowsmodel.moc"
