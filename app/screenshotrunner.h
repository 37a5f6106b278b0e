#pragma once

#include "hostconfig.h"

#include <QObject>
#include <QStringList>

class MainWindow;

/// `apprentice --screenshot FILE [--page NAME|all]`: loads (demo or files), waits until the data
/// has settled and the page has drawn, saves the window as an image and quits. With `--page all`
/// every page is saved, as FILE-<page>.<ext>. Exit code 1 on a timeout or an unwritable file.
class ScreenshotRunner : public QObject
{
    Q_OBJECT
public:
    /// Executions the demo runs (as fast as possible) before the picture is taken.
    static constexpr qint64 DemoExecutions = 1500;

    ScreenshotRunner(MainWindow *window, const QString &path, const QString &page, QObject *parent = nullptr);

    void runDemo(DemoOptions options);
    void runFiles(const QStringList &files);

private:
    void onLoaded();
    void captureNext();
    void fail(const QString &why);
    QString pathFor(const QString &page) const;

    MainWindow *m_window;
    QString m_path;
    QStringList m_pages; ///< "all" expands to every page, each saved as FILE-<page>.png
    bool m_several = false;
    bool m_loaded = false;
};
