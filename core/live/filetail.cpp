#include "filetail.h"

#include "batchsink.h"
#include "ingest/importer.h"
#include "recordqueue.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

#include <algorithm>
#include <string>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Qt::StringLiterals;

namespace Apprentice {

namespace {

constexpr int PushRetryMs = 20;

} // namespace

FileTail::FileTail(const FileTailConfig &config, int id, RecordQueue *queue, std::shared_ptr<LiveStatus> status,
                   QObject *parent)
    : LiveSource(id, queue, std::move(status), parent)
    , m_config(config)
    , m_lines(config.maxLineBytes)
    , m_poll(new QTimer(this))
    , m_soon(new QTimer(this))
{
    m_poll->setInterval(std::max(1, config.pollIntervalMs));
    connect(m_poll, &QTimer::timeout, this, &FileTail::check);
    m_soon->setSingleShot(true);
    connect(m_soon, &QTimer::timeout, this, &FileTail::check);
    m_pending.connection = id;
    m_status->setEndpoint(QFileInfo(config.path).absoluteFilePath());
}

FileTail::~FileTail()
{
    stop();
}

void FileTail::start()
{
    if (m_started)
        return;
    m_started = true;
    m_watcher = new QFileSystemWatcher(this);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { check(); });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { check(); });
    m_status->setState(ConnectionState::Connecting);
    m_poll->start();
    check();
}

void FileTail::stop()
{
    if (!m_started)
        return;
    m_started = false;
    m_poll->stop();
    m_soon->stop();
    delete m_watcher;
    m_watcher = nullptr;
    flushPending();
    closeCurrent();
    m_status->setState(ConnectionState::Stopped);
}

void FileTail::watch()
{
    if (!m_watcher)
        return;
    const QFileInfo info(m_config.path);
    const QString dir = info.absolutePath();
    if (!m_watcher->directories().contains(dir) && QFileInfo(dir).isDir())
        m_watcher->addPath(dir);
    if (m_file.isOpen() && !m_watcher->files().contains(m_config.path))
        m_watcher->addPath(m_config.path);
}

FileTail::FileId FileTail::pathId() const
{
    FileId id;
#ifdef Q_OS_UNIX
    struct stat st;
    if (::stat(QFile::encodeName(m_config.path).constData(), &st) == 0) {
        id.exists = true;
        id.device = quint64(st.st_dev);
        id.inode = quint64(st.st_ino);
        id.size = qint64(st.st_size);
    }
#else
    const QFileInfo info(m_config.path);
    id.exists = info.exists();
    id.size = info.size();
#endif
    return id;
}

FileTail::FileId FileTail::openId() const
{
    FileId id;
    if (!m_file.isOpen())
        return id;
#ifdef Q_OS_UNIX
    struct stat st;
    if (::fstat(m_file.handle(), &st) == 0) {
        id.exists = true;
        id.device = quint64(st.st_dev);
        id.inode = quint64(st.st_ino);
        id.size = qint64(st.st_size);
    }
#else
    id.exists = true;
    id.size = m_file.size();
#endif
    return id;
}

bool FileTail::openCurrent(bool atEnd)
{
    m_file.setFileName(m_config.path);
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        if (!m_problemNoted) {
            m_problemNoted = true;
            m_status->setState(ConnectionState::Retrying, tr("cannot open %1: %2").arg(m_config.path, m_file.errorString()));
        }
        return false;
    }
    m_problemNoted = false;
    m_openId = openId();
    m_pos = atEnd ? m_openId.size : 0;
    m_skip = m_filesOpened == 0 && !atEnd ? m_config.skipLines : 0; // only the file found at the start
    ++m_generation;
    m_lineNo = 0;
    m_lines.clear();
    m_rotationSeen = false;
    ++m_filesOpened;
    watch();
    m_status->setState(ConnectionState::Connected);
    return true;
}

void FileTail::closeCurrent()
{
    if (!m_file.isOpen())
        return;
    m_file.close();
    m_openId = FileId();
    if (m_watcher && m_watcher->files().contains(m_config.path))
        m_watcher->removePath(m_config.path); // the watch follows the old inode; the new file gets its own
}

void FileTail::check()
{
    if (!m_started)
        return;
    if (!flushPending()) {
        m_soon->start(PushRetryMs);
        return;
    }
    if (!m_file.isOpen()) {
        if (!pathId().exists) {
            m_status->setState(ConnectionState::Connecting); // waiting for the file to (re)appear
            watch();
            return;
        }
        if (!openCurrent(m_filesOpened == 0 && !m_config.fromStart))
            return;
    }
    if (openId().size < m_pos) {
        // Truncated in place (copytruncate, "> file"): start over; a partial line from before is gone.
        ++m_truncations;
        ++m_generation;
        m_skip = 0;
        m_pos = 0;
        m_lineNo = 0;
        m_lines.clear();
    }
    const qint64 before = m_pos;
    if (!readAvailable())
        return;

    const FileId current = pathId();
    if (current.sameFile(m_openId)) {
        m_rotationSeen = false;
        return;
    }
    // The path names another file now, or none. A writer may still append to the old one until it reopens:
    // keep reading it until it has been quiet for a poll interval, then move on.
    if (!m_rotationSeen || m_pos != before) {
        m_rotationSeen = true;
        m_rotationGrace.setRemainingTime(m_config.pollIntervalMs);
        m_soon->start(m_config.pollIntervalMs);
        return;
    }
    if (!m_rotationGrace.hasExpired()) {
        m_soon->start(int(std::max<qint64>(1, m_rotationGrace.remainingTime())));
        return;
    }
    if (m_lines.hasPending()) {
        const std::string last(m_lines.pending()); // the old file's last line, ended by the rotation
        m_lines.clear();
        handleLine(last, false);
    }
    closeCurrent();
    if (!flushPending())
        m_soon->start(PushRetryMs);
    else if (current.exists)
        m_soon->start(0);
    else
        m_status->setState(ConnectionState::Connecting);
}

bool FileTail::readAvailable()
{
    const qint64 size = openId().size;
    const qint64 remaining = size - m_pos;
    if (remaining <= 0)
        return true;
    const qint64 n = std::min(remaining, m_config.readChunkBytes);
    QByteArray data;
    if (m_file.seek(m_pos))
        data = m_file.read(n);
    if (data.isEmpty()) {
        if (!m_problemNoted) {
            m_problemNoted = true;
            m_status->addError(tr("cannot read %1: %2").arg(m_config.path, m_file.errorString()));
        }
        return true;
    }
    m_problemNoted = false;
    m_pos += data.size();
    m_status->addBytes(data.size());
    m_lines.feed(std::string_view(data.constData(), size_t(data.size())),
                 [this](std::string_view line, bool tooLong) { handleLine(line, tooLong); });
    if (!flushPending()) {
        m_soon->start(PushRetryMs);
        return false;
    }
    if (data.size() < remaining) {
        m_soon->start(0); // the rest on the next turn of the event loop
        return false;
    }
    return true;
}

void FileTail::handleLine(std::string_view line, bool tooLong)
{
    ++m_lineNo;
    if (m_lineNo <= m_skip)
        return; // handed over by an earlier run
    addJsonLine(m_pending, line, m_lineNo, tooLong, m_config.maxLineBytes, m_config.maxItemisedRejections);
}

bool FileTail::flushPending()
{
    m_pending.fileLines = m_lineNo;
    m_pending.fileGeneration = m_generation;
    return pushPending(m_pending);
}

} // namespace Apprentice
