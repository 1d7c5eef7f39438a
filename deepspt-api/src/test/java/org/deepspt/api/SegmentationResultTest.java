package org.deepspt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.inference.InferenceException;
import org.junit.jupiter.api.Test;

class SegmentationResultTest {

    private static Trajectory track(String id, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 * i;
        }
        return Trajectory.ofAxes(id, 1.0, x, new double[n]);
    }

    /** Segments tracks of at least 3 points as all-normal; refuses shorter ones; fails the engine on "boom". */
    private static final class ThreePoints implements Segmenter {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Segmentation segment(Trajectory t) {
            calls.incrementAndGet();
            if (t.id().equals("boom")) {
                throw new InferenceException("engine gone");
            }
            if (t.size() < 3) {
                throw new TrackTooShortException(t.id(), t.size(), 3, "three-points");
            }
            int[] frames = new int[t.size()];
            int[] states = new int[t.size()];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = i;
            }
            return Segmentation.oneHot(t.id(), frames, states);
        }

        @Override
        public String name() {
            return "three-points";
        }
    }

    @Test
    void successAndFailureCarryTheTrackAndExactlyOneOutcome() {
        Segmentation seg = new ThreePoints().segment(track("a", 4));
        SegmentationResult ok = SegmentationResult.of(seg);
        assertEquals("a", ok.trackId());
        assertTrue(ok.succeeded());
        assertSame(seg, ok.segmentation().orElseThrow());
        assertTrue(ok.failure().isEmpty());
        assertSame(seg, ok.orElseThrow());

        TrackTooShortException cause = new TrackTooShortException("b", 2, 3, "three-points");
        SegmentationResult bad = SegmentationResult.failed("b", cause);
        assertEquals("b", bad.trackId());
        assertFalse(bad.succeeded());
        assertTrue(bad.segmentation().isEmpty());
        assertEquals(new SegmentationFailure("b", cause.getMessage(), cause), bad.failure().orElseThrow());
        assertSame(cause, assertThrows(TrackTooShortException.class, bad::orElseThrow));
        assertEquals(SegmentationResult.failed("b", cause), bad);
        assertNotEquals(ok, bad);
        assertTrue(bad.toString().contains("failed"), bad.toString());
    }

    @Test
    void theReasonIsTheMessageOrTheClassName() {
        assertEquals("IllegalStateException", SegmentationFailure.of("t", new IllegalStateException()).reason());
        assertEquals("x", SegmentationFailure.of("t", new IllegalStateException("x")).reason());
        assertThrows(NullPointerException.class, () -> new SegmentationFailure(null, "r", new RuntimeException()));
    }

    @Test
    void theDefaultSegmentEachFailsBadTracksAloneAndStopsOnEngineFailures() {
        ThreePoints s = new ThreePoints();
        List<SegmentationResult> r = s.segmentEach(List.of(track("a", 5), track("short", 2), track("c", 3)));
        assertEquals(List.of("a", "short", "c"), r.stream().map(SegmentationResult::trackId).toList());
        assertEquals(List.of(true, false, true), r.stream().map(SegmentationResult::succeeded).toList());
        SegmentationFailure f = r.get(1).failure().orElseThrow();
        assertTrue(f.cause() instanceof TrackTooShortException);
        assertTrue(f.reason().contains("'short'") && f.reason().contains("2 points"), f.reason());
        assertThrows(UnsupportedOperationException.class, () -> r.add(r.get(0)));

        InferenceException e = assertThrows(InferenceException.class,
                () -> s.segmentEach(List.of(track("a", 5), track("boom", 5), track("c", 5))));
        assertEquals("engine gone", e.getMessage());
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedSegmentAllThrowsTheFirstFailure() {
        ThreePoints s = new ThreePoints();
        assertEquals(2, s.segmentAll(List.of(track("a", 5), track("c", 3))).size());
        TrackTooShortException e = assertThrows(TrackTooShortException.class,
                () -> s.segmentAll(List.of(track("a", 5), track("first", 2), track("second", 1))));
        assertEquals("first", e.trackId());
    }
}
