#include "exportwriter.h"

#include "record.h"

#include <QFile>

#include <zlib.h>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace Apprentice {

namespace {

constexpr size_t FlushBytes = 256 * 1024;

void appendNumber(std::string &out, double v)
{
    char buf[32];
    // Shortest round-trip form: the simulator's 0.1-ms values come out as "231.4".
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

void appendInteger(std::string &out, long long v)
{
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

void appendString(std::string &out, std::string_view s)
{
    out.push_back('"');
    for (const char c : s) {
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                out.append(esc);
            } else {
                out.push_back(c);
            }
        }
    }
    out.push_back('"');
}

void appendDigits(std::string &out, long long v, int width)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = char('0' + v % 10);
        v /= 10;
    } while (v > 0 || n < width);
    while (n > 0)
        out.push_back(buf[--n]);
}

} // namespace

ExportWriter::ExportWriter() = default;

ExportWriter::~ExportWriter()
{
    close();
}

bool ExportWriter::isOpen() const
{
    return m_gz || (m_file && m_file->isOpen());
}

bool ExportWriter::open(const QString &path)
{
    close();
    m_error.clear();
    m_records = 0;
    m_path = path;
    m_buffer.clear();
    m_buffer.reserve(FlushBytes + 4096);
    if (path.endsWith(QLatin1String(".gz"))) {
        m_gz = gzopen(QFile::encodeName(path).constData(), "wb");
        if (!m_gz) {
            fail(QStringLiteral("cannot open %1 for writing").arg(path));
            return false;
        }
        return true;
    }
    m_file = std::make_unique<QFile>();
    const bool ok = path == u"-" ? m_file->open(stdout, QIODevice::WriteOnly)
                                 : (m_file->setFileName(path), m_file->open(QIODevice::WriteOnly | QIODevice::Truncate));
    if (!ok) {
        fail(QStringLiteral("cannot open %1 for writing: %2").arg(path, m_file->errorString()));
        m_file.reset();
        return false;
    }
    return true;
}

bool ExportWriter::write(const Record &record)
{
    if (!m_error.isEmpty() || !isOpen())
        return false;
    appendLine(m_buffer, record);
    ++m_records;
    return m_buffer.size() < FlushBytes || flush();
}

bool ExportWriter::flush()
{
    if (m_buffer.empty() || !m_error.isEmpty())
        return m_error.isEmpty();
    if (m_gz) {
        const int n = gzwrite(static_cast<gzFile>(m_gz), m_buffer.data(), unsigned(m_buffer.size()));
        if (n != int(m_buffer.size())) {
            int code = 0;
            fail(QStringLiteral("cannot write %1: %2").arg(m_path, QString::fromLocal8Bit(gzerror(static_cast<gzFile>(m_gz), &code))));
            return false;
        }
    } else if (m_file) {
        if (m_file->write(m_buffer.data(), qint64(m_buffer.size())) != qint64(m_buffer.size())) {
            fail(QStringLiteral("cannot write %1: %2").arg(m_path, m_file->errorString()));
            return false;
        }
    }
    m_buffer.clear();
    return true;
}

bool ExportWriter::close()
{
    if (!isOpen())
        return m_error.isEmpty();
    flush();
    if (m_gz) {
        if (gzclose(static_cast<gzFile>(m_gz)) != Z_OK && m_error.isEmpty())
            fail(QStringLiteral("cannot finish %1").arg(m_path));
        m_gz = nullptr;
    } else if (m_file) {
        if (!m_file->flush() && m_error.isEmpty())
            fail(QStringLiteral("cannot write %1: %2").arg(m_path, m_file->errorString()));
        m_file->close();
        m_file.reset();
    }
    return m_error.isEmpty();
}

void ExportWriter::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = why;
}

void ExportWriter::appendTimestamp(std::string &out, qint64 msSinceEpoch)
{
    // Civil date from days since the epoch (H. Hinnant's algorithm): exact for any year, no locale.
    const qint64 dayMs = 86400000;
    qint64 days = msSinceEpoch / dayMs;
    qint64 msOfDay = msSinceEpoch % dayMs;
    if (msOfDay < 0) {
        msOfDay += dayMs;
        --days;
    }
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 d = doy - (153 * mp + 2) / 5 + 1;
    const qint64 m = mp < 10 ? mp + 3 : mp - 9;
    const qint64 y = yoe + era * 400 + (m <= 2 ? 1 : 0);

    appendDigits(out, y, 4);
    out.push_back('-');
    appendDigits(out, m, 2);
    out.push_back('-');
    appendDigits(out, d, 2);
    out.push_back('T');
    appendDigits(out, msOfDay / 3600000, 2);
    out.push_back(':');
    appendDigits(out, msOfDay / 60000 % 60, 2);
    out.push_back(':');
    appendDigits(out, msOfDay / 1000 % 60, 2);
    out.push_back('.');
    appendDigits(out, msOfDay % 1000, 3);
    out.push_back('Z');
}

void ExportWriter::appendLine(std::string &out, const Record &r)
{
    out.append("{\"ts\":\"");
    appendTimestamp(out, r.tsMs);
    out.append("\",\"workflow\":");
    appendString(out, r.workflow);
    out.append(",\"version\":");
    appendString(out, r.version.empty() ? std::string_view("1.0.0") : std::string_view(r.version));
    if (!r.execution.empty()) {
        out.append(",\"execution\":");
        appendString(out, r.execution);
    }
    out.append(",\"tool\":");
    appendString(out, r.tool);
    for (int i = 0; i < BuiltinMetricCount; ++i) {
        const double v = r.values[size_t(i)];
        if (!std::isfinite(v))
            continue;
        out.append(",\"");
        out.append(BuiltinMetricNames[size_t(i)]);
        out.append("\":");
        if (Metric(i) == Metric::OutputBytes)
            appendInteger(out, std::llround(v));
        else
            appendNumber(out, v);
    }
    out.append(r.ok ? ",\"status\":\"ok\"" : ",\"status\":\"error\"");
    if (!r.ok && !r.error.empty()) {
        out.append(",\"error\":");
        appendString(out, r.error);
    }
    bool first = true;
    for (const auto &[name, value] : r.custom) {
        if (!std::isfinite(value))
            continue;
        out.append(first ? ",\"metrics\":{" : ",");
        first = false;
        appendString(out, name);
        out.push_back(':');
        appendNumber(out, value);
    }
    if (!first)
        out.push_back('}');
    out.append("}\n");
}

} // namespace Apprentice
