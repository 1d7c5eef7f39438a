package org.deepspt.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.Reliability;
import org.deepspt.api.ReliabilityFinding;
import org.deepspt.api.Segmentation;
import org.deepspt.api.UnreliableReason;
import org.junit.jupiter.api.Test;

/** {@link ReliabilityTally}: counts per reason and the warning strictly above 10 % of the frames. */
class ReliabilityTallyTest {
    private static final Reliability SHORT = Reliability.of(List.of(
            new ReliabilityFinding(UnreliableReason.TOO_SHORT, 10, 75)));
    private static final Reliability SHORT_AND_NOISY = Reliability.of(List.of(
            new ReliabilityFinding(UnreliableReason.LOW_SNR, 0.4, 1),
            new ReliabilityFinding(UnreliableReason.TOO_SHORT, 20, 75)));

    @Test
    void noWarningAtExactlyTenPercentOneLineAbove() {
        ReliabilityTally t = ReliabilityTally.create().add(900, Reliability.passed()).add(100, SHORT);
        assertEquals(0.10, t.unreliableFrameFraction(), 0);
        assertTrue(t.warning("x").isEmpty());
        t.add(1, SHORT);
        String w = t.warning("the reliable and reason columns of out.csv").orElseThrow();
        assertTrue(w.startsWith("warning: "), w);
        assertFalse(w.contains("\n"), w);
        assertEquals("warning: 2 of 3 tracks (101 of 1001 frames, 10.1 %) outside the model's reliable range: "
                + "too_short (< 75 points) 2 tracks / 101 frames; their states are not trustworthy (see the reliable "
                + "and reason columns of out.csv)", w);
    }

    @Test
    void countsTracksAndFramesPerReasonAndIgnoresSegmentationsWithoutVerdict() {
        Segmentation plain = Segmentation.oneHot("p", new int[] {0, 1, 2}, new int[] {0, 0, 0});
        ReliabilityTally t = ReliabilityTally.create().add(plain).add(plain.withReliability(SHORT_AND_NOISY))
                .add(50, SHORT);
        assertEquals(3, t.tracks());
        assertEquals(2, t.judgedTracks());
        assertEquals(56, t.frames());
        assertEquals(2, t.unreliableTracks());
        assertEquals(53, t.unreliableFrames());
        assertEquals(2, t.unreliableTracks(UnreliableReason.TOO_SHORT));
        assertEquals(1, t.unreliableTracks(UnreliableReason.LOW_SNR));
        assertEquals(3, t.unreliableFrames(UnreliableReason.LOW_SNR));
        assertEquals(0, t.unreliableTracks(UnreliableReason.LOW_CONFIDENCE));
        assertTrue(t.describe().contains("too_short (< 75 points) 2 tracks / 53 frames; low_snr (< 1) 1 tracks / 3 "
                + "frames"), t.describe());
        assertTrue(ReliabilityTally.create().add(plain).warning("x").isEmpty());
    }
}
