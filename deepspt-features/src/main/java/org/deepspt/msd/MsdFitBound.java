package org.deepspt.msd;

/**
 * Which fitted parameter of an MSD fit ended on a bound of the fit ({@link MsdFitter}): there the value
 * is where the fit was stopped, not an estimate, and must not be read as one. A D on its lower bound
 * (default 1e-9 µm²/s<sup>α</sup>) means the data show no growth of the MSD that the model can use (a
 * constant or decreasing MSD, or all positions identical); an α on a bound (default 1e-4 or 10) means the
 * curve is flatter (e.g. strongly confined motion) or steeper than any power law allowed, and D then
 * absorbs the mismatch (for α at 1e-4 it becomes the plateau height divided by 2·dim, in
 * µm²/s<sup>1e-4</sup>).
 *
 * <p>{@link #label()} is the text written to CSV columns ({@code none}, {@code D}, {@code alpha},
 * {@code D+alpha}); {@link #ofLabel(String)} reads it back. The offset's bound (offset ≥ 0) is not
 * reported: offset = 0 is the expected value for data without localization error.
 */
public enum MsdFitBound {
    /** No parameter on a bound (also when there was no fit: then α and D are NaN). */
    NONE("none"),
    /** D on its lower bound (or D = 0 when all positions coincide); α is a value. */
    D("D"),
    /** α on its lower or upper bound; D is a value. */
    ALPHA("alpha"),
    /** Both D and α on a bound. */
    D_AND_ALPHA("D+alpha");

    private final String label;

    MsdFitBound(String label) {
        this.label = label;
    }

    /**
     * @param diffusion whether D ended on its bound
     * @param alpha whether α ended on a bound
     * @return the matching constant
     */
    public static MsdFitBound of(boolean diffusion, boolean alpha) {
        if (diffusion) {
            return alpha ? D_AND_ALPHA : D;
        }
        return alpha ? ALPHA : NONE;
    }

    /**
     * @param label {@code none}, {@code D}, {@code alpha} or {@code D+alpha} (exact case)
     * @return the constant with that label
     * @throws IllegalArgumentException naming the label when it is none of those
     */
    public static MsdFitBound ofLabel(String label) {
        for (MsdFitBound b : values()) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not an MSD-fit bound flag (none, D, alpha, D+alpha)");
    }

    /** @return the CSV text: {@code none}, {@code D}, {@code alpha} or {@code D+alpha} */
    public String label() {
        return label;
    }

    /** @return true when D ended on its bound */
    public boolean diffusion() {
        return this == D || this == D_AND_ALPHA;
    }

    /** @return true when α ended on a bound */
    public boolean alpha() {
        return this == ALPHA || this == D_AND_ALPHA;
    }

    /** @return true when any parameter ended on a bound */
    public boolean any() {
        return this != NONE;
    }
}
