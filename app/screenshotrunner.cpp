#include "screenshotrunner.h"

#include "consolesession.h"
#include "drift/driftpage.h"
#include "enginehost.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QImage>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

ScreenshotRunner::ScreenshotRunner(MainWindow *window, const QString &path, const QString &page, QObject *parent)
    : QObject(parent), m_window(window), m_path(path)
{
    if (page == u"all") {
        m_pages = window->pageIds();
        m_several = true;
    } else {
        m_pages = {page.isEmpty() ? QStringLiteral("workflows") : page};
    }
    m_window->resize(1440, 900);
    QTimer::singleShot(120000, this, [this] { fail(QStringLiteral("timed out waiting for the data")); });
}

void ScreenshotRunner::runDemo(DemoOptions options)
{
    // As fast as possible up to a fixed point, so every picture shows the same story.
    options.speed = 0;
    options.pauseAt = DemoExecutions;
    if (options.scenario != Apprentice::Situation::Normal)
        options.scenarioAt = std::min<qint64>(options.scenarioAt, DemoExecutions / 2);
    m_window->startDemo(options);
    EngineHost *host = m_window->session()->host();
    connect(host, &EngineHost::demoStateChanged, this, [this](const DemoState &s) {
        if (!m_loaded && s.running && s.paused && s.executions >= DemoExecutions)
            onLoaded();
    });
}

void ScreenshotRunner::runFiles(const QStringList &files)
{
    EngineHost *host = m_window->session()->host();
    connect(host, &EngineHost::importingChanged, this, [this](bool importing) {
        if (!importing && !m_loaded)
            onLoaded();
    });
    m_window->setKeepsKnowledge(false); // the pictures show these files, not what earlier runs learned
    m_window->openFiles(files);
}

void ScreenshotRunner::onLoaded()
{
    m_loaded = true;
    m_window->session()->host()->flush();
    // Let the last publication and the models' flush timers land before the first page.
    QTimer::singleShot(1000, this, &ScreenshotRunner::captureNext);
}

QString ScreenshotRunner::pathFor(const QString &page) const
{
    if (!m_several)
        return m_path;
    const qsizetype dot = m_path.lastIndexOf(u'.');
    const qsizetype slash = m_path.lastIndexOf(u'/');
    if (dot <= slash)
        return m_path + u'-' + page;
    return m_path.left(dot) + u'-' + page + m_path.mid(dot);
}

void ScreenshotRunner::captureNext()
{
    if (m_pages.isEmpty()) {
        QApplication::exit(0);
        return;
    }
    const QString page = m_pages.takeFirst();
    m_window->setCurrentPage(page);
    if (auto *drift = qobject_cast<DriftPage *>(m_window->page(QStringLiteral("drift"))); drift && page == u"drift")
        drift->selectLatestDrift();
    // Charts ask the engine thread for their data when shown: give them a moment to draw it.
    QTimer::singleShot(700, this, [this, page] {
        const QString path = pathFor(page);
        const QImage image = m_window->grab().toImage();
        if (image.isNull() || !image.save(path)) {
            fail(QStringLiteral("cannot write %1").arg(path));
            return;
        }
        std::printf("%s\n", qPrintable(path));
        std::fflush(stdout);
        captureNext();
    });
}

void ScreenshotRunner::fail(const QString &why)
{
    std::fprintf(stderr, "apprentice --screenshot: %s\n", qPrintable(why));
    QApplication::exit(1);
}
