package org.deepspt.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs for k classes, with the usual scores.
 *
 * <p>Definitions (tp<sub>c</sub> = count(c, c); T<sub>c</sub> = row sum = true instances of c;
 * P<sub>c</sub> = column sum = predicted instances of c):
 * <ul>
 *   <li>accuracy = Σ tp<sub>c</sub> / total (NaN when empty);</li>
 *   <li>recall(c) = tp<sub>c</sub>/T<sub>c</sub> (NaN when T<sub>c</sub> = 0);
 *       precision(c) = tp<sub>c</sub>/P<sub>c</sub> (NaN when P<sub>c</sub> = 0);</li>
 *   <li>f1(c) = 2·tp<sub>c</sub>/(T<sub>c</sub> + P<sub>c</sub>) — 0 when the class occurs (as truth or
 *       prediction) but is never hit, NaN when it occurs nowhere;</li>
 *   <li>macroF1 = mean of f1(c) over the classes that occur (T<sub>c</sub> + P<sub>c</sub> &gt; 0);
 *       classes with no true and no predicted instance are excluded, not counted as 0 or 1. A class
 *       that is true but never predicted (e.g. confined for the rolling-MSD baseline) counts with
 *       F1 = 0.</li>
 * </ul>
 *
 * <p>A mutable accumulator ({@link #add}); not thread-safe. Use {@link #copy()} to hand out snapshots.
 */
public final class ConfusionMatrix {
    private final int k;
    private final long[] counts;
    private final List<String> labels;

    private ConfusionMatrix(int k, List<String> labels) {
        this.k = k;
        this.counts = new long[k * k];
        this.labels = labels;
    }

    /**
     * @param k number of classes (≥ 1); labels are "0".."k−1"
     * @return an empty matrix
     */
    public static ConfusionMatrix of(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("number of classes must be >= 1, got " + k);
        }
        List<String> l = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            l.add(Integer.toString(c));
        }
        return new ConfusionMatrix(k, Collections.unmodifiableList(l));
    }

    /**
     * @param labels class names in index order (at least one)
     * @return an empty matrix with these labels
     */
    public static ConfusionMatrix of(List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("need at least one class label");
        }
        return new ConfusionMatrix(labels.size(), List.copyOf(labels));
    }

    /**
     * @param merge a class merge
     * @return an empty matrix with that merge's classes and labels
     */
    public static ConfusionMatrix of(ClassMerge merge) {
        return of(merge.labels());
    }

    /**
     * Counts one instance.
     *
     * @param trueClass 0..k−1
     * @param predictedClass 0..k−1
     * @return this
     */
    public ConfusionMatrix add(int trueClass, int predictedClass) {
        return add(trueClass, predictedClass, 1);
    }

    /**
     * @param trueClass 0..k−1
     * @param predictedClass 0..k−1
     * @param n number of instances (≥ 0)
     * @return this
     */
    public ConfusionMatrix add(int trueClass, int predictedClass, long n) {
        check(trueClass);
        check(predictedClass);
        if (n < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + n);
        }
        counts[trueClass * k + predictedClass] += n;
        return this;
    }

    /**
     * Adds all counts of another matrix with the same number of classes.
     *
     * @param other the other matrix
     * @return this
     */
    public ConfusionMatrix addAll(ConfusionMatrix other) {
        if (other.k != k) {
            throw new IllegalArgumentException("cannot add a " + other.k + "-class matrix to a " + k + "-class one");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        return this;
    }

    /** @return an independent copy */
    public ConfusionMatrix copy() {
        ConfusionMatrix c = new ConfusionMatrix(k, labels);
        System.arraycopy(counts, 0, c.counts, 0, counts.length);
        return c;
    }

    /** @return number of classes k */
    public int classes() {
        return k;
    }

    /** @return class labels in index order (unmodifiable) */
    public List<String> labels() {
        return labels;
    }

    /**
     * @param trueClass row
     * @param predictedClass column
     * @return the count
     */
    public long count(int trueClass, int predictedClass) {
        check(trueClass);
        check(predictedClass);
        return counts[trueClass * k + predictedClass];
    }

    /** @return a copy of the counts, {@code [true][predicted]} */
    public long[][] counts() {
        long[][] out = new long[k][k];
        for (int t = 0; t < k; t++) {
            System.arraycopy(counts, t * k, out[t], 0, k);
        }
        return out;
    }

    /** @param c class @return number of true instances of c (row sum) */
    public long trueCount(int c) {
        check(c);
        long s = 0;
        for (int p = 0; p < k; p++) {
            s += counts[c * k + p];
        }
        return s;
    }

    /** @param c class @return number of predicted instances of c (column sum) */
    public long predictedCount(int c) {
        check(c);
        long s = 0;
        for (int t = 0; t < k; t++) {
            s += counts[t * k + c];
        }
        return s;
    }

    /** @return total number of instances */
    public long total() {
        long s = 0;
        for (long v : counts) {
            s += v;
        }
        return s;
    }

    /**
     * @return row-normalised matrix: {@code [t][p] = count(t, p)/trueCount(t)}; rows of classes with no
     *     true instance are all NaN
     */
    public double[][] normalisedByTrue() {
        double[][] out = new double[k][k];
        for (int t = 0; t < k; t++) {
            long row = trueCount(t);
            for (int p = 0; p < k; p++) {
                out[t][p] = row == 0 ? Double.NaN : counts[t * k + p] / (double) row;
            }
        }
        return out;
    }

    /** @return fraction of instances on the diagonal; NaN when empty */
    public double accuracy() {
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        long diag = 0;
        for (int c = 0; c < k; c++) {
            diag += counts[c * k + c];
        }
        return diag / (double) total;
    }

    /** @param c class @return tp/T; NaN when the class has no true instance */
    public double recall(int c) {
        long t = trueCount(c);
        return t == 0 ? Double.NaN : counts[c * k + c] / (double) t;
    }

    /** @param c class @return tp/P; NaN when the class is never predicted */
    public double precision(int c) {
        long p = predictedCount(c);
        return p == 0 ? Double.NaN : counts[c * k + c] / (double) p;
    }

    /** @param c class @return 2·tp/(T + P); NaN when T + P = 0 */
    public double f1(int c) {
        long denom = trueCount(c) + predictedCount(c);
        return denom == 0 ? Double.NaN : 2.0 * counts[c * k + c] / denom;
    }

    /** @return mean F1 over the classes that occur as truth or prediction; NaN when empty */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < k; c++) {
            double f = f1(c);
            if (!Double.isNaN(f)) {
                sum += f;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * @param normalised true: row-normalised fractions; false: counts
     * @return a text table, rows = true class, columns = predicted class, with recall/precision/F1
     */
    public String toTable(boolean normalised) {
        int width = 9;
        for (String l : labels) {
            width = Math.max(width, l.length() + 2);
        }
        String cell = "%" + width + "s";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, cell, "true\\pred"));
        for (String l : labels) {
            sb.append(String.format(Locale.ROOT, cell, l));
        }
        sb.append(String.format(Locale.ROOT, "%10s%10s%10s%10s%n", "n", "recall", "precision", "F1"));
        double[][] norm = normalisedByTrue();
        for (int t = 0; t < k; t++) {
            sb.append(String.format(Locale.ROOT, cell, labels.get(t)));
            for (int p = 0; p < k; p++) {
                sb.append(String.format(Locale.ROOT, cell, normalised ? fmt(norm[t][p])
                        : Long.toString(counts[t * k + p])));
            }
            sb.append(String.format(Locale.ROOT, "%10d%10s%10s%10s%n", trueCount(t), fmt(recall(t)),
                    fmt(precision(t)), fmt(f1(t))));
        }
        sb.append(String.format(Locale.ROOT, "accuracy %s, macro-F1 %s, n = %d%n", fmt(accuracy()),
                fmt(macroF1()), total()));
        return sb.toString();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private void check(int c) {
        if (c < 0 || c >= k) {
            throw new IllegalArgumentException("class must be 0.." + (k - 1) + ", got " + c);
        }
    }

    /** @return the count table ({@link #toTable(boolean) toTable(false)}) */
    @Override
    public String toString() {
        return toTable(false);
    }
}
