package org.deepspt.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.inference.InferenceException;
import org.junit.jupiter.api.Test;

/** OnlineSegmenter on a streaming model: head indexing, lags, blinks, ends, one call per frame, features. */
class StreamingOnlineTest {

    @Test
    void featuresMatchThePythonTwin() {
        // models/training/stream_model.py features() of these tracks (float32 positions), by numpy; 3D point 5
        // uses the 4-step window back to point 1.
        double[][] p2 = {{0, 0}, {0.3, 0.4}, {0.3, 0.4}, {1.3, 0.4}, {1.0, -0.2}, {2, 2}, {2.5, 2}, {3, 1}};
        double[][] f2 = {{0.0, 0.0, 0.0, 1.0, 0.0, 0.0},
            {0.6000000238418579, 0.800000011920929, 0.0, 1.0, 0.00995033048093319, 0.00995033048093319},
            {0.0, 0.0, -6.907755374908447, 0.7071067690849304, 0.69813472032547, 0.69813472032547},
            {2.0, 0.0, 0.6931471824645996, 0.5773502588272095, 0.9069135785102844, 0.9069135785102844},
            {-0.5527863502502441, -1.1055728197097778, 0.2119353711605072, 0.5, -0.11343083530664444,
                -0.11343083530664444},
            {1.0899349451065063, 2.3978569507598877, 0.9684834480285645, 0.4472135901451111, 0.48771655559539795,
                0.6474871039390564},
            {0.589688777923584, 0.0, -0.5281603932380676, 0.40824830532073975, 0.9490377902984619,
                0.8696913719177246},
            {0.5640190839767456, -1.1280381679534912, 0.2320518046617508, 0.37796446681022644, 0.042946554720401764,
                0.6031210422515869}};
        double[][] p3 = {{1, 2, 3}, {1, 2, 5}, {2, 2, 5}, {2, 4, 3}, {2, 4, 4}, {0, 0, 0}};
        double[][] f3 = {{0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0},
            {0.0, 0.0, 1.0, 0.0, 1.0, 0.00995033048093319, 0.00995033048093319},
            {0.6666666865348816, 0.0, 0.0, -0.40546509623527527, 0.7071067690849304, 0.11432025581598282,
                0.11432025581598282},
            {0.0, 1.0294373035430908, -1.0294373035430908, 0.3755858838558197, 0.5773502588272095,
                -0.7950497269630432, -0.7950497269630432},
            {0.0, 0.0, 0.5857864618301392, -0.5347999930381775, 0.5, -0.6448931097984314, -0.6448931097984314},
            {-0.7795187830924988, -1.5590375661849976, -1.5590375661849976, 0.8495337963104248, 0.4472135901451111,
                0.13919039070606232, -0.8315942287445068}};
        check(p2, f2, 2);
        check(p3, f3, 3);
    }

    private static void check(double[][] pos, double[][] expected, int dim) {
        StreamState s = new StreamState(null, 0, StreamFeatures.count(dim), dim);
        for (int i = 0; i < pos.length; i++) {
            StreamFeatures.next(s, i, pos[i][0], pos[i][1], dim == 3 ? pos[i][2] : 0.0);
            float[] f = s.features;
            for (int k = 0; k < f.length; k++) {
                assertEquals(expected[i][k], f[k], 2e-6, dim + "D point " + i + " feature " + k);
            }
        }
    }

    @Test
    void everyPointIsFinalOnceFromTheRightHeadAtEveryLagWithBlinksAndEnds() {
        for (int lag : new int[] {0, 3, 7}) {
            IndexingStepEngine engine = new IndexingStepEngine(2, 7);
            RecordingListener rec = new RecordingListener();
            int[] framesA = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
            int[] framesB = {2, 3, 5, 6, 9, 10, 11, 12, 13, 20}; // blinks, and an idle gap before 20
            try (StreamingModel model = StreamingModel.of(engine, "indexing-fake", 2);
                    OnlineSegmenter online = OnlineSegmenter.of(model,
                            OnlineOptions.defaults().withLag(lag).withIdleFrames(5).withSwitchPenalty(0))) {
                online.addListener(rec);
                for (int f = 0; f <= 20; f++) {
                    boolean any = false;
                    if (java.util.Arrays.binarySearch(framesA, f) >= 0) {
                        online.push(f, "a", f * 0.1, 0);
                        any = true;
                    }
                    if (java.util.Arrays.binarySearch(framesB, f) >= 0) {
                        online.push(f, "b", 0, f * 0.2 + (f % 3) * 0.05);
                        any = true;
                    }
                    if (f == 11) {
                        online.particleLost("a");
                    }
                    if (any) {
                        online.completeFrame();
                        online.awaitDelivery();
                        for (FrameState s : rec.finals) {
                            assertTrue(s.frame() <= f - lag || !s.particleId().equals("b") || s.track() != 2
                                    || f >= 13, "lag " + lag + " frame " + f + ": " + s);
                        }
                    }
                }
            }
            Map<String, List<FrameState>> by = new java.util.HashMap<>();
            for (FrameState s : rec.finals) {
                by.computeIfAbsent(s.particleId() + "#" + s.track(), k -> new ArrayList<>()).add(s);
            }
            assertEquals(3, by.size(), "a, b, and b again after its idle gap: " + by.keySet());
            assertFrames(by.get("a#1"), framesA);
            assertFrames(by.get("b#2"), java.util.Arrays.copyOf(framesB, 9));
            assertFrames(by.get("b#3"), new int[] {20});
            assertEquals(framesA.length + (13 - 2 + 1) + 1, engine.steps.get(),
                    "one step per frame: b's blinks of 1 and 2 frames are stepped through");
        }
    }

    private static void assertFrames(List<FrameState> states, int[] frames) {
        assertEquals(frames.length, states.size());
        for (int g = 0; g < frames.length; g++) {
            FrameState s = states.get(g);
            assertEquals(frames[g], s.frame());
            // the engine numbers steps, one per frame of the track (its blinks' made-up frames included)
            assertEquals(DiffusionState.ofIndex(IndexingStepEngine.stateOf(frames[g] - frames[0])), s.state(),
                    "point " + g);
            assertEquals(0.7, s.probability(s.state()), 1e-6);
        }
    }

    /**
     * 100,000 one-frame particles (1,000 new ids per frame) next to 50 particles seen in every frame: the ended ones
     * give their slab slots back, so the slabs stay at the live high-water mark ((idleFrames + 1) × 1,000 + 50
     * slots, rounded up to a doubling) and every point of the long tracks is still final once with the right
     * estimate (the fake engine fails on a feature or state mix-up between slots).
     */
    @Test
    void oneFrameParticlesEndWhenIdleAndTheirSlotsAreReused() {
        IndexingStepEngine engine = new IndexingStepEngine(2, 4);
        RecordingListener rec = new RecordingListener();
        int idle = 5;
        try (StreamingModel model = StreamingModel.of(engine, "indexing-fake", 2);
                OnlineSegmenter online = OnlineSegmenter.of(model,
                        OnlineOptions.defaults().withLag(4).withIdleFrames(idle).withSwitchPenalty(0))) {
            online.addListener(rec);
            for (int f = 0; f < 100; f++) {
                String[] ids = new String[1050];
                double[][] xy = new double[1050][];
                for (int i = 0; i < 1000; i++) {
                    ids[i] = "once" + (f * 1000 + i);
                    xy[i] = new double[] {i, f};
                }
                for (int i = 0; i < 50; i++) {
                    ids[1000 + i] = "long" + i;
                    xy[1000 + i] = new double[] {i, 0.1 * f * f};
                }
                online.pushFrame(f, ids, xy);
            }
            OnlineStats s = online.stats();
            assertEquals(100_000 - idle * 1000, s.idleEnded(), "ended by idleness after " + idle + " frames");
            assertEquals(idle * 1000 + 50, s.liveParticles());
            assertTrue(online.stateSlots() <= 8192, "slots " + online.stateSlots());
            assertTrue(online.stateSlots() >= (idle + 1) * 1000 + 50, "slots " + online.stateSlots());
        }
        assertEquals(100_000 + 50 * 100, rec.finals.size());
        for (FrameState f : rec.finals) {
            if (f.particleId().startsWith("long")) {
                assertEquals(DiffusionState.ofIndex(IndexingStepEngine.stateOf(f.frame())), f.state(), f.toString());
            }
        }
    }

    @Test
    void oneEngineCallPerFrameBatchingEveryParticleWithAPoint() {
        IndexingStepEngine engine = new IndexingStepEngine(3, 20);
        try (StreamingModel model = StreamingModel.of(engine, "indexing-fake", 3);
                OnlineSegmenter online = OnlineSegmenter.of(model, OnlineOptions.defaults())) {
            java.util.Random r = new java.util.Random(3);
            int[] last = new int[30];
            java.util.Arrays.fill(last, -1);
            int calls = 0;
            for (int f = 0; f < 50; f++) {
                List<String> ids = new ArrayList<>();
                List<double[]> xyz = new ArrayList<>();
                int longestBlink = 0;
                for (int p = 0; p < 30; p++) {
                    if (r.nextInt(4) > 0) {
                        ids.add("p" + p);
                        xyz.add(new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()});
                        if (last[p] >= 0 && f - last[p] - 1 <= OnlineSegmenter.MAX_FILLED_BLINK) {
                            longestBlink = Math.max(longestBlink, f - last[p] - 1);
                        }
                        last[p] = f;
                    }
                }
                online.pushFrame(f, ids.toArray(String[]::new), xyz.toArray(double[][]::new));
                // one call for the frame, plus one per made-up frame of the longest blink that ended in it
                calls += 1 + longestBlink;
                assertEquals(calls, engine.calls.get(), "frame " + f);
            }
            assertTrue(calls > 50, "some blinks");
            assertTrue(engine.largestBatch <= 30);
            assertEquals(engine.steps.get(), online.stats().windowsSegmented());
            assertEquals(20 + 1 + OnlineSegmenter.MAX_FILLED_BLINK, online.bufferCapacity());
        }
    }

    @Test
    void aLagBeyondTheModelIsRefusedAndAnEngineFailureStopsTheStream() {
        IndexingStepEngine engine = new IndexingStepEngine(2, 10);
        StreamingModel model = StreamingModel.of(engine, "indexing-fake", 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnlineSegmenter.of(model, OnlineOptions.defaults().withLag(11)));
        assertTrue(e.getMessage().contains("0..10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StreamingModel.of(engine, "x", 3));
        OnlineSegmenter online = OnlineSegmenter.of(model, OnlineOptions.defaults().withLag(10));
        online.push(0, "a", 0, 0);
        engine.failNext = true;
        InferenceException failure = assertThrows(InferenceException.class, online::completeFrame);
        OnlineSegmenterFailedException later = assertThrows(OnlineSegmenterFailedException.class,
                () -> online.push(1, "a", 0, 0));
        assertSame(failure, later.getCause());
        online.close();
    }

    @Test
    void theDefaultFixedLagDecodingRemovesOneFrameFlickerAndKeepsTheHeadsProbabilities() {
        // The indexing fake's heads put 0.7 on state g mod 4 at point g: a one-frame flicker gains ln 7 = 1.95 nats
        // per point, less than the default switch penalty (6 nats), so the decoded final states never change.
        IndexingStepEngine engine = new IndexingStepEngine(2, 5);
        RecordingListener rec = new RecordingListener();
        try (StreamingModel model = StreamingModel.of(engine, "indexing-fake", 2);
                OnlineSegmenter online = OnlineSegmenter.of(model, OnlineOptions.defaults().withLag(5)
                        .withMinDwell(1))) {
            online.addListener(rec);
            for (int f = 0; f < 12; f++) {
                online.push(f, "a", f, f % 2);
                online.completeFrame();
            }
        }
        assertEquals(12, rec.finals.size());
        assertEquals(0, rec.changes.size());
        DiffusionState first = rec.finals.get(0).state();
        for (FrameState s : rec.finals) {
            assertEquals(first, s.state());
            double[] p = s.probabilities().clone();
            java.util.Arrays.sort(p);
            assertEquals(0.7, p[3], 1e-6, "the head's probabilities, permuted");
        }
    }

    @Test
    void provisionalStatesComeFromHeadZeroAndHysteresisFiltersShortRuns() {
        IndexingStepEngine engine = new IndexingStepEngine(2, 5);
        RecordingListener dwell1 = new RecordingListener();
        RecordingListener dwell2 = new RecordingListener();
        for (RecordingListener rec : List.of(dwell1, dwell2)) {
            try (StreamingModel model = StreamingModel.of(engine, "indexing-fake", 2);
                    OnlineSegmenter online = OnlineSegmenter.of(model, OnlineOptions.defaults().withLag(5)
                            .withProvisional(true).withMinDwell(rec == dwell1 ? 1 : 2).withSwitchPenalty(0))) {
                online.addListener(rec);
                for (int f = 0; f < 12; f++) {
                    online.push(f, "a", f, f % 2);
                    online.completeFrame();
                }
            }
        }
        // states 0,1,2,3,0,... change at every frame: 11 changes with dwell 1, none with dwell 2
        assertEquals(11, dwell1.changes.size());
        assertEquals(0, dwell2.changes.size());
        assertEquals(12, dwell1.provisional.size());
        for (int g = 0; g < 12; g++) {
            FrameState p = dwell1.provisional.get(g);
            assertEquals(g, p.frame());
            assertArrayEquals(dwell1.finals.get(g).probabilities(), p.probabilities(), 0.0);
        }
    }
}
