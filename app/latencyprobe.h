#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <vector>

class MainWindow;
class QTimer;

/// `apprentice --measure-latency SECONDS`: while the console runs, a 5 ms timer records how late
/// each of its ticks fires (the event loop's latency), the distributions page is kept refreshing,
/// and at the end the figures are printed and the application quits.
class LatencyProbe : public QObject
{
    Q_OBJECT
public:
    LatencyProbe(MainWindow *window, double seconds, QObject *parent = nullptr);
    void start();

private:
    void onTick();
    void finish();

    MainWindow *m_window;
    double m_seconds;
    QTimer *m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_lateness;
    std::vector<double> m_refresh;
};
