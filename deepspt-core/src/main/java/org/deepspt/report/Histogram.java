package org.deepspt.report;

import java.util.Objects;

/**
 * A histogram with equal-width bins over the range of the finite values.
 *
 * @param title what is counted, with its unit (plain text, escaped when rendered)
 * @param min lower edge of the first bin
 * @param max upper edge of the last bin (the maximum value falls into the last bin)
 * @param counts count per bin (copied)
 * @param nonFinite number of values left out because they are NaN or ±∞
 */
public record Histogram(String title, double min, double max, long[] counts, long nonFinite) {

    /** Validates and copies. */
    public Histogram {
        Objects.requireNonNull(title, "title");
        counts = counts.clone();
        if (counts.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bin");
        }
    }

    /**
     * @param title what is counted, with its unit
     * @param values the values (NaN and ±∞ counted in {@link #nonFinite()})
     * @param bins number of bins ≥ 1
     * @return the histogram over [min, max] of the finite values; [v − 0.5, v + 0.5] when all finite values
     *     equal v; [0, 1] when there are none
     */
    public static Histogram of(String title, double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long bad = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            } else {
                bad++;
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        long[] counts = new long[bins];
        double width = (hi - lo) / bins;
        for (double v : values) {
            if (Double.isFinite(v)) {
                int b = (int) ((v - lo) / width);
                counts[Math.min(bins - 1, Math.max(0, b))]++;
            }
        }
        return new Histogram(title, lo, hi, counts, bad);
    }

    /** @return count per bin (copy) */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** @return number of finite values counted */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && title.equals(h.title) && Double.compare(min, h.min) == 0
                && Double.compare(max, h.max) == 0 && java.util.Arrays.equals(counts, h.counts)
                && nonFinite == h.nonFinite;
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, min, max, java.util.Arrays.hashCode(counts), nonFinite);
    }

    @Override
    public String toString() {
        return "Histogram[" + title + ", " + counts.length + " bins over [" + min + ", " + max + "], n=" + total()
                + "]";
    }
}
