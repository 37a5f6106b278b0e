#include "engineoptions.h"

#include "command.h"
#include "engine.h"
#include "evolution/trendwatch.h"
#include "storage/store.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <cstdio>

using namespace Apprentice;

void EngineOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({graduate, apprenticeCost, alwaysOnCost});
}

bool EngineOptions::apply(const QCommandLineParser &p, EngineConfig &config, QString *error) const
{
    auto number = [&](const QCommandLineOption &o, double &target, bool integer) -> bool {
        if (!p.isSet(o))
            return true;
        bool ok = false;
        const double v = p.value(o).toDouble(&ok);
        if (!ok || !(v >= 0) || (integer && (v < 1 || v != std::floor(v) || v > 1e9)))
            return false;
        target = v;
        return true;
    };
    double graduateAfter = config.graduationExecutions;
    if (!number(graduate, graduateAfter, true)) {
        *error = QStringLiteral("--graduate-after needs a whole number >= 1, got '%1'").arg(p.value(graduate));
        return false;
    }
    config.graduationExecutions = int(graduateAfter);
    if (!number(apprenticeCost, config.costs.apprenticeExecution, false)) {
        *error = QStringLiteral("--apprentice-cost needs a number >= 0, got '%1'").arg(p.value(apprenticeCost));
        return false;
    }
    if (!number(alwaysOnCost, config.costs.alwaysOnExecution, false)) {
        *error = QStringLiteral("--always-on-cost needs a number >= 0, got '%1'").arg(p.value(alwaysOnCost));
        return false;
    }
    return true;
}

bool openStoreAndRestore(const char *command, const QString &dbPath, Store &store, Engine &engine)
{
    const QString path = dbPath.isEmpty() ? Store::defaultPath() : dbPath;
    QString error;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "apprentice-cli %s: %s\n", command, qPrintable(error));
        return false;
    }
    if (!store.claimWriting(&error)) {
        std::fprintf(stderr, "apprentice-cli %s: %s (--db names another store)\n", command, qPrintable(error));
        return false;
    }
    EngineSnapshot snapshot;
    if (!store.loadSnapshot(snapshot, &error) || !engine.restore(snapshot, &error)) {
        std::fprintf(stderr, "apprentice-cli %s: cannot continue from %s: %s\n", command, qPrintable(path),
                     qPrintable(error));
        return false;
    }
    return true;
}

bool openExistingStore(const char *command, QString &path, Store &store)
{
    if (path.isEmpty())
        path = Store::defaultPath();
    if (!QFileInfo::exists(path)) {
        std::fprintf(stderr, "apprentice-cli %s: no store at %s\n", command, qPrintable(QDir::toNativeSeparators(path)));
        return false;
    }
    QString error;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "apprentice-cli %s: %s\n", command, qPrintable(error));
        return false;
    }
    return true;
}

bool restoreTrends(const char *command, const Store &store, TrendWatch &trends, bool *found)
{
    QByteArray state;
    QString error;
    if (!store.loadTrendState(state, &error)) {
        std::fprintf(stderr, "apprentice-cli %s: %s\n", command, qPrintable(error));
        return false;
    }
    if (found)
        *found = !state.isEmpty();
    if (!state.isEmpty() && !trends.restoreState(state)) {
        std::fprintf(stderr, "apprentice-cli %s: %s: the stored trend aggregates are unreadable; nothing was changed\n",
                     command, qPrintable(QDir::toNativeSeparators(store.path())));
        return false;
    }
    return true;
}

void writeCurrentTrends(const TrendWatch &trends)
{
    for (const TrendResult &r : trends.analyzeNow()) {
        if (r.significant)
            writeLine(TrendWatch::eventJson(r, QString(), 0, trends.tracker().latestMs()));
    }
}
