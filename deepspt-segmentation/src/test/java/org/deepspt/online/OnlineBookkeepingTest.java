package org.deepspt.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.neural.NeuralSegmenter;
import org.junit.jupiter.api.Test;

/** Issue 24 item 3: idle particles end, per-frame cost independent of history, atomic frames, reused ids. */
class OnlineBookkeepingTest {


    @Test
    void aParticleNotSeenForIdleFramesEndsItsFramesBecomeFinalAndItsMemoryIsFreed() {
        RecordingListener rec = new RecordingListener();
        try (NeuralSegmenter seg = OnlineTestModels.fake(1);
                OnlineSegmenter online = OnlineSegmenter.of(seg, 2,
                        OnlineOptions.defaults().withWindow(16).withLag(100).withIdleFrames(5))) {
            online.addListener(rec);
            for (int f = 0; f < 10; f++) {
                online.push(f, "a", f * 0.1, 0.0);
                online.push(f, "b", 0.0, f * 0.1);
                online.completeFrame();
            }
            for (int f = 10; f < 14; f++) {
                online.push(f, "b", 0.0, f * 0.1);
                online.completeFrame();
            }
            online.awaitDelivery();
            assertEquals(2, online.stats().liveParticles(), "frame 13: a was last seen at 9, 4 frames ago");
            assertEquals(0, rec.finals.size(), "lag 100: nothing due yet");
            online.push(14, "b", 0.0, 1.4);
            online.completeFrame(); // 14 − 9 = 5 idle frames: a ends
            online.awaitDelivery();
            OnlineStats s = online.stats();
            assertEquals(1, s.liveParticles());
            assertEquals(1, s.idleEnded());
            assertEquals(15, s.bufferedPoints(), "only b's 15 points are held");
            List<Integer> aFrames = rec.finals.stream().filter(x -> x.particleId().equals("a"))
                    .map(FrameState::frame).toList();
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), aFrames);
            // a comes back: a new track with a new number
            online.push(15, "a", 5.0, 5.0);
            online.flush();
        }
        Set<Long> aTracks = rec.finals.stream().filter(x -> x.particleId().equals("a")).map(FrameState::track)
                .collect(Collectors.toSet());
        assertEquals(2, aTracks.size());
    }

    @Test
    void manyOneFrameParticlesNeverAccumulate() {
        // 100,000 particles reported once each (10 per frame) and never lost: with idle frames 3, at most
        // 4 frames' worth are live at any time, and every point is final at the end.
        int perFrame = 10;
        int frames = 10_000;
        long[] count = new long[1];
        IndexingStepEngine engine = new IndexingStepEngine(2, 4);
        try (StreamingModel model = StreamingModel.of(engine, "indexing-fake", 2);
                OnlineSegmenter online = OnlineSegmenter.of(model,
                        OnlineOptions.defaults().withLag(2).withIdleFrames(3))) {
            online.addListener(OnlineListener.finals(x -> count[0]++));
            String[] ids = new String[perFrame];
            double[][] xy = new double[perFrame][2];
            int maxLive = 0;
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < perFrame; i++) {
                    ids[i] = "f" + f + "-" + i;
                }
                online.pushFrame(f, ids, xy);
                if (f % 1000 == 0) {
                    maxLive = Math.max(maxLive, online.stats().liveParticles());
                }
            }
            assertTrue(maxLive <= 4 * perFrame, "live particles " + maxLive);
            online.flush();
            assertEquals((long) perFrame * frames, online.stats().finalStates());
            assertEquals(frames, online.stats().batches(), "one engine call per frame");
        }
        assertEquals((long) perFrame * frames, count[0]);
    }

    @Test
    void aHundredThousandLiveParticlesHoldSmallGrowingBuffers() {
        // Issue 21 item 5: buffers grow with the track instead of max(W, L + 1) points reserved up front.
        int n = 100_000;
        try (NeuralSegmenter seg = OnlineTestModels.fake(5);
                OnlineSegmenter online = OnlineSegmenter.of(seg, 2, OnlineOptions.defaults())) {
            String[] ids = new String[n];
            double[][] xy = new double[n][2];
            for (int i = 0; i < n; i++) {
                ids[i] = "p" + i;
                xy[i][0] = i;
            }
            online.pushFrame(0, ids, xy);
            OnlineStats s = online.stats();
            assertEquals(n, s.liveParticles());
            // 8-point rings: 8 frames (4 B) + 16 coordinates (8 B) + 32 probabilities (8 B) + 8 scores (8 B)
            assertEquals(480L * n, s.bufferBytes());
            assertEquals(161 * 2 * 8 + 161 * 4 * 8 + 161 * 8 + 161 * 4 > 480 * 8, true);
        }
    }

    @Test
    void aBadRowRefusesTheWholeFrameAndACorrectedRetryIsAccepted() {
        RecordingListener rec = new RecordingListener();
        try (NeuralSegmenter seg = OnlineTestModels.fake(1);
                OnlineSegmenter online = OnlineSegmenter.of(seg, 2, OnlineOptions.defaults().withLag(0))) {
            online.addListener(rec);
            online.pushFrame(0, new String[] {"a", "b", "c", "d", "e"},
                    new double[][] {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}});
            OnlineStats before = online.stats();
            String[] ids = {"a", "b", "c", "d", "e"};
            double[][] bad = {{0.1, 0}, {1.1, 1}, {2.1, 2}, {Double.NaN, 3}, {4.1, 4}};
            InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                    () -> online.pushFrame(1, ids, bad));
            assertTrue(e.getMessage().contains("'d'") || e.getMessage().contains("d"), e.getMessage());
            assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("frame 1"), e.getMessage());
            assertEquals(before, online.stats(), "nothing kept");
            // duplicates and wrong dimensions are refused whole too
            assertThrows(InvalidTrajectoryException.class, () -> online.pushFrame(1, new String[] {"a", "a"},
                    new double[][] {{0, 0}, {1, 1}}));
            assertThrows(InvalidTrajectoryException.class, () -> online.pushFrame(1, new String[] {"a", "b"},
                    new double[][] {{0, 0}, {1, 1, 1}}));
            assertThrows(InvalidTrajectoryException.class, () -> online.pushFrame(1, new String[] {"a", null},
                    new double[][] {{0, 0}, {1, 1}}));
            assertEquals(before, online.stats(), "nothing kept");
            bad[3][0] = 3.1;
            online.pushFrame(1, ids, bad);
            online.flush();
        }
        Map<String, List<Integer>> frames = new java.util.HashMap<>();
        for (FrameState s : rec.finals) {
            frames.computeIfAbsent(s.particleId(), k -> new ArrayList<>()).add(s.frame());
        }
        for (String id : List.of("a", "b", "c", "d", "e")) {
            assertEquals(List.of(0, 1), frames.get(id), id);
        }
    }

    @Test
    void aRefusedPushChangesNothing() {
        try (NeuralSegmenter seg = OnlineTestModels.fake(1);
                OnlineSegmenter online = OnlineSegmenter.of(seg, 2, OnlineOptions.defaults())) {
            online.push(3, "a", 0, 0);
            OnlineStats before = online.stats();
            assertThrows(InvalidTrajectoryException.class, () -> online.push(3, "a", 1, 1));
            assertThrows(InvalidTrajectoryException.class, () -> online.push(2, "b", 1, 1));
            assertThrows(InvalidTrajectoryException.class, () -> online.push(4, "b", 1, Double.POSITIVE_INFINITY));
            assertThrows(InvalidTrajectoryException.class, () -> online.push(4, "b", 1, 1, 1));
            assertThrows(InvalidTrajectoryException.class, () -> online.pushFrame(2, new String[0], new double[0][]));
            assertEquals(before, online.stats());
        }
    }

    @Test
    void idsAndRowsOfDifferentLengthsAreRefusedWholeWithATypedErrorNamingTheFrameAndTheFields() {
        RecordingListener rec = new RecordingListener();
        try (NeuralSegmenter seg = OnlineTestModels.fake(1);
                OnlineSegmenter online = OnlineSegmenter.of(seg, 2, OnlineOptions.defaults().withLag(0))) {
            online.addListener(rec);
            online.pushFrame(0, new String[] {"a", "b"}, new double[][] {{0, 0}, {1, 1}});
            online.awaitDelivery();
            OnlineStats before = online.stats();
            int finalsBefore = rec.finals.size();
            InvalidTrajectoryException moreIds = assertThrows(InvalidTrajectoryException.class,
                    () -> online.pushFrame(1, new String[] {"a", "b", "c"}, new double[][] {{0.1, 0}, {1.1, 1}}));
            assertEquals("c", moreIds.trackId(), "the first id without coordinates");
            assertEquals("track 'c': frame 1: particleIds.length = 3 but coords.length = 2 (row 2 has no "
                    + "coordinates)", moreIds.getMessage());
            InvalidTrajectoryException moreRows = assertThrows(InvalidTrajectoryException.class,
                    () -> online.pushFrame(1, new String[] {"a"}, new double[][] {{0.1, 0}, {1.1, 1}}));
            assertEquals("(row 1)", moreRows.trackId());
            assertEquals("track '(row 1)': frame 1: particleIds.length = 1 but coords.length = 2 (row 1 has no "
                    + "particle id)", moreRows.getMessage());
            online.awaitDelivery();
            assertEquals(before, online.stats(), "nothing kept");
            assertEquals(finalsBefore, rec.finals.size(), "nothing emitted");
            online.pushFrame(1, new String[] {"a", "b"}, new double[][] {{0.1, 0}, {1.1, 1}});
            online.flush();
            assertEquals(2, online.stats().framesCompleted());
        }
        assertEquals(List.of(0, 0, 1, 1), rec.finals.stream().map(FrameState::frame).sorted().toList());
    }

    @Test
    void anEmptyFrameThatGoesBackwardsIsRefusedWithATypedErrorAndACorrectRetryIsAccepted() {
        RecordingListener rec = new RecordingListener();
        try (NeuralSegmenter seg = OnlineTestModels.fake(1);
                OnlineSegmenter online = OnlineSegmenter.of(seg, 2, OnlineOptions.defaults().withLag(0))) {
            online.addListener(rec);
            online.pushFrame(3, new String[] {"a"}, new double[][] {{0, 0}});
            online.awaitDelivery();
            OnlineStats before = online.stats();
            InvalidTrajectoryException completed = assertThrows(InvalidTrajectoryException.class,
                    () -> online.pushFrame(3, new String[0], new double[0][]));
            assertEquals(OnlineSegmenter.EMPTY_FRAME, completed.trackId());
            assertEquals("track '(empty frame)': frame 3 pushed after frame 3 was completed; frames must not go "
                    + "backwards", completed.getMessage());
            online.push(5, "a", 1, 1); // frame 5 open
            OnlineStats open = online.stats();
            InvalidTrajectoryException backwards = assertThrows(InvalidTrajectoryException.class,
                    () -> online.pushFrame(4, new String[0], new double[0][]));
            assertEquals("track '(empty frame)': frame 4 pushed after frame 5; frames must not go backwards",
                    backwards.getMessage());
            assertEquals(open, online.stats(), "nothing changed");
            assertEquals(1, before.framesCompleted());
            online.pushFrame(5, new String[0], new double[0][]); // the open frame: accepted, completes it
            assertEquals(2, online.stats().framesCompleted());
            online.flush();
        }
        assertEquals(List.of(3, 5), rec.finals.stream().map(FrameState::frame).toList());
    }

    @Test
    void anEmptyLaterFrameCompletesTheOpenFrameFirst() {
        try (NeuralSegmenter seg = OnlineTestModels.fake(1);
                OnlineSegmenter online = OnlineSegmenter.of(seg, 2, OnlineOptions.defaults().withLag(0))) {
            online.push(3, "a", 0, 0);
            online.pushFrame(5, new String[0], new double[0][]);
            assertEquals(2, online.stats().framesCompleted(), "frames 3 and 5, as a point of frame 5 would");
            online.push(6, "a", 1, 1);
            online.pushFrame(7, new String[] {"a"}, new double[][] {{2, 2}});
            assertEquals(4, online.stats().framesCompleted());
        }
    }

    @Test
    void anIdReusedAfterLossStartsANewTrackDistinguishableInEveryOutput() {
        RecordingListener rec = new RecordingListener();
        try (NeuralSegmenter seg = OnlineTestModels.fake(3);
                OnlineSegmenter online = OnlineSegmenter.of(seg, 2,
                        OnlineOptions.defaults().withLag(2).withMinDwell(1))) {
            online.addListener(rec);
            for (int f = 0; f <= 5; f++) {
                online.push(f, "a", f, 0);
            }
            online.particleLost("a");
            online.push(5, "a", 9, 9); // same id, same frame: a new track
            online.completeFrame();
            online.push(6, "a", 9.5, 9);
            online.particleLost("a");
            online.flush();
        }
        List<FrameState> a = rec.finals.stream().filter(x -> x.particleId().equals("a")).toList();
        assertEquals(6, a.size(), "the first track's 6 frames; the second (2 points) is too short");
        Set<String> keys = new HashSet<>();
        for (FrameState s : a) {
            assertTrue(keys.add(s.track() + "/" + s.frame()), "each (track, frame) once: " + s);
            assertEquals(1, s.track());
        }
        assertEquals(1, rec.rejected.size());
        RejectedTrack r = rec.rejected.get(0);
        assertEquals("a", r.particleId());
        assertEquals(2, r.track());
        assertEquals(5, r.firstFrame());
        assertEquals(2, r.points());
        assertNotEquals(a.get(0).track(), r.track());
    }

    /**
     * Found by review: a tracker whose gap tolerance is longer than {@code idleFrames} reports a particle lost after
     * the idle timeout ended its track; that used to throw "not a live particle". Now {@code isLive} says whether a
     * track is live, {@code particleLost} of a particle without one returns false and changes nothing, and nothing is
     * reported twice.
     */
    @Test
    void particleLostAfterTheIdleTimeoutIsANoOpAndIsLiveSaysSo() {
        RecordingListener rec = new RecordingListener();
        try (NeuralSegmenter seg = OnlineTestModels.fake(1);
                OnlineSegmenter online = OnlineSegmenter.of(seg, 2,
                        OnlineOptions.defaults().withWindow(8).withLag(2).withIdleFrames(3))) {
            online.addListener(rec);
            assertFalse(online.isLive("a"));
            for (int f = 0; f < 12; f++) {
                if (f < 3) {
                    online.push(f, "a", f * 0.1, 0.0);
                }
                online.push(f, "b", 0.0, f * 0.1);
                online.completeFrame();
                assertEquals(f < 5, online.isLive("a"), "frame " + f + ": a was last seen at 2, idle from frame 5");
            }
            assertFalse(online.particleLost("a"), "ended by idleness: a no-op"); // the tracker's gap tolerance is 9
            assertFalse(online.particleLost("a"));
            assertFalse(online.particleLost("nobody"), "never pushed: a no-op too");
            assertTrue(online.isLive("b"));
            assertTrue(online.particleLost("b"));
            assertFalse(online.isLive("b"));
            assertFalse(online.particleLost("b"), "already lost");
            online.push(12, "a", 5, 5); // a new track
            assertTrue(online.isLive("a"));
            assertTrue(online.particleLost("a"));
            online.flush();
            assertFalse(online.isLive("a"));
        }
        assertEquals(List.of(), rec.rejected);
        Map<String, List<Integer>> frames = new java.util.TreeMap<>();
        for (FrameState s : rec.finals) {
            frames.computeIfAbsent(s.particleId() + "#" + s.track(), k -> new ArrayList<>()).add(s.frame());
        }
        assertEquals(Map.of("a#1", List.of(0, 1, 2), "b#2", java.util.stream.IntStream.range(0, 12).boxed().toList(),
                "a#3", List.of(12)), frames, "each frame once");
    }

    /**
     * liveTrack gives the number of the particle's live track, the FrameState.track of its states: a step with
     * non-finite probabilities rejects the track (review: front ends re-derived where tracks end and missed this), and
     * the particle's next point starts the next track without any blink.
     */
    @Test
    void liveTrackFollowsTheTracksOfTheOutputAcrossARejectedStep() {
        IndexingStepEngine engine = new IndexingStepEngine(2, 10);
        engine.nanAt = 3;
        RecordingListener rec = new RecordingListener();
        try (OnlineSegmenter online = OnlineSegmenter.of(StreamingModel.of(engine, "indexing-fake", 2),
                OnlineOptions.defaults().withLag(0))) {
            online.addListener(rec);
            assertEquals(-1, online.liveTrack("a"));
            online.push(0, "a", 0, 0);
            long first = online.liveTrack("a");
            for (int f = 1; f <= 3; f++) {
                online.push(f, "a", f * 0.1, 0);
                assertEquals(first, online.liveTrack("a"), "frame " + f);
            }
            online.completeFrame();   // the step of point 3 gives NaN: the first track is rejected
            assertEquals(-1, online.liveTrack("a"));
            online.push(4, "a", 0.4, 0);
            assertEquals(first + 1, online.liveTrack("a"), "the point after the rejection starts the next track");
            online.flush();
            assertEquals(-1, online.liveTrack("a"));
            online.awaitDelivery();
            assertEquals(1, rec.rejected.size(), rec.rejected.toString());
            assertEquals(first, rec.rejected.get(0).track());
            assertTrue(rec.finals.stream().anyMatch(s -> s.track() == first + 1 && s.frame() == 4),
                    rec.finals.toString());
        }
        engine.nanAt = -1;
    }
}
