package org.deepspt.msd;

/**
 * Result of fitting a model to a time-averaged MSD curve.
 *
 * <p>For {@link MsdFitter#fit} the model is MSD(t) = 2·dim·D·t<sup>α</sup> + offset with t = lag·dt
 * (s). For {@link MsdFitter#fitWithLocalizationError} it is the Brownian model with localization error
 * MSD(t) = 2·dim·D·t + offset, α is fixed to 1 and {@code localizationError} is reported.
 *
 * @param alpha anomalous exponent α (dimensionless); NaN when undefined (all positions identical)
 * @param diffusionCoefficient generalised diffusion coefficient D, µm²/s<sup>α</sup> (µm²/s when α = 1)
 * @param offset additive constant of the model, µm² (for the localization-error fit this is
 *     2·dim·(σ² − 2·R·D·dt) and may be negative)
 * @param localizationError static localization error σ per axis, µm; NaN when not fitted
 * @param chiSquare χ² of the fit under the noise model documented on the fitting method; NaN when it
 *     cannot be computed (number of pairs per lag unknown)
 * @param pValue P(χ²<sub>dof</sub> ≥ chiSquare); NaN when the degrees of freedom are ≤ 0 or χ² is NaN
 * @param rSquared coefficient of determination 1 − SSE/SST over the fitted lags; NaN when SST = 0
 * @param lags number of MSD points (lags) the fit used (for the localization-error fit: those used for D)
 * @param converged false when the optimiser stopped on its evaluation limit or the data were degenerate
 * @param atBound which of D and α ended on a bound of the fit ({@link MsdFitter#boundOf}); then that
 *     value is where the fit stopped, not an estimate. For the localization-error fit only D can be flagged
 *     (α is fixed to 1). All-identical positions (D = 0, α NaN) are flagged {@link MsdFitBound#D}.
 */
public record MsdFit(double alpha, double diffusionCoefficient, double offset, double localizationError,
        double chiSquare, double pValue, double rSquared, int lags, boolean converged, MsdFitBound atBound) {

    /**
     * Validates the flag.
     *
     * @param alpha α
     * @param diffusionCoefficient D, µm²/s<sup>α</sup>
     * @param offset offset, µm²
     * @param localizationError σ, µm
     * @param chiSquare χ²
     * @param pValue p-value
     * @param rSquared R²
     * @param lags lags used
     * @param converged whether the optimiser converged
     * @param atBound the bound flag (non-null)
     */
    public MsdFit {
        java.util.Objects.requireNonNull(atBound, "atBound");
    }
}
