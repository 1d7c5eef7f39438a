package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link StoppableInput} and {@link LiveRows} stopped while they wait for data (a signal during {@code stream --in -}):
 * the rows read end there, and a row cut off is not read.
 */
class StoppableInputTest {

    @Test
    void aStopEndsAReadThatWaitsForDataAndDropsTheRowCutOff() throws Exception {
        StreamLiveOutputCliTest.FedInput fed = new StreamLiveOutputCliTest.FedInput();
        AtomicBoolean stop = new AtomicBoolean();
        StoppableInput in = new StoppableInput(fed, stop::get);
        fed.send("particle,frame,x,y\na,0,1,2\na,1,1.5,2.5\nb,1,0.12");   // the last row is cut off
        LiveRows rows = LiveRows.openOwned(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                "(standard input)", null, false, stop::get);
        assertEquals(0, rows.next().frame());
        assertEquals(1, rows.next().frame());
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.set(true);
        });
        long t0 = System.nanoTime();
        stopper.start();
        assertNull(rows.next(), "the row cut off by the stop is not read");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 250 && ms < 5_000, "the read waited for data until the stop: " + ms + " ms");
        assertTrue(rows.stopped());
        rows.close();
        fed.end();
    }

    @Test
    void withoutAStopItIsTheStreamItReads() throws Exception {
        StreamLiveOutputCliTest.FedInput fed = new StreamLiveOutputCliTest.FedInput();
        StoppableInput in = new StoppableInput(fed, () -> false);
        String text = "x".repeat(200_000) + "\n";
        fed.send(text.substring(0, 70_000));
        fed.send(text.substring(70_000));
        fed.end();
        assertEquals(text, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(-1, in.read());
    }
}
