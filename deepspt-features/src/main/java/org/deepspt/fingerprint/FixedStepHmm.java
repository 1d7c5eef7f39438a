package org.deepspt.fingerprint;

import java.util.Arrays;

/**
 * A fixed hidden Markov model with Gaussian emissions on step lengths, decoded with the Viterbi
 * algorithm in log space. Used for the HMM features of the diffusional fingerprint.
 *
 * <p>Model: K hidden states; start probabilities π<sub>k</sub>; transition matrix A<sub>jk</sub> =
 * P(s<sub>t+1</sub> = k | s<sub>t</sub> = j); emission of observation x (a step length, µm) in state k
 * is Gaussian N(μ<sub>k</sub>, σ<sub>k</sub>²) (a density on the real line, as in the pre-trained model,
 * not truncated at 0). Viterbi finds the state path maximising
 * <pre>
 *   ln π_{s0} + ln N(x_0; μ_{s0}, σ_{s0}) + Σ_{t≥1} [ ln A_{s(t−1) s(t)} + ln N(x_t; μ_{st}, σ_{st}) ]
 * </pre>
 * by dynamic programming over log probabilities (no underflow for long tracks). Zero probabilities give
 * ln 0 = −∞ and such paths are never chosen when another path is possible. Ties go to the lower state
 * index (predecessor and final state).
 *
 * <p>{@link #deepSpt()} is the pre-trained 4-state model of the DeepSPT fingerprint. Immutable and
 * thread-safe; {@link #viterbi(double[], int, int, int[], double[])} needs caller-supplied scratch space
 * for allocation-free hot loops.
 */
public final class FixedStepHmm {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int k;
    private final double[] means;
    private final double[] sds;
    private final double[] invSds;
    private final double[] logNorm;
    private final double[] logStart;
    private final double[] logTrans;
    private final int[] rankByMean;

    private FixedStepHmm(double[] means, double[] sds, double[] start, double[][] trans) {
        this.k = means.length;
        this.means = means.clone();
        this.sds = sds.clone();
        this.invSds = new double[k];
        this.logNorm = new double[k];
        for (int i = 0; i < k; i++) {
            invSds[i] = 1.0 / sds[i];
            logNorm[i] = -Math.log(sds[i]) - LOG_SQRT_2PI;
        }
        this.logStart = new double[k];
        this.logTrans = new double[k * k];
        for (int i = 0; i < k; i++) {
            logStart[i] = Math.log(start[i]);
            for (int j = 0; j < k; j++) {
                logTrans[i * k + j] = Math.log(trans[i][j]);
            }
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0
                : means[a] != means[b] ? Double.compare(means[a], means[b]) : Integer.compare(a, b));
        this.rankByMean = new int[k];
        for (int r = 0; r < k; r++) {
            rankByMean[order[r]] = r;
        }
    }

    /**
     * The pre-trained model of the DeepSPT fingerprint: emission (mean, sd) s0 (1.4368, 0.4888),
     * s1 (0.8936, 0.3117), s2 (0.4122, 0.1782), s3 (1.4465, 0.6247); start [0.3118, 0.4622, 0.1798,
     * 0.0462]; transitions (rows s0..s3) [0.4013 0.4327 0.1658 0.0002], [0.2843 0.5201 0.1935 0.0022],
     * [0.2741 0.4845 0.2414 0.0000], [0.0000 0.0263 0.0000 0.9737]. Ordered by emission mean the states
     * are s2 &lt; s1 &lt; s0 &lt; s3 (ranks 2, 1, 0, 3 → 0..3).
     *
     * <p>The model is applied to step lengths in µm as they are; it was trained by the DeepSPT authors
     * on their data and is not rescaled per track.
     *
     * @return the model
     */
    public static FixedStepHmm deepSpt() {
        return of(new double[] {1.4368, 0.8936, 0.4122, 1.4465}, new double[] {0.4888, 0.3117, 0.1782, 0.6247},
                new double[] {0.3118, 0.4622, 0.1798, 0.0462},
                new double[][] {
                    {0.4013, 0.4327, 0.1658, 0.0002},
                    {0.2843, 0.5201, 0.1935, 0.0022},
                    {0.2741, 0.4845, 0.2414, 0.0000},
                    {0.0000, 0.0263, 0.0000, 0.9737}});
    }

    /**
     * @param means emission means μ<sub>k</sub>, µm (finite)
     * @param sds emission standard deviations σ<sub>k</sub>, µm (&gt; 0)
     * @param start start probabilities (≥ 0, sum 1 within 1e-3)
     * @param transitions K×K row-stochastic matrix (rows sum to 1 within 1e-3)
     * @return the model
     * @throws IllegalArgumentException on inconsistent sizes or invalid probabilities
     */
    public static FixedStepHmm of(double[] means, double[] sds, double[] start, double[][] transitions) {
        int k = means.length;
        if (k < 1 || sds.length != k || start.length != k || transitions.length != k) {
            throw new IllegalArgumentException("HMM arrays must all have K >= 1 entries");
        }
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(means[i]) || !(sds[i] > 0) || Double.isInfinite(sds[i])) {
                throw new IllegalArgumentException("state " + i + ": need a finite mean and a finite sd > 0");
            }
            if (transitions[i].length != k) {
                throw new IllegalArgumentException("transition row " + i + " must have " + k + " entries");
            }
            checkStochastic(transitions[i], "transition row " + i);
        }
        checkStochastic(start, "start probabilities");
        return new FixedStepHmm(means, sds, start, transitions);
    }

    private static void checkStochastic(double[] p, String what) {
        double s = 0;
        for (double v : p) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(what + " must be finite and >= 0, got " + Arrays.toString(p));
            }
            s += v;
        }
        if (Math.abs(s - 1) > 1e-3) {
            throw new IllegalArgumentException(what + " must sum to 1, got " + s);
        }
    }

    /** @return number of states K */
    public int states() {
        return k;
    }

    /**
     * @param state a state 0..K−1
     * @return its rank when states are ordered by emission mean (0 = lowest mean; ties by index)
     */
    public int rankByMean(int state) {
        return rankByMean[state];
    }

    /**
     * Gaussian log density of an observation in a state.
     *
     * @param state 0..K−1
     * @param x observation, µm
     * @return ln N(x; μ, σ)
     */
    public double logEmission(int state, double x) {
        double z = (x - means[state]) * invSds[state];
        return -0.5 * z * z + logNorm[state];
    }

    /**
     * Log probability of the given state path jointly with the observations (the quantity Viterbi
     * maximises).
     *
     * @param obs observations
     * @param path states, same length (≥ 1)
     * @return ln P(path, obs); −∞ for an impossible path
     */
    public double logJoint(double[] obs, int[] path) {
        double lp = logStart[path[0]] + logEmission(path[0], obs[0]);
        for (int t = 1; t < obs.length; t++) {
            lp += logTrans[path[t - 1] * k + path[t]] + logEmission(path[t], obs[t]);
        }
        return lp;
    }

    /**
     * Most probable state path.
     *
     * @param obs observations (step lengths, µm), length ≥ 1
     * @return the Viterbi path (new array)
     */
    public int[] viterbi(double[] obs) {
        int[] path = new int[obs.length];
        viterbi(obs, 0, obs.length, path, new double[scratchSize(obs.length)]);
        return path;
    }

    /**
     * @param length number of observations
     * @return length of the scratch buffer {@link #viterbi(double[], int, int, int[], double[])} needs
     */
    public int scratchSize(int length) {
        return 2 * k + length * k;
    }

    /**
     * Allocation-free Viterbi over {@code obs[from .. from+length)}.
     *
     * @param obs observations
     * @param from first observation
     * @param length number of observations (≥ 1)
     * @param path receives the states at {@code path[0..length)}
     * @param scratch buffer of at least {@link #scratchSize(int)} doubles (back-pointers are stored as
     *     doubles)
     * @return ln P of the best path jointly with the observations
     */
    public double viterbi(double[] obs, int from, int length, int[] path, double[] scratch) {
        if (length < 1) {
            throw new IllegalArgumentException("Viterbi needs at least one observation");
        }
        int cur = 0;
        int nxt = k;
        int back = 2 * k;
        for (int j = 0; j < k; j++) {
            scratch[cur + j] = logStart[j] + logEmission(j, obs[from]);
        }
        for (int t = 1; t < length; t++) {
            double x = obs[from + t];
            for (int j = 0; j < k; j++) {
                double best = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int i = 0; i < k; i++) {
                    double v = scratch[cur + i] + logTrans[i * k + j];
                    if (v > best) {
                        best = v;
                        arg = i;
                    }
                }
                scratch[nxt + j] = best + logEmission(j, x);
                scratch[back + t * k + j] = arg;
            }
            int tmp = cur;
            cur = nxt;
            nxt = tmp;
        }
        int s = 0;
        double best = scratch[cur];
        for (int j = 1; j < k; j++) {
            if (scratch[cur + j] > best) {
                best = scratch[cur + j];
                s = j;
            }
        }
        path[length - 1] = s;
        for (int t = length - 1; t > 0; t--) {
            s = (int) scratch[back + t * k + s];
            path[t - 1] = s;
        }
        return best;
    }
}
