package org.deepspt.fingerprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deepspt.api.Feature;

/**
 * The 43 features of the DeepSPT diffusional fingerprint (31 track features, then 12 segmentation
 * features), in output order. {@link #ordinal()} is the position in a full fingerprint.
 *
 * <p>The one place where the features are defined: each constant's comment states its formula, unit, deviations
 * from the original code and NaN cases, and its {@link #feature()} carries the name, unit and a one-line
 * definition for tables. How they are computed from a track (gaps, NaN policy, minimum length) is documented on
 * {@link DiffusionalFingerprint}.
 *
 * <p>Notation: positions r<sub>0</sub>..r<sub>N−1</sub> (µm), N points, m = N − 1 steps, step vectors
 * Δ<sub>i</sub> = r<sub>i+1</sub> − r<sub>i</sub>, step lengths SL<sub>i</sub> = |Δ<sub>i</sub>|
 * (i = 0..m−1), dot products DP<sub>j</sub> = Δ<sub>j</sub>·Δ<sub>j+1</sub> (j = 0..m−2), dim = 2 or 3,
 * frame interval dt (s), d<sub>max</sub> the largest distance between two points (found on the convex hull),
 * MSD(n) the time-averaged MSD at lag n over lags 1..L with L = M − 1, M = ⌊N/2⌋ if N &gt; 20 else N (see
 * {@link org.deepspt.msd.Msd#defaultMaxLag(int)}).
 */
public enum FingerprintFeature {
    /**
     * Anomalous exponent α of the bounded fit MSD(t) = 2·dim·D·t<sup>α</sup> + offset of the configured
     * {@link org.deepspt.msd.MsdFitter} (default {@link org.deepspt.msd.MsdFitter#defaults()}: variance-weighted,
     * α ∈ [1e-4, 10], D ≥ 1e-9 µm²/s<sup>α</sup>, offset ≥ 0) over lags 1..L<sub>fit</sub>, L<sub>fit</sub> =
     * {@link org.deepspt.msd.Msd#fitMaxLag(int)} = min(⌊N/4⌋, 30) (the fitter's
     * {@link org.deepspt.msd.MsdFitter#lagCount(int)}); dimensionless. {@link #DIFFUSION_COEFFICIENT} and
     * {@link #MSD_FIT_P_VALUE} come from the same fit. <b>Deviations:</b> the original fits unweighted (use
     * {@code msdFitter(MsdFitter.builder().varianceWeighted(false).build())} for that) and on lags 1..L of the
     * DeepSPT rule, which for N ≤ 20 reaches N − 1 and gave 3-parameter fits on 3 lags; since 2026-12 the three
     * fit features use the fit lag rule, so their values differ from earlier versions. NaN when L<sub>fit</sub>
     * &lt; 4 (N &lt; 16, {@link org.deepspt.api.FitStatus#TOO_FEW_LAGS}); α NaN and D = 0 when all points
     * coincide. A fit whose α or D ended on a bound still writes that value (the 43-feature vector is what the
     * classifiers were trained on); {@link DiffusionalFingerprint#msdFitBound(org.deepspt.api.Fingerprint)} flags
     * such tracks, and the fingerprint CSV writes the flag as a last column {@code msd_fit_at_bound}.
     */
    ALPHA("alpha", "1", "anomalous exponent of MSD(t) = 2·dim·D·t^α + offset", true, false),
    /** Generalised diffusion coefficient D of the {@link #ALPHA} fit, µm²/s<sup>α</sup> (same lags and NaN cases). */
    DIFFUSION_COEFFICIENT("diffusion_coefficient", "µm²/s^α", "D of MSD(t) = 2·dim·D·t^α + offset", true, false),
    /**
     * Model-specific parameter: the original reserves this slot for a directed speed or confinement radius from
     * model-specific fits and writes 0 when none is run; no such fit is run here, so it is always 0 (a constant
     * column: classifiers must tolerate zero variance).
     */
    MODEL_PARAMETER("model_parameter", "1", "model-specific fit parameter; 0 (not fitted)", true, false),
    /**
     * p-value of the {@link #ALPHA} fit from its χ² with L<sub>fit</sub> − 3 degrees of freedom (same NaN cases). The
     * χ² treats the lags as independent although they are strongly correlated, so this is a ranking of how well the
     * power law fits, not a calibrated probability: most well-fitted tracks get values above 0.99
     * ({@link org.deepspt.msd.MsdFitter}, "χ²").
     */
    MSD_FIT_P_VALUE("msd_fit_p_value", "1", "P(χ²_{L−3} ≥ χ²) of the MSD fit", true, false),
    /**
     * Efficiency |r<sub>N−1</sub> − r<sub>0</sub>|² / (m·Σ SL²): 1 for a straight path of equal steps, 0 for a
     * closed path; NaN when Σ SL² = 0.
     */
    EFFICIENCY("efficiency", "1", "|r_{N−1} − r_0|² / ((N−1)·Σ SL²)", true, false),
    /** ln(efficiency); NaN when the efficiency is 0 or NaN (the original gives −∞ or NaN). */
    LOG_EFFICIENCY("log_efficiency", "1", "ln(efficiency)", true, false),
    /**
     * Katz (1988) fractal dimension ln m / (ln m + ln(d<sub>max</sub>/Σ SL)) with m the number of <em>steps</em>,
     * as in Katz and Pinholt et al. (the DeepSPT fact sheet writes ln N with N points; both give 1 for a straight
     * path). NaN when Σ SL = 0 or the denominator is ≤ 0 (m = 1, or a path folded back on itself so that
     * d<sub>max</sub> = Σ SL / m).
     */
    FRACTAL_DIMENSION("fractal_dimension", "1", "ln m / (ln m + ln(d_max / Σ SL)), m = N − 1 steps", true, false),
    /**
     * Gaussianity: mean over lags n = 1..L with MSD(n) &gt; 0 of ⟨|r<sub>i+n</sub> − r<sub>i</sub>|⁴⟩ /
     * (2·⟨|r<sub>i+n</sub> − r<sub>i</sub>|²⟩²). For Gaussian displacements this is 1 in 2D and 5/6 in 3D (the
     * textbook Gaussianity of Pinholt et al. subtracts 1, i.e. is this value − 1; we keep the DeepSPT form). NaN
     * when every MSD is 0.
     */
    GAUSSIANITY("gaussianity", "1", "mean over lags n of ⟨Δr_n⁴⟩ / (2·⟨Δr_n²⟩²)", true, false),
    /**
     * Pearson kurtosis m<sub>4</sub>/m<sub>2</sub>² (not excess: 3 for a Gaussian) of the positions projected on
     * the eigenvector of the largest eigenvalue of their (population) covariance. When the two largest
     * eigenvalues are equal the 2D axis is x (angle ½·atan2(2c<sub>xy</sub>, c<sub>xx</sub> − c<sub>yy</sub>) =
     * 0). NaN when all points coincide.
     */
    KURTOSIS("kurtosis", "1", "m4/m2² of positions projected on the main covariance axis", true, false),
    /**
     * MSD ratio (Wagner et al. 2017, consecutive lags as in DeepSPT): mean over n = 1..L−1 with MSD(n+1) &gt; 0 of
     * MSD(n)/MSD(n+1) − n/(n+1): 0 for Brownian motion, &gt; 0 for confined or subdiffusive, &lt; 0 for directed
     * motion. NaN when L &lt; 2 (N = 2) or no term is defined.
     */
    MSD_RATIO("msd_ratio", "1", "mean over n of MSD(n)/MSD(n+1) − n/(n+1)", true, false),
    /**
     * Trappedness (Saxton 1993, doi:10.1016/S0006-3495(93)81548-0) 1 − exp(0.2045 − 0.25117·D·t/r<sub>0</sub>²),
     * r<sub>0</sub> = d<sub>max</sub>/2, t = (N − 1)·dt the duration, and D = max(0, MSD(2) − MSD(1)) /
     * (2·dim·dt) the short-time diffusion coefficient (free of the localization-noise offset).
     * <b>Deviation:</b> the original takes D·t = (MSD(2) − MSD(1))·N, i.e. without the 1/(2·dim) factor and dt.
     * Range (−0.227, 1): 1 − e<sup>0.2045</sup> ≈ −0.227 when D = 0. With this D, D·t/r<sub>0</sub>² of free
     * diffusion does not grow with the track's length (d<sub>max</sub>² grows like t) and is smaller in 3D (D per
     * axis, d<sub>max</sub> over all axes), so the value is negative for most freely diffusing tracks of any
     * length: on simulated Brownian tracks of 20, 100 and 1000 points 66–76 % in 2D and 87–93 % in 3D, with values
     * between about −0.2 and 0.46. Compare values only between tracks of the same dimension. NaN when N &lt; 3
     * or d<sub>max</sub> = 0.
     */
    TRAPPEDNESS("trappedness", "1", "1 − exp(0.2045 − 0.25117·D·t / r0²), r0 = d_max/2", true, false),
    /**
     * Fraction of the m steps whose Viterbi state (of the configured {@link FixedStepHmm}, default
     * {@link FixedStepHmm#deepSpt()}, decoded on SL in µm) has rank 0 by emission mean (the lowest);
     * {@link #HMM_FRACTION_1} to {@link #HMM_FRACTION_3} are ranks 1 to 3.
     */
    HMM_FRACTION_0("hmm_fraction_0", "1", "fraction of steps in HMM state 0 (lowest emission mean)", true, false),
    /** Fraction of steps in the HMM state with the second-lowest emission mean (see {@link #HMM_FRACTION_0}). */
    HMM_FRACTION_1("hmm_fraction_1", "1", "fraction of steps in HMM state 1", true, false),
    /** Fraction of steps in the HMM state with the third-lowest emission mean (see {@link #HMM_FRACTION_0}). */
    HMM_FRACTION_2("hmm_fraction_2", "1", "fraction of steps in HMM state 2", true, false),
    /** Fraction of steps in the HMM state with the highest emission mean (see {@link #HMM_FRACTION_0}). */
    HMM_FRACTION_3("hmm_fraction_3", "1", "fraction of steps in HMM state 3 (highest emission mean)", true, false),
    /**
     * Mean Viterbi dwell time: the track's frame span (m without gaps) / (number of runs of equal state) × dt, s.
     */
    HMM_MEAN_DWELL("hmm_mean_dwell", "s", "mean Viterbi dwell time, frames × dt", true, false),
    /** Number of points N (length-dependent; not a classifier feature). */
    N_POINTS("n_points", "points", "N", false, false),
    /** Mean step length Σ SL / m, µm. */
    MEAN_STEP_LENGTH("mean_step_length", "µm", "Σ SL / (N − 1)", true, false),
    /** Mean of MSD(n) over lags n = 1..L, µm². */
    MEAN_MSD("mean_msd", "µm²", "mean of MSD(n), n = 1..L", true, false),
    /** Mean dot product DP of consecutive steps, µm²; NaN when N &lt; 3. */
    MEAN_DOT_PRODUCT("mean_dot_product", "µm²", "mean of DP_j = Δ_j·Δ_{j+1}", true, false),
    /** Fraction of the m − 2 consecutive DP pairs with equal signum; NaN when N &lt; 4. */
    FRACTION_EQUAL_SIGN_DOT_PRODUCTS("fraction_equal_sign_dot_products", "1",
            "fraction of j with signum(DP_j) = signum(DP_{j+1})", true, false),
    /** Fraction of DP &gt; 0; NaN when N &lt; 3. */
    FRACTION_POSITIVE_DOT_PRODUCTS("fraction_positive_dot_products", "1", "fraction of DP_j > 0", true, false),
    /** Total path length Σ SL, µm (length-dependent; not a classifier feature). */
    TOTAL_STEP_LENGTH("total_step_length", "µm", "Σ SL", false, false),
    /** Smallest step length, µm. */
    MIN_STEP_LENGTH("min_step_length", "µm", "min SL", true, false),
    /** Largest step length, µm. */
    MAX_STEP_LENGTH("max_step_length", "µm", "max SL", true, false),
    /** max SL − min SL, µm. */
    STEP_LENGTH_RANGE("step_length_range", "µm", "max SL − min SL", true, false),
    /**
     * Mean speed Σ SL / ((N − 1)·dt), µm/s (not a classifier feature). <b>Deviation:</b> the original divides by N
     * and ignores dt.
     */
    SPEED("speed", "µm/s", "Σ SL / ((N − 1)·dt)", false, false),
    /** Coefficient of variation of the step lengths, population sd / mean of SL; NaN when Σ SL = 0. */
    STEP_LENGTH_CV("step_length_cv", "1", "sd(SL) / mean(SL), population sd", true, false),
    /** Fraction of steps shorter than the short-step threshold (default 0.1 µm, configurable). */
    FRACTION_SHORT_STEPS("fraction_short_steps", "1", "fraction of SL < 0.1 µm", true, false),
    /** Fraction of steps longer than the long-step threshold (default 0.4 µm, configurable). */
    FRACTION_LONG_STEPS("fraction_long_steps", "1", "fraction of SL > 0.4 µm", true, false),
    /**
     * {@link ConvexHull} area (2D, µm²) or volume (3D, µm³); 0 for collinear, coplanar (3D) or identical points.
     */
    CONVEX_HULL("convex_hull", "µm^dim", "convex hull area (2D, µm²) / volume (3D, µm³)", true, false),
    /** Fraction of the N points whose argmax state in the {@link org.deepspt.api.Segmentation} is normal. */
    FRACTION_NORMAL("fraction_normal", "1", "fraction of points in state ND", true, true),
    /** Fraction of the N points predicted directed. */
    FRACTION_DIRECTED("fraction_directed", "1", "fraction of points in state DM", true, true),
    /** Fraction of the N points predicted confined. */
    FRACTION_CONFINED("fraction_confined", "1", "fraction of points in state CD", true, true),
    /** Fraction of the N points predicted subdiffusive. */
    FRACTION_SUBDIFFUSIVE("fraction_subdiffusive", "1", "fraction of points in state SD", true, true),
    /** Number of segments k: maximal runs of equal predicted (argmax) state. */
    N_SEGMENTS("n_segments", "segments", "number of segments k", true, true),
    /** Instantaneous diffusion coefficient MSD(1) / (2·dim·dt), µm²/s. */
    INSTANTANEOUS_D("instantaneous_d", "µm²/s", "MSD(1) / (2·dim·dt)", true, true),
    /**
     * Mean over segments j = 1..k (1-based) of the code c<sub>j</sub> = (l<sub>j</sub> + 1)·j, l<sub>j</sub> ∈ 0..3
     * the segment's label; {@link #SEGMENT_CODE_MEDIAN} to {@link #SEGMENT_CODE_STD} are the other statistics of
     * c<sub>j</sub>.
     */
    SEGMENT_CODE_MEAN("segment_code_mean", "1", "mean of c_j = (label_j + 1)·j, j = 1..k", true, true),
    /** Median of c<sub>j</sub> (see {@link #SEGMENT_CODE_MEAN}). */
    SEGMENT_CODE_MEDIAN("segment_code_median", "1", "median of c_j", true, true),
    /** Maximum of c<sub>j</sub>. */
    SEGMENT_CODE_MAX("segment_code_max", "1", "max of c_j", true, true),
    /** Minimum of c<sub>j</sub>. */
    SEGMENT_CODE_MIN("segment_code_min", "1", "min of c_j", true, true),
    /** Population standard deviation of c<sub>j</sub>. */
    SEGMENT_CODE_STD("segment_code_std", "1", "population sd of c_j", true, true),
    /**
     * Median over j of |g(l<sub>j+1</sub>) − g(l<sub>j</sub>)| with g = {ND→0, DM→1, CD→4, SD→6}, the labels of
     * consecutive segments; NaN for a single segment.
     */
    MEDIAN_LABEL_JUMP("median_label_jump", "1", "median |map(label_{j+1}) − map(label_j)|, map {0,1,4,6}",
            true, true);

    /** Number of track features (the first 31 constants). */
    public static final int TRACK_FEATURE_COUNT = 31;
    /** Number of all features. */
    public static final int COUNT = 43;

    /**
     * Version of the feature definitions: what the numbers of a fingerprint mean. Fingerprint CSVs and classifier
     * model files record it ({@link FingerprintContext#definitionVersion()}), so that a classifier is not applied,
     * unwarned, to fingerprints whose features are computed differently from those it was trained on.
     *
     * <p>Bump it in the same commit as any change that alters the value of a feature for the same track and
     * segmentation (a formula, a lag rule, a fit bound or weighting, a NaN rule, a default of
     * {@link DiffusionalFingerprint#defaults()}), and add a line here. Do not bump it for changes that keep every
     * value (speed, refactoring, documentation), nor for a new segmentation model (that is recorded as the
     * segmenter).
     * <ul>
     *   <li>1: before 2026-12 (not recorded in files; a file without a version is "unknown", not 1).</li>
     *   <li>2: since 2026-12: {@link #ALPHA}, {@link #DIFFUSION_COEFFICIENT} and {@link #MSD_FIT_P_VALUE} are fitted
     *       on lags 1..min(⌊N/4⌋, 30) and are NaN below 16 points.</li>
     * </ul>
     */
    public static final int DEFINITION_VERSION = 2;

    private static final FingerprintFeature[] VALUES = values();
    private static final List<Feature> ALL = buildList(COUNT);
    private static final List<Feature> TRACK = ALL.subList(0, TRACK_FEATURE_COUNT);
    private static final List<String> ALL_NAMES = names(ALL);
    private static final List<String> TRACK_NAMES = names(TRACK);

    private final Feature feature;

    FingerprintFeature(String name, String unit, String description, boolean classifier, boolean segmentation) {
        this.feature = new Feature(name, unit, description, classifier, segmentation);
    }

    /** @return the stable snake_case name */
    public String featureName() {
        return feature.name();
    }

    /** @return the public description (name, unit, definition, flags) */
    public Feature feature() {
        return feature;
    }

    /**
     * @param name a snake_case feature name
     * @return the constant with that name
     * @throws IllegalArgumentException when no feature has that name
     */
    public static FingerprintFeature ofName(String name) {
        for (FingerprintFeature f : VALUES) {
            if (f.feature.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no fingerprint feature named '" + name + "'");
    }

    /** @return all 43 features in output order (unmodifiable) */
    public static List<Feature> all() {
        return ALL;
    }

    /** @return names of all 43 features (unmodifiable) */
    public static List<String> allNames() {
        return ALL_NAMES;
    }

    /** @return names of the 31 track features (unmodifiable) */
    public static List<String> trackNames() {
        return TRACK_NAMES;
    }

    /** @return the 40 classifier features' names: all but n_points, total_step_length and speed */
    public static List<String> classifierNames() {
        List<String> out = new ArrayList<>();
        for (Feature f : ALL) {
            if (f.classifierFeature()) {
                out.add(f.name());
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static List<Feature> buildList(int n) {
        List<Feature> l = new ArrayList<>(n);
        for (FingerprintFeature f : values()) {
            l.add(f.feature);
        }
        return Collections.unmodifiableList(l);
    }

    private static List<String> names(List<Feature> fs) {
        List<String> l = new ArrayList<>(fs.size());
        for (Feature f : fs) {
            l.add(f.name());
        }
        return Collections.unmodifiableList(l);
    }
}
