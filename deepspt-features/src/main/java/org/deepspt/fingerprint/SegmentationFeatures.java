package org.deepspt.fingerprint;

import java.util.Arrays;

/**
 * Segmentation family: the 12 features of a track's predicted states ({@code fraction_normal} ..
 * {@code median_label_jump}, definitions on {@link DiffusionalFingerprint}). Stateless.
 */
final class SegmentationFeatures {
    private static final int[] LABEL_MAP = {0, 1, 4, 6};

    private SegmentationFeatures() {
    }

    /** See {@link DiffusionalFingerprint#segmentationFeatures}. */
    static void write(int[] states, int from, int n, double msd1, int dim, double dt, double[] out, int offset) {
        int[] counts = new int[4];
        int k = 0;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int s = states[from + i];
            if (s < 0 || s > 3) {
                throw new IllegalArgumentException("state at point " + i + " must be 0..3, got " + s);
            }
            counts[s]++;
            if (i == 0 || s != states[from + i - 1]) {
                labels[k++] = s;
            }
        }
        double[] codes = new double[k];
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double c = (labels[j] + 1.0) * (j + 1);
            codes[j] = c;
            sum += c;
            max = Math.max(max, c);
            min = Math.min(min, c);
        }
        double mean = sum / k;
        double var = 0;
        for (double c : codes) {
            var += (c - mean) * (c - mean);
        }
        double[] jumps = new double[Math.max(0, k - 1)];
        for (int j = 1; j < k; j++) {
            jumps[j - 1] = Math.abs(LABEL_MAP[labels[j]] - LABEL_MAP[labels[j - 1]]);
        }
        int o = offset - FingerprintFeature.TRACK_FEATURE_COUNT;
        out[o + FingerprintFeature.FRACTION_NORMAL.ordinal()] = (double) counts[0] / n;
        out[o + FingerprintFeature.FRACTION_DIRECTED.ordinal()] = (double) counts[1] / n;
        out[o + FingerprintFeature.FRACTION_CONFINED.ordinal()] = (double) counts[2] / n;
        out[o + FingerprintFeature.FRACTION_SUBDIFFUSIVE.ordinal()] = (double) counts[3] / n;
        out[o + FingerprintFeature.N_SEGMENTS.ordinal()] = k;
        out[o + FingerprintFeature.INSTANTANEOUS_D.ordinal()] = msd1 / (2.0 * dim * dt);
        out[o + FingerprintFeature.SEGMENT_CODE_MEAN.ordinal()] = mean;
        out[o + FingerprintFeature.SEGMENT_CODE_MEDIAN.ordinal()] = median(codes);
        out[o + FingerprintFeature.SEGMENT_CODE_MAX.ordinal()] = max;
        out[o + FingerprintFeature.SEGMENT_CODE_MIN.ordinal()] = min;
        out[o + FingerprintFeature.SEGMENT_CODE_STD.ordinal()] = Math.sqrt(var / k);
        out[o + FingerprintFeature.MEDIAN_LABEL_JUMP.ordinal()] = median(jumps);
    }

    /** Median (mean of the two middle values for an even count); NaN for an empty array. Sorts in place. */
    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int h = v.length / 2;
        return v.length % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
    }

}
