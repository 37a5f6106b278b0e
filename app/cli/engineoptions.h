#pragma once

#include "engineconfig.h"

#include <QCommandLineOption>
#include <QString>

class QCommandLineParser;

namespace Apprentice {
class Engine;
class Store;
class TrendWatch;
}

/// The engine options that analyze and listen share: --graduate-after, --apprentice-cost, --always-on-cost.
struct EngineOptions {
    QCommandLineOption graduate{QStringLiteral("graduate-after"), QString(), QStringLiteral("N")};
    QCommandLineOption apprenticeCost{QStringLiteral("apprentice-cost"), QString(), QStringLiteral("USD")};
    QCommandLineOption alwaysOnCost{QStringLiteral("always-on-cost"), QString(), QStringLiteral("USD")};

    void addTo(QCommandLineParser &parser) const;
    /// Fills `config`; false with a message naming the option when a value is out of range.
    bool apply(const QCommandLineParser &parser, Apprentice::EngineConfig &config, QString *error) const;
};

/// Opens the store (`dbPath`, or the default one when empty) and continues `engine` from what it
/// holds. Prints "apprentice-cli COMMAND: ..." on failure and returns false.
bool openStoreAndRestore(const char *command, const QString &dbPath, Apprentice::Store &store,
                         Apprentice::Engine &engine);

/// Opens the store at `path` (the default one when empty; set to the path used) to read it. Looking is not
/// creating: a missing file is an error, not a new empty store. Prints "apprentice-cli COMMAND: ..." on failure.
bool openExistingStore(const char *command, QString &path, Apprentice::Store &store);

/// Continues `trends` from the daily aggregates an earlier run left in `store` (none: nothing to do; `found`
/// says whether there were any). Prints "apprentice-cli COMMAND: ..." and returns false when they cannot be
/// read; nothing is changed.
bool restoreTrends(const char *command, const Apprentice::Store &store, Apprentice::TrendWatch &trends,
                   bool *found = nullptr);

/// The trends as of the newest record, significant ones only, as `trend` lines without a line number
/// (what `apprentice-cli trends` prints): how analyze and listen end.
void writeCurrentTrends(const Apprentice::TrendWatch &trends);
