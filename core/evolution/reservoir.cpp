#include "reservoir.h"

#include <algorithm>

namespace Apprentice {

Reservoir::Reservoir(int capacity, std::uint64_t seed)
    : m_capacity(std::max(1, capacity))
    , m_state(seed)
{
}

void Reservoir::add(double value)
{
    ++m_seen;
    if (qint64(m_values.size()) < m_capacity) {
        m_values.push_back(value);
        return;
    }
    // Keep the new value with probability capacity / seen, in place of a uniformly chosen one.
    const std::uint64_t slot = next() % std::uint64_t(m_seen);
    if (slot < std::uint64_t(m_capacity))
        m_values[size_t(slot)] = value;
}

void Reservoir::clear()
{
    m_values.clear();
    m_seen = 0;
}

std::uint64_t Reservoir::next()
{
    // SplitMix64: tiny state, good enough spread for sampling slots.
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace Apprentice
