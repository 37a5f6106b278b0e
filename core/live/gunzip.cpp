#include "gunzip.h"

#include <zlib.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Apprentice {

GunzipError gunzip(QByteArrayView input, qint64 maxOutput, QByteArray &out, QString *error)
{
    const auto failed = [&](GunzipError e, const QString &why) {
        if (error)
            *error = why;
        out.clear();
        return e;
    };
    out.clear();
    z_stream z{};
    // 16 + MAX_WBITS: gzip framing only; a raw deflate or zlib body is not what Content-Encoding: gzip means.
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return failed(GunzipError::Corrupt, u"cannot start gzip decoding"_s);
    const auto *next = reinterpret_cast<const Bytef *>(input.data());
    qint64 remaining = input.size();
    // Typical OTLP JSON compresses 8-15x; grow from there rather than guess huge.
    qint64 capacity = std::min<qint64>(maxOutput + 1, std::max<qint64>(4096, qint64(input.size()) * 8));
    out.resize(capacity);
    qint64 produced = 0;
    int rc = Z_OK;
    bool ended = false;
    while (true) {
        if (produced == capacity) {
            if (capacity > maxOutput) {
                inflateEnd(&z);
                return failed(GunzipError::TooLarge, u"the body inflates to more than %1 bytes"_s.arg(maxOutput));
            }
            capacity = std::min<qint64>(maxOutput + 1, capacity * 2);
            out.resize(capacity);
        }
        const uInt inChunk = uInt(std::min<qint64>(remaining, 1 << 30));
        const uInt outChunk = uInt(std::min<qint64>(capacity - produced, 1 << 30));
        z.next_in = const_cast<Bytef *>(next);
        z.avail_in = inChunk;
        z.next_out = reinterpret_cast<Bytef *>(out.data()) + produced;
        z.avail_out = outChunk;
        rc = inflate(&z, Z_NO_FLUSH);
        next += inChunk - z.avail_in;
        remaining -= inChunk - z.avail_in;
        produced += outChunk - z.avail_out;
        if (rc == Z_STREAM_END) {
            ended = true;
            // Another member may follow; trailing zero padding is tolerated as gzip(1) does.
            while (remaining > 0 && *next == 0) {
                ++next;
                --remaining;
            }
            if (remaining == 0)
                break;
            if (inflateReset(&z) != Z_OK)
                break;
            ended = false;
            continue;
        }
        if (rc == Z_BUF_ERROR && remaining == 0 && z.avail_out > 0)
            break; // input ended inside a member
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const QString why = z.msg ? QString::fromLatin1(z.msg) : u"corrupt data"_s;
            inflateEnd(&z);
            return failed(GunzipError::Corrupt, u"invalid gzip body: %1"_s.arg(why));
        }
    }
    inflateEnd(&z);
    if (!ended)
        return failed(GunzipError::Corrupt, u"invalid gzip body: truncated"_s);
    if (produced > maxOutput)
        return failed(GunzipError::TooLarge, u"the body inflates to more than %1 bytes"_s.arg(maxOutput));
    out.resize(produced);
    return GunzipError::None;
}

} // namespace Apprentice
