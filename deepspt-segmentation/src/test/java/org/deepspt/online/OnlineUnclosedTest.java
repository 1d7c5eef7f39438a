package org.deepspt.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.deepspt.neural.NeuralSegmenter;
import org.junit.jupiter.api.Test;

/**
 * Review (vendor embedding the library), item 1: an online segmenter dropped without {@link OnlineSegmenter#close()}
 * kept its delivery thread (blocked in {@code take()}), its listeners and its event queue for the life of the JVM.
 * Now its delivery thread ends once the garbage collector finds the segmenter unreachable.
 */
class OnlineUnclosedTest {
    private static final String DELIVERY = "deepspt-online-delivery";
    /** How long the garbage collector is given to find the dropped segmenters, ms. */
    private static final long DEADLINE_MS = 10_000;

    /** What a test keeps of the online segmenters it dropped: their delivery threads and weak listeners. */
    private record Dropped(List<Thread> threads, List<WeakReference<OnlineListener>> listeners) {
    }

    private static Set<Thread> deliveryThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(DELIVERY) && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Three window-mode and two streaming online segmenters, each with a listener and a pushed frame, dropped
     * unclosed (their segmenter and model are closed, as in the review). Only this method references them.
     */
    private static Dropped dropFive() {
        Set<Thread> before = deliveryThreads();
        List<WeakReference<OnlineListener>> listeners = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RecordingListener listener = new RecordingListener();
            listeners.add(new WeakReference<>(listener));
            if (i < 3) {
                try (NeuralSegmenter seg = OnlineTestModels.fake(5)) {
                    OnlineSegmenter online = OnlineSegmenter.of(seg, 2, OnlineOptions.defaults());
                    online.addListener(listener);
                    online.pushFrame(0, new String[] {"a"}, new double[][] {{0, 0}});
                }
            } else {
                try (StreamingModel model = StreamingModel.of(new IndexingStepEngine(2, 10), "indexing-fake", 2)) {
                    OnlineSegmenter online = OnlineSegmenter.of(model, OnlineOptions.defaults().withLag(0));
                    online.addListener(listener);
                    online.pushFrame(0, new String[] {"a"}, new double[][] {{0, 0}});
                }
            }
        }
        List<Thread> mine = new ArrayList<>(deliveryThreads());
        mine.removeAll(before);
        return new Dropped(mine, listeners);
    }

    /** Runs the garbage collector until the condition holds or {@link #DEADLINE_MS} passed. */
    private static boolean collectUntil(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE_MS * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            System.gc();
            Thread.sleep(20);
        }
        return true;
    }

    @Test
    void droppedUnclosedOnlineSegmentersEndTheirDeliveryThreadsAndReleaseTheirListeners() throws Exception {
        Dropped d = dropFive();
        assertEquals(5, d.threads().size(), "one delivery thread per online segmenter");
        boolean ended = collectUntil(() -> d.threads().stream().noneMatch(Thread::isAlive));
        assertTrue(ended, d.threads().stream().filter(Thread::isAlive).count() + " of 5 delivery threads still alive "
                + DEADLINE_MS + " ms after their online segmenters were dropped");
        boolean released = collectUntil(() -> d.listeners().stream().allMatch(r -> r.get() == null));
        assertTrue(released, "listeners still reachable after the delivery threads ended");
    }

    /** Events already queued when the online segmenter is dropped are still delivered before its thread ends. */
    @Test
    void aDroppedOnlineSegmenterDeliversWhatWasQueuedThenEndsItsThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener rec = new RecordingListener();
        Thread delivery = dropWithQueuedEvents(release, rec);
        // A listener is blocked on the first final, the other nine wait in the queue; the segmenter is gone. Give
        // the collector a moment to find it (the cleaner may run before or after the queue drains: both are tested
        // by one run or another, the outcome must be the same).
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(delivery.isAlive(), "a listener is still running");
        release.countDown();
        assertTrue(collectUntil(() -> !delivery.isAlive()), "delivery thread still alive after the queue drained");
        assertEquals(10, rec.finals.size(), "finals delivered");
    }

    private static Thread dropWithQueuedEvents(CountDownLatch release, RecordingListener rec) {
        Set<Thread> before = deliveryThreads();
        try (NeuralSegmenter seg = OnlineTestModels.fake(1)) {
            OnlineSegmenter online = OnlineSegmenter.of(seg, 2, OnlineOptions.defaults().withLag(0));
            online.addListener(OnlineListener.finals(s -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            online.addListener(rec);
            for (int f = 0; f < 10; f++) {
                online.pushFrame(f, new String[] {"a"}, new double[][] {{f * 0.1, 0}});
            }
        }
        Set<Thread> mine = deliveryThreads();
        mine.removeAll(before);
        assertEquals(1, mine.size());
        return mine.iterator().next();
    }
}
