#include "capacitysettings.h"

#include <QDir>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
constexpr QStringView Group = u"capacity";
constexpr QStringView LastScenario = u"lastScenario";
constexpr QStringView LastDirectory = u"lastDirectory";
constexpr QStringView AutoSimulate = u"autoSimulate";

QVariant read(QStringView key, const QVariant &fallback)
{
    QSettings s;
    s.beginGroup(Group.toString());
    return s.value(key.toString(), fallback);
}

void write(QStringView key, const QVariant &value)
{
    QSettings s;
    s.beginGroup(Group.toString());
    s.setValue(key.toString(), value);
}
}

QByteArray CapacitySettings::lastScenario()
{
    return read(LastScenario, QByteArray()).toByteArray();
}

void CapacitySettings::setLastScenario(const QByteArray &json)
{
    write(LastScenario, json);
}

QString CapacitySettings::lastDirectory()
{
    return read(LastDirectory, QDir::homePath()).toString();
}

void CapacitySettings::setLastDirectory(const QString &directory)
{
    write(LastDirectory, directory);
}

bool CapacitySettings::autoSimulate()
{
    return read(AutoSimulate, true).toBool();
}

void CapacitySettings::setAutoSimulate(bool on)
{
    write(AutoSimulate, on);
}
