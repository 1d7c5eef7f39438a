package org.deepspt.msd;

import java.util.Objects;
import org.deepspt.api.FitStatus;

/**
 * Result of fitting a model to a time-averaged MSD curve: an estimate, or NaN with the reason why not
 * ({@link #status()}).
 *
 * <p>For {@link MsdFitter#fit} the model is MSD(t) = 2·dim·D·t<sup>α</sup> + offset with t = lag·dt (s), so D
 * is the generalised (anomalous) diffusion coefficient in µm²/s<sup>α</sup> (µm²/s only when α = 1; it is the
 * MSD per 2·dim at t = 1 s). For {@link MsdFitter#fitWithLocalizationError} it is the Brownian model with
 * localization error MSD(t) = 2·dim·D·t + offset: α is fixed to 1, D is in µm²/s and
 * {@code localizationError} is reported.
 *
 * @param alpha anomalous exponent α (dimensionless); NaN when there is no fit or all positions are identical
 * @param alphaError standard error of α (dimensionless, see {@link MsdFitter} for how it is computed); NaN
 *     when α is fixed, on a bound, or there is no fit
 * @param diffusionCoefficient generalised diffusion coefficient D, µm²/s<sup>α</sup> (µm²/s when α = 1); NaN
 *     when there is no fit
 * @param diffusionCoefficientError standard error of D, same unit as D; NaN when D is on its bound, the
 *     number of pairs per lag is unknown, or there is no fit
 * @param offset additive constant of the model, µm² (for the localization-error fit this is
 *     2·dim·(σ² − 2·R·D·dt) and may be negative); NaN when there is no fit
 * @param localizationError static localization error σ per axis, µm; NaN when not fitted
 * @param chiSquare χ² of the fit under the noise model documented on the fitting method; NaN when it
 *     cannot be computed (number of pairs per lag unknown) or the fit has no degree of freedom
 * @param pValue P(χ²<sub>dof</sub> ≥ chiSquare); NaN when the degrees of freedom are ≤ 0 or χ² is NaN
 * @param rSquared coefficient of determination 1 − SSE/SST over the fitted lags; NaN when SST = 0 or the fit
 *     has no degree of freedom (it would be 1 by construction)
 * @param lags number of MSD points (lags) the fit used (for the localization-error fit: those used for D);
 *     for {@link FitStatus#TOO_FEW_LAGS} the number that were available
 * @param converged false when the optimiser stopped on its evaluation limit, the re-weighting of the anomalous fit
 *     did not settle (α still moved by more than 1e-4 in its last round; status {@link FitStatus#NOT_CONVERGED},
 *     or {@link FitStatus#AT_BOUND} when the fit ended on a bound), the data were degenerate or there was no fit
 * @param atBound which of D and α ended on a bound of the fit ({@link MsdFitter#boundOf}); then that
 *     value is where the fit stopped, not an estimate. For the localization-error fit only D can be flagged
 *     (α is fixed to 1). All-identical positions (D = 0, α NaN) are flagged {@link MsdFitBound#D}.
 * @param offsetClamped anomalous fit: the offset ended on its bound 0 (the data show no positive offset the
 *     model can use); localization-error fit: σ² = offset/(2·dim) + 2·R·D·dt came out negative and σ was
 *     set to 0. Either way the offset (σ<sub>loc</sub>) is a clamp, not an estimate
 * @param status whether α and D are estimates, and if not why ({@link FitStatus})
 */
public record MsdFit(double alpha, double alphaError, double diffusionCoefficient, double diffusionCoefficientError,
        double offset, double localizationError, double chiSquare, double pValue, double rSquared, int lags,
        boolean converged, MsdFitBound atBound, boolean offsetClamped, FitStatus status) {

    /**
     * Validates the flags.
     *
     * @param alpha α
     * @param alphaError standard error of α
     * @param diffusionCoefficient D, µm²/s<sup>α</sup>
     * @param diffusionCoefficientError standard error of D, µm²/s<sup>α</sup>
     * @param offset offset, µm²
     * @param localizationError σ, µm
     * @param chiSquare χ²
     * @param pValue p-value
     * @param rSquared R²
     * @param lags lags used
     * @param converged whether the optimiser converged
     * @param atBound the bound flag (non-null)
     * @param offsetClamped whether the offset (σ) was clamped
     * @param status the status (non-null)
     */
    public MsdFit {
        Objects.requireNonNull(atBound, "atBound");
        Objects.requireNonNull(status, "status");
    }

    /**
     * The result of a fit that was not run: every value NaN.
     *
     * @param status why ({@link FitStatus#TOO_FEW_LAGS})
     * @param lags the number of lags that were available
     * @return the result
     */
    public static MsdFit notFitted(FitStatus status, int lags) {
        return new MsdFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, lags, false, MsdFitBound.NONE, false, status);
    }

    /** @return true when α and D are estimates ({@link FitStatus#OK}) */
    public boolean isEstimate() {
        return status.isEstimate();
    }
}
