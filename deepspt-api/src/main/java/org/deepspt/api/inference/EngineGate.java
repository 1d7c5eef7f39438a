package org.deepspt.api.inference;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The open/closed state of an engine ({@link InferenceEngine} and {@link StreamingEngine}: the {@code onnx} and
 * {@code jvm} engines of both kinds and the tests' fake keep theirs here): runs pass the gate together, {@link #close(Runnable)} waits for the runs in
 * flight, frees the engine's resources once, and every later run is refused with an {@link InferenceException}.
 * Thread-safe.
 * <pre>{@code
 * gate.enter();
 * try {
 *     ... run the model ...
 * } finally {
 *     gate.exit();
 * }
 * }</pre>
 */
public final class EngineGate {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final String closedMessage;
    private boolean closed;

    /** @param closedMessage the message of the {@link InferenceException} a run gets after close, naming the model */
    public EngineGate(String closedMessage) {
        this.closedMessage = closedMessage;
    }

    /**
     * Enters for one run; every successful call is followed by one {@link #exit()} on the same thread (in a
     * {@code finally}).
     *
     * @throws InferenceException when the engine is closed (the gate is not entered then)
     */
    public void enter() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw new InferenceException(closedMessage);
        }
    }

    /** Leaves the gate after a run, so that {@link #close(Runnable)} can proceed once every run has left. */
    public void exit() {
        lock.readLock().unlock();
    }

    /**
     * Closes the gate: waits for the runs in flight, then runs {@code release} the first time only.
     *
     * @param release frees the engine's resources (sessions, thread pools, buffers)
     */
    public void close(Runnable release) {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                release.run();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
