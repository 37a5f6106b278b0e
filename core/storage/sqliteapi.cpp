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
template<typename F>
bool resolve(void *library, const char *name, F &out)
{
    out = reinterpret_cast<F>(dlsym(library, name));
    return out != nullptr;
}

const SqliteApi *resolveFor(const QSqlDriver *driver)
{
    // The driver object lives in the QSQLITE plugin; its vtable pointer names the plugin's file.
    // dlsym on the plugin's handle searches the plugin and then its own dependencies, so it finds
    // exactly the SQLite the driver calls, whether linked in or loaded beside it.
    Dl_info info{};
    if (!dladdr(*reinterpret_cast<void *const *>(driver), &info) || !info.dli_fname)
        return nullptr;
    void *library = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (!library)
        return nullptr;
    // The reference is kept on purpose: the functions must outlive every store.
    static SqliteApi api;
    const bool ok = resolve(library, "sqlite3_prepare_v2", api.prepareV2)
        && resolve(library, "sqlite3_bind_null", api.bindNull)
        && resolve(library, "sqlite3_bind_int64", api.bindInt64)
        && resolve(library, "sqlite3_bind_double", api.bindDouble)
        && resolve(library, "sqlite3_bind_text", api.bindText)
        && resolve(library, "sqlite3_bind_blob", api.bindBlob)
        && resolve(library, "sqlite3_step", api.step)
        && resolve(library, "sqlite3_reset", api.reset)
        && resolve(library, "sqlite3_clear_bindings", api.clearBindings)
        && resolve(library, "sqlite3_finalize", api.finalize)
        && resolve(library, "sqlite3_errmsg", api.errmsg);
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
    // Every QSQLITE connection comes from the same plugin, so one resolution serves them all.
    static const SqliteApi *const api = resolveFor(db.driver());
    return api;
#else
    Q_UNUSED(db);
    return nullptr;
#endif
}

} // namespace Apprentice
