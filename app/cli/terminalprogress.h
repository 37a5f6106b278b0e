#pragma once

#include "recordsink.h"

#include <QElapsedTimer>
#include <QString>

/// Shows an import's progress on one self-rewriting line of stderr, for an operator watching a terminal:
/// "apprentice-cli analyze: FILE  42 %  (470 MB of 1.1 GB)". Silent when stderr is not a terminal (a pipe, a
/// log file, a test), so nothing machine-read ever changes. clear() before writing other lines to stderr.
class TerminalProgress : public Apprentice::ProgressSink
{
public:
    /// `command` names the line; enabled only when stderr is a terminal, unless `force` says otherwise.
    explicit TerminalProgress(const char *command, int force = -1);

    void setFile(const QString &file) { m_file = file; }
    void progress(qint64 done, qint64 total) override;
    /// Erases the progress line, if one is shown.
    void clear();
    bool isEnabled() const { return m_enabled; }

    /// The line's text (without the erase sequence): exposed for tests.
    static QString text(const char *command, const QString &file, qint64 done, qint64 total);

private:
    const char *m_command;
    bool m_enabled;
    bool m_shown = false;
    QString m_file;
};
