package org.deepspt.pipeline;

import java.util.Objects;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.neural.NeuralSegmenter;
import org.deepspt.smoothing.DiffusivityChangeDetector;
import org.deepspt.smoothing.ViterbiSmoother;

/**
 * The post-processing of a segmenter's output, written once for every tool (the CLI's {@code --smooth},
 * {@code --no-smooth}, {@code --no-d-changes} and {@code --min-segment}; the Fiji plugin at {@link #defaults()}): it
 * adds to a {@link Pipeline.Builder} what the segmenter does not do itself ({@link #applyTo}), and words what was
 * applied in effect, as fingerprint tables and classifier models record it ({@link #describe}), so that two tools
 * that segment alike record alike.
 *
 * <p>What a neural segmenter does itself depends on how it was opened ({@link org.deepspt.api.SegmenterOptions}):
 * it smooths with its own switch penalty, moves changes of state to where the step lengths change (with an output
 * calibration) and may split segments where D changes. Any other segmenter (rolling-MSD) does none of these; it is
 * smoothed here, in the pipeline. Boundaries are refined and D changes found only after a neural segmenter.
 *
 * <p>Immutable and thread-safe.
 *
 * @param switchPenaltyNats the Viterbi state-switch penalty, nats (finite, ≥ 0): the pipeline smooths with it unless
 *     the segmenter is a neural one that already smooths with this penalty; 0: the pipeline adds no smoothing (a
 *     neural segmenter's own, if any, stays)
 * @param diffusivityChanges whether segments of a neural segmenter are split where D changes within a class
 *     ({@link DiffusivityChangeDetector#defaults()}, added by the pipeline when the segmenter does not split them
 *     itself)
 * @param minSegmentFrames segments shorter than this are merged into a neighbour, frames (≥ 1; 1: none)
 */
public record PostProcessing(double switchPenaltyNats, boolean diffusivityChanges, int minSegmentFrames) {

    private static final PostProcessing DEFAULTS = new PostProcessing(ViterbiSmoother.DEFAULT_PENALTY, true, 1);
    private static final PostProcessing NONE = new PostProcessing(0, false, 1);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when the penalty is negative, NaN or infinite, or the minimum segment below 1
     */
    public PostProcessing {
        if (!(switchPenaltyNats >= 0) || Double.isInfinite(switchPenaltyNats)) {
            throw new IllegalArgumentException("switch penalty must be finite and >= 0 nats, got "
                    + switchPenaltyNats);
        }
        if (minSegmentFrames < 1) {
            throw new IllegalArgumentException("minimum segment must be >= 1 frames, got " + minSegmentFrames);
        }
    }

    /**
     * @return {@code deepspt analyze}'s defaults: smoothing with {@link ViterbiSmoother#DEFAULT_PENALTY}, D changes
     *     found (neural segmenters), no segment merged
     */
    public static PostProcessing defaults() {
        return DEFAULTS;
    }

    /** @return nothing added to the segmenter's own output: no smoothing, no D changes, no segment merged */
    public static PostProcessing none() {
        return NONE;
    }

    /**
     * How a tool opens the segmenter that {@link #applyTo} completes, the same in every tool (the CLI's
     * {@code --smooth}, {@code --no-smooth} and {@code --no-refine}; the Spark job's, which are the CLI's): a neural
     * model smooths with this post-processing's penalty itself (0: not at all), so that it reports the calibrated
     * marginals of its smoothed states and, when {@code refineBoundaries}, moves each change of state to where the step
     * lengths change; it finds no D changes itself ({@link #applyTo} adds them after it when
     * {@link #diffusivityChanges()}). A segmenter that is not neural ignores these options and is smoothed by
     * {@link #applyTo}.
     *
     * @param base the backend, engine, batch size and minimum length to open the segmenter with
     * @param refineBoundaries whether a neural model moves its changes of state to where the step lengths change
     * @return {@code base} with this penalty, {@code refineBoundaries} and no D changes of the segmenter's own
     */
    public SegmenterOptions segmenterOptions(SegmenterOptions base, boolean refineBoundaries) {
        Objects.requireNonNull(base, "base");
        return base.withSwitchPenalty(switchPenaltyNats).withRefinedBoundaries(refineBoundaries)
                .withDiffusivityChanges(false);
    }

    /**
     * Adds this post-processing to a pipeline: the minimum segment; Viterbi smoothing when the penalty is positive
     * and the segmenter does not smooth with it itself; D changes after a neural segmenter that does not find them
     * itself. Replaces the builder's {@link Pipeline.Builder#postProcessor} and
     * {@link Pipeline.Builder#diffusivityChanges} only when it sets them.
     *
     * @param b the pipeline
     * @param segmenter the pipeline's segmenter
     * @return b
     * @throws IllegalArgumentException when the segmenter is a neural one that smooths with another positive
     *     penalty than this post-processing's (it would be smoothed twice, and one penalty recorded): open it with
     *     this penalty ({@link org.deepspt.api.SegmenterOptions#withSwitchPenalty}) or without smoothing, or give
     *     the post-processing its penalty or 0
     */
    public Pipeline.Builder applyTo(Pipeline.Builder b, Segmenter segmenter) {
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(segmenter, "segmenter");
        requireOneSmoothing(segmenter);
        b.minSegment(minSegmentFrames);
        boolean smoothsItself = segmenter instanceof NeuralSegmenter n && n.switchPenalty() == switchPenaltyNats;
        if (switchPenaltyNats > 0 && !smoothsItself) {
            b.postProcessor(ViterbiSmoother.of(switchPenaltyNats)::smooth);
        }
        if (diffusivityChanges && segmenter instanceof NeuralSegmenter n && n.diffusivityChanges().isEmpty()) {
            b.diffusivityChanges(DiffusivityChangeDetector.defaults());
        }
        return b;
    }

    /**
     * The post-processing that {@link #applyTo} and the segmenter give in effect, in the one wording of
     * {@link FingerprintContext#postProcessing(double, boolean, boolean, int)}: the penalty of this post-processing
     * (with 0, a neural segmenter's own), {@code refine=on} when a neural segmenter refines its boundaries,
     * {@code d-changes=on} when D changes are found after a neural segmenter (by the pipeline or by the segmenter),
     * and the minimum segment. For example {@code smooth=9.0;refine=on;d-changes=on;min-segment=1} for a neural model
     * opened with {@link org.deepspt.api.SegmenterOptions#defaults()} at {@link #defaults()}, and
     * {@code smooth=9.0;refine=off;d-changes=off;min-segment=1} for rolling-MSD at {@link #defaults()}.
     *
     * @param segmenter the segmenter the pipeline runs
     * @return the post-processing in words, as {@link FingerprintContext#postProcessing()} records it
     * @throws IllegalArgumentException for a neural segmenter that smooths with another positive penalty, as
     *     {@link #applyTo}
     */
    public String describe(Segmenter segmenter) {
        Objects.requireNonNull(segmenter, "segmenter");
        requireOneSmoothing(segmenter);
        if (segmenter instanceof NeuralSegmenter n) {
            double penalty = switchPenaltyNats > 0 ? switchPenaltyNats : n.switchPenalty();
            return FingerprintContext.postProcessing(penalty, n.boundaryRefiner().isPresent(),
                    diffusivityChanges || n.diffusivityChanges().isPresent(), minSegmentFrames);
        }
        return FingerprintContext.postProcessing(switchPenaltyNats, false, false, minSegmentFrames);
    }

    /**
     * Refuses a neural segmenter that smooths with a positive penalty other than this post-processing's positive
     * one: the pipeline would smooth its smoothed states again and {@link #describe} could record only one
     * penalty. No tool does it (the CLI and the Spark job open their model with {@link #segmenterOptions}, the Fiji
     * plugin at its defaults); only a library caller can.
     */
    private void requireOneSmoothing(Segmenter segmenter) {
        if (segmenter instanceof NeuralSegmenter n && n.switchPenalty() > 0 && switchPenaltyNats > 0
                && n.switchPenalty() != switchPenaltyNats) {
            throw new IllegalArgumentException("segmenter " + n.name() + " smooths with switch penalty "
                    + n.switchPenalty() + " nats and the post-processing with " + switchPenaltyNats + " nats: the "
                    + "tracks would be smoothed twice; open the segmenter with " + switchPenaltyNats + " nats or "
                    + "without smoothing (SegmenterOptions.withSwitchPenalty), or give the post-processing "
                    + n.switchPenalty() + " or 0 nats");
        }
    }
}
