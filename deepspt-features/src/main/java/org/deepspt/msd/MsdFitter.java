package org.deepspt.msd;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.apache.commons.math3.special.Gamma;
import org.deepspt.api.FitStatus;
import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * Fits models to time-averaged MSD curves ({@link Msd}). Immutable and thread-safe; configure with
 * {@link #builder()} or use {@link #defaults()}.
 *
 * <h2>Anomalous-diffusion fit ({@link #fit(Trajectory)})</h2>
 * Bounded least squares of
 * <pre>
 *   MSD(t) = 2·dim·D·t^α + offset,     t = lag·dt (s),
 *   α ∈ [alphaMin, alphaMax] (default [1e-4, 10]),  D ≥ dMin (default 1e-9 µm²/s^α),  offset ≥ 0 µm²
 * </pre>
 * over lags 1..L. <b>Lag rule</b> (default): L = {@link Msd#fitMaxLag(int)} = min(⌊N/4⌋, 30) for N points, the
 * first quarter of the MSD curve (see there for the reasons and references), never lags up to N − 1; builder
 * {@code maxLag} overrides it. Lags without any pair (gaps) are skipped. <b>Too few lags</b>: the 3-parameter
 * model is fitted only on ≥ {@value #MIN_LAGS} lags with data (at least one degree of freedom); otherwise the
 * result is NaN with status {@link FitStatus#TOO_FEW_LAGS} (N &lt; 16 with the default rule), never an
 * exception, so that tables keep one row per track with the reason.
 *
 * <p>Method (variable projection): for fixed α the model is linear in A = 2·dim·D and the offset, so the
 * bounded 2-parameter least-squares problem is solved exactly (unconstrained normal equations, else the
 * better of the two boundary solutions A = A<sub>min</sub> or offset = 0). The remaining profile
 * SSE(α) is minimised with the commons-math3 {@link BrentOptimizer} on a bracket found by scanning a
 * grid of α values (step 0.125 on [0, 3], 0.5 above) plus the starting value from a log-log linear fit
 * (slope of ln MSD against ln t over the lags with MSD &gt; 0, clamped to the bounds). This gives the
 * exact bounded optimum without the parameter transforms a Levenberg–Marquardt fit would need.
 *
 * <p>Weights (builder {@code varianceWeighted}, default true): the residual of lag n is weighted by
 * 1/Var(n) of the noise model below, evaluated at the current fitted model (iteratively re-weighted: an
 * unweighted first fit, then up to 29 re-weighted fits (30 rounds) until α changes by &lt; 1e-7;
 * a fit whose α still moved by more than 1e-4 in the last round is reported {@link FitStatus#NOT_CONVERGED}, or
 * {@link FitStatus#AT_BOUND} when it ended on a bound), so the fit
 * minimises χ². This matters: the MSD at large lags averages few, strongly correlated displacements,
 * and the unweighted fit of the original DeepSPT code (available with {@code varianceWeighted(false)})
 * lets them dominate, which biases α upwards for subdiffusion (offset ≥ 0 only absorbs one sign of
 * the error) and spreads α and D widely. When the number of pairs per lag is unknown
 * ({@link #fit(double[], double, int)}) the weights use the lag shape (2n² + 1)/(3n) only.
 *
 * <p>Goodness of fit: χ² = Σ<sub>n</sub> (MSD(n) − f(n))² / Var(n) with f the fitted model and the noise
 * model of pure diffusion (Qian, Sheetz &amp; Elson 1991, doi:10.1016/S0006-3495(91)82125-7), generalised
 * to dim axes and to the model's own MSD: Var(n) = f(n)²·v(n, P), with, for P pairs at lag n,
 * <pre>
 *   v(n, P) = 2 / (dim · P² · n²) · [ P·n² + 2·Σ_{δ=1}^{min(n,P)−1} (P − δ)(n − δ)² ]
 * </pre>
 * (the exact relative variance of the time-averaged MSD of Brownian motion with overlapping
 * displacements; in 2D it tends to Qian's (2n²+1)/(3n(N−n+1)), N steps, when n ≪ N). Correlations between lags
 * are ignored, so χ² is an approximate, conservative statistic. Degrees of freedom = lags − 3; the
 * p-value is the upper tail 1 − F<sub>χ²</sub>(χ²) (NaN when dof ≤ 0). For a track with gaps P is the
 * actual pair count of that lag. <b>It is not a calibrated p-value:</b> neighbouring lags share most of their
 * displacements (correlation near 1), so the fitted curve follows the noise of the MSD and the residuals are far
 * below their marginal spread: on correctly specified Brownian tracks the median χ² is about 1.4 at 27 degrees of
 * freedom and 96–99.8 % of the tracks get p &gt; 0.99 (review measurement, 2026-12-07); low values flag gross
 * misfits only. The generalised χ² = rᵀC⁻¹r with the full covariance of the lags makes it about uniform (0.5–3 %
 * above 0.99, 6–9 % below 0.05), but with the covariance summed exactly (O(L²·N); the cheaper approximation of the
 * standard errors is not positive definite on 9 % of 200-point tracks) the fingerprint took 6–10 times as long
 * (JMH, 85 → 657 µs per 200-point track), so it was not adopted.
 *
 * <p>Standard errors of α and D: the sandwich covariance of this weighted fit under the full covariance of
 * the MSD lags of a Gaussian process whose MSD is the fitted model (fBm plus localization noise), see
 * {@code StandardErrors}; NaN for a parameter on a bound, when the number of points is unknown, or when
 * switched off ({@link #withStandardErrors(boolean)}). Checked on simulated Brownian and fBm tracks: the
 * mean reported SE(α) is within 25 % of the spread of α over the tracks.
 *
 * <p>Every clamp is flagged: D or α on a bound in {@link MsdFit#atBound()} (status
 * {@link FitStatus#AT_BOUND}), the offset on its bound 0 in {@link MsdFit#offsetClamped()}.
 *
 * <p>Degenerate data: when every MSD value is 0 (all positions identical) the result is α = NaN,
 * D = 0, offset = 0, χ², p and R² NaN, {@code converged = false}, {@code atBound} = {@link MsdFitBound#D},
 * status {@link FitStatus#NO_MOTION}.
 *
 * <p><b>Undetermined α</b> ({@link FitStatus#UNDETERMINED}): a fit that converged inside its bounds is not an
 * estimate when SE(α̂) &gt; {@value #MAX_ALPHA_ERROR} (its ±2·SE interval is wider than the physical range 0..2:
 * the MSD curve does not determine α) or α̂ − 2·SE(α̂) &gt; {@value #BALLISTIC_ALPHA} (super-ballistic beyond its
 * error: no particle's MSD grows faster than t², so the model does not describe the curve). D, in
 * µm²/s<sup>α</sup>, then depends on an α that is not known and is not an estimate either. The wide α bounds
 * [1e-4, 10] are kept so that such fits end inside them and are told apart by their error, not by a bound.
 * Measured on simulated tracks (review data, 200 tracks per set, Δt 0.01–0.1 s): 2D Brownian tracks of 20
 * points with D 0.05 µm²/s, Δt 0.01 s, σ 40 nm: 100 of the 184 fits that were {@code ok} become undetermined,
 * among them all 17 with α̂ &gt; 3 (up to 7.2, D up to 1.1e6); none of 60 or 300 points (any D, Δt, σ), none of
 * fBm tracks of 200 points (α 0.3, 0.5, 0.7), none of directed tracks. The rule needs SE(α̂): a fit without
 * standard errors ({@link #withStandardErrors(boolean)} off, {@link #fit(double[], double, int)}) is never
 * flagged by it. The fingerprint's {@code msd_fit_status} is the status of this same fit with standard errors
 * ({@code DiffusionalFingerprint.msdFit(MsdFitter, Trajectory)}), so it follows this rule too.
 *
 * <p>Parameters on a bound: a fit whose D or α ends on its bound is flagged in {@link MsdFit#atBound()}
 * (rule: {@link #boundOf(double, double)}); the value there is where the bounded fit stopped, not an
 * estimate (see {@link MsdFitBound}).
 *
 * <h2>Localization-error fit ({@link #fitWithLocalizationError(Trajectory)})</h2>
 * Michalet 2010 (doi:10.1103/PhysRevE.82.041914): for Brownian motion with static Gaussian localization
 * error σ per axis and motion-blur coefficient R (builder {@code motionBlurCoefficient}; 0 for
 * instantaneous positions, 1/6 for continuous illumination during the whole frame)
 * <pre>
 *   MSD(n) = 2·dim·D·n·dt + 2·dim·(σ² − 2·R·D·dt)
 * </pre>
 * fitted by unweighted linear least squares on lags 1..p. Following Michalet, the slope (D) and the
 * intercept (σ) each use their optimal number of points p<sub>a</sub>, p<sub>b</sub> ∈ [2, P]
 * (P = min(⌊N/2⌋, frame span, 100) candidate lags, at least {@value #MIN_BROWNIAN_LAGS} of them with data,
 * else {@link FitStatus#TOO_FEW_LAGS}): the p that
 * minimises the variance of the least-squares slope, resp. intercept. Instead of Michalet's empirical
 * approximations we evaluate those variances exactly from the covariance matrix of MSD(1..P) of Brownian
 * motion with static localization noise (Gaussian fourth moments), at the current estimates of D and σ,
 * starting from p = 4 and iterating until p<sub>a</sub>, p<sub>b</sub> no longer change (≤ 20 rounds).
 * (the covariance costs O(P³)). Then σ = sqrt(max(0, offset/(2·dim) + 2·R·D·dt)); a negative value under
 * the root is a clamp, flagged in {@link MsdFit#offsetClamped()}. χ² uses the diagonal of that covariance on
 * the p<sub>a</sub> lags, dof = p<sub>a</sub> − 2 (with p<sub>a</sub> = 2, χ², p and R² are NaN). Gaps are
 * handled by the MSD (lags in frames) but the covariance assumes none.
 */
public final class MsdFitter {

    private static final double[] ALPHA_GRID = buildGrid();
    private static final int MAX_EVAL = 200;
    private static final int MAX_MICHALET_LAGS = 100;
    /** Fewest lags with data for the 3-parameter anomalous fit (parameters + 1: at least one degree of freedom). */
    public static final int MIN_LAGS = 4;
    /** Fewest lags with data for the 2-parameter Brownian fit with localization error. */
    public static final int MIN_BROWNIAN_LAGS = 3;
    /**
     * Most re-weighting rounds; a round moves α by at most 0.5 ({@link #minimiseNear}), so this reaches the fixed
     * point from any start on the α grid.
     */
    private static final int MAX_REWEIGHT = 30;
    /** |Δα| of the last round above which a fit that used every round is reported not converged. */
    private static final double REWEIGHT_TOLERANCE = 1e-4;
    /** Relative tolerance of the D-bound test: D is A/(2·dim) with A = 2·dim·dMin at the bound (a few ulps). */
    private static final double D_BOUND_TOLERANCE = 1e-9;
    /** SE(α̂) above which the fit is {@link FitStatus#UNDETERMINED}: the ±2·SE interval is wider than 0..2. */
    public static final double MAX_ALPHA_ERROR = 1.0;
    /** Ballistic α: an α̂ more than 2·SE(α̂) above it is {@link FitStatus#UNDETERMINED}. */
    public static final double BALLISTIC_ALPHA = 2.0;
    /** Absolute tolerance of the α-bound test: Brent stops within 4·(1e-10·|α| + 1e-12) of a bound. */
    private static final double ALPHA_BOUND_TOLERANCE = 1e-8;

    private final int maxLag;
    private final double alphaMin;
    private final double alphaMax;
    private final double minDiffusion;
    private final double motionBlur;
    private final boolean weighted;
    private final boolean standardErrors;

    private MsdFitter(Builder b) {
        this.maxLag = b.maxLag;
        this.alphaMin = b.alphaMin;
        this.alphaMax = b.alphaMax;
        this.minDiffusion = b.minDiffusion;
        this.motionBlur = b.motionBlur;
        this.weighted = b.weighted;
        this.standardErrors = b.standardErrors;
    }

    private MsdFitter(MsdFitter f, boolean standardErrors) {
        this.maxLag = f.maxLag;
        this.alphaMin = f.alphaMin;
        this.alphaMax = f.alphaMax;
        this.minDiffusion = f.minDiffusion;
        this.motionBlur = f.motionBlur;
        this.weighted = f.weighted;
        this.standardErrors = standardErrors;
    }

    /**
     * The same fitter with the standard errors of α and D switched on or off. They cost O(L²·N) per fit (the
     * MSD covariance, L lags, N points); hot loops that read only α, D and p (the diffusional fingerprint)
     * switch them off. Off, {@link MsdFit#alphaError()} and {@link MsdFit#diffusionCoefficientError()} are NaN.
     *
     * @param on whether to compute them (default true)
     * @return a fitter with the same settings otherwise
     */
    public MsdFitter withStandardErrors(boolean on) {
        return on == standardErrors ? this : new MsdFitter(this, on);
    }

    /**
     * The number of lags this fitter fits on a gap-free track of N points: the configured maxLag
     * (capped at N − 1), else the lag rule {@link Msd#fitMaxLag(int)} (min(⌊N/4⌋, 30)).
     *
     * @param points N (≥ 0)
     * @return the number of lags L (frames); a result below {@link #MIN_LAGS} means no anomalous fit
     */
    public int lagCount(int points) {
        int lags = maxLag > 0 ? maxLag : Msd.fitMaxLag(points);
        return Math.max(0, Math.min(lags, points - 1));
    }

    /** @return the fitter with the DeepSPT settings: default lag rule, α ∈ [1e-4, 10], D ≥ 1e-9, R = 0 */
    public static MsdFitter defaults() {
        return builder().build();
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Says which of a fitted α and D lie on this fitter's bounds: D when D ≤ dMin·(1 + 1e-9) (this includes
     * D = 0 of all-identical positions), α when α ≤ αmin + 1e-8 or α ≥ αmax − 1e-8 (dimensionless; the
     * optimiser stops within about 4e-9 of a bound it converges to, and a genuine estimate that close to a
     * bound is not distinguishable from it). Values beyond a bound count as on it; NaN values are not
     * flagged. The same rule sets
     * {@link MsdFit#atBound()}, so it can be applied again to α and D read back from a fingerprint table.
     *
     * @param alpha fitted α (dimensionless)
     * @param diffusionCoefficient fitted D, µm²/s<sup>α</sup>
     * @return the flag
     */
    public MsdFitBound boundOf(double alpha, double diffusionCoefficient) {
        return MsdFitBound.of(diffusionAtBound(diffusionCoefficient), alphaAtBound(alpha));
    }

    private boolean diffusionAtBound(double d) {
        return d <= minDiffusion * (1 + D_BOUND_TOLERANCE);
    }

    private boolean alphaAtBound(double alpha) {
        return alpha - alphaMin <= ALPHA_BOUND_TOLERANCE || alphaMax - alpha <= ALPHA_BOUND_TOLERANCE;
    }

    /**
     * Fits MSD(t) = 2·dim·D·t<sup>α</sup> + offset to the time-averaged MSD of the track's measured points
     * (interpolated points skipped, {@link Trajectory#measured()}; N below is their number).
     *
     * @param t the trajectory
     * @return the fit (localizationError NaN); {@link FitStatus#TOO_FEW_LAGS} with every value NaN when
     *     fewer than {@value #MIN_LAGS} lags have data under the lag rule (N &lt; 16 for a gap-free track with
     *     the default rule)
     * @throws org.deepspt.api.InvalidTrajectoryException naming the track when its MSD is not finite
     */
    public MsdFit fit(Trajectory t) {
        Trajectory measured = LagMoments.measuredPoints(t);
        if (measured == null) {
            return MsdFit.notFitted(FitStatus.TOO_FEW_LAGS, 0);
        }
        t = measured;
        int lagCount = Math.max(0, lagsFor(t));
        LagMoments moments = new LagMoments().measure(t, lagCount);
        double[] msd = new double[lagCount];
        int[] counts = new int[lagCount];
        moments.msd(msd, lagCount);
        moments.pairs(counts, lagCount);
        try {
            return fitValid(msd, counts, t.size(), t.frameInterval(), t.dimension());
        } catch (IllegalArgumentException e) {
            throw new org.deepspt.api.InvalidTrajectoryException(t.id(), String.valueOf(e.getMessage()));
        }
    }

    /**
     * Fits an MSD curve given at lags 1..msd.length. The number of pairs per lag is unknown here, so
     * χ², the p-value and the standard errors are NaN; use {@link #fit(double[], double, int, int)} to get
     * them. All given lags are fitted (the caller chose them; the lag rule is {@link Msd#fitMaxLag(int)}).
     *
     * @param msd {@code msd[n−1]} = MSD at lag n, µm² (NaN entries are skipped)
     * @param dt frame interval, s
     * @param dim 2 or 3
     * @return the fit; {@link FitStatus#TOO_FEW_LAGS} (values NaN) with fewer than {@value #MIN_LAGS}
     *     finite values
     * @throws IllegalArgumentException when a value is negative or infinite
     */
    public MsdFit fit(double[] msd, double dt, int dim) {
        return fitArray(msd, dt, dim, null, 0);
    }

    /**
     * Fits an MSD curve of a gap-free track of {@code points} points given at lags 1..msd.length, with
     * χ² and p-value (pairs per lag = points − lag).
     *
     * @param msd {@code msd[n−1]} = MSD at lag n, µm²
     * @param dt frame interval, s
     * @param dim 2 or 3
     * @param points number of points N of the track (&gt; msd.length)
     * @return the fit; {@link FitStatus#TOO_FEW_LAGS} (values NaN) with fewer than {@value #MIN_LAGS}
     *     finite values
     */
    public MsdFit fit(double[] msd, double dt, int dim, int points) {
        if (points <= msd.length) {
            throw new IllegalArgumentException("a track of " + points + " points has no lag " + msd.length);
        }
        int[] counts = new int[msd.length];
        for (int n = 1; n <= msd.length; n++) {
            counts[n - 1] = points - n;
        }
        return fitArray(msd, dt, dim, counts, points);
    }

    private MsdFit fitArray(double[] msd, double dt, int dim, int @Nullable [] counts, int points) {
        checkDimDt(dt, dim);
        return fitValid(msd, counts, points, dt, dim);
    }

    /**
     * Low-level, allocation-light form for hot loops: fits lags 1..lags of {@code msd} (all finite, from
     * a gap-free run of {@code points} points) with this fitter's weighting and writes
     * {α, D, offset, SSE} into {@code out[0..3]} (SSE under the final weights). Degenerate (all-zero)
     * data give {NaN, 0, 0, 0}. {@link #boundOf(double, double) boundOf(out[0], out[1])} says whether α or D
     * ended on a bound.
     *
     * @param msd MSD values, µm²; {@code msd[n−1]} at lag n
     * @param lags number of lags to use, ≥ {@value #MIN_LAGS} (3 parameters and at least one degree of freedom)
     * @param points number of points the MSD was computed from (&gt; lags)
     * @param dt frame interval, s
     * @param dim 2 or 3
     * @param work scratch buffer of length ≥ 2·lags (contents overwritten)
     * @param out receives α, D (µm²/s^α), offset (µm²), SSE (µm⁴); all four NaN when {@code lags} &lt;
     *     {@value #MIN_LAGS} (3 parameters on fewer lags fit exactly or not at all: no estimate)
     */
    public void fitPowerLaw(double[] msd, int lags, int points, double dt, int dim, double[] work,
            double[] out) {
        if (lags < MIN_LAGS) {
            java.util.Arrays.fill(out, 0, 4, Double.NaN);
            return;
        }
        double[] lnT = work;
        double maxY = 0;
        for (int k = 0; k < lags; k++) {
            lnT[k] = Math.log((k + 1) * dt);
            maxY = Math.max(maxY, Math.abs(msd[k]));
        }
        if (maxY == 0) {
            out[0] = Double.NaN;
            out[1] = 0;
            out[2] = 0;
            out[3] = 0;
            return;
        }
        Profile p = new Profile(lnT, msd, lags, 2.0 * dim * minDiffusion, work, lags);
        double[] rel = null;
        if (weighted) {
            rel = new double[lags];
            for (int k = 0; k < lags; k++) {
                rel[k] = relativeVariance(k + 1, points - k - 1, dim);
            }
        }
        double alpha = solve(p, lnT, msd, lags, rel);
        out[0] = alpha;
        out[1] = p.a / (2.0 * dim);
        out[2] = p.c;
        out[3] = p.lastSse;
    }

    /**
     * Minimises the profile over α; with {@code rel} non-null, iteratively re-weights by
     * 1/(rel·f²). Leaves A, c of the returned α (under the final weights) in {@code p}.
     */
    private double solve(Profile p, double[] lnT, double[] y, int k, double @Nullable [] rel) {
        int rounds = rel != null ? MAX_REWEIGHT : 1;
        double alpha = Double.NaN;
        for (int round = 0; round < rounds; round++) {
            double previous = alpha;
            try {
                alpha = round == 0 ? minimise(p, logLogSlope(lnT, y, k)) : minimiseNear(p, alpha);
            } catch (TooManyEvaluationsException e) {
                p.failed = true;
                alpha = p.bestAlpha;
            }
            if (round > 0 && Math.abs(alpha - previous) < 1e-7) {
                break;
            }
            if (round + 1 == rounds && round > 0 && Math.abs(alpha - previous) > REWEIGHT_TOLERANCE) {
                p.unsettled = true; // still moving after every round: not a fixed point of the weights
            }
            if (round + 1 < rounds) {
                p.sse(alpha);
                double[] w = p.w == null ? new double[k] : p.w;
                for (int i = 0; i < k; i++) {
                    double f = p.a * Math.exp(alpha * lnT[i]) + p.c;
                    w[i] = 1.0 / (rel[i] * f * f);
                }
                p.w = w;
            }
        }
        p.sse(alpha);
        return alpha;
    }

    private double minimiseNear(Profile p, double alpha) {
        double lo = Math.max(alphaMin, alpha - 0.5);
        double hi = Math.min(alphaMax, alpha + 0.5);
        double best = p.sse(alpha);
        p.bestAlpha = alpha;
        BrentOptimizer opt = new BrentOptimizer(1e-10, 1e-12);
        UnivariatePointValuePair r = opt.optimize(new MaxEval(MAX_EVAL), GoalType.MINIMIZE,
                new UnivariateObjectiveFunction(p::sse), new SearchInterval(lo, hi, alpha));
        return r.getValue() <= best ? r.getPoint() : alpha;
    }

    /** The anomalous fit of the finite values of msd; points = N for the standard errors (0: unknown). */
    private MsdFit fitValid(double[] msd, int @Nullable [] counts, int points, double dt, int dim) {
        int k = 0;
        for (int n = 1; n <= msd.length; n++) {
            double v = msd[n - 1];
            if (!Double.isNaN(v)) {
                checkValue(n, v);
                k++;
            }
        }
        if (k < MIN_LAGS) {
            return MsdFit.notFitted(FitStatus.TOO_FEW_LAGS, k);
        }
        double[] lnT = new double[k];
        double[] y = new double[k];
        int[] pairs = counts == null ? null : new int[k];
        int[] lag = new int[k];
        int j = 0;
        double maxY = 0;
        for (int n = 1; n <= msd.length; n++) {
            double v = msd[n - 1];
            if (Double.isNaN(v)) {
                continue;
            }
            lnT[j] = Math.log(n * dt);
            y[j] = v;
            lag[j] = n;
            if (pairs != null) {
                pairs[j] = counts[n - 1];
            }
            maxY = Math.max(maxY, v);
            j++;
        }
        if (maxY == 0) {
            return new MsdFit(Double.NaN, Double.NaN, 0, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, k, false, MsdFitBound.D, false, FitStatus.NO_MOTION);
        }
        Profile p = new Profile(lnT, y, k, 2.0 * dim * minDiffusion, new double[k], 0);
        double[] rel = new double[k];
        for (int i = 0; i < k; i++) {
            rel[i] = pairs != null ? relativeVariance(lag[i], pairs[i], dim) : asymptoticShape(lag[i]);
        }
        double alpha = solve(p, lnT, y, k, weighted ? rel : null);
        boolean converged = !p.failed && !p.unsettled;
        double sse = 0;
        for (int i = 0; i < k; i++) {
            double r = y[i] - p.a * Math.exp(alpha * lnT[i]) - p.c;
            sse += r * r;
        }
        double mean = 0;
        for (int i = 0; i < k; i++) {
            mean += y[i];
        }
        mean /= k;
        double sst = 0;
        for (int i = 0; i < k; i++) {
            sst += (y[i] - mean) * (y[i] - mean);
        }
        double r2 = sst > 0 ? 1 - sse / sst : Double.NaN;
        double chi2 = Double.NaN;
        if (pairs != null) {
            chi2 = 0;
            for (int i = 0; i < k; i++) {
                double f = p.a * Math.exp(alpha * lnT[i]) + p.c;
                double var = f * f * rel[i];
                double r = y[i] - f;
                chi2 += r * r / var;
            }
        }
        double d = p.a / (2.0 * dim);
        MsdFitBound bound = boundOf(alpha, d);
        double[] se = {Double.NaN, Double.NaN};
        if (standardErrors && points > 0) {
            se = StandardErrors.anomalous(lnT, lag, k, p.a, alpha, p.c, p.w, points, dt, dim,
                    !bound.diffusion(), !bound.alpha(), p.c > 0);
        }
        // A fit on a bound is reported there even when its weights did not settle (on a bound the profile is flat
        // in α, so the re-weighting may wander): the bound, not the iteration, is what the user must know.
        FitStatus status = p.failed ? FitStatus.NOT_CONVERGED : bound.any() ? FitStatus.AT_BOUND
                : !converged ? FitStatus.NOT_CONVERGED : undetermined(alpha, se[1]) ? FitStatus.UNDETERMINED
                : FitStatus.OK;
        return new MsdFit(alpha, se[1], d, se[0], p.c, Double.NaN, chi2, pValue(chi2, k - 3), r2, k, converged,
                bound, p.c <= 0, status);
    }

    /**
     * The "undetermined α" rule of the class documentation.
     *
     * @param alpha α̂ of a fit inside its bounds
     * @param alphaError SE(α̂); NaN (not computed) never flags
     * @return true when SE(α̂) &gt; {@value #MAX_ALPHA_ERROR} or α̂ − 2·SE(α̂) &gt; {@value #BALLISTIC_ALPHA}
     */
    static boolean undetermined(double alpha, double alphaError) {
        return alphaError > MAX_ALPHA_ERROR || alpha - 2 * alphaError > BALLISTIC_ALPHA;
    }

    /**
     * Fits the Brownian model with localization error of Michalet (2010); see the class documentation.
     *
     * @param t the trajectory
     * @return α = 1, D (µm²/s), offset (µm², may be negative), localizationError σ (µm), χ², p, R² of the
     *     D fit (NaN when it used 2 lags: no degree of freedom), lags = number of points used for D;
     *     {@code atBound} is {@link MsdFitBound#D} when the slope was clamped at dMin, else
     *     {@link MsdFitBound#NONE}; {@code offsetClamped} when σ² came out negative and σ was set to 0;
     *     standard errors NaN (not computed for this fit); {@link FitStatus#TOO_FEW_LAGS} (values NaN)
     *     when fewer than {@value #MIN_BROWNIAN_LAGS} candidate lags have data
     */
    public MsdFit fitWithLocalizationError(Trajectory t) {
        Trajectory measured = LagMoments.measuredPoints(t);
        if (measured == null) {
            return MsdFit.notFitted(FitStatus.TOO_FEW_LAGS, 0);
        }
        t = measured;
        int span = t.frame(t.size() - 1) - t.frame(0);
        int big = Math.min(Math.min(maxLag > 0 ? maxLag : t.size() / 2, span), MAX_MICHALET_LAGS);
        if (big < MIN_BROWNIAN_LAGS) {
            return MsdFit.notFitted(FitStatus.TOO_FEW_LAGS, Math.max(0, big));
        }
        LagMoments moments = new LagMoments().measure(t, big);
        double[] msd = new double[big];
        int[] counts = new int[big];
        moments.msd(msd, big);
        moments.pairs(counts, big);
        int valid = 0;
        while (valid < big && !Double.isNaN(msd[valid])) {
            try {
                checkValue(valid + 1, msd[valid]);
            } catch (IllegalArgumentException e) {
                throw new org.deepspt.api.InvalidTrajectoryException(t.id(), String.valueOf(e.getMessage()));
            }
            valid++;
        }
        if (valid < MIN_BROWNIAN_LAGS) {
            return MsdFit.notFitted(FitStatus.TOO_FEW_LAGS, valid);
        }
        boolean still = true;
        for (int k = 0; k < valid; k++) {
            still &= msd[k] == 0;
        }
        if (still) {
            return new MsdFit(1.0, Double.NaN, 0, Double.NaN, 0, 0, Double.NaN, Double.NaN, Double.NaN, valid, false,
                    MsdFitBound.D, false, FitStatus.NO_MOTION);
        }
        int dim = t.dimension();
        double dt = t.frameInterval();
        int n = t.size();
        double aMin = 2.0 * dim * minDiffusion * dt;
        int pa = Math.min(4, valid);
        int pb = pa;
        double[] lineA = line(msd, pa, aMin);
        double[] lineB = lineA;
        boolean converged = false;
        for (int round = 0; round < 20; round++) {
            double s2 = Math.max(lineA[0], aMin) / dim;          // per-axis MSD slope per frame = 2·D·dt
            double sigma2 = Math.max(0, lineB[1] / (2.0 * dim));  // per-axis static variance (blur ignored)
            double[][] cov = covariance(valid, n, s2, sigma2, dim);
            int newPa = optimalPoints(cov, valid, true);
            int newPb = optimalPoints(cov, valid, false);
            lineA = line(msd, newPa, aMin);
            lineB = line(msd, newPb, aMin);
            if (newPa == pa && newPb == pb) {
                converged = true;
                break;
            }
            pa = newPa;
            pb = newPb;
        }
        double a = lineA[0];
        double d = a / (2.0 * dim * dt);
        double offset = lineB[1];
        double sigma2Estimate = offset / (2.0 * dim) + 2 * motionBlur * d * dt;
        double sigma = Math.sqrt(Math.max(0, sigma2Estimate));
        double s2 = a / dim;
        double[][] cov = covariance(pa, n, s2, Math.max(0, lineB[1] / (2.0 * dim)), dim);
        double chi2 = 0;
        double mean = 0;
        for (int k = 0; k < pa; k++) {
            mean += msd[k];
        }
        mean /= pa;
        double sse = 0;
        double sst = 0;
        for (int k = 0; k < pa; k++) {
            double f = lineA[0] * (k + 1) + lineA[1];
            double r = msd[k] - f;
            sse += r * r;
            sst += (msd[k] - mean) * (msd[k] - mean);
            chi2 += cov[k][k] > 0 ? r * r / cov[k][k] : 0;
        }
        boolean dof = pa > 2;
        double r2 = sst > 0 && dof ? 1 - sse / sst : Double.NaN;
        MsdFitBound bound = MsdFitBound.of(diffusionAtBound(d), false);
        boolean ok = converged && counts[0] > 0;
        FitStatus status = !ok ? FitStatus.NOT_CONVERGED
                : bound.any() ? FitStatus.AT_BOUND : FitStatus.OK;
        return new MsdFit(1.0, Double.NaN, d, Double.NaN, offset, sigma, dof ? chi2 : Double.NaN,
                pValue(chi2, pa - 2), r2, pa, ok, bound, sigma2Estimate < 0, status);
    }

    /** Unweighted line y = a·n + b on lags 1..p, with a ≥ aMin; returns {a, b}. */
    private static double[] line(double[] msd, int p, double aMin) {
        double nBar = (p + 1) / 2.0;
        double yBar = 0;
        for (int k = 0; k < p; k++) {
            yBar += msd[k];
        }
        yBar /= p;
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < p; k++) {
            double dx = k + 1 - nBar;
            sxy += dx * (msd[k] - yBar);
            sxx += dx * dx;
        }
        double a = Math.max(aMin, sxy / sxx);
        return new double[] {a, yBar - a * nBar};
    }

    /**
     * p ∈ [2, P] minimising Var of the LS slope (slope = true) or intercept on lags 1..p, from the MSD
     * covariance matrix.
     */
    private static int optimalPoints(double[][] cov, int big, boolean slope) {
        int best = 2;
        double bestVar = Double.POSITIVE_INFINITY;
        double[] w = new double[big];
        for (int p = 2; p <= big; p++) {
            double nBar = (p + 1) / 2.0;
            double sxx = 0;
            for (int k = 1; k <= p; k++) {
                sxx += (k - nBar) * (k - nBar);
            }
            for (int k = 1; k <= p; k++) {
                double wk = (k - nBar) / sxx;
                w[k - 1] = slope ? wk : 1.0 / p - nBar * wk;
            }
            double var = 0;
            for (int i = 0; i < p; i++) {
                double row = 0;
                for (int j = 0; j < p; j++) {
                    row += cov[i][j] * w[j];
                }
                var += w[i] * row;
            }
            if (var < bestVar * (1 - 1e-12)) {
                bestVar = var;
                best = p;
            }
        }
        return best;
    }

    /**
     * Covariance of MSD(1..big) (dim axes) of a gap-free track of n points: Brownian steps of per-axis
     * variance s2 plus static Gaussian noise of per-axis variance sigma2. Uses Cov(U², V²) = 2·Cov(U,V)².
     */
    static double[][] covariance(int big, int n, double s2, double sigma2, int dim) {
        double[][] c = new double[big][big];
        for (int ln = 1; ln <= big; ln++) {
            int mn = n - ln;
            for (int lm = ln; lm <= big; lm++) {
                int mm = n - lm;
                double sum = 0;
                for (int delta = -lm; delta <= ln; delta++) {
                    int count = Math.min(mn, mm - delta) - Math.max(0, -delta);
                    if (count <= 0) {
                        continue;
                    }
                    int overlap = Math.max(0, Math.min(ln, delta + lm) - Math.max(0, delta));
                    int noise = (delta == ln - lm ? 1 : 0) - (delta == ln ? 1 : 0) - (delta == -lm ? 1 : 0)
                            + (delta == 0 ? 1 : 0);
                    double cv = s2 * overlap + sigma2 * noise;
                    sum += count * cv * cv;
                }
                double v = dim * 2.0 * sum / ((double) mn * mm);
                c[ln - 1][lm - 1] = v;
                c[lm - 1][ln - 1] = v;
            }
        }
        return c;
    }

    /**
     * Relative variance Var(MSD(n))/MSD(n)² of the time-averaged MSD of pure diffusion at lag n from P
     * overlapping pairs in dim dimensions.
     *
     * @param n lag, frames
     * @param pairs number of pairs P
     * @param dim 2 or 3
     * @return the relative variance (dimensionless)
     */
    public static double relativeVariance(int n, int pairs, int dim) {
        double p = pairs;
        double nn = (double) n * n;
        // Σ_{d=1..m} (P − d)(n − d)², m = min(n, P) − 1, in closed form with the power sums S1, S2, S3
        // (the direct loop is O(n) per lag, O(L²) per fit, and dominated fingerprint extraction).
        double m = Math.min(n, pairs) - 1;
        double s1 = m * (m + 1) / 2;
        double s2 = m * (m + 1) * (2 * m + 1) / 6;
        double s3 = s1 * s1;
        double sum = p * nn + 2.0 * (p * nn * m - (2 * p * n + nn) * s1 + (p + 2.0 * n) * s2 - s3);
        return 2.0 * sum / (dim * p * p * nn);
    }

    /** Relative-variance shape (2n² + 1)/(3n) of Qian et al. up to the 1/(dim·P) factor, for unknown P. */
    private static double asymptoticShape(int n) {
        return (2.0 * n * n + 1) / (3.0 * n);
    }

    private static double pValue(double chi2, int dof) {
        if (dof <= 0 || Double.isNaN(chi2)) {
            return Double.NaN;
        }
        return Gamma.regularizedGammaQ(dof / 2.0, chi2 / 2.0);
    }

    private int lagsFor(Trajectory t) {
        int span = t.frame(t.size() - 1) - t.frame(0);
        int lags = maxLag > 0 ? maxLag : Msd.fitMaxLag(t.size());
        return Math.min(lags, span);
    }

    /** Bad input, not a fit outcome: checked on every lag given, whether or not there are enough to fit. */
    private static void checkValue(int lag, double v) {
        if (v < 0 || Double.isInfinite(v)) {
            throw new IllegalArgumentException("MSD at lag " + lag + " is " + v + " µm²; are the coordinates "
                    + "within range?");
        }
    }

    private static void checkDimDt(double dt, int dim) {
        if (dim != 2 && dim != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dim);
        }
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("frame interval must be finite and > 0 s, got " + dt);
        }
    }

    private static double logLogSlope(double[] lnT, double[] y, int k) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (int i = 0; i < k; i++) {
            if (y[i] > 0) {
                double ly = Math.log(y[i]);
                sx += lnT[i];
                sy += ly;
                sxx += lnT[i] * lnT[i];
                sxy += lnT[i] * ly;
                m++;
            }
        }
        double den = m * sxx - sx * sx;
        return m >= 2 && den > 0 ? (m * sxy - sx * sy) / den : 1.0;
    }

    private double minimise(Profile p, double start) {
        double s = Math.min(alphaMax, Math.max(alphaMin, start));
        double bestA = s;
        double best = p.sse(s);
        double prevBelow = alphaMin;
        double nextAbove = alphaMax;
        double lastGrid = alphaMin;
        // scan the grid; track the neighbours of the best point
        double[] grid = ALPHA_GRID;
        int bestIdx = -1;
        for (int i = 0; i < grid.length; i++) {
            double g = Math.min(alphaMax, Math.max(alphaMin, grid[i]));
            if (i > 0 && g == lastGrid) {
                continue;
            }
            lastGrid = g;
            double v = p.sse(g);
            if (v < best) {
                best = v;
                bestA = g;
                bestIdx = i;
            }
        }
        if (bestIdx >= 0) {
            prevBelow = bestIdx > 0 ? Math.max(alphaMin, grid[bestIdx - 1]) : alphaMin;
            nextAbove = bestIdx < grid.length - 1 ? Math.min(alphaMax, grid[bestIdx + 1]) : alphaMax;
        } else {
            for (double g : grid) {
                if (g < s) {
                    prevBelow = Math.max(alphaMin, g);
                } else if (g > s) {
                    nextAbove = Math.min(alphaMax, g);
                    break;
                }
            }
        }
        p.bestAlpha = bestA;
        if (nextAbove - prevBelow <= 0) {
            return bestA;
        }
        BrentOptimizer opt = new BrentOptimizer(1e-10, 1e-12);
        UnivariatePointValuePair r = opt.optimize(new MaxEval(MAX_EVAL), GoalType.MINIMIZE,
                new UnivariateObjectiveFunction(p::sse), new SearchInterval(prevBelow, nextAbove, bestA));
        return r.getValue() <= best ? r.getPoint() : bestA;
    }

    private static double[] buildGrid() {
        double[] g = new double[25 + 14];
        for (int i = 0; i <= 24; i++) {
            g[i] = i * 0.125;
        }
        for (int i = 1; i <= 14; i++) {
            g[24 + i] = 3 + 0.5 * i;
        }
        return g;
    }

    /**
     * Weighted SSE of the bounded linear sub-problem at fixed α; remembers A and c of the last
     * evaluation. Weights null = uniform.
     */
    private static final class Profile {
        private final double[] lnT;
        private final double[] y;
        private final int k;
        private final double aMin;
        private final double[] x;
        private final int xOff;
        double @Nullable [] w;
        boolean failed;
        /** The re-weighting used every round and α still moved by more than the tolerance. */
        boolean unsettled;
        double a;
        double c;
        double lastSse;
        double bestAlpha;

        Profile(double[] lnT, double[] y, int k, double aMin, double[] buffer, int offset) {
            this.lnT = lnT;
            this.y = y;
            this.k = k;
            this.aMin = aMin;
            this.x = buffer;
            this.xOff = offset;
        }

        double sse(double alpha) {
            double sw = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (int i = 0; i < k; i++) {
                double xi = Math.exp(alpha * lnT[i]);
                double wi = w == null ? 1.0 : w[i];
                x[xOff + i] = xi;
                sw += wi;
                sx += wi * xi;
                sy += wi * y[i];
                sxx += wi * xi * xi;
                sxy += wi * xi * y[i];
            }
            double mx = sx / sw;
            double my = sy / sw;
            double vxx = sxx - sx * mx;
            double vxy = sxy - sx * my;
            double aU = vxx > 0 ? vxy / vxx : aMin;
            double cU = my - aU * mx;
            if (aU >= aMin && cU >= 0) {
                return store(aU, cU);
            }
            // boundary c = 0
            double a1 = Math.max(aMin, sxy / sxx);
            double e1 = residual(a1, 0);
            // boundary a = aMin
            double c2 = Math.max(0, my - aMin * mx);
            double e2 = residual(aMin, c2);
            return e1 <= e2 ? store(a1, 0) : store(aMin, c2);
        }

        private double residual(double aa, double cc) {
            double s = 0;
            for (int i = 0; i < k; i++) {
                double r = y[i] - aa * x[xOff + i] - cc;
                s += (w == null ? 1.0 : w[i]) * r * r;
            }
            return s;
        }

        private double store(double aa, double cc) {
            a = aa;
            c = cc;
            lastSse = residual(aa, cc);
            return lastSse;
        }
    }

    /** Builder of {@link MsdFitter}; not thread-safe. */
    public static final class Builder {
        private int maxLag;
        private double alphaMin = 1e-4;
        private double alphaMax = 10;
        private double minDiffusion = 1e-9;
        private double motionBlur;
        private boolean weighted = true;
        private boolean standardErrors = true;

        private Builder() {
        }

        /**
         * @param on compute the standard errors of α and D (default true; see
         *     {@link MsdFitter#withStandardErrors(boolean)})
         * @return this
         */
        public Builder standardErrors(boolean on) {
            this.standardErrors = on;
            return this;
        }

        /**
         * @param varianceWeighted true (default): iteratively re-weighted least squares with weights
         *     1/Var(n) of the noise model (minimises χ²); false: unweighted least squares, as in the
         *     original DeepSPT fingerprint (much noisier α and D when many lags are fitted)
         * @return this
         */
        public Builder varianceWeighted(boolean varianceWeighted) {
            this.weighted = varianceWeighted;
            return this;
        }

        /**
         * @param lags largest lag to fit, frames (≥ {@value #MIN_LAGS}), capped at the track's frame span;
         *     also the largest candidate lag of the localization-error fit; 0 = the lag rules (default:
         *     {@link Msd#fitMaxLag(int)} = min(⌊N/4⌋, 30) for the anomalous fit, ⌊N/2⌋ candidates for the
         *     localization-error fit)
         * @return this
         */
        public Builder maxLag(int lags) {
            if (lags != 0 && lags < MIN_LAGS) {
                throw new IllegalArgumentException("maxLag must be 0 (default rule) or >= " + MIN_LAGS + ", got "
                        + lags);
            }
            this.maxLag = lags;
            return this;
        }

        /**
         * @param min lower bound of α (≥ 0)
         * @param max upper bound of α (&gt; min)
         * @return this
         */
        public Builder alphaBounds(double min, double max) {
            if (!(min >= 0) || !(max > min) || Double.isInfinite(max)) {
                throw new IllegalArgumentException("alpha bounds must satisfy 0 <= min < max < inf, got ["
                        + min + ", " + max + "]");
            }
            this.alphaMin = min;
            this.alphaMax = max;
            return this;
        }

        /**
         * @param dMin lower bound of D, µm²/s<sup>α</sup> (&gt; 0; default 1e-9)
         * @return this
         */
        public Builder minDiffusionCoefficient(double dMin) {
            if (!(dMin > 0) || Double.isInfinite(dMin)) {
                throw new IllegalArgumentException("minimum D must be finite and > 0, got " + dMin);
            }
            this.minDiffusion = dMin;
            return this;
        }

        /**
         * @param r motion-blur coefficient R of Michalet (2010), in [0, 1/4]: 0 for instantaneous
         *     positions (default, as in simulations), 1/6 for continuous illumination over the frame
         * @return this
         */
        public Builder motionBlurCoefficient(double r) {
            if (!(r >= 0 && r <= 0.25)) {
                throw new IllegalArgumentException("motion-blur coefficient must be in [0, 0.25], got " + r);
            }
            this.motionBlur = r;
            return this;
        }

        /** @return the immutable fitter */
        public MsdFitter build() {
            return new MsdFitter(this);
        }
    }
}
