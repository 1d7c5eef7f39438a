package org.deepspt.fingerprint;

/**
 * Step-length family: the m = N − 1 step lengths SL<sub>i</sub> = |r<sub>i+1</sub> − r<sub>i</sub>| of
 * consecutive points (µm) and the features {@code mean_step_length}, {@code total_step_length},
 * {@code min_step_length}, {@code max_step_length}, {@code step_length_range}, {@code speed},
 * {@code step_length_cv}, {@code fraction_short_steps} and {@code fraction_long_steps} (definitions on
 * {@link DiffusionalFingerprint}). The step lengths and their sums are shared with the shape and HMM
 * families. Per-thread scratch object (part of {@link DiffusionalFingerprint.Workspace}); not thread-safe.
 */
final class StepLengths {
    private double[] lengths = new double[0];
    private int steps;
    private double sum;
    private double sumOfSquares;
    private double min;
    private double max;
    private double variance;
    private int shortCount;
    private int longCount;

    /**
     * Measures the steps of points {@code from..from+n−1}.
     *
     * @param axes per-axis coordinates, µm
     * @param from first point
     * @param n number of points, ≥ 2
     * @param shortStep SL below which a step is short, µm
     * @param longStep SL above which a step is long, µm
     */
    void measure(double[][] axes, int from, int n, double shortStep, double longStep) {
        int m = n - 1;
        if (lengths.length < m) {
            lengths = new double[Math.max(m, 2 * lengths.length)];
        }
        int dim = axes.length;
        double s1 = 0;
        double s2sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        int shorts = 0;
        int longs = 0;
        for (int i = 0; i < m; i++) {
            double s2 = 0;
            for (int a = 0; a < dim; a++) {
                double d = axes[a][from + i + 1] - axes[a][from + i];
                s2 += d * d;
            }
            double s = Math.sqrt(s2);
            lengths[i] = s;
            s1 += s;
            s2sum += s2;
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
            if (s < shortStep) {
                shorts++;
            }
            if (s > longStep) {
                longs++;
            }
        }
        double mean = s1 / m;
        double var = 0;
        for (int i = 0; i < m; i++) {
            double d = lengths[i] - mean;
            var += d * d;
        }
        this.steps = m;
        this.sum = s1;
        this.sumOfSquares = s2sum;
        this.min = lo;
        this.max = hi;
        this.variance = var / m;
        this.shortCount = shorts;
        this.longCount = longs;
    }

    /** @return SL<sub>0..m−1</sub> in the first {@link #steps()} entries, µm (a buffer, not a copy) */
    double[] lengths() {
        return lengths;
    }

    /** @return m, the number of steps */
    int steps() {
        return steps;
    }

    /** @return Σ SL, µm */
    double sum() {
        return sum;
    }

    /** @return Σ SL², µm² */
    double sumOfSquares() {
        return sumOfSquares;
    }

    /**
     * Writes the step-length features.
     *
     * @param frameSpan frames between the first and last point (m without gaps)
     * @param dt frame interval, s
     * @param out destination, indexed by {@link FingerprintFeature#ordinal()} + {@code o}
     * @param o offset
     */
    void write(int frameSpan, double dt, double[] out, int o) {
        double mean = sum / steps;
        out[o + FingerprintFeature.MEAN_STEP_LENGTH.ordinal()] = mean;
        out[o + FingerprintFeature.TOTAL_STEP_LENGTH.ordinal()] = sum;
        out[o + FingerprintFeature.MIN_STEP_LENGTH.ordinal()] = min;
        out[o + FingerprintFeature.MAX_STEP_LENGTH.ordinal()] = max;
        out[o + FingerprintFeature.STEP_LENGTH_RANGE.ordinal()] = max - min;
        out[o + FingerprintFeature.SPEED.ordinal()] = sum / (frameSpan * dt);
        out[o + FingerprintFeature.STEP_LENGTH_CV.ordinal()] = mean > 0 ? Math.sqrt(variance) / mean : Double.NaN;
        out[o + FingerprintFeature.FRACTION_SHORT_STEPS.ordinal()] = (double) shortCount / steps;
        out[o + FingerprintFeature.FRACTION_LONG_STEPS.ordinal()] = (double) longCount / steps;
    }
}
