#pragma once

#include <cmath>
#include <cstdint>

namespace Apprentice {

/// The demo's random source: xoshiro256** with its own distribution transforms, so one seed gives
/// the same data with every standard library (std::normal_distribution is implementation-defined)
/// and generation stays far above a million records per second.
class SimulationRandom
{
public:
    explicit SimulationRandom(std::uint64_t seed = 1) { reseed(seed); }

    /// Restarts the sequence; the state is spread from `seed` with SplitMix64 as the authors advise.
    void reseed(std::uint64_t seed)
    {
        std::uint64_t x = seed;
        for (std::uint64_t &s : m_state) {
            x += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = x;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            s = z ^ (z >> 31);
        }
        m_hasSpare = false;
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    /// Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    bool chance(double p) { return uniform() < p; }

    /// Standard normal (Marsaglia's polar method; the second value is kept for the next call).
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u = 0, v = 0, s = 0;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        const double f = std::sqrt(-2 * std::log(s) / s);
        m_spare = v * f;
        m_hasSpare = true;
        return u * f;
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }
    /// Lognormal given its median and the sd of its logarithm.
    double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
    /// Exponential with mean 1.
    double exponential() { return -std::log1p(-uniform()); }
    /// Poisson by multiplication of uniforms (Knuth); meant for the small means the demo uses.
    int poisson(double mean)
    {
        const double limit = std::exp(-mean);
        int k = 0;
        double p = uniform();
        while (p > limit) {
            ++k;
            p *= uniform();
        }
        return k;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_state[4] = {};
    double m_spare = 0;
    bool m_hasSpare = false;
};

} // namespace Apprentice
