#include "latencyprobe.h"

#include "consolesession.h"
#include "distributions/distributionspage.h"
#include "enginehost.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {
constexpr int IntervalMs = 5;

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[size_t(q * double(v.size() - 1))];
}
} // namespace

LatencyProbe::LatencyProbe(MainWindow *window, double seconds, QObject *parent)
    : QObject(parent), m_window(window), m_seconds(seconds)
{
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(IntervalMs);
    connect(m_timer, &QTimer::timeout, this, &LatencyProbe::onTick);
}

void LatencyProbe::start()
{
    // Warm up for a second (graduation, first charts), then measure.
    QTimer::singleShot(1000, this, [this] {
        if (auto *page = qobject_cast<DistributionsPage *>(m_window->page(QStringLiteral("distributions")))) {
            connect(page, &DistributionsPage::refreshed, this, [this, page] { m_refresh.push_back(page->lastRefreshMs()); });
        }
        m_clock.start();
        m_last = 0;
        m_timer->start();
        QTimer::singleShot(int(m_seconds * 1000), this, &LatencyProbe::finish);
    });
}

void LatencyProbe::onTick()
{
    const qint64 now = m_clock.nsecsElapsed() / 1000;
    if (m_last > 0)
        m_lateness.push_back(std::max(0.0, double(now - m_last) / 1000.0 - IntervalMs));
    m_last = now;
}

void LatencyProbe::finish()
{
    m_timer->stop();
    const EngineHost *host = m_window->session()->host();
    const double maxLate = m_lateness.empty() ? 0 : *std::max_element(m_lateness.begin(), m_lateness.end());
    std::printf("records %lld\nrecords_per_second %.0f\nevent_loop_ticks %zu\nevent_loop_lateness_p50_ms %.2f\n"
                "event_loop_lateness_p99_ms %.2f\nevent_loop_lateness_max_ms %.2f\nchart_refreshes %zu\n"
                "chart_refresh_p50_ms %.2f\nchart_refresh_max_ms %.2f\n",
                static_cast<long long>(host->totals().records), host->recordsPerSecond(), m_lateness.size(),
                quantile(m_lateness, 0.5), quantile(m_lateness, 0.99), maxLate, m_refresh.size(), quantile(m_refresh, 0.5),
                m_refresh.empty() ? 0.0 : *std::max_element(m_refresh.begin(), m_refresh.end()));
    std::fflush(stdout);
    QApplication::exit(0);
}
