#pragma once

#include <QByteArray>
#include <QStringList>

#include <functional>
#include <vector>

/// Exit codes shared by every command.
enum ExitCode { ExitOk = 0, ExitIoFailure = 1, ExitUsage = 2 };

/// One `apprentice-cli NAME ...` command. Each command lives in its own cli/cmd*.cpp and registers
/// itself with a static CommandRegistration, so commands never collide in one dispatch table.
struct Command {
    const char *name;
    const char *summary; ///< one line for `apprentice-cli --help`
    std::function<int(const QStringList &args)> run; ///< args exclude the program and command name
};

std::vector<Command> &commandRegistry();

struct CommandRegistration {
    explicit CommandRegistration(Command c) { commandRegistry().push_back(std::move(c)); }
};

/// One line of machine-readable output (an NDJSON event) on stdout.
void writeLine(const QByteArray &line);

/// A usage error of `apprentice-cli <command>`: the message and where the options are told, on stderr.
/// Returns ExitUsage.
int usageError(const char *command, const QString &message);
