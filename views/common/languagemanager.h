#pragma once

#include <QObject>
#include <QStringList>

class QTranslator;

/// Installs the console's translation (compiled into the binary) and Qt's own for the chosen
/// language, and sets the default locale so numbers follow it. Widgets retranslate on the
/// QEvent::LanguageChange that installing a translator sends.
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);

    /// Languages with a translation, as codes ("en" is the source language).
    static QStringList available();
    /// The language's own name ("English", "Українська").
    static QString nativeName(const QString &code);
    /// The best available language for the system locale.
    static QString systemLanguage();

    /// "" follows the system; returns the language actually applied.
    QString apply(const QString &code);
    QString current() const { return m_current; }

signals:
    void languageApplied(const QString &code);

private:
    QTranslator *m_app = nullptr;
    QTranslator *m_qt = nullptr;
    QString m_current;
};
