package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import org.deepspt.baseline.RollingMsdSegmenter;
import org.deepspt.online.OnlineOptions;
import org.deepspt.online.OnlineSegmenter;
import org.junit.jupiter.api.Test;

/** {@link StreamCommand.Driver}'s latencies on live input. */
class StreamDriverTest {
    private static final long GAP_MS = 60;

    /** Sends one line per read, each after {@link #GAP_MS}: an acquisition writing one frame at a time. */
    private static final class SlowReader extends Reader {
        private final Deque<String> lines = new ArrayDeque<>();

        SlowReader(String... lines) {
            this.lines.addAll(java.util.List.of(lines));
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (lines.isEmpty()) {
                return -1;
            }
            try {
                Thread.sleep(GAP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String line = lines.pollFirst() + "\n";
            line.getChars(0, line.length(), buf, off);
            return line.length();
        }

        @Override
        public void close() {
        }
    }

    /**
     * The frame processing latency of live input is the completion alone, not the wait for the next frame's first
     * point (before: every frame's latency was at least the 60 ms between two frames).
     */
    @Test
    void liveFrameProcessingLeavesOutTheWaitForInput() {
        String[] lines = new String[13];
        lines[0] = "particle,frame,x,y";
        for (int f = 0; f < 12; f++) {
            lines[f + 1] = "a," + f + "," + (f * 0.1) + ",0";
        }
        LiveRows rows = LiveRows.open(new BufferedReader(new SlowReader(lines)), "slow", null, false);
        try (OnlineSegmenter online = OnlineSegmenter.of(RollingMsdSegmenter.defaults(), 2,
                OnlineOptions.defaults().withWindow(10).withLag(2))) {
            StreamCommand.Driver driver = new StreamCommand.Driver(online, 2, null, "slow");
            driver.live(rows, null);
            driver.finish();
            assertEquals(12, driver.points);
            double p50 = driver.frameLatency.quantileMillis(0.5);
            assertTrue(p50 < GAP_MS / 2.0, "frame processing p50 " + p50 + " ms includes the wait for input");
            assertTrue(driver.finalLatency.quantileMillis(0.5) >= GAP_MS, "the latency to final state waits for "
                    + "the L later frames");
        }
    }
}
