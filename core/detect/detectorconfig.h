#pragma once

namespace Apprentice {

/// Tuning of the per-metric change detector. Defaults are calibrated by tests/bench/bench_detection
/// (see docs/benchmarks.md): ≤ 1 false drift per 10,000 records on stationary streams.
struct DetectorConfig {
    int referenceSize = 512;   ///< reservoir of in-control values the scores are ranked against
    int minReference = 20;     ///< below this many reference values a metric only learns
    double cusumK = 0.5;       ///< CUSUM allowance, in normal-score units (tuned to a 1σ shift)
    double smallSampleK = 1.0; ///< extra allowance k += smallSampleK/√n while the reference is small
    double cusumH = 13.0;      ///< CUSUM decision threshold
    double fastK = 1.5;        ///< a second CUSUM tuned to shifts of ~3σ (Siegmund ARL₀ > 10⁶ at fastH)
    double fastH = 5.0;
    double zClamp = 4.0;       ///< one value moves the CUSUM by at most this much
    /// Run rules: `length` values in a row beyond `z` (same side) are a drift. Each is set for a
    /// false-alarm probability below 1e-6 per value under the profile (e.g. P(z>2)^4 = 2.7e-7);
    /// they catch abrupt shifts faster than the CUSUM, which catches small sustained ones.
    struct RunRule {
        int length;
        double z;
    };
    static constexpr int RunRuleCount = 3;
    RunRule runRules[RunRuleCount] = {{2, 6.0}, {3, 3.0}, {4, 2.0}};
    double anomalyZ = 4.5;     ///< an isolated value this far out is reported as an anomaly
    /// Opt-in (bodyCap > 0): beyond `bodyBand` robust standard deviations of the log-scale body
    /// (median, upper quartile) a positive continuous value scores at least its body distance, up
    /// to `bodyCap`. An older answer to the heavy-tail shift the likelihood-ratio CUSUM below now
    /// finds (a ×2.1 shift under a 3 % slow path: 5 calls either way); this one also scores a 2 %
    /// slow path at 1.5–2× higher and reports 38 drifts instead of 34 on the 6 M-record demo
    /// (docs/benchmarks.md), so it is off.
    double bodyBand = 2.0;
    double bodyCap = 0;
    /// A third CUSUM, on the log-likelihood ratio of "every value ×ρ" against the reference, for
    /// positive continuous metrics: ρ = exp(llrShiftSigmas · σ) with σ the log-scale body's robust
    /// spread, both densities from a kernel estimate of the reference in log space. Where a heavy
    /// tail's slow path sits above the body, a shifted body lands in the sparse gap between them,
    /// which a rank score cannot tell from the slow path itself but a density ratio can. Each value
    /// moves it by at most ±llrClamp; it fires above llrH (Wald: ≥ e^llrH values between false
    /// alarms for an exact ratio). llrShiftSigmas = 0 turns it off.
    double llrShiftSigmas = 3.0;
    double llrH = 14.0;
    double llrClamp = 4.0;
    int recoveryWindow = 64;   ///< a latched drift clears after this many values back in profile (≤ 64)
    int rebaseValues = 30;     ///< values collected after an accepted change before detection resumes
};

} // namespace Apprentice
