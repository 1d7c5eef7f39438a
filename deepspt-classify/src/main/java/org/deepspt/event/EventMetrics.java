package org.deepspt.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * Agreement of predicted with true event frames over n tracks, with errors e<sub>i</sub> =
 * predicted<sub>i</sub> − true<sub>i</sub> (frames):
 * <ul>
 *   <li>{@code medianAbsoluteError} = median |e<sub>i</sub>| (mean of the two middle values for even n),
 *       frames;</li>
 *   <li>{@code meanAbsoluteError} = Σ|e<sub>i</sub>| / n, frames; {@code meanSquaredError} = Σ e<sub>i</sub>² / n,
 *       frames²;</li>
 *   <li>{@code accuracy} = fraction of tracks with |e<sub>i</sub>| ≤ {@code toleranceFrames};</li>
 *   <li>{@code r2} = 1 − Σ e<sub>i</sub>² / Σ (true<sub>i</sub> − mean(true))², the coefficient of
 *       determination of predicted vs true (1 perfect, 0 no better than predicting the mean, can be
 *       negative); NaN when all true frames are equal.</li>
 * </ul>
 * All are NaN for n = 0.
 *
 * @param count number of tracks n
 * @param toleranceFrames k of the accuracy, frames
 * @param medianAbsoluteError median |error|, frames
 * @param meanAbsoluteError mean |error|, frames
 * @param meanSquaredError mean squared error, frames²
 * @param accuracy fraction of tracks with |error| ≤ k
 * @param r2 coefficient of determination of predicted vs true
 */
public record EventMetrics(int count, int toleranceFrames, double medianAbsoluteError, double meanAbsoluteError,
        double meanSquaredError, double accuracy, double r2) {

    /**
     * @param trueFrames true event frame of each track
     * @param predictedFrames predicted event frame of each track (same order)
     * @param toleranceFrames k ≥ 0 for the accuracy
     * @return the metrics
     * @throws IllegalArgumentException when the lengths differ or k &lt; 0
     */
    public static EventMetrics of(int[] trueFrames, int[] predictedFrames, int toleranceFrames) {
        Objects.requireNonNull(trueFrames, "trueFrames");
        Objects.requireNonNull(predictedFrames, "predictedFrames");
        if (trueFrames.length != predictedFrames.length) {
            throw new IllegalArgumentException(trueFrames.length + " true events but " + predictedFrames.length
                    + " predicted");
        }
        if (toleranceFrames < 0) {
            throw new IllegalArgumentException("toleranceFrames must be >= 0, got " + toleranceFrames);
        }
        int n = trueFrames.length;
        if (n == 0) {
            return new EventMetrics(0, toleranceFrames, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        double[] abs = new double[n];
        double sumAbs = 0;
        double sumSq = 0;
        double meanTrue = 0;
        int within = 0;
        for (int i = 0; i < n; i++) {
            double e = (double) predictedFrames[i] - trueFrames[i];
            abs[i] = Math.abs(e);
            sumAbs += abs[i];
            sumSq += e * e;
            meanTrue += trueFrames[i];
            if (abs[i] <= toleranceFrames) {
                within++;
            }
        }
        meanTrue /= n;
        double ssTot = 0;
        for (int t : trueFrames) {
            ssTot += (t - meanTrue) * (t - meanTrue);
        }
        Arrays.sort(abs);
        double median = n % 2 == 1 ? abs[n / 2] : 0.5 * (abs[n / 2 - 1] + abs[n / 2]);
        return new EventMetrics(n, toleranceFrames, median, sumAbs / n, sumSq / n, (double) within / n,
                ssTot > 0 ? 1 - sumSq / ssTot : Double.NaN);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "n=%d median|err|=%.2f mean|err|=%.2f MSE=%.2f accuracy(±%d)=%.3f R²=%.3f", count,
                medianAbsoluteError, meanAbsoluteError, meanSquaredError, toleranceFrames, accuracy, r2);
    }
}
