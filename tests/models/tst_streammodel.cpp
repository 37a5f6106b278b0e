#include "consolesession.h"
#include "enginehost.h"
#include "simulator/demosimulator.h"
#include "streamfiltermodel.h"
#include "streammodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Apprentice;

class TestStreamModel : public QObject
{
    Q_OBJECT

private:
    qint64 m_seq = 0;

    std::vector<StreamRow> batch(int n, const QString &tool = QStringLiteral("fetch_data"), bool ok = true,
                                 qint16 source = StreamSources::None)
    {
        std::vector<StreamRow> rows;
        for (int i = 0; i < n; ++i) {
            StreamRow r;
            r.source = source;
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

    void sourceColumnNamesEveryKindOfSource()
    {
        StreamModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy sources(&model, &StreamModel::sourcesChanged);
        const qint16 file = StreamSources::intern(QStringLiteral("orders.jsonl"));
        const qint16 otlp = StreamSources::intern(QStringLiteral("OTLP 127.0.0.1:4318"));
        QCOMPARE(StreamSources::intern(QStringLiteral("orders.jsonl")), file); // interned once
        QVERIFY(file != otlp && file > StreamSources::Demo && otlp > StreamSources::Demo);
        model.addRows(batch(2, QStringLiteral("fetch_data"), true, file));
        model.addRows(batch(1, QStringLiteral("fetch_data"), true, StreamSources::Demo));
        model.addRows(batch(1, QStringLiteral("fetch_data"), true, otlp));
        model.addRows(batch(1, QStringLiteral("fetch_data"), true, file));
        model.addRows(batch(1));
        QCOMPARE(sources.count(), 3); // once per source new to the stream
        model.setNewestFirst(false);
        model.flush();
        QStringList shown;
        for (int row = 0; row < model.rowCount(); ++row)
            shown << model.index(row, StreamModel::ColSource).data().toString();
        QCOMPARE(shown, (QStringList{QStringLiteral("orders.jsonl"), QStringLiteral("orders.jsonl"), QStringLiteral("demo"),
                                     QStringLiteral("OTLP 127.0.0.1:4318"), QStringLiteral("orders.jsonl"), QString()}));
        QCOMPARE(model.index(3, 0).data(StreamModel::SourceRole).toInt(), int(otlp));
        QCOMPARE(model.sourceNames(), (QStringList{QStringLiteral("orders.jsonl"), QStringLiteral("demo"),
                                                   QStringLiteral("OTLP 127.0.0.1:4318")}));
        QCOMPARE(model.headerData(StreamModel::ColSource, Qt::Horizontal).toString(), QStringLiteral("Source"));
        model.clear();
        QVERIFY(model.sourceNames().isEmpty());
        QCOMPARE(sources.count(), 4);
    }

    void filterBySourceAndTextMatchesSources()
    {
        StreamModel model;
        StreamFilterModel proxy;
        proxy.setStreamModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint16 file = StreamSources::intern(QStringLiteral("traces-2026.json"));
        const qint16 sse = StreamSources::intern(QStringLiteral("SSE http://127.0.0.1:8080/events"));
        model.addRows(batch(4, QStringLiteral("fetch_data"), true, file));
        model.addRows(batch(3, QStringLiteral("fetch_data"), true, sse));
        model.addRows(batch(2, QStringLiteral("fetch_data"), true, StreamSources::Demo));
        model.flush();
        proxy.setSource(QStringLiteral("SSE http://127.0.0.1:8080/events"));
        QVERIFY(proxy.isFiltering());
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setSource(QStringLiteral("demo"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setSource({});
        proxy.setText(QStringLiteral("8080/EVENTS"));
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setText(QStringLiteral("traces-2026"));
        QCOMPARE(proxy.rowCount(), 4);
        // A source that appears after the filter was set is matched too.
        const qint16 later = StreamSources::intern(QStringLiteral("File /var/log/traces-2026.jsonl"));
        model.addRows(batch(5, QStringLiteral("fetch_data"), true, later));
        model.flush();
        QCOMPARE(proxy.rowCount(), 9);
        proxy.setSource(QStringLiteral("File /var/log/traces-2026.jsonl"));
        QCOMPARE(proxy.rowCount(), 5);
    }

    void engineRowsCarryTheirSource()
    {
        // Imports are named by their file, live batches by their connection, the simulator as the demo.
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("night-run.jsonl")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"ts":"2026-10-01T00:00:12.345Z","workflow":"w","tool":"t","latency_ms":5,"status":"ok"})" "\n");
        file.close();
        ConsoleSession session;
        session.openFiles({file.fileName()});
        DemoSimulator sim(3);
        session.host()->appendRecords(sim.nextExecution(), QStringLiteral("OTLP 127.0.0.1:4318"));
        session.host()->flush();
        QTRY_COMPARE(session.stream()->totalSeen(), 5);
        session.stream()->flush();
        StreamModel *model = session.stream();
        QStringList shown;
        for (int row = 0; row < model->rowCount(); ++row)
            shown << model->index(row, StreamModel::ColSource).data().toString();
        shown.removeDuplicates();
        shown.sort();
        QCOMPARE(shown, (QStringList{QStringLiteral("OTLP 127.0.0.1:4318"), QStringLiteral("night-run.jsonl")}));

        DemoOptions demo;
        demo.speed = 0;
        demo.pauseAt = 2;
        session.startDemo(demo);
        QTRY_VERIFY_WITH_TIMEOUT(session.host()->demoState().paused, 20000);
        session.host()->flush();
        QTRY_VERIFY(session.stream()->totalSeen() > 0);
        session.stream()->flush();
        QCOMPARE(model->index(0, StreamModel::ColSource).data().toString(), QStringLiteral("demo"));
        QCOMPARE(model->sourceNames(), QStringList{QStringLiteral("demo")});
    }
};

QTEST_MAIN(TestStreamModel)
#include "tst_streammodel.moc"
