#include "command.h"
#include "engineoptions.h"
#include "terminalprogress.h"

#include "evolution/trendwatch.h"
#include "ingest/importer.h"
#include "record.h"
#include "storage/store.h"
#include "trends/trendtracker.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>
#include <cstdio>

using namespace Apprentice;

namespace {

constexpr int MaxWindowDays = 366;

/// METRIC=VALUE keeps the metric's natural side; METRIC<=VALUE and METRIC>=VALUE choose it.
bool parseThreshold(const QString &text, TrendConfig &config)
{
    static const QRegularExpression re(QStringLiteral("^\\s*([A-Za-z0-9_.\\-]+)\\s*(<=|>=|=)\\s*(\\S+)\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return false;
    bool ok = false;
    const double value = m.captured(3).toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return false;
    const QString op = m.captured(2);
    const ThresholdKind kind = op == u"<=" ? ThresholdKind::AtMost : op == u">=" ? ThresholdKind::AtLeast : ThresholdKind::None;
    config.setThreshold(m.captured(1), value, kind);
    return true;
}

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Reads log exports and prints one FORMATS.md 'trend' event per line for each workflow/tool/metric\n"
        "whose daily values trend significantly over the window ending at the newest record\n"
        "(weekday-seasonal Theil-Sen slope, Seasonal Kendall test; see docs/trends.md)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Log exports (.jsonl, .jsonl.gz, .csv, OTLP .json)."),
                                 QStringLiteral("FILE..."));
    const QCommandLineOption dbOpt(QStringLiteral("db"),
        QStringLiteral("Start from the daily aggregates 'analyze' kept in this store (FILE... then optional)."),
        QStringLiteral("PATH"));
    const QCommandLineOption windowOpt(QStringLiteral("window-days"),
        QStringLiteral("Days of history analysed (default 30)."), QStringLiteral("N"), QStringLiteral("30"));
    const QCommandLineOption thresholdOpt(QStringLiteral("threshold"),
        QStringLiteral("Limit of a metric's trended statistic, repeatable: METRIC=VALUE, METRIC<=VALUE or\n"
                       "METRIC>=VALUE (defaults: latency_ms<=300 on p95, validation_pass>=0.98 on the mean)."),
        QStringLiteral("SPEC"));
    const QCommandLineOption alphaOpt(QStringLiteral("alpha"),
        QStringLiteral("Significance level, false discoveries controlled over all series (default 0.05)."),
        QStringLiteral("A"), QStringLiteral("0.05"));
    const QCommandLineOption nowOpt(QStringLiteral("now"),
        QStringLiteral("Analyse as of this RFC 3339 time instead of the newest record."), QStringLiteral("TIME"));
    const QCommandLineOption allOpt(QStringLiteral("all"), QStringLiteral("Print every analysed series, significant or not."));
    parser.addOptions({dbOpt, windowOpt, thresholdOpt, alphaOpt, nowOpt, allOpt});

    if (!parser.parse(QStringList{QStringLiteral("apprentice-cli trends")} + args))
        return usageError("trends", parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        // helpText() names the binary by its full path; the command line people type reads better.
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: apprentice-cli trends [options] FILE...  |  trends --db PATH [options] [FILE...]"));
        std::fputs(qPrintable(help), stdout);
        return ExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() && !parser.isSet(dbOpt))
        return usageError("trends", QStringLiteral("no input FILE given (or --db PATH)"));

    TrendConfig config;
    bool ok = false;
    config.windowDays = parser.value(windowOpt).toInt(&ok);
    if (!ok || config.windowDays < 2 || config.windowDays > MaxWindowDays)
        return usageError("trends", QStringLiteral("--window-days: expected a whole number from 2 to %1, got '%2'")
                              .arg(MaxWindowDays).arg(parser.value(windowOpt)));
    config.minDays = std::min(config.minDays, config.windowDays);
    config.significanceLevel = parser.value(alphaOpt).toDouble(&ok);
    if (!ok || !(config.significanceLevel > 0 && config.significanceLevel < 1))
        return usageError("trends", QStringLiteral("--alpha: expected a number between 0 and 1, got '%1'").arg(parser.value(alphaOpt)));
    for (const QString &spec : parser.values(thresholdOpt)) {
        if (!parseThreshold(spec, config))
            return usageError("trends", QStringLiteral("--threshold: expected METRIC=VALUE, METRIC<=VALUE or METRIC>=VALUE, got '%1'").arg(spec));
    }
    qint64 nowMs = 0;
    if (parser.isSet(nowOpt)) {
        const QDateTime dt = QDateTime::fromString(parser.value(nowOpt), Qt::ISODateWithMs);
        if (!dt.isValid() || dt.timeSpec() == Qt::LocalTime)
            return usageError("trends", QStringLiteral("--now: expected an RFC 3339 time such as 2026-10-31T00:00:00Z, got '%1'")
                                  .arg(parser.value(nowOpt)));
        nowMs = dt.toMSecsSinceEpoch();
    }

    // The same daily aggregates analyze keeps; a stored state continues with the files given.
    TrendWatch watch(config);
    if (parser.isSet(dbOpt)) {
        QString dbPath = parser.value(dbOpt);
        Store store;
        bool found = false;
        if (!openExistingStore("trends", dbPath, store) || !restoreTrends("trends", store, watch, &found))
            return ExitIoFailure;
        if (!found && files.isEmpty())
            std::fprintf(stderr, "apprentice-cli trends: no trend aggregates stored in %s (analyze keeps them)\n",
                         qPrintable(QDir::toNativeSeparators(dbPath)));
    }
    const TrendTracker &tracker = watch.tracker();
    int exitCode = ExitOk;
    TerminalProgress progress("trends"); // only on a terminal
    for (const QString &file : files) {
        ForwardingSink sink(watch, file, &progress);
        progress.setFile(file);
        const ImportResult result = importFile(file, sink, &progress);
        progress.clear();
        if (result.outcome == Outcome::Failed) {
            std::fprintf(stderr, "apprentice-cli trends: %s: %s\n", qPrintable(file), qPrintable(result.error));
            exitCode = ExitIoFailure;
        }
    }
    if (tracker.records() == 0)
        return exitCode;
    if (!parser.isSet(nowOpt))
        nowMs = tracker.latestMs();

    const bool all = parser.isSet(allOpt);
    for (const TrendResult &r : tracker.analyze(nowMs, config)) {
        if (!all && !r.significant)
            continue;
        const QByteArray line = QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact);
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fputc('\n', stdout);
    }
    return exitCode;
}

CommandRegistration reg({"trends", "print trend events (slope, projection, time to breach) of log exports", &run});

} // namespace
