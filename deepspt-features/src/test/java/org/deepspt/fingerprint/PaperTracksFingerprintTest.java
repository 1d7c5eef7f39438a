package org.deepspt.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.Trajectory;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where the anomalous exponent is defined on the 2D paper protocol (10,000 tracks of 5–600 points): α is NaN
 * exactly on the tracks of fewer than 16 points (the MSD fit needs 4 lags under the ⌊N/4⌋ rule) and finite on
 * every other. How fast fingerprints are: {@code FingerprintBenchmark} in deepspt-bench, figures in
 * BENCHMARKS.md. (This was a timed throughput test with a NaN count; speed is never asserted in tests.)
 */
@Tag("slow")
class PaperTracksFingerprintTest {
    @Test
    void alphaIsNaNExactlyBelowSixteenPoints() {
        List<Trajectory> tracks = Simulator.of(SimulationConfig.paper(2)).simulate(10_000, 2026L);
        DiffusionalFingerprint fp = DiffusionalFingerprint.defaults();
        int shortTracks = 0;
        for (Trajectory t : tracks) {
            double alpha = fp.extract(t).value("alpha");
            boolean tooShort = t.size() < 16;
            shortTracks += tooShort ? 1 : 0;
            assertEquals(tooShort, Double.isNaN(alpha), t.id() + " (" + t.size() + " points): alpha " + alpha);
            assertTrue(tooShort || Double.isFinite(alpha), t.id() + ": alpha " + alpha);
        }
        assertTrue(shortTracks > 0, "the protocol draws tracks of 5-15 points");
    }
}
