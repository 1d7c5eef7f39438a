package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.reliability.ReliabilityAssessor;
import org.deepspt.reliability.ReliabilityTally;
import org.junit.jupiter.api.Test;

/**
 * The live reliability verdicts judge the tracks the output has, as the online segmenter numbers them (review: they
 * re-derived where a track ends from idle frames and blinks, and missed that a rejected step starts a new track).
 */
class LiveReliabilityTest {

    @Test
    void aParticleWhoseTrackWasRejectedMidwayGetsTwoVerdicts() {
        Map<String, Long> tracks = new HashMap<>();
        ReliabilityTally tally = ReliabilityTally.create();
        LiveReliability live = new LiveReliability(ReliabilityAssessor.of(ReliabilityThresholds.defaults(2)),
                id -> tracks.getOrDefault(id, -1L), 2, tally);
        for (int f = 0; f < 40; f++) {
            // particle a: track 0 up to frame 19, then (a rejected step, no blink) track 1; b: track 2 throughout
            tracks.put("a", f < 20 ? 0L : 1L);
            tracks.put("b", 2L);
            live.point("a", f, 0.01 * f, 0.02 * (f % 3), 0);
            live.point("b", f, 0.03 * (f % 5), 0.01 * f, 0);
            live.frameCompleted();
        }
        assertEquals(1, tally.tracks(), "track 0 of a ended when its particle went on in track 1");
        tracks.remove("a");   // a's track 1 ended (idle) at the last completion
        live.frameCompleted();
        assertEquals(2, tally.tracks());
        live.finish();
        assertEquals(3, tally.tracks());
        assertEquals(80, tally.frames());
    }
}
