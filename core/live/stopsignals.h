#pragma once

#include <QObject>

class QSocketNotifier;

namespace Apprentice {

/// Turns SIGINT and SIGTERM into a Qt signal on the thread that created it (the self-pipe trick: the handler only
/// writes a byte), so a headless command can stop its sources, analyse what was accepted and flush. One per process.
class StopSignals : public QObject
{
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;

    /// False when the signals could not be hooked (then the default handlers stay).
    bool isActive() const { return m_notifier != nullptr; }

signals:
    void stopRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Apprentice
