package org.deepspt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventMetricsTest {

    @Test
    void matchesHandComputedValues() {
        // errors 2, 0, -5, 1 -> |e| sorted 0,1,2,5; true mean 25, SS_tot = 225+25+25+225 = 500, SS_res = 30.
        EventMetrics m = EventMetrics.of(new int[] {10, 20, 30, 40}, new int[] {12, 20, 25, 41}, 2);
        assertEquals(4, m.count());
        assertEquals(1.5, m.medianAbsoluteError(), 1e-12);
        assertEquals(2.0, m.meanAbsoluteError(), 1e-12);
        assertEquals(7.5, m.meanSquaredError(), 1e-12);
        assertEquals(0.75, m.accuracy(), 1e-12);
        assertEquals(1 - 30.0 / 500, m.r2(), 1e-12);
    }

    @Test
    void oddCountMedianPerfectAndWorseThanMean() {
        EventMetrics perfect = EventMetrics.of(new int[] {3, 9, 4}, new int[] {3, 9, 4}, 0);
        assertEquals(0, perfect.medianAbsoluteError());
        assertEquals(1.0, perfect.accuracy());
        assertEquals(1.0, perfect.r2(), 1e-12);
        // errors 3, -3, 6 -> median 3; SS_tot about mean 5: 4+4+16 = 24... true {3,5,7}: 4+0+4 = 8, SS_res 54.
        EventMetrics bad = EventMetrics.of(new int[] {3, 5, 7}, new int[] {6, 2, 13}, 3);
        assertEquals(3, bad.medianAbsoluteError(), 1e-12);
        assertEquals(4, bad.meanAbsoluteError(), 1e-12);
        assertEquals(18, bad.meanSquaredError(), 1e-12);
        assertEquals(2.0 / 3, bad.accuracy(), 1e-12);
        assertEquals(1 - 54.0 / 8, bad.r2(), 1e-12);
    }

    @Test
    void edgeCases() {
        EventMetrics empty = EventMetrics.of(new int[0], new int[0], 1);
        assertTrue(Double.isNaN(empty.r2()) && Double.isNaN(empty.accuracy()));
        assertTrue(Double.isNaN(EventMetrics.of(new int[] {4, 4}, new int[] {4, 5}, 1).r2()));
        assertThrows(IllegalArgumentException.class, () -> EventMetrics.of(new int[1], new int[2], 1));
        assertThrows(IllegalArgumentException.class, () -> EventMetrics.of(new int[1], new int[1], -1));
    }
}
