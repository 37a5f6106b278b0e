#include "streamfiltermodel.h"
#include "streammodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace Apprentice;

class TestStreamModel : public QObject
{
    Q_OBJECT

private:
    qint64 m_seq = 0;

    std::vector<StreamRow> batch(int n, const QString &tool = QStringLiteral("fetch_data"), bool ok = true)
    {
        std::vector<StreamRow> rows;
        for (int i = 0; i < n; ++i) {
            StreamRow r;
            r.seq = ++m_seq;
            r.tsMs = 1790812800000 + m_seq * 10;
            r.workflow = QStringLiteral("process_customer_order");
            r.version = QStringLiteral("1.0.0");
            r.execution = QStringLiteral("pco-%1").arg(m_seq);
            r.tool = tool;
            r.ok = ok;
            r.values[size_t(Metric::Latency)] = 200 + double(m_seq % 50);
            if (!ok) {
                r.error = QStringLiteral("HTTP 500 Internal Server Error");
                r.flags |= StreamRow::Failure;
            }
            rows.push_back(r);
        }
        return rows;
    }

    static QStringList seqColumn(const QAbstractItemModel &m)
    {
        QStringList out;
        for (int r = 0; r < m.rowCount(); ++r)
            out << m.index(r, 0).data(StreamModel::SeqRole).toString();
        return out;
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init() { m_seq = 0; }

    void batchesArriveInOneInsertPerFlush_data()
    {
        QTest::addColumn<bool>("newestFirst");
        QTest::newRow("newest first") << true;
        QTest::newRow("oldest first") << false;
    }
    void batchesArriveInOneInsertPerFlush()
    {
        QFETCH(bool, newestFirst);
        StreamModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNewestFirst(newestFirst);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 0; i < 5; ++i)
            model.addRows(batch(3));
        QCOMPARE(model.rowCount(), 0); // nothing before the flush tick
        QTRY_COMPARE(model.rowCount(), 15);
        QCOMPARE(inserted.count(), 1);
        const qint64 first = model.index(0, 0).data(StreamModel::SeqRole).toLongLong();
        QCOMPARE(first, newestFirst ? 15 : 1);
    }

    void overflowDropsTheOldestInOneRemoval_data()
    {
        batchesArriveInOneInsertPerFlush_data();
    }
    void overflowDropsTheOldestInOneRemoval()
    {
        QFETCH(bool, newestFirst);
        StreamModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNewestFirst(newestFirst);
        model.setCapacity(10);
        model.addRows(batch(7));
        model.flush();
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.addRows(batch(6));
        model.flush();
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 10);
        QStringList expected;
        for (int s = 4; s <= 13; ++s)
            expected << QString::number(s);
        if (newestFirst)
            std::reverse(expected.begin(), expected.end());
        QCOMPARE(seqColumn(model), expected);
        // Wrap the ring several times.
        for (int i = 0; i < 7; ++i) {
            model.addRows(batch(4));
            model.flush();
        }
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.rowAt(newestFirst ? 0 : 9).seq, m_seq);
    }

    void aBatchLargerThanTheRingKeepsItsNewestRows()
    {
        StreamModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(8);
        model.addRows(batch(3));
        model.flush();
        model.addRows(batch(30));
        model.flush();
        QCOMPARE(model.rowCount(), 8);
        QCOMPARE(model.rowAt(0).seq, 33);
        QCOMPARE(model.rowAt(7).seq, 26);
        QCOMPARE(model.totalSeen(), 33);
    }

    void pauseHoldsRowsUntilResumed()
    {
        StreamModel model;
        model.addRows(batch(4));
        model.flush();
        model.setPaused(true);
        model.addRows(batch(5));
        QVERIFY(!model.isFlushScheduled()); // nothing will apply them while paused
        QCoreApplication::processEvents();
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.pendingCount(), 5);
        model.setPaused(false);
        QVERIFY(model.isFlushScheduled());
        QTRY_COMPARE(model.rowCount(), 9);
        QCOMPARE(model.pendingCount(), 0);
    }

    void rowForSeqFindsKeptRowsOnly()
    {
        StreamModel model;
        model.setCapacity(10);
        model.addRows(batch(25));
        model.flush();
        QCOMPARE(model.rowForSeq(3), -1);
        QCOMPARE(model.rowForSeq(25), 0);
        QCOMPARE(model.rowForSeq(16), 9);
        model.setNewestFirst(false);
        QCOMPARE(model.rowForSeq(16), 0);
        QCOMPARE(model.rowForSeq(99), -1);
    }

    void shrinkingTheCapacityKeepsTheNewest()
    {
        StreamModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addRows(batch(20));
        model.flush();
        model.setCapacity(5);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.rowAt(0).seq, 20);
        QCOMPARE(model.rowAt(4).seq, 16);
        model.addRows(batch(2));
        model.flush();
        QCOMPARE(model.rowAt(0).seq, 22);
        QCOMPARE(model.rowCount(), 5);
    }

    void displaysValuesWithUnitsAndColoursFailures()
    {
        StreamModel model;
        std::vector<StreamRow> rows = batch(1);
        rows[0].values[size_t(Metric::Latency)] = 231.4;
        rows[0].values[size_t(Metric::Validation)] = 0.995;
        auto failed = batch(1, QStringLiteral("fetch_data"), false);
        rows.push_back(failed[0]);
        model.addRows(rows);
        model.flush();
        const int okRow = model.rowForSeq(1);
        const int failedRow = model.rowForSeq(2);
        QCOMPARE(model.index(okRow, StreamModel::ColLatency).data().toString(), QStringLiteral("231 ms"));
        QCOMPARE(model.index(okRow, StreamModel::ColValidation).data().toString(), QStringLiteral("99.5 %"));
        QCOMPARE(model.index(failedRow, StreamModel::ColStatus).data().toString(), QStringLiteral("error"));
        QVERIFY(model.index(failedRow, StreamModel::ColNote).data().toString().contains(QStringLiteral("HTTP 500")));
        QVERIFY(model.index(failedRow, 0).data(Qt::BackgroundRole).value<QColor>().isValid());
        QVERIFY(!model.index(okRow, 0).data(Qt::BackgroundRole).isValid());
        QVERIFY(!model.headerData(StreamModel::ColLatency, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }

    void filterByToolStatusAndText()
    {
        StreamModel model;
        StreamFilterModel proxy;
        proxy.setStreamModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addRows(batch(5, QStringLiteral("fetch_data")));
        model.addRows(batch(3, QStringLiteral("validate")));
        model.addRows(batch(2, QStringLiteral("fetch_data"), false));
        model.flush();
        QCOMPARE(proxy.rowCount(), 10);
        proxy.setTool(QStringLiteral("validate"));
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setTool({});
        proxy.setStatus(StreamFilterModel::Status::Errors);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setStatus(StreamFilterModel::Status::Flagged);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setStatus(StreamFilterModel::Status::All);
        proxy.setText(QStringLiteral("pco-7"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QStringLiteral("http 500"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setText({});
        proxy.setWorkflow(QStringLiteral("another"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setWorkflow({});
        // Live rows keep flowing through a filtering proxy.
        proxy.setTool(QStringLiteral("validate"));
        model.addRows(batch(4, QStringLiteral("validate")));
        model.addRows(batch(4, QStringLiteral("process")));
        model.flush();
        QCOMPARE(proxy.rowCount(), 7);
    }
};

QTEST_MAIN(TestStreamModel)
#include "tst_streammodel.moc"
