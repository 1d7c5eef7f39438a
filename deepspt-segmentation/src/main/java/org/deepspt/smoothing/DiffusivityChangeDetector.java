package org.deepspt.smoothing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segment;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * Changes of the diffusion coefficient D inside one motion-class segment (transient binding, entering a crowded
 * region: D drops or rises while the class stays the same), found from the physics of the steps and returned as
 * segment starts ({@link Segmentation#withSplits}): the sub-segments keep their class and each gets its own D and
 * α fit.
 *
 * <h2>Statistical model</h2>
 * A segment of n points r<sub>0..n−1</sub> (µm, dimension d) has m = n − 1 steps Δ<sub>j</sub> = r<sub>j+1</sub> −
 * r<sub>j</sub>; each step is centred on the segment's mean step Δ̄ (which removes a constant drift of a directed
 * segment and changes nothing else), and its squared length
 * <pre>
 *   s_j = |Δ_j − Δ̄|²   (µm²)
 * </pre>
 * is modelled as Gamma with the known shape k = d/2 and a scale θ that is constant between change points: for
 * Brownian motion with diffusion coefficient D, frame interval Δt and Gaussian localisation noise σ per axis, each
 * axis of a step is N(0, v) with v = 2·D·Δt + 2·σ², so s<sub>j</sub> / v ~ χ²<sub>d</sub>, i.e. Gamma(k = d/2,
 * θ = 2v). The maximised log-likelihood of a block of m steps with sum S is, up to terms that do not depend on
 * where the block ends, −k·m·ln(S/m), so splitting a block of m steps after its first t steps gains
 * <pre>
 *   G(t) = k · [ m·ln(S/m) − t·ln(S₁/t) − (m − t)·ln(S₂/(m − t)) ]   nats,   S₁ = Σ_{j&lt;t} s_j, S₂ = S − S₁
 * </pre>
 * (half the likelihood-ratio statistic of one change of scale at t), computed for every t from prefix sums.
 * Consecutive steps share a noisy point, so they are correlated (per axis corr(Δ<sub>j</sub>, Δ<sub>j+1</sub>) = ρ
 * = −σ²/v ∈ [−½, 0] for Brownian motion; fractional Brownian motion has ρ = 2<sup>α−1</sup> − 1), which makes
 * squared steps correlated by ρ² and inflates the variance of block sums by about 1 + 2ρ². The gain is therefore
 * divided by that factor, with ρ̂ = Σ Δ̃<sub>j</sub>·Δ̃<sub>j+1</sub> / Σ Δ̃<sub>j</sub>² (centred steps, all axes)
 * estimated on the interval being searched and clamped to [−½, ½].
 *
 * <h2>Search and decision</h2>
 * Seeded binary segmentation (Kovács, Li, Bühlmann &amp; Munk 2023, Biometrika 110:249, doi:10.1093/biomet/asac052):
 * the best single split of every seeded interval — at scale k = 1, 2, … the 2<sup>k</sup> − 1 intervals of length
 * m/2<sup>k−1</sup> steps, evenly shifted, down to intervals too short for two sub-segments — is a candidate when
 * <ol>
 *   <li>its corrected gain G(t) / (1 + 2ρ̂²) &gt; {@link #penalty()} (nats), with t restricted so that both sides
 *       keep at least {@link #minimumPoints()} points, and</li>
 *   <li>the noise-corrected D of its two sides differ by at least {@link #minimumRatio()}: per side
 *       2·D̂·Δt = S<sub>side</sub>/(d·m<sub>side</sub>) − 2·σ̂², with σ̂² = max(0, −C) and C the mean product of
 *       consecutive centred step components over the whole stretch (the covariance estimator of
 *       Vestergaard, Blainey &amp; Flyvbjerg 2014, doi:10.1103/PhysRevE.89.022726, whose σ̂² is unbiased for
 *       Brownian motion on either side of a change of D); a side whose corrected value is ≤ 0 (noise-dominated)
 *       counts as an infinite ratio;</li>
 * </ol>
 * then candidates are taken greedily, largest corrected gain first, each dropping the candidates whose interval
 * contains an accepted cut. Unlike plain binary segmentation, the short intervals find a segment of another D in the
 * middle of a stretch (fast–slow–fast), which no single split of the whole stretch explains well. Cost O(m log m)
 * for a stretch of m steps (about 2·log₂(m / 2·minimumPoints) intervals cover each step; each interval is scanned
 * once from prefix sums). A cut after t steps of a stretch whose first point is p starts the new segment at point
 * p + t + 1 (its first step is the first one of the new regime, as in the simulators, whose new segment starts
 * with the step that leaves the last point of the previous one).
 *
 * <p>Defaults, chosen on simulated tracks (models/README.md, "D changes within a class"): the penalty of
 * {@value #DEFAULT_PENALTY} nats splits a pure Brownian stretch of 200 or 600 points in under 1 % of tracks at
 * signal-to-noise ratios from 0.5 to 16 (8 nats: up to 2.3 % at 600 points and Q = 0.5); sub-segments of at least
 * {@value #DEFAULT_MINIMUM_POINTS} points (the segment estimate, {@code org.deepspt.msd.SegmentMotionFitter}'s two-lag
 * estimate, needs 3; on the widened tuning sets, after the boundary refinement, a minimum of 16 → 6 → 5 points gave
 * a change-point Jaccard of 0.546 → 0.588 → 0.592 in 2D and 0.583 → 0.630 → 0.640 in 3D, on class changes
 * 0.423 → 0.484 → 0.487 and 0.487 → 0.546 → 0.553, while the single-state tracks' score fell by 0.004 in 2D and not
 * in 3D; 4 points added ≤ 0.004 without the refinement: the penalty, not the minimum, keeps false splits rare); a
 * ratio of
 * {@value #DEFAULT_MINIMUM_RATIO}; every class searched (directed segments are centred on
 * their drift, and the step scale inside a cage still follows D; measured after the bundled models, at most 0.4 % of
 * single-state tracks of any class are split).
 *
 * <p>Immutable and thread-safe.
 */
public final class DiffusivityChangeDetector {
    /** Default penalty on the corrected gain, in nats. */
    public static final double DEFAULT_PENALTY = 10.0;
    /** Default shortest sub-segment, in points. */
    public static final int DEFAULT_MINIMUM_POINTS = 5;
    /** Default smallest ratio of the two sides' noise-corrected D that counts as a change (biology, not noise). */
    public static final double DEFAULT_MINIMUM_RATIO = 3.0;
    /** Classes searched by default: all four. */
    public static final Set<DiffusionState> DEFAULT_STATES = java.util.Collections.unmodifiableSet(
            EnumSet.allOf(DiffusionState.class));

    private static final double MAX_ABS_RHO = 0.5;
    private static final double TINY = 1e-300;

    private final double penalty;
    private final int minimumPoints;
    private final double minimumRatio;
    private final EnumSet<DiffusionState> states;

    private DiffusivityChangeDetector(double penalty, int minimumPoints, double minimumRatio,
            EnumSet<DiffusionState> states) {
        this.penalty = penalty;
        this.minimumPoints = minimumPoints;
        this.minimumRatio = minimumRatio;
        this.states = states;
    }

    /** @return the detector with {@link #DEFAULT_PENALTY}, {@link #DEFAULT_MINIMUM_POINTS},
     *     {@link #DEFAULT_MINIMUM_RATIO} and {@link #DEFAULT_STATES} */
    public static DiffusivityChangeDetector defaults() {
        return of(DEFAULT_PENALTY, DEFAULT_MINIMUM_POINTS, DEFAULT_MINIMUM_RATIO, DEFAULT_STATES);
    }

    /**
     * @param penalty threshold on the noise-corrected gain, nats, finite and ≥ 0
     * @param minimumPoints shortest sub-segment, points, ≥ 2
     * @param minimumRatio smallest ratio of the sides' D that is reported, ≥ 1
     * @param states the classes whose segments are searched (may be empty: nothing is split)
     * @return the detector
     * @throws IllegalArgumentException on a value out of range
     */
    public static DiffusivityChangeDetector of(double penalty, int minimumPoints, double minimumRatio,
            Set<DiffusionState> states) {
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("penalty must be finite and >= 0 nats, got " + penalty);
        }
        if (minimumPoints < 2) {
            throw new IllegalArgumentException("minimumPoints must be >= 2, got " + minimumPoints);
        }
        if (!(minimumRatio >= 1) || Double.isInfinite(minimumRatio)) {
            throw new IllegalArgumentException("minimumRatio must be finite and >= 1, got " + minimumRatio);
        }
        Objects.requireNonNull(states, "states");
        EnumSet<DiffusionState> copy = EnumSet.noneOf(DiffusionState.class);
        copy.addAll(states);
        return new DiffusivityChangeDetector(penalty, minimumPoints, minimumRatio, copy);
    }

    /** @return the penalty on the corrected gain, nats */
    public double penalty() {
        return penalty;
    }

    /** @return the shortest sub-segment, points */
    public int minimumPoints() {
        return minimumPoints;
    }

    /** @return the smallest reported ratio of D */
    public double minimumRatio() {
        return minimumRatio;
    }

    /** @return the classes whose segments are searched (a copy) */
    public Set<DiffusionState> states() {
        return EnumSet.copyOf(states);
    }

    /**
     * Splits every segment of a searched class at its changes of D.
     *
     * @param trajectory the segmented track (same points and frames as {@code segmentation})
     * @param segmentation its segmentation
     * @return {@code segmentation} with the changes of D as {@link Segmentation#withSplits splits} (itself when
     *     there is none); motion estimates are dropped when a split is added (estimate again)
     * @throws InvalidTrajectoryException naming the track when the segmentation does not match it
     */
    public Segmentation split(Trajectory trajectory, Segmentation segmentation) {
        segmentation.requireSameFrames(trajectory);
        List<Segment> segments = segmentation.segments();
        int[] found = new int[0];
        int count = 0;
        for (Segment s : segments) {
            if (!states.contains(s.state())) {
                continue;
            }
            int[] cps = changePoints(trajectory, s.startIndex(), s.endIndex());
            if (cps.length > 0) {
                found = Arrays.copyOf(found, count + cps.length);
                System.arraycopy(cps, 0, found, count, cps.length);
                count += cps.length;
            }
        }
        return count == 0 ? segmentation : segmentation.withSplits(Arrays.copyOf(found, count));
    }

    /**
     * The changes of D between two points of a track, whatever its class.
     *
     * @param trajectory the track
     * @param first first point of the stretch (inclusive)
     * @param last last point of the stretch (inclusive)
     * @return point indices (in the track) where a new sub-segment starts, ascending; empty when the stretch has
     *     fewer than 2 × {@link #minimumPoints()} points or no change passes the test
     * @throws IndexOutOfBoundsException when the stretch is not inside the track
     */
    public int[] changePoints(Trajectory trajectory, int first, int last) {
        if (first < 0 || last >= trajectory.size() || last < first) {
            throw new IndexOutOfBoundsException("stretch " + first + ".." + last + " of a track of "
                    + trajectory.size() + " points");
        }
        int m = last - first;
        if (m + 1 < 2 * minimumPoints) {
            return new int[0];
        }
        int d = trajectory.dimension();
        double[][] steps = new double[d][m];
        for (int a = 0; a < d; a++) {
            double mean = (trajectory.coordinate(last, a) - trajectory.coordinate(first, a)) / m;
            for (int j = 0; j < m; j++) {
                steps[a][j] = trajectory.coordinate(first + j + 1, a) - trajectory.coordinate(first + j, a) - mean;
            }
        }
        double[] weightPrefix = FillerSteps.weightPrefix(trajectory, first, m);
        double[] prefix = new double[m + 1];
        double[] lagPrefix = new double[m];
        int lagPairs = 0;
        for (int j = 0; j < m; j++) {
            double sq = 0;
            double lag = 0;
            boolean pair = j + 1 < m && (weightPrefix == null
                    || !FillerSteps.filler(trajectory, first + j) && !FillerSteps.filler(trajectory, first + j + 1));
            for (int a = 0; a < d; a++) {
                sq += steps[a][j] * steps[a][j];
                if (pair) {
                    lag += steps[a][j] * steps[a][j + 1];
                }
            }
            prefix[j + 1] = prefix[j] + sq;
            if (j + 1 < m) {
                lagPrefix[j + 1] = lagPrefix[j] + lag;
                lagPairs += pair ? 1 : 0;
            }
        }
        double noiseVariance = lagPairs == 0 ? 0 : Math.max(0, -lagPrefix[m - 1] / (d * (double) lagPairs));
        Scan scan = new Scan(prefix, lagPrefix, weightPrefix, d, noiseVariance);
        int[] cuts = scan.select(m);
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] += first + 1;
        }
        return cuts;
    }

    /** The seeded-interval search over the steps of one stretch (prefix sums of s_j and of the lag-1 products). */
    private final class Scan {
        private final double[] prefix;
        private final double[] lagPrefix;
        /** Prefix sums of the steps' weights ({@link FillerSteps#weightPrefix}); null: every step weighs 1. */
        private final double @Nullable [] weightPrefix;
        private final int d;
        private final double noiseVariance;

        Scan(double[] prefix, double[] lagPrefix, double @Nullable [] weightPrefix, int d, double noiseVariance) {
            this.prefix = prefix;
            this.lagPrefix = lagPrefix;
            this.weightPrefix = weightPrefix;
            this.d = d;
            this.noiseVariance = noiseVariance;
        }

        /** @return the selected cuts (step counts from the stretch's start), ascending */
        int[] select(int m) {
            List<double[]> candidates = new ArrayList<>();
            // Seeded intervals: scale k has 2^k − 1 intervals of length m / 2^(k−1), evenly shifted (k = 1: the whole
            // stretch), down to the shortest interval that can hold two sub-segments.
            for (int k = 1; ; k++) {
                double length = m / Math.pow(2, k - 1);
                if (k > 1 && length < 2 * minimumPoints) {
                    break;
                }
                int count = (1 << k) - 1;
                double shift = count == 1 ? 0 : (m - length) / (count - 1);
                for (int i = 0; i < count; i++) {
                    int from = (int) Math.floor(i * shift);
                    int to = Math.min(m, (int) Math.ceil(i * shift + length));
                    double[] c = best(from, to);
                    if (c != null) {
                        candidates.add(c);
                    }
                }
                if (k > 30) {
                    break;
                }
            }
            // Greedy selection: the largest corrected gain first; intervals that contain a chosen cut are dropped.
            candidates.sort((x, y) -> Double.compare(y[0], x[0]));
            int[] cuts = new int[candidates.size()];
            int count = 0;
            for (double[] c : candidates) {
                boolean free = true;
                for (int i = 0; i < count && free; i++) {
                    free = !(c[2] < cuts[i] && cuts[i] < c[3]);
                }
                if (free) {
                    cuts[count++] = (int) c[1];
                }
            }
            int[] out = Arrays.copyOf(cuts, count);
            Arrays.sort(out);
            return out;
        }

        /**
         * @return {corrected gain, cut, from, to} of the best single split of steps [from, to) when it passes the
         *     penalty and the ratio, else null
         */
        double[] best(int from, int to) {
            int m = to - from;
            // The right side's m − t steps end on its m − t points; the left side's t steps end on t points, plus the
            // stretch's first point when the interval starts there.
            int tMin = from == 0 ? minimumPoints - 1 : minimumPoints;
            int tMax = m - minimumPoints;
            if (tMax < tMin) {
                return null;
            }
            double total = Math.max(prefix[to] - prefix[from], TINY);
            double wm = weight(from, to);
            double whole = wm * Math.log(total / wm);
            double bestGain = Double.NEGATIVE_INFINITY;
            int bestT = -1;
            for (int t = tMin; t <= tMax; t++) {
                double s1 = Math.max(prefix[from + t] - prefix[from], TINY);
                double s2 = Math.max(prefix[to] - prefix[from + t], TINY);
                double w1 = weight(from, from + t);
                double w2 = wm - w1;
                double g = whole - w1 * Math.log(s1 / w1) - w2 * Math.log(s2 / w2);
                if (g > bestGain) {
                    bestGain = g;
                    bestT = t;
                }
            }
            double rho = Math.max(-MAX_ABS_RHO, Math.min(MAX_ABS_RHO, (lagPrefix[to - 1] - lagPrefix[from]) / total));
            double gain = d / 2.0 * bestGain / (1 + 2 * rho * rho);
            if (!(gain > penalty) || !ratioPasses(from, from + bestT, to)) {
                return null;
            }
            return new double[] {gain, from + bestT, from, to};
        }

        /** @return the weight of steps [from, to): their number unless some are filler */
        private double weight(int from, int to) {
            return weightPrefix == null ? to - from : weightPrefix[to] - weightPrefix[from];
        }

        private boolean ratioPasses(int from, int cut, int to) {
            double left = (prefix[cut] - prefix[from]) / (d * weight(from, cut)) - 2 * noiseVariance;
            double right = (prefix[to] - prefix[cut]) / (d * weight(cut, to)) - 2 * noiseVariance;
            double lo = Math.min(left, right);
            double hi = Math.max(left, right);
            return lo <= 0 || hi >= minimumRatio * lo;
        }
    }

    @Override
    public String toString() {
        return "DiffusivityChangeDetector[penalty=" + penalty + " nats, minimumPoints=" + minimumPoints
                + ", minimumRatio=" + minimumRatio + ", states=" + states + "]";
    }
}
