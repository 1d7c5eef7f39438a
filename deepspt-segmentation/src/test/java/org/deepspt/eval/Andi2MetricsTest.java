package org.deepspt.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class Andi2MetricsTest {

    /**
     * Five tracks, the challenge's threshold 10 (hand computation from the definition of
     * {@code ensemble_changepoint_error}):
     * <ol>
     *   <li>true {20, 50}, predicted {24, 70, 90}: costs |20−24| = 4, |20−70| = 50, |20−90| = 70, |50−24| = 26,
     *       |50−70| = 20, |50−90| = 40; the cheapest pairing is 20–24 and 50–70 (4 + 20 = 24; 20–24 with
     *       50–90 costs 44, any pairing without 20–24 ≥ 76). 20–24: |4| &lt; 10, TP, squared error 16;
     *       50–70: |20| ≥ 10, 1 FP and 1 FN; 90 unpaired: 1 FP. So TP 1, FP 2, FN 1;</li>
     *   <li>true {}, predicted {}: no change point on either side, E = 1;</li>
     *   <li>true {30}, predicted {}: 1 FN;</li>
     *   <li>true {}, predicted {12}: 1 FP;</li>
     *   <li>true {40}, predicted {31}: |9| &lt; 10, TP, squared error 81 (a FP and a FN under the old
     *       threshold 5).</li>
     * </ol>
     * TP 2, E 1, FP 3, FN 2: Jaccard (2 + 1)/(2 + 1 + 3 + 2) = 3/8; RMSE sqrt((16 + 81)/2) = sqrt(48.5).
     */
    @Test
    void changePointGolden() {
        Andi2Metrics m = Andi2Metrics.create()
                .addChangePoints(new int[] {20, 50}, new int[] {24, 70, 90})
                .addChangePoints(new int[0], new int[0])
                .addChangePoints(new int[] {30}, new int[0])
                .addChangePoints(new int[0], new int[] {12})
                .addChangePoints(new int[] {40}, new int[] {31});
        assertEquals(10.0, m.threshold());
        assertEquals(2, m.truePositives());
        assertEquals(1, m.emptyTrackTruePositives());
        assertEquals(3, m.falsePositives());
        assertEquals(2, m.falseNegatives());
        assertEquals(3.0 / 8.0, m.jaccard(), 1e-12);
        assertEquals(Math.sqrt(48.5), m.rmse(), 1e-12);
        assertEquals(5, m.trackCount());
        assertTrue(Double.isNaN(m.stateF1Micro()));
        // threshold 5: 40–31 is no longer a TP (1 more FP and FN): TP 1, E 1, FP 4, FN 3 → 2/9; RMSE sqrt(16)
        Andi2Metrics narrow = Andi2Metrics.withThreshold(5)
                .addChangePoints(new int[] {20, 50}, new int[] {24, 70, 90})
                .addChangePoints(new int[0], new int[0])
                .addChangePoints(new int[] {30}, new int[0])
                .addChangePoints(new int[0], new int[] {12})
                .addChangePoints(new int[] {40}, new int[] {31});
        assertEquals(2.0 / 9.0, narrow.jaccard(), 1e-12);
        assertEquals(4.0, narrow.rmse(), 1e-12);
    }

    /**
     * Segment pairing and the α / D metrics (hand computation from {@code segment_assignment},
     * {@code metric_anomalous_exponent}, {@code metric_diffusion_coefficient} and the NaN handling of
     * {@code error_SingleTraj_dataset}).
     *
     * <p>Track 1, 100 points: true change point {40}, segments T0 = 0..39, T1 = 40..99, α (0.5, 1.5),
     * D (0.1, 2.0); predicted {35, 80}, segments P0 = 0..34, P1 = 35..79, P2 = 80..99, α (0.7, 1.2, NaN),
     * D (0.2, 1.0, 3.0). Jaccard: T0–P0 35/40 = 0.875, T0–P1 5/80 = 0.0625, T0–P2 0; T1–P0 0, T1–P1 40/65 ≈ 0.615,
     * T1–P2 20/60 ≈ 0.333. Minimum Σ(1 − J): T0–P0 + T1–P1 = 0.125 + 0.385 = 0.510 (T0–P0 + T1–P2: 0.792).
     * Pairs (0.5, 0.7) and (1.5, 1.2): α errors 0.2, 0.3; D pairs (0.1, 0.2), (2.0, 1.0). P2 is unpaired and
     * not scored.
     *
     * <p>Track 2, 50 points, no change point on either side: α true 1.0, predicted NaN → replaced by
     * 1.0 + 2, error 2; D true 0.5, predicted NaN → replaced by 0.5 + 1e5.
     *
     * <p>α MAE = (0.2 + 0.3 + 2)/3 = 0.8333…; D MSLE = [(ln 1.1 − ln 1.2)² + (ln 3 − ln 2)² + (ln 1.5 −
     * ln 100001.5)²]/3 = (0.0075710 + 0.1644020 + 123.3760088)/3 = 41.1826606 (computed with Python's
     * math.log1p); over the estimates only: α 0.25, D (0.0075710 + 0.1644020)/2 = 0.0859865.
     */
    @Test
    void segmentPropertyGolden() {
        Andi2Metrics m = Andi2Metrics.create()
                .addSegments(100, new int[] {40}, new double[] {0.5, 1.5}, new double[] {0.1, 2.0},
                        new int[] {35, 80}, new double[] {0.7, 1.2, Double.NaN}, new double[] {0.2, 1.0, 3.0})
                .addSegments(50, new int[0], new double[] {1.0}, new double[] {0.5},
                        new int[0], new double[] {Double.NaN}, new double[] {Double.NaN});
        assertEquals(3, m.segmentPairs());
        assertEquals(1, m.segmentPairsWithoutEstimate());
        assertEquals(2.5 / 3, m.alphaMae(), 1e-12);
        assertEquals(41.182660578139235, m.diffusionMsle(), 1e-9);
        assertEquals(0.25, m.alphaMaeOfEstimates(), 1e-12);
        assertEquals(0.0859864668093984, m.diffusionMsleOfEstimates(), 1e-12);
        // unit-free companion: [(ln 2)² + (ln 0.5)²]/2 = (ln 2)²
        assertEquals(Math.log(2) * Math.log(2), m.diffusionSquaredLogRatioOfEstimates(), 1e-12);
        // segments alone add no change-point or state counts
        assertEquals(0, m.trackCount());
        // an α outside [0, 2] is penalised like a missing one; the MAE is capped at 1.999
        Andi2Metrics wild = Andi2Metrics.create().addSegments(20, new int[0], new double[] {1.0},
                new double[] {1.0}, new int[0], new double[] {3.5}, new double[] {1.0});
        assertEquals(1.999, wild.alphaMae(), 1e-12);
        assertTrue(Double.isNaN(wild.alphaMaeOfEstimates()));
        assertEquals(0.0, wild.diffusionMsle(), 1e-15);
        // D of 0 or below is raised to 1e-12 on both sides: equal after the floor
        Andi2Metrics floor = Andi2Metrics.create().addSegments(20, new int[0], new double[] {1.0},
                new double[] {0.0}, new int[0], new double[] {1.0}, new double[] {-0.0});
        assertEquals(0.0, floor.diffusionMsle(), 1e-30);
        assertThrows(IllegalArgumentException.class, () -> Andi2Metrics.create().addSegments(20, new int[] {5},
                new double[] {1.0}, new double[] {1.0}, new int[0], new double[] {1.0}, new double[] {1.0}));
        assertThrows(IllegalArgumentException.class, () -> Andi2Metrics.create().addSegments(20, new int[] {25},
                new double[] {1, 1}, new double[] {1, 1}, new int[0], new double[] {1.0}, new double[] {1.0}));
    }

    /**
     * Per-frame truth: 10 points, true states 0 0 0 0 0 1 1 1 1 1 with α 1 1 1 0.5 0.5 | 0.5 … and D 1 …:
     * true segments change where the state or α changes (3 and 5): 0..2 (α 1), 3..4 (α 0.5, state 0),
     * 5..9 (α 0.5, state 1). Predicted states 0 0 0 0 1 1 1 1 1 1: change point 4, segments 0..3, 4..9.
     * Change points: true {3, 5}, predicted {4}: one pair, |Δ| = 1 (either), TP, 1 FN → Jaccard 1/2,
     * RMSE 1. Segment Jaccard: 0..2–0..3 3/4, 3..4–0..3 1/5, 3..4–4..9 1/7, 5..9–4..9 5/6; the minimum pairs
     * 0..2–0..3 and 5..9–4..9 (cost 0.25 + 0.167); 3..4 is unpaired. α pairs (1, 0.9), (0.5, 0.6): MAE 0.1.
     * States: frame 4 wrong, F1 0.9.
     */
    @Test
    void perFrameTruthGolden() {
        int[] ts = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        double[] ta = {1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        double[] td = new double[10];
        java.util.Arrays.fill(td, 1.0);
        int[] ps = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        Andi2Metrics m = Andi2Metrics.create().addFrames(ts, ta, td, ps, new double[] {0.9, 0.6},
                new double[] {1.0, 1.0});
        assertEquals(1, m.truePositives());
        assertEquals(1, m.falseNegatives());
        assertEquals(0, m.falsePositives());
        assertEquals(0.5, m.jaccard(), 1e-12);
        assertEquals(1.0, m.rmse(), 1e-12);
        assertEquals(2, m.segmentPairs());
        assertEquals(0.1, m.alphaMae(), 1e-12);
        assertEquals(0.0, m.diffusionMsle(), 1e-15);
        assertEquals(0.9, m.stateF1Micro(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Andi2Metrics.create().addFrames(ts, ta, new double[3], ps,
                new double[] {1, 1}, new double[] {1, 1}));
    }

    /**
     * True states 0 0 0 1 1 1 1 2 2 2 (change points 3, 7), predicted 0 0 1 1 1 1 1 1 2 2 (2, 8): pairs
     * 3–2 and 7–8, both TP with error 1; frames 2 and 7 wrong: state F1 8/10.
     */
    @Test
    void statesGolden() {
        int[] truth = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
        int[] pred = {0, 0, 1, 1, 1, 1, 1, 1, 2, 2};
        int[] frames = new int[10];
        double[] x = new double[10];
        for (int i = 0; i < 10; i++) {
            frames[i] = 100 + i;
            x[i] = i;
        }
        Trajectory t = Trajectory.ofAxes("a", 1, x, x.clone()).withStates(truth);
        Andi2Metrics m = Andi2Metrics.create().add(t, Segmentation.oneHot("a", t.frames(), pred));
        assertEquals(2, m.truePositives());
        assertEquals(0, m.falsePositives() + m.falseNegatives());
        assertEquals(1.0, m.jaccard(), 1e-12);
        assertEquals(1.0, m.rmse(), 1e-12);
        assertEquals(0.8, m.stateF1Micro(), 1e-12);
        assertEquals(10, m.frameCount());
    }

    @Test
    void edgeCasesFollowTheReference() {
        assertTrue(Double.isNaN(Andi2Metrics.create().jaccard()));
        assertTrue(Double.isNaN(Andi2Metrics.create().rmse()));
        Andi2Metrics none = Andi2Metrics.create().addStates(new int[] {1, 1, 1}, new int[] {1, 1, 1});
        assertEquals(1.0, none.jaccard());
        assertEquals(0.0, none.rmse());
        assertEquals(1.0, none.stateF1Micro());
        assertEquals(1, none.emptyTrackTruePositives());
        // only a false positive: no TP pair, so RMSE 0 as in the reference (not the threshold)
        Andi2Metrics onlyFalse = Andi2Metrics.create().addChangePoints(new int[0], new int[] {3});
        assertEquals(0.0, onlyFalse.jaccard());
        assertEquals(0.0, onlyFalse.rmse());
        // one empty track beside it: E = 1, Jaccard 1/2
        assertEquals(0.5, Andi2Metrics.create().addChangePoints(new int[0], new int[] {3})
                .addChangePoints(new int[0], new int[0]).jaccard(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Andi2Metrics.withThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> Andi2Metrics.create().addStates(new int[2], new int[3]));
        Trajectory noStates = Trajectory.ofAxes("b", 1, new double[] {0, 1}, new double[] {0, 1});
        assertThrows(InvalidTrajectoryException.class, () -> Andi2Metrics.create()
                .add(noStates, Segmentation.oneHot("b", noStates.frames(), new int[] {0, 0})));
        assertTrue(none.toString().contains("Jaccard 1.0000"), none.toString());
    }
}
