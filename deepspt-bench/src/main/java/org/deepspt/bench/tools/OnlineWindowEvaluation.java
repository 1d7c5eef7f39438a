package org.deepspt.bench.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.online.FrameState;
import org.deepspt.online.OnlineListener;
import org.deepspt.online.OnlineOptions;
import org.deepspt.online.OnlineReplay;
import org.deepspt.online.OnlineSegmenter;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;

/**
 * Measurements of online segmentation in window mode (a main, run by hand; numbers go into the README):
 * <pre>java -cp deepspt-bench/target/benchmarks.jar org.deepspt.bench.tools.OnlineWindowEvaluation agreement
 *     [tracks=100] [seed=1] [W,W,...]
 * java -cp deepspt-bench/target/benchmarks.jar org.deepspt.bench.tools.OnlineWindowEvaluation throughput SPEC W L S N</pre>
 * <ul>
 *   <li>{@code agreement [tracks] [seed]}: per-frame agreement with offline segmentation of the whole track
 *       and accuracy against the simulated truth, for W ∈ {20, 40, 80, 160, 320} × L ∈ {0, 5, 10, 20, 50}, bundled 2D
 *       U-Net, default backend. For one W the windows do not depend on L, so each window is segmented once
 *       (a memoising wrapper) and the five lags replay the real {@link OnlineSegmenter} on the same results;</li>
 *   <li>{@code throughput SPEC W L S N}: time per frame of N live particles (Brownian, all alive) unpaced,
 *       then a replay paced at 100 frames/s with the p50/p99 latency from the push of frame t to the
 *       delivery of the final state of frame t − L, and how far the replay fell behind its schedule.</li>
 * </ul>
 */
public final class OnlineWindowEvaluation {
    private OnlineWindowEvaluation() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        if (args[0].equals("agreement")) {
            int[] ws = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
                    : new int[] {20, 40, 80, 160, 320};
            agreement(args.length > 1 ? Integer.parseInt(args[1]) : 100, args.length > 2 ? Long.parseLong(args[2]) : 1,
                    ws);
        } else {
            throughput(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
        }
    }

    /** Segments each distinct window once. */
    private static final class Memo implements Segmenter {
        final Segmenter inner;
        final Map<String, SegmentationResult> cache = new HashMap<>();

        Memo(Segmenter inner) {
            this.inner = inner;
        }

        private static String key(Trajectory t) {
            return t.id() + ":" + t.frame(0) + ":" + t.frame(t.size() - 1) + ":" + t.size();
        }

        @Override
        public Segmentation segment(Trajectory t) {
            return segmentEach(List.of(t)).get(0).orElseThrow();
        }

        @Override
        public List<SegmentationResult> segmentEach(List<Trajectory> ts) {
            List<Trajectory> miss = new ArrayList<>();
            for (Trajectory t : ts) {
                if (!cache.containsKey(key(t))) {
                    miss.add(t);
                }
            }
            if (!miss.isEmpty()) {
                List<SegmentationResult> r = inner.segmentEach(miss);
                for (int i = 0; i < miss.size(); i++) {
                    cache.put(key(miss.get(i)), r.get(i));
                }
            }
            List<SegmentationResult> out = new ArrayList<>(ts.size());
            for (Trajectory t : ts) {
                out.add(cache.get(key(t)));
            }
            return out;
        }

        @Override
        public int minimumLength() {
            return inner.minimumLength();
        }

        @Override
        public boolean requiresConsecutiveFrames() {
            return inner.requiresConsecutiveFrames();
        }

        @Override
        public boolean supportsDimension(int dimension) {
            return inner.supportsDimension(dimension);
        }

        @Override
        public String name() {
            return inner.name();
        }
    }

    static void agreement(int count, long seed, int[] ws) {
        // The paper's protocol (the bundled models' training distribution), lengths limited to 100-300 points.
        SimulationConfig cfg = SimulationConfig.paper(2).toBuilder().lengthRange(100, 300).build();
        double dt = cfg.frameInterval();
        List<Trajectory> truth = Simulator.of(cfg).simulate(count, seed);
        List<Trajectory> tracks = new ArrayList<>();
        for (Trajectory t : truth) {
            tracks.add(t.withoutStates());
        }
        long points = tracks.stream().mapToLong(Trajectory::size).sum();
        int[] ls = {0, 5, 10, 20, 50};
        try (Segmenter unet = Segmenters.open("unet", 2, SegmenterOptions.defaults().withMaxBatchSize(256))) {
            long t0 = System.nanoTime();
            List<Segmentation> offline = unet.segmentEach(tracks).stream().map(SegmentationResult::orElseThrow).toList();
            double offSec = (System.nanoTime() - t0) / 1e9;
            Map<String, int[]> off = new HashMap<>();
            long offCorrect = 0;
            for (int k = 0; k < tracks.size(); k++) {
                off.put(tracks.get(k).id(), offline.get(k).stateIndices());
                offCorrect += AgreementCounts.matches(offline.get(k).stateIndices(), truth.get(k).stateIndices());
            }
            Map<String, int[]> tru = new HashMap<>();
            for (Trajectory t : truth) {
                tru.put(t.id(), t.stateIndices());
            }
            System.out.printf("simulated 2D set: %d tracks, %d points (lengths 100-300, paper config, seed %d); "
                    + "offline unet accuracy %.3f (%.1f s)%n", count, points, seed, offCorrect / (double) points, offSec);
            System.out.println("| W | L | agreement with offline | accuracy vs truth | windows | s |");
            System.out.println("|---|---|---|---|---|---|");
            for (int w : ws) {
                Memo memo = new Memo(unet);
                // L = 0..50 with an update at every point, then L = 20 with an update every S-th point (the
                // windows are a subset of the first ones: the memo has them); S > W is skipped
                int[][] runs = new int[ls.length + 2][];
                for (int i = 0; i < ls.length; i++) {
                    runs[i] = new int[] {ls[i], 1};
                }
                runs[ls.length] = new int[] {20, 5};
                runs[ls.length + 1] = new int[] {20, 21};
                for (int[] run : runs) {
                    int l = run[0];
                    int stride = run[1];
                    if (stride > w) {
                        continue; // an update interval longer than the window is not a valid setting
                    }
                    Map<String, int[]> on = new ConcurrentHashMap<>();
                    Map<String, Trajectory> byId = new HashMap<>();
                    for (Trajectory t : tracks) {
                        on.put(t.id(), new int[t.size()]);
                        byId.put(t.id(), t);
                    }
                    long start = System.nanoTime();
                    long windows;
                    try (OnlineSegmenter online = OnlineSegmenter.of(memo, 2,
                            OnlineOptions.defaults().withWindow(w).withLag(l).withUpdateInterval(stride)
                                    .withFrameInterval(dt))) {
                        online.addListener(OnlineListener.finals(s -> {
                            int i = Arrays.binarySearch(byId.get(s.particleId()).frames(), s.frame());
                            on.get(s.particleId())[i] = s.state().index();
                        }));
                        OnlineReplay.run(online, tracks, 0);
                        windows = online.stats().windowsSegmented();
                    }
                    double sec = (System.nanoTime() - start) / 1e9;
                    AgreementCounts counts = AgreementCounts.overall();
                    for (Trajectory t : tracks) {
                        counts.add(t.id(), on.get(t.id()), off.get(t.id()), tru.get(t.id()));
                    }
                    System.out.printf("| %d | %d%s | %.3f | %.3f | %d | %.1f |%n", w, l,
                            stride == 1 ? "" : " (S = " + stride + ")", counts.agreement(), counts.accuracy(), windows,
                            sec);
                }
            }
        }
    }

    static void throughput(String spec, int w, int l, int s, int nUnpaced) {
        int n = nUnpaced;
        OnlineOptions opt = OnlineOptions.defaults().withWindow(w).withLag(l).withUpdateInterval(s)
                .withFrameInterval(0.01);
        try (Segmenter seg = Segmenters.open(spec, 2, SegmenterOptions.defaults().withMaxBatchSize(1024))) {
            Random r = new Random(5);
            String[] ids = new String[n];
            double[][] pos = new double[n][2];
            for (int p = 0; p < n; p++) {
                ids[p] = "p" + p;
            }
            // 1. unpaced: time per frame once every window is full
            int warm = Math.max(w, l + 1) + s;
            int measured = 20;
            try (OnlineSegmenter online = OnlineSegmenter.of(seg, 2, opt)) {
                long t0 = 0;
                for (int f = 0; f < warm + measured; f++) {
                    if (f == warm) {
                        t0 = System.nanoTime();
                    }
                    online.pushFrame(f, ids, step(pos, r));
                }
                double perFrame = (System.nanoTime() - t0) / 1e6 / measured;
                System.out.printf("%s W=%d L=%d S=%d N=%d: unpaced %.2f ms/frame -> %.0f frames/s; at 100 fps: "
                        + "about %.0f particles%n", spec, w, l, s, n, perFrame, 1000 / perFrame, n * 10 / perFrame);
                // the paced run uses 80 % of the particles the unpaced run says 100 fps can carry
                n = (int) Math.max(1, Math.min(n, Math.floor(0.8 * n * 10 / perFrame)));
                ids = Arrays.copyOf(ids, n);
                pos = Arrays.copyOf(pos, n);
            }
            // 2. paced at 100 fps: latency push(t) -> final(t - L) delivered, and lateness against the schedule
            int frames = 300;
            long[] pushed = new long[frames];
            long[] lat = new long[frames * n];
            final int paced = n;
            int[] k = {0};
            final String[] pacedIds = ids;
            final double[][] pacedPos = pos;
            OnlineListener timer = OnlineListener.finals((FrameState st) -> {
                int due = st.frame() + l;
                if (due < frames && pushed[due] != 0) {
                    synchronized (lat) {
                        if (k[0] < lat.length) {
                            lat[k[0]++] = System.nanoTime() - pushed[due];
                        }
                    }
                }
            });
            long maxBehind = 0;
            try (OnlineSegmenter online = OnlineSegmenter.of(seg, 2, opt)) {
                online.addListener(timer);
                long start = System.nanoTime();
                for (int f = 0; f < frames; f++) {
                    long due = start + f * 10_000_000L;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    double[][] xy = step(pacedPos, r);
                    pushed[f] = System.nanoTime();
                    maxBehind = Math.max(maxBehind, pushed[f] - due);
                    online.pushFrame(f, pacedIds, xy);
                }
                online.awaitDelivery();
            }
            long[] v = Arrays.copyOf(lat, k[0]);
            Arrays.sort(v);
            System.out.printf("%s W=%d L=%d S=%d N=%d paced 100 fps, %d frames: latency push(t)->final(t-L) p50 "
                    + "%.1f ms, p99 %.1f ms (%d samples); fell behind schedule by up to %.0f ms%n", spec, w, l, s, paced,
                    frames, v.length == 0 ? Double.NaN : v[v.length / 2] / 1e6,
                    v.length == 0 ? Double.NaN : v[(int) (v.length * 0.99)] / 1e6, v.length, maxBehind / 1e6);
        }
    }

    private static double[][] step(double[][] pos, Random r) {
        double[][] out = new double[pos.length][];
        for (int p = 0; p < pos.length; p++) {
            pos[p][0] += 0.05 * r.nextGaussian();
            pos[p][1] += 0.05 * r.nextGaussian();
            out[p] = pos[p].clone();
        }
        return out;
    }
}
