package org.deepspt.smoothing;

import org.deepspt.api.DiffusionState;
import org.jspecify.annotations.Nullable;

/**
 * Per-point marginal state probabilities of the tempered path distribution whose mode is the
 * {@link ViterbiSmoother Viterbi path}: the probabilities that go with smoothed states.
 *
 * <h2>Definition</h2>
 * For a track of n points with per-point probabilities p<sub>i</sub>(k) (k = 0..3 in {@link DiffusionState}
 * order), a switch penalty λ ≥ 0 (nats) and a temperature T &gt; 0, every state path s ∈ {0..3}ⁿ gets the
 * score of {@link ViterbiSmoother} and the probability
 * <pre>
 *   score(s) = Σ_{i=0}^{n−1} ln p_i(s_i) − λ · #{ i ≥ 1 : s_i ≠ s_{i−1} }
 *   P(s)     = exp(score(s) / T) / Z
 * </pre>
 * and this class returns the marginals γ<sub>i</sub>(k) = P(s<sub>i</sub> = k) = Σ<sub>s: s_i = k</sub> P(s).
 * The mode of P is the Viterbi path for every T (dividing the score by T does not move its maximum); T is the
 * one free parameter that makes γ calibrated (fitted on validation tracks, see
 * {@link OutputCalibration}): the network's posteriors of neighbouring points are not
 * independent, so T = 1 (the hidden-Markov reading) is far too confident. With λ = 0 the points are
 * independent and γ<sub>i</sub>(k) = p<sub>i</sub>(k)<sup>1/T</sup> / Σ<sub>j</sub> p<sub>i</sub>(j)<sup>1/T</sup>,
 * the usual temperature scaling of each row.
 *
 * <p>Computed by the forward–backward algorithm (Baum et al., Ann. Math. Statist. 41 (1970) 164–171,
 * doi:10.1214/aoms/1177697196; Rabiner, Proc. IEEE 77 (1989) 257–286, doi:10.1109/5.18626) on the emission
 * weights e<sub>i</sub>(k) = exp((ln p<sub>i</sub>(k) − max<sub>j</sub> ln p<sub>i</sub>(j)) / T) and the
 * transition weights 1 (stay) and w = e<sup>−λ/T</sup> (switch). Because every switch costs the same,
 * Σ<sub>j</sub> w(j, k)·a(j) = (1 − w)·a(k) + w·Σ<sub>j</sub> a(j), so each pass is O(n · 4) (not O(n · 16)):
 * <pre>
 *   α_0 ∝ e_0,   α_i(k) ∝ e_i(k) · ((1 − w)·α_{i−1}(k) + w·Σ_j α_{i−1}(j))
 *   β_{n−1} = 1, β_i(k) ∝ (1 − w)·e_{i+1}(k)·β_{i+1}(k) + w·Σ_j e_{i+1}(j)·β_{i+1}(j)
 *   γ_i(k) = α_i(k)·β_i(k) / Σ_j α_i(j)·β_i(j)
 * </pre>
 * with α and β rescaled to sum 1 at every point. Probabilities below {@link ViterbiSmoother#MIN_PROBABILITY}
 * are clamped to it (as the Viterbi decoder does). The tempered penalty λ/T is capped at
 * {@link #MAX_TEMPERED_PENALTY} nats (a switch weight below e<sup>−600</sup> changes no marginal that a double
 * can hold), which with T ≥ {@link #MIN_TEMPERATURE} keeps every rescaled α and β entry and every row sum of γ
 * above the smallest double: the result has no NaN for any finite input.
 *
 * <p>Immutable and thread-safe; {@link #marginals} writes into caller-supplied arrays.
 */
public final class PathPosterior {
    /** Smallest temperature accepted; with the probability clamp, emission weights stay ≥ e<sup>−111</sup>. */
    public static final double MIN_TEMPERATURE = 0.25;
    /** Largest temperature accepted. */
    public static final double MAX_TEMPERATURE = 64;
    /** Cap on the tempered switch penalty λ/T, nats. */
    public static final double MAX_TEMPERED_PENALTY = 600;

    private static final int K = DiffusionState.COUNT;

    private final double penalty;

    private PathPosterior(double penalty) {
        this.penalty = penalty;
    }

    /**
     * @param switchPenalty λ in nats (≥ 0, finite), the penalty of the Viterbi path whose marginals are wanted
     * @return the posterior for that penalty
     * @throws IllegalArgumentException if the penalty is negative, NaN or infinite
     */
    public static PathPosterior of(double switchPenalty) {
        if (!(switchPenalty >= 0) || Double.isInfinite(switchPenalty)) {
            throw new IllegalArgumentException("switch penalty must be finite and >= 0 nats, got " + switchPenalty);
        }
        return new PathPosterior(switchPenalty);
    }

    /** @return the switch penalty λ in nats */
    public double switchPenalty() {
        return penalty;
    }

    /**
     * @param probabilities row-major n × 4, {@code probabilities[4*i + k]} = p<sub>i</sub>(k) (not modified; rows
     *     need not be normalised)
     * @param n number of points (≥ 0)
     * @param temperature T in [{@link #MIN_TEMPERATURE}, {@link #MAX_TEMPERATURE}]
     * @param out receives γ, row-major n × 4 (length ≥ 4n; may not be {@code probabilities}), or null to
     *     allocate it
     * @param work scratch of length ≥ 4n (emission weights), or null to allocate it
     * @return {@code out} (or the new array): every row sums to 1
     * @throws IllegalArgumentException if an array is too short, the temperature is out of range, or a
     *     probability is NaN
     */
    public double[] marginals(double[] probabilities, int n, double temperature, double @Nullable [] out,
            double @Nullable [] work) {
        if (!(temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature must be in [" + MIN_TEMPERATURE + ", " + MAX_TEMPERATURE
                    + "], got " + temperature);
        }
        if (n < 0 || probabilities.length < (long) K * n) {
            throw new IllegalArgumentException("need " + (long) K * n + " probabilities, got " + probabilities.length);
        }
        double[] g = out != null ? out : new double[K * n];
        double[] e = work != null ? work : new double[K * n];
        if (g.length < K * n || e.length < K * n) {
            throw new IllegalArgumentException("output and work arrays need " + K * n + " entries, have "
                    + g.length + " and " + e.length);
        }
        if (g == probabilities) {
            throw new IllegalArgumentException("output array must not be the input array");
        }
        double inv = 1 / temperature;
        for (int i = 0; i < n; i++) {
            int r = K * i;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < K; k++) {
                double v = probabilities[r + k];
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("probability of state " + k + " at point " + i + " is NaN");
                }
                double l = Math.log(Math.max(v, ViterbiSmoother.MIN_PROBABILITY));
                e[r + k] = l;
                max = Math.max(max, l);
            }
            for (int k = 0; k < K; k++) {
                e[r + k] = Math.exp((e[r + k] - max) * inv);
            }
        }
        if (penalty == 0) {
            for (int i = 0; i < n; i++) {
                normalise(e, g, K * i);
            }
            return g;
        }
        double w = Math.exp(-Math.min(penalty * inv, MAX_TEMPERED_PENALTY));
        double stay = 1 - w;
        // Forward: g holds the rescaled α.
        if (n > 0) {
            normalise(e, g, 0);
        }
        for (int i = 1; i < n; i++) {
            int r = K * i;
            int q = r - K;
            double s = g[q] + g[q + 1] + g[q + 2] + g[q + 3];
            for (int k = 0; k < K; k++) {
                g[r + k] = e[r + k] * (stay * g[q + k] + w * s);
            }
            normalise(g, g, r);
        }
        // Backward: b = β_i (rescaled), γ_i = α_i ∘ β_i normalised, written over α_i.
        double b0 = 1;
        double b1 = 1;
        double b2 = 1;
        double b3 = 1;
        for (int i = n - 2; i >= 0; i--) {
            int r = K * (i + 1);
            double eb0 = e[r] * b0;
            double eb1 = e[r + 1] * b1;
            double eb2 = e[r + 2] * b2;
            double eb3 = e[r + 3] * b3;
            double s = w * (eb0 + eb1 + eb2 + eb3);
            b0 = stay * eb0 + s;
            b1 = stay * eb1 + s;
            b2 = stay * eb2 + s;
            b3 = stay * eb3 + s;
            double norm = 1 / (b0 + b1 + b2 + b3);
            b0 *= norm;
            b1 *= norm;
            b2 *= norm;
            b3 *= norm;
            int c = K * i;
            g[c] *= b0;
            g[c + 1] *= b1;
            g[c + 2] *= b2;
            g[c + 3] *= b3;
            normalise(g, g, c);
        }
        return g;
    }

    private static void normalise(double[] from, double[] to, int r) {
        double inv = 1 / (from[r] + from[r + 1] + from[r + 2] + from[r + 3]);
        to[r] = from[r] * inv;
        to[r + 1] = from[r + 1] * inv;
        to[r + 2] = from[r + 2] * inv;
        to[r + 3] = from[r + 3] * inv;
    }

    @Override
    public String toString() {
        return "PathPosterior[penalty=" + penalty + " nats]";
    }
}
