package org.deepspt.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * OnlineSegmenter on a streaming model over blinks: a particle back after a blink of at most
 * {@link OnlineSegmenter#MAX_FILLED_BLINK} frames is stepped through the made-up frames first, so its final states
 * equal those of the track filled beforehand ({@link Trajectory#withGapsInterpolated(int)}); a longer blink cuts the
 * track.
 */
class StreamingBlinkTest {
    private static final double DT = 0.03;

    /**
     * A fake recurrent engine whose heads depend on every feature seen so far: state s ← 0.8 s + Σ<sub>i</sub> (i + 1)
     * f<sub>i</sub> / 10, head a's probabilities a softmax of cos((c + 1) s + a c / 2) over classes c. Deterministic,
     * so two runs that feed the same features give the same floats.
     */
    static final class RecurrentStepEngine extends FakeStepEngine {
        RecurrentStepEngine(int dim, int maxLag) {
            super(dim, maxLag, 1);
        }





        @Override
        public void step(float[] features, float[] state, int batch, float[] probabilities, float[] nextState) {
            int f = featureCount();
            int k = maxLag + 1;
            for (int b = 0; b < batch; b++) {
                double s = 0.8 * state[b];
                for (int i = 0; i < f; i++) {
                    s += (i + 1) * features[b * f + i] / 10.0;
                }
                nextState[b] = (float) s;
                for (int a = 0; a < k; a++) {
                    double[] e = new double[4];
                    double sum = 0;
                    for (int c = 0; c < 4; c++) {
                        e[c] = Math.exp(2 * Math.cos((c + 1) * s + a * c / 2.0));
                        sum += e[c];
                    }
                    for (int c = 0; c < 4; c++) {
                        probabilities[(b * k + a) * 4 + c] = (float) (e[c] / sum);
                    }
                }
            }
        }

        @Override
        public void close() {
        }
    }

    /** A random walk of {@code n} frames from frame 0, without the frames in {@code missing}. */
    private static Trajectory walk(String id, int n, long seed, int... missing) {
        Random r = new Random(seed);
        int[] f = new int[n - missing.length];
        double[] x = new double[f.length];
        double[] y = new double[f.length];
        double px = 0;
        double py = 0;
        int j = 0;
        for (int t = 0; t < n; t++) {
            px += 0.1 * r.nextGaussian() + (t > n / 2 ? 0.05 : 0);
            py += 0.1 * r.nextGaussian();
            if (java.util.Arrays.binarySearch(missing, t) < 0) {
                f[j] = t;
                x[j] = px;
                y[j] = py;
                j++;
            }
        }
        return Trajectory.of(id, DT, f, x, y);
    }

    /** Pushes the tracks frame by frame (pushFrame; a frame without any point is not pushed) and closes. */
    private static RecordingListener run(List<Trajectory> tracks, OnlineOptions options) {
        RecordingListener rec = new RecordingListener();
        try (StreamingModel model = StreamingModel.of(new RecurrentStepEngine(2, 8), "recurrent-fake", 2);
                OnlineSegmenter online = OnlineSegmenter.of(model, options)) {
            online.addListener(rec);
            int last = 0;
            for (Trajectory t : tracks) {
                last = Math.max(last, t.frame(t.size() - 1));
            }
            for (int f = 0; f <= last; f++) {
                List<String> ids = new ArrayList<>();
                List<double[]> xy = new ArrayList<>();
                for (Trajectory t : tracks) {
                    int i = java.util.Arrays.binarySearch(t.frames(), f);
                    if (i >= 0) {
                        ids.add(t.id());
                        xy.add(new double[] {t.x(i), t.y(i)});
                    }
                }
                if (!ids.isEmpty()) {
                    online.pushFrame(f, ids.toArray(String[]::new), xy.toArray(double[][]::new));
                }
            }
        }
        return rec;
    }

    @Test
    void aParticleBackFromABlinkIsSteppedThroughTheFilledFramesAsTheFilledTrack() {
        // a and b blink in the same frames (no frame is completed while they are away), for 1, 3 and 10 frames
        int[] missing = {5, 12, 13, 14, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39};
        Trajectory a = walk("a", 60, 1, missing);
        Trajectory b = walk("b", 60, 2, missing);
        List<Trajectory> filled = List.of(a.withGapsInterpolated(OnlineSegmenter.MAX_FILLED_BLINK),
                b.withGapsInterpolated(OnlineSegmenter.MAX_FILLED_BLINK));
        for (int lag : new int[] {0, 3, 8}) {
            for (double penalty : new double[] {0, OnlineOptions.defaults().switchPenalty()}) {
                OnlineOptions options = OnlineOptions.defaults().withLag(lag).withSwitchPenalty(penalty)
                        .withMinDwell(1);
                String where = "lag " + lag + ", penalty " + penalty;
                RecordingListener blinked = run(List.of(a, b), options);
                RecordingListener reference = run(filled, options);
                assertEquals(List.of(), blinked.rejected, where);
                Map<String, List<FrameState>> on = blinked.byParticle();
                Map<String, List<FrameState>> ref = reference.byParticle();
                for (Trajectory t : List.of(a, b)) {
                    List<FrameState> got = on.get(t.id());
                    assertEquals(t.size(), got.size(), where + ": one final state per measured frame, none made up");
                    List<FrameState> want = new ArrayList<>();
                    for (FrameState s : ref.get(t.id())) {
                        if (java.util.Arrays.binarySearch(missing, s.frame()) < 0) {
                            want.add(s);
                        }
                    }
                    for (int i = 0; i < got.size(); i++) {
                        FrameState g = got.get(i);
                        FrameState w = want.get(i);
                        assertEquals(t.frame(i), g.frame(), where);
                        assertEquals(got.get(0).track(), g.track(), where + ": blinks of up to 10 frames keep the track");
                        assertEquals(w.state(), g.state(), where + ", " + t.id() + " frame " + g.frame());
                        for (int c = 0; c < 4; c++) {
                            assertEquals(w.probabilities()[c], g.probabilities()[c], 0.0,
                                    where + ", " + t.id() + " frame " + g.frame());
                        }
                    }
                }
                for (StateChange c : blinked.changes) {
                    assertTrue(java.util.Arrays.binarySearch(missing, c.frame()) < 0, where + ": " + c);
                }
            }
        }
    }

    @Test
    void aBlinkLongerThanTheFilledOnesEndsTheTrack() {
        int gap = OnlineSegmenter.MAX_FILLED_BLINK + 1;
        int[] missing = new int[gap];
        for (int i = 0; i < gap; i++) {
            missing[i] = 20 + i;
        }
        Trajectory t = walk("p", 50, 3, missing);
        OnlineOptions options = OnlineOptions.defaults().withLag(4);
        assertTrue(options.idleFrames() > gap, "not idle: cut by the blink");
        RecordingListener rec = run(List.of(t), options);
        List<FrameState> on = rec.byParticle().get("p");
        assertEquals(t.size(), on.size());
        int cut = 20;
        // each part as a track of its own
        Trajectory first = t.slice(0, cut, "p");
        Trajectory second = t.slice(cut, t.size(), "p");
        List<FrameState> one = run(List.of(first), options).byParticle().get("p");
        RecordingListener rest = run(List.of(second), options);
        List<FrameState> two = rest.byParticle().get("p");
        for (int i = 0; i < t.size(); i++) {
            FrameState g = on.get(i);
            FrameState w = i < cut ? one.get(i) : two.get(i - cut);
            assertEquals(i < cut ? 1L : 2L, g.track(), "frame " + g.frame());
            assertEquals(w.frame(), g.frame());
            assertEquals(w.state(), g.state(), "frame " + g.frame());
            for (int c = 0; c < 4; c++) {
                assertEquals(w.probabilities()[c], g.probabilities()[c], 0.0, "frame " + g.frame());
            }
        }
        assertNotEquals(one.get(cut - 1).frame(), two.get(0).frame() - 1, "a gap between the tracks");
    }
}
