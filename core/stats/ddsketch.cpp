#include "ddsketch.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>

namespace Apprentice {

namespace {

constexpr double Gamma = (1.0 + DDSketch::RelativeAccuracy) / (1.0 - DDSketch::RelativeAccuracy);

} // namespace

DDSketchDetail::MantissaLog2::MantissaLog2()
    : invLog2Gamma(1.0 / std::log2(Gamma))
{
    for (int k = 0; k < 4096; ++k)
        table[size_t(k)] = std::log2(1.0 + (k + 0.5) / 4096.0);
}
const DDSketchDetail::MantissaLog2 DDSketchDetail::mantissaLog2;

double DDSketch::valueOf(int index)
{
    return 2.0 * std::pow(Gamma, index) / (Gamma + 1.0);
}

double DDSketch::lowerBoundOf(int index)
{
    return std::pow(Gamma, index - 1);
}

void DDSketch::Store::add(int index, std::uint32_t w)
{
    const unsigned slot = unsigned(index - offset);
    if (slot < counts.size()) [[likely]] {
        auto &c = counts[slot];
        c = (UINT32_MAX - c < w) ? UINT32_MAX : c + w;
        total += w;
        return;
    }
    if (counts.empty()) {
        counts.assign(1, 0);
        offset = index;
    } else if (index < offset) {
        const int grow = offset - index;
        if (int(counts.size()) + grow > MaxBuckets) {
            // Range is full at the low end: fold into the lowest bucket (collapse-lowest policy).
            const int room = MaxBuckets - int(counts.size());
            if (room > 0) {
                counts.insert(counts.begin(), size_t(room), 0);
                offset -= room;
            }
            index = offset;
        } else {
            counts.insert(counts.begin(), size_t(grow), 0);
            offset = index;
        }
    } else if (index > maxIndex()) {
        const int newSize = index - offset + 1;
        if (newSize > MaxBuckets) {
            // Collapse the lowest buckets so the highest values keep full accuracy.
            const int drop = newSize - MaxBuckets;
            const int kept = std::max(0, int(counts.size()) - drop);
            std::uint64_t folded = 0;
            for (int i = 0; i < std::min(drop, int(counts.size())); ++i)
                folded += counts[size_t(i)];
            if (kept > 0) {
                counts.erase(counts.begin(), counts.begin() + drop);
            } else {
                counts.clear();
            }
            offset += drop;
            counts.resize(size_t(MaxBuckets), 0);
            counts[0] = std::uint32_t(std::min<std::uint64_t>(counts[0] + folded, UINT32_MAX));
        } else {
            counts.resize(size_t(newSize), 0);
        }
    }
    auto &c = counts[size_t(index - offset)];
    c = (UINT32_MAX - c < w) ? UINT32_MAX : c + w;
    total += w;
}

void DDSketch::Store::merge(const Store &o)
{
    for (size_t i = 0; i < o.counts.size(); ++i) {
        if (o.counts[i])
            add(o.offset + int(i), o.counts[i]);
    }
}

void DDSketch::add(double v, std::uint32_t weight)
{
    if (!std::isfinite(v) || weight == 0) [[unlikely]]
        return;
    if (v > MinIndexable)
        m_positive.add(indexOf(v), weight);
    else if (v < -MinIndexable)
        m_negative.add(indexOf(-v), weight);
    else
        m_zero += weight;
    m_count += weight;
}

void DDSketch::merge(const DDSketch &other)
{
    m_positive.merge(other.m_positive);
    m_negative.merge(other.m_negative);
    m_zero += other.m_zero;
    m_count += other.m_count;
}

void DDSketch::clear()
{
    *this = DDSketch();
}

double DDSketch::quantile(double q) const
{
    if (m_count == 0)
        return std::numeric_limits<double>::quiet_NaN();
    q = std::clamp(q, 0.0, 1.0);
    const double rank = q * double(m_count - 1);
    double cumulative = 0;
    for (int i = int(m_negative.counts.size()) - 1; i >= 0; --i) {
        cumulative += m_negative.counts[size_t(i)];
        if (cumulative > rank)
            return -valueOf(m_negative.offset + i);
    }
    cumulative += double(m_zero);
    if (cumulative > rank)
        return 0.0;
    for (size_t i = 0; i < m_positive.counts.size(); ++i) {
        cumulative += m_positive.counts[i];
        if (cumulative > rank)
            return valueOf(m_positive.offset + int(i));
    }
    return valueOf(m_positive.maxIndex());
}

double DDSketch::cdf(double v) const
{
    if (m_count == 0)
        return std::numeric_limits<double>::quiet_NaN();
    double below = 0;
    if (v < -MinIndexable) {
        const int idx = indexOf(-v);
        for (size_t i = 0; i < m_negative.counts.size(); ++i) {
            if (m_negative.offset + int(i) >= idx)
                below += m_negative.counts[i];
        }
    } else {
        below = double(m_negative.total + m_zero);
        if (v > MinIndexable) {
            const int idx = indexOf(v);
            for (size_t i = 0; i < m_positive.counts.size() && m_positive.offset + int(i) <= idx; ++i)
                below += m_positive.counts[i];
        }
    }
    return below / double(m_count);
}

std::size_t DDSketch::memoryBytes() const
{
    return (m_positive.counts.capacity() + m_negative.counts.capacity()) * sizeof(std::uint32_t);
}

QByteArray DDSketch::serialize() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint8(1) << double(RelativeAccuracy) << quint64(m_count) << quint64(m_zero);
    for (const Store *st : {&m_positive, &m_negative}) {
        s << qint32(st->offset) << quint32(st->counts.size());
        for (auto c : st->counts)
            s << quint32(c);
    }
    return out;
}

bool DDSketch::deserialize(const QByteArray &data, DDSketch &out)
{
    QDataStream s(data);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 version = 0;
    double accuracy = 0;
    quint64 count = 0, zero = 0;
    s >> version >> accuracy >> count >> zero;
    if (s.status() != QDataStream::Ok || version != 1 || accuracy != RelativeAccuracy)
        return false;
    DDSketch result;
    result.m_count = count;
    result.m_zero = zero;
    for (Store *st : {&result.m_positive, &result.m_negative}) {
        qint32 offset = 0;
        quint32 n = 0;
        s >> offset >> n;
        if (s.status() != QDataStream::Ok || n > quint32(MaxBuckets))
            return false;
        st->offset = offset;
        st->counts.resize(n);
        for (quint32 i = 0; i < n; ++i) {
            quint32 c = 0;
            s >> c;
            st->counts[i] = c;
            st->total += c;
        }
    }
    if (s.status() != QDataStream::Ok
        || result.m_positive.total + result.m_negative.total + result.m_zero != count)
        return false;
    out = std::move(result);
    return true;
}

} // namespace Apprentice
