package org.deepspt.smoothing;

import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * Moves each change of state of a decoded path to where the network's probabilities and the physics of the steps
 * on either side agree best. The Viterbi path ({@link ViterbiSmoother}) places a change where the network's rows
 * switch, and the network sees a change of motion a few steps late or early; where the step scale changes too (most
 * changes of class come with a change of D), the steps themselves say where.
 *
 * <h2>Score</h2>
 * For a change from state a (points before c) to state b (points from c on) of a track of dimension d, with the
 * run of a starting at point r₀ and the run of b ending at point r₁, every candidate c′ with
 * <pre>
 *   max(r₀ + min(c − r₀, M), c − W)  ≤  c′  ≤  min(r₁ + 1 − min(r₁ + 1 − c, M), c + W)
 * </pre>
 * (W = {@link #halfWindow()}, M = {@link #minimumRun()}: a change moves at most W points and never leaves a run
 * shorter than M points, or than it was) is scored over the points lo..hi, lo = max(r₀, c − 2W), hi = min(r₁, c + 2W),
 * the same for every candidate:
 * <pre>
 *   score(c′) = [ Σ_{lo ≤ i &lt; c′} ln p_i(a) + Σ_{c′ ≤ i ≤ hi} ln p_i(b) ] / T  +  κ · ℓ(c′)     (nats)
 *   ℓ(c′)    = −[ t·ln(S₁/t) + u·ln(S₂/u) ],   κ = (d/2) / (1 + 2ρ̂²)
 * </pre>
 * The first term is the log-score of the tempered path distribution P(s) ∝ exp(score(s)/T) whose marginals the
 * segmenter reports ({@link PathPosterior}; T its fitted path temperature, p the network's rows, floored at
 * {@link ViterbiSmoother#MIN_PROBABILITY}); the switch penalty is the same for every c′ and drops out. The second is
 * the maximised log-likelihood of the steps Δ<sub>j</sub> = r<sub>j+1</sub> − r<sub>j</sub> (µm; j = lo .. hi − 1)
 * when their squared lengths s<sub>j</sub> = |Δ<sub>j</sub>|² are Gamma with shape d/2 and one scale before the change
 * and another from it on (free diffusion with localisation noise: each axis of a step is N(0, 2DΔt + 2σ²)): the t
 * steps lo .. c′ − 2 before (sum S₁, µm²) and the u steps c′ − 1 .. hi − 1 from the one that enters c′ on (sum S₂;
 * the convention of the simulators and of {@link DiffusivityChangeDetector}), up to terms that do not depend on
 * c′. Consecutive steps share a noisy point, so their squares are correlated, which inflates the variance of block
 * sums by about 1 + 2ρ̂², ρ̂ = Σ Δ<sub>j</sub>·Δ<sub>j+1</sub> / Σ |Δ<sub>j</sub>|² over the window, clamped to
 * [−½, ½] (as in {@link DiffusivityChangeDetector}). Candidates with fewer than 2 steps on a side are not scored.
 *
 * <h2>Decision</h2>
 * The change moves to the best-scoring c′ (the nearest to c among ties) only when the steps of the window show a
 * change of scale: the corrected gain of the best split among the candidates over one scale for the whole window,
 * G = κ · [max<sub>c′</sub> ℓ(c′) + m·ln(S/m)] (m = hi − lo steps, S = S₁ + S₂), must reach {@link #minimumGain()}
 * nats. Without that evidence (a change of class at the same D, e.g. entering a cage whose walls alone confine) the
 * step term is noise and the Viterbi position stays. A change whose own position cannot be scored, or whose window has
 * no motion (S = 0), stays too. The steps of a filled gap (interpolated points) count as one step together and their
 * lag-1 products are left out ({@link FillerSteps}). Changes are refined from the first to the last, each with the runs as its
 * predecessors left them; no change is added or removed, so the number of segments and the order of their states stay
 * those of the path. Cost O(n + W·k) for k changes.
 *
 * <p>Defaults ({@link #defaults()}: W = {@value #DEFAULT_HALF_WINDOW} points, M = {@value #DEFAULT_MINIMUM_RUN} points,
 * the shortest segment that gets a D and α fit, as {@link DiffusivityChangeDetector#DEFAULT_MINIMUM_POINTS}; minimum
 * gain {@value #DEFAULT_MINIMUM_GAIN} nats, the penalty of {@link DiffusivityChangeDetector#DEFAULT_PENALTY}) were
 * chosen after the bundled default models on tuning seeds only (docs/change-point-jaccard.md, with the measurements
 * on held-out sets). There, the step term alone (T → ∞) lowered the Jaccard; runs allowed to shrink below 16 points
 * lost their D and α fits; without the gain test, wall-confinement tracks (same D on both sides) lost up to 0.007
 * Jaccard.
 *
 * <p>Immutable and thread-safe.
 */
public final class BoundaryRefiner {
    /** Default farthest move of a change, points. */
    public static final int DEFAULT_HALF_WINDOW = 12;
    /** Default shortest run a move may leave (runs already shorter only grow), points. */
    public static final int DEFAULT_MINIMUM_RUN = 16;
    /** Default least corrected gain of a change of step scale in the window for a change to move, nats. */
    public static final double DEFAULT_MINIMUM_GAIN = 10.0;

    private static final int K = 4;
    private static final double MAX_ABS_RHO = 0.5;

    private final int halfWindow;
    private final int minimumRun;
    private final double minimumGain;

    private BoundaryRefiner(int halfWindow, int minimumRun, double minimumGain) {
        this.halfWindow = halfWindow;
        this.minimumRun = minimumRun;
        this.minimumGain = minimumGain;
    }

    /**
     * @return the refiner with {@link #DEFAULT_HALF_WINDOW}, {@link #DEFAULT_MINIMUM_RUN} and
     *     {@link #DEFAULT_MINIMUM_GAIN}
     */
    public static BoundaryRefiner defaults() {
        return of(DEFAULT_HALF_WINDOW, DEFAULT_MINIMUM_RUN, DEFAULT_MINIMUM_GAIN);
    }

    /**
     * @param halfWindow the farthest a change moves, points, ≥ 1
     * @param minimumRun the shortest run a move may leave, points, ≥ 1
     * @return the refiner without the test of a change of scale (minimum gain 0)
     * @throws IllegalArgumentException on a value out of range
     */
    public static BoundaryRefiner of(int halfWindow, int minimumRun) {
        return of(halfWindow, minimumRun, 0);
    }

    /**
     * @param halfWindow the farthest a change moves, points, ≥ 1
     * @param minimumRun the shortest run a move may leave, points, ≥ 1
     * @param minimumGain the least corrected gain G of one change of step scale in the window for a change to move,
     *     nats, finite and ≥ 0 (0: no test)
     * @return the refiner
     * @throws IllegalArgumentException on a value out of range
     */
    public static BoundaryRefiner of(int halfWindow, int minimumRun, double minimumGain) {
        if (!(minimumGain >= 0) || Double.isInfinite(minimumGain)) {
            throw new IllegalArgumentException("minimumGain must be finite and >= 0 nats, got " + minimumGain);
        }
        if (halfWindow < 1) {
            throw new IllegalArgumentException("halfWindow must be >= 1 point, got " + halfWindow);
        }
        if (minimumRun < 1) {
            throw new IllegalArgumentException("minimumRun must be >= 1 point, got " + minimumRun);
        }
        return new BoundaryRefiner(halfWindow, minimumRun, minimumGain);
    }

    /** @return the farthest a change moves, points */
    public int halfWindow() {
        return halfWindow;
    }

    /** @return the shortest run a move may leave, points */
    public int minimumRun() {
        return minimumRun;
    }

    /** @return the least corrected gain of a change of step scale for a change to move, nats (0: no test) */
    public double minimumGain() {
        return minimumGain;
    }

    /**
     * Refines the changes of a state path (the class documentation's score).
     *
     * @param t the track (its points are the path's points)
     * @param path state index 0..3 of every point (not modified)
     * @param probabilities the network's rows, row-major n × 4 ({@code probabilities[4*i + k]} = p<sub>i</sub>(k))
     * @param temperature path temperature T, &gt; 0 (∞: the steps alone decide)
     * @return a new path with the same runs in the same order, their changes moved
     * @throws IllegalArgumentException when the lengths do not match the track or T is not &gt; 0
     */
    public int[] refine(Trajectory t, int[] path, double[] probabilities, double temperature) {
        int n = t.size();
        if (path.length != n || probabilities.length < (long) K * n) {
            throw new IllegalArgumentException("track '" + t.id() + "' has " + n + " points but the path has "
                    + path.length + " states and " + probabilities.length + " probabilities (need " + K * n + ")");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        int[] out = path.clone();
        if (n < 3) {
            return out;
        }
        int d = t.dimension();
        double[] sq = new double[n - 1];
        double[] lag = new double[n - 1];
        double[] weightPrefix = FillerSteps.weightPrefix(t, 0, n - 1);
        boolean filled = weightPrefix != null;
        for (int j = 0; j + 1 < n; j++) {
            double s = 0;
            double l = 0;
            boolean pair = j + 2 < n && (!filled || !FillerSteps.filler(t, j) && !FillerSteps.filler(t, j + 1));
            for (int a = 0; a < d; a++) {
                double x = t.coordinate(j + 1, a) - t.coordinate(j, a);
                s += x * x;
                if (pair) {
                    l += x * (t.coordinate(j + 2, a) - t.coordinate(j + 1, a));
                }
            }
            sq[j] = s;
            lag[j] = l;
        }
        int c = 1;
        while (c < n) {
            if (out[c] == out[c - 1]) {
                c++;
                continue;
            }
            int moved = refineOne(out, c, sq, lag, weightPrefix, probabilities, temperature, d);
            c = Math.max(moved, c) + 1;
        }
        return out;
    }

    /**
     * As {@link #refine(Trajectory, int[], double[], double)} on a decoded segmentation.
     *
     * @param t the track
     * @param smoothed its decoded segmentation (its states are the path)
     * @param probabilities the network's rows, row-major n × 4
     * @param temperature path temperature T, &gt; 0
     * @return the segmentation with its changes moved; each moved point's row has its entries permuted so that the
     *     new state is the row's largest ({@link ViterbiSmoother#moveArgmaxTo}); no motion estimates, no splits
     */
    public Segmentation refine(Trajectory t, Segmentation smoothed, double[] probabilities, double temperature) {
        smoothed.requireSameFrames(t);
        int[] path = refine(t, smoothed.stateIndices(), probabilities, temperature);
        double[] rows = smoothed.probabilityMatrix();
        for (int i = 0; i < path.length; i++) {
            ViterbiSmoother.moveArgmaxTo(rows, K * i, path[i]);
        }
        Segmentation out = Segmentation.ofFlat(smoothed.trackId(), smoothed.frames(), rows);
        // the rows keep their values (permuted), so the track's reliability verdict still holds, as in ViterbiSmoother
        return smoothed.reliability().map(out::withReliability).orElse(out);
    }

    /**
     * Moves the change at c (out[c − 1] ≠ out[c]) in place; returns its new position. {@code weightPrefix}: prefix sums
     * of the steps' weights ({@link FillerSteps}), null when every step weighs 1.
     */
    private int refineOne(int[] out, int c, double[] sq, double[] lag, double @Nullable [] weightPrefix, double[] p,
            double temperature, int d) {
        int n = out.length;
        int a = out[c - 1];
        int b = out[c];
        int runStart = c - 1;
        while (runStart > 0 && out[runStart - 1] == a) {
            runStart--;
        }
        int runEnd = c;
        while (runEnd + 1 < n && out[runEnd + 1] == b) {
            runEnd++;
        }
        int lo = Math.max(runStart, c - 2 * halfWindow);
        int hi = Math.min(runEnd, c + 2 * halfWindow);
        int from = Math.max(runStart + Math.min(c - runStart, minimumRun), c - halfWindow);
        int to = Math.min(runEnd + 1 - Math.min(runEnd + 1 - c, minimumRun), c + halfWindow);
        // candidates need >= 2 steps on either side: t = c' - 1 - lo >= 2, u = hi - c' + 1 >= 2
        from = Math.max(from, lo + 3);
        to = Math.min(to, hi - 1);
        if (from > c || to < c) {
            return c;
        }
        double total = 0;
        double lagSum = 0;
        for (int j = lo; j < hi; j++) {
            total += sq[j];
            if (j + 1 < hi) {
                lagSum += lag[j];
            }
        }
        if (!(total > 0)) {
            return c;
        }
        double rho = Math.max(-MAX_ABS_RHO, Math.min(MAX_ABS_RHO, lagSum / total));
        double physicsWeight = d / 2.0 / (1 + 2 * rho * rho);
        double netWeight = Double.isInfinite(temperature) ? 0 : 1 / temperature;
        // network score and S1 at c' = from, then updated point by point
        double net = 0;
        for (int i = lo; i <= hi; i++) {
            net += logp(p, i, i < from ? a : b);
        }
        double s1 = 0;
        for (int j = lo; j < from - 1; j++) {
            s1 += sq[j];
        }
        double best = Double.NEGATIVE_INFINITY;
        int bestC = c;
        double bestPhysics = Double.NEGATIVE_INFINITY;
        for (int cc = from; cc <= to; cc++) {
            double tl = weightPrefix == null ? cc - 1 - lo : weightPrefix[cc - 1] - weightPrefix[lo];
            double tr = weightPrefix == null ? hi - (cc - 1) : weightPrefix[hi] - weightPrefix[cc - 1];
            double s2 = total - s1;
            double physics = s1 > 0 && s2 > 0
                    ? -(tl * Math.log(s1 / tl) + tr * Math.log(s2 / tr)) : Double.NEGATIVE_INFINITY;
            double score = net * netWeight + physics * physicsWeight;
            bestPhysics = Math.max(bestPhysics, physics);
            if (score > best || (score == best && Math.abs(cc - c) < Math.abs(bestC - c))) {
                best = score;
                bestC = cc;
            }
            net += logp(p, cc, a) - logp(p, cc, b);
            s1 += sq[cc - 1];
        }
        double m = weightPrefix == null ? hi - lo : weightPrefix[hi] - weightPrefix[lo];
        double gain = (bestPhysics + m * Math.log(total / m)) * physicsWeight;
        if (minimumGain > 0 && !(gain >= minimumGain)) {
            return c;
        }
        for (int i = Math.min(c, bestC); i < Math.max(c, bestC); i++) {
            out[i] = bestC > c ? a : b;
        }
        return bestC;
    }

    private static double logp(double[] p, int i, int k) {
        return Math.log(Math.max(p[K * i + k], ViterbiSmoother.MIN_PROBABILITY));
    }

    @Override
    public String toString() {
        return "BoundaryRefiner[halfWindow=" + halfWindow + " points, minimumRun=" + minimumRun
                + " points, minimumGain=" + minimumGain + " nats]";
    }
}
