#include "sqlitestatement.h"

#include "sqliteapi.h"

#include <QSqlDatabase>
#include <QSqlError>

#include <cmath>

namespace Apprentice {

SqliteStatement::~SqliteStatement()
{
    finalize();
}

bool SqliteStatement::prepare(const QSqlDatabase &db, const QString &sql, bool native, QString *error)
{
    finalize();
    if (native) {
        m_api = SqliteApi::forConnection(db);
        m_db = SqliteApi::handle(db);
    }
    if (m_api && m_db) {
        const QByteArray text = sql.toUtf8();
        if (m_api->prepareV2(m_db, text.constData(), int(text.size()), &m_stmt, nullptr) == SqliteApi::Ok)
            return true;
        if (error)
            *error = QString::fromUtf8(m_api->errmsg(m_db));
        m_stmt = nullptr;
        return false;
    }
    m_api = nullptr;
    m_db = nullptr;
    m_query.emplace(db);
    if (m_query->prepare(sql))
        return true;
    if (error)
        *error = m_query->lastError().text();
    m_query.reset();
    return false;
}

void SqliteStatement::finalize()
{
    if (m_stmt)
        m_api->finalize(m_stmt);
    m_stmt = nullptr;
    m_api = nullptr;
    m_db = nullptr;
    m_query.reset();
}

void SqliteStatement::bindNull(int i)
{
    if (m_stmt)
        m_api->bindNull(m_stmt, i + 1);
    else
        m_query->bindValue(i, QVariant());
}

void SqliteStatement::bindInt(int i, qint64 v)
{
    if (m_stmt)
        m_api->bindInt64(m_stmt, i + 1, v);
    else
        m_query->bindValue(i, v);
}

void SqliteStatement::bindDouble(int i, double v)
{
    if (std::isnan(v))
        bindNull(i);
    else if (m_stmt)
        m_api->bindDouble(m_stmt, i + 1, v);
    else
        m_query->bindValue(i, v);
}

void SqliteStatement::bindText(int i, std::string_view utf8, bool emptyIsNull)
{
    if (emptyIsNull && utf8.empty())
        bindNull(i);
    else if (m_stmt)
        // A non-null pointer even for "", or SQLite would store NULL.
        m_api->bindText(m_stmt, i + 1, utf8.empty() ? "" : utf8.data(), int(utf8.size()), nullptr);
    else
        m_query->bindValue(i, utf8.empty() ? QStringLiteral("") : QString::fromUtf8(utf8.data(), qsizetype(utf8.size())));
}

void SqliteStatement::bindText(int i, const QString &s)
{
    if (s.isNull())
        bindNull(i);
    else if (m_stmt) {
        const QByteArray utf8 = s.toUtf8();
        m_api->bindText(m_stmt, i + 1, utf8.constData(), int(utf8.size()), SqliteApi::transient());
    } else
        m_query->bindValue(i, s);
}

void SqliteStatement::bindBlob(int i, const QByteArray &b)
{
    if (b.isNull())
        bindNull(i);
    else if (m_stmt)
        m_api->bindBlob(m_stmt, i + 1, b.constData(), int(b.size()), SqliteApi::transient());
    else
        m_query->bindValue(i, b);
}

bool SqliteStatement::exec(QString *error)
{
    if (m_stmt) {
        const int rc = m_api->step(m_stmt);
        // reset() repeats the step's error code; the message must be read before it.
        const bool ok = rc == SqliteApi::Done || rc == SqliteApi::Row;
        if (!ok && error)
            *error = QString::fromUtf8(m_api->errmsg(m_db));
        m_api->reset(m_stmt);
        m_api->clearBindings(m_stmt);
        return ok;
    }
    if (!m_query) {
        if (error)
            *error = QStringLiteral("statement not prepared");
        return false;
    }
    const bool ok = m_query->exec();
    if (!ok && error)
        *error = m_query->lastError().text();
    return ok;
}

} // namespace Apprentice
