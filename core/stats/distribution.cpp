#include "distribution.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>

namespace Apprentice {

void Moments::merge(const Moments &o)
{
    if (o.n == 0)
        return;
    if (n == 0) {
        *this = o;
        return;
    }
    const double total = double(n + o.n);
    const double d = o.mean - mean;
    mean += d * double(o.n) / total;
    m2 += o.m2 + d * d * double(n) * double(o.n) / total;
    n += o.n;
    min = std::min(min, o.min);
    max = std::max(max, o.max);
}

QByteArray Distribution::serialize() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint8(1) << quint64(m_moments.n) << m_moments.mean << m_moments.m2 << m_moments.min
      << m_moments.max << m_sketch.serialize();
    return out;
}

bool Distribution::deserialize(const QByteArray &data, Distribution &out)
{
    QDataStream s(data);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 version = 0;
    quint64 n = 0;
    Distribution d;
    QByteArray sketch;
    s >> version >> n >> d.m_moments.mean >> d.m_moments.m2 >> d.m_moments.min >> d.m_moments.max >> sketch;
    if (s.status() != QDataStream::Ok || version != 1)
        return false;
    d.m_moments.n = n;
    if (!DDSketch::deserialize(sketch, d.m_sketch))
        return false;
    out = std::move(d);
    return true;
}

} // namespace Apprentice
