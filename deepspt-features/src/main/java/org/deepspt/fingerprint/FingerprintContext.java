package org.deepspt.fingerprint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What the values of a set of fingerprints depend on besides the tracks' motion: the tracks' dimension, their frame
 * interval(s) (s) and length unit ({@code µm}, or {@code px} for an uncalibrated file), the segmenter that gave the
 * segmentation features and its post-processing, and the version of the feature definitions
 * ({@link FingerprintFeature#DEFINITION_VERSION}). D-like features (diffusion_coefficient, mean_step_length,
 * mean_msd, speed, instantaneous_d, convex_hull, …) scale with the length unit and the frame interval, the
 * segmentation features change with the segmenter and its post-processing, and a 3D track's features are not those
 * of a 2D track; a classifier trained in one context is only meaningful on fingerprints of the same one. Fingerprint
 * CSVs and classifier model files record it.
 *
 * <p>Every part may be unknown (a file written before it was recorded): {@link #UNKNOWN} knows nothing. Immutable
 * and thread-safe.
 */
public final class FingerprintContext {
    /** The context of fingerprints about which nothing is recorded. */
    public static final FingerprintContext UNKNOWN = new FingerprintContext(0, List.of(), null, null, null, 0);

    /** Relative difference below which two frame intervals are the same (decimal round trips, file precision). */
    private static final double SAME_INTERVAL = 1e-6;

    private final int dimension;
    private final List<Double> frameIntervals;
    private final @Nullable String lengthUnit;
    private final @Nullable String segmenter;
    private final @Nullable String postProcessing;
    private final int definitionVersion;

    private FingerprintContext(int dimension, List<Double> frameIntervals, @Nullable String lengthUnit,
            @Nullable String segmenter, @Nullable String postProcessing, int definitionVersion) {
        this.dimension = dimension;
        this.frameIntervals = frameIntervals;
        this.lengthUnit = lengthUnit;
        this.segmenter = segmenter;
        this.postProcessing = postProcessing;
        this.definitionVersion = definitionVersion;
    }

    /**
     * The context of fingerprints computed now, with {@link FingerprintFeature#DEFINITION_VERSION}.
     *
     * @param dimension 2 or 3
     * @param frameIntervals the tracks' frame intervals, s, finite and &gt; 0 (repeats are dropped)
     * @param lengthUnit {@code µm} or {@code px}
     * @param segmenter the segmenter's name as the user chose it, e.g. {@code unet}
     * @param postProcessing the post-processing of its segmentation, in words, e.g.
     *     {@code smooth=9.0;refine=on;d-changes=on;min-segment=1}
     * @return the context
     * @throws IllegalArgumentException on a dimension other than 2 or 3, a bad interval or blank text
     */
    public static FingerprintContext of(int dimension, Collection<Double> frameIntervals, String lengthUnit,
            String segmenter, String postProcessing) {
        return UNKNOWN.withDimension(dimension).withFrameIntervals(frameIntervals).withLengthUnit(lengthUnit)
                .withSegmenter(segmenter).withPostProcessing(postProcessing)
                .withDefinitionVersion(FingerprintFeature.DEFINITION_VERSION);
    }

    /** @return 2 or 3; empty when unknown */
    public OptionalInt dimension() {
        return dimension == 0 ? OptionalInt.empty() : OptionalInt.of(dimension);
    }

    /** @return the frame intervals of the tracks, s, ascending, distinct; empty when unknown (unmodifiable) */
    public List<Double> frameIntervalsSeconds() {
        return frameIntervals;
    }

    /** @return {@code µm} or {@code px}; empty when unknown */
    public Optional<String> lengthUnit() {
        return Optional.ofNullable(lengthUnit);
    }

    /** @return the segmenter of the segmentation features, e.g. {@code unet}; empty when unknown */
    public Optional<String> segmenter() {
        return Optional.ofNullable(segmenter);
    }

    /** @return the post-processing of the segmentation, in words; empty when unknown */
    public Optional<String> postProcessing() {
        return Optional.ofNullable(postProcessing);
    }

    /** @return the {@link FingerprintFeature#DEFINITION_VERSION} the features were computed with; empty when unknown */
    public OptionalInt definitionVersion() {
        return definitionVersion == 0 ? OptionalInt.empty() : OptionalInt.of(definitionVersion);
    }

    /** @return whether no part is known */
    public boolean isUnknown() {
        return equals(UNKNOWN);
    }

    /**
     * @param d 2 or 3
     * @return a copy with that dimension
     */
    public FingerprintContext withDimension(int d) {
        if (d != 2 && d != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + d);
        }
        return new FingerprintContext(d, frameIntervals, lengthUnit, segmenter, postProcessing, definitionVersion);
    }

    /**
     * @param intervals frame intervals, s, finite and &gt; 0; an empty collection makes them unknown
     * @return a copy with these intervals, sorted, repeats dropped
     */
    public FingerprintContext withFrameIntervals(Collection<Double> intervals) {
        TreeSet<Double> sorted = new TreeSet<>();
        for (Double dt : intervals) {
            if (dt == null || !(dt > 0) || Double.isInfinite(dt)) {
                throw new IllegalArgumentException("frame interval must be finite and > 0 s, got " + dt);
            }
            sorted.add(dt);
        }
        return new FingerprintContext(dimension, List.copyOf(sorted), lengthUnit, segmenter, postProcessing,
                definitionVersion);
    }

    /** @param unit {@code µm} or {@code px} @return a copy with that unit */
    public FingerprintContext withLengthUnit(String unit) {
        return new FingerprintContext(dimension, frameIntervals, text(unit, "length unit"), segmenter, postProcessing,
                definitionVersion);
    }

    /** @param name the segmenter's name @return a copy with that segmenter */
    public FingerprintContext withSegmenter(String name) {
        return new FingerprintContext(dimension, frameIntervals, lengthUnit, text(name, "segmenter"), postProcessing,
                definitionVersion);
    }

    /** @param words the post-processing, in words @return a copy with that post-processing */
    public FingerprintContext withPostProcessing(String words) {
        return new FingerprintContext(dimension, frameIntervals, lengthUnit, segmenter, text(words, "post-processing"),
                definitionVersion);
    }

    /** @param version a {@link FingerprintFeature#DEFINITION_VERSION}, ≥ 1 @return a copy with that version */
    public FingerprintContext withDefinitionVersion(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("definition version must be >= 1, got " + version);
        }
        return new FingerprintContext(dimension, frameIntervals, lengthUnit, segmenter, postProcessing, version);
    }

    private static String text(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return s;
    }

    /**
     * The one way the post-processing of a segmentation is written, so that two runs that segment alike are
     * recorded alike: what was applied in effect, not what was asked for (boundaries are refined and D changes found
     * only by neural models).
     *
     * @param switchPenaltyNats the Viterbi state-switch penalty, nats; 0: no smoothing
     * @param refinedBoundaries whether changes of state were moved to where the step lengths change
     * @param diffusivityChanges whether segments were split where D changes within a class
     * @param minSegmentFrames segments shorter than this were merged into a neighbour, frames (1: none)
     * @return e.g. {@code smooth=9.0;refine=on;d-changes=on;min-segment=1}
     */
    public static String postProcessing(double switchPenaltyNats, boolean refinedBoundaries,
            boolean diffusivityChanges, int minSegmentFrames) {
        return "smooth=" + switchPenaltyNats + ";refine=" + (refinedBoundaries ? "on" : "off") + ";d-changes="
                + (diffusivityChanges ? "on" : "off") + ";min-segment=" + minSegmentFrames;
    }

    /**
     * @param a a frame interval, s
     * @param b another, s
     * @return whether they are the same interval (relative difference below 1e-6)
     */
    public static boolean sameInterval(double a, double b) {
        return Math.abs(a - b) <= SAME_INTERVAL * Math.max(Math.abs(a), Math.abs(b));
    }

    /**
     * @param intervals frame intervals, s
     * @return them for messages, e.g. {@code 0.03 s} or {@code 0.03, 0.1 s}
     */
    public static String describeIntervals(List<Double> intervals) {
        List<String> s = new ArrayList<>(intervals.size());
        for (double dt : intervals) {
            s.add(String.format(Locale.ROOT, "%.6g", dt).replaceAll("\\.?0+(?=$|e)", ""));
        }
        return String.join(", ", s) + " s";
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FingerprintContext c && dimension == c.dimension
                && frameIntervals.equals(c.frameIntervals) && Objects.equals(lengthUnit, c.lengthUnit)
                && Objects.equals(segmenter, c.segmenter) && Objects.equals(postProcessing, c.postProcessing)
                && definitionVersion == c.definitionVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dimension, frameIntervals, lengthUnit, segmenter, postProcessing, definitionVersion);
    }

    @Override
    public String toString() {
        return "FingerprintContext[dimension " + (dimension == 0 ? "?" : dimension) + ", frame interval "
                + (frameIntervals.isEmpty() ? "?" : describeIntervals(frameIntervals)) + ", unit "
                + (lengthUnit == null ? "?" : lengthUnit) + ", segmenter " + (segmenter == null ? "?" : segmenter)
                + ", post-processing " + (postProcessing == null ? "?" : postProcessing) + ", definition version "
                + (definitionVersion == 0 ? "?" : definitionVersion) + "]";
    }
}
