package org.deepspt.cli;

import org.deepspt.pipeline.Pipeline;
import org.deepspt.segment.ViterbiSmoother;
import picocli.CommandLine.Option;

/** {@code --min-segment} and {@code --smooth}: post-processing of the predicted segmentation. */
final class PostProcessingOptions {

    @Option(names = "--min-segment", defaultValue = "1", paramLabel = "K",
            description = "Post-processing: merge predicted segments shorter than K frames into the neighbour "
                    + "with the higher mean probability (default ${DEFAULT-VALUE} = off; the paper uses 5).")
    int minSegment = 1;

    /**
     * What {@code --smooth} does to the bundled ensembles on the test sets, as the README's "Segmentation models"
     * section states it (checked by {@code HelpMatchesReadmeTest}).
     */
    static final String SMOOTH_EFFECT = "it trades −0.09 / −0.06 points of per-frame accuracy (2D / 3D) for "
            + "change points: AnDi-2 Jaccard 0.320 → 0.410 and 0.376 → 0.476";

    @Option(names = "--smooth", arity = "0..1", fallbackValue = "" + ViterbiSmoother.DEFAULT_PENALTY,
            paramLabel = "NATS",
            description = "Post-processing: states along the most probable path (Viterbi) with a state-switch "
                    + "penalty in nats (default when given without a value: ${FALLBACK-VALUE}, tuned on validation "
                    + "tracks): " + SMOOTH_EFFECT + ".")
    Double smoothPenalty;

    /** Adds the chosen post-processing to a pipeline. */
    Pipeline.Builder apply(Pipeline.Builder b) {
        if (minSegment < 1) {
            throw new UsageException("--min-segment must be >= 1, got " + minSegment);
        }
        b.minSegment(minSegment);
        if (smoothPenalty != null) {
            if (!(smoothPenalty >= 0) || Double.isInfinite(smoothPenalty)) {
                throw new UsageException("--smooth must be a finite penalty >= 0 nats, got "
                        + smoothPenalty);
            }
            b.postProcessor(ViterbiSmoother.of(smoothPenalty)::smooth);
        }
        return b;
    }
}
