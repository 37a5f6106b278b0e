#include "languagemanager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{
}

QStringList LanguageManager::available()
{
    return {QStringLiteral("en"), QStringLiteral("uk")};
}

QString LanguageManager::nativeName(const QString &code)
{
    if (code == u"uk")
        return QStringLiteral("Українська");
    if (code == u"en")
        return QStringLiteral("English");
    return QLocale(code).nativeLanguageName();
}

QString LanguageManager::systemLanguage()
{
    for (const QString &lang : QLocale::system().uiLanguages()) {
        const QString code = lang.left(2).toLower();
        if (available().contains(code))
            return code;
    }
    return QStringLiteral("en");
}

QString LanguageManager::apply(const QString &requested)
{
    const QString code = requested.isEmpty() || !available().contains(requested) ? systemLanguage() : requested;
    if (m_app) {
        QCoreApplication::removeTranslator(m_app);
        delete m_app;
        m_app = nullptr;
    }
    if (m_qt) {
        QCoreApplication::removeTranslator(m_qt);
        delete m_qt;
        m_qt = nullptr;
    }
    // Ukrainian and English locales; keep the system's own locale when it speaks the chosen language.
    const QLocale system = QLocale::system();
    const QLocale locale = system.name().startsWith(code) ? system
                           : code == u"uk"               ? QLocale(QLocale::Ukrainian, QLocale::Ukraine)
                                                         : QLocale(QLocale::English, QLocale::UnitedStates);
    QLocale::setDefault(locale);
    if (code != u"en") {
        m_app = new QTranslator(this);
        if (m_app->load(QStringLiteral(":/i18n/apprentice_%1.qm").arg(code)))
            QCoreApplication::installTranslator(m_app);
        m_qt = new QTranslator(this);
        if (m_qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                       QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(m_qt);
    } else {
        // Removing translators already sent the LanguageChange; make sure one arrives even with none installed.
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(QCoreApplication::instance(), &change);
    }
    m_current = code;
    emit languageApplied(code);
    return code;
}
