#pragma once

#include "filetailconfig.h"
#include "linesplitter.h"
#include "livebatch.h"
#include "livesource.h"

#include <QDeadlineTimer>
#include <QFile>

#include <string_view>

class QFileSystemWatcher;
class QTimer;

namespace Apprentice {

/// Follows a growing JSON Lines file, like `tail -F`: reads what is appended, holds a partial last line until it
/// completes, and survives rotation (the path names a new file: the old one is read to its end, then the new one
/// from its start) and truncation (the file shrank: read again from the start). Change notifications wake it; a
/// polling timer covers file systems without them.
class FileTail : public LiveSource
{
    Q_OBJECT
public:
    FileTail(const FileTailConfig &config, int id, RecordQueue *queue, std::shared_ptr<LiveStatus> status,
             QObject *parent = nullptr);
    ~FileTail() override;

    void start() override;
    void stop() override;

    /// Files opened so far (1 + rotations followed).
    int filesOpened() const { return m_filesOpened; }
    /// Times the file was found truncated.
    int truncations() const { return m_truncations; }

private:
    struct FileId {
        bool exists = false;
        quint64 device = 0;
        quint64 inode = 0;
        qint64 size = 0;
        bool sameFile(const FileId &o) const { return exists && o.exists && device == o.device && inode == o.inode; }
    };

    void check();
    bool openCurrent(bool atEnd);
    void closeCurrent();
    bool readAvailable(); ///< true when the open file is read to its current end
    void handleLine(std::string_view line, bool tooLong);
    bool flushPending();
    void watch();
    FileId pathId() const;
    FileId openId() const;

    FileTailConfig m_config;
    QFile m_file;
    FileId m_openId;
    qint64 m_pos = 0;
    qint64 m_lineNo = 0;
    LineSplitter m_lines;
    LiveBatch m_pending;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_poll;
    QTimer *m_soon;
    int m_filesOpened = 0;
    int m_generation = 0; ///< LiveBatch::fileGeneration: files opened plus truncations
    qint64 m_skip = 0;    ///< lines at the start of this file an earlier run handed over
    int m_truncations = 0;
    QDeadlineTimer m_rotationGrace; ///< after a rotation, the old file is read until it stays quiet this long
    bool m_rotationSeen = false;
    bool m_started = false;
    bool m_problemNoted = false;
};

} // namespace Apprentice
