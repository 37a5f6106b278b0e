#include "terminalprogress.h"

#include <QLocale>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

TerminalProgress::TerminalProgress(const char *command)
    : m_command(command)
    , m_enabled(isatty(fileno(stderr)) != 0)
{
}

QString TerminalProgress::text(qint64 done, qint64 total) const
{
    const QLocale locale;
    if (total <= 0)
        return QStringLiteral("apprentice-cli %1: %2  %3 read")
            .arg(QLatin1String(m_command), m_file, locale.formattedDataSize(done, 1));
    const int percent = int(std::min<qint64>(100, done * 100 / total));
    return QStringLiteral("apprentice-cli %1: %2  %3 %  (%4 of %5)")
        .arg(QLatin1String(m_command), m_file)
        .arg(percent)
        .arg(locale.formattedDataSize(done, 1), locale.formattedDataSize(total, 1));
}

void TerminalProgress::progress(qint64 done, qint64 total)
{
    if (!m_enabled)
        return;
    // \r and erase-to-end: the line rewrites itself instead of scrolling.
    std::fprintf(stderr, "\r\033[K%s", qPrintable(text(done, total)));
    std::fflush(stderr);
    m_shown = true;
}

void TerminalProgress::clear()
{
    if (!m_shown)
        return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    m_shown = false;
}
