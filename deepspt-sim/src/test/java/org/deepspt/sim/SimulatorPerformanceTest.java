package org.deepspt.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Single-thread throughput of the paper protocol: 10,000 tracks per dimension (target well under 30 s). */
@Tag("slow")
class SimulatorPerformanceTest {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorPerformanceTest.class);

    @Test
    void tenThousandPaperTracksOnOneThread() {
        for (int dim = 2; dim <= 3; dim++) {
            Simulator sim = Simulator.of(SimulationConfig.paper(dim));
            sim.stream(500, 1L).count(); // warm-up
            long start = System.nanoTime();
            long points = sim.stream(10_000, 2026L).mapToLong(t -> t.size()).sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("{}D: 10,000 paper tracks ({} points) in {} s on one thread", dim, points,
                    String.format("%.2f", seconds));
            assertEquals(10_000 * 302.5, points, 10_000 * 302.5 * 0.05);
            assertTrue(seconds < 30, dim + "D took " + seconds + " s");
        }
    }
}
