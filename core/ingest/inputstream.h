#pragma once

#include <QFile>
#include <QString>

#include <memory>

namespace Apprentice {

/// Reads a file as a stream of bytes, inflating gzip (recognised by its magic bytes, several members allowed).
class InputStream
{
public:
    InputStream();
    ~InputStream();
    InputStream(const InputStream &) = delete;
    InputStream &operator=(const InputStream &) = delete;

    /// Opens `path`; false with errorString() set when it cannot be read.
    bool open(const QString &path);
    /// Reads up to `max` bytes of content: > 0 bytes read, 0 at the end, -1 on failure (see errorString()).
    qint64 read(char *dst, qint64 max);
    /// Bytes consumed from the file so far (compressed bytes for gzip).
    qint64 position() const;
    /// Size of the file on disk; -1 for pipes and other streams of unknown length.
    qint64 size() const { return m_size; }
    bool isCompressed() const { return m_inflater != nullptr; }
    /// Why open() or read() failed, naming the file.
    const QString &errorString() const { return m_error; }

private:
    struct Inflater;

    qint64 inflate(char *dst, qint64 max);
    qint64 readFile(char *dst, qint64 max);
    qint64 fail(const QString &why);

    QFile m_file;
    QString m_path;
    QString m_error;
    qint64 m_size = 0;
    qint64 m_fileRead = 0; // counted here: pos() is meaningless on pipes
    std::unique_ptr<Inflater> m_inflater;
};

} // namespace Apprentice
