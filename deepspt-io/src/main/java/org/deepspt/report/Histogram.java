package org.deepspt.report;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A histogram with equal-width bins over the range of the finite values.
 *
 * @param title what is counted, with its unit (plain text, escaped when rendered)
 * @param min lower edge of the first bin
 * @param max upper edge of the last bin (the maximum value falls into the last bin)
 * @param counts count per bin (copied)
 * @param nonFinite number of values left out because they are NaN or ±∞
 * @param clipped number of finite values outside [min, max], counted in the first or last bin
 */
public record Histogram(String title, double min, double max, long[] counts, long nonFinite, long clipped) {

    /**
     * Validates and copies.
     *
     * @param title what is counted
     * @param min lower edge of the first bin
     * @param max upper edge of the last bin
     * @param counts count per bin
     * @param nonFinite number of NaN or infinite values left out
     * @param clipped number of finite values outside [min, max]
     */
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
        return robust(title, values, bins, 0);
    }

    /**
     * A histogram whose range ignores the most extreme values, so that a few outliers (for example fits
     * stuck at a bound) do not squeeze the rest into one bin: the range is [q(p), q(1 − p)] of the finite
     * values, q the empirical quantile (order statistic ⌊p·(n − 1)⌋ from either end), and values outside
     * it are counted in the first or last bin and in {@link #clipped()}.
     *
     * @param title what is counted, with its unit
     * @param values the values (NaN and ±∞ counted in {@link #nonFinite()})
     * @param bins number of bins ≥ 1
     * @param tail fraction p ∈ [0, 0.5) ignored at each end for the range (0: full range)
     * @return the histogram
     */
    public static Histogram robust(String title, double[] values, int bins, double tail) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (!(tail >= 0 && tail < 0.5)) {
            throw new IllegalArgumentException("tail must be in [0, 0.5), got " + tail);
        }
        double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        long bad = values.length - finite.length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        if (finite.length > 0) {
            int k = (int) Math.floor(tail * (finite.length - 1));
            lo = finite[k];
            hi = finite[finite.length - 1 - k];
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        long[] counts = new long[bins];
        long clipped = 0;
        double width = (hi - lo) / bins;
        for (double v : finite) {
            if (v < lo || v > hi) {
                clipped++;
            }
            int b = (int) Math.floor((v - lo) / width);
            counts[Math.min(bins - 1, Math.max(0, b))]++;
        }
        return new Histogram(title, lo, hi, counts, bad, clipped);
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
    public boolean equals(@Nullable Object o) {
        return o instanceof Histogram h && title.equals(h.title) && Double.compare(min, h.min) == 0
                && Double.compare(max, h.max) == 0 && java.util.Arrays.equals(counts, h.counts)
                && nonFinite == h.nonFinite && clipped == h.clipped;
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, min, max, java.util.Arrays.hashCode(counts), nonFinite, clipped);
    }

    @Override
    public String toString() {
        return "Histogram[" + title + ", " + counts.length + " bins over [" + min + ", " + max + "], n=" + total()
                + "]";
    }
}
