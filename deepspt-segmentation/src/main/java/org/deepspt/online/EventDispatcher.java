package org.deepspt.online;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.deepspt.api.DeepSptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the listeners on one daemon thread through a bounded queue. Final events, state
 * changes and rejections wait for room (the producer blocks only while the queue is full); provisional
 * estimates are dropped when the queue is more than half full. A listener's exception or error is counted and
 * logged and delivery goes on; only a {@link VirtualMachineError} (e.g. out of memory) stops the delivery thread,
 * after which publishing and waiting throw instead of blocking.
 *
 * <p>The queue takes memory per waiting event only (linked nodes), not its capacity up front: an idle dispatcher
 * holds a thread and a few objects. The delivery thread references this dispatcher, never its
 * {@link OnlineSegmenter}; when the segmenter becomes unreachable without being closed, its cleaner calls
 * {@link #abandon()}, which lets the thread deliver what is queued and end, so the listeners can be collected.
 */
final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final Object STOP = new Object();
    private static final long POLL_MS = 100;

    private final BlockingQueue<Object> queue;
    private final int capacity;
    private final CopyOnWriteArrayList<OnlineListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    final AtomicLong provisionalDropped = new AtomicLong();
    final AtomicLong listenerFailures = new AtomicLong();
    /** Set by {@link #abandon()}: nothing will be published any more, the thread ends once the queue is empty. */
    private volatile boolean abandoned;
    /** The error that stopped the delivery thread (a {@link VirtualMachineError} raised by a listener), or null. */
    private volatile Throwable fatal;
    private final java.util.Set<OnlineListener> failedListeners =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    EventDispatcher(int capacity) {
        this.capacity = capacity;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = new Thread(this::loop, "deepspt-online-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    void add(OnlineListener l) {
        listeners.add(l);
    }

    boolean remove(OnlineListener l) {
        return listeners.remove(l);
    }

    void publish(Object event) {
        try {
            // Wait for room, but not for a delivery thread that has stopped (it would never make room).
            while (!queue.offer(event, POLL_MS, TimeUnit.MILLISECONDS)) {
                checkDelivering();
                if (abandoned && !thread.isAlive()) {
                    return; // the owner dropped the online segmenter during this, its last, call: nobody listens
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeepSptException("interrupted while waiting for the online listeners", e);
        }
    }

    /** Throws when the delivery thread stopped on an error a listener raised that the JVM cannot go on from. */
    private void checkDelivering() {
        Throwable f = fatal;
        if (f != null) {
            throw new DeepSptException("online event delivery stopped: a listener raised " + f, f);
        }
    }

    void publishProvisional(FrameState s) {
        if (queue.size() >= capacity / 2 || !queue.offer(s)) {
            provisionalDropped.incrementAndGet();
        }
    }

    /** @return whether the caller is the delivery thread (a listener) */
    boolean isDeliveryThread() {
        return Thread.currentThread() == thread;
    }

    /** Blocks until every event published before this call has been delivered. */
    void await() {
        if (isDeliveryThread()) {
            throw new IllegalStateException("a listener must not wait for the delivery of events (deadlock)");
        }
        checkDelivering();
        if (!thread.isAlive()) {
            return;
        }
        CountDownLatch latch = new CountDownLatch(1);
        publish(latch);
        try {
            // A latch queued behind STOP is counted down by the stopping thread; one queued after it has stopped
            // is not waited for.
            while (!latch.await(POLL_MS, TimeUnit.MILLISECONDS)) {
                checkDelivering();
                if (!thread.isAlive()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeepSptException("interrupted while waiting for the online listeners", e);
        }
    }

    void shutdown() {
        if (!thread.isAlive()) {
            return;
        }
        publish(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The online segmenter became unreachable without {@link OnlineSegmenter#close()} (called by its cleaner, on the
     * cleaner's thread; must not block): the delivery thread delivers the events already queued, then ends and
     * drops the listeners. Harmless after {@link #shutdown()}.
     */
    void abandon() {
        abandoned = true;
        // Wakes a thread blocked in take(). When the queue is full the offer fails, but then the thread is not
        // blocked: it sees the flag once it has emptied the queue.
        queue.offer(STOP);
    }

    private void loop() {
        try {
            while (true) {
                if (abandoned && queue.isEmpty()) {
                    return;
                }
                Object e;
                try {
                    e = queue.take();
                } catch (InterruptedException ex) {
                    return;
                }
                if (e == STOP) {
                    return;
                }
                if (e instanceof CountDownLatch latch) {
                    latch.countDown();
                    continue;
                }
                for (OnlineListener l : listeners) {
                    try {
                        deliver(l, e);
                    } catch (VirtualMachineError ex) {
                        fatal = ex;
                        throw ex;
                    } catch (Exception | Error ex) {
                        // Any other failure of a listener (an AssertionError too) is counted and logged; the other
                        // listeners and later events are still delivered.
                        listenerFailures.incrementAndGet();
                        if (failedListeners.add(l)) {
                            LOG.warn("online listener {} failed on {} (further failures of it are only counted): {}",
                                    l, e, ex.toString());
                        }
                    }
                }
            }
        } finally {
            // Whoever waits for delivery must not wait for a stopped thread: release the latches still queued.
            for (Object e; (e = queue.poll()) != null; ) {
                if (e instanceof CountDownLatch latch) {
                    latch.countDown();
                }
            }
            if (abandoned) {
                listeners.clear(); // often UI objects: not kept by a dispatcher nobody can reach
            }
        }
    }

    private static void deliver(OnlineListener l, Object e) {
        if (e instanceof FrameState s) {
            if (s.provisional()) {
                l.onProvisional(s);
            } else {
                l.onFinal(s);
            }
        } else if (e instanceof StateChange c) {
            l.onStateChange(c);
        } else if (e instanceof RejectedTrack r) {
            l.onRejected(r);
        }
    }
}
