#include "metricstatsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Apprentice;

class TestMetricStatsModel : public QObject
{
    Q_OBJECT

private:
    static ToolSnapshot tool()
    {
        ToolSnapshot t;
        t.tool = QStringLiteral("fetch_data");
        MetricSnapshot latency;
        latency.metric = QStringLiteral("latency_ms");
        for (int i = 0; i < 1000; ++i)
            latency.profile.add(200 + (i % 51)); // mean 225, sd ≈ 14.7
        MetricSnapshot custom;
        custom.metric = QStringLiteral("retries");
        custom.profile.add(0);
        custom.profile.add(1);
        t.metrics = {custom, latency};
        return t;
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void profileAndWindowSideBySideWithShift()
    {
        MetricStatsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ToolSnapshot t = tool();
        WindowStats w;
        w.metric = QStringLiteral("latency_ms");
        w.n = 500;
        w.mean = 892;
        w.stddev = 40;
        w.p50 = 890;
        w.p95 = 960;
        w.p99 = 990;
        model.setStats(&t, {w});
        // Built-in metrics first, then custom ones; two lines each.
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, MetricStatsModel::ColMetric).data().toString(), QStringLiteral("Latency"));
        QCOMPARE(model.index(2, MetricStatsModel::ColMetric).data().toString(), QStringLiteral("retries"));
        QCOMPARE(model.index(0, MetricStatsModel::ColN).data().toString(), QStringLiteral("1,000"));
        QCOMPARE(model.index(1, MetricStatsModel::ColMean).data().toString(), QStringLiteral("892 ms"));
        const QString shift = model.index(1, MetricStatsModel::ColShift).data().toString();
        QVERIFY2(shift.startsWith(QStringLiteral("45.")), qPrintable(shift));
        QVERIFY(model.index(1, MetricStatsModel::ColShift).data(Qt::ForegroundRole).value<QColor>().isValid());
        QCOMPARE(model.rowOf(QStringLiteral("retries")), 2);
        QVERIFY(!model.headerData(MetricStatsModel::ColP95, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());

        // Same metrics: values change in place, no reset.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        w.mean = 300;
        model.setStats(&t, {w});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.index(1, MetricStatsModel::ColMean).data().toString(), QStringLiteral("300 ms"));
        // Another tool: reshaped.
        model.setStats(nullptr, {});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestMetricStatsModel)
#include "tst_metricstatsmodel.moc"
