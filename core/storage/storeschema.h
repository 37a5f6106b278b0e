#pragma once

#include <QString>

#include <vector>

class QSqlDatabase;

namespace Apprentice {

/// One schema step: brings a store from `version - 1` to `version`. Runs inside the migration's
/// transaction; returns false + error to abandon the whole migration.
struct Migration {
    int version = 0;
    bool (*apply)(QSqlDatabase &db, QString *error) = nullptr;
};

/// The store's schema: an ordered list of migrations (v1 creates everything; each later version is
/// one more function) and the checks that keep foreign or newer files untouched.
class StoreSchema
{
public:
    /// PRAGMA application_id of every store ("APPR"), so `file` and other tools can tell it apart.
    static constexpr int ApplicationId = 0x41505052;

    /// The migrations this build knows, in version order.
    static const std::vector<Migration> &migrations();
    static int currentVersion();

    /// Reads the schema version without writing anything: 0 for a new, empty file. Fails for a file
    /// that is not SQLite or is some other program's database.
    static bool inspect(QSqlDatabase &db, int *version, QString *error);

    /// Applies every step newer than the file's version in one IMMEDIATE transaction, so the file
    /// is either fully migrated or untouched. Refuses a file newer than the last step.
    static bool migrate(QSqlDatabase &db, const std::vector<Migration> &steps, QString *error);
    static bool migrate(QSqlDatabase &db, QString *error) { return migrate(db, migrations(), error); }
};

} // namespace Apprentice
