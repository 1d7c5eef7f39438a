package org.deepspt.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Track lengths of the paper protocol, uniform on 5–600 points: 10,000 tracks per dimension have 302.5 points on
 * average (within 5 %).
 */
@Tag("slow")
class PaperLengthsTest {

    @Test
    void tenThousandPaperTracksHaveTheProtocolsMeanLength() {
        for (int dim = 2; dim <= 3; dim++) {
            long points = Simulator.of(SimulationConfig.paper(dim)).stream(10_000, 2026L).mapToLong(t -> t.size())
                    .sum();
            assertEquals(10_000 * 302.5, points, 10_000 * 302.5 * 0.05, dim + "D points");
        }
    }
}
