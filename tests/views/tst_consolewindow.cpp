#include "models/consoletestdata.h"
#include "consolewindowtest.h"

#include "mainwindow/mainwindow.h"
#include "appsettings.h"
#include "common/languagemanager.h"
#include "consolesession.h"
#include "distributions/distributionspage.h"
#include "common/interactivechartview.h"
#include "distributions/timeserieschart.h"
#include "drift/driftpage.h"
#include "enginehost.h"
#include "eventfiltermodel.h"
#include "eventsmodel.h"
#include "importing/importproblemsdock.h"
#include "importing/storestatuslabel.h"
#include "settings/settingsdialog.h"
#include "streammodel.h"
#include "stream/streampage.h"
#include "workflowsmodel.h"

#include <QAction>
#include <QDir>
#include <QMimeData>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QTabWidget>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace Apprentice;

class TestConsoleWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<LanguageManager> m_language;

    std::unique_ptr<MainWindow> window() { return ConsoleWindowTest::shownWindow(m_settings.get(), m_language.get()); }

    static void runDemo(MainWindow &w, qint64 executions, Situation s, qint64 at)
    {
        QVERIFY(ConsoleWindowTest::runDemo(w, executions, s, at));
    }

private slots:
    void initTestCase()
    {
        m_settings = std::make_unique<AppSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_settings->setOperatorName(QStringLiteral("dana"));
        m_language = std::make_unique<LanguageManager>();
        m_language->apply(QStringLiteral("en"));
    }

    void openAFileThroughTheAction()
    {
        const QString path = m_dir.filePath(QStringLiteral("orders.jsonl"));
        QVERIFY(ConsoleTestData::writeDemoExport(path, 120));
        auto w = window();
        QSignalSpy finished(w->session()->host(), &EngineHost::importFinished);
        QAction *open = w->findChild<QAction *>(QStringLiteral("actionOpen"));
        QVERIFY(open);
        QCOMPARE(open->shortcut(), QKeySequence(QKeySequence::Open));
        open->trigger();
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = w->findChild<QFileDialog *>(QStringLiteral("openDialog"))) && dialog->isVisible());
        dialog->setDirectory(m_dir.path());
        dialog->selectFile(path);
        QMetaObject::invokeMethod(dialog, "accept");
        QTRY_COMPARE(finished.count(), 1);
        QTRY_COMPARE(w->session()->workflows()->rowCount(), 1);
        QCOMPARE(w->session()->host()->totals().records, 480);
        QCOMPARE(m_settings->recentFiles().value(0), path);
        QCOMPARE(m_settings->lastDirectory(), m_dir.path());
        QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("480")));
    }

    void whatASessionLearnsIsKeptForTheNext()
    {
        // A profile of its own: the store sits beside this settings file.
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("keep")));
        AppSettings settings(m_dir.filePath(QStringLiteral("keep/settings.ini")));
        const QString day1 = m_dir.filePath(QStringLiteral("keep/day1.jsonl"));
        const QString day2 = m_dir.filePath(QStringLiteral("keep/day2.jsonl"));
        QVERIFY(ConsoleTestData::writeDemoExport(day1, 120));
        QVERIFY(ConsoleTestData::writeDemoExport(day2, 10));
        {
            auto w = ConsoleWindowTest::shownWindow(&settings, m_language.get());
            QSignalSpy finished(w->session()->host(), &EngineHost::importFinished);
            w->openFiles({day1});
            QTRY_COMPARE(finished.count(), 1);
            auto *label = w->findChild<StoreStatusLabel *>();
            QVERIFY(label);
            QTRY_COMPARE(label->text(), QStringLiteral("Profiles kept"));
            QVERIFY(label->toolTip().contains(QDir::toNativeSeparators(settings.evolutionDatabase())));
            QTRY_COMPARE(w->session()->host()->totals().phaseCounts[size_t(Phase::Graduated)], 1);
        }
        auto w = ConsoleWindowTest::shownWindow(&settings, m_language.get());
        QSignalSpy finished(w->session()->host(), &EngineHost::importFinished);
        w->openFiles({day2});
        QTRY_COMPARE(finished.count(), 1);
        auto *label = w->findChild<StoreStatusLabel *>();
        QTRY_COMPARE(label->text(), QStringLiteral("Profiles kept · 1 restored"));
        // Ten executions are far from the 50 of an apprenticeship: it graduated yesterday.
        QTRY_COMPARE(w->session()->host()->totals().phaseCounts[size_t(Phase::Graduated)], 1);
        QCOMPARE(w->session()->host()->totals().phaseCounts[size_t(Phase::Apprentice)], 0);
        // Yesterday's file again: nothing new, said in the status bar and the import log, nothing counted twice.
        w->openFiles({day1});
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(finished.at(1).at(0).value<ImportSummary>().records, 0);
        QVERIFY2(w->statusBar()->currentMessage().startsWith(QStringLiteral("day1.jsonl: already imported up to line 480")),
                 qPrintable(w->statusBar()->currentMessage()));
        auto *dock = w->findChild<ImportProblemsDock *>();
        QVERIFY2(dock->text().contains(QStringLiteral("nothing new")), qPrintable(dock->text()));
        if (const QString dir = qEnvironmentVariable("APPRENTICE_SCREENSHOT_DIR"); !dir.isEmpty()) {
            dock->show();
            QCoreApplication::sendPostedEvents(); // the status bar's pending relayout
            w->statusBar()->grab().save(dir + QStringLiteral("/statusbar-kept.png"));
            w->grab().save(dir + QStringLiteral("/window-kept.png"));
            w->setCurrentPage(QStringLiteral("economics"));
            QCoreApplication::sendPostedEvents();
            w->grab().save(dir + QStringLiteral("/economics-kept.png"));
            w->setCurrentPage(QStringLiteral("versions"));
            QCoreApplication::sendPostedEvents();
            w->grab().save(dir + QStringLiteral("/versions-one.png"));
            label->setStatus({settings.evolutionDatabase(), 0, QStringLiteral("store x is being written by apprentice-cli analyze (pid 4242)")});
            QCoreApplication::sendPostedEvents();
            w->statusBar()->grab().save(dir + QStringLiteral("/statusbar-not-kept.png"));
        }
    }

    void theStoreIsChosenInSettings()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("keep/chosen.ini")));
        auto w = ConsoleWindowTest::shownWindow(&settings, m_language.get());
        QCOMPARE(w->session()->host()->config().storePath, settings.evolutionDatabase()); // beside the settings file
        w->findChild<QAction *>(QStringLiteral("actionSettings"))->trigger();
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = w->findChild<SettingsDialog *>()) && dialog->isVisible());
        auto *path = dialog->findChild<QLineEdit *>(QStringLiteral("storePath"));
        QVERIFY(path);
        QCOMPARE(QDir::fromNativeSeparators(path->text()), settings.evolutionDatabase());
        const QString elsewhere = m_dir.filePath(QStringLiteral("keep/elsewhere.sqlite"));
        path->setText(QDir::toNativeSeparators(elsewhere));
        if (const QString dir = qEnvironmentVariable("APPRENTICE_SCREENSHOT_DIR"); !dir.isEmpty()) {
            dialog->findChild<QTabWidget *>()->setCurrentIndex(1);
            QCoreApplication::sendPostedEvents();
            dialog->grab().save(dir + QStringLiteral("/settings-data.png"));
        }
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QCOMPARE(settings.evolutionDatabase(), elsewhere);
        QCOMPARE(w->session()->host()->config().storePath, elsewhere);
        // Empty keeps nothing.
        settings.setEvolutionDatabase(QString());
        QVERIFY(w->session()->host()->config().storePath.isEmpty());
    }

    void cancelAnImport()
    {
        const QString path = m_dir.filePath(QStringLiteral("big.jsonl"));
        QVERIFY(ConsoleTestData::writeDemoExport(path, 40000, Situation::Normal, 0, 5));
        auto w = window();
        QSignalSpy finished(w->session()->host(), &EngineHost::importFinished);
        w->openFiles({path});
        QToolButton *cancel = nullptr;
        QTRY_VERIFY((cancel = w->findChild<QToolButton *>(QStringLiteral("importCancel"))) && cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.at(0).at(0).value<ImportSummary>().outcome, Outcome::Cancelled);
        QTRY_VERIFY(!cancel->isVisible());
        QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
        auto *dock = w->findChild<ImportProblemsDock *>();
        QVERIFY(dock->text().contains(QStringLiteral("cancelled")));
    }

    void rejectedLinesAreSummarisedWithoutDialogs()
    {
        const QString path = m_dir.filePath(QStringLiteral("rejects.jsonl"));
        QVERIFY(ConsoleTestData::writeDemoExport(path, 60, Situation::Normal, 0, 4));
        auto w = window();
        QSignalSpy finished(w->session()->host(), &EngineHost::importFinished);
        w->openFiles({path});
        QTRY_COMPARE(finished.count(), 1);
        auto *dock = w->findChild<ImportProblemsDock *>();
        QTRY_VERIFY(dock->isVisible());
        QCOMPARE(dock->rejectedTotal(), 4);
        QVERIFY2(dock->text().contains(QStringLiteral("rejects.jsonl:98: ")), qPrintable(dock->text()));
        QVERIFY(QApplication::activeModalWidget() == nullptr);
    }

    void selectADriftEventAndAcceptIt()
    {
        auto w = window();
        runDemo(*w, 400, Situation::ValidationDegradation, 150);
        QVERIFY(w->setCurrentPage(QStringLiteral("drift")));
        auto *page = qobject_cast<DriftPage *>(w->page(QStringLiteral("drift")));
        // Find the validation drift and click it, as an operator would.
        const int row = ConsoleWindowTest::clickDrift(page, QStringLiteral("Validation pass rate"));
        QVERIFY(row >= 0);
        QTableView *table = page->table();
        QCOMPARE(table->currentIndex().row(), row);
        const qint64 id = page->currentEventId();
        QVERIFY(id > 0);
        QVERIFY(page->titleLabel()->text().contains(QStringLiteral("validate")));
        QTRY_VERIFY(page->acceptButton()->isEnabled());
        QSignalSpy done(w->session()->host(), &EngineHost::actionDone);
        QTest::mouseClick(page->acceptButton(), Qt::LeftButton);
        QTRY_COMPARE(done.count(), 1);
        QVERIFY(done.at(0).at(1).toBool());
        const EventsModel *events = w->session()->events();
        QTRY_COMPARE(events->rowAt(events->rowForEvent(id)).decision, EventsModel::Accepted);
        QCOMPARE(events->rowAt(events->rowForEvent(id)).decidedBy, QStringLiteral("dana"));
        QVERIFY(!page->acceptButton()->isEnabled());
        QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("accepted as the new normal")));
    }

    void clickingAChartPointSelectsItsRecordInTheStream()
    {
        auto w = window();
        runDemo(*w, 300, Situation::ApiSlowdown, 150);
        QVERIFY(w->setCurrentPage(QStringLiteral("distributions")));
        auto *page = qobject_cast<DistributionsPage *>(w->page(QStringLiteral("distributions")));
        page->select(QString::fromLatin1(DemoSimulator::workflowName()), QString::fromLatin1(DemoSimulator::versionName()),
                     QStringLiteral("fetch_data"), QStringLiteral("latency_ms"));
        QSignalSpy refreshed(page, &DistributionsPage::refreshed);
        page->refresh();
        QTRY_VERIFY(refreshed.count() >= 1);
        TimeSeriesChart *chart = page->timeSeries();
        QTRY_VERIFY(chart->drawnPoints() > 100);
        // The last point drawn: its pixel on screen, then a real click there.
        const QPointF value = chart->drawnPoint(chart->drawnPoints() / 2);
        const QPointF scene = chart->view()->chart()->mapToPosition(value, chart->valuesSeries());
        const QPoint pos = chart->view()->mapFromScene(scene);
        const qint64 seq = chart->recordAt(pos, 3);
        QVERIFY(seq > 0);
        QTest::mouseClick(chart->view()->viewport(), Qt::LeftButton, {}, pos);
        QCOMPARE(w->currentPage(), QStringLiteral("stream"));
        auto *stream = qobject_cast<StreamPage *>(w->page(QStringLiteral("stream")));
        QTRY_COMPARE(stream->table()->currentIndex().data(StreamModel::SeqRole).toLongLong(), seq);
        QVERIFY(stream->pauseButton()->isChecked());
    }

    void switchLanguageInSettings()
    {
        auto w = window();
        auto *tabs = w->findChild<QTabWidget *>(QStringLiteral("pages"));
        QCOMPARE(tabs->tabText(0), QStringLiteral("Workflows"));
        w->findChild<QAction *>(QStringLiteral("actionSettings"))->trigger();
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = w->findChild<SettingsDialog *>()) && dialog->isVisible());
        QComboBox *language = dialog->languageCombo();
        language->setCurrentIndex(language->findData(QStringLiteral("uk")));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QCOMPARE(m_settings->language(), QStringLiteral("uk"));
        // The whole window follows: tabs, menus, model headers, numbers.
        QTRY_COMPARE(tabs->tabText(0), QStringLiteral("Робочі процеси"));
        QCOMPARE(w->session()->workflows()->headerData(WorkflowsModel::ColPhase, Qt::Horizontal).toString(), QStringLiteral("Фаза"));
        QCOMPARE(w->findChild<QAction *>(QStringLiteral("actionOpen"))->text(), QStringLiteral("&Відкрити експорт журналу…"));
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral(","));
        // And back.
        m_language->apply(QStringLiteral("en"));
        m_settings->setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(tabs->tabText(0), QStringLiteral("Workflows"));
        QCOMPARE(w->session()->workflows()->headerData(WorkflowsModel::ColPhase, Qt::Horizontal).toString(), QStringLiteral("Phase"));
    }

    void exportAReportAndDropAFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("dropped.jsonl"));
        QVERIFY(ConsoleTestData::writeDemoExport(path, 80, Situation::ApiOutage, 60));
        auto w = window();
        // Dropping an export onto the window imports it.
        QSignalSpy finished(w->session()->host(), &EngineHost::importFinished);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(w.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(w.get(), &drop);
        QTRY_COMPARE(finished.count(), 1);
        QTRY_VERIFY(w->session()->events()->rowCount() > 0);
        // The report tells the same story.
        const QString report = m_dir.filePath(QStringLiteral("report.md"));
        w->findChild<QAction *>(QStringLiteral("actionExportReport"))->trigger();
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = w->findChild<QFileDialog *>(QStringLiteral("exportDialog"))) && dialog->isVisible());
        dialog->selectFile(report);
        QMetaObject::invokeMethod(dialog, "accept");
        QTRY_VERIFY(QFileInfo::exists(report));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QStringLiteral("# Apprentice report")));
        QVERIFY(text.contains(QStringLiteral("process_customer_order")));
        QVERIFY2(text.contains(QStringLiteral("| Failure |")), qPrintable(text));
    }

    void layoutAndFiltersAreRemembered()
    {
        {
            auto w = window();
            w->setCurrentPage(QStringLiteral("economics"));
            auto *stream = qobject_cast<StreamPage *>(w->page(QStringLiteral("stream")));
            stream->textEdit()->setText(QStringLiteral("pco-0001"));
            w->close();
        }
        auto w = window();
        QCOMPARE(w->currentPage(), QStringLiteral("economics"));
        auto *stream = qobject_cast<StreamPage *>(w->page(QStringLiteral("stream")));
        QCOMPARE(stream->textEdit()->text(), QStringLiteral("pco-0001"));
        stream->textEdit()->clear();
        QVERIFY(!m_settings->windowGeometry().isEmpty());
    }
};

QTEST_MAIN(TestConsoleWindow)
#include "tst_consolewindow.moc"
