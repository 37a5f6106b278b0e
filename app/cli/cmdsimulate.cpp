#include "command.h"

#include "simulator/demosimulator.h"
#include "simulator/exportwriter.h"
#include "simulator/situation.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <cmath>
#include <cstdio>
#include <limits>

using namespace Apprentice;

namespace {

bool parseStart(const QString &text, qint64 &ms)
{
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    // RFC 3339 requires an offset; a local time would make the export depend on the machine.
    if (!dt.isValid() || dt.timeSpec() == Qt::LocalTime)
        return false;
    ms = dt.toMSecsSinceEpoch();
    return true;
}

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes the built-in demo (a simulated process_customer_order workflow: fetch_data -> process ->\n"
        "validate -> send_results) as a JSON Lines log export. The first K executions are normal, then\n"
        "the scenario's situation is switched on. Same seed, same bytes."));
    parser.addHelpOption();
    const QCommandLineOption scenarioOpt(QStringLiteral("scenario"),
        QStringLiteral("Situation after the normal start: %1.").arg(situationNames().join(QStringLiteral(", "))),
        QStringLiteral("S"), QStringLiteral("normal"));
    const QCommandLineOption executionsOpt(QStringLiteral("executions"),
        QStringLiteral("Executions to simulate (default 1000; with --days, whichever ends first)."), QStringLiteral("N"));
    const QCommandLineOption daysOpt(QStringLiteral("days"),
        QStringLiteral("Simulated days to cover instead of a number of executions."), QStringLiteral("D"));
    const QCommandLineOption outOpt(QStringLiteral("out"),
        QStringLiteral("Output file: .jsonl, .jsonl.gz (gzip), or - for standard output (default)."),
        QStringLiteral("FILE"), QStringLiteral("-"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption startOpt(QStringLiteral("start"),
        QStringLiteral("Simulated start, RFC 3339 (default 2026-10-01T00:00:00Z)."), QStringLiteral("TIME"),
        QStringLiteral("2026-10-01T00:00:00Z"));
    const QCommandLineOption rateOpt(QStringLiteral("rate"),
        QStringLiteral("Arrival rate in executions per simulated day (default 50000)."), QStringLiteral("R"),
        QStringLiteral("50000"));
    const QCommandLineOption atOpt(QStringLiteral("at"),
        QStringLiteral("Normal executions before the scenario starts (default 300)."), QStringLiteral("K"),
        QStringLiteral("300"));
    parser.addOptions({scenarioOpt, executionsOpt, daysOpt, outOpt, seedOpt, startOpt, rateOpt, atOpt});

    if (!parser.parse(QStringList{QStringLiteral("apprentice-cli simulate")} + args))
        return usageError("simulate", parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        // helpText() names the binary by its full path; the command line people type reads better.
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: apprentice-cli simulate [options]"));
        std::fputs(qPrintable(help), stdout);
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError("simulate", QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));

    Situation scenario = Situation::Normal;
    if (!situationFromName(parser.value(scenarioOpt), scenario))
        return usageError("simulate", QStringLiteral("--scenario: unknown situation '%1' (one of %2)")
                              .arg(parser.value(scenarioOpt), situationNames().join(QStringLiteral(", "))));
    bool ok = false;
    qint64 executions = parser.isSet(daysOpt) ? std::numeric_limits<qint64>::max() : 1000;
    if (parser.isSet(executionsOpt)) {
        executions = parser.value(executionsOpt).toLongLong(&ok);
        if (!ok || executions < 0)
            return usageError("simulate", QStringLiteral("--executions: expected a whole number >= 0, got '%1'")
                                  .arg(parser.value(executionsOpt)));
    }
    double days = std::numeric_limits<double>::infinity();
    if (parser.isSet(daysOpt)) {
        days = parser.value(daysOpt).toDouble(&ok);
        if (!ok || !(days > 0) || !std::isfinite(days))
            return usageError("simulate", QStringLiteral("--days: expected a number > 0, got '%1'").arg(parser.value(daysOpt)));
    }
    const quint64 seed = parser.value(seedOpt).toULongLong(&ok);
    if (!ok)
        return usageError("simulate", QStringLiteral("--seed: expected a whole number >= 0, got '%1'").arg(parser.value(seedOpt)));
    qint64 startMs = 0;
    if (!parseStart(parser.value(startOpt), startMs))
        return usageError("simulate", QStringLiteral("--start: expected an RFC 3339 time such as 2026-10-01T00:00:00Z, got '%1'")
                              .arg(parser.value(startOpt)));
    const double rate = parser.value(rateOpt).toDouble(&ok);
    if (!ok || !(rate > 0) || !std::isfinite(rate))
        return usageError("simulate", QStringLiteral("--rate: expected executions per day > 0, got '%1'").arg(parser.value(rateOpt)));
    const qint64 at = parser.value(atOpt).toLongLong(&ok);
    if (!ok || at < 0)
        return usageError("simulate", QStringLiteral("--at: expected a whole number >= 0, got '%1'").arg(parser.value(atOpt)));

    DemoSimulator sim(seed, startMs);
    sim.setRatePerDay(rate);
    if (scenario != Situation::Normal)
        sim.schedule(scenario, at);

    const QString out = parser.value(outOpt);
    ExportWriter writer;
    if (!writer.open(out)) {
        std::fprintf(stderr, "apprentice-cli simulate: %s\n", qPrintable(writer.errorString()));
        return ExitIoFailure;
    }
    const double endMs = double(startMs) + days * double(DemoSimulator::DayMs);
    std::vector<Record> records;
    bool writing = true;
    for (qint64 i = 0; i < executions && writing; ++i) {
        if (double(sim.nextArrivalMs()) >= endMs)
            break;
        const int n = sim.nextExecution(records);
        for (int k = 0; k < n && writing; ++k)
            writing = writer.write(records[size_t(k)]);
    }
    if (!writer.close()) {
        std::fprintf(stderr, "apprentice-cli simulate: %s\n", qPrintable(writer.errorString()));
        return ExitIoFailure;
    }
    if (out != u"-")
        std::fprintf(stderr, "apprentice-cli simulate: %lld executions, %lld records -> %s\n",
                     static_cast<long long>(sim.executions()), static_cast<long long>(writer.recordsWritten()),
                     qPrintable(out));
    return ExitOk;
}

CommandRegistration reg({"simulate", "write the built-in demo workflow as a log export", &run});

} // namespace
