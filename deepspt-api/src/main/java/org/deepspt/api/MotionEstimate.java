package org.deepspt.api;

import java.util.Objects;

/**
 * D and α of one segment of a track, each with its standard error, in the model MSD(t) = 2·dim·D·t<sup>α</sup>
 * + offset of the segment's points (the trajectory's units: positions µm, frame interval s). D is the generalised
 * (anomalous) diffusion coefficient in µm²/s<sup>α</sup> — the MSD per 2·dim at t = 1 s; µm²/s only when α = 1. By
 * default ({@code org.deepspt.msd.SegmentMotionFitter}) the model is solved at lags 1 and 2 with the track's noise
 * offset ({@link FitStatus#TWO_LAGS}, {@code lags} = 2; segments of fewer than 3 points get NaN with
 * {@link FitStatus#TOO_FEW_LAGS}; an α set by the segment's state rather than measured: {@link
 * FitStatus#ALPHA_FROM_STATE}); the anomalous MSD fit on lags 1..min(⌊n/4⌋, 30) gives {@link FitStatus#OK},
 * NaN under 16 points, and values on a bound of the fit with {@link FitStatus#AT_BOUND} (not estimates).
 *
 * @param diffusionCoefficient D, µm²/s<sup>α</sup>; NaN without a fit
 * @param diffusionCoefficientError standard error of D, µm²/s<sup>α</sup>; NaN when D is on a bound or
 *     without a fit
 * @param alpha anomalous exponent α (dimensionless); NaN without a fit or when the segment does not move
 * @param alphaError standard error of α; NaN when α is on a bound or without a fit
 * @param lags number of MSD lags fitted (or available, for {@link FitStatus#TOO_FEW_LAGS}); 0 when not
 *     estimated
 * @param status whether D and α are estimates and, if not, why
 */
public record MotionEstimate(double diffusionCoefficient, double diffusionCoefficientError, double alpha,
        double alphaError, int lags, FitStatus status) {

    /** The estimate of a segment whose motion was not estimated: NaN, {@link FitStatus#NOT_ESTIMATED}. */
    public static final MotionEstimate NONE = new MotionEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
            FitStatus.NOT_ESTIMATED);

    /**
     * Validates the status and the number of lags.
     *
     * @param diffusionCoefficient D, µm²/s<sup>α</sup>
     * @param diffusionCoefficientError SE of D
     * @param alpha α
     * @param alphaError SE of α
     * @param lags lags fitted (≥ 0)
     * @param status the status (non-null)
     */
    public MotionEstimate {
        Objects.requireNonNull(status, "status");
        if (lags < 0) {
            throw new IllegalArgumentException("lags must be >= 0, got " + lags);
        }
    }

    /**
     * @return true when D is an estimate ({@link FitStatus#isEstimate()}: ok, two_lags, alpha_from_state); α too
     *     unless the status is {@link FitStatus#ALPHA_FROM_STATE} ({@link FitStatus#isAlphaEstimate()})
     */
    public boolean isEstimate() {
        return status.isEstimate();
    }
}
