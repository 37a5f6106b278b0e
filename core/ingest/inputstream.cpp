#include "inputstream.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <climits>
#include <cstring>
#include <zlib.h>

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

constexpr qint64 CompressedChunk = 1 << 20;

bool isGzipMagic(const unsigned char *p)
{
    return p[0] == 0x1f && p[1] == 0x8b;
}

} // namespace

struct InputStream::Inflater {
    z_stream stream{};
    std::unique_ptr<unsigned char[]> input = std::make_unique_for_overwrite<unsigned char[]>(CompressedChunk);
    bool fileAtEnd = false;
    bool memberEnded = false;
    bool finished = false;

    ~Inflater() { inflateEnd(&stream); }
};

InputStream::InputStream() = default;
InputStream::~InputStream() = default;

bool InputStream::open(const QString &path)
{
    m_path = QDir::toNativeSeparators(path);
    m_inflater.reset();
    m_error.clear();
    m_file.close();
    m_file.setFileName(path);
    if (QFileInfo(path).isDir()) {
        m_error = u"%1: is a directory"_s.arg(m_path);
        return false;
    }
    // Unbuffered: we read in multi-megabyte chunks, so QFile's own buffer would only add a copy.
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        m_error = u"%1: cannot open: %2"_s.arg(m_path, m_file.errorString());
        return false;
    }
    m_size = m_file.isSequential() ? -1 : m_file.size();
    m_fileRead = 0;

    unsigned char magic[2] = {0, 0};
    const qint64 got = m_file.peek(reinterpret_cast<char *>(magic), 2);
    if (got < 0) {
        m_error = u"%1: cannot read: %2"_s.arg(m_path, m_file.errorString());
        return false;
    }
    if (got == 2 && isGzipMagic(magic)) {
        m_inflater = std::make_unique<Inflater>();
        // 16 + MAX_WBITS: gzip wrapper only; the magic bytes already told us what this is.
        if (inflateInit2(&m_inflater->stream, 16 + MAX_WBITS) != Z_OK) {
            m_error = u"%1: cannot start gzip decompression"_s.arg(m_path);
            m_inflater.reset();
            return false;
        }
    }
    return true;
}

qint64 InputStream::read(char *dst, qint64 max)
{
    if (!m_error.isEmpty())
        return -1;
    if (m_inflater)
        return inflate(dst, max);
    return readFile(dst, max);
}

qint64 InputStream::readFile(char *dst, qint64 max)
{
    const qint64 n = m_file.read(dst, max);
    if (n < 0)
        return fail(u"%1: read error: %2"_s.arg(m_path, m_file.errorString()));
    m_fileRead += n;
    return n;
}

qint64 InputStream::position() const
{
    return m_inflater ? m_fileRead - qint64(m_inflater->stream.avail_in) : m_fileRead;
}

qint64 InputStream::fail(const QString &why)
{
    m_error = why;
    return -1;
}

qint64 InputStream::inflate(char *dst, qint64 max)
{
    Inflater &z = *m_inflater;
    z_stream &s = z.stream;
    if (z.finished)
        return 0;
    max = std::min<qint64>(max, UINT_MAX);
    for (;;) {
        // A new member needs its two magic bytes in the input buffer before we can tell it from trailing junk.
        if (s.avail_in < 2 && !z.fileAtEnd) {
            if (s.avail_in == 1)
                z.input[0] = *s.next_in;
            const qint64 n = readFile(reinterpret_cast<char *>(z.input.get()) + s.avail_in, CompressedChunk - s.avail_in);
            if (n < 0)
                return -1;
            if (n == 0)
                z.fileAtEnd = true;
            s.next_in = z.input.get();
            s.avail_in += uInt(n);
        }
        if (z.memberEnded) {
            // Like gzip(1), bytes after the last member that do not start another one are ignored.
            if (s.avail_in < 2 || !isGzipMagic(s.next_in)) {
                z.finished = true;
                return 0;
            }
            inflateReset(&s);
            z.memberEnded = false;
        }
        s.next_out = reinterpret_cast<Bytef *>(dst);
        s.avail_out = uInt(max);
        const int rc = ::inflate(&s, Z_NO_FLUSH);
        const qint64 produced = max - qint64(s.avail_out);
        if (rc == Z_STREAM_END) {
            z.memberEnded = true;
        } else if (rc == Z_BUF_ERROR || (rc == Z_OK && produced == 0 && s.avail_in == 0)) {
            if (z.fileAtEnd && s.avail_in == 0 && produced == 0)
                return fail(u"%1: truncated gzip data at byte %2"_s.arg(m_path).arg(position()));
        } else if (rc != Z_OK) {
            // Hand out what was inflated before the damage first; the failure shows on the next call.
            m_error = u"%1: corrupt gzip data at byte %2: %3"_s.arg(m_path)
                          .arg(position())
                          .arg(QString::fromLatin1(s.msg ? s.msg : "inflate failed"));
            return produced > 0 ? produced : -1;
        }
        if (produced > 0)
            return produced;
    }
}

} // namespace Apprentice
