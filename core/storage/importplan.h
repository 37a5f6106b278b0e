#pragma once

#include "store.h"

namespace Apprentice {

/// What to do with a file that an earlier import, kept in the store, may have read: a log that grew is read on
/// from where that import ended, so nothing is counted twice.
struct ImportPlan {
    enum class Kind {
        New,       ///< never imported: from its first line
        Continue,  ///< the same file, grown: after the lines already handed over
        Unchanged, ///< the same file, the same size: nothing new to read
        Replaced,  ///< another file under the same path (rotated, rewritten, truncated): from its first line
    };
    Kind kind = Kind::New;
    qint64 skipLines = 0;  ///< ImportOptions::skipLines
    ImportedFile previous; ///< what the store held (unless New)
    ImportedFile progress; ///< what to store for it while this import runs: lines = skipLines, bytes = −1

    /// The earlier import read it under another name (a log renamed by rotation).
    bool renamed() const { return kind != Kind::New && kind != Kind::Replaced && previous.path != progress.path; }
    /// For the operator, without the file name: "continuing after line 40,000 (imported 2026-11-25 18:02)", …;
    /// empty for a new file.
    QString note() const;
};

/// Bytes of a file's start that identify it, and of its end once it was read to there.
constexpr qint64 ImportHeadBytes = 4096;

/// SHA-1 of the ImportHeadBytes bytes of `path` before offset `bytes` (ImportedFile::tailSha1); empty when
/// they cannot be read.
QByteArray importTailSha1(const QString &path, qint64 bytes);

/// Plans the import of `path` against what `store` holds of it. `fromStart`: read it all again whatever was
/// imported before (its records count again). A file that cannot be read plans as New: the import reports why.
/// False + error only when the store cannot be read.
bool planImport(const Store &store, const QString &path, bool fromStart, ImportPlan &plan, QString *error);

} // namespace Apprentice
