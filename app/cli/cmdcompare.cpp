// apprentice-cli compare: shadow-mode comparison of a candidate workflow version with its baseline.
#include "command.h"
#include "terminalprogress.h"

#include "evolution/shadowcomparator.h"
#include "ingest/importer.h"
#include "record.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <cmath>
#include <cstdio>

using namespace Apprentice;

namespace {

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compares a candidate workflow version (shadow mode) with its baseline, tool by tool: Mann-Whitney U and\n"
        "Kolmogorov-Smirnov tests with Cliff's delta on each metric, two-proportion tests on error rates, Holm\n"
        "correction; recommends PROMOTE, ROLL_BACK or KEEP_SHADOW with reasons. Prints one JSON object\n"
        "(see docs/evolution.md). Exit codes: 0 success, 1 I/O failure, 2 usage error."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Log exports (.jsonl, .jsonl.gz, .csv, OTLP .json)."),
                                 QStringLiteral("FILE..."));
    const QCommandLineOption baselineOpt(QStringLiteral("baseline"), QStringLiteral("The current version, e.g. 1.0.0."),
                                         QStringLiteral("VERSION"));
    const QCommandLineOption candidateOpt(QStringLiteral("candidate"), QStringLiteral("The version in shadow mode, e.g. 1.1.0."),
                                          QStringLiteral("VERSION"));
    const QCommandLineOption workflowOpt(QStringLiteral("workflow"),
        QStringLiteral("The workflow (needed when the files hold several that have both versions)."), QStringLiteral("ID"));
    const QCommandLineOption alphaOpt(QStringLiteral("alpha"),
        QStringLiteral("Family-wise error rate of the comparison (default 0.05)."), QStringLiteral("A"), QStringLiteral("0.05"));
    const QCommandLineOption minCallsOpt(QStringLiteral("min-calls"),
        QStringLiteral("Calls of each tool needed on each side before promoting (default 200)."), QStringLiteral("N"),
        QStringLiteral("200"));
    const QCommandLineOption marginOpt(QStringLiteral("latency-margin"),
        QStringLiteral("Relative latency change that matters, in percent (default 10)."), QStringLiteral("PCT"),
        QStringLiteral("10"));
    const QCommandLineOption compactOpt(QStringLiteral("compact"), QStringLiteral("One line of JSON instead of indented."));
    parser.addOptions({baselineOpt, candidateOpt, workflowOpt, alphaOpt, minCallsOpt, marginOpt, compactOpt});

    if (!parser.parse(QStringList{QStringLiteral("apprentice-cli compare")} + args))
        return usageError("compare", parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'),
                     QStringLiteral("Usage: apprentice-cli compare [options] --baseline VERSION --candidate VERSION FILE..."));
        std::fputs(qPrintable(help), stdout);
        return ExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usageError("compare", QStringLiteral("no input FILE given"));
    if (!parser.isSet(baselineOpt) || parser.value(baselineOpt).trimmed().isEmpty())
        return usageError("compare", QStringLiteral("--baseline VERSION is required"));
    if (!parser.isSet(candidateOpt) || parser.value(candidateOpt).trimmed().isEmpty())
        return usageError("compare", QStringLiteral("--candidate VERSION is required"));
    const QString baseline = parser.value(baselineOpt).trimmed();
    const QString candidate = parser.value(candidateOpt).trimmed();
    if (baseline == candidate)
        return usageError("compare", QStringLiteral("--baseline and --candidate name the same version '%1'").arg(baseline));

    ShadowConfig config;
    bool ok = false;
    config.alpha = parser.value(alphaOpt).toDouble(&ok);
    if (!ok || !(config.alpha > 0 && config.alpha < 1))
        return usageError("compare", QStringLiteral("--alpha: expected a number between 0 and 1, got '%1'").arg(parser.value(alphaOpt)));
    config.minCalls = parser.value(minCallsOpt).toLongLong(&ok);
    if (!ok || config.minCalls < 2)
        return usageError("compare", QStringLiteral("--min-calls: expected a whole number >= 2, got '%1'").arg(parser.value(minCallsOpt)));
    const double margin = parser.value(marginOpt).toDouble(&ok);
    if (!ok || !(margin > 0) || !std::isfinite(margin))
        return usageError("compare", QStringLiteral("--latency-margin: expected a percentage > 0, got '%1'").arg(parser.value(marginOpt)));
    for (ShadowMetricRule &r : config.metrics) {
        if (r.metric == u"latency_ms")
            r.margin = margin / 100;
    }

    ShadowComparator comparator(config);
    int exitCode = ExitOk;
    TerminalProgress progress("compare"); // only on a terminal
    for (const QString &file : files) {
        ForwardingSink sink(comparator, file, &progress);
        progress.setFile(file);
        const ImportResult result = importFile(file, sink, &progress);
        progress.clear();
        if (result.outcome == Outcome::Failed) {
            std::fprintf(stderr, "apprentice-cli compare: %s: %s\n", qPrintable(file), qPrintable(result.error));
            exitCode = ExitIoFailure;
        }
    }

    // The workflow: given, or the only one that has both versions.
    QString workflow = parser.value(workflowOpt).trimmed();
    if (workflow.isEmpty()) {
        QStringList both;
        for (const QString &w : comparator.workflows()) {
            bool hasBaseline = false, hasCandidate = false;
            for (const ShadowComparator::VersionInfo &v : comparator.versions(w)) {
                hasBaseline |= v.version == baseline;
                hasCandidate |= v.version == candidate;
            }
            if (hasBaseline && hasCandidate)
                both << w;
        }
        if (both.size() > 1)
            return usageError("compare", QStringLiteral("several workflows have both versions (%1): choose one with --workflow")
                                  .arg(both.join(QStringLiteral(", "))));
        if (both.isEmpty()) {
            std::fprintf(stderr, "apprentice-cli compare: no workflow in the input has both %s and %s\n",
                         qPrintable(baseline), qPrintable(candidate));
            // Still print the comparison of the first workflow so scripts see KEEP_SHADOW and why.
            const QStringList all = comparator.workflows();
            workflow = all.isEmpty() ? QString() : all.constFirst();
        } else {
            workflow = both.constFirst();
        }
    }

    const ShadowComparison comparison = comparator.compare(workflow, baseline, candidate);
    const QByteArray json = QJsonDocument(comparison.toJson())
                                .toJson(parser.isSet(compactOpt) ? QJsonDocument::Compact : QJsonDocument::Indented);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    if (!json.endsWith('\n'))
        std::fputc('\n', stdout);
    std::fflush(stdout);
    return exitCode;
}

CommandRegistration reg({"compare", "compare a candidate version with its baseline (shadow mode) as JSON", &run});

} // namespace
