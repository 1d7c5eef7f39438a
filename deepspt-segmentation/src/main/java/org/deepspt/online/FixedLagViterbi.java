package org.deepspt.online;

import org.deepspt.smoothing.ViterbiSmoother;

/**
 * Fixed-lag Viterbi decoding of a streaming model's heads: the final state of point g is the state at g of
 * the best path over points g .. n − 1 (n = points so far), with the same constant switch penalty λ (nats)
 * as the offline {@link ViterbiSmoother}, whose step ({@link ViterbiSmoother#predecessor}) it uses. Each
 * particle carries δ<sub>g−1</sub>, the max-product scores after its last final point (computed from the final
 * heads only), so a decision costs O((n − g) K²) with n − g ≤ L + 1 and K = 4:
 * δ<sub>j</sub>(k) = ln p<sub>j</sub>(k) + max(δ<sub>j−1</sub>(k), max<sub>i≠k</sub> δ<sub>j−1</sub>(i) − λ),
 * p<sub>j</sub> the newest head about point j (head n − 1 − j), then backtracking from argmax δ<sub>n−1</sub>
 * to g. Ties as in the offline smoother: staying wins, then the lower state index. Not thread-safe (one per
 * online segmenter, used by its producer).
 */
final class FixedLagViterbi {
    private static final int K = 4;

    private final double penalty;
    private double[] delta = new double[0];
    private int[] back = new int[0];

    FixedLagViterbi(double penalty) {
        this.penalty = penalty;
    }

    /**
     * Decides the final state of the oldest pending point and advances the particle's carried scores.
     *
     * @param carried the particle's δ of the previous final point (4 values; ignored when {@code first})
     * @param first whether the point is the particle's first
     * @param heads the newest step's heads, head a (4 probabilities at offset + 4a) about point n − 1 − a
     * @param offset where the particle's heads start in {@code heads}
     * @param span n − g: the point's head index + 1 (points g .. n − 1 have heads span − 1 .. 0)
     * @return the decided state index of point g; {@code carried} then holds δ<sub>g</sub>
     */
    int decide(double[] carried, boolean first, float[] heads, int offset, int span) {
        if (delta.length < K * span) {
            delta = new double[K * span];
            back = new int[K * span];
        }
        for (int j = 0; j < span; j++) {
            int head = span - 1 - j;
            // δ of the point before j: the carried scores for the oldest pending point, else the previous row
            double[] prev = j == 0 ? carried : delta;
            int o = j == 0 ? 0 : K * (j - 1);
            for (int k = 0; k < K; k++) {
                double e = Math.log(Math.max(heads[offset + K * head + k], ViterbiSmoother.MIN_PROBABILITY));
                if (j == 0 && first) {
                    delta[k] = e;
                    back[k] = k;
                    continue;
                }
                int arg = ViterbiSmoother.predecessor(prev, o, k, penalty);
                delta[K * j + k] = (arg == k ? prev[o + k] : prev[o + arg] - penalty) + e;
                back[K * j + k] = arg;
            }
        }
        int s = ViterbiSmoother.argmax(delta, K * (span - 1));
        for (int j = span - 1; j > 0; j--) {
            s = back[K * j + s];
        }
        // Keep scores bounded: subtract the max (Viterbi decisions are shift-invariant).
        double max = delta[ViterbiSmoother.argmax(delta, 0)];
        for (int k = 0; k < K; k++) {
            carried[k] = delta[k] - max;
        }
        return s;
    }
}
