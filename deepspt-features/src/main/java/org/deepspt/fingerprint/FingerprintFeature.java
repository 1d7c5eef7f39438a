package org.deepspt.fingerprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deepspt.api.Feature;

/**
 * The 43 features of the DeepSPT diffusional fingerprint (31 track features, then 12 segmentation
 * features), in output order. {@link #ordinal()} is the position in a full fingerprint.
 *
 * <p>Notation: positions r<sub>0</sub>..r<sub>N−1</sub> (µm), N points, m = N − 1 steps, step vectors
 * Δ<sub>i</sub> = r<sub>i+1</sub> − r<sub>i</sub>, step lengths SL<sub>i</sub> = |Δ<sub>i</sub>|
 * (i = 0..m−1), dot products DP<sub>j</sub> = Δ<sub>j</sub>·Δ<sub>j+1</sub> (j = 0..m−2), dim = 2 or 3,
 * frame interval dt (s), MSD(n) the time-averaged MSD at lag n over lags 1..L with L = M − 1,
 * M = ⌊N/2⌋ if N &gt; 20 else N (see {@link org.deepspt.msd.Msd#defaultMaxLag(int)}).
 * The exact definitions, deviations from the original code and NaN cases are documented on
 * {@link DiffusionalFingerprint}.
 */
public enum FingerprintFeature {
    /** Anomalous exponent α of the fit MSD(t) = 2·dim·D·t<sup>α</sup> + offset (dimensionless). */
    ALPHA("alpha", "1", "anomalous exponent of MSD(t) = 2·dim·D·t^α + offset", true, false),
    /** Generalised diffusion coefficient D of that fit, µm²/s<sup>α</sup>. */
    DIFFUSION_COEFFICIENT("diffusion_coefficient", "µm²/s^α", "D of MSD(t) = 2·dim·D·t^α + offset", true, false),
    /** Model-specific parameter (directed speed / confinement radius); always 0: no such fit is run. */
    MODEL_PARAMETER("model_parameter", "1", "model-specific fit parameter; 0 (not fitted)", true, false),
    /** p-value of the MSD fit from its χ² (lags − 3 degrees of freedom). */
    MSD_FIT_P_VALUE("msd_fit_p_value", "1", "P(χ²_{L−3} ≥ χ²) of the MSD fit", true, false),
    /** Efficiency |r<sub>N−1</sub> − r<sub>0</sub>|² / (m·Σ SL²). */
    EFFICIENCY("efficiency", "1", "|r_{N−1} − r_0|² / ((N−1)·Σ SL²)", true, false),
    /** Natural logarithm of the efficiency (NaN when the efficiency is 0). */
    LOG_EFFICIENCY("log_efficiency", "1", "ln(efficiency)", true, false),
    /** Katz fractal dimension ln m / (ln m + ln(d<sub>max</sub>/Σ SL)). */
    FRACTAL_DIMENSION("fractal_dimension", "1", "ln m / (ln m + ln(d_max / Σ SL)), m = N − 1 steps", true, false),
    /** Gaussianity: mean over lags of ⟨|Δr<sub>n</sub>|⁴⟩ / (2·⟨|Δr<sub>n</sub>|²⟩²). */
    GAUSSIANITY("gaussianity", "1", "mean over lags n of ⟨Δr_n⁴⟩ / (2·⟨Δr_n²⟩²)", true, false),
    /** Pearson (non-excess) kurtosis of the positions projected on the main axis of their covariance. */
    KURTOSIS("kurtosis", "1", "m4/m2² of positions projected on the main covariance axis", true, false),
    /** MSD ratio: mean over n = 1..L−1 of MSD(n)/MSD(n+1) − n/(n+1). */
    MSD_RATIO("msd_ratio", "1", "mean over n of MSD(n)/MSD(n+1) − n/(n+1)", true, false),
    /** Trappedness 1 − exp(0.2045 − 0.25117·D·t/r<sub>0</sub>²) (Saxton). */
    TRAPPEDNESS("trappedness", "1", "1 − exp(0.2045 − 0.25117·D·t / r0²), r0 = d_max/2", true, false),
    /** Fraction of steps in the HMM state with the lowest emission mean. */
    HMM_FRACTION_0("hmm_fraction_0", "1", "fraction of steps in HMM state 0 (lowest emission mean)", true, false),
    /** Fraction of steps in the HMM state with the second-lowest emission mean. */
    HMM_FRACTION_1("hmm_fraction_1", "1", "fraction of steps in HMM state 1", true, false),
    /** Fraction of steps in the HMM state with the third-lowest emission mean. */
    HMM_FRACTION_2("hmm_fraction_2", "1", "fraction of steps in HMM state 2", true, false),
    /** Fraction of steps in the HMM state with the highest emission mean. */
    HMM_FRACTION_3("hmm_fraction_3", "1", "fraction of steps in HMM state 3 (highest emission mean)", true, false),
    /** Mean duration of runs of equal Viterbi state, s (run length in steps × dt). */
    HMM_MEAN_DWELL("hmm_mean_dwell", "s", "mean Viterbi dwell time, steps × dt", true, false),
    /** Number of points N (length-dependent; not a classifier feature). */
    N_POINTS("n_points", "points", "N", false, false),
    /** Mean step length Σ SL / m, µm. */
    MEAN_STEP_LENGTH("mean_step_length", "µm", "Σ SL / (N − 1)", true, false),
    /** Mean of MSD(n) over lags n = 1..L, µm². */
    MEAN_MSD("mean_msd", "µm²", "mean of MSD(n), n = 1..L", true, false),
    /** Mean dot product of consecutive steps, µm². */
    MEAN_DOT_PRODUCT("mean_dot_product", "µm²", "mean of DP_j = Δ_j·Δ_{j+1}", true, false),
    /** Fraction of consecutive dot products with equal sign. */
    FRACTION_EQUAL_SIGN_DOT_PRODUCTS("fraction_equal_sign_dot_products", "1",
            "fraction of j with signum(DP_j) = signum(DP_{j+1})", true, false),
    /** Fraction of dot products &gt; 0. */
    FRACTION_POSITIVE_DOT_PRODUCTS("fraction_positive_dot_products", "1", "fraction of DP_j > 0", true, false),
    /** Total path length Σ SL, µm (length-dependent; not a classifier feature). */
    TOTAL_STEP_LENGTH("total_step_length", "µm", "Σ SL", false, false),
    /** Smallest step length, µm. */
    MIN_STEP_LENGTH("min_step_length", "µm", "min SL", true, false),
    /** Largest step length, µm. */
    MAX_STEP_LENGTH("max_step_length", "µm", "max SL", true, false),
    /** max SL − min SL, µm. */
    STEP_LENGTH_RANGE("step_length_range", "µm", "max SL − min SL", true, false),
    /** Mean speed Σ SL / ((N − 1)·dt), µm/s (not a classifier feature). */
    SPEED("speed", "µm/s", "Σ SL / ((N − 1)·dt)", false, false),
    /** Coefficient of variation of the step lengths (population sd / mean). */
    STEP_LENGTH_CV("step_length_cv", "1", "sd(SL) / mean(SL), population sd", true, false),
    /** Fraction of steps shorter than the short-step threshold (default 0.1 µm). */
    FRACTION_SHORT_STEPS("fraction_short_steps", "1", "fraction of SL < 0.1 µm", true, false),
    /** Fraction of steps longer than the long-step threshold (default 0.4 µm). */
    FRACTION_LONG_STEPS("fraction_long_steps", "1", "fraction of SL > 0.4 µm", true, false),
    /** Convex hull area (2D, µm²) or volume (3D, µm³). */
    CONVEX_HULL("convex_hull", "µm^dim", "convex hull area (2D, µm²) / volume (3D, µm³)", true, false),
    /** Fraction of points predicted normal. */
    FRACTION_NORMAL("fraction_normal", "1", "fraction of points in state ND", true, true),
    /** Fraction of points predicted directed. */
    FRACTION_DIRECTED("fraction_directed", "1", "fraction of points in state DM", true, true),
    /** Fraction of points predicted confined. */
    FRACTION_CONFINED("fraction_confined", "1", "fraction of points in state CD", true, true),
    /** Fraction of points predicted subdiffusive. */
    FRACTION_SUBDIFFUSIVE("fraction_subdiffusive", "1", "fraction of points in state SD", true, true),
    /** Number of segments (maximal runs of equal predicted state). */
    N_SEGMENTS("n_segments", "segments", "number of segments k", true, true),
    /** Instantaneous diffusion coefficient MSD(1) / (2·dim·dt), µm²/s. */
    INSTANTANEOUS_D("instantaneous_d", "µm²/s", "MSD(1) / (2·dim·dt)", true, true),
    /** Mean over segments j = 1..k of c<sub>j</sub> = (label<sub>j</sub> + 1)·j. */
    SEGMENT_CODE_MEAN("segment_code_mean", "1", "mean of c_j = (label_j + 1)·j, j = 1..k", true, true),
    /** Median of c<sub>j</sub>. */
    SEGMENT_CODE_MEDIAN("segment_code_median", "1", "median of c_j", true, true),
    /** Maximum of c<sub>j</sub>. */
    SEGMENT_CODE_MAX("segment_code_max", "1", "max of c_j", true, true),
    /** Minimum of c<sub>j</sub>. */
    SEGMENT_CODE_MIN("segment_code_min", "1", "min of c_j", true, true),
    /** Population standard deviation of c<sub>j</sub>. */
    SEGMENT_CODE_STD("segment_code_std", "1", "population sd of c_j", true, true),
    /** Median |Δ| of the mapped labels ND→0, DM→1, CD→4, SD→6 of consecutive segments. */
    MEDIAN_LABEL_JUMP("median_label_jump", "1", "median |map(label_{j+1}) − map(label_j)|, map {0,1,4,6}",
            true, true);

    /** Number of track features (the first 31 constants). */
    public static final int TRACK_FEATURE_COUNT = 31;
    /** Number of all features. */
    public static final int COUNT = 43;

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
