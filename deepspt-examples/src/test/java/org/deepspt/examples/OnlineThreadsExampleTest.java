package org.deepspt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.online.FrameState;
import org.deepspt.online.OnlineListener;
import org.deepspt.online.OnlineOptions;
import org.deepspt.online.OnlineSegmenter;
import org.deepspt.online.StateChange;
import org.deepspt.online.StreamingModel;
import org.deepspt.online.StreamingModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's acquisition example: an acquisition thread produces frames of localisations, a tracker thread
 * takes them from a bounded queue and pushes each frame to the streaming model; particles that disappear end
 * by themselves after {@code idleFrames}. One frame has a bad localisation (NaN): the tracker reports its refusal
 * and goes on, so the example finishes (it used to hang: the tracker died, the acquisition blocked on the full queue
 * and close() never ran) and every other frame's states are there.
 */
class OnlineThreadsExampleTest {
    /** The frame whose localisation of particle p7 has x = NaN. */
    private static final int BAD_FRAME = 50;

    /** One camera frame as the localiser hands it over: particle ids (from the tracker) and µm coordinates. */
    private record Frame(int index, String[] ids, double[][] xy) {
    }

    private static final Frame END = new Frame(-1, new String[0], new double[0][]);

    /** Every localisation produced, "id@frame". */
    private final List<String> produced = new ArrayList<>();

    /**
     * 400 frames of 50 particles; each particle lives 60..200 frames; ids are reused after a pause; the localiser
     * gives particle p7 x = NaN in frame {@link #BAD_FRAME}.
     */
    private void acquire(BlockingQueue<Frame> out) throws InterruptedException {
        SplittableRandom r = new SplittableRandom(7);
        int n = 50;
        double[][] pos = new double[n][2];
        int[] born = new int[n];
        int[] life = new int[n];
        int[] generation = new int[n];
        for (int p = 0; p < n; p++) {
            life[p] = r.nextInt(60, 200);
        }
        for (int f = 0; f < 400; f++) {
            List<String> ids = new ArrayList<>();
            List<double[]> xy = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                int age = f - born[p];
                if (age >= life[p] + 30) { // gone for 30 frames: a new particle under a new id
                    born[p] = f;
                    life[p] = r.nextInt(60, 200);
                    generation[p]++;
                    age = 0;
                }
                if (age < life[p]) {
                    pos[p][0] += 0.05 * r.nextGaussian() + (p % 3 == 0 ? 0.03 : 0);
                    pos[p][1] += 0.05 * r.nextGaussian();
                    ids.add("p" + p + "." + generation[p]);
                    xy.add(f == BAD_FRAME && p == 7 ? new double[] {Double.NaN, pos[p][1]} : pos[p].clone());
                    produced.add("p" + p + "." + generation[p] + "@" + f);
                }
            }
            out.put(new Frame(f, ids.toArray(String[]::new), xy.toArray(double[][]::new)));
        }
    }

    @Test
    @Timeout(60) // it used to hang on the bad frame; it takes about a second
    void acquisitionAndTrackerThreads() throws Exception {
        Queue<FrameState> finals = new ConcurrentLinkedQueue<>();
        Queue<StateChange> changes = new ConcurrentLinkedQueue<>();
        Queue<String> refused = new ConcurrentLinkedQueue<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long[] pushed = new long[1];
        // --- README ---
        BlockingQueue<Frame> frames = new ArrayBlockingQueue<>(64); // the acquisition never waits on us for long
        Thread acquisition = new Thread(() -> {
            try {
                try {
                    acquire(frames); // the camera + localiser + tracker: one Frame per camera frame
                } finally {
                    frames.put(END); // always, also when the acquisition fails: the tracker stops at it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "acquisition");
        try (StreamingModel model = StreamingModels.bundled(2, "auto"); // one step per particle per frame
                OnlineSegmenter online = OnlineSegmenter.of(model,
                        OnlineOptions.defaults().withLag(20).withIdleFrames(10).withFrameInterval(0.01))) {
            online.addListener(new OnlineListener() {
                @Override
                public void onFinal(FrameState s) {
                    finals.add(s);
                }

                @Override
                public void onStateChange(StateChange c) {
                    changes.add(c); // e.g. trigger a higher frame rate when c.to() is CONFINED
                }
            });
            Thread tracker = new Thread(() -> {
                try {
                    for (Frame f = frames.take(); f != END; f = frames.take()) {
                        try {
                            online.pushFrame(f.index(), f.ids(), f.xy()); // one engine call for the whole frame
                            pushed[0] += f.ids().length;
                        } catch (InvalidTrajectoryException e) {
                            // A bad localisation (NaN, …) refuses its frame whole and nothing of it is kept: report
                            // it and go on (its particles blink), or push the frame again without the row it names.
                            refused.add(e.getMessage());
                        } catch (RuntimeException e) {
                            // The segmenter failed (an engine error): every later push throws. Keep taking frames
                            // until END so that the acquisition never blocks on a full queue.
                            failure.compareAndSet(null, e);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tracker");
            acquisition.start();
            tracker.start();
            acquisition.join();
            tracker.join();
        } // close(), whatever happened: pending frames become final, listeners drained
        // --- end README ---
        assertEquals(null, failure.get());
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.peek().contains("non-finite x = NaN at frame " + BAD_FRAME), refused.peek());
        // every localisation of the other frames is final once; none of the refused frame is
        List<String> expected = produced.stream().filter(k -> !k.endsWith("@" + BAD_FRAME)).sorted().toList();
        assertEquals(expected, finals.stream().map(s -> s.particleId() + "@" + s.frame()).sorted().toList());
        assertTrue(pushed[0] > 10_000, "points pushed " + pushed[0]);
        assertEquals(pushed[0], finals.size(), "every point final once");
        assertEquals(finals.size(), finals.stream().map(s -> s.particleId() + "#" + s.track() + "@" + s.frame())
                .distinct().count());
        assertTrue(finals.stream().allMatch(s -> Math.abs(s.pNormal() + s.pDirected() + s.pConfined()
                + s.pSubdiffusive() - 1) < 1e-3));
        assertTrue(frames.isEmpty());
        // every change starts at a final frame in the new state
        Map<String, FrameState> byKey = new ConcurrentHashMap<>();
        finals.forEach(s -> byKey.put(s.particleId() + "#" + s.track() + "@" + s.frame(), s));
        for (StateChange c : changes) {
            FrameState s = byKey.get(c.particleId() + "#" + c.track() + "@" + c.frame());
            assertEquals(c.to(), s.state(), c.toString());
        }
    }
}
