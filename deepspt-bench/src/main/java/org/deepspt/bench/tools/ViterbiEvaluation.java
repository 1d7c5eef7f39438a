package org.deepspt.bench.tools;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepspt.eval.Andi2Metrics;
import org.deepspt.smoothing.ViterbiSmoother;

/**
 * Measurement tool (a main, run by hand): per-frame accuracy and AnDi-2 metrics of a segmentation
 * CSV ({@code deepspt segment} output) with and without {@link ViterbiSmoother}, for a list of penalties.
 *
 * <pre>
 * java -cp deepspt-bench/target/benchmarks.jar \
 *     org.deepspt.bench.tools.ViterbiEvaluation TRUTH.csv SEG.csv FIRST_PARTICLE LAST_PARTICLE PENALTIES \
 *     [SMOOTHED_OUT.csv PENALTY]
 * </pre>
 * TRUTH.csv: {@code particle,frame,x,y[,z],state} ({@code deepspt simulate}); SEG.csv: {@code
 * particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive}, same rows in the same order.
 * Only particles FIRST..LAST (inclusive) are scored. PENALTIES: comma-separated nats (0 = argmax).
 * Prints one CSV line per penalty: penalty, tracks, frames, acc4, recall per class, AnDi-2 TP, FP, FN,
 * Jaccard, RMSE, predicted segments per track, and the accuracy gain over the first penalty listed with its
 * standard error over tracks (ratio estimator). With SMOOTHED_OUT.csv writes the smoothed segmentation
 * (same format as SEG.csv, rows permuted as {@link ViterbiSmoother#smooth}) for that penalty.
 */
public final class ViterbiEvaluation {

    private ViterbiEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        Path truth = Path.of(args[0]);
        Path seg = Path.of(args[1]);
        long first = Long.parseLong(args[2]);
        long last = Long.parseLong(args[3]);
        String[] ps = args[4].split(",");
        List<int[]> trueStates = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        List<String[]> keys = new ArrayList<>();
        try (BufferedReader t = Files.newBufferedReader(truth, StandardCharsets.UTF_8);
                BufferedReader s = Files.newBufferedReader(seg, StandardCharsets.UTF_8)) {
            String th = t.readLine();
            s.readLine();
            int stateCol = List.of(th.split(",")).indexOf("state");
            String tl;
            String sl;
            String current = null;
            List<Integer> st = new ArrayList<>();
            List<double[]> pr = new ArrayList<>();
            List<String> fr = new ArrayList<>();
            while ((tl = t.readLine()) != null) {
                sl = s.readLine();
                String[] tf = tl.split(",");
                String[] sf = sl.split(",");
                if (!tf[0].equals(sf[0]) || !tf[1].equals(sf[1])) {
                    throw new IllegalStateException("row mismatch: " + tl + " vs " + sl);
                }
                if (!tf[0].equals(current)) {
                    flush(current, st, pr, fr, first, last, trueStates, probs, keys);
                    current = tf[0];
                }
                st.add(Integer.parseInt(tf[stateCol]));
                pr.add(new double[] {Double.parseDouble(sf[3]), Double.parseDouble(sf[4]),
                    Double.parseDouble(sf[5]), Double.parseDouble(sf[6])});
                fr.add(tf[1]);
            }
            flush(current, st, pr, fr, first, last, trueStates, probs, keys);
        }
        System.out.println("penalty,tracks,frames,acc4,recall_normal,recall_directed,recall_confined,"
                + "recall_subdiffusive,andi_tp,andi_fp,andi_fn,andi_jaccard,andi_rmse,segments_per_track,"
                + "acc4_gain_vs_first,gain_se");
        long[] firstCorrect = null;
        for (String p : ps) {
            double penalty = Double.parseDouble(p);
            ViterbiSmoother v = ViterbiSmoother.of(penalty);
            Andi2Metrics m = Andi2Metrics.create();
            long[] total = new long[4];
            long[] right = new long[4];
            long segments = 0;
            long[] correct = new long[trueStates.size()];
            for (int k = 0; k < trueStates.size(); k++) {
                int[] g = trueStates.get(k);
                int[] path = v.decode(probs.get(k), g.length, null, null);
                m.addStates(g, path);
                segments++;
                for (int i = 0; i < g.length; i++) {
                    total[g[i]]++;
                    if (path[i] == g[i]) {
                        right[g[i]]++;
                        correct[k]++;
                    }
                    if (i > 0 && path[i] != path[i - 1]) {
                        segments++;
                    }
                }
            }
            if (firstCorrect == null) {
                firstCorrect = correct;
            }
            // Accuracy gain over the first penalty as a ratio estimator over tracks: gain = Σ d_t / Σ n_t with
            // d_t the change in correct frames of track t; standard error sqrt(Σ (d_t − gain·n_t)²) / Σ n_t.
            double n = m.frameCount();
            double sumD = 0;
            for (int k = 0; k < correct.length; k++) {
                sumD += correct[k] - firstCorrect[k];
            }
            double gain = sumD / n;
            double var = 0;
            for (int k = 0; k < correct.length; k++) {
                double r = correct[k] - firstCorrect[k] - gain * trueStates.get(k).length;
                var += r * r;
            }
            System.out.println(String.format(Locale.ROOT,
                    "%s,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%d,%d,%.4f,%.3f,%.3f,%.5f,%.5f",
                    p, m.trackCount(), m.frameCount(), m.stateF1Micro(), right[0] / (double) total[0],
                    right[1] / (double) total[1], right[2] / (double) total[2], right[3] / (double) total[3],
                    m.truePositives(), m.falsePositives(), m.falseNegatives(), m.jaccard(), m.rmse(),
                    segments / (double) m.trackCount(), gain, Math.sqrt(var) / n));
        }
        if (args.length >= 7) {
            ViterbiSmoother v = ViterbiSmoother.of(Double.parseDouble(args[6]));
            try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[5]), StandardCharsets.UTF_8)) {
                w.write("particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive\n");
                for (int k = 0; k < probs.size(); k++) {
                    double[] p = probs.get(k).clone();
                    int n = p.length / 4;
                    int[] path = v.decode(p, n, null, null);
                    for (int i = 0; i < n; i++) {
                        int a = 0;
                        for (int c = 1; c < 4; c++) {
                            if (p[4 * i + c] > p[4 * i + a]) {
                                a = c;
                            }
                        }
                        double tmp = p[4 * i + a];
                        p[4 * i + a] = p[4 * i + path[i]];
                        p[4 * i + path[i]] = tmp;
                        w.write(keys.get(k)[0] + "," + keys.get(k)[i + 1] + "," + path[i] + ","
                                + p[4 * i] + "," + p[4 * i + 1] + "," + p[4 * i + 2] + "," + p[4 * i + 3] + "\n");
                    }
                }
            }
        }
    }

    private static void flush(String particle, List<Integer> st, List<double[]> pr, List<String> fr, long first,
            long last, List<int[]> trueStates, List<double[]> probs, List<String[]> keys) {
        if (particle != null) {
            long id = Long.parseLong(particle);
            if (id >= first && id <= last) {
                int n = st.size();
                int[] g = new int[n];
                double[] p = new double[4 * n];
                String[] key = new String[n + 1];
                key[0] = particle;
                for (int i = 0; i < n; i++) {
                    g[i] = st.get(i);
                    System.arraycopy(pr.get(i), 0, p, 4 * i, 4);
                    key[i + 1] = fr.get(i);
                }
                trueStates.add(g);
                probs.add(p);
                keys.add(key);
            }
        }
        st.clear();
        pr.clear();
        fr.clear();
    }
}
