package org.deepspt.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.eval.Andi2Metrics;
import org.deepspt.eval.ClassMerge;
import org.deepspt.eval.SegmentationEvaluation;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.deepspt.smoothing.ViterbiSmoother;

/**
 * Measures the Viterbi smoother ({@link ViterbiSmoother#DEFAULT_PENALTY}) against the frame-wise argmax on
 * simulated heterogeneous (every track 2–4 segments) and single-state tracks of the published protocol
 * (lengths 5–600, Q 1–16), 2D and 3D: 4-class accuracy, AnDi-2 change-point Jaccard and RMSE (threshold 10
 * frames), tracks with the true segment count, and change points per single-state track (all spurious).
 * Not a test: {@code java -cp <deepspt-cli test class path> org.deepspt.study.SmoothingStudy [TRACKS] [MODEL]}.
 * Seeds 93xxx (never used for training or validation). {@code --smooth} would also carry the
 * reliability verdict; nothing here depends on it.
 */
public final class SmoothingStudy {
    private SmoothingStudy() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String model = args.length > 1 ? args[1] : "unet";
        ViterbiSmoother smoother = ViterbiSmoother.defaults();
        System.out.println("dim,set,smooth,tracks,frames,acc4,andi2_jaccard10,andi2_rmse10,segment_count_match,"
                + "cp_per_track,tracks_with_cp,short_cp_per_track");
        for (int dim = 2; dim <= 3; dim++) {
            try (Segmenter s = Segmenters.open(model, dim, SegmenterOptions.defaults())) {
                for (String set : List.of("heterogeneous", "single-state")) {
                    SimulationConfig c = SimulationConfig.builder(dim)
                            .heterogeneousFraction(set.equals("heterogeneous") ? 1.0 : 0.0).build();
                    List<Trajectory> truth = Simulator.of(c).simulate(count, 93000 + dim * 10 + (set.length() % 7));
                    List<Trajectory> input = new ArrayList<>();
                    truth.forEach(t -> input.add(t.withoutStates()));
                    List<Segmentation> raw = s.segmentEach(input).stream().map(SegmentationResult::orElseThrow).toList();
                    List<Segmentation> smooth = new ArrayList<>();
                    raw.forEach(r -> smooth.add(smoother.smooth(r)));
                    report(dim, set, "off", truth, raw);
                    report(dim, set, "on", truth, smooth);
                }
            }
        }
    }

    private static void report(int dim, String set, String smooth, List<Trajectory> truth, List<Segmentation> pred) {
        SegmentationEvaluation e = SegmentationEvaluation.evaluate(truth, pred);
        Andi2Metrics a = Andi2Metrics.withThreshold(10);
        long cps = 0;
        long withCp = 0;
        long shortCps = 0;
        long shortTracks = 0;
        for (int i = 0; i < truth.size(); i++) {
            a.add(truth.get(i), pred.get(i));
            int k = pred.get(i).changePointIndices().length;
            cps += k;
            withCp += k > 0 ? 1 : 0;
            if (truth.get(i).size() < 10) {
                shortCps += k;
                shortTracks++;
            }
        }
        System.out.println(String.format(Locale.ROOT, "%d,%s,%s,%d,%d,%.4f,%.4f,%.3f,%.4f,%.3f,%.3f,%.3f", dim, set,
                smooth, truth.size(), e.frameCount(), e.accuracy(ClassMerge.FOUR), a.jaccard(), a.rmse(),
                e.segmentCountMatchFraction(), cps / (double) truth.size(), withCp / (double) truth.size(),
                shortTracks == 0 ? Double.NaN : shortCps / (double) shortTracks));
    }
}
