package org.deepspt.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.UnitSphereSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Trajectory;
import org.deepspt.api.TrueMotion;

/**
 * The widened training population of issue 20 ("wide" recipe): the published DeepSPT protocol as one part,
 * plus the kinds of track real data contain and the protocol lacks — changes of D within one motion class,
 * changes of class with and without a change of D, confinement by walls at the same D, trapped segments, and
 * short and noisy tracks. The label of a point is always its motion class (0 normal, 1 directed, 2 confined,
 * 3 subdiffusive). The scenarios and their shares are listed in {@link WideScenario}.
 *
 * <p>Physics of the non-protocol scenarios (frame interval dt = 1 s; positions in µm):
 * <ul>
 *   <li>track length N: log-uniform integer in [N<sub>min</sub>, N<sub>max</sub>] (default [5, 600]), so short
 *       tracks are common; a track with N &lt; 10 points has one segment;</li>
 *   <li>segments: k uniform in [2, min(4, ⌊N/5⌋)], lengths as in the protocol (5 points minimum, the rest
 *       split at uniform cut points);</li>
 *   <li>D of the first segment log-uniform in [10<sup>−4</sup>, 0.5] µm²/s; later segments as the scenario
 *       says, kept within [10<sup>−6</sup>, 10] µm²/s by reversing the direction of a change that would leave
 *       it;</li>
 *   <li>normal: Brownian, per-axis step N(0, 2·D·dt); subdiffusive: fractional Brownian motion with
 *       α ~ U[0.05, 0.75] (H = α/2), per-axis step scale √(2·D·dt); directed: drift v = √(4·R·D/(N<sub>v</sub>·dt))
 *       (R ~ U[5, 25], N<sub>v</sub> ~ U{5..600}, as the protocol) in a uniform direction plus Brownian steps, or
 *       superdiffusive fractional Brownian motion with α ~ U[1.5, 1.95];</li>
 *   <li>confined: Brownian motion with 100 rejected sub-steps per frame in an ellipse/ellipsoid (second and
 *       third semi-axes 0.6–1 × the first, random orientation) entered at a uniformly random interior point;
 *       trapped segments use a cage of 0.2–1 × σ;</li>
 *   <li>the true path is continuous across change points (a segment starts where the previous one truly ended);
 *       localisation noise is one σ per track, σ = √(D<sub>min</sub>·dt)/Q with D<sub>min</sub> the smallest D
 *       of the track's mobile segments and Q log-uniform in [0.5, 16], added to every recorded position.</li>
 * </ul>
 * Each track has its own random stream seeded from (seed, index) exactly as {@link Simulator}, so any track is
 * reproducible alone and sets do not depend on threads. Immutable and thread-safe.
 *
 * <p><b>Camera motion blur</b> (opt-in, {@link #withMotionBlur}; off in the published recipe): a camera records
 * the mean position over the exposure t<sub>E</sub> = f·dt that starts at each frame. Given the true positions
 * x<sub>i</sub>, x<sub>i+1</sub> of two frames, the path between them is a Brownian bridge (also with a constant
 * drift), whose mean over [0, f·dt] is normal per axis with mean x<sub>i</sub> + (x<sub>i+1</sub> − x<sub>i</sub>)·f/2
 * and variance 2·D·dt·(f/3 − f²/4); the exposure means of different frames are independent given the frame
 * positions. The last frame, without a successor, gets mean x<sub>i</sub> (+ v·f·dt/2 with a drift) and variance
 * 2·D·dt·f/3 (a free walk). D is that of the segment that walks the interval (the one of frame i + 1; trapped
 * segments: their caged walk's; fBm segments: their D, an approximation, as the bridge of fBm is not Markov); in a
 * confined segment the spread is capped at the per-axis spread of a point uniform in the cage, a/√(d + 2) (a: first
 * semi-axis), since the exposure mean of a caged walk stays in the cage. The localisation noise is added after the
 * blur. Blur applies to the non-protocol scenarios
 * only (the protocol's simulator records instantaneous positions); whether a track is blurred and its f come from
 * a separate random stream (seed, index), so the unblurred tracks of a blurred set are identical to the same
 * tracks without the option. The label stays the motion class: blur lowers the lag-1 MSD by 2·d·D·f·dt/3 and
 * correlates successive steps positively, which a network trained without it reads as drift.
 */
public final class WideSimulator {
    /** Q range of the non-protocol scenarios, log-uniform. */
    public static final double SNR_MIN = 0.5;
    /** Upper end of the Q range. */
    public static final double SNR_MAX = 16;

    private static final double D_MIN = 1e-4;
    private static final double D_MAX = 0.5;
    private static final double D_FLOOR = 1e-6;
    private static final double D_CEIL = 10;
    private static final int MIN_SEGMENT = 5;
    private static final int SUB_STEPS = 100;
    private static final long SCENARIO_SALT = 0x5DEECE66DL;
    private static final long BLUR_SALT = 0x2545F4914F6CDD1DL;
    /** The blur model as written into spec.json (class comment). */
    private static final String MOTION_BLUR_MODEL = "exposure mean of the Brownian bridge between frames (mean x_i + "
            + "(x_i+1 - x_i) f/2, variance 2 D dt (f/3 - f^2/4) per axis, D of the segment of frame i+1; last frame "
            + "2 D dt f/3; in a confined segment the spread is capped at a/sqrt(d+2), a the cage's first semi-axis), "
            + "non-protocol tracks only, before localisation noise";

    private final int dimension;
    private final int lengthMin;
    private final int lengthMax;
    private final WideScenario only;
    private final Simulator protocol;
    private final double blurShare;
    private final double exposureMin;
    private final double exposureMax;

    private WideSimulator(int dimension, int lengthMin, int lengthMax, WideScenario only, double blurShare,
            double exposureMin, double exposureMax) {
        this.dimension = dimension;
        this.lengthMin = lengthMin;
        this.lengthMax = lengthMax;
        this.only = only;
        this.blurShare = blurShare;
        this.exposureMin = exposureMin;
        this.exposureMax = exposureMax;
        SimulationConfig.Builder paper = SimulationConfig.builder(dimension)
                .lengthRange(Math.max(lengthMin, MIN_SEGMENT), lengthMax);
        if (lengthMax < 2 * MIN_SEGMENT) {
            paper.heterogeneousFraction(0.0); // two 5-point segments do not fit
        }
        this.protocol = only == null || only == WideScenario.PROTOCOL ? Simulator.of(paper.build()) : null;
    }

    /**
     * The training mixture with lengths in [5, 600].
     *
     * @param dimension 2 or 3
     * @return the simulator
     */
    public static WideSimulator of(int dimension) {
        return of(dimension, 5, 600, null);
    }

    /**
     * @param dimension 2 or 3
     * @param lengthMin shortest track, points (≥ 2; the protocol part uses max(5, lengthMin), needs lengthMax ≥ 5
     *        and has single-state tracks only when lengthMax &lt; 10)
     * @param lengthMax longest track, points (≥ lengthMin)
     * @param only a single scenario for every track (a held-out test population), or null for the mixture
     * @return the simulator
     * @throws IllegalArgumentException on a bad dimension or length range
     */
    public static WideSimulator of(int dimension, int lengthMin, int lengthMax, WideScenario only) {
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        if (lengthMin < 2 || lengthMax < lengthMin) {
            throw new IllegalArgumentException("length range must satisfy 2 <= min <= max, got [" + lengthMin + ", "
                    + lengthMax + "]");
        }
        if ((only == null || only == WideScenario.PROTOCOL) && lengthMax < MIN_SEGMENT) {
            throw new IllegalArgumentException("the protocol part needs tracks of up to >= 5 points, got max "
                    + lengthMax);
        }
        return new WideSimulator(dimension, lengthMin, lengthMax, only, 0, 0, 0);
    }

    /**
     * The same population with camera motion blur on a share of its non-protocol tracks (see the class comment).
     *
     * @param share probability that a non-protocol track is blurred, in [0, 1] (0: no blur, this simulator)
     * @param exposureMin smallest exposure fraction f = t<sub>E</sub>/dt, in [0, 1]
     * @param exposureMax largest exposure fraction, in [exposureMin, 1]; f is uniform in [min, max]
     * @return the simulator with blur
     * @throws IllegalArgumentException if a value is outside its range
     */
    public WideSimulator withMotionBlur(double share, double exposureMin, double exposureMax) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("blur share must be in [0, 1], got " + share);
        }
        if (!(exposureMin >= 0 && exposureMin <= exposureMax && exposureMax <= 1)) {
            throw new IllegalArgumentException("exposure fractions must satisfy 0 <= min <= max <= 1, got ["
                    + exposureMin + ", " + exposureMax + "]");
        }
        return new WideSimulator(dimension, lengthMin, lengthMax, only, share, exposureMin, exposureMax);
    }

    /** @return probability that a non-protocol track is blurred (0: none) */
    public double blurShare() {
        return blurShare;
    }

    /** @return 2 or 3 */
    public int dimension() {
        return dimension;
    }

    /**
     * Track {@code index} of the set with seed {@code seed}.
     *
     * @param seed set seed
     * @param index track number (≥ 0), also its id
     * @return the trajectory with its true states (frame interval 1 s)
     */
    public Trajectory simulate(long seed, long index) {
        if (index < 0) {
            throw new IllegalArgumentException("track index must be >= 0, got " + index);
        }
        UniformRandomProvider pick = Simulator.trackRandom(seed ^ SCENARIO_SALT, index);
        WideScenario scenario = only != null ? only : draw(pick.nextDouble());
        if (scenario == WideScenario.PROTOCOL) {
            return protocol.simulate(seed, index);
        }
        UniformRandomProvider rng = Simulator.trackRandom(seed, index);
        UniformRandomProvider blur = blurShare > 0 ? Simulator.trackRandom(seed ^ BLUR_SALT, index) : null;
        return render(String.valueOf(index), plan(scenario, rng), rng, blur);
    }

    /**
     * The scenario of track {@code index} in the mixture (or the fixed one).
     *
     * @param seed set seed
     * @param index track number
     * @return its scenario
     */
    public WideScenario scenarioOf(long seed, long index) {
        return only != null ? only : draw(Simulator.trackRandom(seed ^ SCENARIO_SALT, index).nextDouble());
    }

    private static WideScenario draw(double u) {
        double acc = 0;
        WideScenario last = WideScenario.PROTOCOL;
        for (WideScenario s : WideScenario.values()) {
            if (s.weight() > 0) {
                acc += s.weight();
                last = s;
                if (u < acc) {
                    return s;
                }
            }
        }
        return last;
    }

    /** @return the recipe as written into spec.json and model manifests */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "org.deepspt.sim.WideSimulator");
        m.put("recipe", "wide");
        m.put("dimension", dimension);
        m.put("frameIntervalSeconds", 1.0);
        m.put("lengthRange", List.of(lengthMin, lengthMax));
        m.put("lengthDistribution", "log-uniform (protocol part: uniform in [max(5, min), max])");
        m.put("snrRange", List.of(SNR_MIN, SNR_MAX));
        m.put("snrDistribution", "log-uniform; sigma = sqrt(Dmin dt)/Q, one per track");
        m.put("diffusionRange", List.of(D_MIN, D_MAX));
        Map<String, Object> w = new LinkedHashMap<>();
        Map<WideScenario, Double> weights = new EnumMap<>(WideScenario.class);
        for (WideScenario s : WideScenario.values()) {
            weights.put(s, only == null ? s.weight() : (s == only ? 1.0 : 0.0));
        }
        weights.forEach((s, v) -> w.put(s.optionName(), v));
        m.put("scenarios", w);
        m.put("summary", "DeepSPT protocol 30 %, D change within a class 15 %, class change with/without D change "
                + "15 %, walls at the same D 10 %, trapped segments 8 %, single-state 22 %; label = motion class");
        if (blurShare > 0) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("share", blurShare);
            b.put("exposureFractionRange", List.of(exposureMin, exposureMax));
            b.put("model", MOTION_BLUR_MODEL);
            m.put("motionBlur", b);
        }
        return m;
    }

    /**
     * What track {@code index} is made of, for tests and diagnostics: the same draws as {@link #simulate}.
     *
     * @param seed set seed
     * @param index track number
     * @return its plan, or null for a protocol track (see {@link Simulator})
     */
    TrackPlan planOf(long seed, long index) {
        WideScenario scenario = scenarioOf(seed, index);
        if (scenario == WideScenario.PROTOCOL) {
            return null;
        }
        UniformRandomProvider rng = Simulator.trackRandom(seed, index);
        List<Seg> segs = plan(scenario, rng);
        double q = logUniform(rng, SNR_MIN, SNR_MAX);
        List<SegmentPlan> out = new ArrayList<>();
        for (Seg g : segs) {
            out.add(new SegmentPlan(g.state, g.length, g.d, g.fbm ? g.alpha : 1, g.cageFactor, g.trapFactor));
        }
        return new TrackPlan(scenario, q, Math.sqrt(minMobileD(segs)) / q, List.copyOf(out));
    }

    /**
     * The true state, D and α of every point of track {@code index} (a {@link TrueMotion} with everything known),
     * from the same draws as {@link #simulate} without rendering the positions (protocol tracks:
     * {@link Simulator#truthOf}). D is the segment's coefficient as rendered (frame interval 1 s, so
     * µm²/s<sup>α</sup> = µm²/s·s<sup>1−α</sup> with the same number): the planned D, or for a trapped segment the D
     * of its caged walk, max(D, a²) with a the cage's first semi-axis (µm); α the fBm exponent of subdiffusive and
     * fBm-directed segments, 1 otherwise.
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
        WideScenario scenario = scenarioOf(seed, index);
        if (scenario == WideScenario.PROTOCOL) {
            return protocol.truthOf(seed, index);
        }
        UniformRandomProvider rng = Simulator.trackRandom(seed, index);
        List<Seg> segs = plan(scenario, rng);
        double sigma = Math.sqrt(minMobileD(segs)) / logUniform(rng, SNR_MIN, SNR_MAX);
        int n = 0;
        for (Seg g : segs) {
            n += g.length;
        }
        int[] states = new int[n];
        double[] d = new double[n];
        double[] alpha = new double[n];
        int at = 0;
        for (Seg g : segs) {
            Arrays.fill(states, at, at + g.length, g.state.index());
            Arrays.fill(d, at, at + g.length, renderedDiffusion(g, sigma));
            Arrays.fill(alpha, at, at + g.length, g.fbm ? g.alpha : 1.0);
            at += g.length;
        }
        return TrueMotion.consecutive(String.valueOf(index), states, d, alpha);
    }

    /** First semi-axis of a trapped segment's cage, µm: the trap factor times σ (at least 10⁻⁹ µm). */
    private static double trapSemiAxis(Seg s, double sigma) {
        return Math.max(1e-9, s.trapFactor * sigma);
    }

    /**
     * D of a segment's walk as rendered, µm²/s: its planned D; a trapped segment's raised to a² so that the cage is
     * explored.
     */
    private static double renderedDiffusion(Seg s, double sigma) {
        if (s.trapFactor <= 0) {
            return s.d;
        }
        double a = trapSemiAxis(s, sigma);
        return Math.max(s.d, a * a);
    }

    /** A track's scenario, Q, localisation σ (µm) and segments. */
    record TrackPlan(WideScenario scenario, double snr, double sigma, List<SegmentPlan> segments) {
    }

    /** One segment: class, points, D (µm²/s), α, relative cage factor, trap factor. */
    record SegmentPlan(DiffusionState state, int length, double diffusion, double alpha, double cageFactor,
            double trapFactor) {
    }

    private static double minMobileD(List<Seg> segs) {
        double dMin = Double.POSITIVE_INFINITY;
        for (Seg s : segs) {
            if (s.trapFactor <= 0) {
                dMin = Math.min(dMin, s.d);
            }
        }
        return Double.isFinite(dMin) ? dMin : segs.get(0).d;
    }

    // ------------------------------------------------------------------------------------------- planning

    /** One segment to render: class, length and its physical parameters. */
    private static final class Seg {
        DiffusionState state;
        int length;
        double d;
        double alpha = 1;           // fBm exponent (normal: 1)
        boolean fbm;                // subdiffusive or superdiffusive directed
        double[] velocity;          // drift directed
        double cageFactor;          // > 0: cage semi-axis = factor * sqrt(2 D dt); < 0: paper's absolute axes
        double trapFactor;          // > 0: trapped, cage semi-axis = factor * sigma
        double semiAxis;            // confined: the rendered cage's first (largest) semi-axis, µm (blur only)
    }

    private List<Seg> plan(WideScenario scenario, UniformRandomProvider rng) {
        int n = logUniformInt(rng, lengthMin, lengthMax);
        int kMax = Math.min(4, n / MIN_SEGMENT);
        boolean multi = scenario != WideScenario.SINGLE && scenario != WideScenario.BROWNIAN && kMax >= 2;
        int k = multi ? (scenario == WideScenario.BROWNIAN_D_JUMP ? 2 : 2 + rng.nextInt(kMax - 1)) : 1;
        int[] lengths = split(n, k, rng);
        double d0 = logUniform(rng, D_MIN, D_MAX);
        List<Seg> segs = new ArrayList<>(k);
        switch (scenario) {
            case D_CHANGE -> {
                double u = rng.nextDouble();
                DiffusionState c = u < 0.5 ? DiffusionState.NORMAL : u < 0.8 ? DiffusionState.SUBDIFFUSIVE
                        : u < 0.9 ? DiffusionState.DIRECTED : DiffusionState.CONFINED;
                Seg proto = segment(c, d0, rng);
                double d = d0;
                for (int j = 0; j < k; j++) {
                    if (j > 0) {
                        d = jump(d, 10, 100, rng);
                    }
                    Seg s = copyOf(proto, d);
                    s.length = lengths[j];
                    segs.add(s);
                }
            }
            case CLASS_CHANGE -> {
                double d = d0;
                DiffusionState prev = null;
                for (int j = 0; j < k; j++) {
                    DiffusionState c = otherThan(prev, rng);
                    if (j > 0 && rng.nextDouble() >= 0.4) {
                        d = jump(d, 2, 100, rng);
                    }
                    Seg s = segment(c, d, rng);
                    s.length = lengths[j];
                    segs.add(s);
                    prev = c;
                }
            }
            case WALLS -> {
                boolean confined = rng.nextBoolean();
                for (int j = 0; j < k; j++) {
                    Seg s = new Seg();
                    s.state = confined ? DiffusionState.CONFINED : DiffusionState.NORMAL;
                    s.d = d0;
                    s.length = lengths[j];
                    if (confined) {
                        s.cageFactor = relativeCage(rng, s.length);
                    }
                    segs.add(s);
                    confined = !confined;
                }
            }
            case TRAPPED -> {
                boolean trapped = rng.nextBoolean();
                double d = d0;
                DiffusionState mobile = rng.nextDouble() < 0.7 ? DiffusionState.NORMAL : DiffusionState.SUBDIFFUSIVE;
                Seg mob = segment(mobile, d0, rng);
                for (int j = 0; j < k; j++) {
                    Seg s;
                    if (trapped) {
                        s = new Seg();
                        s.state = DiffusionState.CONFINED;
                        s.d = d;
                        s.trapFactor = uniform(rng, 0.2, 1.0);
                    } else {
                        if (j > 1 && rng.nextBoolean()) {
                            d = jump(d, 2, 30, rng);
                        }
                        s = copyOf(mob, d);
                    }
                    s.length = lengths[j];
                    segs.add(s);
                    trapped = !trapped;
                }
            }
            case SINGLE -> {
                Seg s = segment(DiffusionState.values()[rng.nextInt(4)], d0, rng);
                s.length = n;
                if (s.state == DiffusionState.CONFINED) {
                    double u = rng.nextDouble();
                    if (u < 0.5) {
                        s.cageFactor = relativeCage(rng, n);
                    } else if (u < 0.75) {
                        s.cageFactor = -1;
                    } else {
                        s.cageFactor = 0;
                        s.trapFactor = uniform(rng, 0.2, 1.0);
                    }
                }
                segs.add(s);
            }
            case BROWNIAN_D_JUMP -> {
                double d = d0;
                for (int j = 0; j < k; j++) {
                    if (j > 0) {
                        d = jump(d, 10, 100, rng);
                    }
                    Seg s = segment(DiffusionState.NORMAL, d, rng);
                    s.length = lengths[j];
                    segs.add(s);
                }
            }
            case BROWNIAN -> {
                Seg s = segment(DiffusionState.NORMAL, d0, rng);
                s.length = n;
                segs.add(s);
            }
            default -> throw new IllegalStateException("scenario " + scenario + " is rendered by the protocol");
        }
        return segs;
    }

    /** A segment of a class with freshly drawn class parameters (confined: a cage relative to the step). */
    private Seg segment(DiffusionState c, double d, UniformRandomProvider rng) {
        Seg s = new Seg();
        s.state = c;
        s.d = d;
        switch (c) {
            case SUBDIFFUSIVE -> {
                s.fbm = true;
                s.alpha = uniform(rng, 0.05, 0.75);
            }
            case DIRECTED -> {
                if (rng.nextBoolean()) {
                    s.fbm = true;
                    s.alpha = uniform(rng, 1.5, 1.95);
                } else {
                    double r = uniform(rng, 5, 25);
                    int nv = 5 + rng.nextInt(596);
                    double v = Math.sqrt(4 * r * d / nv);
                    double[] dir = UnitSphereSampler.of(rng, dimension).sample();
                    s.velocity = new double[dimension];
                    for (int a = 0; a < dimension; a++) {
                        s.velocity[a] = v * dir[a];
                    }
                }
            }
            case CONFINED -> s.cageFactor = uniform(rng, 0.7, 4);
            default -> {
            }
        }
        return s;
    }

    private static Seg copyOf(Seg p, double d) {
        Seg s = new Seg();
        s.state = p.state;
        s.d = d;
        s.alpha = p.alpha;
        s.fbm = p.fbm;
        s.cageFactor = p.cageFactor;
        s.trapFactor = p.trapFactor;
        if (p.velocity != null) {
            // same R and N_v: v scales with √D
            double scale = Math.sqrt(d / p.d);
            s.velocity = p.velocity.clone();
            for (int a = 0; a < s.velocity.length; a++) {
                s.velocity[a] *= scale;
            }
        }
        return s;
    }

    private static double relativeCage(UniformRandomProvider rng, int length) {
        double hi = Math.max(0.7, Math.min(4, Math.sqrt(length / 2.0)));
        return logUniform(rng, 0.7, hi);
    }

    private static DiffusionState otherThan(DiffusionState prev, UniformRandomProvider rng) {
        if (prev == null) {
            return DiffusionState.values()[rng.nextInt(4)];
        }
        int s = rng.nextInt(3);
        if (s >= prev.index()) {
            s++;
        }
        return DiffusionState.values()[s];
    }

    private static double jump(double d, double fMin, double fMax, UniformRandomProvider rng) {
        double f = logUniform(rng, fMin, fMax);
        boolean up = rng.nextBoolean();
        double next = up ? d * f : d / f;
        if (next > D_CEIL || next < D_FLOOR) {
            next = up ? d / f : d * f;
        }
        return next;
    }

    private static int[] split(int n, int k, UniformRandomProvider rng) {
        int free = n - MIN_SEGMENT * k;
        if (k == 1) {
            return new int[] {n};
        }
        int[] cuts = new int[k + 1];
        for (int j = 1; j < k; j++) {
            cuts[j] = rng.nextInt(free + 1);
        }
        cuts[k] = free;
        Arrays.sort(cuts, 1, k);
        int[] lengths = new int[k];
        for (int j = 0; j < k; j++) {
            lengths[j] = MIN_SEGMENT + cuts[j + 1] - cuts[j];
        }
        return lengths;
    }

    // ------------------------------------------------------------------------------------------- rendering

    private Trajectory render(String id, List<Seg> segs, UniformRandomProvider rng, UniformRandomProvider blur) {
        int dim = dimension;
        int n = 0;
        for (Seg s : segs) {
            n += s.length;
        }
        double dMin = minMobileD(segs);
        double q = logUniform(rng, SNR_MIN, SNR_MAX);
        double sigma = Math.sqrt(dMin) / q;
        double[][] pos = new double[dim][n];
        int[] labels = new int[n];
        double[] origin = new double[dim];
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        int offset = 0;
        for (int j = 0; j < segs.size(); j++) {
            Seg s = segs.get(j);
            // The first point of the track is the origin; every other point is one step.
            int first = j == 0 ? 1 : 0;
            int count = s.length - first;
            int at = offset + first;
            if (count > 0) {
                renderSegment(s, sigma, origin, rng, g, pos, at, count);
            }
            Arrays.fill(labels, offset, offset + s.length, s.state.index());
            offset += s.length;
            for (int a = 0; a < dim; a++) {
                origin[a] = pos[a][offset - 1];
            }
        }
        if (blur != null && blur.nextDouble() < blurShare) {
            blur(segs, sigma, pos, exposureMin + (exposureMax - exposureMin) * blur.nextDouble(), blur);
        }
        SegmentGenerator.addNoise(sigma, rng, pos, 0, n);
        return Trajectory.ofAxes(id, 1.0, pos).withStates(labels);
    }

    /**
     * Replaces the true positions by their exposure means (class comment; dt = 1 s). The interval after frame i is
     * walked with the dynamics of the segment of frame i + 1 (a segment's first step leads into its first point), so
     * its D sets the bridge spread; the last frame uses its own segment's. In a confined segment the spread is at most
     * the per-axis spread of a point uniform in the cage, a/√(d + 2) with a its first semi-axis: the exposure mean of
     * a caged walk stays in the cage, however large its D.
     *
     * @param f exposure fraction t_E/dt in [0, 1]
     */
    private static void blur(List<Seg> segs, double sigma, double[][] pos, double f, UniformRandomProvider rng) {
        if (f <= 0) {
            return;
        }
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        int dim = pos.length;
        int n = pos[0].length;
        Seg[] of = new Seg[n];
        int i = 0;
        for (Seg s : segs) {
            Arrays.fill(of, i, i + s.length, s);
            i += s.length;
        }
        for (i = 0; i < n; i++) {
            boolean last = i == n - 1;
            Seg s = of[last ? i : i + 1];
            double d = renderedDiffusion(s, sigma);
            double spread = Math.sqrt(2 * d * (last ? f / 3 : Math.max(0, f / 3 - f * f / 4)));
            if (s.state == DiffusionState.CONFINED) {
                spread = Math.min(spread, s.semiAxis / Math.sqrt(dim + 2));
            }
            for (int a = 0; a < dim; a++) {
                // frame i + 1 still holds its true position: frames are replaced in order
                double x = pos[a][i];
                double mean = last ? x + (s.velocity != null ? s.velocity[a] * f / 2 : 0)
                        : x + (pos[a][i + 1] - x) * f / 2;
                pos[a][i] = mean + spread * g.sample();
            }
        }
    }

    private void renderSegment(Seg s, double sigma, double[] origin, UniformRandomProvider rng,
            NormalizedGaussianSampler g, double[][] out, int offset, int count) {
        int dim = dimension;
        if (s.state == DiffusionState.CONFINED) {
            double[] semi = new double[dim];
            double first;
            if (s.trapFactor > 0) {
                first = trapSemiAxis(s, sigma);
            } else if (s.cageFactor > 0) {
                first = s.cageFactor * Math.sqrt(2 * s.d);
            } else {
                first = uniform(rng, 0.025, 0.125); // the protocol's full axes 0.05-0.25 µm, halved
            }
            semi[0] = first;
            s.semiAxis = first;
            for (int a = 1; a < dim; a++) {
                semi[a] = first * uniform(rng, 0.6, 1.0);
            }
            double[][] rot = dim == 2 ? TrackParameters.rotation2d(rng.nextDouble() * 2 * Math.PI)
                    : TrackParameters.rotation3d(g);
            // Entry point uniform inside the region: uniform in the unit ball, scaled per axis.
            double[] dir = UnitSphereSampler.of(rng, dim).sample();
            double radius = Math.pow(rng.nextDouble(), 1.0 / dim);
            double[] start = new double[dim];
            double[] centre = new double[dim];
            for (int a = 0; a < dim; a++) {
                start[a] = semi[a] * radius * dir[a];
            }
            for (int a = 0; a < dim; a++) {
                double lab = 0;
                for (int b = 0; b < dim; b++) {
                    lab += rot[a][b] * start[b];
                }
                centre[a] = origin[a] - lab;
            }
            double d = renderedDiffusion(s, sigma);
            SegmentGenerator.confined(d, semi, rot, 1.0, SUB_STEPS, centre, start, rng, out, offset, count);
        } else if (s.fbm) {
            SegmentGenerator.subdiffusive(s.d, s.alpha / 2, 1.0, origin, rng, out, offset, count);
        } else if (s.velocity != null) {
            SegmentGenerator.directed(s.d, s.velocity, 1.0, origin, rng, out, offset, count);
        } else {
            SegmentGenerator.normal(s.d, 1.0, origin, rng, out, offset, count);
        }
    }

    // ------------------------------------------------------------------------------------------- draws

    private static double uniform(UniformRandomProvider rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }

    private static double logUniform(UniformRandomProvider rng, double min, double max) {
        return StrictMath.exp(uniform(rng, StrictMath.log(min), StrictMath.log(max)));
    }

    private static int logUniformInt(UniformRandomProvider rng, int min, int max) {
        if (min == max) {
            return min;
        }
        // log-uniform over [min, max + 1) then floored: every integer gets its share of the continuum
        int n = (int) Math.floor(logUniform(rng, min, max + 1.0));
        return Math.min(max, Math.max(min, n));
    }

    @Override
    public String toString() {
        return "WideSimulator[dim=" + dimension + ", lengths=[" + lengthMin + ", " + lengthMax + "], scenario="
                + (only == null ? "mixture" : only.optionName()) + "]";
    }
}
