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
 * failed the whole segmenter in window mode.
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
}
