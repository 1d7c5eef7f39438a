package org.deepspt.bench.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
import org.deepspt.online.StateChange;
import org.deepspt.online.StreamingModel;
import org.deepspt.online.StreamingModels;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;

/**
 * Accuracy of the streaming models (a main, run by hand; numbers go into the README): simulated tracks of
 * the paper's protocol (lengths 100–300), the offline U-Net ensemble on whole tracks as the reference, then the
 * bundled streaming model through {@link OnlineSegmenter} at lags 0, 10 and 20: per-frame agreement with the
 * offline states, accuracy against the simulated truth, and the number of state-change events (default
 * hysteresis, 5 frames) against the offline segmentation's state changes.
 *
 * <pre>java -cp deepspt-bench/target/benchmarks.jar org.deepspt.bench.tools.StreamingEvaluation
 *     [tracks=300] [seed=24] [backend=jvm] [dims=2,3] [variants]</pre>
 * {@code variants} (for tuning the decoding, on a seed other than the one reported): a comma-separated list of
 * {@code lag:switchPenalty:minDwell} (e.g. {@code 20:6:15,20:8:15}) run instead of the defaults at lags 0, 10, 20.
 */
public final class StreamingEvaluation {
    private StreamingEvaluation() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 24;
        String backend = args.length > 2 ? args[2] : "jvm";
        int[] dims = args.length > 3 ? java.util.Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {2, 3};
        System.out.println("| dim | estimator | L | agreement with offline | accuracy vs truth | events | offline changes |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<OnlineOptions> variants = new ArrayList<>();
        if (args.length > 4) {
            for (String v : args[4].split(",")) {
                String[] f = v.split(":");
                variants.add(OnlineOptions.defaults().withLag(Integer.parseInt(f[0]))
                        .withSwitchPenalty(Double.parseDouble(f[1])).withMinDwell(Integer.parseInt(f[2])));
            }
        } else {
            for (int lag : new int[] {0, 10, 20}) {
                variants.add(OnlineOptions.defaults().withLag(lag));
            }
        }
        for (int dim : dims) {
            run(dim, count, seed, backend, variants);
        }
    }

    private static void run(int dim, int count, long seed, String backend, List<OnlineOptions> variants) {
        SimulationConfig cfg = SimulationConfig.paper(dim).toBuilder().lengthRange(100, 300).build();
        List<Trajectory> truth = Simulator.of(cfg).simulate(count, seed);
        List<Trajectory> tracks = new ArrayList<>();
        for (Trajectory t : truth) {
            tracks.add(t.withoutStates());
        }
        Map<String, int[]> tru = new HashMap<>();
        Map<String, int[]> off = new HashMap<>();
        long points = 0;
        long offCorrect = 0;
        long offChanges = 0;
        try (Segmenter unet = Segmenters.open("unet", dim, SegmenterOptions.defaults().withMaxBatchSize(256))) {
            List<Segmentation> offline = unet.segmentEach(tracks).stream().map(SegmentationResult::orElseThrow).toList();
            for (int k = 0; k < tracks.size(); k++) {
                int[] s = offline.get(k).stateIndices();
                int[] tr = truth.get(k).stateIndices();
                off.put(tracks.get(k).id(), s);
                tru.put(tracks.get(k).id(), tr);
                offCorrect += AgreementCounts.matches(s, tr);
                for (int i = 1; i < s.length; i++) {
                    offChanges += s[i] != s[i - 1] ? 1 : 0;
                }
                points += s.length;
            }
        }
        System.out.printf("| %dD | offline U-Net (whole tracks) | – | 1 | %.3f | – | %d |%n", dim,
                offCorrect / (double) points, offChanges);
        for (OnlineOptions options : variants) {
            int lag = options.lag();
            Map<String, int[]> on = new ConcurrentHashMap<>();
            AtomicLong events = new AtomicLong();
            try (StreamingModel model = StreamingModels.bundled(dim, backend);
                    OnlineSegmenter online = OnlineSegmenter.of(model, options)) {
                Map<String, Trajectory> byId = new HashMap<>();
                tracks.forEach(t -> byId.put(t.id(), t));
                online.addListener(new OnlineListener() {
                    @Override
                    public void onFinal(FrameState s) {
                        Trajectory t = byId.get(s.particleId());
                        int i = java.util.Arrays.binarySearch(t.frames(), s.frame());
                        on.computeIfAbsent(s.particleId(), k -> new int[t.size()])[i] = s.state().index();
                    }

                    @Override
                    public void onStateChange(StateChange c) {
                        events.incrementAndGet();
                    }
                });
                OnlineReplay.run(online, tracks, 0);
            }
            // by position in the track: points 0-49, 50-149, 150+ (how much past the online model has seen)
            AgreementCounts counts = AgreementCounts.byPosition(0, 50, 150);
            for (Trajectory t : tracks) {
                counts.add(t.id(), on.get(t.id()), off.get(t.id()), tru.get(t.id()));
            }
            StringBuilder byPosition = new StringBuilder();
            String[] names = {"0-49", "50-149", "150+"};
            for (int b = 0; b < counts.buckets(); b++) {
                byPosition.append(String.format(" points %s: agreement %.3f, accuracy %.3f (offline %.3f), %d frames;",
                        names[b], counts.agreement(b), counts.accuracy(b), counts.offlineAccuracy(b),
                        counts.points(b)));
            }
            System.out.printf("| %dD | %s (%s, penalty %.1f, dwell %d) | %d | %.3f | %.3f | %d | %d |%n", dim,
                    StreamingModels.defaultName(dim), backend, options.switchPenalty(), options.minDwell(), lag,
                    counts.agreement(), counts.accuracy(), events.get(), offChanges);
            System.out.println("<!-- by position in the track, L = " + lag + ":" + byPosition + " -->");
        }
    }
}
