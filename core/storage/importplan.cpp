#include "importplan.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

namespace Apprentice {

namespace {

/// SHA-1 of the first `bytes` bytes of `path`; empty when it holds fewer or cannot be read.
QByteArray headSha1(const QString &path, qint64 bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = f.read(bytes);
    if (head.size() != bytes)
        return {};
    return QCryptographicHash::hash(head, QCryptographicHash::Sha1);
}

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString count(qint64 n)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(n); // 40,000: the messages are English
}

} // namespace

QString ImportPlan::note() const
{
    const QString at = when(previous.updatedMs);
    switch (kind) {
    case Kind::New: return {};
    case Kind::Continue:
        return QStringLiteral("continuing after line %1 (imported %2)").arg(count(skipLines), at);
    case Kind::Unchanged:
        return QStringLiteral("already imported up to line %1 on %2: nothing new")
            .arg(count(previous.lines), at);
    case Kind::Replaced:
        return QStringLiteral("not the file imported on %1 (rotated, rewritten or truncated): reading it from the start")
            .arg(at);
    }
    return {};
}

bool planImport(const Store &store, const QString &path, bool fromStart, ImportPlan &plan, QString *error)
{
    plan = ImportPlan();
    const QFileInfo info(path);
    plan.progress.path = info.absoluteFilePath();
    plan.progress.updatedMs = QDateTime::currentMSecsSinceEpoch();
    if (!info.isFile())
        return true; // the import says what is wrong with it
    const qint64 size = info.size();
    plan.progress.headBytes = std::min(size, ImportHeadBytes);
    plan.progress.headSha1 = headSha1(path, plan.progress.headBytes);

    std::optional<ImportedFile> previous;
    if (!store.loadImportedFile(plan.progress.path, previous, error))
        return false;
    if (!previous || fromStart)
        return true;
    plan.previous = *previous;
    // The same file when its start is what it was: compared over the bytes the earlier import saw.
    const bool same = size >= previous->headBytes && headSha1(path, previous->headBytes) == previous->headSha1
                      && (previous->bytes < 0 || size >= previous->bytes);
    if (!same) {
        plan.kind = ImportPlan::Kind::Replaced;
    } else if (previous->bytes >= 0 && size == previous->bytes) {
        plan.kind = ImportPlan::Kind::Unchanged;
        plan.skipLines = previous->lines;
    } else {
        plan.kind = ImportPlan::Kind::Continue;
        plan.skipLines = previous->lines;
    }
    plan.progress.lines = plan.skipLines;
    return true;
}

} // namespace Apprentice
