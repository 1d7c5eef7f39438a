package org.deepspt.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Per-feature standardisation z = (x − mean)/sd, fitted on training data only, with the missing-value rule
 * of this package.
 *
 * <p>Fit: mean and population standard deviation of each column over its <em>finite</em> values
 * (NaN and ±∞ are treated as missing). A column whose sd is 0 (constant) or undefined (fewer than one
 * finite value) gets sd = 1; a column without any finite value gets mean = 0. So standardisation never
 * produces NaN from finite input.
 *
 * <p>Transform: finite x → (x − mean)/sd, clamped to ±{@value #Z_LIMIT} (a value that far from the training data
 * carries no more information, and the clamp keeps z finite where (x − mean)/sd would overflow, e.g. x = 10³⁰⁸
 * with sd &lt; 1, so that the models' logits stay finite); a missing value (NaN, ±∞) → 0, i.e. the training mean
 * of that feature (mean imputation). The original DeepSPT code replaces NaN by 0 <em>before</em> standardising;
 * replacing it after standardising (by the mean) keeps a missing value neutral whatever the feature's
 * units (a raw 0 is far from typical for e.g. log_efficiency).
 *
 * <p>Immutable and thread-safe.
 */
public final class Standardizer {
    /** Largest |z| a transform gives, in standard deviations. */
    public static final double Z_LIMIT = 1000;

    private final double[] mean;
    private final double[] sd;

    private Standardizer(double[] mean, double[] sd) {
        this.mean = mean;
        this.sd = sd;
    }

    /**
     * @param mean per-feature mean (finite)
     * @param sd per-feature standard deviation (finite, &gt; 0)
     * @return the standardiser
     * @throws IllegalArgumentException when lengths differ or a value is out of range
     */
    public static Standardizer of(double[] mean, double[] sd) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(sd, "sd");
        if (mean.length != sd.length) {
            throw new IllegalArgumentException(mean.length + " means but " + sd.length + " standard deviations");
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("mean of feature " + j + " must be finite, got " + mean[j]);
            }
            if (!(sd[j] > 0) || !Double.isFinite(sd[j])) {
                throw new IllegalArgumentException("sd of feature " + j + " must be finite and > 0, got " + sd[j]);
            }
        }
        return new Standardizer(mean.clone(), sd.clone());
    }

    /**
     * Fits on the rows of a feature table.
     *
     * @param rows training rows, each of the same length p ≥ 1
     * @return the fitted standardiser
     */
    public static Standardizer fit(List<double[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a standardiser on zero rows");
        }
        int p = rows.get(0).length;
        double[] sum = new double[p];
        long[] count = new long[p];
        for (double[] r : rows) {
            if (r.length != p) {
                throw new IllegalArgumentException("rows of different lengths: " + p + " and " + r.length);
            }
            for (int j = 0; j < p; j++) {
                if (Double.isFinite(r[j])) {
                    sum[j] += r[j];
                    count[j]++;
                }
            }
        }
        double[] mean = new double[p];
        for (int j = 0; j < p; j++) {
            mean[j] = count[j] == 0 ? 0 : sum[j] / count[j];
        }
        double[] ss = new double[p];
        for (double[] r : rows) {
            for (int j = 0; j < p; j++) {
                if (Double.isFinite(r[j])) {
                    double d = r[j] - mean[j];
                    ss[j] += d * d;
                }
            }
        }
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            double s = count[j] == 0 ? 0 : Math.sqrt(ss[j] / count[j]);
            sd[j] = s > 0 && Double.isFinite(s) ? s : 1;
            if (!Double.isFinite(mean[j])) {
                mean[j] = 0; // sum overflowed: keep the scaler usable
            }
        }
        return new Standardizer(mean, sd);
    }

    /** @return number of features */
    public int size() {
        return mean.length;
    }

    /** @return per-feature means (copy) */
    public double[] mean() {
        return mean.clone();
    }

    /** @return per-feature standard deviations, all &gt; 0 (copy) */
    public double[] sd() {
        return sd.clone();
    }

    /**
     * @param x raw features (length {@link #size()})
     * @param out receives the standardised values; may be {@code x}
     */
    public void transform(double[] x, double[] out) {
        for (int j = 0; j < mean.length; j++) {
            double v = x[j];
            out[j] = Double.isFinite(v) ? Math.max(-Z_LIMIT, Math.min(Z_LIMIT, (v - mean[j]) / sd[j])) : 0;
        }
    }

    /**
     * @param x raw features
     * @return standardised copy
     */
    public double[] transform(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " features, got " + x.length);
        }
        double[] out = new double[x.length];
        transform(x, out);
        return out;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Standardizer s && Arrays.equals(mean, s.mean) && Arrays.equals(sd, s.sd);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(sd);
    }

    @Override
    public String toString() {
        return "Standardizer[mean=" + Arrays.toString(mean) + ", sd=" + Arrays.toString(sd) + "]";
    }
}
