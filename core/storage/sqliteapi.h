#pragma once

#include <QtGlobal>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace Apprentice {

/// The SQLite C functions of the very library behind Qt's QSQLITE driver, resolved at run time.
///
/// Qt's QSqlResult formats a placeholder name for every bound value, which caps bulk inserts near
/// 100 k rows/s; binding directly on the driver's own handle is several times faster. Resolving the
/// functions from the library the driver itself uses (never from a separately linked copy) is what
/// makes sharing its `sqlite3*` handle safe, and needs no build-time dependency on SQLite.
struct SqliteApi {
    using Destructor = void (*)(void *);
    static constexpr int Ok = 0;
    static constexpr int Row = 100;
    static constexpr int Done = 101;

    int (*prepareV2)(sqlite3 *, const char *, int, sqlite3_stmt **, const char **) = nullptr;
    int (*bindNull)(sqlite3_stmt *, int) = nullptr;
    int (*bindInt64)(sqlite3_stmt *, int, qint64) = nullptr;
    int (*bindDouble)(sqlite3_stmt *, int, double) = nullptr;
    int (*bindText)(sqlite3_stmt *, int, const char *, int, Destructor) = nullptr;
    int (*bindBlob)(sqlite3_stmt *, int, const void *, int, Destructor) = nullptr;
    int (*step)(sqlite3_stmt *) = nullptr;
    int (*reset)(sqlite3_stmt *) = nullptr;
    int (*clearBindings)(sqlite3_stmt *) = nullptr;
    int (*finalize)(sqlite3_stmt *) = nullptr;
    const char *(*errmsg)(sqlite3 *) = nullptr;

    /// SQLite's SQLITE_TRANSIENT: the library copies the bound bytes.
    static Destructor transient() { return reinterpret_cast<Destructor>(qintptr(-1)); }

    /// The functions for `db`'s driver, or nullptr when they cannot be resolved (another platform,
    /// a driver with SQLite linked in privately); callers then fall back to QSqlQuery.
    static const SqliteApi *forConnection(const QSqlDatabase &db);
    /// The connection's native handle, or nullptr when it is not an open QSQLITE connection.
    static sqlite3 *handle(const QSqlDatabase &db);
    /// Any other SQLite function of the driver's library (hooks, for tests), or nullptr.
    static void *resolve(const QSqlDatabase &db, const char *symbol);
};

} // namespace Apprentice
