package org.deepspt.bench.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The counts behind the agreement and accuracy columns of the online evaluation tools, checked by hand. */
class AgreementCountsTest {
    // point:      0  1  2  3  4  5
    // online:     0  1  1  2  3  3
    // offline:    0  1  2  2  3  0
    // truth:      0  0  2  2  3  3
    // on = off:   1  1  0  1  1  0   -> 4 of 6
    // on = truth: 1  0  0  1  1  1   -> 4 of 6
    // off = true: 1  0  1  1  1  0   -> 4 of 6
    private static final int[] ONLINE = {0, 1, 1, 2, 3, 3};
    private static final int[] OFFLINE = {0, 1, 2, 2, 3, 0};
    private static final int[] TRUTH = {0, 0, 2, 2, 3, 3};

    @Test
    void countsByPositionAndOverall() {
        AgreementCounts c = AgreementCounts.byPosition(0, 2, 5);
        c.add("a", ONLINE, OFFLINE, TRUTH);
        c.add("b", new int[] {1}, new int[] {1}, new int[] {0}); // a one-point track: bucket 0 only
        assertEquals(3, c.buckets());
        // bucket 0: points 0, 1 of "a" and point 0 of "b": agree 1+1+1, online correct 1+0+0, offline 1+0+0
        assertEquals(3, c.points(0));
        assertEquals(3 / 3.0, c.agreement(0));
        assertEquals(1 / 3.0, c.accuracy(0));
        assertEquals(1 / 3.0, c.offlineAccuracy(0));
        // bucket 1: points 2..4 of "a": agree 0+1+1, online correct 0+1+1, offline 1+1+1
        assertEquals(3, c.points(1));
        assertEquals(2 / 3.0, c.agreement(1));
        assertEquals(2 / 3.0, c.accuracy(1));
        assertEquals(1.0, c.offlineAccuracy(1));
        // bucket 2: point 5 of "a": agree 0, online correct 1, offline 0
        assertEquals(1, c.points(2));
        assertEquals(0.0, c.agreement(2));
        assertEquals(1.0, c.accuracy(2));
        assertEquals(0.0, c.offlineAccuracy(2));
        // overall: frame-weighted, 5 of 7 agree, 4 of 7 online correct
        assertEquals(7, c.points());
        assertEquals(5 / 7.0, c.agreement());
        assertEquals(4 / 7.0, c.accuracy());
    }

    @Test
    void overallIsOneBucketAndMatchesCountsEqualStates() {
        AgreementCounts c = AgreementCounts.overall();
        c.add("a", ONLINE, OFFLINE, TRUTH);
        assertEquals(1, c.buckets());
        assertEquals(6, c.points());
        assertEquals(4 / 6.0, c.agreement());
        assertEquals(4 / 6.0, c.accuracy());
        assertEquals(4, AgreementCounts.matches(OFFLINE, TRUTH));
        assertEquals(4, AgreementCounts.matches(ONLINE, OFFLINE));
        assertEquals(4, AgreementCounts.matches(ONLINE, TRUTH));
    }

    @Test
    void emptyIsNaNAndBadInputIsRefused() {
        assertTrue(Double.isNaN(AgreementCounts.overall().agreement()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgreementCounts.overall().add("t7", new int[2], new int[2], new int[3]));
        assertTrue(e.getMessage().contains("t7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgreementCounts.byPosition(1, 5));
        assertThrows(IllegalArgumentException.class, () -> AgreementCounts.byPosition(0, 5, 5));
        assertThrows(IllegalArgumentException.class, () -> AgreementCounts.matches(new int[1], new int[2]));
    }
}
