#include "sqliteapi.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#if __has_include(<dlfcn.h>)
#include <dlfcn.h>
#define APPRENTICE_HAVE_DLFCN 1
#endif

namespace Apprentice {

namespace {

#ifdef APPRENTICE_HAVE_DLFCN
// The driver object lives in the QSQLITE plugin; its vtable pointer names the plugin's file.
// dlsym on the plugin's handle searches the plugin and then its own dependencies, so it finds
// exactly the SQLite the driver calls, whether linked in or loaded beside it. The reference is
// kept on purpose: the functions must outlive every store.
void *openDriverLibrary(const QSqlDriver *driver)
{
    Dl_info info{};
    if (!dladdr(*reinterpret_cast<void *const *>(driver), &info) || !info.dli_fname)
        return nullptr;
    return dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
}

// Every QSQLITE connection comes from the same plugin, so one lookup serves them all.
void *driverLibrary(const QSqlDriver *driver)
{
    static void *const library = openDriverLibrary(driver);
    return library;
}

template<typename F>
bool load(void *library, const char *name, F &out)
{
    out = reinterpret_cast<F>(dlsym(library, name));
    return out != nullptr;
}

const SqliteApi *resolveFor(const QSqlDriver *driver)
{
    void *library = driverLibrary(driver);
    if (!library)
        return nullptr;
    static SqliteApi api;
    const bool ok = load(library, "sqlite3_prepare_v2", api.prepareV2)
        && load(library, "sqlite3_bind_null", api.bindNull)
        && load(library, "sqlite3_bind_int64", api.bindInt64)
        && load(library, "sqlite3_bind_double", api.bindDouble)
        && load(library, "sqlite3_bind_text", api.bindText)
        && load(library, "sqlite3_bind_blob", api.bindBlob)
        && load(library, "sqlite3_step", api.step)
        && load(library, "sqlite3_reset", api.reset)
        && load(library, "sqlite3_clear_bindings", api.clearBindings)
        && load(library, "sqlite3_finalize", api.finalize)
        && load(library, "sqlite3_errmsg", api.errmsg);
    return ok ? &api : nullptr;
}
#endif

} // namespace

sqlite3 *SqliteApi::handle(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant h = db.driver()->handle();
    if (!h.isValid() || qstrcmp(h.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(h.constData());
}

const SqliteApi *SqliteApi::forConnection(const QSqlDatabase &db)
{
#ifdef APPRENTICE_HAVE_DLFCN
    if (!handle(db))
        return nullptr;
    static const SqliteApi *const api = resolveFor(db.driver());
    return api;
#else
    Q_UNUSED(db);
    return nullptr;
#endif
}

void *SqliteApi::resolve(const QSqlDatabase &db, const char *symbol)
{
#ifdef APPRENTICE_HAVE_DLFCN
    if (!handle(db))
        return nullptr;
    void *library = driverLibrary(db.driver());
    return library ? dlsym(library, symbol) : nullptr;
#else
    Q_UNUSED(db);
    Q_UNUSED(symbol);
    return nullptr;
#endif
}

} // namespace Apprentice
