package org.deepspt.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class CalibrationErrorTest {

    @Test
    void handComputedBins() {
        CalibrationError e = CalibrationError.of(10);
        // bin (0.9, 1.0]: confidences 0.95, 0.95, correct 1 of 2 -> |0.5 - 0.95| = 0.45, weight 2/4
        e.add(0.95, true);
        e.add(0.95, false);
        // bin (0.5, 0.6]: confidences 0.6, 0.6 (0.6 belongs to bin 6, upper edge inclusive), both correct
        // -> |1 - 0.6| = 0.4, weight 2/4
        e.add(0.6, true);
        e.add(0.6, true);
        assertEquals(0.5 * 0.45 + 0.5 * 0.4, e.value(), 1e-12);
        assertTrue(Double.isNaN(CalibrationError.of(15).value()));
    }

    @Test
    void aConfidenceThatIsNotAProbabilityIsRefused() {
        CalibrationError e = CalibrationError.of(10);
        for (double bad : new double[] {Double.NaN, -0.1, 1.5, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.add(bad, true));
            assertTrue(x.getMessage().contains("confidence must be a probability"), x.getMessage());
        }
        e.add(1.0000001, true); // rounding above 1 counts as 1
        assertEquals(0.0, e.value(), 1e-6);
    }

    @Test
    void oneHotPredictionsGiveOneMinusAccuracy() {
        Trajectory t = Trajectory.ofAxes("a", 1, new double[] {0, 1, 2, 3}, new double[] {0, 0, 0, 0})
                .withStates(new int[] {0, 0, 1, 1});
        Segmentation s = Segmentation.oneHot("a", t.frames(), new int[] {0, 1, 1, 1});
        SegmentationEvaluation ev = SegmentationEvaluation.evaluate(List.of(t), List.of(s));
        assertEquals(0.25, ev.expectedCalibrationError(), 1e-12);
        assertTrue(ev.summaryLine().startsWith("1,4,0.7500,"), ev.summaryLine());
        assertEquals(SegmentationEvaluation.SUMMARY_HEADER.split(",").length, ev.summaryLine().split(",").length);
    }
}
