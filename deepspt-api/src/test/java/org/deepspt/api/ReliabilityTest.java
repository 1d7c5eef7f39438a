package org.deepspt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Reliability}, {@link ReliabilityFinding}, {@link UnreliableReason}, {@link ReliabilityThresholds}. */
class ReliabilityTest {
    private static final ReliabilityFinding SHORT = new ReliabilityFinding(UnreliableReason.TOO_SHORT, 7, 75);
    private static final ReliabilityFinding NOISY = new ReliabilityFinding(UnreliableReason.LOW_SNR, 0.4123, 1);

    @Test
    void verdictSortsReasonsAndDescribesThem() {
        Reliability r = Reliability.of(List.of(NOISY, SHORT));
        assertFalse(r.reliable());
        assertEquals(List.of(SHORT, NOISY), r.reasons());
        assertEquals("too_short;low_snr", r.codes());
        assertEquals("unreliable: too_short (7 points < 75 points), low_snr (0.412 < 1)", r.describe());
        assertThrows(UnsupportedOperationException.class, () -> r.reasons().add(SHORT));
        assertThrows(IllegalArgumentException.class, () -> Reliability.of(List.of(SHORT, SHORT)));
        assertSame(Reliability.passed(), Reliability.of(List.of()));
        assertTrue(Reliability.passed().reliable());
        assertEquals("reliable", Reliability.passed().describe());
    }

    @Test
    void findingNeedsAMeasuredValueBelowAFiniteThreshold() {
        assertThrows(IllegalArgumentException.class, () -> new ReliabilityFinding(UnreliableReason.TOO_SHORT, 75, 75));
        assertThrows(IllegalArgumentException.class,
                () -> new ReliabilityFinding(UnreliableReason.LOW_SNR, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new ReliabilityFinding(UnreliableReason.LOW_SNR, 0, Double.POSITIVE_INFINITY));
    }

    @Test
    void reasonCodesRoundTripAndUnknownCodesAreNamed() {
        for (UnreliableReason r : UnreliableReason.values()) {
            assertSame(r, UnreliableReason.ofCode(r.code().toUpperCase(java.util.Locale.ROOT)));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnreliableReason.ofCode("too_long"));
        assertTrue(e.getMessage().contains("too_long") && e.getMessage().contains("low_confidence"), e.getMessage());
    }

    @Test
    void thresholdsValidateTheirRangesAndHaveMeasuredDefaults() {
        assertEquals(new ReliabilityThresholds(100, 0.7, 0.7), ReliabilityThresholds.defaults(2));
        assertEquals(new ReliabilityThresholds(100, 0.7, 0.7), ReliabilityThresholds.defaults(3));
        assertThrows(IllegalArgumentException.class, () -> ReliabilityThresholds.defaults(1));
        assertThrows(IllegalArgumentException.class, () -> new ReliabilityThresholds(0, 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ReliabilityThresholds(5, -1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ReliabilityThresholds(5, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new ReliabilityThresholds(5, Double.NaN, 0.5));
    }

    @Test
    void segmentationCarriesTheVerdictThroughMergingAndComparesIt() {
        Segmentation s = Segmentation.oneHot("t", new int[] {0, 1, 2, 3, 4}, new int[] {0, 0, 1, 0, 0});
        assertTrue(s.reliability().isEmpty());
        Reliability r = Reliability.of(List.of(SHORT));
        Segmentation judged = s.withReliability(r);
        assertEquals(r, judged.reliability().orElseThrow());
        assertEquals(r, judged.mergeShortSegments(2).reliability().orElseThrow());
        assertFalse(judged.equals(s), "the verdict is part of the value");
        assertEquals(judged, s.withReliability(Reliability.of(List.of(SHORT))));
        assertEquals(s.stateIndices().length, judged.size());
    }
}
