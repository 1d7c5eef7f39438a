package org.deepspt.msd;

/**
 * Whether an {@link MsdFit} is an estimate, and if not, why not. {@link #label()} is the machine-readable
 * text written to the CSV columns that carry MSD fits ({@code msd_fit_status}, {@code fit_status});
 * {@link #ofLabel(String)} reads it back.
 *
 * <p>Precedence when several apply: {@link #TOO_FEW_LAGS}, {@link #NO_MOTION}, {@link #NOT_CONVERGED},
 * {@link #AT_BOUND}, {@link #OK}. A clamped offset (σ<sub>loc</sub> = 0, {@link MsdFit#offsetClamped()}) does
 * not change the status: α and D are then estimates of the model with zero offset, and only the offset (or
 * σ<sub>loc</sub>) is a clamp.
 */
public enum MsdFitStatus {
    /** α and D are estimates (their standard errors may still be NaN, see {@link MsdFit}). */
    OK("ok"),
    /**
     * D or α ended on a bound of the fit ({@link MsdFit#atBound()} says which): that value is where the
     * fit stopped, not an estimate.
     */
    AT_BOUND("at_bound"),
    /** The optimiser stopped on its evaluation limit; the values are its best point, not an optimum. */
    NOT_CONVERGED("not_converged"),
    /** Every MSD value is 0 (all positions identical): D = 0, α undefined (NaN). */
    NO_MOTION("no_motion"),
    /**
     * Fewer lags with data than the model has parameters plus one (4 for the anomalous fit, 3 for the
     * Brownian fit with localization error) under the lag rule ({@link Msd#fitMaxLag(int)}): no fit, every
     * value NaN.
     */
    TOO_FEW_LAGS("too_few_lags");

    private final String label;

    MsdFitStatus(String label) {
        this.label = label;
    }

    /** @return the CSV text: {@code ok}, {@code at_bound}, {@code not_converged}, {@code no_motion} or {@code too_few_lags} */
    public String label() {
        return label;
    }

    /** @return true for {@link #OK}: α and D are estimates */
    public boolean isEstimate() {
        return this == OK;
    }

    /**
     * @param label one of the {@link #label()} texts (exact case)
     * @return the constant with that label
     * @throws IllegalArgumentException naming the label when it is none of them
     */
    public static MsdFitStatus ofLabel(String label) {
        for (MsdFitStatus s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not an MSD-fit status (ok, at_bound, not_converged, "
                + "no_motion, too_few_lags)");
    }
}
