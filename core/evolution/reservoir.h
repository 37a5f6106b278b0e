#pragma once

#include <QtGlobal>

#include <cstdint>
#include <vector>

namespace Apprentice {

/// A uniform random sample of bounded size from a stream (Vitter's Algorithm R), deterministic for
/// a given seed so a replayed export always compares the same values.
class Reservoir
{
public:
    explicit Reservoir(int capacity = 2000, std::uint64_t seed = 1);

    void add(double value);
    void clear();

    int capacity() const { return m_capacity; }
    /// Values offered so far (the sample holds min(seen, capacity) of them).
    qint64 seen() const { return m_seen; }
    const std::vector<double> &values() const { return m_values; }

private:
    std::uint64_t next();

    int m_capacity;
    qint64 m_seen = 0;
    std::uint64_t m_state;
    std::vector<double> m_values;
};

} // namespace Apprentice
