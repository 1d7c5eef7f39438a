package org.deepspt.api;

/**
 * Whether a fitted D and α (an MSD fit of a track, or the {@link MotionEstimate} of a {@link Segment}) are
 * estimates, and if not, why not. {@link #label()} is the machine-readable text written to the CSV columns
 * that carry fits ({@code msd_fit_status}, {@code brownian_fit_status}, {@code fit_status});
 * {@link #ofLabel(String)} reads it back.
 *
 * <p>Precedence when several apply: {@link #NOT_ESTIMATED}, {@link #TOO_FEW_LAGS}, {@link #NO_MOTION},
 * {@link #NOT_CONVERGED}, {@link #AT_BOUND}, {@link #TWO_LAGS}, {@link #OK}. A clamped offset (localization
 * error σ = 0) does not change the status: α and D are then estimates of the model with zero offset, and only the
 * offset (or σ) is a clamp, flagged where the fit reports it.
 */
public enum FitStatus {
    /** α and D are estimates (their standard errors may still be NaN where they were not computed). */
    OK("ok"),
    /**
     * D or α ended on a bound of the fit (e.g. α on 1e-4 or 10, D on 1e-9 µm²/s<sup>α</sup>; a segment's
     * two-lag α measured outside [0, 2] and reported on 0 or 2): that value is where the fit stopped, not an
     * estimate.
     */
    AT_BOUND("at_bound"),
    /** The optimiser stopped on its evaluation limit; the values are its best point, not an optimum. */
    NOT_CONVERGED("not_converged"),
    /** Every MSD value is 0 (all positions identical): D = 0, α undefined (NaN). */
    NO_MOTION("no_motion"),
    /**
     * Fewer lags with data than the model has parameters plus one (4 for the anomalous fit on lags 1..min(⌊N/4⌋, 30),
     * i.e. fewer than 16 points; 3 for the Brownian fit with localization error): no fit, every value NaN.
     */
    TOO_FEW_LAGS("too_few_lags"),
    /**
     * A segment's D and α from its MSD at lags of 1 and 2 frames, corrected for the localisation noise of its
     * whole track, α possibly held to its state's range ({@code org.deepspt.msd.SegmentMotionFitter}, the default
     * for segments): estimates with approximate standard errors; never used for whole-track MSD fits.
     */
    TWO_LAGS("two_lags"),
    /** No fit was attempted (a segment whose motion was not estimated): every value NaN. */
    NOT_ESTIMATED("not_estimated");

    private final String label;

    FitStatus(String label) {
        this.label = label;
    }

    /**
     * @return the CSV text: {@code ok}, {@code at_bound}, {@code not_converged}, {@code no_motion},
     *     {@code too_few_lags}, {@code short_segment} or {@code not_estimated}
     */
    public String label() {
        return label;
    }

    /** @return true for {@link #OK} and {@link #TWO_LAGS}: α and D are estimates */
    public boolean isEstimate() {
        return this == OK || this == TWO_LAGS;
    }

    /**
     * @param label one of the {@link #label()} texts (exact case)
     * @return the constant with that label
     * @throws IllegalArgumentException naming the label when it is none of them
     */
    public static FitStatus ofLabel(String label) {
        for (FitStatus s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not a fit status (ok, at_bound, not_converged, "
                + "no_motion, too_few_lags, not_estimated)");
    }
}
