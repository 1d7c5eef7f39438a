package org.deepspt.event;

import java.util.List;
import java.util.Objects;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.Trajectory;
import org.deepspt.classify.LogisticRegression;
import org.deepspt.fingerprint.FeatureMatrix;
import org.deepspt.fingerprint.TimeResolvedFingerprint;

/**
 * A trained per-frame before/after model (see {@link EventTimingTrainer}) and its decoding into one event
 * per track.
 *
 * <h2>Per frame</h2>
 * For point i with time-resolved features f<sub>i</sub> (the model's {@link #featureNames()} read by name
 * from a {@link FeatureMatrix}): standardise x<sub>ij</sub> = (f<sub>ij</sub> − μ<sub>j</sub>)/s<sub>j</sub>
 * with the training means and standard deviations (NaN → 0, i.e. the training mean), then
 * p<sub>i</sub> = P(after | x<sub>i</sub>) = σ(b + w·x<sub>i</sub>).
 *
 * <h2>Decoding</h2>
 * The event is the split c ∈ {1..n−1} (points &lt; c before, ≥ c after) of maximum likelihood under the
 * per-frame probabilities, i.e. the step function that best agrees with them:
 * <pre>
 *   c* = argmax_c  Σ_{i&lt;c} ln(1 − p_i) + Σ_{i≥c} ln p_i
 *      = argmax_c  Σ_{i≥c} logit(p_i)
 * </pre>
 * (probabilities clamped to [1e-9, 1 − 1e-9]; ties go to the earliest c). So the event is the first frame
 * after which "after" dominates in the log-odds sense. A track must have at least 2 points.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventTimingModel {
    private final List<String> featureNames;
    private final int window;
    private final double[] mean;
    private final double[] scale;
    private final double[] coefficients;
    private final TimeResolvedFingerprint trf;

    private EventTimingModel(List<String> featureNames, int window, double[] mean, double[] scale,
            double[] coefficients) {
        this.featureNames = List.copyOf(featureNames);
        this.window = window;
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.coefficients = coefficients.clone();
        this.trf = TimeResolvedFingerprint.of(org.deepspt.fingerprint.DiffusionalFingerprint.defaults(), window);
    }

    /**
     * @param featureNames columns the model reads
     * @param window w of the time-resolved fingerprint the model was trained on (frames)
     * @param mean per-feature training mean
     * @param scale per-feature training standard deviation (&gt; 0)
     * @param coefficients bias then one weight per feature
     * @return the model
     */
    public static EventTimingModel of(List<String> featureNames, int window, double[] mean, double[] scale,
            double[] coefficients) {
        int d = featureNames.size();
        if (mean.length != d || scale.length != d || coefficients.length != d + 1) {
            throw new IllegalArgumentException("model of " + d + " features needs " + d + " means, scales and "
                    + (d + 1) + " coefficients, got " + mean.length + ", " + scale.length + ", "
                    + coefficients.length);
        }
        for (double s : scale) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("feature scales must be finite and > 0, got " + s);
            }
        }
        return new EventTimingModel(featureNames, window, mean, scale, coefficients);
    }

    /** @return the feature names the model reads, in order */
    public List<String> featureNames() {
        return featureNames;
    }

    /** @return w of the time-resolved fingerprint (windows of w + 1 frames) */
    public int window() {
        return window;
    }

    /** @return bias then one weight per standardised feature (copy) */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * @param m time-resolved fingerprint of a track (must have the model's columns)
     * @return per-point probability of "after the event"
     */
    public double[] probabilitiesAfter(FeatureMatrix m) {
        int d = featureNames.size();
        int[] cols = new int[d];
        for (int j = 0; j < d; j++) {
            cols[j] = m.columnIndex(featureNames.get(j));
        }
        double[] p = new double[m.rows()];
        double[] x = new double[d];
        for (int i = 0; i < p.length; i++) {
            standardise(m, i, cols, x);
            double z = coefficients[0];
            for (int j = 0; j < d; j++) {
                z += coefficients[j + 1] * x[j];
            }
            p[i] = LogisticRegression.sigmoid(z);
        }
        return p;
    }

    void standardise(FeatureMatrix m, int row, int[] cols, double[] out) {
        for (int j = 0; j < cols.length; j++) {
            double v = m.get(row, cols[j]);
            double z = (v - mean[j]) / scale[j];
            out[j] = Double.isFinite(z) ? z : 0;
        }
    }

    /**
     * @param m time-resolved fingerprint of a track (≥ 2 rows)
     * @return the decoded event
     */
    public EventPrediction predict(FeatureMatrix m) {
        if (m.rows() < 2) {
            throw new TrackTooShortException(m.trackId(), m.rows(), 2, "event timing");
        }
        double[] p = probabilitiesAfter(m);
        int c = decode(p);
        return new EventPrediction(m.trackId(), c, m.frames()[c], p);
    }

    /**
     * Computes the track's time-resolved fingerprint (track features, window {@link #window()}) and decodes.
     *
     * @param t the track (≥ 2 points)
     * @return the decoded event
     */
    public EventPrediction predict(Trajectory t) {
        Objects.requireNonNull(t, "trajectory");
        if (t.size() < 2) {
            throw new TrackTooShortException(t.id(), t.size(), 2, "event timing");
        }
        return predict(trf.compute(t));
    }

    /**
     * The maximum-likelihood split of the class documentation.
     *
     * @param probabilityAfter per-point P(after), n ≥ 2
     * @return c ∈ 1..n−1, the index of the first "after" point
     */
    public static int decode(double[] probabilityAfter) {
        int n = probabilityAfter.length;
        if (n < 2) {
            throw new IllegalArgumentException("decoding needs at least 2 points, got " + n);
        }
        double suffix = 0;
        double best = Double.NEGATIVE_INFINITY;
        int bestC = n - 1;
        // Walk backwards so the running suffix sum is Σ_{i≥c} logit(p_i); ">=" keeps the earliest c on ties.
        for (int c = n - 1; c >= 1; c--) {
            double q = Math.min(1 - 1e-9, Math.max(1e-9, probabilityAfter[c]));
            suffix += Math.log(q) - Math.log1p(-q);
            if (suffix >= best) {
                best = suffix;
                bestC = c;
            }
        }
        return bestC;
    }

    @Override
    public String toString() {
        return "EventTimingModel[" + featureNames.size() + " features, window=" + window + "]";
    }
}
