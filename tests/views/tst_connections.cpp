// File → Connect… and the Connections panel, driven offscreen over a real ConnectionManager.
#include "connections/connectdialog.h"
#include "connections/connectionsmodel.h"
#include "connections/connectionspanel.h"
#include "core/tst_livehelpers.h"
#include "live/connectionmanager.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

LiveOptions fastOptions()
{
    LiveOptions o;
    o.flushIntervalMs = 10;
    o.statusIntervalMs = 10;
    o.tail.pollIntervalMs = 20;
    return o;
}

quint16 portOf(const ConnectionInfo &info)
{
    return quint16(info.endpoint.section(u':', -1).toUInt());
}

} // namespace

class TestConnections : public QObject
{
    Q_OBJECT

private slots:
    void dialogShowsWhatEachKindNeeds_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<bool>("browse");
        QTest::addColumn<bool>("remote");
        QTest::addColumn<bool>("fromStart");
        QTest::addColumn<bool>("token");
        QTest::addColumn<QString>("hint");
        QTest::newRow("receiver") << 0 << false << true << false << true << u"OTEL_EXPORTER_OTLP_PROTOCOL=http/json"_s;
        QTest::newRow("ndjson") << 1 << false << false << false << true << u"JSON Lines"_s;
        QTest::newRow("sse") << 2 << false << false << false << true << u"Server-Sent Events"_s;
        QTest::newRow("tail") << 3 << true << false << true << false << u"tail -F"_s;
    }
    void dialogShowsWhatEachKindNeeds()
    {
        QFETCH(int, index);
        QFETCH(bool, browse);
        QFETCH(bool, remote);
        QFETCH(bool, fromStart);
        QFETCH(bool, token);
        QFETCH(QString, hint);
        ConnectDialog dialog;
        dialog.kindCombo()->setCurrentIndex(index);
        QCOMPARE(dialog.browseButton()->isVisibleTo(&dialog), browse);
        QCOMPARE(dialog.allowRemoteCheck()->isVisibleTo(&dialog), remote);
        QCOMPARE(dialog.fromStartCheck()->isVisibleTo(&dialog), fromStart);
        QCOMPARE(dialog.tokenEdit()->isVisibleTo(&dialog), token);
        QVERIFY2(dialog.hintLabel()->text().contains(hint), qPrintable(dialog.hintLabel()->text()));
        QVERIFY(!dialog.addressEdit()->placeholderText().isEmpty());
        QCOMPARE(dialog.tokenEdit()->echoMode(), QLineEdit::Password);
    }

    void dialogValidatesTheAddress_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("allowRemote");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("problem");
        QTest::newRow("receiver default") << 0 << QString() << false << true << QString();
        QTest::newRow("receiver port") << 0 << u"127.0.0.1:4319"_s << false << true << QString();
        QTest::newRow("receiver bad port") << 0 << u"127.0.0.1:99999"_s << false << false << u"port"_s;
        QTest::newRow("receiver host name") << 0 << u"collector.local:4318"_s << false << false << u"IP address"_s;
        QTest::newRow("receiver remote") << 0 << u"0.0.0.0:4318"_s << false << false << u"other machines"_s;
        QTest::newRow("receiver remote allowed") << 0 << u"0.0.0.0:4318"_s << true << true << u"without a token"_s;
        QTest::newRow("stream empty") << 1 << QString() << false << false << u"URL"_s;
        QTest::newRow("stream no scheme") << 1 << u"127.0.0.1:8080/records"_s << false << false << u"http://"_s;
        QTest::newRow("stream ok") << 2 << u"http://127.0.0.1:8080/events"_s << false << true << QString();
        QTest::newRow("tail empty") << 3 << QString() << false << false << u"file"_s;
        QTest::newRow("tail folder") << 3 << QDir::tempPath() << false << false << u"folder"_s;
        QTest::newRow("tail file") << 3 << u"/var/log/agent.jsonl"_s << false << true << QString();
    }
    void dialogValidatesTheAddress()
    {
        QFETCH(int, index);
        QFETCH(QString, address);
        QFETCH(bool, allowRemote);
        QFETCH(bool, ok);
        QFETCH(QString, problem);
        ConnectDialog dialog;
        dialog.kindCombo()->setCurrentIndex(index);
        dialog.allowRemoteCheck()->setChecked(allowRemote);
        QTest::keyClicks(dialog.addressEdit(), address);
        QCOMPARE(dialog.okButton()->isEnabled(), ok);
        QCOMPARE(dialog.validationError().isEmpty(), ok);
        if (!problem.isEmpty())
            QVERIFY2(dialog.problemLabel()->text().contains(problem), qPrintable(dialog.problemLabel()->text()));
        else
            QVERIFY(dialog.problemLabel()->text().isEmpty());
    }

    void dialogSpecRoundTrips()
    {
        ConnectionSpec in;
        in.kind = ConnectionKind::SseStream;
        in.address = u"http://127.0.0.1:9/events"_s;
        in.token = u"secret"_s;
        ConnectDialog dialog;
        dialog.setSpec(in);
        ConnectionSpec out = dialog.spec();
        QCOMPARE(int(out.kind), int(in.kind));
        QCOMPARE(out.address, in.address);
        QCOMPARE(out.token, in.token);
        QVERIFY(!out.allowRemote);

        in.kind = ConnectionKind::FileTail;
        in.address = u"/tmp/x.jsonl"_s;
        in.fromStart = false;
        dialog.setSpec(in);
        out = dialog.spec();
        QCOMPARE(int(out.kind), int(ConnectionKind::FileTail));
        QVERIFY(!out.fromStart);
        QVERIFY(out.token.isEmpty()); // a file has no token

        dialog.setSpec(ConnectionSpec());
        QCOMPARE(dialog.spec().address, defaultReceiverAddress()); // empty means the OpenTelemetry default
        QVERIFY(dialog.hintLabel()->text().contains(u"http://127.0.0.1:4318/v1/traces"_s));
    }

    void modelFollowsTheManager()
    {
        ConnectionManager manager;
        manager.setOptions(fastOptions());
        ConnectionsModel model(&manager);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(ConnectionsModel::ColumnCount));

        ConnectionSpec receiver;
        receiver.address = u"127.0.0.1:0"_s;
        const int rid = manager.addConnection(receiver);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"a.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"ts":"2026-10-01T00:00:00Z","workflow":"w","tool":"t","latency_ms":1,"status":"ok"})" "\nnot json\n");
        file.close();
        ConnectionSpec tail;
        tail.kind = ConnectionKind::FileTail;
        tail.address = path;
        const int tid = manager.addConnection(tail);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.idAt(0), rid);
        QCOMPARE(model.rowOf(tid), 1);
        QCOMPARE(model.index(0, ConnectionsModel::ColKind).data().toString(), u"OTLP receiver"_s);
        QCOMPARE(model.index(0, ConnectionsModel::ColState).data().toString(), u"Connected"_s);
        QVERIFY(model.index(0, ConnectionsModel::ColEndpoint).data().toString().startsWith(u"127.0.0.1:"_s));
        QCOMPARE(model.index(1, ConnectionsModel::ColClients).data().toString(), QString()); // receivers only

        LiveTest::RawClient client;
        QVERIFY(client.connectTo(portOf(model.infoAt(0))));
        QCOMPARE(client.exchange(LiveTest::post(LiveTest::toolSpans(u"svc"_s, 3))).status, 200);
        QTRY_COMPARE(model.index(0, ConnectionsModel::ColRecords).data(ConnectionsModel::SortRole).toLongLong(), 3);
        QTRY_COMPARE(model.index(0, ConnectionsModel::ColClients).data().toString(), u"1"_s);
        QVERIFY(model.index(0, ConnectionsModel::ColRecords).data(Qt::ToolTipRole).isNull()); // no LLM calls yet
        // LLM calls under a tool span: their token cost is priced, an unknown model counts as unpriced.
        LiveTest::Span tool = LiveTest::toolSpan(u"00000000000000a1"_s, u"fetch"_s, 40);
        tool.traceId = u"000000000000000000000000000000a1"_s;
        LiveTest::Span known = LiveTest::chatSpan(u"00000000000000a2"_s, tool.spanId, 1000, 200);
        LiveTest::Span unknown = LiveTest::chatSpan(u"00000000000000a3"_s, tool.spanId, 1000, 200, u"no-such-model-x"_s);
        known.traceId = unknown.traceId = tool.traceId;
        QCOMPARE(client.exchange(LiveTest::post(LiveTest::otlpRequest(u"svc"_s, {tool, known, unknown}))).status, 200);
        QTRY_COMPARE(model.index(0, ConnectionsModel::ColRecords).data(ConnectionsModel::SortRole).toLongLong(), 4);
        QTRY_COMPARE(model.index(0, ConnectionsModel::ColRecords).data(Qt::ToolTipRole).toString(),
                     u"2 LLM calls priced into the records' cost; 1 of them use a model the price table does not know and count as $0"_s);
        QTRY_COMPARE(model.index(1, ConnectionsModel::ColRecords).data(ConnectionsModel::SortRole).toLongLong(), 1);
        QTRY_COMPARE(model.index(1, ConnectionsModel::ColRejected).data(ConnectionsModel::SortRole).toLongLong(), 1);
        QCOMPARE(model.index(1, ConnectionsModel::ColKind).data(ConnectionsModel::IdRole).toInt(), tid);

        QVERIFY(client.exchange(LiveTest::post("{bad")).status == 400);
        QTRY_VERIFY(model.index(0, ConnectionsModel::ColLastError).data().toString().contains(u"HTTP 400"_s));
        QCOMPARE(model.index(0, ConnectionsModel::ColErrors).data().toString(), u"1"_s);
        QCOMPARE(ConnectionsModel::sourceLabel(model.infoAt(1)), u"File "_s + path);

        manager.removeConnection(rid);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.idAt(0), tid);
    }

    void panelConnectsReconnectsAndDisconnects()
    {
        ConnectionManager manager;
        manager.setOptions(fastOptions());
        ConnectionsPanel panel(&manager);
        panel.resize(800, 300);
        panel.show();
        QSignalSpy opened(&panel, &ConnectionsPanel::connectionOpened);
        QVERIFY(!panel.restartButton()->isEnabled());
        QVERIFY(!panel.disconnectButton()->isEnabled());

        ConnectionSpec spec;
        spec.address = u"127.0.0.1:0"_s;
        const int id = panel.connectTo(spec);
        QVERIFY(id > 0);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(panel.currentConnection(), id);
        QVERIFY(panel.restartButton()->isEnabled());
        QVERIFY(panel.messageLabel()->isHidden());

        // The same port twice: refused, and the panel says why.
        ConnectionSpec taken;
        taken.address = manager.connection(id).endpoint;
        QCOMPARE(panel.connectTo(taken), -1);
        QVERIFY(panel.messageLabel()->isVisible());
        QVERIFY2(panel.messageLabel()->text().contains(u"cannot listen"_s), qPrintable(panel.messageLabel()->text()));
        QCOMPARE(panel.model()->rowCount(), 1);

        QTest::mouseClick(panel.restartButton(), Qt::LeftButton);
        QCOMPARE(manager.connection(id).state, ConnectionState::Connected); // re-bound (port 0: a new one)
        QVERIFY(panel.messageLabel()->isHidden());
        QVERIFY(!manager.connection(id).endpoint.isEmpty());

        QTest::mouseClick(panel.disconnectButton(), Qt::LeftButton);
        QVERIFY(!manager.contains(id));
        QCOMPARE(panel.model()->rowCount(), 0);
        QVERIFY(!panel.disconnectButton()->isEnabled());
    }

    void connectDialogFromThePanel()
    {
        ConnectionManager manager;
        manager.setOptions(fastOptions());
        ConnectionsPanel panel(&manager);
        panel.show();
        QTcpServer blocker; // a taken port first: the dialog must stay open with the reason
        QVERIFY(blocker.listen(QHostAddress(QHostAddress::LocalHost), 0));
        int step = 0;
        QString shownProblem;
        std::function<void()> drive = [&] {
            auto *dialog = qobject_cast<ConnectDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                QTimer::singleShot(10, &panel, drive);
                return;
            }
            if (step == 0) {
                dialog->addressEdit()->setText(u"127.0.0.1:%1"_s.arg(blocker.serverPort()));
                dialog->tokenEdit()->setText(u"tok"_s);
                ++step;
                dialog->okButton()->click();
                QTimer::singleShot(10, &panel, drive);
            } else {
                shownProblem = dialog->problemLabel()->text();
                dialog->addressEdit()->setText(u"127.0.0.1:0"_s);
                dialog->okButton()->click();
            }
        };
        QTimer::singleShot(0, &panel, drive);
        const int id = panel.openConnectDialog();
        QVERIFY(id > 0);
        QVERIFY2(shownProblem.contains(u"cannot listen"_s), qPrintable(shownProblem));
        QCOMPARE(manager.connection(id).spec.token, u"tok"_s);
        QCOMPARE(panel.currentConnection(), id);

        QTimer::singleShot(0, &panel, [&] {
            if (auto *dialog = qobject_cast<ConnectDialog *>(QApplication::activeModalWidget()))
                dialog->reject();
        });
        QCOMPARE(panel.openConnectDialog(), -1);
        QCOMPARE(manager.connections().size(), 1);
    }
};

QTEST_MAIN(TestConnections)
#include "tst_connections.moc"
