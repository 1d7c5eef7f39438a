package org.deepspt.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.api.FitStatus;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.MotionEstimate;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.api.TrueMotion;
import org.junit.jupiter.api.Test;

/**
 * {@link SegmentationEvaluation} with the true D of every point: a hand-made set, every number worked out below.
 *
 * <pre>
 * track  truth: states / true D / true α (per point)            prediction: states, splits, segment estimates (D, α)
 * P      0000000000 / D 1×5, 4×5 / α 1                           0000000000 split at 6; [0..5] (1, 1), [6..9] (2, 0.5)
 * Q      00003333 / D 0.5×8 / α 1×4, 0.5×4                       00003333;             [0..3] (0.5, 1), [4..7] none
 * S      222222222222 / D 1×3, 0.1×5, 1×4 / α 1                  222222222222 split at 9; [0..8] (0.5, 0.9), [9..11] (1.1, 1)
 * T      11111 / D 2 / α 1                                       11111;                [0..4] (2, 1.2) at_bound
 *
 * the existing class-only AnDi-2 score pairs the predicted state changes (not the splits) with the true state
 *   changes: P → E; Q g {4} q {4} → TP (Δ 0); S → E; T → E: Jaccard (TP + E)/(TP + E + FP + FN) = 4/4 = 1; RMSE 0.
 *   (Counting the splits against a truth of states, P and S would each be a false positive.)
 * change points of state or D: P g {5} q {6} → TP (Δ 1); Q g {4} q {4} → TP (Δ 0);
 *   S g {3, 8} q {9} → 8↔9 TP (Δ 1), 3 unpaired FN; T → E.
 *   Jaccard (3 + 1)/(3 + 1 + 0 + 1) = 0.8; RMSE √((1 + 0 + 1)/3) = √(2/3).
 * segment pairs (cost 1 − Jaccard of the point sets, minimum-cost assignment):
 *   P [0..4]↔[0..5], [5..9]↔[6..9]; Q exact; S [3..7]↔[0..8] (cost 4/9, beats [0..2]↔[0..8] at 6/9),
 *   [8..11]↔[9..11] (cost 1/4); T exact: 7 pairs, 1 without estimate (Q's second).
 *   α errors 0, 0.5, 0, 2 (penalty), |1 − 0.9|, 0, 0.2: MAE 2.8/7 = 0.4.
 *   D: (ln(1+D_true) − ln(1+D_pred))² = 0, (ln 5 − ln 3)², 0, (ln 1.5 − ln(1 + 0.5 + 10⁵))² (penalty),
 *   (ln 1.1 − ln 1.5)², (ln 2 − ln 2.1)², 0: MSLE = sum/7 = 17.6765040... (T's value on a bound counts as given);
 *   (ln(D_pred/D_true))² of the 5 fits with status ok (not Q's second, not T's): 0, (ln 0.5)², 0, (ln 5)², (ln 1.1)²:
 *   mean 0.61596548...
 * </pre>
 */
class TrueMotionEvaluationTest {

    private static Trajectory truth(String id, String states) {
        Trajectory.Builder b = Trajectory.builder(id, 2, 1.0);
        for (int i = 0; i < states.length(); i++) {
            b.addWithState(i, states.charAt(i) - '0', i * 0.1, 0.0);
        }
        return b.build();
    }

    private static MotionEstimate fit(double d, double alpha) {
        return new MotionEstimate(d, 0.01, alpha, 0.01, 4, FitStatus.OK);
    }

    private static Segmentation pred(String id, String states, int[] splits, MotionEstimate... motion) {
        int[] frames = new int[states.length()];
        int[] s = new int[states.length()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = i;
            s[i] = states.charAt(i) - '0';
        }
        return Segmentation.oneHot(id, frames, s).withSplits(splits).withMotion(List.of(motion));
    }

    private static double[] runs(double... valueThenCount) {
        int n = 0;
        for (int k = 1; k < valueThenCount.length; k += 2) {
            n += (int) valueThenCount[k];
        }
        double[] out = new double[n];
        int at = 0;
        for (int k = 0; k < valueThenCount.length; k += 2) {
            int c = (int) valueThenCount[k + 1];
            Arrays.fill(out, at, at + c, valueThenCount[k]);
            at += c;
        }
        return out;
    }

    private static int[] frames(int n) {
        int[] f = new int[n];
        for (int i = 0; i < n; i++) {
            f[i] = i;
        }
        return f;
    }

    private static final List<Trajectory> TRUTH = List.of(truth("P", "0000000000"), truth("Q", "00003333"),
            truth("S", "222222222222"), truth("T", "11111"));

    private static final List<Segmentation> PRED = List.of(
            pred("P", "0000000000", new int[] {6}, fit(1, 1), fit(2, 0.5)),
            pred("Q", "00003333", new int[0], fit(0.5, 1), MotionEstimate.NONE),
            pred("S", "222222222222", new int[] {9}, fit(0.5, 0.9), fit(1.1, 1)),
            pred("T", "11111", new int[0], new MotionEstimate(2, Double.NaN, 1.2, Double.NaN, 1, FitStatus.AT_BOUND)));

    private static Map<String, TrueMotion> motion(boolean withAlpha) {
        Map<String, TrueMotion> m = new HashMap<>();
        m.put("P", TrueMotion.of("P", frames(10), null, runs(1, 5, 4, 5), withAlpha ? runs(1, 10) : null));
        m.put("Q", TrueMotion.of("Q", frames(8), null, runs(0.5, 8), withAlpha ? runs(1, 4, 0.5, 4) : null));
        m.put("S", TrueMotion.of("S", frames(12), null, runs(1, 3, 0.1, 5, 1, 4), withAlpha ? runs(1, 12) : null));
        m.put("T", TrueMotion.of("T", frames(5), null, runs(2, 5), withAlpha ? runs(1, 5) : null));
        return m;
    }

    @Test
    void changePointsOfStateOrDAndSegmentScores() {
        SegmentationEvaluation e = SegmentationEvaluation.evaluate(TRUTH, PRED, motion(true));
        assertTrue(e.hasTrueMotion());
        assertEquals(1.0, e.andi2ChangePointJaccard(), 1e-12);
        assertEquals(0.0, e.andi2ChangePointRmse(), 0.0);
        assertEquals(0.8, e.andi2StateOrDChangePointJaccard(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), e.andi2StateOrDChangePointRmse(), 1e-12);
        assertEquals(0.4, e.segmentAlphaMae(), 1e-12);
        assertEquals(17.676504025480806, e.segmentDiffusionMsle(), 1e-9);
        assertEquals(0.5133045730454615 * 6 / 5, e.segmentDiffusionSquaredLogRatio(), 1e-12);
    }

    @Test
    void summaryAndReportCarryTheNewColumns() {
        SegmentationEvaluation e = SegmentationEvaluation.evaluate(TRUTH, PRED, motion(true));
        List<String> header = List.of(SegmentationEvaluation.SUMMARY_HEADER.split(","));
        String[] cols = e.summaryLine().split(",");
        assertEquals(header.size(), cols.length);
        assertEquals("1.0000", cols[header.indexOf("andi2_cp_jaccard")]);
        assertEquals("0.8000", cols[header.indexOf("andi2_cp_jaccard_state_d")]);
        assertEquals("0.816", cols[header.indexOf("andi2_cp_rmse_state_d")]);
        assertEquals("0.4000", cols[header.indexOf("seg_alpha_mae")]);
        assertEquals("17.68", cols[header.indexOf("seg_d_msle")]);
        assertEquals("0.6160", cols[header.indexOf("seg_d_sq_log_ratio")]);
        String text = e.toText();
        assertTrue(text.contains("the true D or the true α changes): change-point Jaccard 0.800, RMSE 0.816 frames "
                + "(TP 3 + 1 empty, FP 0, FN 1)"), text);
        assertTrue(text.contains("7 true/predicted pairs, 1 without estimate; α MAE 0.400"), text);
    }

    @Test
    void withoutTheTrueAlphaTheAlphaScoreIsNaNAndTheRestStays() {
        SegmentationEvaluation e = SegmentationEvaluation.evaluate(TRUTH, PRED, motion(false));
        // no change of α happens here without a change of state, so the change points are the same
        assertEquals(0.8, e.andi2StateOrDChangePointJaccard(), 1e-12);
        assertTrue(Double.isNaN(e.segmentAlphaMae()));
        assertEquals(17.676504025480806, e.segmentDiffusionMsle(), 1e-9);
        assertFalse(e.toText().contains("or the true α"));
    }

    @Test
    void withoutTheTrueDTheNewScoresAreNaN() {
        SegmentationEvaluation e = SegmentationEvaluation.evaluate(TRUTH, PRED);
        assertFalse(e.hasTrueMotion());
        assertTrue(Double.isNaN(e.andi2StateOrDChangePointJaccard()));
        assertTrue(Double.isNaN(e.segmentDiffusionMsle()));
        List<String> header = List.of(SegmentationEvaluation.SUMMARY_HEADER.split(","));
        List<String> cols = List.of(e.summaryLine().split(","));
        int first = header.indexOf("andi2_cp_jaccard_state_d");
        assertEquals(List.of("NaN", "NaN", "NaN", "NaN", "NaN"), cols.subList(first, first + 5), e.summaryLine());
        assertFalse(e.toText().contains("with the true D"));
    }

    @Test
    void aScoredTrackWithoutTrueDOrWithOtherFramesIsAnError() {
        Map<String, TrueMotion> m = motion(true);
        m.remove("Q");
        InvalidTrajectoryException missing = assertThrows(InvalidTrajectoryException.class,
                () -> SegmentationEvaluation.evaluate(TRUTH, PRED, m));
        assertTrue(missing.getMessage().contains("Q") && missing.getMessage().contains("no true D"),
                missing.getMessage());
        m.put("Q", TrueMotion.of("Q", new int[] {0, 1, 2, 3, 4, 5, 6, 8}, null, runs(0.5, 8), null));
        InvalidTrajectoryException frames = assertThrows(InvalidTrajectoryException.class,
                () -> SegmentationEvaluation.evaluate(TRUTH, PRED, m));
        assertTrue(frames.getMessage().contains("frame 8 at point 7"), frames.getMessage());
    }
}
