// apprentice-cli serve-demo: the demo simulator as a live NDJSON and SSE stream.
#include "command.h"

#include "live/demostreamserver.h"
#include "live/hostport.h"
#include "live/stopsignals.h"
#include "simulator/situation.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cmath>
#include <cstdio>

using namespace Apprentice;

namespace {

constexpr const char *Usage =
    "Usage: apprentice-cli serve-demo [OPTIONS]\n"
    "\n"
    "Serves the built-in demo workflow (process_customer_order: fetch_data -> process -> validate ->\n"
    "send_results) live over HTTP, so a live connection can be shown end to end on one machine:\n"
    "  GET /records   JSON Lines records, chunked, one per line\n"
    "  GET /events    the same records as Server-Sent Events (id = record number; a reconnecting\n"
    "                 client resumes after its Last-Event-ID)\n"
    "Every client gets its own simulation from the same seed. Runs until SIGINT or SIGTERM.\n"
    "\n"
    "Options:\n"
    "  --port P          TCP port (default 0: a free one, printed on stderr)\n"
    "  --host HOST       address to listen on (default 127.0.0.1)\n"
    "  --allow-remote    allow a non-loopback HOST (a warning is printed)\n"
    "  --speed X         simulated seconds per second (default 100; 0: as fast as the client reads)\n"
    "  --rate R          executions per simulated day (default 50000)\n"
    "  --seed N          random seed (default 1)\n"
    "  --scenario S      situation switched on after --at executions: normal, api_slowdown,\n"
    "                    validation_degradation, api_outage, slow_creep, black_friday,\n"
    "                    shadow_release (default normal)\n"
    "  --at K            normal executions before the scenario (default 300)\n"
    "  --executions N    end each stream after N executions (default: never)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit codes: 0 stopped by a signal, 1 cannot listen, 2 usage error.\n";

int run(const QStringList &args)
{
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption port(QStringLiteral("port"), QString(), QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption host(QStringLiteral("host"), QString(), QStringLiteral("HOST"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption allowRemote(QStringLiteral("allow-remote"));
    const QCommandLineOption speed(QStringLiteral("speed"), QString(), QStringLiteral("X"), QStringLiteral("100"));
    const QCommandLineOption rate(QStringLiteral("rate"), QString(), QStringLiteral("R"), QStringLiteral("50000"));
    const QCommandLineOption seed(QStringLiteral("seed"), QString(), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption scenario(QStringLiteral("scenario"), QString(), QStringLiteral("S"), QStringLiteral("normal"));
    const QCommandLineOption at(QStringLiteral("at"), QString(), QStringLiteral("K"), QStringLiteral("300"));
    const QCommandLineOption executions(QStringLiteral("executions"), QString(), QStringLiteral("N"));
    p.addOptions({help, port, host, allowRemote, speed, rate, seed, scenario, at, executions});
    if (!p.parse(QStringList{QStringLiteral("serve-demo")} + args))
        return usageError("serve-demo", p.errorText());
    if (p.isSet(help)) {
        std::fputs(Usage, stdout);
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty())
        return usageError("serve-demo", QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().constFirst()));

    DemoStreamConfig config;
    bool ok = false;
    const uint portNumber = p.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535)
        return usageError("serve-demo", QStringLiteral("--port: expected a number from 0 to 65535, got '%1'").arg(p.value(port)));
    QHostAddress address;
    const QString hostText = p.value(host).trimmed();
    if (hostText.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(hostText))
        return usageError("serve-demo", QStringLiteral("--host: '%1' is not an IP address such as 127.0.0.1, ::1 or 0.0.0.0").arg(hostText));
    QString error;
    config.speed = p.value(speed).toDouble(&ok);
    if (!ok || !(config.speed >= 0) || !std::isfinite(config.speed))
        return usageError("serve-demo", QStringLiteral("--speed: expected a number >= 0, got '%1'").arg(p.value(speed)));
    config.ratePerDay = p.value(rate).toDouble(&ok);
    if (!ok || !(config.ratePerDay > 0) || !std::isfinite(config.ratePerDay))
        return usageError("serve-demo", QStringLiteral("--rate: expected executions per day > 0, got '%1'").arg(p.value(rate)));
    config.seed = p.value(seed).toULongLong(&ok);
    if (!ok)
        return usageError("serve-demo", QStringLiteral("--seed: expected a whole number >= 0, got '%1'").arg(p.value(seed)));
    if (!situationFromName(p.value(scenario), config.scenario))
        return usageError("serve-demo", QStringLiteral("--scenario: unknown situation '%1' (one of %2)")
                              .arg(p.value(scenario), situationNames().join(QStringLiteral(", "))));
    config.scenarioAt = p.value(at).toLongLong(&ok);
    if (!ok || config.scenarioAt < 0)
        return usageError("serve-demo", QStringLiteral("--at: expected a whole number >= 0, got '%1'").arg(p.value(at)));
    if (p.isSet(executions)) {
        config.maxExecutions = p.value(executions).toLongLong(&ok);
        if (!ok || config.maxExecutions < 1)
            return usageError("serve-demo", QStringLiteral("--executions: expected a whole number >= 1, got '%1'").arg(p.value(executions)));
    }

    DemoStreamServer server(config);
    if (!server.listen(address, quint16(portNumber), p.isSet(allowRemote), &error)) {
        std::fprintf(stderr, "apprentice-cli serve-demo: %s\n", qPrintable(error));
        return ExitIoFailure;
    }
    const QString where = formatHostPort(server.serverAddress(), server.serverPort());
    if (!address.isLoopback())
        std::fprintf(stderr, "apprentice-cli serve-demo: warning: listening on %s, reachable beyond this machine\n",
                     qPrintable(where));
    std::fprintf(stderr,
                 "apprentice-cli serve-demo: serving http://%s/records (JSON Lines) and http://%s/events "
                 "(Server-Sent Events)\n",
                 qPrintable(where), qPrintable(where));
    std::fflush(stderr);

    StopSignals stop;
    QObject::connect(&stop, &StopSignals::stopRequested, QCoreApplication::instance(), [](int) { QCoreApplication::quit(); });
    QCoreApplication::exec();
    return ExitOk;
}

CommandRegistration reg({"serve-demo", "serve the demo workflow live as an NDJSON and an SSE stream", &run});

} // namespace
