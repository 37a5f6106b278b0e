#pragma once

#include <QString>

#include <memory>
#include <string>

class QFile;

namespace Apprentice {

struct Record;

/// Writes records as a FORMATS.md §1 log export: `.jsonl`, gzip-compressed when the path ends in
/// `.gz`, or standard output for "-". Buffered; errors are sticky and reported by close().
class ExportWriter
{
public:
    ExportWriter();
    ~ExportWriter();
    ExportWriter(const ExportWriter &) = delete;
    ExportWriter &operator=(const ExportWriter &) = delete;

    /// Opens (truncates) the output; false with errorString() when it cannot be written.
    bool open(const QString &path);
    /// Appends one record line; false once any write has failed.
    bool write(const Record &record);
    /// Flushes and closes; false when anything failed on the way.
    bool close();
    bool isOpen() const;
    QString errorString() const { return m_error; }
    qint64 recordsWritten() const { return m_records; }

    /// Appends one record as a JSON line (with the trailing newline): fields in the order of the
    /// FORMATS.md example, absent values left out, `error` only for failed calls.
    static void appendLine(std::string &out, const Record &record);
    /// Appends an RFC 3339 UTC timestamp with milliseconds, e.g. 2026-10-01T00:00:12.345Z.
    static void appendTimestamp(std::string &out, qint64 msSinceEpoch);

private:
    bool flush();
    void fail(const QString &why);

    std::unique_ptr<QFile> m_file;
    void *m_gz = nullptr; // gzFile, kept opaque so zlib stays private to the core library
    std::string m_buffer;
    QString m_path;
    QString m_error;
    qint64 m_records = 0;
};

} // namespace Apprentice
