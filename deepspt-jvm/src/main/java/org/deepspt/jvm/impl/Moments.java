package org.deepspt.jvm.impl;

/**
 * The statistics of a normalisation over a run of float32 values, accumulated in double in two passes (the mean,
 * then the squared deviations from it): shared by {@link FusedGroupNorm} (per sample and group) and
 * {@link NnOps.InstanceNormalization} (per sample and channel), so that both round alike.
 */
final class Moments {
    private Moments() {
    }

    /**
     * @param xs values
     * @param base first index
     * @param n number of values, ≥ 1
     * @return μ = Σ xs[base + i] / n
     */
    static double mean(float[] xs, int base, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += xs[base + i];
        }
        return sum / n;
    }

    /**
     * @param xs values
     * @param base first index
     * @param n number of values, ≥ 1
     * @param mean their mean, {@link #mean}
     * @param epsilon ε
     * @return 1 / √(σ² + ε), σ² = Σ (xs[base + i] − μ)² / n (biased) rounded to float32 before ε is added, as a
     *     float32 reference computes it
     */
    static double inverseStd(float[] xs, int base, int n, double mean, float epsilon) {
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = xs[base + i] - mean;
            sq += d * d;
        }
        return 1.0 / Math.sqrt((float) (sq / n) + (double) epsilon);
    }
}
