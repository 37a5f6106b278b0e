#include "appsettings.h"
#include "common/icons.h"
#include "common/languagemanager.h"
#include "common/theme.h"
#include "mainwindow/mainwindow.h"
#include "screenshotrunner.h"
#include "latencyprobe.h"
#include "resources.h"

#include "simulator/situation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cstdio>
#include <memory>

using namespace Apprentice;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("apprentice"));
    QApplication::setApplicationDisplayName(QStringLiteral("Apprentice"));
    QApplication::setOrganizationName(QStringLiteral("Apprentice"));
    QApplication::setApplicationVersion(QStringLiteral(APPRENTICE_VERSION));
    ensureResources();
    QApplication::setWindowIcon(Icons::get(QStringLiteral("apprentice")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Operations console for AI workflows.\n\n"
                "With no file, starts the built-in demo (a simulated process_customer_order workflow).\n"
                "SCENARIO after --demo switches one of the seed's situations on after 300 normal executions: %1.")
                                         .arg(situationNames().mid(1).join(QStringLiteral(", "))));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QApplication::translate("main", "Run the built-in demo workflow."));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   QApplication::translate("main", "Demo speed: simulated ms per wall ms (0 = as fast as possible)."),
                                   QStringLiteral("X"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Render the window to FILE after loading, then exit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QApplication::translate("main", "Page to show: workflows, stream, distributions, drift, economics."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption lang(QStringLiteral("lang"), QApplication::translate("main", "Language (en, uk); default: settings or system."),
                                  QStringLiteral("CODE"));
    const QCommandLineOption theme(QStringLiteral("theme"), QApplication::translate("main", "Colours: system, light or dark."),
                                   QStringLiteral("THEME"));
    const QCommandLineOption settingsFile(QStringLiteral("settings"),
                                          QApplication::translate("main", "Keep settings in this INI file instead of the user's."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption measure(QStringLiteral("measure-latency"),
                                     QApplication::translate("main", "Measure event-loop latency and chart refreshes for SECONDS, print them, exit."),
                                     QStringLiteral("SECONDS"));
    parser.addOptions({demo, speed, screenshot, page, lang, theme, settingsFile, measure});
    parser.addPositionalArgument(QStringLiteral("files"), QApplication::translate("main", "Log exports to open, or the demo's SCENARIO."),
                                 QStringLiteral("[SCENARIO | FILE...]"));
    parser.process(app);

    QStringList positional = parser.positionalArguments();
    DemoOptions options;
    bool runDemo = parser.isSet(demo);
    if (runDemo && !positional.isEmpty()) {
        Situation s = Situation::Normal;
        if (situationFromName(positional.first(), s)) {
            options.scenario = s;
            positional.removeFirst();
        } else if (!QFileInfo::exists(positional.first())) {
            std::fprintf(stderr, "apprentice: unknown scenario '%s' (one of %s)\n", qPrintable(positional.first()),
                         qPrintable(situationNames().join(QStringLiteral(", "))));
            return 2;
        }
    }
    for (const QString &f : std::as_const(positional)) {
        if (!QFileInfo::exists(f)) {
            std::fprintf(stderr, "apprentice: no such file: %s\n", qPrintable(f));
            return 2;
        }
    }

    std::unique_ptr<AppSettings> settings = parser.isSet(settingsFile)
                                                ? std::make_unique<AppSettings>(parser.value(settingsFile))
                                                : std::make_unique<AppSettings>();
    LanguageManager language;
    language.apply(parser.isSet(lang) ? parser.value(lang) : settings->language());
    AppSettings::Theme themeChoice = settings->theme();
    if (parser.isSet(theme)) {
        const QString t = parser.value(theme);
        themeChoice = t == u"dark" ? AppSettings::Theme::Dark : t == u"light" ? AppSettings::Theme::Light : AppSettings::Theme::System;
    }
    Theme::apply(themeChoice);

    options.speed = settings->demoSpeed();
    if (parser.isSet(speed)) {
        bool ok = false;
        options.speed = parser.value(speed).toDouble(&ok);
        if (!ok || options.speed < 0) {
            std::fprintf(stderr, "apprentice: --speed needs a number >= 0\n");
            return 2;
        }
    }

    MainWindow window(settings.get(), &language);
    if (parser.isSet(page) && !window.pageIds().contains(parser.value(page))
        && !(parser.value(page) == u"all" && parser.isSet(screenshot))) {
        std::fprintf(stderr, "apprentice: unknown page '%s' (one of %s)\n", qPrintable(parser.value(page)),
                     qPrintable(window.pageIds().join(QStringLiteral(", "))));
        return 2;
    }
    // A first start with no data shows the demo.
    if (positional.isEmpty())
        runDemo = true;

    if (parser.isSet(screenshot)) {
        auto *runner = new ScreenshotRunner(&window, parser.value(screenshot), parser.value(page), &app);
        if (runDemo)
            runner->runDemo(options);
        else
            runner->runFiles(positional);
        window.show();
        return app.exec();
    }

    if (parser.isSet(page))
        window.setCurrentPage(parser.value(page));
    if (!positional.isEmpty())
        window.openFiles(positional);
    else
        window.startDemo(options);
    window.show();
    if (parser.isSet(measure)) {
        auto *probe = new LatencyProbe(&window, parser.value(measure).toDouble(), &app);
        probe->start();
    }
    return app.exec();
}
