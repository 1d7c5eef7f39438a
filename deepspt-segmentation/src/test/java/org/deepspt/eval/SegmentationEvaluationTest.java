package org.deepspt.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Reliability;
import org.deepspt.api.ReliabilityFinding;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.api.UnreliableReason;
import org.junit.jupiter.api.Test;

/**
 * A hand-made data set; every expected number below is worked out in the comments.
 *
 * <pre>
 * A frames 0..9     truth 0000000000        pred 0000111111   single-state ND
 * B frames 100..111 truth 000003333333      pred 000000033333 cp true 105, pred 107 → error 2
 * C frames 0..9     truth 1112222000        pred 1111333333   cps true 3, 7; pred 4 → errors 1, 3
 * D frames 0..5     truth 222333            pred 333333       cp true 3, no prediction → missed
 * E frames 0..4     truth 33333             pred 22333        single-state SD
 * F truth only, G prediction only
 * </pre>
 */
class SegmentationEvaluationTest {

    private static Trajectory truth(String id, int firstFrame, String states) {
        Trajectory.Builder b = Trajectory.builder(id, 2, 1.0);
        for (int i = 0; i < states.length(); i++) {
            b.addWithState(firstFrame + i, states.charAt(i) - '0', i * 0.1, 0.0);
        }
        return b.build();
    }

    private static Segmentation pred(String id, int firstFrame, String states) {
        int[] frames = new int[states.length()];
        int[] s = new int[states.length()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = firstFrame + i;
            s[i] = states.charAt(i) - '0';
        }
        return Segmentation.oneHot(id, frames, s);
    }

    private static SegmentationEvaluation example() {
        List<Trajectory> truth = List.of(truth("A", 0, "0000000000"), truth("B", 100, "000003333333"),
                truth("C", 0, "1112222000"), truth("D", 0, "222333"), truth("E", 0, "33333"),
                truth("F", 0, "00000"));
        List<Segmentation> pred = List.of(pred("G", 0, "00000"), pred("E", 0, "22333"),
                pred("D", 0, "333333"), pred("C", 0, "1111333333"), pred("B", 100, "000000033333"),
                pred("A", 0, "0000111111"));
        return SegmentationEvaluation.evaluate(truth, pred);
    }

    @Test
    void matchingAndUnmatchedTracks() {
        SegmentationEvaluation e = example();
        assertEquals(5, e.matchedTrackCount());
        assertEquals(43, e.frameCount());
        assertEquals(List.of("F"), e.unmatchedTruthIds());
        assertEquals(List.of("G"), e.unmatchedPredictionIds());
    }

    @Test
    void frameLevelScores() {
        SegmentationEvaluation e = example();
        // 4-class counts: (0,0) 4+5, (0,1) 6, (0,3) 3, (1,1) 3, (2,1) 1, (2,3) 3+3, (3,0) 2, (3,2) 2, (3,3) 5+3+3
        ConfusionMatrix four = e.confusion(ClassMerge.FOUR);
        assertArrayEquals(new long[] {9, 6, 0, 3}, four.counts()[0]);
        assertArrayEquals(new long[] {0, 3, 0, 0}, four.counts()[1]);
        assertArrayEquals(new long[] {0, 1, 0, 6}, four.counts()[2]);
        assertArrayEquals(new long[] {2, 0, 2, 11}, four.counts()[3]);
        assertEquals(23.0 / 43, e.accuracy(ClassMerge.FOUR), 1e-12);
        // F1: ND 2·9/(18+11), DM 2·3/(3+10), CD 0, SD 2·11/(15+20)
        assertEquals((18.0 / 29 + 6.0 / 13 + 0 + 22.0 / 35) / 4, e.macroF1(ClassMerge.FOUR), 1e-12);
        // 3-class: restricted diagonal 6 + 2 + 11 = 19 → (9 + 3 + 19)/43
        assertEquals(31.0 / 43, e.accuracy(ClassMerge.THREE), 1e-12);
        // 2-class: free/free 9+6+3, restricted/restricted 19
        assertEquals(37.0 / 43, e.accuracy(ClassMerge.TWO), 1e-12);
        assertEquals(43, e.confusion(ClassMerge.TWO).total());
    }

    /**
     * Per-class recall columns of the summary line from the counts above: normal 9/18, directed 3/3, confined 0/7,
     * subdiffusive 11/15; a class no true frame has is NaN (track F alone has only normal frames).
     */
    @Test
    void summaryRecallColumns() {
        List<String> header = List.of(SegmentationEvaluation.SUMMARY_HEADER.split(","));
        String[] cols = example().summaryLine().split(",");
        assertEquals(header.size(), cols.length);
        assertEquals("0.5000", cols[header.indexOf("recall_normal")]);
        assertEquals("1.0000", cols[header.indexOf("recall_directed")]);
        assertEquals("0.0000", cols[header.indexOf("recall_confined")]);
        assertEquals("0.7333", cols[header.indexOf("recall_subdiffusive")]);
        String[] only = SegmentationEvaluation.evaluate(List.of(truth("F", 0, "00000")),
                List.of(pred("F", 0, "00300"))).summaryLine().split(",");
        assertEquals("0.8000", only[header.indexOf("recall_normal")]);
        assertEquals("NaN", only[header.indexOf("recall_directed")]);
        assertEquals("NaN", only[header.indexOf("recall_subdiffusive")]);
    }

    @Test
    void perTrackAndTrackLevelScores() {
        SegmentationEvaluation e = example();
        assertArrayEquals(new double[] {0.4, 10.0 / 12, 0.3, 0.5, 0.6}, e.trackAccuracies(ClassMerge.FOUR),
                1e-12);
        assertEquals((0.4 + 10.0 / 12 + 0.3 + 0.5 + 0.6) / 5, e.meanTrackAccuracy(ClassMerge.FOUR), 1e-12);
        assertEquals(0.5, e.medianTrackAccuracy(ClassMerge.FOUR), 1e-12);
        // single-state: A (mode DM, wrong except in 2-class) and E (mode SD, right)
        assertEquals(2, e.singleStateTrackCount());
        assertEquals(0.5, e.singleStateTrackAccuracy(ClassMerge.FOUR), 1e-12);
        assertEquals(0.5, e.singleStateTrackAccuracy(ClassMerge.THREE), 1e-12);
        assertEquals(1.0, e.singleStateTrackAccuracy(ClassMerge.TWO), 1e-12);
        assertEquals(1, e.singleStateTrackConfusion(ClassMerge.FOUR).count(0, 1));
    }

    @Test
    void changePointScores() {
        SegmentationEvaluation e = example();
        assertEquals(3, e.heterogeneousTrackCount());
        assertEquals(4, e.trueChangePointCount());
        assertEquals(1, e.missedChangePoints());
        assertArrayEquals(new int[] {2, 1, 3}, e.changePointErrors());
        assertEquals(2.0, e.medianAbsChangePointError(), 1e-12);
        assertEquals(2.0, e.meanAbsChangePointError(), 1e-12);
        assertEquals(14.0 / 3, e.changePointMse(), 1e-12);
        // B has 2 true and 2 predicted segments; C 3 vs 2; D 2 vs 1
        assertEquals(1.0 / 3, e.segmentCountMatchFraction(), 1e-12);
        // first change points (frames from track start): B x=5 y=7, C x=3 y=4; x̄=4, SST=2, SSE=5
        assertEquals(2, e.firstChangePointTrackCount());
        assertEquals(1 - 5.0 / 2, e.firstChangePointRSquared(), 1e-12);
    }

    /**
     * AnDi-2 change points (point indices), threshold 5: A truth none, pred {4}: 1 FP; B {5} vs {7}: TP,
     * error 2; C {3, 7} vs {4}: the assignment pairs 3–4 (cost 1 < 3): TP, error 1, 7 unpaired: 1 FN;
     * D {3} vs none: 1 FN; E none vs {2}: 1 FP. TP 2, FP 2, FN 2: Jaccard 1/3, RMSE sqrt((4 + 1) / 2);
     * state F1 (micro) = 4-class accuracy 23/43.
     */
    @Test
    void andi2Scores() {
        SegmentationEvaluation e = example();
        assertEquals(1.0 / 3, e.andi2ChangePointJaccard(), 1e-12);
        assertEquals(Math.sqrt(2.5), e.andi2ChangePointRmse(), 1e-12);
        assertEquals(23.0 / 43, e.andi2StateF1Micro(), 1e-12);
        // The report and the summary line carry them (columns andi2_cp_jaccard, andi2_cp_rmse, andi2_state_f1).
        assertTrue(e.toText().contains("change-point Jaccard 0.333, RMSE 1.581 frames"), e.toText());
        String[] cols = e.summaryLine().split(",");
        List<String> header = List.of(SegmentationEvaluation.SUMMARY_HEADER.split(","));
        assertEquals("0.3333", cols[header.indexOf("andi2_cp_jaccard")]);
        assertEquals("1.581", cols[header.indexOf("andi2_cp_rmse")]);
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", 23.0 / 43), cols[header.indexOf("andi2_state_f1")]);
        assertEquals(e.accuracy(ClassMerge.FOUR), e.andi2StateF1Micro(), 1e-15);
    }

    @Test
    void reportIsReadable() {
        String text = example().toText();
        assertTrue(text.contains("5 tracks, 43 frames"), text);
        assertTrue(text.contains("4-class"), text);
        assertTrue(text.contains("3-class"), text);
        assertTrue(text.contains("2-class"), text);
        assertTrue(text.contains("(F)"), text);
        assertTrue(text.contains("(G)"), text);
        assertTrue(text.contains("median 2.000"), text);
        assertTrue(text.contains("0.535"), text);  // 23/43
    }

    @Test
    void perfectPredictionScoresOne() {
        List<Trajectory> truth = List.of(truth("x", 0, "0001112222"), truth("y", 5, "3333"));
        List<Segmentation> pred = List.of(pred("x", 0, "0001112222"), pred("y", 5, "3333"));
        SegmentationEvaluation e = SegmentationEvaluation.evaluate(truth, pred);
        for (ClassMerge m : ClassMerge.values()) {
            assertEquals(1.0, e.accuracy(m));
            assertEquals(1.0, e.macroF1(m));
        }
        assertArrayEquals(new int[] {0, 0}, e.changePointErrors());
        assertEquals(1.0, e.segmentCountMatchFraction());
        assertTrue(Double.isNaN(e.firstChangePointRSquared()));  // a single heterogeneous track
    }

    @Test
    void invalidInputNamesTheTrack() {
        InvalidTrajectoryException frames = assertThrows(InvalidTrajectoryException.class,
                () -> SegmentationEvaluation.evaluate(List.of(truth("k", 0, "0000")), List.of(pred("k", 1, "0000"))));
        assertEquals("k", frames.trackId());
        assertTrue(frames.getMessage().contains("frame"), frames.getMessage());
        assertThrows(InvalidTrajectoryException.class,
                () -> SegmentationEvaluation.evaluate(List.of(truth("k", 0, "0000")), List.of(pred("k", 0, "000"))));
        Trajectory noStates = Trajectory.ofAxes("plain", 1.0, new double[3], new double[3]);
        InvalidTrajectoryException states = assertThrows(InvalidTrajectoryException.class,
                () -> SegmentationEvaluation.evaluate(List.of(noStates), List.of()));
        assertEquals("plain", states.trackId());
        assertThrows(InvalidTrajectoryException.class, () -> SegmentationEvaluation.evaluate(
                List.of(truth("d", 0, "00"), truth("d", 0, "00")), List.of()));
        assertThrows(InvalidTrajectoryException.class, () -> SegmentationEvaluation.evaluate(
                List.of(), List.of(pred("d", 0, "00"), pred("d", 0, "00"))));
    }

    @Test
    void emptyInputGivesNaN() {
        SegmentationEvaluation e = SegmentationEvaluation.evaluate(List.of(), List.of());
        assertEquals(0, e.matchedTrackCount());
        assertTrue(Double.isNaN(e.accuracy(ClassMerge.FOUR)));
        assertTrue(Double.isNaN(e.medianAbsChangePointError()));
        assertTrue(Double.isNaN(e.meanTrackAccuracy(ClassMerge.TWO)));
        assertTrue(Double.isNaN(e.andi2ChangePointJaccard()));
        assertTrue(e.toText().contains("0 tracks"));
    }

    /**
     * Verdict groups: A (4 of 10 right) and B (10 of 12) marked reliable, C (3 of 10) unreliable, D and E without a
     * verdict. Reliable: 14 of 22 frames right, one-hot confidence 1 so ECE = 1 − accuracy = 8/22; unreliable 3/10,
     * ECE 0.7; share of frames in reliable tracks 22/(22 + 10).
     */
    @Test
    void reliabilityVerdictGroups() {
        Reliability flagged = Reliability.of(List.of(new ReliabilityFinding(UnreliableReason.TOO_SHORT, 10, 100)));
        List<Trajectory> truth = List.of(truth("A", 0, "0000000000"), truth("B", 100, "000003333333"),
                truth("C", 0, "1112222000"), truth("D", 0, "222333"), truth("E", 0, "33333"));
        List<Segmentation> pred = List.of(pred("A", 0, "0000111111").withReliability(Reliability.passed()),
                pred("B", 100, "000000033333").withReliability(Reliability.passed()),
                pred("C", 0, "1111333333").withReliability(flagged), pred("D", 0, "333333"), pred("E", 0, "22333"));
        SegmentationEvaluation e = SegmentationEvaluation.evaluate(truth, pred);
        assertEquals(22.0 / 32, e.reliableFrameShare(), 1e-12);
        assertEquals(14.0 / 22, e.verdictAccuracy(true), 1e-12);
        assertEquals(8.0 / 22, e.verdictCalibrationError(true), 1e-12);
        assertEquals(0.3, e.verdictAccuracy(false), 1e-12);
        assertEquals(0.7, e.verdictCalibrationError(false), 1e-12);
        List<String> header = List.of(SegmentationEvaluation.SUMMARY_HEADER.split(","));
        List<String> cols = List.of(e.summaryLine().split(","));
        int first = header.indexOf("verdict_reliable_share");
        assertEquals(List.of("0.6875", "0.6364", "0.3636", "0.3000", "0.7000"), cols.subList(first, first + 5));
        assertTrue(e.toText().contains("Reliability verdict: 0.688 of the frames in tracks marked reliable"),
                e.toText());
        // without any verdict: NaN columns and no report line
        SegmentationEvaluation none = example();
        assertEquals(List.of("NaN", "NaN", "NaN", "NaN", "NaN"),
                List.of(none.summaryLine().split(",")).subList(first, first + 5));
        assertTrue(Double.isNaN(none.reliableFrameShare()));
        assertTrue(!none.toText().contains("Reliability verdict"));
    }
}
