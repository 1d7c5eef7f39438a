package org.deepspt.online;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
    /** The error that stopped the delivery thread (a {@link VirtualMachineError} raised by a listener), or null. */
    private volatile Throwable fatal;
    private final java.util.Set<OnlineListener> failedListeners =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    EventDispatcher(int capacity) {
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
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

    private void loop() {
        try {
            while (true) {
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
