package org.deepspt.smoothing;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A model's recalibration of its output probabilities, applied after inference: a temperature T(N, Q̂) per
 * track, read from the manifest's {@code output_calibration} object, for the unsmoothed rows and for the
 * smoothed ones ({@link PathPosterior}).
 *
 * <h2>Definition</h2>
 * For a track of N points with estimated signal-to-noise ratio Q̂
 * ({@link org.deepspt.reliability.SnrEstimate}), ln T is interpolated bilinearly in (ln N, ln Q̂) between the
 * grid's knots N<sub>a</sub> ({@code length_knots}, points) and Q̂<sub>b</sub> ({@code snr_knots}) from the table
 * {@code log_temperature[a][b]} (natural logarithm of T), and held constant beyond the first and last knot of
 * either axis (Q̂ = 0 takes the first SNR knot, Q̂ = +∞ or NaN, i.e. no detectable noise or fewer than 3 measured
 * points, the last). The reported rows are then the marginals γ of {@link PathPosterior} with that T:
 * <ul>
 *   <li>without smoothing (λ = 0): γ<sub>i</sub> ∝ p<sub>i</sub><sup>1/T</sup>, temperature scaling of each
 *       row (Guo et al. 2017, arXiv:1706.04599), with the table {@code log_temperature};</li>
 *   <li>with Viterbi smoothing (λ &gt; 0): the marginals of the tempered path distribution whose mode is the
 *       Viterbi path, with the table {@code log_temperature_smoothed}, fitted for the penalty
 *       {@code switch_penalty} (nats; used as it is for any other penalty).</li>
 * </ul>
 * Temperature scaling keeps every row's argmax, so unsmoothed states never change. The tables are fitted on
 * validation tracks only (models/README.md, "Calibrated output"); {@link #identity()} (T = 1, no table) stands
 * for a model whose manifest has none.
 *
 * <p>Manifest form (all fields required when the object is present; other keys, e.g. provenance, ignored):
 * <pre>{@code
 * "output_calibration": {
 *   "length_knots": [5, 7, 10, ...],        // points, strictly increasing, >= 1
 *   "snr_knots": [0.3, 0.5, ...],           // Q̂, strictly increasing, > 0, finite
 *   "log_temperature": [[...], ...],        // length_knots.size() rows of snr_knots.size() values
 *   "switch_penalty": 9.0,                  // nats, >= 0, the penalty log_temperature_smoothed was fitted for
 *   "log_temperature_smoothed": [[...], ...]
 * }
 * }</pre>
 * Every ln T must lie in [ln {@link PathPosterior#MIN_TEMPERATURE}, ln {@link PathPosterior#MAX_TEMPERATURE}].
 * Immutable and thread-safe.
 */
public final class OutputCalibration {
    private static final OutputCalibration IDENTITY = new OutputCalibration(new double[] {0}, new double[] {0},
            new double[][] {{0}}, 0, new double[][] {{0}}, true);

    private final double[] logLength;
    private final double[] logSnr;
    private final double[][] logT;
    private final double switchPenalty;
    private final double[][] logTSmoothed;
    private final boolean identity;

    private OutputCalibration(double[] logLength, double[] logSnr, double[][] logT, double switchPenalty,
            double[][] logTSmoothed, boolean identity) {
        this.logLength = logLength;
        this.logSnr = logSnr;
        this.logT = logT;
        this.switchPenalty = switchPenalty;
        this.logTSmoothed = logTSmoothed;
        this.identity = identity;
    }

    /** @return T = 1 everywhere: rows as the model gives them (a model whose manifest has no table) */
    public static OutputCalibration identity() {
        return IDENTITY;
    }

    /**
     * @param lengthKnots N<sub>a</sub>, points, strictly increasing, each ≥ 1 (field {@code length_knots})
     * @param snrKnots Q̂<sub>b</sub>, strictly increasing, each finite and &gt; 0 (field {@code snr_knots})
     * @param logTemperature ln T of the unsmoothed rows, [a][b] (field {@code log_temperature})
     * @param switchPenalty λ in nats the smoothed table was fitted for (field {@code switch_penalty}), finite, ≥ 0
     * @param logTemperatureSmoothed ln T of the smoothed rows, [a][b] (field {@code log_temperature_smoothed})
     * @return the calibration (copies of the arrays)
     * @throws IllegalArgumentException naming the manifest field at fault (e.g. {@code log_temperature[2][1]})
     */
    public static OutputCalibration of(double[] lengthKnots, double[] snrKnots, double[][] logTemperature,
            double switchPenalty, double[][] logTemperatureSmoothed) {
        double[] ll = logKnots("length_knots", lengthKnots, 1);
        double[] ls = logKnots("snr_knots", snrKnots, Double.MIN_VALUE);
        if (!(switchPenalty >= 0) || Double.isInfinite(switchPenalty)) {
            throw new IllegalArgumentException("switch_penalty must be finite and >= 0 nats, got " + switchPenalty);
        }
        return new OutputCalibration(ll, ls, table("log_temperature", logTemperature, ll.length, ls.length),
                switchPenalty, table("log_temperature_smoothed", logTemperatureSmoothed, ll.length, ls.length), false);
    }

    private static double[] logKnots(String field, double[] knots, double min) {
        if (knots.length == 0) {
            throw new IllegalArgumentException(field + " must have at least one knot");
        }
        double[] out = new double[knots.length];
        for (int i = 0; i < knots.length; i++) {
            double v = knots[i];
            if (!(v >= min) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(field + "[" + i + "] must be finite and >= " + (min == 1 ? "1" : "> 0")
                        + ", got " + v);
            }
            if (i > 0 && !(v > knots[i - 1])) {
                throw new IllegalArgumentException(field + " must be strictly increasing, got " + Arrays.toString(knots));
            }
            out[i] = Math.log(v);
        }
        return out;
    }

    private static double[][] table(String field, double[][] t, int rows, int cols) {
        if (t.length != rows) {
            throw new IllegalArgumentException(field + " must have " + rows + " rows (one per length knot), has "
                    + t.length);
        }
        double lo = Math.log(PathPosterior.MIN_TEMPERATURE);
        double hi = Math.log(PathPosterior.MAX_TEMPERATURE);
        double[][] out = new double[rows][];
        for (int a = 0; a < rows; a++) {
            if (t[a] == null || t[a].length != cols) {
                throw new IllegalArgumentException(field + "[" + a + "] must have " + cols
                        + " values (one per SNR knot), has " + (t[a] == null ? 0 : t[a].length));
            }
            for (int b = 0; b < cols; b++) {
                double v = t[a][b];
                if (!(v >= lo && v <= hi)) {
                    throw new IllegalArgumentException(field + "[" + a + "][" + b + "] must be a natural log "
                            + "temperature in [" + lo + ", " + hi + "], got " + v);
                }
            }
            out[a] = t[a].clone();
        }
        return out;
    }

    /** @return whether this is {@link #identity()} */
    public boolean isIdentity() {
        return identity;
    }

    /** @return the switch penalty λ (nats) the smoothed table was fitted for; 0 for the identity */
    public double switchPenalty() {
        return switchPenalty;
    }

    /**
     * @param length N, points (≥ 1)
     * @param snr Q̂ (≥ 0, +∞ or NaN: see the class documentation)
     * @param smoothed whether the rows are smoothed (table {@code log_temperature_smoothed})
     * @return T(N, Q̂) &gt; 0; 1 for the identity
     */
    public double temperature(int length, double snr, boolean smoothed) {
        if (identity) {
            return 1;
        }
        double x = Math.log(Math.max(1, length));
        double y = Double.isNaN(snr) ? Double.POSITIVE_INFINITY : Math.log(snr);  // log 0 = -inf: first knot
        double[][] t = smoothed ? logTSmoothed : logT;
        int a = lower(logLength, x);
        int b = lower(logSnr, y);
        double u = weight(logLength, a, x);
        double v = weight(logSnr, b, y);
        int a1 = Math.min(a + 1, logLength.length - 1);
        int b1 = Math.min(b + 1, logSnr.length - 1);
        double lt = (1 - u) * ((1 - v) * t[a][b] + v * t[a][b1]) + u * ((1 - v) * t[a1][b] + v * t[a1][b1]);
        return Math.exp(lt);
    }

    /** Index of the last knot ≤ x (0 when x is below the first knot). */
    private static int lower(double[] knots, double x) {
        int i = 0;
        while (i + 1 < knots.length && knots[i + 1] <= x) {
            i++;
        }
        return i;
    }

    /** Interpolation weight of knot i + 1 for x, clamped to [0, 1] (0 beyond either end). */
    private static double weight(double[] knots, int i, double x) {
        if (i + 1 >= knots.length || x <= knots[i]) {
            return 0;
        }
        return Math.min(1, (x - knots[i]) / (knots[i + 1] - knots[i]));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof OutputCalibration c && c.identity == identity && Arrays.equals(c.logLength, logLength)
                && Arrays.equals(c.logSnr, logSnr) && Arrays.deepEquals(c.logT, logT)
                && Double.compare(c.switchPenalty, switchPenalty) == 0 && Arrays.deepEquals(c.logTSmoothed, logTSmoothed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(logLength) * 31 + Arrays.deepHashCode(logT);
    }

    @Override
    public String toString() {
        return identity ? "OutputCalibration[identity]" : "OutputCalibration[" + logLength.length + " lengths x "
                + logSnr.length + " SNRs, smoothed for " + switchPenalty + " nats]";
    }
}
