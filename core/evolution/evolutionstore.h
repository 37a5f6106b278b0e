#pragma once

#include <QString>

namespace Apprentice {

class MutationLedger;

/// Keeps the mutation ledger and the avoidance rules in the Store's SQLite file (schema v2 tables
/// mutations, mutation_transitions, avoidance_rules). It opens its own connection to the file, so
/// it neither needs nor disturbs an open Store; opening migrates the file like Store::open does.
/// The ledger is small (one row per proposal): save() rewrites it whole in one transaction.
/// Not thread-safe: use from one thread.
class EvolutionStore
{
public:
    EvolutionStore();
    ~EvolutionStore();
    EvolutionStore(const EvolutionStore &) = delete;
    EvolutionStore &operator=(const EvolutionStore &) = delete;

    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const;

    /// Replaces the stored ledger and rules with `ledger`'s, all or nothing.
    bool save(const MutationLedger &ledger, QString *error);
    /// Restores `ledger` from the file (an empty ledger for a new file).
    bool load(MutationLedger &ledger, QString *error) const;

private:
    QString m_connection;
    QString m_path;
};

} // namespace Apprentice
