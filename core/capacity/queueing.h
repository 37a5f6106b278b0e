#pragma once

namespace Apprentice::Queueing {

/// Erlang B: probability that an arrival finds all `servers` busy in M/M/c/c with `offered` Erlangs.
double erlangB(int servers, double offered);

/// Erlang C: probability that an arrival has to wait in M/M/c with `offered` = λ/μ Erlangs.
/// 1 when the queue is unstable (offered ≥ servers).
double erlangC(int servers, double offered);

/// Stationary M/M/c figures; times in the unit of `serviceTime`.
struct MMc {
    int servers = 1;
    double offered = 0;      ///< a = λ·S, Erlangs
    double serviceTime = 1;  ///< S = 1/μ

    double utilisation() const { return offered / servers; }
    bool stable() const { return offered < servers; }
    double probWait() const { return erlangC(servers, offered); }
    /// Rate of the exponential conditional wait, cμ − λ.
    double waitRate() const { return (servers - offered) / serviceTime; }
    double meanWait() const;       ///< Wq = C / (cμ − λ)
    double meanSojourn() const { return meanWait() + serviceTime; }
    double meanQueue() const;      ///< Lq = λ·Wq
    double meanInSystem() const { return meanQueue() + offered; }
    /// P(Wq > t) = C·e^{−(cμ−λ)t}.
    double waitTail(double t) const;
    /// P(W > t) for the sojourn W = Wq + S with exponential S.
    double sojournTail(double t) const;
    /// Smallest t with P(W > t) ≤ 1 − q.
    double sojournQuantile(double q) const;
};

/// Allen–Cunneen factor (1 + cs²)/2 that turns an M/M/c queueing delay into an M/G/c estimate.
inline double allenCunneen(double serviceCs2) { return (1.0 + serviceCs2) / 2.0; }

/// Mean number in an M/G/c system at utilisation rho (Allen–Cunneen for the queue part).
double meanInSystemAt(int servers, double rho, double serviceCs2);

} // namespace Apprentice::Queueing
