package org.deepspt.classify;

import java.util.List;
import java.util.Locale;
import org.deepspt.fingerprint.FingerprintFeature;

/**
 * The feature subsets of the paper's ablations (Kæstel-Hansen et al., Nat. Methods 2025, §5): α only,
 * D only, α + D, and the full 40-feature classifier fingerprint.
 *
 * <p>Names are those of {@link FingerprintFeature}; {@link #id()} is the short form used on the command
 * line ({@code alpha}, {@code d}, {@code alpha-d}, {@code full}).
 */
public enum FeatureSets {
    /** Only the anomalous exponent α of the MSD fit. */
    ALPHA("alpha", List.of(FingerprintFeature.ALPHA.featureName())),
    /** Only the generalised diffusion coefficient D of the MSD fit (µm²/s<sup>α</sup>). */
    DIFFUSION("d", List.of(FingerprintFeature.DIFFUSION_COEFFICIENT.featureName())),
    /** α and D of the MSD fit. */
    ALPHA_D("alpha-d", List.of(FingerprintFeature.ALPHA.featureName(),
            FingerprintFeature.DIFFUSION_COEFFICIENT.featureName())),
    /**
     * The 40 classifier features ({@link FingerprintFeature#classifierNames()}): all 43 but n_points,
     * total_step_length and speed, which measure how long or how fast a track was recorded; includes the 12
     * segmentation features. Other features still depend on length (e.g. hmm_mean_dwell is the duration of a track
     * whose HMM path has one run): {@link LengthConfound} says when length alone tells the classes apart.
     */
    FULL("full", FingerprintFeature.classifierNames());

    private final String id;
    private final List<String> features;

    FeatureSets(String id, List<String> features) {
        this.id = id;
        this.features = List.copyOf(features);
    }

    /** @return the short name: {@code alpha}, {@code d}, {@code alpha-d} or {@code full} */
    public String id() {
        return id;
    }

    /** @return the feature names, in model order (unmodifiable) */
    public List<String> features() {
        return features;
    }

    /**
     * @param id a short name ({@link #id()}, case-insensitive) or a constant name such as {@code ALPHA_D}
     * @return the subset
     * @throws IllegalArgumentException listing the accepted names when none matches
     */
    public static FeatureSets parse(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (FeatureSets f : values()) {
            if (f.id.equals(s) || f.name().toLowerCase(Locale.ROOT).equals(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature set '" + id + "'; expected one of full, alpha, d, alpha-d");
    }
}
