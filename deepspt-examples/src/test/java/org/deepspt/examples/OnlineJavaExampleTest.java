package org.deepspt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.TrackReaders;
import org.deepspt.online.FrameState;
import org.deepspt.online.OnlineListener;
import org.deepspt.online.OnlineOptions;
import org.deepspt.online.OnlineSegmenter;
import org.deepspt.online.StateChange;
import org.junit.jupiter.api.Test;

/** The README's online-segmentation example in Java: an acquisition loop feeding the bundled U-Net. */
class OnlineJavaExampleTest {

    /** What a tracker hands over per frame: the localisations, and the particles it lost. */
    private record TrackerFrame(String[] ids, double[][] xy, List<String> lost) {
    }

    /** Frames 0..frames−1 of the first tracks of the example file, as a tracker would report them. */
    private static List<TrackerFrame> recording(int tracks, int frames) {
        List<Trajectory> ts = TrackReaders.read(Path.of("../examples/tracks-2d.csv"), ReadOptions.defaults())
                .trajectories().subList(0, tracks);
        List<TrackerFrame> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            List<String> ids = new ArrayList<>();
            List<double[]> xy = new ArrayList<>();
            List<String> lost = new ArrayList<>();
            for (Trajectory t : ts) {
                for (int i = 0; i < t.size(); i++) {
                    if (t.frame(i) == f) {
                        ids.add(t.id());
                        xy.add(new double[] {t.x(i), t.y(i)});
                        if (i == t.size() - 1 || f == frames - 1) {
                            lost.add(t.id());
                        }
                    }
                }
            }
            out.add(new TrackerFrame(ids.toArray(new String[0]), xy.toArray(new double[0][]), lost));
        }
        return out;
    }

    @Test
    void acquisitionLoop() {
        List<TrackerFrame> tracker = recording(5, 80);
        Queue<FrameState> finals = new ConcurrentLinkedQueue<>();
        Queue<String> triggers = new ConcurrentLinkedQueue<>();
        // --- README ---
        try (Segmenter unet = Segmenters.open("unet", 2, SegmenterOptions.defaults());
                OnlineSegmenter online = OnlineSegmenter.of(unet, 2,
                        OnlineOptions.defaults().withLag(20).withFrameInterval(0.01))) {
            online.addListener(new OnlineListener() {
                @Override
                public void onFinal(FrameState s) {
                    finals.add(s); // final: never revised
                }

                @Override
                public void onStateChange(StateChange c) {
                    if (c.to() == DiffusionState.CONFINED && c.confidence() > 0.5) {
                        triggers.add(c.particleId() + "@" + c.frame()); // e.g. switch to a higher frame rate
                    }
                }
            });
            for (int frame = 0; frame < tracker.size(); frame++) {
                TrackerFrame f = tracker.get(frame);
                online.pushFrame(frame, f.ids(), f.xy()); // one batched segmentEach for this frame
                for (String id : f.lost()) {
                    online.particleLost(id); // its pending frames become final at the next frame
                }
            }
        } // close(): every pending frame becomes final, listeners drained
        // --- end README ---
        long points = tracker.stream().mapToLong(f -> f.ids().length).sum();
        assertEquals(points, finals.size());
        assertTrue(finals.stream().noneMatch(FrameState::provisional));
        assertTrue(finals.stream().allMatch(s -> Math.abs(s.pNormal() + s.pDirected() + s.pConfined()
                + s.pSubdiffusive() - 1) < 1e-3));
        assertTrue(triggers.size() <= points);
    }
}
