package org.deepspt.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Trajectory;
import org.deepspt.api.TrueMotion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates labelled trajectories following the published DeepSPT simulation protocol (see
 * {@link SimulationConfig} for the parameters and {@link SegmentGenerator} for the motion models).
 *
 * <p>Per track (number {@code index} of the set with seed {@code seed}):
 * <ol>
 *   <li>a private random stream XO_RO_SHI_RO_128_PP is seeded from (seed, index) through SplitMix64
 *       mixing, so every track is reproducible on its own, independent of the others and of the order
 *       or threads in which tracks are made;</li>
 *   <li>{@link TrackParameters} are drawn (D, Q, directed v and direction, confinement axes and
 *       orientation, α), shared by all segments;</li>
 *   <li>N ~ uniform integer in [N<sub>min</sub>, N<sub>max</sub>];</li>
 *   <li>with probability {@code heterogeneousFraction} the track is heterogeneous: k uniform in
 *       [k<sub>min</sub>, min(k<sub>max</sub>, ⌊N<sub>max</sub>/m⌋)] (m = minimum segment length); if
 *       N &lt; m·k, N is redrawn uniformly in [m·k, N<sub>max</sub>]; labels: the first uniform over the
 *       allowed states, each next uniform over the allowed states other than the previous one (so no two
 *       adjacent labels are equal and at least two distinct labels occur); lengths: the N − m·k points
 *       beyond the minimum are split by k − 1 cut points drawn uniformly (with replacement) from
 *       {0, …, N − m·k} and sorted, segment j getting m + (cut<sub>j</sub> − cut<sub>j−1</sub>) points;
 *       </li>
 *   <li>otherwise it is a single-state track of a state drawn uniformly from the allowed states (so
 *       each state gets an equal share of the single-state tracks);</li>
 *   <li>rendering: the true path starts at the origin (0, 0[, 0]) µm, which is the first point; the first
 *       segment contributes its start point and L<sub>1</sub> − 1 further positions, every later segment
 *       starts at the previous segment's last <em>recorded</em> (noisy) position and contributes
 *       L<sub>j</sub> new positions (one step per point, so there is no zero-length step at a change
 *       point). Every recorded position, the first included, is the true position plus independent
 *       Gaussian noise of σ of its segment's state ({@link TrackParameters#noiseSigma}); labels are per
 *       point.</li>
 * </ol>
 * Track ids are {@code String.valueOf(index)}, frames 0..N−1, frame interval from the configuration;
 * every trajectory carries its true states. Thread-safe (immutable).
 */
public final class Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final int PARALLEL_THRESHOLD = 64;

    private final SimulationConfig config;
    private final DiffusionState[] allowed;

    private Simulator(SimulationConfig config) {
        this.config = config;
        this.allowed = config.allowedStates().toArray(new DiffusionState[0]);
        Arrays.sort(this.allowed);
    }

    /**
     * @param config the population parameters
     * @return a simulator for that population
     */
    public static Simulator of(SimulationConfig config) {
        Objects.requireNonNull(config, "config");
        LOG.debug("simulator for {}", config);
        return new Simulator(config);
    }

    /** @return the configuration */
    public SimulationConfig config() {
        return config;
    }

    /**
     * The random stream of track {@code index} of the set with seed {@code seed}: XO_RO_SHI_RO_128_PP with
     * a 128-bit state from SplitMix64 mixing of both numbers.
     *
     * @param seed set seed
     * @param index track number
     * @return a fresh generator (not thread-safe)
     */
    static UniformRandomProvider trackRandom(long seed, long index) {
        long s0 = mix64(mix64(seed) ^ mix64(index + GOLDEN_GAMMA));
        long s1 = mix64(s0 + GOLDEN_GAMMA);
        if (s0 == 0 && s1 == 0) {
            s1 = GOLDEN_GAMMA;
        }
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Track number {@code index} of the set with this seed.
     *
     * @param seed set seed
     * @param index track number (≥ 0); becomes the id
     * @return the trajectory with its true states; same (config, seed, index) → identical output
     * @throws IllegalArgumentException if index &lt; 0
     */
    public Trajectory simulate(long seed, long index) {
        if (index < 0) {
            throw new IllegalArgumentException("track index must be >= 0, got " + index);
        }
        UniformRandomProvider rng = trackRandom(seed, index);
        TrackParameters params = TrackParameters.draw(config, rng);
        return render(String.valueOf(index), params, composition(rng), rng);
    }

    /**
     * The true state, D and α of every point of track {@code index} (a {@link TrueMotion} with everything known),
     * from the same draws as {@link #simulate(long, long)} without rendering the positions. In this protocol D is
     * drawn once per track, so only the state and α change along a track: D = the track's D (µm²/s) on every
     * point, except on subdiffusive points, where the fractional-Brownian steps of scale √(2·D·dt) give
     * MSD<sub>axis</sub>(τ) = 2·D·dt<sup>1−α</sup>·τ<sup>α</sup>, so D·dt<sup>1−α</sup> (µm²/s<sup>α</sup>; D itself
     * for dt = 1 s) with α = 2·H
     * ({@link TrackParameters#hurst()}); α = 1 on the other states.
     *
     * @param seed set seed
     * @param index track number (≥ 0)
     * @return the truth of that track: its id, frames 0..n − 1 and states as {@link #simulate} gives them
     * @throws IllegalArgumentException if index &lt; 0
     */
    public TrueMotion truthOf(long seed, long index) {
        if (index < 0) {
            throw new IllegalArgumentException("track index must be >= 0, got " + index);
        }
        UniformRandomProvider rng = trackRandom(seed, index);
        TrackParameters params = TrackParameters.draw(config, rng);
        SegmentSpec[] plan = composition(rng);
        int n = 0;
        for (SegmentSpec s : plan) {
            n += s.length();
        }
        int[] states = new int[n];
        double[] d = new double[n];
        double[] alpha = new double[n];
        double subAlpha = 2 * params.hurst();
        double subD = params.diffusion() * StrictMath.pow(params.frameInterval(), 1 - subAlpha);
        int at = 0;
        for (SegmentSpec s : plan) {
            boolean sub = s.state() == DiffusionState.SUBDIFFUSIVE;
            Arrays.fill(states, at, at + s.length(), s.state().index());
            Arrays.fill(d, at, at + s.length(), sub ? subD : params.diffusion());
            Arrays.fill(alpha, at, at + s.length(), sub ? subAlpha : 1.0);
            at += s.length();
        }
        return TrueMotion.consecutive(String.valueOf(index), states, d, alpha);
    }

    /**
     * Tracks 0..count−1 of the set with this seed. Large sets are made in parallel; the result is
     * identical to making them one by one.
     *
     * @param count number of tracks (≥ 0)
     * @param seed set seed
     * @return unmodifiable list, track i at position i
     */
    public List<Trajectory> simulate(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        IntStream range = IntStream.range(0, count);
        if (count >= PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        return range.mapToObj(i -> simulate(seed, i)).toList();
    }

    /**
     * Lazy, ordered, sequential stream of tracks 0..count−1 (same tracks as {@link #simulate(int, long)}).
     *
     * @param count number of tracks (≥ 0)
     * @param seed set seed
     * @return the stream
     */
    public Stream<Trajectory> stream(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        return LongStream.range(0, count).mapToObj(i -> simulate(seed, i));
    }

    /**
     * Renders a given sequence of (state, length) segments with the parameters this configuration draws
     * for track (seed, index) — the same {@link TrackParameters} as {@link #simulate(long, long)} — instead
     * of the configuration's own length and composition. Hook for custom state kinetics (for example a
     * telegraph process normal ↔ confined with given dwell times). Adjacent equal states are allowed: each
     * segment is rendered separately (a new confinement centred at its start, a new fBm realisation).
     * The allowed-states set, length range and segment rules of the configuration are not applied.
     *
     * @param seed set seed
     * @param index track number (≥ 0); becomes the id
     * @param segments non-empty list of segments; the track has Σ length points
     * @return the trajectory with its true states
     */
    public Trajectory simulateSequence(long seed, long index, List<SegmentSpec> segments) {
        if (index < 0) {
            throw new IllegalArgumentException("track index must be >= 0, got " + index);
        }
        Objects.requireNonNull(segments, "segments");
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("segments must not be empty");
        }
        UniformRandomProvider rng = trackRandom(seed, index);
        TrackParameters params = TrackParameters.draw(config, rng);
        return render(String.valueOf(index), params, segments.toArray(new SegmentSpec[0]), rng);
    }

    /** Draws N and the segment plan of one track. */
    private SegmentSpec[] composition(UniformRandomProvider rng) {
        int nMin = config.lengthMin();
        int nMax = config.lengthMax();
        int n = nMin + rng.nextInt(nMax - nMin + 1);
        double u = rng.nextDouble();
        if (u >= config.heterogeneousFraction()) {
            return new SegmentSpec[] {new SegmentSpec(allowed[rng.nextInt(allowed.length)], n)};
        }
        int m = config.minSegmentLength();
        int kMin = config.segmentCountMin();
        int kMax = Math.min(config.segmentCountMax(), nMax / m); // >= kMin, checked by the config
        int k = kMin + rng.nextInt(kMax - kMin + 1);
        if (n < m * k) {
            n = m * k + rng.nextInt(nMax - m * k + 1);
        }
        int free = n - m * k;
        int[] cuts = new int[k + 1];
        for (int j = 1; j < k; j++) {
            cuts[j] = rng.nextInt(free + 1);
        }
        cuts[k] = free;
        Arrays.sort(cuts, 1, k);
        SegmentSpec[] plan = new SegmentSpec[k];
        int prev = -1;
        for (int j = 0; j < k; j++) {
            int s;
            if (prev < 0) {
                s = rng.nextInt(allowed.length);
            } else {
                s = rng.nextInt(allowed.length - 1);
                if (s >= prev) {
                    s++;
                }
            }
            prev = s;
            plan[j] = new SegmentSpec(allowed[s], m + cuts[j + 1] - cuts[j]);
        }
        return plan;
    }

    private Trajectory render(String id, TrackParameters params, SegmentSpec[] plan, UniformRandomProvider rng) {
        int dim = config.dimension();
        int n = 0;
        for (SegmentSpec s : plan) {
            n += s.length();
        }
        double[][] pos = new double[dim][n];
        int[] labels = new int[n];
        double[] origin = new double[dim];
        int offset = 0;
        int subSteps = config.confinementSubSteps();
        for (int j = 0; j < plan.length; j++) {
            SegmentSpec seg = plan[j];
            int len = seg.length();
            if (j == 0) {
                // The first point is the origin itself; then len - 1 steps.
                SegmentGenerator.generate(seg.state(), params, subSteps, origin, rng, pos, 1, len - 1);
            } else {
                SegmentGenerator.generate(seg.state(), params, subSteps, origin, rng, pos, offset, len);
            }
            SegmentGenerator.addNoise(params.noiseSigma(seg.state()), rng, pos, offset, len);
            Arrays.fill(labels, offset, offset + len, seg.state().index());
            offset += len;
            for (int a = 0; a < dim; a++) {
                origin[a] = pos[a][offset - 1];
            }
        }
        return Trajectory.ofAxes(id, config.frameInterval(), pos).withStates(labels);
    }
}
