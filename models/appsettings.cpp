#include "appsettings.h"

#include "storage/store.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace {
// Every key in one place.
const QString KeyLanguage = QStringLiteral("ui/language");
const QString KeyTheme = QStringLiteral("ui/theme");
const QString KeyGeometry = QStringLiteral("ui/geometry");
const QString KeyWindowState = QStringLiteral("ui/windowState");
const QString KeySplitters = QStringLiteral("ui/splitters/");
const QString KeyHeaders = QStringLiteral("ui/headers/");
const QString KeyPage = QStringLiteral("ui/page");
const QString KeyLastDirectory = QStringLiteral("files/lastDirectory");
const QString KeyNameFilter = QStringLiteral("files/nameFilter");
const QString KeyRecent = QStringLiteral("files/recent");
const QString KeyStreamCapacity = QStringLiteral("stream/capacity");
const QString KeyNewestFirst = QStringLiteral("stream/newestFirst");
const QString KeyFilters = QStringLiteral("filters/");
const QString KeyHistory = QStringLiteral("engine/historyPoints");
const QString KeyGraduation = QStringLiteral("engine/graduationExecutions");
const QString KeyDemoSpeed = QStringLiteral("demo/speed");
const QString KeyOperator = QStringLiteral("operator/name");
const QString KeyTiers = QStringLiteral("investigation/tiers");
const QString KeyWhatIf = QStringLiteral("economics/");
const QString KeyEvolutionDb = QStringLiteral("evolution/database");

QString filterKey(QString name)
{
    return KeyFilters + name.replace(u'.', u'/');
}
} // namespace

AppSettings::AppSettings(QObject *parent)
    : QObject(parent), m_settings(new QSettings)
{
}

AppSettings::AppSettings(const QString &iniPath, QObject *parent)
    : QObject(parent), m_settings(new QSettings(iniPath, QSettings::IniFormat))
{
}

AppSettings::~AppSettings()
{
    m_settings->sync();
    delete m_settings;
}

QString AppSettings::language() const
{
    return m_settings->value(KeyLanguage).toString();
}

void AppSettings::setLanguage(const QString &code)
{
    if (code == language())
        return;
    m_settings->setValue(KeyLanguage, code);
    emit languageChanged(code);
}

AppSettings::Theme AppSettings::theme() const
{
    const QString t = m_settings->value(KeyTheme).toString();
    if (t == u"light")
        return Theme::Light;
    if (t == u"dark")
        return Theme::Dark;
    return Theme::System;
}

void AppSettings::setTheme(Theme theme)
{
    if (theme == this->theme())
        return;
    m_settings->setValue(KeyTheme, theme == Theme::Light  ? QStringLiteral("light")
                                   : theme == Theme::Dark ? QStringLiteral("dark")
                                                          : QStringLiteral("system"));
    emit themeChanged(theme);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(KeyGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &state)
{
    m_settings->setValue(KeyGeometry, state);
}

QByteArray AppSettings::windowState() const
{
    return m_settings->value(KeyWindowState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(KeyWindowState, state);
}

QByteArray AppSettings::splitterState(const QString &name) const
{
    return m_settings->value(KeySplitters + name).toByteArray();
}

void AppSettings::setSplitterState(const QString &name, const QByteArray &state)
{
    m_settings->setValue(KeySplitters + name, state);
}

QByteArray AppSettings::headerState(const QString &name) const
{
    return m_settings->value(KeyHeaders + name).toByteArray();
}

void AppSettings::setHeaderState(const QString &name, const QByteArray &state)
{
    m_settings->setValue(KeyHeaders + name, state);
}

QString AppSettings::currentPage() const
{
    return m_settings->value(KeyPage).toString();
}

void AppSettings::setCurrentPage(const QString &page)
{
    m_settings->setValue(KeyPage, page);
}

QString AppSettings::lastDirectory() const
{
    const QString dir = m_settings->value(KeyLastDirectory).toString();
    return dir.isEmpty() ? QDir::homePath() : dir;
}

void AppSettings::setLastDirectory(const QString &dir)
{
    m_settings->setValue(KeyLastDirectory, dir);
}

QString AppSettings::lastNameFilter() const
{
    return m_settings->value(KeyNameFilter).toString();
}

void AppSettings::setLastNameFilter(const QString &filter)
{
    m_settings->setValue(KeyNameFilter, filter);
}

QStringList AppSettings::recentFiles() const
{
    return m_settings->value(KeyRecent).toStringList();
}

void AppSettings::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    m_settings->setValue(KeyRecent, files);
    emit recentFilesChanged();
}

void AppSettings::clearRecentFiles()
{
    m_settings->remove(KeyRecent);
    emit recentFilesChanged();
}

int AppSettings::streamCapacity() const
{
    return std::clamp(m_settings->value(KeyStreamCapacity, 100000).toInt(), 1000, 10000000);
}

void AppSettings::setStreamCapacity(int rows)
{
    if (rows == streamCapacity())
        return;
    m_settings->setValue(KeyStreamCapacity, rows);
    emit streamCapacityChanged(streamCapacity());
}

bool AppSettings::streamNewestFirst() const
{
    return m_settings->value(KeyNewestFirst, true).toBool();
}

void AppSettings::setStreamNewestFirst(bool newestFirst)
{
    m_settings->setValue(KeyNewestFirst, newestFirst);
}

QString AppSettings::filter(const QString &name, const QString &fallback) const
{
    return m_settings->value(filterKey(name), fallback).toString();
}

void AppSettings::setFilter(const QString &name, const QString &value)
{
    m_settings->setValue(filterKey(name), value);
}

qsizetype AppSettings::historyCapacity() const
{
    return std::clamp<qsizetype>(m_settings->value(KeyHistory, 1000000).toLongLong(), 1000, 100000000);
}

void AppSettings::setHistoryCapacity(qsizetype points)
{
    if (points == historyCapacity())
        return;
    m_settings->setValue(KeyHistory, qint64(points));
    emit historyCapacityChanged(historyCapacity());
}

int AppSettings::graduationExecutions() const
{
    return std::clamp(m_settings->value(KeyGraduation, 50).toInt(), 1, 1000000);
}

void AppSettings::setGraduationExecutions(int executions)
{
    if (executions == graduationExecutions())
        return;
    m_settings->setValue(KeyGraduation, executions);
    emit graduationExecutionsChanged(graduationExecutions());
}

double AppSettings::demoSpeed() const
{
    return m_settings->value(KeyDemoSpeed, 50.0).toDouble();
}

void AppSettings::setDemoSpeed(double speed)
{
    m_settings->setValue(KeyDemoSpeed, speed);
}

QString AppSettings::operatorName() const
{
    QString name = m_settings->value(KeyOperator).toString();
    if (name.isEmpty())
        name = qEnvironmentVariable("USER", QStringLiteral("operator"));
    return name;
}

void AppSettings::setOperatorName(const QString &name)
{
    if (name == operatorName())
        return;
    m_settings->setValue(KeyOperator, name);
    emit operatorNameChanged(name);
}

QByteArray AppSettings::tiersJson() const
{
    return m_settings->value(KeyTiers).toByteArray();
}

void AppSettings::setTiersJson(const QByteArray &json)
{
    if (json == tiersJson())
        return;
    m_settings->setValue(KeyTiers, json);
    emit tiersChanged();
}

QString AppSettings::evolutionDatabase() const
{
    if (m_settings->contains(KeyEvolutionDb))
        return m_settings->value(KeyEvolutionDb).toString();
    // A settings file given on the command line is a self-contained profile: its database sits beside it.
    if (m_settings->format() == QSettings::IniFormat)
        return QFileInfo(m_settings->fileName()).absolutePath() + QStringLiteral("/apprentice.sqlite");
    return Apprentice::Store::defaultPath();
}

void AppSettings::setEvolutionDatabase(const QString &path)
{
    if (path == evolutionDatabase())
        return; // a default stays implicit: it follows the settings file
    m_settings->setValue(KeyEvolutionDb, path);
    emit evolutionDatabaseChanged(path);
}

double AppSettings::whatIf(const QString &name, double fallback) const
{
    return m_settings->value(KeyWhatIf + name, fallback).toDouble();
}

void AppSettings::setWhatIf(const QString &name, double value)
{
    m_settings->setValue(KeyWhatIf + name, value);
}

void AppSettings::sync()
{
    m_settings->sync();
}

QString AppSettings::fileName() const
{
    return m_settings->fileName();
}
