package org.deepspt.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
