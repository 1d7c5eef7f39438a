package org.deepspt.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.SegmenterProvenance;
import org.deepspt.api.Trajectory;
import org.deepspt.baseline.RollingMsdSegmenter;
import org.deepspt.neural.FakeEngine;
import org.deepspt.neural.NeuralSegmenter;
import org.deepspt.smoothing.DiffusivityChangeDetector;
import org.deepspt.smoothing.ViterbiSmoother;
import org.junit.jupiter.api.Test;

/**
 * {@link PostProcessing}: what it adds to a pipeline (the same segmentations as the pipeline the CLI and the Fiji
 * plugin each built by hand before) and how it words it.
 */
class PostProcessingTest {
    private static final double PENALTY = ViterbiSmoother.DEFAULT_PENALTY;

    private static List<Trajectory> tracks() {
        Random rnd = new Random(11);
        List<Trajectory> t = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            int n = 20 + 7 * k;
            double[][] axes = new double[2][n];
            for (int a = 0; a < 2; a++) {
                double v = 0;
                double step = k % 2 == 0 ? 0.1 : 0.6;
                for (int i = 0; i < n; i++) {
                    v += (i < n / 2 ? step : 5 * step) * rnd.nextGaussian();
                    axes[a][i] = v;
                }
            }
            t.add(Trajectory.ofAxes("t" + k, 0.1, axes));
        }
        return t;
    }

    private static List<Segmentation> run(Pipeline.Builder b) {
        return b.segmentOnly().build().run(tracks()).results().stream().map(r -> r.segmentation().orElseThrow())
                .toList();
    }

    private static NeuralSegmenter neural(double penalty, boolean changes) {
        return NeuralSegmenter.of(SegmenterProvenance.ofModel("fake", "fake"), new FakeEngine(2), 8, 5, penalty,
                ReliabilityThresholds.defaults(2), changes ? DiffusivityChangeDetector.defaults() : null);
    }

    @Test
    void defaultsSmoothRollingMsdInThePipelineAndSaySo() {
        Segmenter s = RollingMsdSegmenter.defaults();
        List<Segmentation> byHand = run(Pipeline.builder().segmenter(s)
                .postProcessor(ViterbiSmoother.of(PENALTY)::smooth));
        assertEquals(byHand, run(PostProcessing.defaults().applyTo(Pipeline.builder().segmenter(s), s)));
        assertEquals("smooth=9.0;refine=off;d-changes=off;min-segment=1", PostProcessing.defaults().describe(s));
        assertEquals("smooth=0.0;refine=off;d-changes=off;min-segment=1", PostProcessing.none().describe(s));
        assertEquals("smooth=4.0;refine=off;d-changes=off;min-segment=3",
                new PostProcessing(4, true, 3).describe(s), "D changes only after a neural segmenter");
    }

    @Test
    void aNeuralSegmenterThatSmoothsAndSplitsItselfGetsNothingMore() {
        // as the Fiji plugin opens it: SegmenterOptions.defaults() (smoothing and D changes in the segmenter)
        try (NeuralSegmenter s = neural(PENALTY, true)) {
            assertEquals(run(Pipeline.builder().segmenter(s)),
                    run(PostProcessing.defaults().applyTo(Pipeline.builder().segmenter(s), s)));
            assertEquals("smooth=9.0;refine=off;d-changes=on;min-segment=1", PostProcessing.defaults().describe(s));
            // its own output: what TrackFingerprints.extract records
            assertEquals("smooth=9.0;refine=off;d-changes=on;min-segment=1", PostProcessing.none().describe(s));
        }
    }

    @Test
    void aNeuralSegmenterOpenedWithoutDChangesGetsThemFromThePipeline() {
        // as the CLI opens it: its smoothing penalty, no D changes (the pipeline adds them unless --no-d-changes)
        try (NeuralSegmenter s = neural(PENALTY, false)) {
            List<Segmentation> byHand = run(Pipeline.builder().segmenter(s).minSegment(2)
                    .diffusivityChanges(DiffusivityChangeDetector.defaults()));
            assertEquals(byHand, run(new PostProcessing(PENALTY, true, 2).applyTo(Pipeline.builder().segmenter(s),
                    s)));
            assertEquals("smooth=9.0;refine=off;d-changes=on;min-segment=2",
                    new PostProcessing(PENALTY, true, 2).describe(s));
            assertEquals(run(Pipeline.builder().segmenter(s)),
                    run(new PostProcessing(PENALTY, false, 1).applyTo(Pipeline.builder().segmenter(s), s)));
            assertEquals("smooth=9.0;refine=off;d-changes=off;min-segment=1",
                    new PostProcessing(PENALTY, false, 1).describe(s));
        }
        // another penalty than its own: smoothed again by the pipeline with the asked one, and worded so
        try (NeuralSegmenter s = neural(0, false)) {
            List<Segmentation> smoothed = run(Pipeline.builder().segmenter(s)
                    .postProcessor(ViterbiSmoother.of(4)::smooth));
            assertNotEquals(run(Pipeline.builder().segmenter(s)), smoothed, "the smoothing changes these tracks");
            assertEquals(smoothed, run(new PostProcessing(4, false, 1).applyTo(Pipeline.builder().segmenter(s), s)));
            assertEquals("smooth=4.0;refine=off;d-changes=off;min-segment=1",
                    new PostProcessing(4, false, 1).describe(s));
        }
    }

    /**
     * A neural segmenter that smooths with one penalty and a post-processing with another: refused, naming both
     * (before: smoothed twice, only the post-processing's penalty recorded); 0 on either side is no conflict.
     */
    @Test
    void twoSmoothingPenaltiesAreRefused() {
        try (NeuralSegmenter s = neural(PENALTY, false)) {
            PostProcessing other = new PostProcessing(4, false, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> other.applyTo(Pipeline.builder().segmenter(s), s));
            assertTrue(e.getMessage().contains("switch penalty " + PENALTY + " nats")
                    && e.getMessage().contains("post-processing with 4.0 nats"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> other.describe(s));
            assertEquals("smooth=9.0;refine=off;d-changes=off;min-segment=1", PostProcessing.none().describe(s));
        }
    }

    /**
     * The segmenter every tool opens for a post-processing: its penalty (0: none), refinement as asked, no D changes of
     * its own (the pipeline adds them), the rest of the base options kept.
     */
    @Test
    void segmenterOptionsCarryThePenaltyAndRefinementAndLeaveDChangesToThePipeline() {
        SegmenterOptions base = SegmenterOptions.defaults().withBackend("jvm").withMaxBatchSize(7);
        assertEquals(base.withSwitchPenalty(4).withRefinedBoundaries(false).withDiffusivityChanges(false),
                new PostProcessing(4, true, 3).segmenterOptions(base, false));
        assertEquals(base.withoutSmoothing().withDiffusivityChanges(false),
                new PostProcessing(0, false, 1).segmenterOptions(base, true));
        assertEquals(base.withDiffusivityChanges(false), PostProcessing.defaults().segmenterOptions(base, true));
    }

    @Test
    void badValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PostProcessing(-1, true, 1));
        assertThrows(IllegalArgumentException.class, () -> new PostProcessing(Double.NaN, true, 1));
        assertThrows(IllegalArgumentException.class, () -> new PostProcessing(Double.POSITIVE_INFINITY, true, 1));
        assertThrows(IllegalArgumentException.class, () -> new PostProcessing(9, true, 0));
    }
}
