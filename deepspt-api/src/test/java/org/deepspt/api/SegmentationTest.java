package org.deepspt.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentationTest {

    private static final int[] FRAMES = {10, 11, 12, 13, 14, 15};

    @Test
    void segmentsAndChangePointsFromArgmax() {
        double[][] p = {
            {0.7, 0.1, 0.1, 0.1}, {0.6, 0.2, 0.1, 0.1}, {0.1, 0.1, 0.8, 0.0},
            {0.2, 0.0, 0.6, 0.2}, {0.25, 0.25, 0.25, 0.25}, {0.0, 0.1, 0.1, 0.8}};
        Segmentation s = Segmentation.of("t", FRAMES, p);
        assertArrayEquals(new int[] {0, 0, 2, 2, 0, 3}, s.stateIndices());
        List<Segment> segs = s.segments();
        assertEquals(4, segs.size());
        assertEquals(new Segment(0, 1, 10, 11, DiffusionState.NORMAL, segs.get(0).meanProbability()), segs.get(0));
        assertEquals(0.65, segs.get(0).meanProbability(), 1e-12);
        assertEquals(0.7, segs.get(1).meanProbability(), 1e-12);
        assertEquals(2, segs.get(1).length());
        assertArrayEquals(new int[] {2, 4, 5}, s.changePointIndices());
        assertArrayEquals(new int[] {12, 14, 15}, s.changePointFrames());
        assertEquals(DiffusionState.CONFINED, s.state(3));
        assertEquals(0.6, s.probability(3, DiffusionState.CONFINED));
    }

    @Test
    void rowsMustBeProbabilities() {
        InvalidTrajectoryException sum = assertThrows(InvalidTrajectoryException.class,
                () -> Segmentation.ofFlat("bad", new int[] {3}, new double[] {0.5, 0.2, 0.2, 0.2}));
        assertTrue(sum.getMessage().contains("frame 3"), sum.getMessage());
        assertThrows(InvalidTrajectoryException.class,
                () -> Segmentation.ofFlat("neg", new int[] {3}, new double[] {1.1, -0.1, 0, 0}));
        assertThrows(InvalidTrajectoryException.class,
                () -> Segmentation.ofFlat("nan", new int[] {3}, new double[] {Double.NaN, 0, 0, 1}));
        assertThrows(InvalidTrajectoryException.class,
                () -> Segmentation.ofFlat("len", new int[] {3, 4}, new double[] {1, 0, 0, 0}));
    }

    @Test
    void oneHot() {
        Segmentation s = Segmentation.oneHot("o", new int[] {0, 1, 2}, new int[] {1, 1, 3});
        assertEquals(2, s.segments().size());
        assertEquals(1.0, s.segments().get(0).meanProbability());
        assertArrayEquals(new int[] {2}, s.changePointFrames());
    }

    /**
     * A merged point whose row is tied (all equal, or its old state tied with another) takes the merge target as
     * its argmax, so no segment shorter than minLength survives (before: [1,1,0,1,1] with a 1-point segment, and
     * [2,2,1,2,2]; found by review); and equal segmentations have equal hash codes.
     */
    @Test
    void mergeShortSegmentsBreaksTiesTowardTheTargetAndEqualMeansEqualHash() {
        double[][] uniform = {{0, 1, 0, 0}, {0, 1, 0, 0}, {.25, .25, .25, .25}, {0, 1, 0, 0}, {0, 1, 0, 0}};
        int[] frames = {0, 1, 2, 3, 4};
        Segmentation m = Segmentation.of("u", frames, uniform).mergeShortSegments(3);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, m.stateIndices());
        assertEquals(1, m.segments().size());
        double[][] partial = {{0, 0, 1, 0}, {0, 0, 1, 0}, {.4, .4, .2, 0}, {0, 0, 1, 0}, {0, 0, 1, 0}};
        Segmentation q = Segmentation.of("p", frames, partial).mergeShortSegments(3);
        assertArrayEquals(new int[] {2, 2, 2, 2, 2}, q.stateIndices());
        double sum = 0;
        for (double v : q.probabilities(2)) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-15);
        assertEquals(0.4, q.probabilities(2)[2], 1e-14);
        Segmentation s = Segmentation.of("h", frames, partial);
        Segmentation withNone = s.withMotion(List.of(MotionEstimate.NONE, MotionEstimate.NONE, MotionEstimate.NONE));
        assertEquals(s, withNone); // motion estimates of NONE compare equal to none
        assertEquals(s.hashCode(), withNone.hashCode());
    }

    @Test
    void mergeShortSegmentsFollowsTheHigherNeighbour() {
        // states 0 0 0 | 2 | 3 3 3 ; the single CONFINED point has p(SD)=0.3 > p(ND)=0.1 → merged into SD.
        double[][] p = {
            {1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {0.1, 0, 0.6, 0.3}, {0, 0, 0, 1}, {0, 0, 0, 1},
            {0, 0, 0, 1}};
        Segmentation s = Segmentation.of("m", new int[] {0, 1, 2, 3, 4, 5, 6}, p);
        assertEquals(3, s.segments().size());
        Segmentation merged = s.mergeShortSegments(2);
        assertArrayEquals(new int[] {0, 0, 0, 3, 3, 3, 3}, merged.stateIndices());
        assertEquals(2, merged.segments().size());
        double[] row = merged.probabilities(3);
        assertEquals(1.0, row[0] + row[1] + row[2] + row[3], 1e-12);
        assertEquals(s, s.mergeShortSegments(1));
        // A track made of only short segments collapses into one.
        Segmentation tiny = Segmentation.oneHot("x", new int[] {0, 1, 2}, new int[] {0, 1, 2});
        assertEquals(1, tiny.mergeShortSegments(5).segments().size());
    }

    @Test
    void stateMerges() {
        assertEquals(2, DiffusionState.CONFINED.threeClassIndex());
        assertEquals(2, DiffusionState.SUBDIFFUSIVE.threeClassIndex());
        assertEquals(1, DiffusionState.DIRECTED.threeClassIndex());
        assertEquals(0, DiffusionState.DIRECTED.twoClassIndex());
        assertEquals(1, DiffusionState.CONFINED.twoClassIndex());
        assertEquals(DiffusionState.DIRECTED, DiffusionState.ofIndex(1));
        assertThrows(IllegalArgumentException.class, () -> DiffusionState.ofIndex(4));
    }

    @Test
    void motionEstimatesAreCarriedPerSegmentAndPerPoint() {
        // states 0 0 2 2 2 3: three segments 0..1, 2..4, 5
        Segmentation s = Segmentation.oneHot("t", FRAMES, new int[] {0, 0, 2, 2, 2, 3});
        assertFalse(s.hasMotion());
        assertEquals(MotionEstimate.NONE, s.segments().get(1).motion());
        assertEquals(FitStatus.NOT_ESTIMATED, s.motionAt(3).status());
        MotionEstimate a = new MotionEstimate(0.1, 0.01, 1.0, 0.1, 4, FitStatus.OK);
        MotionEstimate b = new MotionEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                FitStatus.TOO_FEW_LAGS);
        MotionEstimate c = new MotionEstimate(0.2, 0.05, 0.5, 0.2, 5, FitStatus.OK);
        Segmentation m = s.withMotion(List.of(a, b, c));
        assertTrue(m.hasMotion());
        assertEquals(List.of(a, b, c), m.segments().stream().map(Segment::motion).toList());
        int[] segmentOfPoint = {0, 0, 1, 1, 1, 2};
        List<MotionEstimate> abc = List.of(a, b, c);
        for (int i = 0; i < FRAMES.length; i++) {
            assertEquals(abc.get(segmentOfPoint[i]), m.motionAt(i), "point " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> m.motionAt(6));
        // the estimates are part of the value
        assertNotEquals(s, m);
        assertEquals(m, s.withMotion(List.of(a, b, c)));
        assertEquals(m.hashCode(), s.withMotion(List.of(a, b, c)).hashCode());
        // merging changes the segments: the old estimates are dropped
        assertFalse(m.mergeShortSegments(2).hasMotion());
        assertTrue(m.mergeShortSegments(1).hasMotion());
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                () -> s.withMotion(List.of(a, b)));
        assertTrue(e.getMessage().contains("t"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MotionEstimate(1, 1, 1, 1, -1, FitStatus.OK));
        // a segment made without an estimate carries NONE
        assertEquals(MotionEstimate.NONE, new Segment(0, 1, 0, 1, DiffusionState.NORMAL, 1.0).motion());
        assertEquals(a, new Segment(0, 1, 0, 1, DiffusionState.NORMAL, 1.0).withMotion(a).motion());
    }

    @Test
    void splitsCutRunsOfOneStateIntoSegments() {
        // states 0 0 0 0 2 2: a split at 2 (inside the run of 0) and one at 4 (a change of state anyway)
        Segmentation s = Segmentation.oneHot("t", FRAMES, new int[] {0, 0, 0, 0, 2, 2});
        assertArrayEquals(new int[0], s.splitIndices());
        Segmentation split = s.withSplits(new int[] {2, 4});
        assertArrayEquals(new int[] {2}, split.splitIndices());
        assertArrayEquals(new int[] {2, 4}, split.changePointIndices());
        assertArrayEquals(new int[] {FRAMES[2], FRAMES[4]}, split.changePointFrames());
        List<Segment> segs = split.segments();
        assertEquals(3, segs.size());
        assertEquals(List.of(DiffusionState.NORMAL, DiffusionState.NORMAL, DiffusionState.CONFINED),
                segs.stream().map(Segment::state).toList());
        assertEquals(List.of(0, 2, 4), segs.stream().map(Segment::startIndex).toList());
        assertArrayEquals(s.stateIndices(), split.stateIndices());
        // part of the value; adding the same split again changes nothing; more splits accumulate
        assertNotEquals(s, split);
        assertEquals(split, s.withSplits(new int[] {2}));
        assertEquals(split, split.withSplits(new int[] {2}));
        assertArrayEquals(new int[] {1, 2}, split.withSplits(new int[] {1}).splitIndices());
        // one motion estimate per segment, split ones included; the verdict and the estimates are kept
        MotionEstimate a = new MotionEstimate(0.1, 0.01, 1.0, 0.1, 4, FitStatus.OK);
        Segmentation m = split.withMotion(List.of(a, MotionEstimate.NONE, a)).withReliability(Reliability.passed());
        assertArrayEquals(new int[] {2}, m.splitIndices());
        assertEquals(a, m.motionAt(4));
        assertEquals(MotionEstimate.NONE, m.motionAt(3));
        // a new split drops the estimates (they belong to the old segments); merging drops the splits
        assertFalse(m.withSplits(new int[] {1}).hasMotion());
        assertTrue(m.withSplits(new int[] {1}).reliability().isPresent());
        assertArrayEquals(new int[0], split.mergeShortSegments(2).splitIndices());
        // out of range or out of order: named errors
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                () -> s.withSplits(new int[] {0}));
        assertTrue(e.getMessage().contains("'t'") || e.getMessage().contains("t"), e.getMessage());
        assertThrows(InvalidTrajectoryException.class, () -> s.withSplits(new int[] {6}));
        assertThrows(InvalidTrajectoryException.class, () -> s.withSplits(new int[] {3, 2}));
        assertThrows(InvalidTrajectoryException.class, () -> s.withSplits(new int[] {2, 2}));
    }

    @Test
    void fitStatusLabelsRoundTrip() {
        for (FitStatus f : FitStatus.values()) {
            assertEquals(f, FitStatus.ofLabel(f.label()));
        }
        assertEquals(List.of("ok", "at_bound", "not_converged", "no_motion", "too_few_lags", "two_lags",
                "not_estimated", "undetermined", "alpha_from_state", "cage_saturated"),
                java.util.Arrays.stream(FitStatus.values()).map(FitStatus::label).toList());
        assertTrue(FitStatus.OK.isEstimate());
        assertFalse(FitStatus.AT_BOUND.isEstimate());
        assertFalse(FitStatus.UNDETERMINED.isEstimate());
        assertFalse(FitStatus.UNDETERMINED.isAlphaEstimate());
        // D measured, α set by the segment's state
        assertTrue(FitStatus.ALPHA_FROM_STATE.isEstimate());
        assertFalse(FitStatus.ALPHA_FROM_STATE.isAlphaEstimate());
        assertTrue(FitStatus.TWO_LAGS.isAlphaEstimate());
        // a filled cage: the values describe the walls, neither is an estimate
        assertFalse(FitStatus.CAGE_SATURATED.isEstimate());
        assertFalse(FitStatus.CAGE_SATURATED.isAlphaEstimate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitStatus.ofLabel("fine"));
        assertTrue(e.getMessage().contains("'fine'"), e.getMessage());
        for (FitStatus f : FitStatus.values()) {
            assertTrue(e.getMessage().contains(f.label()), e.getMessage());
        }
    }
}
