package org.deepspt.eval;

import java.util.Locale;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * Metrics of the AnDi-2 challenge as the challenge scores them (Muñoz-Gil et al., "Quantitative evaluation of
 * methods to analyze motion changes in single-particle experiments", arXiv:2311.18100; the definitions are
 * those of the scoring code {@code andi_datasets.utils_challenge}: {@code ensemble_changepoint_error},
 * {@code segment_assignment}, {@code metric_anomalous_exponent}, {@code metric_diffusion_coefficient},
 * {@code metric_diffusive_state} and {@code error_SingleTraj_dataset}, which sets the thresholds; implemented
 * here from those definitions), accumulated over an ensemble of tracks. A mutable accumulator; not
 * thread-safe.
 *
 * <h2>Change points</h2>
 * The change points of a track are the point indices at which a new segment starts, every segment but the
 * first; the track's end is not a change point. For {@link #add(Trajectory, Segmentation)} the truth's segments are
 * the maximal runs of equal 4-class states and the prediction's are its segments
 * ({@link Segmentation#changePointIndices()}: state runs, cut further at its splits where D changes); for
 * {@link #addFrames} the truth's segments change where the state, α or D changes (as the challenge's
 * {@code label_continuous_to_list}). For each track, the true change points g<sub>1..G</sub> and the
 * predicted ones q<sub>1..P</sub> are paired by a minimum-cost assignment ({@link HungarianAssignment}) on
 * the cost |g<sub>a</sub> − q<sub>b</sub>| (frames), min(G, P) pairs. A pair with |g − q| &lt; threshold
 * (strictly; default {@value #DEFAULT_THRESHOLD} frames, the challenge's {@code threshold_cp}) is a true
 * positive (TP); a pair at or beyond the threshold counts as one false positive and one false negative; the
 * P − G unpaired predictions (if P &gt; G) are false positives (FP), the G − P unpaired true change points (if
 * G &gt; P) false negatives (FN). A track with no change point on either side counts as one true positive
 * of its own, E (the challenge's {@code TP_empty_GT}). Over the ensemble:
 * <ul>
 *   <li>Jaccard index J = (TP + E) / (TP + E + FP + FN) (1 is perfect);</li>
 *   <li>RMSE = sqrt(mean over all TP pairs of (g − q)²), in frames (only TP pairs enter); 0 when there is no
 *       TP pair (the reference's convention: with no paired change point there is no error to report).</li>
 * </ul>
 * With no change point in any track, on either side, J = 1 and RMSE = 0.
 *
 * <h2>Segment properties (α, D)</h2>
 * {@link #addFrames} and {@link #addSegments} also pair the true and predicted segments of a track as the
 * challenge does: each segment is its set of points; the cost of a pair is 1 − Jaccard(points) and the
 * pairing is again a minimum-cost assignment (min(G + 1, P + 1) pairs; a true segment left unpaired is not
 * scored, as in the reference). Over all pairs of the ensemble, with the challenge's defaults:
 * <ul>
 *   <li>α: a predicted α that is NaN or outside [0, 2] is replaced by α<sub>true</sub> + 2 (an error of 2);
 *       {@link #alphaMae()} = mean |α<sub>true</sub> − α<sub>pred</sub>|, capped at 1.999 (the width of the
 *       challenge's α range [0, 1.999]);</li>
 *   <li>D: a predicted D that is NaN is replaced by D<sub>true</sub> + 10⁵; then absolute values, values
 *       ≤ 10⁻¹² raised to 10⁻¹², and {@link #diffusionMsle()} = mean (ln(1 + D<sub>true</sub>) −
 *       ln(1 + D<sub>pred</sub>))² (scikit-learn's {@code mean_squared_log_error}), capped at
 *       (ln(1 + 10⁻¹²) − ln(1 + 10⁶))² ≈ 190.9 (the challenge's D range).</li>
 * </ul>
 * The MSLE depends on the unit of D because of the 1 + D: the challenge's D is in pixel²/frame<sup>α</sup>;
 * callers pass D in whatever unit they score in (this library's segment estimates are in
 * µm²/s<sup>α</sup>) and should say which. Because a segment without an estimate costs the fixed penalty
 * above, {@link #alphaMaeOfEstimates()} and {@link #diffusionMsleOfEstimates()} give the same means over the
 * pairs whose prediction is a number, and {@link #segmentPairs()} / {@link #segmentPairsWithoutEstimate()}
 * the counts.
 *
 * <p><b>Deviation:</b> the reference builds each segment's support shifted by one frame (a segment covers
 * (c<sub>k</sub>, c<sub>k+1</sub>], the first also frame 0); we use the segment's own points. Jaccard values
 * differ by at most one frame at each end; the pairing is the same except for near-ties.
 *
 * <h2>States</h2>
 * The challenge scores states over the paired segments ({@link #stateF1Segments()}: one (true, predicted) state
 * per pair of the segment pairing, micro F1 = share of agreeing pairs). {@link #stateF1Micro()} is the per-frame
 * F1 of the 4-class states, micro-averaged over classes and frames (scikit-learn {@code f1_score(average='micro')}
 * on frames): micro precision = micro recall = (correct frames) / (frames), so for one predicted state per frame
 * it equals the 4-class per-frame accuracy; it is our frame-level companion, not the challenge's number (before
 * 2026-12-07 this class presented it as the challenge's).
 *
 * <p>With no track added every statistic is NaN.
 */
public final class Andi2Metrics {
    /** Pairing threshold of the AnDi-2 challenge's scoring, in frames (a pair is a TP when |Δ| &lt; 10). */
    public static final double DEFAULT_THRESHOLD = 10;
    /** Error assigned to a predicted α that is NaN or outside [0, 2] (the challenge's threshold_error_alpha). */
    public static final double ALPHA_PENALTY = 2;
    /** Cap of the α MAE: width of the challenge's α range [0, 1.999]. */
    public static final double ALPHA_MAX_ERROR = 1.999;
    /** Offset added to D<sub>true</sub> for a NaN predicted D (the challenge's threshold_error_D). */
    public static final double D_PENALTY = 1e5;
    /** Floor of D before the logarithm (the challenge's lower D bound). */
    public static final double D_FLOOR = 1e-12;
    /** Upper D bound of the challenge, for the MSLE cap. */
    public static final double D_CEILING = 1e6;

    private final double threshold;
    private long tracks;
    private long tp;
    private long fp;
    private long fn;
    private long emptyTracks;
    private long changePointsTrue;
    private long segmentPairs;
    private long segmentPairsWithoutEstimate;
    /** Paired segments with both states known (the frame path), and those whose states agree. */
    private long statePairs;
    private long statePairsCorrect;
    private double alphaErrorSum;
    private double squaredLogErrorSum;
    private long alphaEstimates;
    private double alphaEstimateErrorSum;
    private long diffusionEstimates;
    private double diffusionEstimateErrorSum;
    private long logRatioCount;
    private double logRatioSum;
    private long fitLogRatioCount;
    private double fitLogRatioSum;
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
        int[] trueStates = truth.stateIndices();
        addFrameStates(trueStates, prediction.stateIndices());
        pairAndCount(changePoints(trueStates), prediction.changePointIndices());
        tracks++;
        return this;
    }

    private void addFrameStates(int[] trueStates, int[] predictedStates) {
        for (int i = 0; i < trueStates.length; i++) {
            if (trueStates[i] == predictedStates[i]) {
                correctFrames++;
            }
        }
        frames += trueStates.length;
    }

    /**
     * As {@link #addFrames(int[], double[], double[], int[], double[], double[])} with the prediction's own segments
     * ({@link Segmentation#segments()}, including segments split where D changes within a class) and their motion
     * estimates ({@link org.deepspt.api.MotionEstimate#alpha()}, {@link org.deepspt.api.MotionEstimate#diffusionCoefficient()};
     * NaN without an estimate).
     *
     * @param trueStates true state 0..3 of every point
     * @param trueAlpha true α of every point
     * @param trueD true D of every point (the unit the MSLE is scored in)
     * @param prediction the segmentation, with motion estimates
     * @return this
     * @throws IllegalArgumentException when lengths differ or a true α or D is not finite
     */
    public Andi2Metrics addFrames(int[] trueStates, double[] trueAlpha, double[] trueD, Segmentation prediction) {
        var segs = prediction.segments();
        double[] pa = new double[segs.size()];
        double[] pd = new double[segs.size()];
        boolean[] fit = new boolean[segs.size()];
        for (int k = 0; k < segs.size(); k++) {
            pa[k] = segs.get(k).motion().alpha();
            pd[k] = segs.get(k).motion().diffusionCoefficient();
            fit[k] = segs.get(k).motion().isEstimate();
        }
        return addFrames(trueStates, trueAlpha, trueD, prediction.stateIndices(), prediction.changePointIndices(),
                pa, pd, fit);
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

    /**
     * Adds one track whose truth is given per frame: its true state, α and D at every point (the challenge's
     * labels). True segments change where any of the three changes; predicted segments are the prediction's
     * state runs, each with one predicted α and D ({@code predictedAlpha[k]}, {@code predictedD[k]} for
     * segment k of {@link Segmentation#segments()}). Adds the frame states, the change points and the segment
     * pairs.
     *
     * @param trueStates true state 0..3 of every point
     * @param trueAlpha true α of every point
     * @param trueD true D of every point (the unit the MSLE is scored in)
     * @param predictedStates predicted state 0..3 of every point (same length)
     * @param predictedAlpha predicted α per predicted segment (NaN: no estimate)
     * @param predictedD predicted D per predicted segment, same unit as trueD (NaN: no estimate)
     * @return this
     * @throws IllegalArgumentException when lengths differ or a true α or D is not finite
     */
    public Andi2Metrics addFrames(int[] trueStates, double[] trueAlpha, double[] trueD, int[] predictedStates,
            double[] predictedAlpha, double[] predictedD) {
        return addFrames(trueStates, trueAlpha, trueD, predictedStates, changePoints(predictedStates), predictedAlpha,
                predictedD, null);
    }

    private Andi2Metrics addFrames(int[] trueStates, double[] trueAlpha, double[] trueD, int[] predictedStates,
            int[] q, double[] predictedAlpha, double[] predictedD, boolean @Nullable [] predictedFit) {
        int n = trueStates.length;
        if (trueAlpha.length != n || trueD.length != n || predictedStates.length != n) {
            throw new IllegalArgumentException("per-frame arrays differ in length: states " + n + ", alpha "
                    + trueAlpha.length + ", D " + trueD.length + ", predicted states " + predictedStates.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(trueAlpha[i]) || !Double.isFinite(trueD[i])) {
                throw new IllegalArgumentException("true alpha / D at point " + i + " is not finite: "
                        + trueAlpha[i] + ", " + trueD[i]);
            }
        }
        int count = 0;
        for (int i = 1; i < n; i++) {
            if (trueStates[i] != trueStates[i - 1] || trueAlpha[i] != trueAlpha[i - 1] || trueD[i] != trueD[i - 1]) {
                count++;
            }
        }
        int[] g = new int[count];
        double[] ga = new double[count + 1];
        double[] gd = new double[count + 1];
        int k = 0;
        for (int i = 1; i < n; i++) {
            if (trueStates[i] != trueStates[i - 1] || trueAlpha[i] != trueAlpha[i - 1] || trueD[i] != trueD[i - 1]) {
                g[k++] = i;
            }
        }
        for (int s = 0; s <= count; s++) {
            int first = s == 0 ? 0 : g[s - 1];
            ga[s] = trueAlpha[first];
            gd[s] = trueD[first];
        }
        addFrameStates(trueStates, predictedStates);
        pairAndCount(g, q);
        tracks++;
        int[] gState = new int[count + 1];
        for (int sIdx = 0; sIdx <= count; sIdx++) {
            gState[sIdx] = trueStates[sIdx == 0 ? 0 : g[sIdx - 1]];
        }
        int[] qState = new int[q.length + 1];
        for (int sIdx = 0; sIdx <= q.length; sIdx++) {
            qState[sIdx] = predictedStates[sIdx == 0 ? 0 : q[sIdx - 1]];
        }
        pairSegments(n, g, ga, gd, q, predictedAlpha, predictedD, predictedFit, gState, qState);
        return this;
    }

    /**
     * Adds the segment pairs of one track (α and D only; no change-point or state counts).
     *
     * @param length number of points of the track
     * @param trueChangePoints true change points (point indices 1..length−1, ascending)
     * @param trueAlpha true α per true segment (length trueChangePoints.length + 1)
     * @param trueD true D per true segment
     * @param predictedChangePoints predicted change points (ascending)
     * @param predictedAlpha predicted α per predicted segment (NaN: no estimate)
     * @param predictedD predicted D per predicted segment (NaN: no estimate)
     * @return this
     * @throws IllegalArgumentException when an array has the wrong length or change points are out of order
     */
    public Andi2Metrics addSegments(int length, int[] trueChangePoints, double[] trueAlpha, double[] trueD,
            int[] predictedChangePoints, double[] predictedAlpha, double[] predictedD) {
        pairSegments(length, trueChangePoints, trueAlpha, trueD, predictedChangePoints, predictedAlpha, predictedD,
                null, null, null);
        return this;
    }

    private void pairSegments(int length, int[] g, double[] ga, double[] gd, int[] q, double[] qa, double[] qd,
            boolean @Nullable [] qFit, int @Nullable [] gState, int @Nullable [] qState) {
        int[][] gs = bounds(length, g, ga.length, gd.length, "true");
        int[][] qs = bounds(length, q, qa.length, qd.length, "predicted");
        double[][] cost = new double[gs.length][qs.length];
        for (int a = 0; a < gs.length; a++) {
            for (int b = 0; b < qs.length; b++) {
                int inter = Math.min(gs[a][1], qs[b][1]) - Math.max(gs[a][0], qs[b][0]) + 1;
                int union = gs[a][1] - gs[a][0] + 1 + qs[b][1] - qs[b][0] + 1 - Math.max(0, inter);
                cost[a][b] = 1 - Math.max(0, inter) / (double) union;
            }
        }
        int[] assigned = HungarianAssignment.solve(cost);
        for (int a = 0; a < gs.length; a++) {
            int b = assigned[a];
            if (b < 0) {
                continue;
            }
            segmentPairs++;
            if (gState != null && qState != null) {
                statePairs++;
                statePairsCorrect += gState[a] == qState[b] ? 1 : 0;
            }
            double pa = qa[b];
            double pd = qd[b];
            if (Double.isNaN(pa) || Double.isNaN(pd)) {
                segmentPairsWithoutEstimate++;
            }
            double alphaError;
            if (Double.isNaN(pa) || pa < 0 || pa > 2) {
                alphaError = ALPHA_PENALTY;
            } else {
                alphaError = Math.abs(ga[a] - pa);
                alphaEstimates++;
                alphaEstimateErrorSum += alphaError;
            }
            alphaErrorSum += alphaError;
            double dTrue = Math.max(D_FLOOR, Math.abs(gd[a]));
            double dPred = Math.max(D_FLOOR, Double.isNaN(pd) ? Math.abs(gd[a]) + D_PENALTY : Math.abs(pd));
            double le = Math.log1p(dTrue) - Math.log1p(dPred);
            squaredLogErrorSum += le * le;
            if (!Double.isNaN(pd)) {
                diffusionEstimates++;
                diffusionEstimateErrorSum += le * le;
                if (pd > 0 && gd[a] > 0) {
                    double lr = Math.log(pd / gd[a]);
                    logRatioCount++;
                    logRatioSum += lr * lr;
                    if (qFit != null && qFit[b]) {
                        fitLogRatioCount++;
                        fitLogRatioSum += lr * lr;
                    }
                }
            }
        }
    }

    /** Segment point ranges {first, last} from change points. */
    private static int[][] bounds(int length, int[] cps, int alphas, int ds, String side) {
        if (alphas != cps.length + 1 || ds != cps.length + 1) {
            throw new IllegalArgumentException(side + " segments: " + (cps.length + 1) + " segments but " + alphas
                    + " alpha and " + ds + " D values");
        }
        int[][] out = new int[cps.length + 1][2];
        int start = 0;
        for (int s = 0; s <= cps.length; s++) {
            int end = s < cps.length ? cps[s] : length;
            if (end <= start || end > length) {
                throw new IllegalArgumentException(side + " change points must ascend within 1.." + (length - 1)
                        + ": " + java.util.Arrays.toString(cps));
            }
            out[s][0] = start;
            out[s][1] = end - 1;
            start = end;
        }
        return out;
    }

    private void pairAndCount(int[] g, int[] q) {
        changePointsTrue += g.length;
        if (g.length == 0 && q.length == 0) {
            emptyTracks++;
        }
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

    /** @return E: tracks with no change point in the truth and none predicted (each one TP of the Jaccard) */
    public long emptyTrackTruePositives() {
        return emptyTracks;
    }

    /**
     * @return Jaccard index (TP + E) / (TP + E + FP + FN), in [0, 1]; 1 when there are no change points at all
     */
    public double jaccard() {
        if (tracks == 0) {
            return Double.NaN;
        }
        if (tp + fp + fn == 0 && changePointsTrue == 0) {
            return 1.0;
        }
        return (tp + emptyTracks) / (double) (tp + emptyTracks + fp + fn);
    }

    /** @return RMSE of the TP pairs in frames; 0 when there is no TP pair (the reference's convention) */
    public double rmse() {
        if (tracks == 0) {
            return Double.NaN;
        }
        return tp == 0 ? 0.0 : Math.sqrt(sumSquaredError / tp);
    }

    /** @return number of (true, predicted) segment pairs scored for α and D */
    public long segmentPairs() {
        return segmentPairs;
    }

    /** @return segment pairs whose predicted α or D is NaN (no estimate; scored with the penalty) */
    public long segmentPairsWithoutEstimate() {
        return segmentPairsWithoutEstimate;
    }

    /** @return the challenge's α metric: MAE over segment pairs with the penalty, capped at 1.999; NaN without */
    public double alphaMae() {
        return segmentPairs == 0 ? Double.NaN : Math.min(ALPHA_MAX_ERROR, alphaErrorSum / segmentPairs);
    }

    /** @return the challenge's D metric: MSLE over segment pairs with the penalty, capped; NaN without pairs */
    public double diffusionMsle() {
        if (segmentPairs == 0) {
            return Double.NaN;
        }
        double cap = Math.log1p(D_FLOOR) - Math.log1p(D_CEILING);
        return Math.min(cap * cap, squaredLogErrorSum / segmentPairs);
    }

    /** @return mean |α error| over the pairs whose predicted α is in [0, 2] (no penalty, no cap); NaN without */
    public double alphaMaeOfEstimates() {
        return alphaEstimates == 0 ? Double.NaN : alphaEstimateErrorSum / alphaEstimates;
    }

    /** @return mean squared log error over the pairs whose predicted D is a number (no penalty, no cap) */
    public double diffusionMsleOfEstimates() {
        return diffusionEstimates == 0 ? Double.NaN : diffusionEstimateErrorSum / diffusionEstimates;
    }

    /**
     * Not a challenge metric: mean of (ln(D<sub>pred</sub>/D<sub>true</sub>))² over the pairs where both are
     * &gt; 0 — free of the unit dependence of the MSLE's 1 + D (for D ≪ 1 the MSLE is ≈ mean (D<sub>pred</sub> −
     * D<sub>true</sub>)², tiny whatever the relative error).
     *
     * @return the mean squared log ratio; NaN without such pairs
     */
    public double diffusionSquaredLogRatioOfEstimates() {
        return logRatioCount == 0 ? Double.NaN : logRatioSum / logRatioCount;
    }

    /**
     * Not a challenge metric: {@link #diffusionSquaredLogRatioOfEstimates()} over the pairs whose predicted segment's
     * {@link org.deepspt.api.MotionEstimate} is an estimate ({@link org.deepspt.api.MotionEstimate#isEstimate()}:
     * status ok, two_lags or alpha_from_state, so values on a bound, such as D at its floor or a clamped α, are left out). Only tracks added with
     * {@link #addFrames(int[], double[], double[], Segmentation)} carry that status.
     *
     * @return the mean squared log ratio over fitted segments; NaN without such pairs
     */
    public double diffusionSquaredLogRatioOfFits() {
        return fitLogRatioCount == 0 ? Double.NaN : fitLogRatioSum / fitLogRatioCount;
    }

    /** @return number of pairs entering {@link #diffusionSquaredLogRatioOfFits()} */
    public long diffusionFitPairs() {
        return fitLogRatioCount;
    }

    /**
     * @return micro-averaged per-frame 4-class state F1 (= per-frame accuracy); NaN without frame states. This is
     *     <em>not</em> the challenge's state score, which is over paired segments: {@link #stateF1Segments()}
     */
    public double stateF1Micro() {
        return frames == 0 ? Double.NaN : correctFrames / (double) frames;
    }

    /**
     * The challenge's diffusive-state score ({@code metric_diffusive_state}: scikit-learn {@code f1_score(average=
     * 'micro')} over the (true, predicted) state of each pair of segments matched by the segment pairing above, one
     * label per pair, so it equals the share of pairs whose states agree). Counted by
     * {@link #addFrames(int[], double[], double[], Segmentation)} and the other {@code addFrames} forms, which know
     * the states of the segments; NaN when no pair was.
     *
     * @return micro F1 of the paired segments' states
     */
    public double stateF1Segments() {
        return statePairs == 0 ? Double.NaN : statePairsCorrect / (double) statePairs;
    }

    /** @return number of frames that entered the state F1 */
    public long frameCount() {
        return frames;
    }

    /** @return one line: threshold, tracks, TP, E, FP, FN, Jaccard, RMSE, state F1 (and α, D with segment pairs) */
    @Override
    public String toString() {
        String s = String.format(Locale.ROOT, "AnDi-2 (threshold %.0f frames): %d tracks, TP %d (+%d empty), FP %d, "
                + "FN %d, Jaccard %.4f, RMSE %.3f frames, per-frame state F1 (micro) %.4f", threshold, tracks, tp,
                emptyTracks, fp, fn, jaccard(), rmse(), stateF1Micro());
        if (segmentPairs > 0) {
            s += String.format(Locale.ROOT, "; %d segment pairs (%d without estimate): alpha MAE %.4f, D MSLE %.4f",
                    segmentPairs, segmentPairsWithoutEstimate, alphaMae(), diffusionMsle());
        }
        return s;
    }
}
