#include "command.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

std::vector<Command> &commandRegistry()
{
    static std::vector<Command> commands;
    return commands;
}

void writeLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
}

int usageError(const char *command, const QString &message)
{
    std::fprintf(stderr, "apprentice-cli %s: %s\nRun 'apprentice-cli %s --help' for the options.\n", command,
                 qPrintable(message), command);
    return ExitUsage;
}

static void printUsage(FILE *out)
{
    auto commands = commandRegistry();
    std::sort(commands.begin(), commands.end(),
              [](const Command &a, const Command &b) { return qstrcmp(a.name, b.name) < 0; });
    QString text = QStringLiteral("Usage: apprentice-cli COMMAND [OPTIONS]\n\n"
                                  "Headless Apprentice: learn workflow quality profiles, graduate, detect drift.\n\n"
                                  "Commands:\n");
    for (const Command &c : commands)
        text += QStringLiteral("  %1 %2\n").arg(QString::fromLatin1(c.name), -12).arg(QString::fromUtf8(c.summary));
    text += QStringLiteral("\nRun 'apprentice-cli COMMAND --help' for a command's options.\n"
                           "Exit codes: 0 success (also with rejected lines), 1 I/O failure, 2 usage error.\n");
    std::fputs(text.toUtf8().constData(), out);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("apprentice"));
    QCoreApplication::setOrganizationName(QStringLiteral("Apprentice"));
    QCoreApplication::setApplicationVersion(QStringLiteral(APPRENTICE_VERSION));

    QStringList args = app.arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        printUsage(stderr);
        return ExitUsage;
    }
    const QString name = args.takeFirst();
    if (name == u"--help" || name == u"-h" || name == u"help") {
        printUsage(stdout);
        return ExitOk;
    }
    if (name == u"--version") {
        std::printf("apprentice-cli %s\n", APPRENTICE_VERSION);
        return ExitOk;
    }
    for (const Command &c : commandRegistry()) {
        if (name == QLatin1String(c.name))
            return c.run(args);
    }
    std::fprintf(stderr, "apprentice-cli: unknown command '%s'\n\n", qPrintable(name));
    printUsage(stderr);
    return ExitUsage;
}
