package org.deepspt.eval;

import java.util.Locale;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;

/**
 * Segmentation metrics of the AnDi-2 challenge (Muñoz-Gil et al., "Quantitative evaluation of methods to
 * analyze motion changes in single-particle experiments", arXiv:2311.18100; reference implementation
 * {@code andi_datasets.utils_challenge.ensemble_changepoint_error} and {@code metric_diffusive_state}),
 * accumulated over an ensemble of tracks. A mutable accumulator; not thread-safe.
 *
 * <h2>Change points</h2>
 * The change points of a track are the point indices at which a new segment (maximal run of equal
 * 4-class states) starts, every segment but the first ({@link Segmentation#changePointIndices()}); the
 * track's end is not a change point. For each track, the true change points g<sub>1..G</sub> and the
 * predicted ones q<sub>1..P</sub> are paired by a minimum-cost assignment ({@link HungarianAssignment})
 * on the cost |g<sub>a</sub> − q<sub>b</sub>| (frames), min(G, P) pairs. A pair with
 * |g − q| &lt; threshold (strictly; default {@value #DEFAULT_THRESHOLD} frames, as in the challenge, i.e.
 * errors of at most 4 frames) is a true positive (TP); a pair at or beyond the threshold counts as one false
 * positive and one false negative; the P − G unpaired predictions (if P &gt; G) are false positives (FP),
 * the G − P unpaired true change points (if G &gt; P) false negatives (FN). Over the ensemble:
 * <ul>
 *   <li>Jaccard index J = TP / (TP + FP + FN) (1 is perfect);</li>
 *   <li>RMSE = sqrt(mean over all TP pairs of (g − q)²), in frames (only TP pairs enter).</li>
 * </ul>
 * As in the reference: with TP + FP + FN = 0 (no true and no predicted change point in any track)
 * J = 1 and RMSE = 0; with TP = 0 otherwise, RMSE = threshold.
 *
 * <h2>States</h2>
 * Per-frame F1 of the 4-class states, micro-averaged over classes and frames (scikit-learn
 * {@code f1_score(average='micro')}): micro precision = micro recall = (correct frames) / (frames), so for
 * one predicted state per frame the micro F1 equals the 4-class per-frame accuracy.
 *
 * <p>With no track added every statistic is NaN.
 */
public final class Andi2Metrics {
    /** Pairing threshold of the AnDi-2 challenge, in frames (a pair is a TP when |Δ| &lt; 5). */
    public static final double DEFAULT_THRESHOLD = 5;

    private final double threshold;
    private long tracks;
    private long tp;
    private long fp;
    private long fn;
    private double sumSquaredError;
    private long frames;
    private long correctFrames;

    private Andi2Metrics(double threshold) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and > 0 frames, got " + threshold);
        }
        this.threshold = threshold;
    }

    /** @return an empty accumulator with the challenge's threshold of {@value #DEFAULT_THRESHOLD} frames */
    public static Andi2Metrics create() {
        return new Andi2Metrics(DEFAULT_THRESHOLD);
    }

    /**
     * @param threshold pairing threshold in frames (&gt; 0): a pair is a TP when |Δ| &lt; threshold
     * @return an empty accumulator
     */
    public static Andi2Metrics withThreshold(double threshold) {
        return new Andi2Metrics(threshold);
    }

    /**
     * Adds one track.
     *
     * @param truth the track with its true states
     * @param prediction its segmentation (same points, same frames)
     * @return this
     * @throws InvalidTrajectoryException naming the track when it has no states or the sizes differ
     */
    public Andi2Metrics add(Trajectory truth, Segmentation prediction) {
        if (!truth.hasStates()) {
            throw new InvalidTrajectoryException(truth.id(), "carries no true states: cannot be evaluated");
        }
        if (truth.size() != prediction.size()) {
            throw new InvalidTrajectoryException(truth.id(), "prediction has " + prediction.size()
                    + " points but the truth has " + truth.size());
        }
        return addStates(truth.stateIndices(), prediction.stateIndices());
    }

    /**
     * Adds one track given per-point state indices.
     *
     * @param trueStates true state 0..3 of every point
     * @param predictedStates predicted state 0..3 of every point (same length)
     * @return this
     * @throws IllegalArgumentException if the lengths differ
     */
    public Andi2Metrics addStates(int[] trueStates, int[] predictedStates) {
        if (trueStates.length != predictedStates.length) {
            throw new IllegalArgumentException(predictedStates.length + " predicted states for "
                    + trueStates.length + " true states");
        }
        for (int i = 0; i < trueStates.length; i++) {
            if (trueStates[i] == predictedStates[i]) {
                correctFrames++;
            }
        }
        frames += trueStates.length;
        pairAndCount(changePoints(trueStates), changePoints(predictedStates));
        tracks++;
        return this;
    }

    /**
     * Adds the change points of one track without frame states (they do not enter the state F1).
     *
     * @param trueChangePoints true change points (point indices or frames), any order
     * @param predictedChangePoints predicted change points, same unit
     * @return this
     */
    public Andi2Metrics addChangePoints(int[] trueChangePoints, int[] predictedChangePoints) {
        pairAndCount(trueChangePoints, predictedChangePoints);
        tracks++;
        return this;
    }

    private void pairAndCount(int[] g, int[] q) {
        int pairs = 0;
        if (g.length > 0 && q.length > 0) {
            double[][] cost = new double[g.length][q.length];
            for (int a = 0; a < g.length; a++) {
                for (int b = 0; b < q.length; b++) {
                    cost[a][b] = Math.abs((double) g[a] - q[b]);
                }
            }
            int[] assigned = HungarianAssignment.solve(cost);
            for (int a = 0; a < g.length; a++) {
                if (assigned[a] < 0) {
                    continue;
                }
                pairs++;
                double d = (double) g[a] - q[assigned[a]];
                if (Math.abs(d) < threshold) {
                    tp++;
                    sumSquaredError += d * d;
                } else {
                    fp++;
                    fn++;
                }
            }
        }
        fp += q.length - pairs;
        fn += g.length - pairs;
    }

    /** Change points of a state sequence: indices i ≥ 1 with states[i] ≠ states[i − 1]. */
    static int[] changePoints(int[] states) {
        int count = 0;
        for (int i = 1; i < states.length; i++) {
            if (states[i] != states[i - 1]) {
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 1; i < states.length; i++) {
            if (states[i] != states[i - 1]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** @return the pairing threshold in frames */
    public double threshold() {
        return threshold;
    }

    /** @return number of tracks added */
    public long trackCount() {
        return tracks;
    }

    /** @return true positives: pairs closer than the threshold */
    public long truePositives() {
        return tp;
    }

    /** @return false positives: unpaired predictions plus pairs at or beyond the threshold */
    public long falsePositives() {
        return fp;
    }

    /** @return false negatives: unpaired true change points plus pairs at or beyond the threshold */
    public long falseNegatives() {
        return fn;
    }

    /** @return Jaccard index TP / (TP + FP + FN), in [0, 1]; 1 when there are no change points at all */
    public double jaccard() {
        if (tracks == 0) {
            return Double.NaN;
        }
        long denominator = tp + fp + fn;
        return denominator == 0 ? 1.0 : tp / (double) denominator;
    }

    /** @return RMSE of the TP pairs in frames; the threshold when there is no TP (0 with no change points) */
    public double rmse() {
        if (tracks == 0) {
            return Double.NaN;
        }
        if (tp == 0) {
            return tp + fp + fn == 0 ? 0.0 : threshold;
        }
        return Math.sqrt(sumSquaredError / tp);
    }

    /** @return micro-averaged per-frame 4-class state F1 (= per-frame accuracy); NaN without frame states */
    public double stateF1Micro() {
        return frames == 0 ? Double.NaN : correctFrames / (double) frames;
    }

    /** @return number of frames that entered the state F1 */
    public long frameCount() {
        return frames;
    }

    /** @return one line: threshold, tracks, TP, FP, FN, Jaccard, RMSE, state F1 */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AnDi-2 (threshold %.0f frames): %d tracks, TP %d, FP %d, FN %d, "
                + "Jaccard %.4f, RMSE %.3f frames, state F1 (micro) %.4f", threshold, tracks, tp, fp, fn,
                jaccard(), rmse(), stateF1Micro());
    }
}
