package org.deepspt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.deepspt.api.Segmentation;
import org.junit.jupiter.api.Test;

class ChangePointsTest {

    @Test
    void lastSegmentStartAndFirstChangePoint() {
        int[] frames = {5, 6, 7, 9, 10, 11, 12};
        Segmentation s = Segmentation.oneHot("t", frames, new int[] {2, 2, 0, 0, 3, 3, 3});
        assertEquals(OptionalInt.of(4), ChangePoints.lastSegmentStartIndex(s));
        assertEquals(OptionalInt.of(10), ChangePoints.lastSegmentStartFrame(s));
        assertEquals(OptionalInt.of(2), ChangePoints.firstChangePointIndex(s));
        assertEquals(OptionalInt.of(7), ChangePoints.firstChangePointFrame(s));
    }

    @Test
    void singleSegmentHasNoEvent() {
        Segmentation s = Segmentation.oneHot("t", new int[] {0, 1, 2}, new int[] {1, 1, 1});
        assertTrue(ChangePoints.lastSegmentStartFrame(s).isEmpty());
        assertTrue(ChangePoints.firstChangePointIndex(s).isEmpty());
        assertTrue(ChangePoints.lastRunStart(new int[] {1, 1}).isEmpty());
        assertTrue(ChangePoints.lastRunStart(new int[0]).isEmpty());
        assertEquals(OptionalInt.of(3), ChangePoints.lastRunStart(new int[] {0, 1, 1, 2, 2}));
    }

    @Test
    void decodingPicksTheMaximumLikelihoodSplit() {
        assertEquals(3, EventTimingModel.decode(new double[] {0.1, 0.2, 0.3, 0.9, 0.8, 0.95}));
        // An isolated "after" blip before the true switch does not win against the long after-run.
        assertEquals(4, EventTimingModel.decode(new double[] {0.1, 0.9, 0.1, 0.1, 0.7, 0.8, 0.9}));
        // All "before": the split goes to the last point; all "after": to the first allowed split, 1.
        assertEquals(3, EventTimingModel.decode(new double[] {0.01, 0.01, 0.01, 0.01}));
        assertEquals(1, EventTimingModel.decode(new double[] {0.99, 0.99, 0.99, 0.99}));
        // p = 0.5 everywhere: every split ties, the earliest wins.
        assertEquals(1, EventTimingModel.decode(new double[] {0.5, 0.5, 0.5}));
    }
}
