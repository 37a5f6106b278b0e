#pragma once

#include <cmath>

namespace Apprentice {

/// Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9;
/// no refinement step: it sits on the per-record path). p is clamped to (0, 1).
double inverseNormalCdf(double p);

/// The same, refined by one Halley step to full double precision (for statistics off the hot path).
double inverseNormalCdfRefined(double p);

inline double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

} // namespace Apprentice
