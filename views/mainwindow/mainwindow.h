#pragma once

#include "hostconfig.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <vector>

class AppSettings;
class ConsoleSession;
class DemoControlBar;
class ImportProblemsDock;
class ImportStatusWidget;
class StoreStatusLabel;
class LanguageManager;
class QAction;
class QLabel;
class QMenu;
class QTabWidget;
struct ImportSummary;
struct EventRecord;

/// The console's frame: pages in tabs, menus, the demo toolbar, the import log dock and the
/// status bar. Features live in the pages (views/); this class only wires them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(AppSettings *settings, LanguageManager *language, QWidget *parent = nullptr);
    ~MainWindow() override;

    ConsoleSession *session() const { return m_session; }

    void openFiles(const QStringList &paths);
    void startDemo(const DemoOptions &options);
    /// Whether sessions on real data keep what they learn in the settings' store (default) or forget it
    /// (screenshots of a file must not depend on what earlier runs learned). Applies to the next session.
    void setKeepsKnowledge(bool keep);

    /// Page ids: workflows, stream, distributions, drift, economics (and trends, mutations,
    /// versions, capacity, connections once a widget is installed for them).
    QStringList pageIds() const;
    bool setCurrentPage(const QString &id);
    QString currentPage() const;
    QWidget *page(const QString &id) const;
    /// Installs (or replaces) the widget of a page slot such as "capacity", "trends" or "connections".
    void setPageWidget(const QString &id, QWidget *widget, const QString &icon, std::function<QString()> title);

    /// Restores the default arrangement of toolbars, docks and splitters.
    void resetLayout();
    /// The status bar's figures as text (for tests and the report).
    QString statusText() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct Page {
        QString id;
        QWidget *widget = nullptr;
        QString icon;
        std::function<QString()> title;
        QAction *action = nullptr;
    };

    void createPages();
    void createActions();
    void createMenus();
    void createStatusBar();
    void retranslate();
    void rebuildTabs();
    void rebuildRecentMenu();
    void applyConfig();
    void onOpen();
    void onExportReport();
    void onSettings();
    void onImportFinished(const ImportSummary &summary);
    void updateStatus();
    void showRecord(qint64 seq);
    void onEvents(const std::vector<EventRecord> &events);
    void updateDriftBadge();
    static bool isSupportedFile(const QString &path);

    AppSettings *m_settings;
    LanguageManager *m_language;
    ConsoleSession *m_session = nullptr;
    QTabWidget *m_tabs = nullptr;
    std::vector<Page> m_pages;
    DemoControlBar *m_demoBar = nullptr;
    ImportProblemsDock *m_importDock = nullptr;
    ImportStatusWidget *m_importStatus = nullptr;
    StoreStatusLabel *m_storeStatus = nullptr;
    bool m_keepsKnowledge = true;
    QByteArray m_defaultState;

    QAction *m_openAction = nullptr;
    QAction *m_newSessionAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_resetLayoutAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_clearRecentAction = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_demoMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_toolsMenu = nullptr;
    QMenu *m_helpMenu = nullptr;

    QLabel *m_records = nullptr;
    QLabel *m_rate = nullptr;
    QLabel *m_phases = nullptr;
    QLabel *m_spend = nullptr;
    QPointer<QWidget> m_dialog;
    int m_unseenDrifts = 0;
};
