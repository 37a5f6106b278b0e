#pragma once

#include "recordsink.h"

#include <QString>

#include <cstdio>

/// Shows an import's progress on one self-rewriting line of stderr, for an operator watching a terminal:
/// "apprentice-cli analyze: FILE  42 %  (470 MB of 1.1 GB)". Silent when stderr is not a terminal (a pipe, a
/// log file, a test), so nothing machine-read ever changes. clear() before writing other lines to stderr.
class TerminalProgress : public Apprentice::ProgressSink
{
public:
    /// `command` names the line; enabled only when stderr is a terminal.
    explicit TerminalProgress(const char *command);

    void setFile(const QString &file) { m_file = file; }
    void progress(qint64 done, qint64 total) override;
    /// Erases the progress line, if one is shown.
    void clear();

private:
    QString text(qint64 done, qint64 total) const;

    const char *m_command;
    bool m_enabled;
    bool m_shown = false;
    QString m_file;
};

/// An import sink for the commands that only read records: forwards each to `target` (anything with
/// onRecord(const RecordView &)) and prints rejected lines as FILE:LINE: reason on stderr, on a line of
/// their own when a progress line is showing.
template<typename Target>
class ForwardingSink : public Apprentice::RecordSink
{
public:
    ForwardingSink(Target &target, const QString &file, TerminalProgress *progress = nullptr)
        : m_target(target), m_file(file.toLocal8Bit()), m_progress(progress)
    {
    }
    void onRecord(const Apprentice::RecordView &record) override { m_target.onRecord(record); }
    void onRejected(qint64 line, const QString &reason) override
    {
        if (m_progress)
            m_progress->clear();
        std::fprintf(stderr, "%s:%lld: %s\n", m_file.constData(), static_cast<long long>(line), qPrintable(reason));
    }

private:
    Target &m_target;
    QByteArray m_file;
    TerminalProgress *m_progress;
};
