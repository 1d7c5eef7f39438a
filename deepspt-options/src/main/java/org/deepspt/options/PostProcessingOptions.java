package org.deepspt.options;

import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.PostProcessing;
import org.deepspt.smoothing.DiffusivityChangeDetector;
import org.deepspt.smoothing.ViterbiSmoother;
import picocli.CommandLine.Option;

/**
 * The picocli mixin of {@code --min-segment}, {@code --smooth}, {@code --no-smooth}, {@code --no-refine} and
 * {@code --no-d-changes}: post-processing of the predicted segmentation. Both tools declare these options through
 * this class (the CLI's commands that segment mix it in; so does the Spark job), with one wording, one set of
 * defaults and one check.
 *
 * <p>Viterbi smoothing is on by default; a neural segmenter is opened with the chosen penalty and refinement
 * ({@link #segmenterOptions(SegmenterOptions)}) and smooths and calibrates itself, any other segmenter is smoothed
 * once, in the pipeline ({@link PostProcessing}, shared with the Fiji plugin). Then, for a neural model, segments are
 * split where D changes within a class ({@link DiffusivityChangeDetector}, on by default). {@code --smooth} with
 * {@code --no-smooth}: no smoothing ({@code --no-smooth} wins), the penalty still checked.
 */
public class PostProcessingOptions {

    @Option(names = "--min-segment", defaultValue = "1", paramLabel = "K",
            description = "Post-processing: merge predicted segments shorter than K frames into the neighbour "
                    + "with the higher mean probability (default ${DEFAULT-VALUE} = off; the paper uses 5).")
    private int minSegment = 1;

    /**
     * What the default smoothing does on simulated test tracks, as the README's "Segmentation models" section states
     * it (checked by the CLI's {@code HelpMatchesReadmeTest}; measured in models/README.md, "Viterbi smoothing by
     * default").
     */
    public static final String SMOOTH_EFFECT = "it cuts spurious change points per single-state track from 0.77 to "
            + "0.09 (2D) and 0.86 to 0.06 (3D) and raises the AnDi-2 change-point Jaccard on heterogeneous tracks from "
            + "0.44 to 0.52 and 0.49 to 0.57";

    @Option(names = "--smooth", arity = "0..1", defaultValue = "" + ViterbiSmoother.DEFAULT_PENALTY,
            fallbackValue = "" + ViterbiSmoother.DEFAULT_PENALTY, paramLabel = "NATS",
            description = "Post-processing, on by default: states along the most probable path (Viterbi) with a "
                    + "state-switch penalty in nats (default ${DEFAULT-VALUE}); for a neural model each change of "
                    + "state is then moved by at most 12 frames to where the step lengths change, when they do. "
                    + "On simulated test tracks " + SMOOTH_EFFECT + ".")
    private double smoothPenalty = ViterbiSmoother.DEFAULT_PENALTY;

    @Option(names = "--no-smooth", description = "Turn the Viterbi smoothing off: frame-wise argmax states.")
    private boolean noSmooth;

    @Option(names = "--no-refine", description = "Keep each change of state where the smoothed path puts it (do "
            + "not move it to where the step lengths change; neural models).")
    private boolean noRefine;

    /**
     * What finding D changes within a class does on simulated held-out tracks, as the README's "Segmentation models"
     * section states it (measured in models/README.md, "D changes within a class").
     */
    public static final String D_CHANGES_EFFECT = "on held-out two-segment Brownian tracks whose D changes 10-100x it "
            + "raises the change-point Jaccard (changes of state or D) from 0.07 to 0.89 (2D) and 0.94 (3D), on the "
            + "widened mixture from 0.57 to 0.62 (2D) and 0.63 to 0.69 (3D) against the 16-point minimum, and moves the "
            + "score of single-state tracks by at most 0.004; each part gets its own D and alpha";

    @Option(names = "--no-d-changes", description = "Do not start a new segment where D changes within one motion "
            + "class (on by default for neural models: a change of D of at least 3x, found from the step lengths, "
            + "splits a segment of one class; " + D_CHANGES_EFFECT + ").")
    private boolean noDiffusivityChanges;

    /**
     * @return the chosen post-processing, for {@link PostProcessing#applyTo} and {@link PostProcessing#describe}
     *     (with no option given: {@link PostProcessing#defaults()}, what the Fiji plugin applies)
     * @throws OptionUsageException naming {@code --min-segment} or {@code --smooth} when its value is bad
     */
    public final PostProcessing settings() {
        validate();
        return new PostProcessing(switchPenalty(), !noDiffusivityChanges, minSegment);
    }

    /**
     * How to open the segmenter with these options ({@link PostProcessing#segmenterOptions}): a neural one smooths
     * with the chosen penalty itself (and reports the calibrated marginals of its smoothed states), refines its
     * boundaries unless {@code --no-refine}, and leaves D changes to the pipeline.
     *
     * @param base the backend, engine, batch size and minimum length to open the segmenter with
     * @return {@code base} with the chosen penalty and refinement
     * @throws OptionUsageException naming {@code --min-segment} or {@code --smooth} when its value is bad
     */
    public final SegmenterOptions segmenterOptions(SegmenterOptions base) {
        return settings().segmenterOptions(base, refineBoundaries());
    }

    /**
     * Adds the chosen post-processing to a pipeline ({@link PostProcessing#applyTo}): a neural segmenter opened with
     * {@link #segmenterOptions(SegmenterOptions)} already smooths with the chosen penalty; any other is smoothed in
     * the pipeline.
     *
     * @param b the pipeline
     * @param segmenter the pipeline's segmenter: changes of D are looked for after a neural model only
     * @return b
     */
    public final Pipeline.Builder apply(Pipeline.Builder b, Segmenter segmenter) {
        return settings().applyTo(b, segmenter);
    }

    /**
     * @param segmenter the segmenter opened with {@link #segmenterOptions(SegmenterOptions)}
     * @return the post-processing {@link #apply} and the segmenter give in effect, as fingerprint tables and
     *     classifier models record it ({@link FingerprintContext#postProcessing}; {@link PostProcessing#describe})
     */
    public final String describe(Segmenter segmenter) {
        return settings().describe(segmenter);
    }

    /**
     * Checks {@code --min-segment} and {@code --smooth}; tools call it before they read their input, so that a bad
     * value is one usage line, not a usage line after the input's notes.
     *
     * @throws OptionUsageException naming the option
     */
    public final void validate() {
        if (minSegment < 1) {
            throw new OptionUsageException("--min-segment must be >= 1, got " + minSegment);
        }
        switchPenalty();
    }

    /** @return {@code --min-segment}: segments shorter than this are merged into a neighbour, frames (1: none) */
    public final int minSegment() {
        return minSegment;
    }

    /** @return whether a neural segmenter moves its change points to where the step lengths change (no {@code --no-refine}) */
    public final boolean refineBoundaries() {
        return !noRefine;
    }

    /** @return whether segments of a neural model are split where D changes within a class (no {@code --no-d-changes}) */
    public final boolean diffusivityChanges() {
        return !noDiffusivityChanges;
    }

    /**
     * @return the chosen Viterbi switch penalty in nats, 0 with {@code --no-smooth}
     * @throws OptionUsageException when {@code --smooth} is negative, NaN or infinite
     */
    public final double switchPenalty() {
        if (!(smoothPenalty >= 0) || Double.isInfinite(smoothPenalty)) {
            throw new OptionUsageException("--smooth must be a finite penalty >= 0 nats, got " + smoothPenalty);
        }
        return noSmooth ? 0 : smoothPenalty;
    }
}
