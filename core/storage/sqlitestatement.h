#pragma once

#include <QByteArray>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <optional>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;
class QSqlDatabase;

namespace Apprentice {

struct SqliteApi;

/// A prepared write statement that binds straight into SQLite when the driver's functions are
/// available (see SqliteApi) and through QSqlQuery otherwise; the bulk paths of the store use it.
/// Parameters are positional and 0-based. Bound text and blobs must stay alive until exec().
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    /// `native` = false forces the QSqlQuery path (to compare both, and where SQLite is private).
    bool prepare(const QSqlDatabase &db, const QString &sql, bool native, QString *error);
    /// Releases the statement; required before the connection closes.
    void finalize();
    bool isNative() const { return m_stmt != nullptr; }

    void bindNull(int i);
    void bindInt(int i, qint64 v);
    /// NaN binds NULL (SQLite would store it as NULL anyway; this keeps both paths identical).
    void bindDouble(int i, double v);
    /// UTF-8; an empty view binds NULL when `emptyIsNull`.
    void bindText(int i, std::string_view utf8, bool emptyIsNull = false);
    void bindText(int i, const QString &s);
    void bindBlob(int i, const QByteArray &b);

    /// Runs the statement once with the bound values and clears them.
    bool exec(QString *error);

private:
    const SqliteApi *m_api = nullptr;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    std::optional<QSqlQuery> m_query;
};

} // namespace Apprentice
