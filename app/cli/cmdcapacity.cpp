#include "command.h"

#include <QFile>
#include <QJsonDocument>

#include <cstdio>
#include <optional>

#include "capacity/capacityreport.h"
#include "capacity/capacityscenario.h"
#include "capacity/capacitysimulation.h"
#include "capacity/capacitysolver.h"

using namespace Apprentice;
using namespace Qt::StringLiterals;

namespace {

void printHelp(FILE *out)
{
    std::fputs("Usage: apprentice-cli capacity [OPTIONS] SCENARIO.json\n"
               "\n"
               "Black-Friday what-if: maximum sustainable throughput, the binding bottleneck, every\n"
               "resource's utilisation, Erlang C latency per stage and, for a traffic curve, the hour-by-hour\n"
               "fluid model. Prints JSON (fields in docs/capacity.md).\n"
               "\n"
               "Options:\n"
               "  --simulate        also run the seeded discrete-event simulation\n"
               "  --seed N          simulation seed (default: the scenario's simulation_seed)\n"
               "  --solve           find the cheapest allowed changes that hold the target and SLO\n"
               "  --apply-plan      with --solve: report the solver's plan instead of the toggled changes\n"
               "  --markdown FILE   also write the Markdown report to FILE\n"
               "  --no-hourly       leave out the hourly series\n"
               "  --compact         one-line JSON\n"
               "  -h, --help        this help\n"
               "\n"
               "Exit codes: 0 ok, 1 the file cannot be read or written, 2 bad usage or an invalid scenario\n"
               "(each problem is named by its field on stderr).\n",
               out);
}

int run(const QStringList &args)
{
    bool simulate = false, solve = false, applyPlan = false, hourly = true, compact = false;
    std::optional<quint64> seed;
    QString file, markdown;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"-h" || a == u"--help") {
            printHelp(stdout);
            return ExitOk;
        } else if (a == u"--simulate") {
            simulate = true;
        } else if (a == u"--solve") {
            solve = true;
        } else if (a == u"--apply-plan") {
            applyPlan = true;
        } else if (a == u"--no-hourly") {
            hourly = false;
        } else if (a == u"--compact") {
            compact = true;
        } else if (a == u"--seed" || a == u"--markdown") {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "apprentice-cli capacity: %s needs a value\n", qPrintable(a));
                return ExitUsage;
            }
            const QString v = args.at(++i);
            if (a == u"--markdown") {
                markdown = v;
            } else {
                bool ok = false;
                seed = v.toULongLong(&ok);
                if (!ok) {
                    std::fprintf(stderr, "apprentice-cli capacity: --seed must be a non-negative integer, got '%s'\n",
                                 qPrintable(v));
                    return ExitUsage;
                }
            }
        } else if (a.startsWith(u'-')) {
            std::fprintf(stderr, "apprentice-cli capacity: unknown option '%s'\n\n", qPrintable(a));
            printHelp(stderr);
            return ExitUsage;
        } else if (file.isEmpty()) {
            file = a;
        } else {
            std::fprintf(stderr, "apprentice-cli capacity: one scenario file only ('%s' is extra)\n", qPrintable(a));
            return ExitUsage;
        }
    }
    if (file.isEmpty()) {
        printHelp(stderr);
        return ExitUsage;
    }
    if (applyPlan && !solve) {
        std::fputs("apprentice-cli capacity: --apply-plan needs --solve\n", stderr);
        return ExitUsage;
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "apprentice-cli capacity: cannot read %s: %s\n", qPrintable(file), qPrintable(f.errorString()));
        return ExitIoFailure;
    }
    QStringList errors;
    std::optional<CapacityScenario> scenario = CapacityScenario::fromJson(f.readAll(), &errors);
    if (!scenario) {
        for (const QString &e : errors)
            std::fprintf(stderr, "apprentice-cli capacity: %s: %s\n", qPrintable(file), qPrintable(e));
        return ExitUsage;
    }
    if (seed)
        scenario->simulationSeed = *seed;

    std::optional<SolverResult> solution;
    if (solve) {
        solution = solveCapacity(*scenario);
        if (applyPlan && solution->found)
            scenario = solution->best.scenario;
    }
    const CapacityReport report = CapacityReport::compute(*scenario);
    std::optional<SimulationResult> simulation;
    if (simulate) {
        SimulationOptions options;
        options.seed = report.effective.simulationSeed;
        simulation = runCapacitySimulation(report.effective, options);
    }
    const QJsonObject json = capacityReportJson(report, hourly, simulation ? &*simulation : nullptr,
                                                solution ? &*solution : nullptr);
    const QByteArray out = QJsonDocument(json).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented);
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    if (compact)
        std::fputc('\n', stdout);
    if (!markdown.isEmpty()) {
        QFile md(markdown);
        if (!md.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            std::fprintf(stderr, "apprentice-cli capacity: cannot write %s: %s\n", qPrintable(markdown), qPrintable(md.errorString()));
            return ExitIoFailure;
        }
        md.write(capacityReportMarkdown(report, simulation ? &*simulation : nullptr, solution ? &*solution : nullptr).toUtf8());
    }
    return ExitOk;
}

const CommandRegistration reg({"capacity", "Black-Friday what-if: bottleneck, utilisation, latency, traffic curve", &run});

} // namespace
