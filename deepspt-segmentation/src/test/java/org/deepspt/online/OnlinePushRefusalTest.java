package org.deepspt.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.neural.NeuralSegmenter;
import org.junit.jupiter.api.Test;

/**
 * Points that would break a particle later are refused when they are pushed, naming the row, frame, particle and
 * field, with nothing of the call kept; and what still goes wrong with one particle ends that particle (reported),
 * never the online segmenter or another particle. Found by review: an empty id was accepted and, four frames later,
 * failed the whole segmenter in window mode; a point at 10¹⁶⁰ µm made every final state of its particle NaN in
 * streaming mode, reported as NORMAL.
 */
class OnlinePushRefusalTest {

    private static OnlineSegmenter windowMode(NeuralSegmenter seg) {
        return OnlineSegmenter.of(seg, 2, OnlineOptions.defaults().withLag(2));
    }

    private static OnlineSegmenter streaming(FakeStepEngine engine, int lag) {
        return OnlineSegmenter.of(StreamingModel.of(engine, "recurrent-fake", engine.dim),
                OnlineOptions.defaults().withLag(lag));
    }

    @Test
    void anEmptyParticleIdIsRefusedAtPushTimeInWindowMode() {
        RecordingListener rec = new RecordingListener();
        try (NeuralSegmenter seg = OnlineTestModels.fake(3); OnlineSegmenter online = windowMode(seg)) {
            online.addListener(rec);
            for (int f = 0; f < 10; f++) {
                int frame = f;
                InvalidTrajectoryException row = assertThrows(InvalidTrajectoryException.class,
                        () -> online.pushFrame(frame, new String[] {"a", ""}, new double[][] {{frame, 0}, {0, frame}}));
                assertEquals("(row 1)", row.trackId());
                assertTrue(row.getMessage().contains("empty particle id at frame " + f + " (row 1)"), row.getMessage());
                InvalidTrajectoryException one = assertThrows(InvalidTrajectoryException.class,
                        () -> online.push(frame, "", 0, frame));
                assertTrue(one.getMessage().contains("empty particle id at frame " + f), one.getMessage());
                online.pushFrame(f, new String[] {"a"}, new double[][] {{f, 0}}); // the corrected frame
            }
            online.flush();
            assertFalse(online.isLive(""));
        }
        assertEquals(List.of(), rec.rejected);
        assertEquals(IntStream.range(0, 10).boxed().toList(), rec.finals.stream().map(FrameState::frame).toList());
    }

    @Test
    void anEmptyParticleIdIsRefusedAtPushTimeInStreamingMode() {
        RecordingListener rec = new RecordingListener();
        try (OnlineSegmenter online = streaming(new StreamingBlinkTest.RecurrentStepEngine(2, 5), 3)) {
            online.addListener(rec);
            online.push(0, "a", 0, 0);
            InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                    () -> online.pushFrame(1, new String[] {"a", ""}, new double[][] {{1, 0}, {0, 1}}));
            assertTrue(e.getMessage().contains("empty particle id at frame 1 (row 1)"), e.getMessage());
            assertThrows(InvalidTrajectoryException.class, () -> online.push(1, "", 0, 1));
            online.push(1, "a", 0.1, 0);
            online.flush();
        }
        assertEquals(2, rec.finals.size());
    }

    /**
     * A failure building one particle's window (here an empty id let through, as before the push-time check) ends
     * that particle with a {@link RejectedTrack}; the frame's other particles are segmented and the online segmenter
     * stays usable.
     */
    @Test
    void aWindowThatCannotBeBuiltEndsOnlyItsParticle() {
        RecordingListener rec = new RecordingListener();
        try (NeuralSegmenter seg = OnlineTestModels.fake(3); OnlineSegmenter online = windowMode(seg)) {
            online.addListener(rec);
            for (int f = 0; f < 12; f++) {
                online.pushUnchecked(f, "", 0, f);
                online.push(f, "a", f, 0);
            }
            online.flush();
        }
        assertEquals(IntStream.range(0, 12).boxed().toList(),
                rec.finals.stream().filter(s -> s.particleId().equals("a")).map(FrameState::frame).toList());
        assertTrue(rec.finals.stream().noneMatch(s -> s.particleId().isEmpty()));
        assertFalse(rec.rejected.isEmpty());
        assertEquals(12, rec.rejected.stream().mapToInt(RejectedTrack::points).sum(), rec.rejected.toString());
        assertTrue(rec.rejected.stream().anyMatch(r -> r.reason().contains("track id must be non-empty")),
                rec.rejected.toString());
    }

    /**
     * The reviewer's case: a point 10¹⁶⁰ µm away made all 80 final states of its particle NaN (20 frames before it
     * too), reported as NORMAL. It is refused at push time with the offline models' span limit.
     */
    @Test
    void aPointBeyondTheSpanLimitIsRefusedAtPushTimeInStreamingMode() {
        RecordingListener rec = new RecordingListener();
        try (OnlineSegmenter online = streaming(new StreamingBlinkTest.RecurrentStepEngine(2, 20), 20)) {
            online.addListener(rec);
            for (int f = 0; f < 80; f++) {
                double x = 0.05 * f;
                double y = Math.sin(f);
                if (f == 40) {
                    InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                            () -> online.pushFrame(40, new String[] {"b", "a"}, new double[][] {{0, 0}, {1e160, y}}));
                    assertEquals("a", e.trackId());
                    assertTrue(e.getMessage().contains("x = 1.0E160 at frame 40 (row 1)"), e.getMessage());
                    assertTrue(e.getMessage().contains("spans up to 1.0E9 µm"), e.getMessage());
                    assertFalse(online.isLive("b"), "nothing of the refused frame is kept");
                    InvalidTrajectoryException z = assertThrows(InvalidTrajectoryException.class,
                            () -> online.push(40, "a", x, -2e9));
                    assertTrue(z.getMessage().contains("y = -2.0E9 at frame 40"), z.getMessage());
                }
                online.pushFrame(f, new String[] {"a"}, new double[][] {{x, y}});
            }
            online.flush();
        }
        assertEquals(80, rec.finals.size());
        assertTrue(rec.finals.stream().allMatch(OnlinePushRefusalTest::finite), "no NaN state");
        assertEquals(List.of(), rec.rejected);
    }

    /** A whole track far from the origin is fine: the limit is the span from the track's first point. */
    @Test
    void aTrackFarFromTheOriginIsAcceptedIn3d() {
        RecordingListener rec = new RecordingListener();
        try (OnlineSegmenter online = streaming(new StreamingBlinkTest.RecurrentStepEngine(3, 4), 4)) {
            online.addListener(rec);
            for (int f = 0; f < 30; f++) {
                online.push(f, "a", 1e12 + 0.1 * f, -1e12, 5e11 + Math.cos(f));
            }
            int f = 30;
            InvalidTrajectoryException z = assertThrows(InvalidTrajectoryException.class,
                    () -> online.push(f, "a", 1e12, -1e12, 5e11 + 1.5e9));
            assertTrue(z.getMessage().contains("z = " + (5e11 + 1.5e9) + " at frame 30"), z.getMessage());
            online.flush();
        }
        assertEquals(30, rec.finals.size());
        assertTrue(rec.finals.stream().allMatch(OnlinePushRefusalTest::finite));
    }

    /**
     * Should a step still give non-finite probabilities (here an engine poisoned for one step of one particle), the
     * particle ends with a {@link RejectedTrack} for its pending points: no NaN row is ever reported as a state, the
     * frames already final keep theirs, and the particle's next point starts a new track.
     */
    @Test
    void nonFiniteProbabilitiesEndTheParticleWithARejectionNeverANanState() {
        for (double penalty : new double[] {0, 6}) {
            PoisonedEngine engine = new PoisonedEngine();
            RecordingListener rec = new RecordingListener();
            try (OnlineSegmenter online = OnlineSegmenter.of(StreamingModel.of(engine, "poisoned-fake", 2),
                    OnlineOptions.defaults().withLag(3).withProvisional(true).withSwitchPenalty(penalty))) {
                online.addListener(rec);
                for (int f = 0; f < 20; f++) {
                    engine.poisonFirstRow = f == 10;
                    online.pushFrame(f, new String[] {"bad", "good"}, new double[][] {{0.1 * f, 0}, {0, 0.1 * f}});
                }
                online.flush();
            }
            String c = "penalty " + penalty;
            assertTrue(rec.finals.stream().allMatch(OnlinePushRefusalTest::finite), c);
            assertTrue(rec.provisional.stream().allMatch(OnlinePushRefusalTest::finite), c);
            assertEquals(IntStream.range(0, 20).boxed().toList(), frames(rec, "good", 2), c);
            assertEquals(IntStream.range(0, 7).boxed().toList(), frames(rec, "bad", 1), c);
            assertEquals(IntStream.range(11, 20).boxed().toList(), frames(rec, "bad", 3), c);
            assertEquals(1, rec.rejected.size(), c);
            RejectedTrack r = rec.rejected.get(0);
            assertEquals("bad", r.particleId());
            assertEquals(1, r.track());
            assertEquals(7, r.firstFrame());
            assertEquals(10, r.lastFrame());
            assertEquals(4, r.points());
            assertTrue(r.reason().contains("non-finite state probabilities at frame 10"), r.reason());
        }
    }

    private static List<Integer> frames(RecordingListener rec, String id, long track) {
        return rec.finals.stream().filter(s -> s.particleId().equals(id) && s.track() == track)
                .map(FrameState::frame).toList();
    }

    private static boolean finite(FrameState s) {
        for (double p : s.probabilities()) {
            if (!Double.isFinite(p)) {
                return false;
            }
        }
        return true;
    }

    /** {@link StreamingBlinkTest.RecurrentStepEngine} whose step gives row 0 a NaN feature when asked to. */
    private static final class PoisonedEngine extends FakeStepEngine {
        private final StreamingBlinkTest.RecurrentStepEngine inner = new StreamingBlinkTest.RecurrentStepEngine(2, 5);
        volatile boolean poisonFirstRow;

        PoisonedEngine() {
            super(2, 5, 1);
        }

        @Override
        public void step(float[] features, float[] state, int batch, float[] probabilities, float[] nextState) {
            if (poisonFirstRow) {
                features[0] = Float.NaN;
            }
            inner.step(features, state, batch, probabilities, nextState);
        }

        @Override
        public void close() {
        }
    }
}
