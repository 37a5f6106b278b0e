#include "evolutionfeed.h"

using namespace Apprentice;

EvolutionFeed::EvolutionFeed()
{
    clear();
}

void EvolutionFeed::clear()
{
    m_trends = std::make_unique<TrendWatch>();
    m_trends->setWarningHandler([this](const TrendResult &result, qint64 line, qint64 tsMs) {
        m_warnings.push_back({result, line, tsMs});
    });
    m_shadow.clear();
    m_warnings.clear();
    m_records = 0;
    m_takenAtRecords = -1;
    m_takenAtMs = 0;
}

void EvolutionFeed::onRecord(const RecordView &record)
{
    m_trends->onRecord(record);
    m_shadow.onRecord(record);
    ++m_records;
}

bool EvolutionFeed::restoreTrends(const QByteArray &state)
{
    if (!m_trends->restoreState(state))
        return false;
    m_takenAtRecords = -1; // the restored trends are news to the GUI
    return true;
}

bool EvolutionFeed::isStale(qint64 nowMs, qint64 minIntervalMs) const
{
    return m_records != m_takenAtRecords && nowMs - m_takenAtMs >= minIntervalMs;
}

std::shared_ptr<const std::vector<TrendSeriesData>> EvolutionFeed::takeTrends(qint64 nowMs)
{
    m_takenAtRecords = m_records;
    m_takenAtMs = nowMs;
    const TrendTracker &tracker = m_trends->tracker();
    return std::make_shared<const std::vector<TrendSeriesData>>(
        trendSeriesData(tracker, tracker.latestMs(), m_trends->config(), true));
}

std::shared_ptr<const std::vector<ShadowComparison>> EvolutionFeed::takeComparisons()
{
    auto out = std::make_shared<std::vector<ShadowComparison>>();
    for (const QString &workflow : m_shadow.workflows()) {
        QString baseline, candidate;
        if (m_shadow.defaultPair(workflow, &baseline, &candidate))
            out->push_back(m_shadow.compare(workflow, baseline, candidate));
    }
    return out;
}

ShadowComparison EvolutionFeed::compare(const QString &workflow, const QString &baseline, const QString &candidate) const
{
    return m_shadow.compare(workflow, baseline, candidate);
}
