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
     * Four tracks, threshold 5:
     * <ol>
     *   <li>true {10, 30}, predicted {12, 50, 31}: pairs 10–12 (2) and 30–31 (1), total cost 3 (any other
     *       pairing costs ≥ 21): 2 TP (squared errors 4 + 1), 50 unpaired: 1 FP;</li>
     *   <li>true {20}, predicted {}: 1 FN;</li>
     *   <li>true {40}, predicted {45}: |Δ| = 5 is not &lt; 5: 1 FP and 1 FN;</li>
     *   <li>true {}, predicted {7}: 1 FP.</li>
     * </ol>
     * TP 2, FP 3, FN 2: Jaccard 2/7, RMSE sqrt(5/2).
     */
    @Test
    void changePointGolden() {
        Andi2Metrics m = Andi2Metrics.create()
                .addChangePoints(new int[] {10, 30}, new int[] {12, 50, 31})
                .addChangePoints(new int[] {20}, new int[0])
                .addChangePoints(new int[] {40}, new int[] {45})
                .addChangePoints(new int[0], new int[] {7});
        assertEquals(2, m.truePositives());
        assertEquals(3, m.falsePositives());
        assertEquals(2, m.falseNegatives());
        assertEquals(2.0 / 7.0, m.jaccard(), 1e-12);
        assertEquals(Math.sqrt(2.5), m.rmse(), 1e-12);
        assertEquals(4, m.trackCount());
        assertTrue(Double.isNaN(m.stateF1Micro()));
        // A threshold of 6 makes the pair 40–45 a TP: TP 3, FP 2, FN 1, squared errors 4 + 1 + 25.
        Andi2Metrics wide = Andi2Metrics.withThreshold(6)
                .addChangePoints(new int[] {10, 30}, new int[] {12, 50, 31})
                .addChangePoints(new int[] {20}, new int[0])
                .addChangePoints(new int[] {40}, new int[] {45})
                .addChangePoints(new int[0], new int[] {7});
        assertEquals(3.0 / 6.0, wide.jaccard(), 1e-12);
        assertEquals(Math.sqrt(30.0 / 3.0), wide.rmse(), 1e-12);
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
        Andi2Metrics onlyFalse = Andi2Metrics.create().addChangePoints(new int[0], new int[] {3});
        assertEquals(0.0, onlyFalse.jaccard());
        assertEquals(Andi2Metrics.DEFAULT_THRESHOLD, onlyFalse.rmse());
        assertThrows(IllegalArgumentException.class, () -> Andi2Metrics.withThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> Andi2Metrics.create().addStates(new int[2], new int[3]));
        Trajectory noStates = Trajectory.ofAxes("b", 1, new double[] {0, 1}, new double[] {0, 1});
        assertThrows(InvalidTrajectoryException.class, () -> Andi2Metrics.create()
                .add(noStates, Segmentation.oneHot("b", noStates.frames(), new int[] {0, 0})));
        assertTrue(none.toString().contains("Jaccard 1.0000"), none.toString());
    }
}
