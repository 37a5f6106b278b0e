#include "importplan.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>

namespace Apprentice {

namespace {

/// SHA-1 of `bytes` bytes of `path` from `offset`; empty when it holds fewer or cannot be read.
QByteArray sha1At(const QString &path, qint64 offset, qint64 bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || !f.seek(offset))
        return {};
    const QByteArray data = f.read(bytes);
    return data.size() == bytes ? QCryptographicHash::hash(data, QCryptographicHash::Sha1) : QByteArray();
}

QByteArray headSha1(const QString &path, qint64 bytes)
{
    return sha1At(path, 0, bytes);
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

QByteArray importTailSha1(const QString &path, qint64 bytes)
{
    const qint64 from = std::max<qint64>(0, bytes - ImportHeadBytes);
    return bytes < 0 ? QByteArray() : sha1At(path, from, bytes - from);
}

QString ImportPlan::note() const
{
    const QString at = when(previous.updatedMs);
    switch (kind) {
    case Kind::New: return {};
    case Kind::Continue:
        return renamed() ? QStringLiteral("continuing after line %1 (imported %2 as %3)")
                               .arg(count(skipLines), at, QDir::toNativeSeparators(previous.path))
                         : QStringLiteral("continuing after line %1 (imported %2)").arg(count(skipLines), at);
    case Kind::Unchanged:
        return renamed() ? QStringLiteral("already imported up to line %1 on %2 as %3: nothing new")
                               .arg(count(previous.lines), at, QDir::toNativeSeparators(previous.path))
                         : QStringLiteral("already imported up to line %1 on %2: nothing new").arg(count(previous.lines), at);
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
    plan.progress.path = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    plan.progress.updatedMs = QDateTime::currentMSecsSinceEpoch();
    if (!info.isFile())
        return true; // the import says what is wrong with it
    const qint64 size = info.size();
    plan.progress.headBytes = std::min(size, ImportHeadBytes);
    plan.progress.headSha1 = headSha1(path, plan.progress.headBytes);

    if (fromStart)
        return true;
    std::vector<ImportedFile> underThisName;
    if (!store.loadImportedFiles(plan.progress.path, underThisName, error))
        return false;
    // The same file when its start is what it was: compared over the bytes the earlier import saw.
    // A file read to its end must also still hold what it ended with there: two files that merely begin alike
    // (the same first records of a deterministic job) are not taken for one another.
    const auto same = [&](const ImportedFile &f) {
        const QByteArray head = f.headBytes == plan.progress.headBytes ? plan.progress.headSha1 : headSha1(path, f.headBytes);
        return size >= f.headBytes && head == f.headSha1
               && (f.bytes < 0 || (size >= f.bytes && importTailSha1(path, f.bytes) == f.tailSha1));
    };
    std::optional<ImportedFile> previous;
    for (const ImportedFile &f : underThisName) {
        if (same(f)) {
            previous = f;
            break;
        }
    }
    if (!previous) {
        // Not under this name: perhaps under another one (a log renamed by rotation, app.log -> app.log.1).
        std::optional<ImportedFile> renamed;
        if (!store.findImportedHead(plan.progress.headSha1, plan.progress.headBytes, renamed, error))
            return false;
        if (renamed && same(*renamed)) {
            previous = renamed;
        } else if (!underThisName.empty()) {
            plan.previous = underThisName.front();
            plan.kind = ImportPlan::Kind::Replaced;
            return true;
        } else {
            return true;
        }
    }
    plan.previous = *previous;
    if (previous->bytes >= 0 && size == previous->bytes) {
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
