package org.deepspt.smoothing;

import java.util.Arrays;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Segmentation;
import org.jspecify.annotations.Nullable;

/**
 * Viterbi decoding of calibrated per-frame state probabilities with a constant state-switch penalty.
 *
 * <h2>Definition</h2>
 * For a track of n points with per-point probabilities p<sub>i</sub>(k) (k = 0..3 in {@link DiffusionState}
 * order), the smoothed state path is
 * <pre>
 *   ŝ = argmax over s ∈ {0..3}ⁿ of  Σ_{i=0}^{n−1} ln p_i(s_i)  −  λ · #{ i ≥ 1 : s_i ≠ s_{i−1} }
 * </pre>
 * with the switch penalty λ ≥ 0 in nats. This is the MAP path of a hidden Markov chain whose emission
 * scores are the network's posteriors and whose transition matrix has off-diagonal entries ∝ e<sup>−λ</sup>
 * (the posteriors are used as if they were likelihoods, i.e. the uniform class prior of the training
 * protocol is assumed). λ = 0 gives the frame-wise argmax; a larger λ keeps a switch only where the
 * log-probabilities summed over the frames it changes gain more than λ. Probabilities below
 * {@link #MIN_PROBABILITY} are clamped to it before the logarithm, so a probability of exactly 0 is a
 * large finite cost, not −∞.
 *
 * <p>Computed by dynamic programming in log space: δ<sub>0</sub>(k) = ln p<sub>0</sub>(k),
 * δ<sub>i</sub>(k) = ln p<sub>i</sub>(k) + max<sub>j</sub> (δ<sub>i−1</sub>(j) − λ·[j ≠ k]), then
 * backtracking; O(n · 16) time, O(n · 4) memory (back-pointers). Ties are broken deterministically: at
 * each step staying in the same state wins over a switch, among switches the lower state index wins, and
 * at the last point the lower state index wins.
 *
 * <p>Reference: A. J. Viterbi, "Error bounds for convolutional codes and an asymptotically optimum decoding
 * algorithm", IEEE Trans. Inf. Theory 13 (1967) 260–269, doi:10.1109/TIT.1967.1054010.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * ViterbiSmoother smoother = ViterbiSmoother.of(ViterbiSmoother.DEFAULT_PENALTY);
 * Segmentation smoothed = smoother.smooth(segmentation);   // states/segments follow the Viterbi path
 * int[] path = smoother.path(segmentation);                 // the path itself
 * }</pre>
 * {@link #smooth(Segmentation)} returns a {@link Segmentation}, whose states are by definition the row-wise
 * argmax of its probabilities; so, as {@link Segmentation#mergeShortSegments(int)} does, at every point
 * where the path differs from the argmax the two entries (largest probability and the path's state) are
 * swapped. Each row keeps its values (and its sum); points where the path agrees with the argmax keep
 * their rows unchanged. {@link #path(Segmentation)} gives the decoded states without touching rows. (If a
 * row has its maximum twice and the path takes the higher-indexed of the tied states, the returned
 * segmentation's argmax rule picks the lower one; only {@code path} is exact in that case.) The permuted row's
 * largest value is the unsmoothed row's, not a probability of the smoothed state; a model with a calibration table
 * reports {@link PathPosterior} marginals with its smoothed states instead ({@link OutputCalibration}, applied by
 * {@code NeuralSegmenter}).
 *
 * <p>Immutable and thread-safe; the low-level {@link #decode(double[], int, int[], double[])} writes into
 * caller-supplied arrays and allocates only when they are missing.
 */
public final class ViterbiSmoother {
    /**
     * Switch penalty of 9 nats, tuned for the shipped ensembles deepspt-unet-2d and deepspt-unet-3d on
     * validation tracks 4,000–9,999 of the sets simulated with seeds 20201 (2D) and 30201 (3D): the value
     * of the grid {0, 2, 4, 6, 7, …, 14, 16, 20} with the highest mean 4-class per-frame accuracy over
     * both (ties to the smaller penalty); accuracy is flat within 0.0005 from 7 to 14 nats in both
     * dimensions (see models/README.md).
     */
    public static final double DEFAULT_PENALTY = org.deepspt.api.SegmenterOptions.DEFAULT_SWITCH_PENALTY;

    /** Probabilities are clamped below at this value before taking logarithms. */
    public static final double MIN_PROBABILITY = 1e-12;

    private static final int K = DiffusionState.COUNT;

    private final double penalty;

    private ViterbiSmoother(double penalty) {
        this.penalty = penalty;
    }

    /**
     * @param penalty state-switch penalty λ in nats (≥ 0, finite); 0 reproduces the frame-wise argmax
     * @return a smoother with that penalty
     * @throws IllegalArgumentException if the penalty is negative, NaN or infinite
     */
    public static ViterbiSmoother of(double penalty) {
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("switch penalty must be finite and >= 0 nats, got " + penalty);
        }
        return new ViterbiSmoother(penalty);
    }

    /** @return the smoother with {@link #DEFAULT_PENALTY} */
    public static ViterbiSmoother defaults() {
        return new ViterbiSmoother(DEFAULT_PENALTY);
    }

    /** @return the state-switch penalty λ in nats */
    public double penalty() {
        return penalty;
    }

    /**
     * @param segmentation per-point probabilities of one track
     * @return a segmentation of the same track and frames whose states follow the Viterbi path (rows
     *     permuted where the path differs from the argmax, see the class documentation), with the input's
     *     reliability verdict; the input itself when the path is its argmax, else a segmentation without
     *     {@link Segmentation#splitIndices() splits} or motion estimates (its segments changed: smooth first, then
     *     split with {@link DiffusivityChangeDetector}, as the segmenters do)
     */
    public Segmentation smooth(Segmentation segmentation) {
        double[] p = segmentation.probabilityMatrix();
        int n = segmentation.size();
        int[] path = decode(p, n, null, null);
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            changed |= moveArgmaxTo(p, K * i, path[i]);
        }
        if (!changed) {
            return segmentation;
        }
        Segmentation out = Segmentation.ofFlat(segmentation.trackId(), segmentation.frames(), p);
        // Rows keep their values, so a reliability verdict computed from them still holds.
        return segmentation.reliability().map(out::withReliability).orElse(out);
    }

    /**
     * @param segmentation per-point probabilities of one track
     * @return the Viterbi state index 0..3 of every point
     */
    public int[] path(Segmentation segmentation) {
        return decode(segmentation.probabilityMatrix(), segmentation.size(), null, null);
    }

    /**
     * Low-level decoding of a row-major n × 4 probability matrix.
     *
     * @param probabilities row-major n × 4, {@code probabilities[4*i + k]} = p<sub>i</sub>(k) (not modified;
     *     rows need not be normalised: the path is invariant to a per-row factor)
     * @param n number of points (≥ 0)
     * @param out receives the path (length ≥ n), or null to allocate one
     * @param work scratch of length ≥ 8 + 4n (scores and back-pointers), or null to allocate it
     * @return {@code out} (or the new array) holding the state index of every point
     * @throws IllegalArgumentException if an array is too short or a probability is NaN
     */
    public int[] decode(double[] probabilities, int n, int @Nullable [] out, double @Nullable [] work) {
        if (n < 0 || probabilities.length < (long) K * n) {
            throw new IllegalArgumentException("need " + (long) K * n + " probabilities, got "
                    + probabilities.length);
        }
        int[] path = out != null ? out : new int[n];
        if (path.length < n) {
            throw new IllegalArgumentException("output array has " + path.length + " entries, need " + n);
        }
        if (n == 0) {
            return path;
        }
        double[] w = work != null ? work : new double[2 * K + K * n];
        if (w.length < 2L * K + (long) K * n) {
            throw new IllegalArgumentException("work array has " + w.length + " entries, need " + (2 * K + K * n));
        }
        // w[0..3]: delta of the previous point; w[4..7]: delta of the current one; w[8 + 4i + k]: back-pointer.
        final int back = 2 * K;
        for (int k = 0; k < K; k++) {
            w[k] = logp(probabilities, 0, k);
            w[back + k] = k;
        }
        for (int i = 1; i < n; i++) {
            for (int k = 0; k < K; k++) {
                int arg = predecessor(w, 0, k, penalty);
                w[K + k] = (arg == k ? w[k] : w[arg] - penalty) + logp(probabilities, i, k);
                w[back + K * i + k] = arg;
            }
            System.arraycopy(w, K, w, 0, K);
        }
        int s = argmax(w, 0);
        for (int i = n - 1; i >= 0; i--) {
            path[i] = s;
            s = (int) w[back + K * i + s];
        }
        return path;
    }

    private static double logp(double[] p, int i, int k) {
        double v = p[K * i + k];
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("probability of state " + k + " at point " + i + " is NaN");
        }
        return Math.log(Math.max(v, MIN_PROBABILITY));
    }

    /**
     * One max-product step of the smoother's chain: the best predecessor of state k, i.e. the j maximising
     * δ(j) − λ·[j ≠ k]; staying wins ties, then the lower state index (the tie rule of {@link #decode}).
     *
     * @param scores δ of the previous point at {@code scores[offset .. offset + 3]}
     * @param offset where the 4 scores start
     * @param k the state of the current point
     * @param penalty λ, nats
     * @return the predecessor state; the step's score is {@code scores[offset + j]}, less λ when j ≠ k
     */
    public static int predecessor(double[] scores, int offset, int k, double penalty) {
        double best = scores[offset + k];
        int arg = k;
        for (int j = 0; j < K; j++) {
            if (j != k && scores[offset + j] - penalty > best) {
                best = scores[offset + j] - penalty;
                arg = j;
            }
        }
        return arg;
    }

    /**
     * @param values 4 values at {@code values[offset .. offset + 3]}
     * @param offset where they start
     * @return the index 0..3 of the first largest (the {@link Segmentation} argmax rule)
     */
    public static int argmax(double[] values, int offset) {
        int best = 0;
        for (int k = 1; k < K; k++) {
            if (values[offset + k] > values[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * {@link Segmentation#moveArgmaxTo}, kept here where the smoothers and the online segmenter look for it.
     *
     * @param rows row-major probabilities; the row is {@code rows[offset .. offset + 3]}
     * @param offset where the row starts
     * @param state the state index 0..3 that must become the row's argmax
     * @return whether the row changed (false: {@code state} was the argmax already)
     */
    public static boolean moveArgmaxTo(double[] rows, int offset, int state) {
        return Segmentation.moveArgmaxTo(rows, offset, state);
    }

    @Override
    public String toString() {
        return "ViterbiSmoother[penalty=" + penalty + " nats]";
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ViterbiSmoother v && Double.compare(v.penalty, penalty) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {penalty});
    }
}
