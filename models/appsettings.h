#pragma once

#include <QByteArray>
#include <QObject>
#include <QStringList>

class QSettings;

/// Every persistent setting of the console, typed, in one place. Values live in QSettings
/// (the platform's location, or an INI file given to the constructor); setters emit the change.
class AppSettings : public QObject
{
    Q_OBJECT
public:
    enum class Theme { System, Light, Dark };
    static constexpr int MaxRecentFiles = 10;

    /// Platform settings (organisation/application names of the QCoreApplication).
    explicit AppSettings(QObject *parent = nullptr);
    /// Settings in an INI file (tests, --settings).
    explicit AppSettings(const QString &iniPath, QObject *parent = nullptr);
    ~AppSettings() override;

    // Appearance
    /// "" follows the system locale; otherwise a language code ("en", "uk").
    QString language() const;
    void setLanguage(const QString &code);
    Theme theme() const;
    void setTheme(Theme theme);

    // Window state
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &state);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState(const QString &name) const;
    void setSplitterState(const QString &name, const QByteArray &state);
    QByteArray headerState(const QString &name) const;
    void setHeaderState(const QString &name, const QByteArray &state);
    QString currentPage() const;
    void setCurrentPage(const QString &page);

    // Files
    QString lastDirectory() const;
    void setLastDirectory(const QString &dir);
    QString lastNameFilter() const;
    void setLastNameFilter(const QString &filter);
    QStringList recentFiles() const;
    void addRecentFile(const QString &path);
    void clearRecentFiles();

    // Stream
    int streamCapacity() const;
    void setStreamCapacity(int rows);
    bool streamNewestFirst() const;
    void setStreamNewestFirst(bool newestFirst);
    /// Filter fields of a page, by name ("stream.workflow", "events.kinds", …).
    QString filter(const QString &name, const QString &fallback = {}) const;
    void setFilter(const QString &name, const QString &value);

    // Engine
    qsizetype historyCapacity() const; ///< chart points per metric
    void setHistoryCapacity(qsizetype points);
    int graduationExecutions() const;
    void setGraduationExecutions(int executions);

    // Demo
    double demoSpeed() const;
    void setDemoSpeed(double speed);

    // Operator
    QString operatorName() const;
    void setOperatorName(const QString &name);

    // Investigations
    /// The ladder ({"tiers":[...]}); empty: the built-in rules tier only.
    QByteArray tiersJson() const;
    void setTiersJson(const QByteArray &json);

    // Store
    /// The SQLite file keeping what sessions on real data learn (profiles, phases, events, ledger), the
    /// mutation ledger and the avoidance rules (the CLI's store by default; beside the settings file when
    /// one is given); empty: nothing kept.
    QString evolutionDatabase() const;
    void setEvolutionDatabase(const QString &path);

    // What-if calculator
    double whatIf(const QString &name, double fallback) const;
    void setWhatIf(const QString &name, double value);

    void sync();
    QString fileName() const;

signals:
    void languageChanged(const QString &code);
    void themeChanged(AppSettings::Theme theme);
    void recentFilesChanged();
    void streamCapacityChanged(int rows);
    void historyCapacityChanged(qsizetype points);
    void graduationExecutionsChanged(int executions);
    void tiersChanged();
    void operatorNameChanged(const QString &name);
    void evolutionDatabaseChanged(const QString &path);

private:
    QSettings *m_settings;
};
