#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("apprentice"));
    QApplication::setApplicationDisplayName(QStringLiteral("Apprentice"));
    QApplication::setOrganizationName(QStringLiteral("Apprentice"));
    QApplication::setApplicationVersion(QStringLiteral(APPRENTICE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Operations console for AI workflows."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"), QApplication::translate("main", "Run the built-in demo workflow."));
    parser.addOption(demo);
    parser.addPositionalArgument(QStringLiteral("files"), QApplication::translate("main", "Log exports to open."), QStringLiteral("[FILE...]"));
    parser.process(app);

    MainWindow window;
    window.show();
    return app.exec();
}
