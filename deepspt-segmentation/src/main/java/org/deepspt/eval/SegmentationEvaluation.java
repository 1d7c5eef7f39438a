package org.deepspt.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.api.TrueMotion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores predicted segmentations against true per-frame states, as in the DeepSPT paper. Immutable and
 * thread-safe once built; accessors return copies.
 *
 * <h2>Matching</h2>
 * Truth trajectories (which must carry states) and predictions are matched by track id. A matched pair
 * must have identical frame indices, otherwise an {@link InvalidTrajectoryException} names the track and
 * the first differing point. Track ids must be unique within each list. Tracks present in only one list
 * are not scored; their ids are listed ({@link #unmatchedTruthIds()}, {@link #unmatchedPredictionIds()})
 * and logged as a warning.
 *
 * <h2>Frame-level scores, per merge ({@link ClassMerge}: 4-, 3-, 2-class)</h2>
 * One {@link ConfusionMatrix} over all frames of all matched tracks (true and predicted states mapped by
 * the merge); flat accuracy and macro-F1 come from it. Per-track accuracy = fraction of a track's frames
 * predicted correctly; its mean and median over tracks are reported.
 *
 * <h2>Track-level scores of single-state tracks</h2>
 * A track is single-state when its true 4-class states are all equal. Its predicted track class is the
 * mode of its per-frame predicted classes in the merge (ties go to the lower class index); track-level
 * accuracy is the fraction of single-state tracks whose mode equals the true class, with a track-level
 * confusion matrix per merge.
 *
 * <h2>Change points (4-class)</h2>
 * A change point is the first point of every segment but the first: for the truth, a maximal run of equal states;
 * for the prediction, its segments ({@link Segmentation#changePointIndices()}: state runs, cut further where a
 * neural segmenter found a change of D within a state, which a truth of states alone counts as a false change
 * point). On heterogeneous tracks
 * (≥ 1 true change point): for each true change point the nearest predicted change point (ties: the
 * earlier) gives the absolute error |frame<sub>true</sub> − frame<sub>pred</sub>| in frames. True change
 * points of a track without any predicted change point have no error; they are counted as missed
 * ({@link #missedChangePoints()}) and left out of the error statistics. Reported: median and mean
 * absolute error, MSE (mean squared error, frames²), the fraction of heterogeneous tracks whose number of
 * predicted segments equals the true number, and R² of the first change point over the heterogeneous
 * tracks with ≥ 1 predicted change point: with x = true and y = predicted first change point, both in
 * frames from the track's first frame, R² = 1 − Σ(y − x)² / Σ(x − x̄)² (the coefficient of
 * determination of y as a prediction of x, not a squared correlation; can be negative; NaN with fewer than
 * 2 tracks or Σ(x − x̄)² = 0).
 *
 * <h2>Change points of state or D, and segment D and α (with the true D)</h2>
 * Given the true D of every point ({@link TrueMotion}, e.g. the {@code true_D} column of {@code simulate}; see
 * {@link #evaluate(List, List, Map)}), the AnDi-2 change-point scores are computed a second time against the
 * challenge's own truth: a true change point wherever the state, the true D (by any factor) or, when given, the
 * true α differs from the previous point's ({@link Andi2Metrics#addFrames(int[], double[], double[], Segmentation)};
 * a correctly found change of D within one class is then a true positive, not the false positive the states alone
 * make of it). The same call pairs the true and predicted segments and scores the predictions' per-segment
 * estimates ({@link Segmentation#segments()}, {@link org.deepspt.api.Segment#motion()}; a segment without an
 * estimate costs the challenge's penalty): α MAE (NaN when some track's true α is unknown), D MSLE and the mean
 * squared log ratio of D over the segments whose D and α are estimates
 * ({@link Andi2Metrics#diffusionSquaredLogRatioOfFits()}; the MSLE of small D is ≈ the squared difference, tiny
 * whatever the relative error). Without the true D these
 * statistics are NaN.
 *
 * <h2>Reliability verdict</h2>
 * When predictions carry a per-track verdict ({@link Segmentation#reliability()}, the {@code reliable} column of
 * {@code segment}'s output), the frames are also scored in two groups: those of tracks marked reliable and those of
 * tracks marked unreliable (4-class accuracy and ECE of each, {@link #verdictAccuracy(boolean)},
 * {@link #verdictCalibrationError(boolean)}), with the share of frames in reliable tracks among the frames whose track
 * has a verdict ({@link #reliableFrameShare()}). This measures what the verdict promises: that the states of tracks
 * it accepts can be trusted more than those of the tracks it flags. Tracks without a verdict enter neither group.
 *
 * <p>Every statistic over an empty set is NaN.
 */
public final class SegmentationEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentationEvaluation.class);

    private final int matchedTracks;
    private final long frames;
    private final List<String> unmatchedTruth;
    private final List<String> unmatchedPredictions;
    private final Map<ClassMerge, ConfusionMatrix> frameConfusion;
    private final Map<ClassMerge, ConfusionMatrix> trackConfusion;
    private final Map<ClassMerge, double[]> trackAccuracies;
    private final int singleStateTracks;
    private final int heterogeneousTracks;
    private final int trueChangePoints;
    private final int missedChangePoints;
    private final int[] changePointErrors;
    private final double segmentCountMatch;
    private final double firstChangePointR2;
    private final int firstChangePointTracks;
    private final double ece;
    private final double andi2Jaccard;
    private final double andi2Rmse;
    private final double andi2StateF1;
    private final @Nullable Andi2Metrics stateOrD;
    private final boolean trueAlpha;
    private final long[] verdictFrames;
    private final long[] verdictCorrect;
    private final double[] verdictEce;

    private SegmentationEvaluation(Builder b) {
        this.verdictFrames = b.verdictFrames.clone();
        this.verdictCorrect = b.verdictCorrect.clone();
        this.verdictEce = new double[] {b.verdictCalibration[0].value(), b.verdictCalibration[1].value()};
        this.ece = b.calibration.value();
        this.andi2Jaccard = b.andi2.jaccard();
        this.andi2Rmse = b.andi2.rmse();
        this.andi2StateF1 = b.andi2.stateF1Micro();
        this.stateOrD = b.stateOrD;
        this.trueAlpha = b.trueAlpha;
        this.matchedTracks = b.matched;
        this.frames = b.frames;
        this.unmatchedTruth = Collections.unmodifiableList(b.unmatchedTruth);
        this.unmatchedPredictions = Collections.unmodifiableList(b.unmatchedPredictions);
        this.frameConfusion = b.frameConfusion;
        this.trackConfusion = b.trackConfusion;
        this.trackAccuracies = new EnumMap<>(ClassMerge.class);
        for (ClassMerge m : ClassMerge.values()) {
            trackAccuracies.put(m, b.trackAcc.get(m).stream().mapToDouble(Double::doubleValue).toArray());
        }
        this.singleStateTracks = b.single;
        this.heterogeneousTracks = b.heterogeneous;
        this.trueChangePoints = b.trueCps;
        this.missedChangePoints = b.missed;
        this.changePointErrors = b.errors.stream().mapToInt(Integer::intValue).toArray();
        this.segmentCountMatch = b.heterogeneous == 0 ? Double.NaN
                : b.segmentCountMatches / (double) b.heterogeneous;
        this.firstChangePointTracks = b.firstTrue.size();
        this.firstChangePointR2 = rSquared(b.firstTrue, b.firstPred);
    }

    /**
     * Evaluates predictions against the truth.
     *
     * @param truth trajectories carrying true states, unique ids
     * @param predictions segmentations, unique track ids
     * @return the evaluation
     * @throws InvalidTrajectoryException naming the track when a truth track has no states, an id is
     *     duplicated, or a matched pair's frames differ
     */
    public static SegmentationEvaluation evaluate(List<Trajectory> truth, List<Segmentation> predictions) {
        return evaluate(truth, predictions, null);
    }

    /**
     * Evaluates predictions against the truth, also against the true D (and α) of every point: the change points
     * of state or D and the segment estimates (see the class documentation).
     *
     * @param truth trajectories carrying true states, unique ids
     * @param predictions segmentations, unique track ids, with the segment estimates to score
     *     ({@link Segmentation#withMotion}; segments without are scored with the challenge's penalty)
     * @param trueMotion the true D (and α) of every point by track id, an entry for every truth track that has a
     *     prediction; null: as {@link #evaluate(List, List)}
     * @return the evaluation
     * @throws InvalidTrajectoryException naming the track when a truth track has no states, an id is
     *     duplicated, a matched pair's frames differ, or a matched track has no true D or one that does not match
     *     it ({@link TrueMotion#checkMatches}: another id, other frames, or other states where it has states)
     */
    public static SegmentationEvaluation evaluate(List<Trajectory> truth, List<Segmentation> predictions,
            @Nullable Map<String, TrueMotion> trueMotion) {
        Map<String, Segmentation> byId = new LinkedHashMap<>();
        for (Segmentation s : predictions) {
            if (byId.put(s.trackId(), s) != null) {
                throw new InvalidTrajectoryException(s.trackId(), "appears more than once in the predictions");
            }
        }
        Builder b = new Builder();
        if (trueMotion != null) {
            b.stateOrD = Andi2Metrics.create();
        }
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Trajectory t : truth) {
            if (seen.put(t.id(), Boolean.TRUE) != null) {
                throw new InvalidTrajectoryException(t.id(), "appears more than once in the truth");
            }
            if (!t.hasStates()) {
                throw new InvalidTrajectoryException(t.id(), "carries no true states: cannot be evaluated");
            }
            Segmentation s = byId.get(t.id());
            if (s == null) {
                b.unmatchedTruth.add(t.id());
                continue;
            }
            checkFrames(t, s);
            b.add(t, s);
            if (trueMotion != null) {
                TrueMotion m = trueMotion.get(t.id());
                if (m == null) {
                    throw new InvalidTrajectoryException(t.id(), "has no true D (every scored track needs one)");
                }
                m.checkMatches(t);
                double[] alpha;
                if (m.hasAlpha()) {
                    alpha = m.alpha();
                } else {
                    alpha = new double[t.size()];
                    Arrays.fill(alpha, 1.0); // unknown: no change points of α, and no α score
                    b.trueAlpha = false;
                }
                b.stateOrD.addFrames(t.stateIndices(), alpha, m.diffusion(), s);
            }
            int[] trueStates = t.stateIndices();
            int group = s.reliability().map(r -> r.reliable() ? 1 : 0).orElse(-1);
            for (int i = 0; i < s.size(); i++) {
                double[] p = s.probabilities(i);
                int arg = s.state(i).index();
                boolean correct = arg == trueStates[i];
                b.calibration.add(p[arg], correct);
                if (group >= 0) {
                    b.verdictCalibration[group].add(p[arg], correct);
                    b.verdictFrames[group]++;
                    b.verdictCorrect[group] += correct ? 1 : 0;
                }
            }
        }
        for (String id : byId.keySet()) {
            if (!seen.containsKey(id)) {
                b.unmatchedPredictions.add(id);
            }
        }
        if (!b.unmatchedTruth.isEmpty() || !b.unmatchedPredictions.isEmpty()) {
            LOG.warn("{} truth track(s) without prediction, {} prediction(s) without truth: not scored",
                    b.unmatchedTruth.size(), b.unmatchedPredictions.size());
        }
        return new SegmentationEvaluation(b);
    }

    private static void checkFrames(Trajectory t, Segmentation s) {
        if (t.size() != s.size()) {
            throw new InvalidTrajectoryException(t.id(), "prediction has " + s.size()
                    + " points but the truth has " + t.size());
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.frame(i) != s.frame(i)) {
                throw new InvalidTrajectoryException(t.id(), "prediction frame " + s.frame(i) + " at point " + i
                        + " differs from truth frame " + t.frame(i));
            }
        }
    }

    /**
     * @return expected calibration error of the 4-class per-frame probabilities, {@value
     *     CalibrationError#DEFAULT_BINS} bins (see {@link CalibrationError})
     */
    public double expectedCalibrationError() {
        return ece;
    }

    /**
     * @return AnDi-2 change-point Jaccard index (TP + E) / (TP + E + FP + FN) over all matched tracks, pairs
     *     within {@value Andi2Metrics#DEFAULT_THRESHOLD} frames, E the tracks without a change point on either
     *     side (see {@link Andi2Metrics}), of the true and predicted changes of state (splits within a state are
     *     not counted; see {@link #andi2StateOrDChangePointJaccard()} for the truth with changes of D); NaN with no
     *     track
     */
    public double andi2ChangePointJaccard() {
        return andi2Jaccard;
    }

    /**
     * @return AnDi-2 RMSE of the paired (TP) change points in frames, 0 without a TP pair (see
     *     {@link Andi2Metrics}); NaN with no track
     */
    public double andi2ChangePointRmse() {
        return andi2Rmse;
    }

    /**
     * @return per-frame 4-class state F1, micro-averaged (equals the 4-class per-frame accuracy); NaN with no
     *     track. The challenge's own state score is over paired segments: {@link #andi2StateF1Segments()}
     */
    public double andi2StateF1Micro() {
        return andi2StateF1;
    }

    /**
     * @return the share of frames in tracks marked reliable among the frames of tracks that carry a verdict
     *     ({@link Segmentation#reliability()}); NaN when no prediction carries one
     */
    public double reliableFrameShare() {
        long n = verdictFrames[0] + verdictFrames[1];
        return n == 0 ? Double.NaN : verdictFrames[1] / (double) n;
    }

    /**
     * @param reliable the group: frames of tracks marked reliable (true) or unreliable (false)
     * @return 4-class per-frame accuracy of that group; NaN when it has no frame
     */
    public double verdictAccuracy(boolean reliable) {
        int g = reliable ? 1 : 0;
        return verdictFrames[g] == 0 ? Double.NaN : verdictCorrect[g] / (double) verdictFrames[g];
    }

    /**
     * @param reliable the group: frames of tracks marked reliable (true) or unreliable (false)
     * @return ECE of that group's 4-class per-frame probabilities ({@link CalibrationError}, {@value
     *     CalibrationError#DEFAULT_BINS} bins); NaN when it has no frame
     */
    public double verdictCalibrationError(boolean reliable) {
        return verdictEce[reliable ? 1 : 0];
    }

    /**
     * @return the AnDi-2 challenge's state score: micro F1 over the (true, predicted) states of the segment pairs
     *     against changes of state or D ({@link Andi2Metrics#stateF1Segments()}); NaN without the true D
     */
    public double andi2StateF1Segments() {
        return stateOrD == null ? Double.NaN : stateOrD.stateF1Segments();
    }

    /** @return whether the true D of every point was given ({@link #evaluate(List, List, Map)}) */
    public boolean hasTrueMotion() {
        return stateOrD != null;
    }

    /**
     * @return AnDi-2 change-point Jaccard index against the change points of state, D or α (see the class
     *     documentation); NaN without the true D or without a track
     */
    public double andi2StateOrDChangePointJaccard() {
        return stateOrD == null ? Double.NaN : stateOrD.jaccard();
    }

    /** @return AnDi-2 RMSE (frames) of the TP pairs of {@link #andi2StateOrDChangePointJaccard()}; NaN without */
    public double andi2StateOrDChangePointRmse() {
        return stateOrD == null ? Double.NaN : stateOrD.rmse();
    }

    /**
     * @return the challenge's α MAE of the paired segments ({@link Andi2Metrics#alphaMae()}); NaN without the true
     *     D, or when the true α of some track is unknown
     */
    public double segmentAlphaMae() {
        return stateOrD == null || !trueAlpha ? Double.NaN : stateOrD.alphaMae();
    }

    /** @return the challenge's D MSLE of the paired segments ({@link Andi2Metrics#diffusionMsle()}); NaN without */
    public double segmentDiffusionMsle() {
        return stateOrD == null ? Double.NaN : stateOrD.diffusionMsle();
    }

    /**
     * @return mean (ln(D<sub>pred</sub>/D<sub>true</sub>))² of the paired segments whose D and α are estimates
     *     (status ok, two_lags or alpha_from_state; {@link Andi2Metrics#diffusionSquaredLogRatioOfFits()}); NaN without
     */
    public double segmentDiffusionSquaredLogRatio() {
        return stateOrD == null ? Double.NaN : stateOrD.diffusionSquaredLogRatioOfFits();
    }

    /**
     * @return one CSV line of the headline numbers: 4/3/2-class accuracy and macro-F1, 4-class median
     *     per-track accuracy, median absolute change-point error (frames), fraction of heterogeneous tracks
     *     with the right number of segments, ECE, then the AnDi-2 change-point Jaccard index and RMSE (frames)
     *     and per-frame state F1 (micro), then (NaN without the true D) the AnDi-2 change-point Jaccard index and
     *     RMSE against change points of state or D, the segments' α MAE, D MSLE and mean squared log ratio of D
     *     (estimates: status ok, two_lags or alpha_from_state), then the 4-class recall of each true class (normal, directed,
     *     confined, subdiffusive; NaN for a class no frame has), then the reliability verdict's groups (NaN
     *     without verdicts): share of frames in reliable tracks, accuracy and ECE of their frames, accuracy and
     *     ECE of the unreliable tracks' frames, then the challenge's state score over paired segments (NaN without
     *     the true D); see {@link #SUMMARY_HEADER}
     */
    public String summaryLine() {
        return String.format(Locale.ROOT, "%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.2f,%.4f,%.4f,%.4f,%.3f,%.4f,"
                + "%.4f,%.3f,%.4f,%.4g,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f",
                matchedTracks, frames,
                accuracy(ClassMerge.FOUR), macroF1(ClassMerge.FOUR), accuracy(ClassMerge.THREE),
                macroF1(ClassMerge.THREE), accuracy(ClassMerge.TWO), macroF1(ClassMerge.TWO),
                medianTrackAccuracy(ClassMerge.FOUR), medianAbsChangePointError(), segmentCountMatch, ece,
                andi2Jaccard, andi2Rmse, andi2StateF1, andi2StateOrDChangePointJaccard(),
                andi2StateOrDChangePointRmse(), segmentAlphaMae(), segmentDiffusionMsle(),
                segmentDiffusionSquaredLogRatio(), recall4(0), recall4(1), recall4(2), recall4(3),
                reliableFrameShare(), verdictAccuracy(true), verdictCalibrationError(true), verdictAccuracy(false),
                verdictCalibrationError(false), andi2StateF1Segments());
    }

    /** Column names of {@link #summaryLine()}. */
    public static final String SUMMARY_HEADER = "tracks,frames,acc4,f1_4,acc3,f1_3,acc2,f1_2,median_track_acc4,"
            + "cp_median_abs_error,segment_count_match,ece,andi2_cp_jaccard,andi2_cp_rmse,andi2_state_f1,"
            + "andi2_cp_jaccard_state_d,andi2_cp_rmse_state_d,seg_alpha_mae,seg_d_msle,seg_d_sq_log_ratio,"
            + "recall_normal,recall_directed,recall_confined,recall_subdiffusive,"
            + "verdict_reliable_share,acc4_reliable,ece_reliable,acc4_unreliable,ece_unreliable,"
            + "andi2_state_f1_segments";

    /** 4-class recall of one true class over all frames (NaN when no frame has it). */
    private double recall4(int c) {
        return confusion(ClassMerge.FOUR).recall(c);
    }

    /** @return number of tracks scored (present in both lists) */
    public int matchedTrackCount() {
        return matchedTracks;
    }

    /** @return number of frames scored */
    public long frameCount() {
        return frames;
    }

    /** @return ids of truth tracks without a prediction, in input order (unmodifiable) */
    public List<String> unmatchedTruthIds() {
        return unmatchedTruth;
    }

    /** @return ids of predictions without a truth track, in input order (unmodifiable) */
    public List<String> unmatchedPredictionIds() {
        return unmatchedPredictions;
    }

    /** @param merge class merge @return a copy of the per-frame confusion matrix */
    public ConfusionMatrix confusion(ClassMerge merge) {
        return frameConfusion.get(merge).copy();
    }

    /** @param merge class merge @return flat per-frame accuracy over all frames */
    public double accuracy(ClassMerge merge) {
        return frameConfusion.get(merge).accuracy();
    }

    /** @param merge class merge @return per-frame macro-F1 (see {@link ConfusionMatrix#macroF1()}) */
    public double macroF1(ClassMerge merge) {
        return frameConfusion.get(merge).macroF1();
    }

    /** @param merge class merge @return per-track accuracies in truth order (copy) */
    public double[] trackAccuracies(ClassMerge merge) {
        return trackAccuracies.get(merge).clone();
    }

    /** @param merge class merge @return mean over tracks of the per-track accuracy */
    public double meanTrackAccuracy(ClassMerge merge) {
        double[] a = trackAccuracies.get(merge);
        return a.length == 0 ? Double.NaN : Arrays.stream(a).sum() / a.length;
    }

    /** @param merge class merge @return median over tracks of the per-track accuracy */
    public double medianTrackAccuracy(ClassMerge merge) {
        return median(trackAccuracies.get(merge));
    }

    /** @return number of single-state tracks (constant true 4-class state) */
    public int singleStateTrackCount() {
        return singleStateTracks;
    }

    /** @param merge class merge @return track-level confusion of single-state tracks (copy) */
    public ConfusionMatrix singleStateTrackConfusion(ClassMerge merge) {
        return trackConfusion.get(merge).copy();
    }

    /** @param merge class merge @return fraction of single-state tracks whose predicted mode is right */
    public double singleStateTrackAccuracy(ClassMerge merge) {
        return trackConfusion.get(merge).accuracy();
    }

    /** @return number of tracks with at least one true change point */
    public int heterogeneousTrackCount() {
        return heterogeneousTracks;
    }

    /** @return number of true change points on all matched tracks */
    public int trueChangePointCount() {
        return trueChangePoints;
    }

    /** @return true change points on tracks without any predicted change point (no error computed) */
    public int missedChangePoints() {
        return missedChangePoints;
    }

    /** @return absolute change-point errors in frames, one per matched true change point (copy) */
    public int[] changePointErrors() {
        return changePointErrors.clone();
    }

    /** @return median absolute change-point error, frames */
    public double medianAbsChangePointError() {
        double[] e = Arrays.stream(changePointErrors).asDoubleStream().toArray();
        return median(e);
    }

    /** @return mean absolute change-point error, frames */
    public double meanAbsChangePointError() {
        return changePointErrors.length == 0 ? Double.NaN
                : Arrays.stream(changePointErrors).asDoubleStream().sum() / changePointErrors.length;
    }

    /** @return mean squared change-point error, frames² */
    public double changePointMse() {
        if (changePointErrors.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int e : changePointErrors) {
            s += (double) e * e;
        }
        return s / changePointErrors.length;
    }

    /** @return fraction of heterogeneous tracks whose predicted segment count equals the true count */
    public double segmentCountMatchFraction() {
        return segmentCountMatch;
    }

    /** @return R² of predicted vs true first change point (see class documentation) */
    public double firstChangePointRSquared() {
        return firstChangePointR2;
    }

    /** @return number of heterogeneous tracks entering {@link #firstChangePointRSquared()} */
    public int firstChangePointTrackCount() {
        return firstChangePointTracks;
    }

    /**
     * @return a readable multi-line report: summary per merge, confusion matrices (row-normalised and
     *     counts), change-point statistics and unmatched tracks
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Segmentation evaluation: %d tracks, %d frames%n", matchedTracks,
                frames));
        if (!unmatchedTruth.isEmpty() || !unmatchedPredictions.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "Not scored: %d truth track(s) without prediction%s, "
                    + "%d prediction(s) without truth%s%n", unmatchedTruth.size(), ids(unmatchedTruth),
                    unmatchedPredictions.size(), ids(unmatchedPredictions)));
        }
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-8s %9s %9s %11s %13s %15s%n", "merge", "accuracy", "macro-F1",
                "track mean", "track median", "single-state"));
        for (ClassMerge m : ClassMerge.values()) {
            sb.append(String.format(Locale.ROOT, "%-8s %9s %9s %11s %13s %15s%n", m.title(),
                    ConfusionMatrix.fmt(accuracy(m)), ConfusionMatrix.fmt(macroF1(m)),
                    ConfusionMatrix.fmt(meanTrackAccuracy(m)), ConfusionMatrix.fmt(medianTrackAccuracy(m)),
                    ConfusionMatrix.fmt(singleStateTrackAccuracy(m))));
        }
        sb.append(String.format(Locale.ROOT, "(single-state: track-level accuracy of %d single-state tracks, "
                + "track class = mode of frame predictions)%n", singleStateTracks));
        sb.append(String.format(Locale.ROOT, "Expected calibration error (4-class, %d bins): %s%n",
                CalibrationError.DEFAULT_BINS, ConfusionMatrix.fmt(ece)));
        if (verdictFrames[0] + verdictFrames[1] > 0) {
            sb.append(String.format(Locale.ROOT, "Reliability verdict: %s of the frames in tracks marked reliable, "
                    + "4-class accuracy %s (ECE %s); in tracks marked unreliable %s (ECE %s)%n",
                    ConfusionMatrix.fmt(reliableFrameShare()), ConfusionMatrix.fmt(verdictAccuracy(true)),
                    ConfusionMatrix.fmt(verdictCalibrationError(true)), ConfusionMatrix.fmt(verdictAccuracy(false)),
                    ConfusionMatrix.fmt(verdictCalibrationError(false))));
        }
        sb.append(System.lineSeparator());
        sb.append("Classes: ND normal (Brownian), DM directed motion, CD confined diffusion, SD subdiffusive; "
                + "CD+SD merged (3-class); free = ND+DM, restricted = CD+SD (2-class).").append(System.lineSeparator());
        for (ClassMerge m : ClassMerge.values()) {
            sb.append(System.lineSeparator());
            sb.append("Confusion ").append(m.title()).append(", frames, normalised by true class:")
                    .append(System.lineSeparator());
            sb.append(frameConfusion.get(m).toTable(true));
        }
        sb.append(System.lineSeparator());
        sb.append("Confusion 4-class, frames, counts:").append(System.lineSeparator());
        sb.append(frameConfusion.get(ClassMerge.FOUR).toTable(false));
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "Change points (4-class): %d heterogeneous tracks, %d true change "
                + "points, %d on tracks without a predicted change point%n", heterogeneousTracks,
                trueChangePoints, missedChangePoints));
        sb.append(String.format(Locale.ROOT, "  |error| median %s frames, mean %s frames, MSE %s frames²%n",
                ConfusionMatrix.fmt(medianAbsChangePointError()), ConfusionMatrix.fmt(meanAbsChangePointError()),
                ConfusionMatrix.fmt(changePointMse())));
        sb.append(String.format(Locale.ROOT, "  segment count correct on %s of heterogeneous tracks%n",
                ConfusionMatrix.fmt(segmentCountMatch)));
        sb.append(String.format(Locale.ROOT, "  R² of first change point: %s (%d tracks)%n",
                ConfusionMatrix.fmt(firstChangePointR2), firstChangePointTracks));
        sb.append(String.format(Locale.ROOT, "AnDi-2 metrics (change points paired by the Hungarian method within %d"
                + " frames, a TP per track without change points): change-point Jaccard %s, RMSE %s frames, "
                + "per-frame state F1 (micro) %s%n",
                (long) Andi2Metrics.DEFAULT_THRESHOLD, ConfusionMatrix.fmt(andi2Jaccard),
                ConfusionMatrix.fmt(andi2Rmse), ConfusionMatrix.fmt(andi2StateF1)));
        if (stateOrD != null) {
            sb.append(String.format(Locale.ROOT, "AnDi-2 with the true D (a change point wherever the state, the true D"
                    + "%s changes): change-point Jaccard %s, RMSE %s frames (TP %d + %d empty, FP %d, FN %d); state F1 "
                    + "over paired segments (the challenge's) %s%n",
                    trueAlpha ? " or the true α" : "", ConfusionMatrix.fmt(stateOrD.jaccard()),
                    ConfusionMatrix.fmt(stateOrD.rmse()), stateOrD.truePositives(), stateOrD.emptyTrackTruePositives(),
                    stateOrD.falsePositives(), stateOrD.falseNegatives(), ConfusionMatrix.fmt(andi2StateF1Segments())));
            sb.append(String.format(Locale.ROOT, "  segments: %d true/predicted pairs, %d without estimate; α MAE %s"
                    + " (of estimates %s), D MSLE %s (of estimates %s), mean squared ln(D_pred/D_true) %s over the %d "
                    + "estimates (status ok, two_lags or alpha_from_state)%n",
                    stateOrD.segmentPairs(), stateOrD.segmentPairsWithoutEstimate(),
                    ConfusionMatrix.fmt(segmentAlphaMae()),
                    ConfusionMatrix.fmt(trueAlpha ? stateOrD.alphaMaeOfEstimates() : Double.NaN),
                    small(stateOrD.diffusionMsle()), small(stateOrD.diffusionMsleOfEstimates()),
                    ConfusionMatrix.fmt(segmentDiffusionSquaredLogRatio()), stateOrD.diffusionFitPairs()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    /** Three significant digits (an MSLE of small D is ≪ 0.001), "-" for NaN. */
    private static String small(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String ids(List<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        int shown = Math.min(10, ids.size());
        return " (" + String.join(", ", ids.subList(0, shown)) + (ids.size() > shown ? ", …" : "") + ")";
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double rSquared(List<Integer> x, List<Integer> y) {
        int n = x.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (int v : x) {
            mean += v;
        }
        mean /= n;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double r = y.get(i) - x.get(i);
            sse += r * r;
            sst += (x.get(i) - mean) * (x.get(i) - mean);
        }
        return sst == 0 ? Double.NaN : 1 - sse / sst;
    }

    /** Accumulates the statistics track by track. */
    private static final class Builder {
        private int matched;
        private long frames;
        private final List<String> unmatchedTruth = new ArrayList<>();
        private final List<String> unmatchedPredictions = new ArrayList<>();
        private final Map<ClassMerge, ConfusionMatrix> frameConfusion = new EnumMap<>(ClassMerge.class);
        private final Map<ClassMerge, ConfusionMatrix> trackConfusion = new EnumMap<>(ClassMerge.class);
        private final Map<ClassMerge, List<Double>> trackAcc = new EnumMap<>(ClassMerge.class);
        private int single;
        private int heterogeneous;
        private int trueCps;
        private int missed;
        private final List<Integer> errors = new ArrayList<>();
        private int segmentCountMatches;
        private final List<Integer> firstTrue = new ArrayList<>();
        private final List<Integer> firstPred = new ArrayList<>();
        private final CalibrationError calibration = CalibrationError.of(CalibrationError.DEFAULT_BINS);
        private final Andi2Metrics andi2 = Andi2Metrics.create();
        private @Nullable Andi2Metrics stateOrD;
        private boolean trueAlpha = true;
        /** [0]: frames of tracks marked unreliable, [1]: reliable. */
        private final long[] verdictFrames = new long[2];
        private final long[] verdictCorrect = new long[2];
        private final CalibrationError[] verdictCalibration = {CalibrationError.of(CalibrationError.DEFAULT_BINS),
                CalibrationError.of(CalibrationError.DEFAULT_BINS)};

        Builder() {
            for (ClassMerge m : ClassMerge.values()) {
                frameConfusion.put(m, ConfusionMatrix.of(m));
                trackConfusion.put(m, ConfusionMatrix.of(m));
                trackAcc.put(m, new ArrayList<>());
            }
        }

        void add(Trajectory t, Segmentation s) {
            int n = t.size();
            int[] truth = t.stateIndices();
            int[] pred = s.stateIndices();
            andi2.addStates(truth, pred);
            matched++;
            frames += n;
            boolean singleState = true;
            for (int i = 1; i < n; i++) {
                if (truth[i] != truth[0]) {
                    singleState = false;
                    break;
                }
            }
            if (singleState) {
                single++;
            }
            for (ClassMerge m : ClassMerge.values()) {
                ConfusionMatrix cm = frameConfusion.get(m);
                int correct = 0;
                int[] votes = new int[m.classes()];
                for (int i = 0; i < n; i++) {
                    int tc = m.map(truth[i]);
                    int pc = m.map(pred[i]);
                    cm.add(tc, pc);
                    votes[pc]++;
                    if (tc == pc) {
                        correct++;
                    }
                }
                trackAcc.get(m).add(correct / (double) n);
                if (singleState) {
                    int mode = 0;
                    for (int c = 1; c < votes.length; c++) {
                        if (votes[c] > votes[mode]) {
                            mode = c;
                        }
                    }
                    trackConfusion.get(m).add(m.map(truth[0]), mode);
                }
            }
            if (!singleState) {
                changePoints(t, truth, s);
            }
        }

        private void changePoints(Trajectory t, int[] truth, Segmentation s) {
            heterogeneous++;
            List<Integer> trueCp = new ArrayList<>();
            for (int i = 1; i < truth.length; i++) {
                if (truth[i] != truth[i - 1]) {
                    trueCp.add(i);
                }
            }
            int[] predCp = s.changePointIndices();
            trueCps += trueCp.size();
            if (predCp.length == trueCp.size()) {
                segmentCountMatches++;
            }
            if (predCp.length == 0) {
                missed += trueCp.size();
                return;
            }
            for (int cp : trueCp) {
                int ft = t.frame(cp);
                int best = Integer.MAX_VALUE;
                for (int p : predCp) {
                    best = Math.min(best, Math.abs(t.frame(p) - ft));
                }
                errors.add(best);
            }
            firstTrue.add(t.frame(trueCp.get(0)) - t.frame(0));
            firstPred.add(t.frame(predCp[0]) - t.frame(0));
        }
    }
}
