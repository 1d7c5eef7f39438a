package org.deepspt.cli;

/**
 * A fixed-size histogram of latencies for percentiles over a stream of any length: bucket k holds values in
 * [1.02<sup>k−1</sup>, 1.02<sup>k</sup>) µs (bucket 0: below 1 µs), so a percentile is exact to 2 %; 1,100
 * buckets reach 2.8·10<sup>9</sup> µs (47 min), larger values count in the last one. Not thread-safe.
 */
final class Latencies {
    private static final double BASE = 1.02;
    private static final double LOG_BASE = Math.log(BASE);
    private final long[] counts = new long[1100];
    private long n;
    private long max;

    void add(long nanos) {
        double us = Math.max(0, nanos) / 1e3;
        int k = us < 1 ? 0 : Math.min(counts.length - 1, 1 + (int) Math.floor(Math.log(us) / LOG_BASE));
        counts[k]++;
        n++;
        max = Math.max(max, nanos);
    }

    long count() {
        return n;
    }

    /**
     * @param q quantile 0..1
     * @return the q-quantile, ms (the geometric middle of its bucket; 0 when empty)
     */
    double quantileMillis(double q) {
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int k = 0; k < counts.length; k++) {
            seen += counts[k];
            if (seen >= Math.max(1, rank)) {
                if (k == 0) {
                    return 0.0005;
                }
                double upper = Math.pow(BASE, k);
                return Math.min(upper / Math.sqrt(BASE), max / 1e3) / 1e3;
            }
        }
        return max / 1e6;
    }
}
