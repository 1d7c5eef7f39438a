package org.deepspt.sim;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.deepspt.api.DiffusionState;
import org.jspecify.annotations.Nullable;

/**
 * Immutable parameters of a simulated trajectory population, defaults equal to the published DeepSPT
 * training/test protocol (Kæstel-Hansen et al., Nat. Methods 2025, doi:10.1038/s41592-025-02665-8).
 *
 * <table>
 *   <caption>Parameters and defaults ({@link #paper(int)})</caption>
 *   <tr><th>parameter</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>frameInterval</td><td>1.0 s</td><td>dt</td></tr>
 *   <tr><td>diffusionRange</td><td>[1e−4, 0.5] µm²/s</td><td>D, log-uniform, one per track</td></tr>
 *   <tr><td>lengthRange</td><td>[5, 600] points</td><td>N, uniform integer</td></tr>
 *   <tr><td>snrRange</td><td>[1, 16]</td><td>Q, uniform; noise σ per axis = √(D·dt)/Q (directed:
 *       √(D·dt + v²dt²)/Q)</td></tr>
 *   <tr><td>noise</td><td>true</td><td>false: recorded positions are the true positions</td></tr>
 *   <tr><td>directedRRange</td><td>[5, 25]</td><td>R in v = √(4·R·D/(N<sub>v</sub>·dt))</td></tr>
 *   <tr><td>directedNvRange</td><td>[5, 600]</td><td>N<sub>v</sub>, uniform integer</td></tr>
 *   <tr><td>confinementAxisRange</td><td>[0.05, 0.25] µm</td><td>full axis lengths of the
 *       ellipse/ellipsoid, each uniform</td></tr>
 *   <tr><td>confinementSubSteps</td><td>100</td><td>Brownian sub-steps per frame in confinement</td></tr>
 *   <tr><td>alphaRange</td><td>[0, 0.7]</td><td>anomalous exponent α of subdiffusion, H = α/2</td></tr>
 *   <tr><td>heterogeneousFraction</td><td>0.8</td><td>probability that a track has several segments
 *       (0 = single-state tracks only)</td></tr>
 *   <tr><td>segmentCountRange</td><td>[2, 4]</td><td>k, segments of a heterogeneous track</td></tr>
 *   <tr><td>minSegmentLength</td><td>5 points</td><td>shortest segment of a heterogeneous track</td></tr>
 *   <tr><td>allowedStates</td><td>all four</td><td>states drawn (uniformly)</td></tr>
 * </table>
 *
 * <p>Validation happens in {@link Builder#build()} and throws {@link IllegalArgumentException} naming the
 * field. A range may be degenerate (min = max) to fix a parameter. Heterogeneous tracks need at least two
 * allowed states and {@code lengthMax ≥ minSegmentLength·segmentCountMin}. Instances are immutable and
 * thread-safe.
 */
public final class SimulationConfig {
    private final int dimension;
    private final double frameInterval;
    private final double diffusionMin;
    private final double diffusionMax;
    private final int lengthMin;
    private final int lengthMax;
    private final double snrMin;
    private final double snrMax;
    private final boolean noise;
    private final double directedRMin;
    private final double directedRMax;
    private final int directedNvMin;
    private final int directedNvMax;
    private final double confinementAxisMin;
    private final double confinementAxisMax;
    private final int confinementSubSteps;
    private final double alphaMin;
    private final double alphaMax;
    private final double heterogeneousFraction;
    private final int segmentCountMin;
    private final int segmentCountMax;
    private final int minSegmentLength;
    private final Set<DiffusionState> allowedStates;

    private SimulationConfig(Builder b) {
        this.dimension = b.dimension;
        this.frameInterval = b.frameInterval;
        this.diffusionMin = b.diffusionMin;
        this.diffusionMax = b.diffusionMax;
        this.lengthMin = b.lengthMin;
        this.lengthMax = b.lengthMax;
        this.snrMin = b.snrMin;
        this.snrMax = b.snrMax;
        this.noise = b.noise;
        this.directedRMin = b.directedRMin;
        this.directedRMax = b.directedRMax;
        this.directedNvMin = b.directedNvMin;
        this.directedNvMax = b.directedNvMax;
        this.confinementAxisMin = b.confinementAxisMin;
        this.confinementAxisMax = b.confinementAxisMax;
        this.confinementSubSteps = b.confinementSubSteps;
        this.alphaMin = b.alphaMin;
        this.alphaMax = b.alphaMax;
        this.heterogeneousFraction = b.heterogeneousFraction;
        this.segmentCountMin = b.segmentCountMin;
        this.segmentCountMax = b.segmentCountMax;
        this.minSegmentLength = b.minSegmentLength;
        this.allowedStates = Collections.unmodifiableSet(EnumSet.copyOf(b.allowedStates));
    }

    /**
     * @param dimension 2 or 3
     * @return the published protocol's configuration for that dimension
     * @throws IllegalArgumentException if the dimension is not 2 or 3
     */
    public static SimulationConfig paper(int dimension) {
        return builder(dimension).build();
    }

    /**
     * @param dimension 2 or 3
     * @return a builder preset to the published protocol ({@link #paper(int)})
     * @throws IllegalArgumentException if the dimension is not 2 or 3
     */
    public static Builder builder(int dimension) {
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        return new Builder(dimension);
    }

    /** @return a builder preset to this configuration */
    public Builder toBuilder() {
        Builder b = new Builder(dimension);
        b.frameInterval = frameInterval;
        b.diffusionMin = diffusionMin;
        b.diffusionMax = diffusionMax;
        b.lengthMin = lengthMin;
        b.lengthMax = lengthMax;
        b.snrMin = snrMin;
        b.snrMax = snrMax;
        b.noise = noise;
        b.directedRMin = directedRMin;
        b.directedRMax = directedRMax;
        b.directedNvMin = directedNvMin;
        b.directedNvMax = directedNvMax;
        b.confinementAxisMin = confinementAxisMin;
        b.confinementAxisMax = confinementAxisMax;
        b.confinementSubSteps = confinementSubSteps;
        b.alphaMin = alphaMin;
        b.alphaMax = alphaMax;
        b.heterogeneousFraction = heterogeneousFraction;
        b.segmentCountMin = segmentCountMin;
        b.segmentCountMax = segmentCountMax;
        b.minSegmentLength = minSegmentLength;
        b.allowedStates = EnumSet.copyOf(allowedStates);
        return b;
    }

    /** @return 2 or 3 */
    public int dimension() {
        return dimension;
    }

    /** @return frame interval dt, s */
    public double frameInterval() {
        return frameInterval;
    }

    /** @return lower bound of the log-uniform diffusion coefficient, µm²/s */
    public double diffusionMin() {
        return diffusionMin;
    }

    /** @return upper bound of the log-uniform diffusion coefficient, µm²/s */
    public double diffusionMax() {
        return diffusionMax;
    }

    /** @return shortest track, points */
    public int lengthMin() {
        return lengthMin;
    }

    /** @return longest track, points */
    public int lengthMax() {
        return lengthMax;
    }

    /** @return lower bound of the signal-to-noise ratio Q */
    public double snrMin() {
        return snrMin;
    }

    /** @return upper bound of the signal-to-noise ratio Q */
    public double snrMax() {
        return snrMax;
    }

    /** @return true when localisation noise is added to the recorded positions */
    public boolean noise() {
        return noise;
    }

    /** @return lower bound of R (directed speed factor, dimensionless) */
    public double directedRMin() {
        return directedRMin;
    }

    /** @return upper bound of R */
    public double directedRMax() {
        return directedRMax;
    }

    /** @return lower bound of N<sub>v</sub> (directed speed length scale, frames) */
    public int directedNvMin() {
        return directedNvMin;
    }

    /** @return upper bound of N<sub>v</sub>, frames */
    public int directedNvMax() {
        return directedNvMax;
    }

    /** @return lower bound of a confinement full axis length, µm */
    public double confinementAxisMin() {
        return confinementAxisMin;
    }

    /** @return upper bound of a confinement full axis length, µm */
    public double confinementAxisMax() {
        return confinementAxisMax;
    }

    /** @return Brownian sub-steps per frame inside a confinement */
    public int confinementSubSteps() {
        return confinementSubSteps;
    }

    /** @return lower bound of the subdiffusive exponent α */
    public double alphaMin() {
        return alphaMin;
    }

    /** @return upper bound of the subdiffusive exponent α */
    public double alphaMax() {
        return alphaMax;
    }

    /** @return probability that a track is heterogeneous (several segments), 0..1 */
    public double heterogeneousFraction() {
        return heterogeneousFraction;
    }

    /** @return fewest segments of a heterogeneous track */
    public int segmentCountMin() {
        return segmentCountMin;
    }

    /** @return most segments of a heterogeneous track */
    public int segmentCountMax() {
        return segmentCountMax;
    }

    /** @return shortest segment of a heterogeneous track, points */
    public int minSegmentLength() {
        return minSegmentLength;
    }

    /** @return the states that are drawn (unmodifiable, in index order) */
    public Set<DiffusionState> allowedStates() {
        return allowedStates;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SimulationConfig c)) {
            return false;
        }
        return dimension == c.dimension && frameInterval == c.frameInterval && diffusionMin == c.diffusionMin
                && diffusionMax == c.diffusionMax && lengthMin == c.lengthMin && lengthMax == c.lengthMax
                && snrMin == c.snrMin && snrMax == c.snrMax && noise == c.noise
                && directedRMin == c.directedRMin && directedRMax == c.directedRMax
                && directedNvMin == c.directedNvMin && directedNvMax == c.directedNvMax
                && confinementAxisMin == c.confinementAxisMin && confinementAxisMax == c.confinementAxisMax
                && confinementSubSteps == c.confinementSubSteps && alphaMin == c.alphaMin
                && alphaMax == c.alphaMax && heterogeneousFraction == c.heterogeneousFraction
                && segmentCountMin == c.segmentCountMin && segmentCountMax == c.segmentCountMax
                && minSegmentLength == c.minSegmentLength && allowedStates.equals(c.allowedStates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dimension, frameInterval, diffusionMin, diffusionMax, lengthMin, lengthMax, snrMin,
                snrMax, noise, directedRMin, directedRMax, directedNvMin, directedNvMax, confinementAxisMin,
                confinementAxisMax, confinementSubSteps, alphaMin, alphaMax, heterogeneousFraction,
                segmentCountMin, segmentCountMax, minSegmentLength, allowedStates);
    }

    @Override
    public String toString() {
        return "SimulationConfig[dim=" + dimension + ", dt=" + frameInterval + " s, D=[" + diffusionMin + ", "
                + diffusionMax + "] µm²/s, N=[" + lengthMin + ", " + lengthMax + "], Q=[" + snrMin + ", "
                + snrMax + "], noise=" + noise + ", R=[" + directedRMin + ", " + directedRMax + "], Nv=["
                + directedNvMin + ", " + directedNvMax + "], axes=[" + confinementAxisMin + ", "
                + confinementAxisMax + "] µm, subSteps=" + confinementSubSteps + ", alpha=[" + alphaMin + ", "
                + alphaMax + "], heterogeneous=" + heterogeneousFraction + ", k=[" + segmentCountMin + ", "
                + segmentCountMax + "], minSegment=" + minSegmentLength + ", states=" + allowedStates + "]";
    }

    /** Mutable builder, preset to the published protocol; not thread-safe. */
    public static final class Builder {
        private final int dimension;
        private double frameInterval = 1.0;
        private double diffusionMin = 1e-4;
        private double diffusionMax = 0.5;
        private int lengthMin = 5;
        private int lengthMax = 600;
        private double snrMin = 1;
        private double snrMax = 16;
        private boolean noise = true;
        private double directedRMin = 5;
        private double directedRMax = 25;
        private int directedNvMin = 5;
        private int directedNvMax = 600;
        private double confinementAxisMin = 0.05;
        private double confinementAxisMax = 0.25;
        private int confinementSubSteps = 100;
        private double alphaMin = 0;
        private double alphaMax = 0.7;
        private double heterogeneousFraction = 0.8;
        private int segmentCountMin = 2;
        private int segmentCountMax = 4;
        private int minSegmentLength = 5;
        private EnumSet<DiffusionState> allowedStates = EnumSet.allOf(DiffusionState.class);

        private Builder(int dimension) {
            this.dimension = dimension;
        }

        /**
         * @param seconds frame interval dt, s (finite, &gt; 0)
         * @return this
         */
        public Builder frameInterval(double seconds) {
            this.frameInterval = seconds;
            return this;
        }

        /**
         * @param min lower bound, µm²/s (&gt; 0)
         * @param max upper bound, µm²/s (≥ min); D is drawn log-uniformly
         * @return this
         */
        public Builder diffusionRange(double min, double max) {
            this.diffusionMin = min;
            this.diffusionMax = max;
            return this;
        }

        /**
         * @param min shortest track, points (≥ 2)
         * @param max longest track, points (≥ min)
         * @return this
         */
        public Builder lengthRange(int min, int max) {
            this.lengthMin = min;
            this.lengthMax = max;
            return this;
        }

        /**
         * @param n every track's length, points (heterogeneous tracks keep it too)
         * @return this
         */
        public Builder fixedLength(int n) {
            return lengthRange(n, n);
        }

        /**
         * @param min lower bound of Q (&gt; 0)
         * @param max upper bound of Q (≥ min)
         * @return this
         */
        public Builder snrRange(double min, double max) {
            this.snrMin = min;
            this.snrMax = max;
            return this;
        }

        /**
         * @param q fixed signal-to-noise ratio Q (&gt; 0)
         * @return this
         */
        public Builder fixedSnr(double q) {
            return snrRange(q, q);
        }

        /**
         * @param enabled false to record the true positions
         * @return this
         */
        public Builder noise(boolean enabled) {
            this.noise = enabled;
            return this;
        }

        /**
         * @param min lower bound of R (≥ 0)
         * @param max upper bound of R (≥ min)
         * @return this
         */
        public Builder directedRRange(double min, double max) {
            this.directedRMin = min;
            this.directedRMax = max;
            return this;
        }

        /**
         * @param min lower bound of N<sub>v</sub>, frames (≥ 1)
         * @param max upper bound, frames (≥ min)
         * @return this
         */
        public Builder directedNvRange(int min, int max) {
            this.directedNvMin = min;
            this.directedNvMax = max;
            return this;
        }

        /**
         * @param min lower bound of a full axis length, µm (&gt; 0)
         * @param max upper bound, µm (≥ min)
         * @return this
         */
        public Builder confinementAxisRange(double min, double max) {
            this.confinementAxisMin = min;
            this.confinementAxisMax = max;
            return this;
        }

        /**
         * @param subSteps Brownian sub-steps per frame in confinement (≥ 1)
         * @return this
         */
        public Builder confinementSubSteps(int subSteps) {
            this.confinementSubSteps = subSteps;
            return this;
        }

        /**
         * @param min lower bound of α (≥ 0)
         * @param max upper bound of α (≥ min, &lt; 2)
         * @return this
         */
        public Builder alphaRange(double min, double max) {
            this.alphaMin = min;
            this.alphaMax = max;
            return this;
        }

        /**
         * @param fraction probability of a heterogeneous track, 0..1
         * @return this
         */
        public Builder heterogeneousFraction(double fraction) {
            this.heterogeneousFraction = fraction;
            return this;
        }

        /**
         * @param min fewest segments (≥ 2)
         * @param max most segments (≥ min)
         * @return this
         */
        public Builder segmentCountRange(int min, int max) {
            this.segmentCountMin = min;
            this.segmentCountMax = max;
            return this;
        }

        /**
         * @param points shortest segment of a heterogeneous track (≥ 1)
         * @return this
         */
        public Builder minSegmentLength(int points) {
            this.minSegmentLength = points;
            return this;
        }

        /**
         * @param states states to draw (non-empty)
         * @return this
         */
        public Builder allowedStates(Set<DiffusionState> states) {
            Objects.requireNonNull(states, "allowedStates");
            this.allowedStates = states.isEmpty() ? EnumSet.noneOf(DiffusionState.class) : EnumSet.copyOf(states);
            return this;
        }

        /**
         * @param states states to draw (non-empty)
         * @return this
         */
        public Builder allowedStates(DiffusionState... states) {
            EnumSet<DiffusionState> s = EnumSet.noneOf(DiffusionState.class);
            for (DiffusionState st : states) {
                s.add(Objects.requireNonNull(st, "allowedStates element"));
            }
            this.allowedStates = s;
            return this;
        }

        /**
         * @return the validated configuration
         * @throws IllegalArgumentException naming the first invalid field
         */
        public SimulationConfig build() {
            positiveFinite("frameInterval", frameInterval);
            range("diffusionRange", diffusionMin, diffusionMax, 0, true);
            if (lengthMin < 2 || lengthMax < lengthMin) {
                throw new IllegalArgumentException("lengthRange must satisfy 2 <= min <= max, got [" + lengthMin
                        + ", " + lengthMax + "]");
            }
            range("snrRange", snrMin, snrMax, 0, true);
            range("directedRRange", directedRMin, directedRMax, 0, false);
            if (directedNvMin < 1 || directedNvMax < directedNvMin) {
                throw new IllegalArgumentException("directedNvRange must satisfy 1 <= min <= max, got ["
                        + directedNvMin + ", " + directedNvMax + "]");
            }
            range("confinementAxisRange", confinementAxisMin, confinementAxisMax, 0, true);
            if (confinementSubSteps < 1) {
                throw new IllegalArgumentException("confinementSubSteps must be >= 1, got " + confinementSubSteps);
            }
            range("alphaRange", alphaMin, alphaMax, 0, false);
            if (!(alphaMax < 2)) {
                throw new IllegalArgumentException("alphaRange max must be < 2 (Hurst < 1), got " + alphaMax);
            }
            if (!(heterogeneousFraction >= 0 && heterogeneousFraction <= 1)) {
                throw new IllegalArgumentException("heterogeneousFraction must be in [0, 1], got "
                        + heterogeneousFraction);
            }
            if (segmentCountMin < 2 || segmentCountMax < segmentCountMin) {
                throw new IllegalArgumentException("segmentCountRange must satisfy 2 <= min <= max, got ["
                        + segmentCountMin + ", " + segmentCountMax + "]");
            }
            if (minSegmentLength < 1) {
                throw new IllegalArgumentException("minSegmentLength must be >= 1, got " + minSegmentLength);
            }
            if (allowedStates.isEmpty()) {
                throw new IllegalArgumentException("allowedStates must not be empty");
            }
            if (heterogeneousFraction > 0) {
                if (allowedStates.size() < 2) {
                    throw new IllegalArgumentException("allowedStates must hold >= 2 states when "
                            + "heterogeneousFraction > 0, got " + allowedStates);
                }
                if ((long) minSegmentLength * segmentCountMin > lengthMax) {
                    throw new IllegalArgumentException("lengthRange max " + lengthMax + " is shorter than "
                            + "minSegmentLength * segmentCountRange min = " + minSegmentLength + " * "
                            + segmentCountMin + " needed by heterogeneous tracks");
                }
            }
            return new SimulationConfig(this);
        }

        private static void positiveFinite(String field, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(field + " must be finite and > 0, got " + v);
            }
        }

        private static void range(String field, double min, double max, double floor, boolean strict) {
            boolean minOk = strict ? min > floor : min >= floor;
            if (!minOk || !(max >= min) || Double.isInfinite(max)) {
                throw new IllegalArgumentException(field + " must satisfy " + floor + (strict ? " < " : " <= ")
                        + "min <= max < infinity, got [" + min + ", " + max + "]");
            }
        }
    }
}
