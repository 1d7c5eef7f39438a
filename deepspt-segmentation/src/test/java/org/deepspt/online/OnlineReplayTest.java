package org.deepspt.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * The stop condition of {@link OnlineReplay#replay(List, double, java.util.function.BooleanSupplier,
 * OnlineReplay.Sink)}: it ends a replay before a frame (the frames before it given whole), also while a paced replay
 * waits for a frame's time.
 */
class OnlineReplayTest {
    private static final List<Trajectory> TRACKS = List.of(
            Trajectory.of("a", 0.1, new int[] {0, 1, 2, 3, 4}, new double[5], new double[5]),
            Trajectory.of("b", 0.1, new int[] {1, 2, 3, 4, 5}, new double[5], new double[5]));

    /** Records the frames of the points given and counts the frame ends. */
    private static final class Frames implements OnlineReplay.Sink {
        final List<Integer> points = new ArrayList<>();
        int ends;

        @Override
        public void point(int frame, Trajectory track, int index) {
            points.add(frame);
        }

        @Override
        public void lost(String particleId) {
        }

        @Override
        public void frameEnd() {
            ends++;
        }
    }

    @Test
    void aStopEndsTheReplayBeforeTheNextFrame() {
        Frames sink = new Frames();
        long given = OnlineReplay.replay(TRACKS, 0, () -> sink.ends == 3, sink);
        assertEquals(List.of(0, 1, 1, 2, 2), sink.points);
        assertEquals(5, given);
        assertEquals(3, sink.ends);

        Frames whole = new Frames();
        assertEquals(10, OnlineReplay.replay(TRACKS, 0, () -> false, whole));
        assertEquals(6, whole.ends);
    }

    @Test
    void aStopEndsAPacedReplayWhileItWaits() {
        Frames sink = new Frames();
        long start = System.nanoTime();
        // one frame per 100 s: without the stop the second frame would come after 100 s
        long given = OnlineReplay.replay(TRACKS, 0.01, () -> System.nanoTime() - start > 200_000_000L, sink);
        assertEquals(1, given);
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "stopped while waiting");
    }
}
