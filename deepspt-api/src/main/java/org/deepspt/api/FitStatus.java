package org.deepspt.api;

/**
 * Whether a fitted D and α (an MSD fit of a track, or the {@link MotionEstimate} of a {@link Segment}) are
 * estimates, and if not, why not. {@link #label()} is the machine-readable text written to the CSV columns
 * that carry fits ({@code msd_fit_status}, {@code brownian_fit_status}, {@code fit_status});
 * {@link #ofLabel(String)} reads it back.
 *
 * <p>Precedence when several apply: {@link #NOT_ESTIMATED}, {@link #TOO_FEW_LAGS}, {@link #NO_MOTION},
 * {@link #NOT_CONVERGED}, {@link #CAGE_SATURATED}, {@link #AT_BOUND}, {@link #UNDETERMINED}, {@link #ALPHA_FROM_STATE},
 * {@link #TWO_LAGS}, {@link #OK}.
 *
 * <p>Which values are estimates: all of them ({@link #isAlphaEstimate()}) for {@link #OK} and {@link #TWO_LAGS};
 * D only for {@link #ALPHA_FROM_STATE} ({@link #isEstimate()} true, {@link #isAlphaEstimate()} false); none
 * for the others ({@link #CAGE_SATURATED}: (M₁ − o)/(2·d·Δt) is a lower bound of D, the written D is not an
 * estimate). A clamped offset (localization
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
     * whole track, α measured (a measured α held to its state's range, or set by the state, is
     * {@link #ALPHA_FROM_STATE}) ({@code org.deepspt.msd.SegmentMotionFitter}, the default for segments): estimates
     * with approximate standard errors; never used for whole-track MSD fits.
     */
    TWO_LAGS("two_lags"),
    /** No fit was attempted (a segment whose motion was not estimated): every value NaN. */
    NOT_ESTIMATED("not_estimated"),
    /**
     * The anomalous MSD fit converged inside its bounds, but the MSD curve does not determine α: SE(α̂) &gt; 1
     * (the 95 % interval is wider than the whole physical range 0..2 of α), or α̂ − 2·SE(α̂) &gt; 2 (super-ballistic
     * beyond its error: no MSD of a particle grows faster than t², so the model does not describe the curve). α
     * and D (in µm²/s<sup>α</sup>, whose unit depends on α) are reported but are not estimates. Typical of short
     * noisy tracks: 100 of 184 otherwise-{@code ok} fits of 20-point Brownian tracks with σ²/(D·Δt) = 3.2, none of
     * 60 points or more ({@code org.deepspt.msd.MsdFitter}, "Undetermined α"). Never for a fit whose standard errors
     * were not computed.
     */
    UNDETERMINED("undetermined"),
    /**
     * A segment's {@link #TWO_LAGS} estimate whose α was not measured but set by a rule: 1 for a normal segment,
     * or the two-lag exponent held at 1 by its state's range (a subdiffusive segment measured above 1, a directed
     * one measured below 1), or 1 for every segment under the Brownian rule ({@code org.deepspt.msd.TwoLagAlpha}),
     * or the exponent 1 that the two-lag formula gives a segment that is its whole track by construction (the
     * track's own noise offset 2·M₁ − M₂ makes log₂((M₂ − o)/(M₁ − o)) = 1).
     * α is that value, with no standard error (NaN); D = (M₁ − o)/(2·d·Δt<sup>α</sup>) is measured at that α and
     * is an estimate (µm²/s at α = 1) with its standard error. {@link #isEstimate()} is true (D is an estimate),
     * {@link #isAlphaEstimate()} false.
     */
    ALPHA_FROM_STATE("alpha_from_state"),
    /**
     * A confined segment that explores its cage within about a frame, so that its MSD at lags of 1 and 2 frames
     * measures the size of the cage, not the motion inside it ({@code org.deepspt.msd.SegmentMotionFitter}'s two-lag
     * estimate): the segment's MSD at one frame is at least its positional spread, M₁ ≥ Σ<sub>axes</sub> var(x)
     * (population variances of its measured positions, µm²), i.e. one step moves the particle, in mean square, at
     * least half as far as the distance between two independent positions in the cage (2·Σ var(x)); free motion
     * over n points has M₁ ≈ 6·Σ var(x)/n (so only segments of about 6 points or fewer pass for it).
     * α and D are the two-lag values, which describe the MSD curve at those lags (α near 0: the walls), with no
     * standard error of α; they are not estimates of the motion inside the cage: (M₁ − o)/(2·d·Δt) (µm²/s) is only
     * a lower bound of the D inside (the MSD of a confined particle never exceeds the free one, 2·d·D·t), and the
     * exponent of the motion inside cannot be measured at this frame interval. Neither {@link #isEstimate()} nor
     * {@link #isAlphaEstimate()}. On the published protocol (cages of 0.05–0.25 µm, D up to 0.5 µm²/s at 1 s per
     * frame) almost every confined segment is so; measured in models/README.md, "Per-segment D and α".
     */
    CAGE_SATURATED("cage_saturated");

    private final String label;

    FitStatus(String label) {
        this.label = label;
    }

    /**
     * @return the CSV text: {@code ok}, {@code at_bound}, {@code undetermined}, {@code alpha_from_state},
     *     {@code cage_saturated},
     *     {@code not_converged}, {@code no_motion}, {@code too_few_lags}, {@code two_lags} or {@code not_estimated}
     */
    public String label() {
        return label;
    }

    /**
     * @return true for {@link #OK}, {@link #TWO_LAGS} and {@link #ALPHA_FROM_STATE}: D is an estimate (and α too,
     *     except for {@link #ALPHA_FROM_STATE}: see {@link #isAlphaEstimate()})
     */
    public boolean isEstimate() {
        return this == OK || this == TWO_LAGS || this == ALPHA_FROM_STATE;
    }

    /** @return true for {@link #OK} and {@link #TWO_LAGS}: α is an estimate (measured), not a bound or a rule's value */
    public boolean isAlphaEstimate() {
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
        StringBuilder known = new StringBuilder();
        for (FitStatus s : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(s.label);
        }
        throw new IllegalArgumentException("'" + label + "' is not a fit status (" + known + ")");
    }
}
