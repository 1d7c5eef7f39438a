package org.deepspt.eval;

import java.util.Arrays;

/**
 * Expected calibration error (ECE) of per-frame predictions, Guo et al. 2017 (arXiv:1706.04599): frames are
 * put into {@code B} equal-width bins of confidence c = max<sub>k</sub> p<sub>k</sub> over (0, 1]; with
 * acc<sub>b</sub> the fraction of frames of bin b whose argmax is the true class and conf<sub>b</sub> their
 * mean confidence, ECE = Σ<sub>b</sub> (n<sub>b</sub>/n)·|acc<sub>b</sub> − conf<sub>b</sub>|. A mutable
 * accumulator; not thread-safe. 0 for a perfectly calibrated model; NaN when empty. One-hot predictions
 * (confidence 1) give ECE = 1 − accuracy.
 */
public final class CalibrationError {
    /** Bins used in the DeepSPT reports. */
    public static final int DEFAULT_BINS = 15;

    private final long[] count;
    private final long[] correct;
    private final double[] confidence;

    private CalibrationError(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        count = new long[bins];
        correct = new long[bins];
        confidence = new double[bins];
    }

    /** @param bins number of equal-width confidence bins @return an empty accumulator */
    public static CalibrationError of(int bins) {
        return new CalibrationError(bins);
    }

    /**
     * @param maxProbability confidence of the prediction, in [0, 1] (up to 1 + 10<sup>−3</sup> is taken as 1, the
     *        tolerance of a row sum in a segmentation CSV)
     * @param isCorrect whether the argmax class is the true class
     * @throws IllegalArgumentException for NaN or a value outside [0, 1 + 10<sup>−3</sup>]
     */
    public void add(double maxProbability, boolean isCorrect) {
        if (!(maxProbability >= 0 && maxProbability <= 1 + 1e-3)) {
            throw new IllegalArgumentException("confidence must be a probability in [0, 1], got " + maxProbability);
        }
        int bins = count.length;
        int b = (int) Math.ceil(maxProbability * bins) - 1;
        b = Math.max(0, Math.min(bins - 1, b));
        count[b]++;
        confidence[b] += maxProbability;
        if (isCorrect) {
            correct[b]++;
        }
    }

    /** @return the ECE, in [0, 1] */
    public double value() {
        long n = Arrays.stream(count).sum();
        if (n == 0) {
            return Double.NaN;
        }
        double ece = 0;
        for (int b = 0; b < count.length; b++) {
            if (count[b] > 0) {
                ece += Math.abs(correct[b] / (double) count[b] - confidence[b] / count[b]) * count[b] / n;
            }
        }
        return ece;
    }
}
