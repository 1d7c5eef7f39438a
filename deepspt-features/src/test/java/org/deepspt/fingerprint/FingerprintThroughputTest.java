package org.deepspt.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.Trajectory;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Single-thread fingerprints/s on 10,000 simulated 2D paper-protocol tracks (target: thousands per second). */
@Tag("slow")
class FingerprintThroughputTest {
    private static final Logger LOG = LoggerFactory.getLogger(FingerprintThroughputTest.class);

    @Test
    void tenThousandPaperTracksOnOneThread() {
        List<Trajectory> tracks = Simulator.of(SimulationConfig.paper(2)).simulate(10_000, 2026L);
        DiffusionalFingerprint fp = DiffusionalFingerprint.defaults();
        double sink = 0;
        for (int i = 0; i < 2000; i++) {
            sink += fp.extract(tracks.get(i)).value(0); // warm-up
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        int nan = 0;
        for (Trajectory t : tracks) {
            double a = fp.extract(t).value("alpha");
            nan += Double.isNaN(a) ? 1 : 0;
            sink += a;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double rate = tracks.size() / seconds;
        LOG.info("10,000 2D paper tracks: wall {} s = {} fingerprints/s; thread CPU {} s = {} fingerprints/s "
                + "(checksum {})", String.format("%.2f", seconds), String.format("%.0f", rate),
                String.format("%.2f", cpuSeconds), String.format("%.0f", tracks.size() / cpuSeconds), sink);
        assertEquals(0, nan);
        // loose floor: the build machine is shared, wall-clock rates vary several-fold with its load
        assertTrue(rate > 300, "fingerprints/s " + rate);
    }
}
