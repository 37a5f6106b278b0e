#include "queueing.h"

#include <cmath>
#include <limits>

namespace Apprentice::Queueing {

double erlangB(int servers, double offered)
{
    // The recurrence B(k) = a·B(k−1) / (k + a·B(k−1)) never overflows, unlike a^c / c!.
    double b = 1.0;
    for (int k = 1; k <= servers; ++k)
        b = offered * b / (k + offered * b);
    return b;
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
