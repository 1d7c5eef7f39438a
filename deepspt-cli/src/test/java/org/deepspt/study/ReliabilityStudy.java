package org.deepspt.study;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.reliability.ReliabilityAssessor;
import org.deepspt.reliability.SnrEstimate;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;

/**
 * Measures the bundled default model's accuracy and calibration against track length, true SNR Q, estimated
 * SNR Q̂ and mean confidence, on simulated tracks (the measurements behind
 * {@link org.deepspt.api.ReliabilityThresholds#defaults()}, models/README.md "Reliability thresholds").
 * Not a test: run with the test class path,
 * {@code java -cp <deepspt-cli test class path> org.deepspt.study.ReliabilityStudy OUT.csv [MODEL [--no-smooth]]}
 * (default: {@code unet} with the library's default Viterbi smoothing).
 *
 * <p>Writes one row per track: dim, set, id, n, q (true SNR), qhat, sigma_hat, mean_conf, correct (frames whose
 * state is the true state), true_dom and pred_dom (most frequent true and predicted state), growth (MSD at lag
 * max(2, n/4) over MSD at lag 1), then 15 × (frames, sum of max probability, correct frames) of the
 * frame-wise confidence histogram (bins [k/15, (k+1)/15)), for bucketed accuracy and ECE. Seeds 91xxx (never
 * used for training or validation).
 */
public final class ReliabilityStudy {
    private static final int BINS = 15;

    private ReliabilityStudy() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        String model = args.length > 1 ? args[1] : "unet";
        SegmenterOptions options = args.length > 2 && args[2].equals("--no-smooth")
                ? SegmenterOptions.defaults().withoutSmoothing() : SegmenterOptions.defaults();
        int[] lengths = {5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300};
        double[] qs = {0.25, 0.5, 0.75, 1, 1.5, 2, 4, 8, 16};
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            StringBuilder h = new StringBuilder("dim,set,id,n,q,qhat,sigma_hat,mean_conf,correct,true_dom,pred_dom,growth");
            for (int k = 0; k < BINS; k++) {
                h.append(",f").append(k).append(",c").append(k).append(",a").append(k);
            }
            w.println(h);
            for (int dim = 2; dim <= 3; dim++) {
                try (Segmenter s = Segmenters.open(model, dim, options)) {
                    for (int n : lengths) {
                        int count = Math.min(1500, Math.max(300, 15000 / n));
                        // Below 10 points a track cannot hold two segments of the protocol's minimum 5: single-state.
                        SimulationConfig c = SimulationConfig.builder(dim).fixedLength(n)
                                .heterogeneousFraction(n < 10 ? 0 : 0.8).build();
                        run(w, s, dim, "N", Simulator.of(c), count, 91000 + dim * 100 + n);
                    }
                    for (int qi = 0; qi < qs.length; qi++) {
                        SimulationConfig c = SimulationConfig.builder(dim).lengthRange(20, 300).fixedSnr(qs[qi]).build();
                        run(w, s, dim, "Q", Simulator.of(c), 250, 92000 + dim * 100 + qi);
                    }
                }
                w.flush();
            }
        }
    }

    private static int dominant(int[] states) {
        int[] c = new int[4];
        for (int s : states) {
            c[s]++;
        }
        int best = 0;
        for (int k = 1; k < 4; k++) {
            best = c[k] > c[best] ? k : best;
        }
        return best;
    }

    /** MSD at lag max(2, n/4) over MSD at lag 1 (time-averaged, all axes). */
    private static double growth(Trajectory t) {
        int lag = Math.max(2, t.size() / 4);
        return msd(t, lag) / msd(t, 1);
    }

    private static double msd(Trajectory t, int lag) {
        double s = 0;
        int c = 0;
        for (int i = 0; i + lag < t.size(); i++) {
            for (int a = 0; a < t.dimension(); a++) {
                double d = t.coordinate(i + lag, a) - t.coordinate(i, a);
                s += d * d;
            }
            c++;
        }
        return c == 0 ? Double.NaN : s / c;
    }


    private static void run(PrintWriter w, Segmenter s, int dim, String set, Simulator sim, int count, long seed) {
        List<Trajectory> truth = sim.simulate(count, seed);
        List<Trajectory> input = new ArrayList<>(truth.size());
        truth.forEach(t -> input.add(t.withoutStates()));
        List<Segmentation> pred = s.segmentEach(input).stream().map(SegmentationResult::orElseThrow).toList();
        double q = sim.config().snrMin() == sim.config().snrMax() ? sim.config().snrMin() : Double.NaN;
        for (int t = 0; t < truth.size(); t++) {
            Trajectory tr = truth.get(t);
            Segmentation sg = pred.get(t);
            SnrEstimate e = SnrEstimate.of(tr);
            long[] f = new long[BINS];
            double[] c = new double[BINS];
            long[] a = new long[BINS];
            int correct = 0;
            for (int i = 0; i < tr.size(); i++) {
                double[] p = sg.probabilities(i);
                int best = sg.state(i).index();
                double conf = p[best];
                boolean ok = tr.state(i) == DiffusionState.ofIndex(best);
                int bin = Math.min(BINS - 1, (int) (conf * BINS));
                f[bin]++;
                c[bin] += conf;
                if (ok) {
                    a[bin]++;
                    correct++;
                }
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%d,%s,%s,%d,%s,%.5g,%.5g,%.5f,%d,%d,%d,%.5g",
                    dim, set, tr.id(), tr.size(), Double.isNaN(q) ? "" : Double.toString(q), e.snr(), e.sigma(),
                    ReliabilityAssessor.meanConfidence(sg), correct, dominant(tr.stateIndices()),
                    dominant(sg.stateIndices()), growth(tr)));
            for (int k = 0; k < BINS; k++) {
                row.append(',').append(f[k]).append(',').append(String.format(Locale.ROOT, "%.4f", c[k]))
                        .append(',').append(a[k]);
            }
            w.println(row);
        }
        System.err.println("dim " + dim + " set " + set + " seed " + seed + ": " + count + " tracks");
    }
}
