package org.deepspt.online;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.deepspt.api.DeepSptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the listeners on one daemon thread through a bounded queue. Final events, state
 * changes and rejections wait for room (the producer blocks only while the queue is full); provisional
 * estimates are dropped when the queue is more than half full.
 */
final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final Object STOP = new Object();

    private final BlockingQueue<Object> queue;
    private final int capacity;
    private final CopyOnWriteArrayList<OnlineListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    final AtomicLong provisionalDropped = new AtomicLong();
    final AtomicLong listenerFailures = new AtomicLong();
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
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeepSptException("interrupted while waiting for the online listeners", e);
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
        if (!thread.isAlive()) {
            return;
        }
        CountDownLatch latch = new CountDownLatch(1);
        publish(latch);
        try {
            latch.await();
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
                } catch (RuntimeException ex) {
                    listenerFailures.incrementAndGet();
                    if (failedListeners.add(l)) {
                        LOG.warn("online listener {} failed on {} (further failures of it are only counted): {}",
                                l, e, ex.toString());
                    }
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
