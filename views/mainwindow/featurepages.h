#pragma once

class MainWindow;
class QAction;

/// Installs the pages of features built beside the core views — the capacity what-if and the
/// live connections — into their slots of the main window, and feeds them from its session.
/// Returns the File → Connect… action (owned by the window) for the caller's menu.
QAction *installFeaturePages(MainWindow *window);
