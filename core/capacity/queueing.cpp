#include "queueing.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Apprentice::Queueing {

double erlangB(int servers, double offered)
{
    // The recurrence on x = 1/B, x(k) = 1 + (k/a)·x(k−1), never overflows, unlike a^c / c!.
    // For a large fleet, start 12 standard deviations below a with x ≈ a/(a − k): the factors
    // k/a < 1 up to a damp that start's error by e^(−72), so a 20,000-instance fleet costs
    // ~1,700 steps instead of 20,000 with no visible loss.
    if (offered <= 0)
        return 0.0;
    int k0 = 0;
    double x = 1.0;
    if (offered > 100) {
        k0 = std::min(servers, int(std::floor(offered - 12.0 * std::sqrt(offered))));
        if (k0 > 0)
            x = offered / (offered - k0);
        else
            k0 = 0;
    }
    for (int k = k0 + 1; k <= servers; ++k) {
        x = 1.0 + k / offered * x;
        // Far more servers than load: B is below any double that matters; stop early.
        if (x > 1e200)
            return 0.0;
    }
    return 1.0 / x;
}

double erlangC(int servers, double offered)
{
    if (servers <= 0 || offered >= servers)
        return 1.0;
    if (offered <= 0)
        return 0.0;
    const double b = erlangB(servers, offered);
    const double rho = offered / servers;
    return b / (1.0 - rho * (1.0 - b));
}

double MMc::meanWait() const
{
    if (!stable())
        return std::numeric_limits<double>::infinity();
    return probWait() / waitRate();
}

double MMc::meanQueue() const
{
    if (!stable())
        return std::numeric_limits<double>::infinity();
    return offered / serviceTime * meanWait();
}

double MMc::waitTail(double t) const
{
    if (!stable())
        return 1.0;
    if (t < 0)
        return 1.0;
    return probWait() * std::exp(-waitRate() * t);
}

double MMc::sojournTail(double t) const
{
    if (!stable())
        return 1.0;
    if (t <= 0)
        return 1.0;
    const double mu = 1.0 / serviceTime;
    const double theta = waitRate();
    const double c = probWait();
    const double service = std::exp(-mu * t);
    // Wq + S with Wq ~ (1−C)·δ0 + C·Exp(θ): the hypoexponential tail, or Erlang-2 when θ = μ.
    double both;
    if (std::abs(theta - mu) < 1e-12 * mu)
        both = (1.0 + mu * t) * service;
    else
        both = (theta * service - mu * std::exp(-theta * t)) / (theta - mu);
    return (1.0 - c) * service + c * both;
}

double MMc::sojournQuantile(double q) const
{
    if (!stable())
        return std::numeric_limits<double>::infinity();
    double lo = 0, hi = serviceTime;
    while (sojournTail(hi) > 1.0 - q)
        hi *= 2;
    for (int i = 0; i < 100 && hi - lo > 1e-12 * hi; ++i) {
        const double mid = 0.5 * (lo + hi);
        (sojournTail(mid) > 1.0 - q ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double meanInSystemAt(int servers, double rho, double serviceCs2)
{
    if (rho >= 1.0)
        return std::numeric_limits<double>::infinity();
    const double a = rho * servers;
    const double lq = erlangC(servers, a) * rho / (1.0 - rho);
    return a + lq * allenCunneen(serviceCs2);
}

} // namespace Apprentice::Queueing
