#include "costhistory.h"
#include "ledgermodel.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace Apprentice;

class TestLedgerModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void hourlyRowsWithSavings()
    {
        LedgerModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(LedgerModel::SortRole);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LedgerEntry first{1790812800000, QStringLiteral("orders"), QStringLiteral("1.0.0"), 2083, 0.8, 0.016, 20.83};
        LedgerEntry second{1790816400000, QStringLiteral("orders"), QStringLiteral("1.0.0"), 2083, 0, 0, 20.83};
        model.addEntries({first, second});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, LedgerModel::ColHour).data().toString(), QStringLiteral("2026-10-01 00:00"));
        QCOMPARE(model.index(0, LedgerModel::ColSpent).data().toString(), QStringLiteral("$0.816"));
        QCOMPARE(model.index(1, LedgerModel::ColSavings).data().toString(), QStringLiteral("$20.83"));
        proxy.sort(LedgerModel::ColSpent, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, LedgerModel::ColHour).data().toString(), QStringLiteral("2026-10-01 01:00"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void costHistoryStaysBoundedAndKeepsTheLatestPoint()
    {
        CostHistory history;
        std::vector<CostSample> samples;
        for (int i = 1; i <= 5000; ++i)
            samples.push_back({qint64(i) * 1000, i, 0.016 * std::min(i, 50) + 0.001 * (i / 1000), 0.001 * (i / 1000), 0.01 * i});
        history.addSamples(samples);
        QVERIFY(int(history.points().size()) <= CostHistory::Capacity);
        QCOMPARE(history.latest().executions, 5000);
        QCOMPARE(history.latest().alwaysOnUsd, 50.0);
        QCOMPARE(history.latest().investigationUsd, 0.005);
        QVERIFY(std::abs(history.latest().apprenticeUsd - 0.8) < 1e-9);
        QCOMPARE(history.points().front().executions, 1);
        QVERIFY(std::abs(history.executionsPerDay() - 86400.0) < 1.0);
    }
};

QTEST_MAIN(TestLedgerModel)
#include "tst_ledgermodel.moc"
