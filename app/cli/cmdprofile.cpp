// apprentice-cli profile show: the learned profiles of a store, as a table or JSON.
#include "command.h"
#include "engineoptions.h"

#include "sizetext.h"
#include "storage/store.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>

using namespace Apprentice;

namespace {

constexpr const char *Usage =
    "Usage: apprentice-cli profile show [--db PATH] [--workflow NAME] [--format table|json]\n"
    "       apprentice-cli profile files [--db PATH] [--format table|json]\n"
    "\n"
    "show prints the learned profiles of a store: one row per workflow version, tool and metric\n"
    "(n, mean, std, p50, p95, p99), with the workflow's phase and executions.\n"
    "The (execution) rows profile the total latency of a workflow run.\n"
    "files lists the files imports have read into the store, newest first: how many of their lines\n"
    "count already (a later import reads on after them) and their size when read to the end.\n"
    "\n"
    "Options:\n"
    "  --db PATH         the store (default: apprentice.sqlite in the user's data directory)\n"
    "  --workflow NAME   only this workflow (all its versions; show only)\n"
    "  --format FORMAT   table (default) or json\n"
    "  -h, --help        show this help\n";

void print(FILE *out, const QString &text)
{
    std::fputs(text.toUtf8().constData(), out);
}

bool endsWith(const QString &metric, const char *suffix)
{
    return metric.endsWith(QLatin1String(suffix));
}

QString fixed(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

// Plain numbers for unknown metrics: about four significant digits, no exponent in the usual range.
QString plain(double v)
{
    const double a = std::abs(v);
    if (a != 0 && (a >= 1e6 || a < 1e-3))
        return QString::number(v, 'g', 4);
    return fixed(v, a >= 100 ? 1 : a >= 1 ? 2 : 3);
}

/// One value of `metric` with the unit its name implies (FORMATS.md §1 names; suffixes for custom ones).
QString formatValue(const QString &metric, double v)
{
    if (std::isnan(v))
        return QStringLiteral("-");
    const double a = std::abs(v);
    if (endsWith(metric, "_ms"))
        return a >= 1000 ? fixed(v / 1000, 2) + QStringLiteral(" s") : fixed(v, a < 10 ? 2 : 1) + QStringLiteral(" ms");
    if (endsWith(metric, "_bytes")) {
        if (a >= 1024 * 1024)
            return fixed(v / (1024 * 1024), 1) + QStringLiteral(" MiB");
        if (a >= 1024)
            return fixed(v / 1024, 1) + QStringLiteral(" KiB");
        return fixed(v, a < 10 && a != std::floor(a) ? 1 : 0) + QStringLiteral(" B");
    }
    if (endsWith(metric, "_mb"))
        return fixed(v, 1) + QStringLiteral(" MB");
    if (endsWith(metric, "_pct"))
        return fixed(v, 1) + QStringLiteral(" %");
    if (endsWith(metric, "_usd")) {
        if (a == 0)
            return QStringLiteral("$0");
        // Per-call costs are fractions of a cent: keep three significant digits.
        const int decimals = a >= 1 ? 2 : std::min(8, int(std::ceil(-std::log10(a))) + 2);
        return QStringLiteral("$") + fixed(v, decimals);
    }
    if (metric == u"validation_pass")
        return fixed(v, 3);
    return plain(v);
}

QJsonValue jsonNumber(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonObject jsonStats(const Distribution &d)
{
    const bool any = d.count() > 0;
    const double nan = std::nan("");
    return {{QStringLiteral("n"), qint64(d.count())},
            {QStringLiteral("mean"), jsonNumber(d.mean())},
            {QStringLiteral("std"), jsonNumber(any ? d.stddev() : nan)},
            {QStringLiteral("min"), jsonNumber(d.min())},
            {QStringLiteral("max"), jsonNumber(d.max())},
            {QStringLiteral("p50"), jsonNumber(any ? d.p50() : nan)},
            {QStringLiteral("p95"), jsonNumber(any ? d.p95() : nan)},
            {QStringLiteral("p99"), jsonNumber(any ? d.p99() : nan)}};
}

QString phaseText(const WorkflowSnapshot &w)
{
    return w.relearning ? phaseName(w.phase) + QStringLiteral(" (relearning)") : phaseName(w.phase);
}

QString toJson(const std::vector<const WorkflowSnapshot *> &workflows, const QString &path, int schemaVersion)
{
    QJsonArray list;
    for (const WorkflowSnapshot *w : workflows) {
        QJsonArray tools;
        for (const ToolSnapshot &t : w->tools) {
            QJsonArray metrics;
            for (const MetricSnapshot &m : t.metrics) {
                QJsonObject o = jsonStats(m.profile);
                o.insert(QStringLiteral("metric"), m.metric);
                metrics.append(o);
            }
            tools.append(QJsonObject{{QStringLiteral("tool"), t.tool},
                                     {QStringLiteral("calls"), t.calls},
                                     {QStringLiteral("errors"), t.errors},
                                     {QStringLiteral("metrics"), metrics}});
        }
        const LedgerTotals &l = w->ledger;
        list.append(QJsonObject{
            {QStringLiteral("workflow"), w->workflow},
            {QStringLiteral("version"), w->version},
            {QStringLiteral("phase"), phaseName(w->phase)},
            {QStringLiteral("relearning"), w->relearning},
            {QStringLiteral("executions"), w->executions},
            {QStringLiteral("records"), w->records},
            {QStringLiteral("failed_executions"), w->failedExecutions},
            {QStringLiteral("graduated_at_execution"), w->graduatedAtExecution},
            {QStringLiteral("reason"), w->reason},
            {QStringLiteral("ledger"),
             QJsonObject{{QStringLiteral("apprentice_executions"), l.apprenticeExecutions},
                         {QStringLiteral("graduated_executions"), l.graduatedExecutions},
                         {QStringLiteral("investigations"), l.investigations},
                         {QStringLiteral("apprentice_usd"), jsonNumber(l.apprenticeUsd)},
                         {QStringLiteral("investigation_usd"), jsonNumber(l.investigationUsd)},
                         {QStringLiteral("always_on_usd"), jsonNumber(l.alwaysOnUsd)},
                         {QStringLiteral("spent_usd"), jsonNumber(l.spentUsd())}}},
            {QStringLiteral("execution_latency_ms"), jsonStats(w->executionLatency)},
            {QStringLiteral("tools"), tools}});
    }
    const QJsonObject root{{QStringLiteral("db"), QDir::toNativeSeparators(path)},
                           {QStringLiteral("schema_version"), schemaVersion},
                           {QStringLiteral("workflows"), list}};
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

/// Rows (the first one a header) in columns two spaces apart; numbers right-aligned.
template<typename IsNumeric>
QString aligned(const std::vector<QStringList> &rows, IsNumeric numeric)
{
    const qsizetype columns = rows.empty() ? 0 : rows.front().size();
    std::vector<qsizetype> width(size_t(columns), 0);
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < columns; ++c)
            width[size_t(c)] = std::max(width[size_t(c)], row[c].size());
    }
    QString out;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype c = 0; c < columns; ++c) {
            if (c)
                line += QStringLiteral("  ");
            const qsizetype w = width[size_t(c)];
            line += numeric(c) ? row[c].rightJustified(w) : row[c].leftJustified(c + 1 < columns ? w : 0);
        }
        while (line.endsWith(u' '))
            line.chop(1);
        out += line + u'\n';
    }
    return out;
}

QString toTable(const std::vector<const WorkflowSnapshot *> &workflows)
{
    enum Column { Workflow, Version, Phase, Executions, Tool, Metric, N, Mean, Std, P50, P95, P99, ColumnCount };
    const QStringList header{QStringLiteral("WORKFLOW"), QStringLiteral("VERSION"), QStringLiteral("PHASE"),
                             QStringLiteral("EXECUTIONS"), QStringLiteral("TOOL"), QStringLiteral("METRIC"),
                             QStringLiteral("N"), QStringLiteral("MEAN"), QStringLiteral("STD"),
                             QStringLiteral("P50"), QStringLiteral("P95"), QStringLiteral("P99")};
    std::vector<QStringList> rows{header};
    const auto addRow = [&](const WorkflowSnapshot &w, const QString &tool, const QString &metric,
                            const Distribution *d) {
        QStringList row{w.workflow, w.version, phaseText(w), QString::number(w.executions), tool, metric};
        if (d && d->count() > 0)
            row << QString::number(d->count()) << formatValue(metric, d->mean())
                << formatValue(metric, d->stddev()) << formatValue(metric, d->p50())
                << formatValue(metric, d->p95()) << formatValue(metric, d->p99());
        else
            row << QString::number(d ? d->count() : 0) << QStringLiteral("-") << QStringLiteral("-")
                << QStringLiteral("-") << QStringLiteral("-") << QStringLiteral("-");
        rows.push_back(row);
    };
    for (const WorkflowSnapshot *w : workflows) {
        const size_t before = rows.size();
        if (w->executionLatency.count() > 0)
            addRow(*w, QStringLiteral("(execution)"), QStringLiteral("latency_ms"), &w->executionLatency);
        for (const ToolSnapshot &t : w->tools) {
            for (const MetricSnapshot &m : t.metrics)
                addRow(*w, t.tool, m.metric, &m.profile);
        }
        if (rows.size() == before)
            addRow(*w, QStringLiteral("-"), QStringLiteral("-"), nullptr);
    }

    return aligned(rows, [](qsizetype c) { return c == Executions || c >= N; });
}

/// Parses `--name VALUE` and `--name=VALUE` options, each one of `names`. False with `problem` set on anything
/// else; false with it empty after printing the usage for -h/--help.
bool parseOptions(const QStringList &args, const QStringList &names,
                  const std::function<void(const QString &, const QString &)> &set, QString *problem)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (arg == u"-h" || arg == u"--help") {
            std::fputs(Usage, stdout);
            return false;
        }
        QString name = arg;
        QString value;
        bool hasValue = false;
        if (arg.startsWith(u"--") && arg.contains(u'=')) {
            name = arg.section(u'=', 0, 0);
            value = arg.section(u'=', 1);
            hasValue = true;
        }
        if (!names.contains(name)) {
            *problem = arg.startsWith(u'-') ? QStringLiteral("unknown option '%1'").arg(arg)
                                            : QStringLiteral("unexpected argument '%1'").arg(arg);
            return false;
        }
        if (!hasValue) {
            if (i + 1 >= args.size()) {
                *problem = QStringLiteral("%1 needs a value").arg(name);
                return false;
            }
            value = args[++i];
        }
        set(name, value);
    }
    return true;
}

int show(const QStringList &args)
{
    QString dbPath;
    QString workflow;
    QString format = QStringLiteral("table");
    QString problem;
    if (!parseOptions(args, {QStringLiteral("--db"), QStringLiteral("--workflow"), QStringLiteral("--format")},
                      [&](const QString &name, const QString &value) {
                          (name == u"--db" ? dbPath : name == u"--workflow" ? workflow : format) = value;
                      }, &problem))
        return problem.isEmpty() ? ExitOk : usageError("profile", problem);
    if (format != u"table" && format != u"json")
        return usageError("profile", QStringLiteral("unknown format '%1' (table or json)").arg(format));

    Store store;
    if (!openExistingStore("profile show", dbPath, store))
        return ExitIoFailure;
    QString error;
    EngineSnapshot snapshot;
    if (!store.loadSnapshot(snapshot, &error)) {
        print(stderr, QStringLiteral("apprentice-cli profile show: %1\n").arg(error));
        return ExitIoFailure;
    }
    std::vector<const WorkflowSnapshot *> selected;
    for (const WorkflowSnapshot &w : snapshot.workflows) {
        if (workflow.isEmpty() || w.workflow == workflow)
            selected.push_back(&w);
    }
    if (format == u"json") {
        print(stdout, toJson(selected, dbPath, store.schemaVersion()));
        return ExitOk;
    }
    if (selected.empty()) {
        print(stderr, workflow.isEmpty()
                          ? QStringLiteral("no profiles stored in %1\n").arg(QDir::toNativeSeparators(dbPath))
                          : QStringLiteral("no profiles of workflow '%1' in %2\n").arg(workflow, QDir::toNativeSeparators(dbPath)));
        return ExitOk;
    }
    print(stdout, toTable(selected));
    return ExitOk;
}

/// The files imports have read into the store: which lines count already, newest first.
int files(const QStringList &args)
{
    QString dbPath;
    QString format = QStringLiteral("table");
    QString problem;
    if (!parseOptions(args, {QStringLiteral("--db"), QStringLiteral("--format")}, [&](const QString &name, const QString &value) {
            (name == u"--db" ? dbPath : format) = value;
        }, &problem))
        return problem.isEmpty() ? ExitOk : usageError("profile", problem);
    if (format != u"table" && format != u"json")
        return usageError("profile", QStringLiteral("unknown format '%1' (table or json)").arg(format));
    Store store;
    if (!openExistingStore("profile files", dbPath, store))
        return ExitIoFailure;
    QString error;
    std::vector<ImportedFile> rows;
    if (!store.loadImportedFiles(QString(), rows, &error)) {
        print(stderr, QStringLiteral("apprentice-cli profile files: %1\n").arg(error));
        return ExitIoFailure;
    }
    const auto when = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm")); };
    if (format == u"json") {
        QJsonArray list;
        for (const ImportedFile &f : rows)
            list.append(QJsonObject{{QStringLiteral("path"), f.path},
                                    {QStringLiteral("lines"), f.lines},
                                    {QStringLiteral("bytes"), f.bytes >= 0 ? QJsonValue(f.bytes) : QJsonValue()},
                                    {QStringLiteral("complete"), f.bytes >= 0},
                                    {QStringLiteral("updated"), QDateTime::fromMSecsSinceEpoch(f.updatedMs, Qt::UTC).toString(Qt::ISODateWithMs)}});
        print(stdout, QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("files"), list}}).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    if (rows.empty()) {
        print(stderr, QStringLiteral("no files were read into %1\n").arg(QDir::toNativeSeparators(dbPath)));
        return ExitOk;
    }
    std::vector<QStringList> table{{QStringLiteral("READ"), QStringLiteral("LINES"), QStringLiteral("SIZE"), QStringLiteral("FILE")}};
    for (const ImportedFile &f : rows)
        table.push_back({when(f.updatedMs), QString::number(f.lines), f.bytes >= 0 ? sizeText(f.bytes) : QStringLiteral("cut short"),
                         QDir::toNativeSeparators(f.path)});
    print(stdout, aligned(table, [](qsizetype c) { return c == 1 || c == 2; }));
    return ExitOk;
}

int run(const QStringList &args)
{
    if (args.isEmpty())
        return usageError("profile", QStringLiteral("missing subcommand (show or files)"));
    if (args.first() == u"-h" || args.first() == u"--help") {
        std::fputs(Usage, stdout);
        return ExitOk;
    }
    if (args.first() == u"files")
        return files(args.mid(1));
    if (args.first() != u"show")
        return usageError("profile", QStringLiteral("unknown subcommand '%1' (show or files)").arg(args.first()));
    return show(args.mid(1));
}

} // namespace

static CommandRegistration reg({"profile", "show the learned profiles stored in a database", &run});
