#pragma once

#include <QByteArray>
#include <QString>

/// Every QSettings key of the capacity page, in the "capacity" group.
class CapacitySettings
{
public:
    static QByteArray lastScenario();               ///< JSON of the last scenario on the page
    static void setLastScenario(const QByteArray &json);
    static QString lastDirectory();                 ///< where files were last opened or saved
    static void setLastDirectory(const QString &directory);
    static bool autoSimulate();
    static void setAutoSimulate(bool on);
};
