package org.deepspt.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * SIGINT (Ctrl-C) and SIGTERM during {@code stream}, treated as the end of the input. Both start the JVM's shutdown;
 * a shutdown hook, registered while the command runs, asks the stream to stop ({@link #getAsBoolean()} turns true:
 * the input is read no further, a replay replays no further frame) and waits up to {@value #WAIT_SECONDS} s for the
 * command to finish: the live particles finished as at the end of the input, the outputs complete and closed, the
 * summary or the error line printed ({@link Main#run} ends the wait with {@link #commandEnded()} once it has
 * flushed standard output and standard error). The JVM then exits with 128 + the signal's number (130 for
 * SIGINT, 143 for SIGTERM), as for any signal that starts its shutdown. A command still busy after the wait (a track
 * file still being read, a model still loading) is cut off; its outputs then hold the rows written by then, whole.
 */
final class StreamInterruption implements BooleanSupplier, AutoCloseable {
    /** Longest wait of the shutdown hook for the stream to finish, s. */
    static final long WAIT_SECONDS = 5;
    /** The command's exit status when it was stopped this way (the JVM's own is 128 + the signal's number). */
    static final int EXIT_STATUS = 130;

    /** A signal started the JVM's shutdown while a stream ran: the JVM exits with the signal's status. */
    private static volatile boolean signalled;
    /** Closed while their hooks run: released by {@link #commandEnded()}. */
    private static final java.util.Set<StreamInterruption> ENDING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile boolean requested;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "deepspt-stream-interrupt");

    private StreamInterruption() {
    }

    /** @return an interruption whose shutdown hook is registered (close it when the command ends) */
    static StreamInterruption install() {
        StreamInterruption s = new StreamInterruption();
        try {
            Runtime.getRuntime().addShutdownHook(s.hook);
        } catch (IllegalStateException e) {
            s.requested = true;   // the JVM is shutting down already
        }
        return s;
    }

    /** @return whether a signal stopped a stream (then the JVM's shutdown sets the exit status) */
    static boolean signalled() {
        return signalled;
    }

    private void stopAndWait() {
        signalled = true;
        requested = true;
        try {
            done.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the stream to stop as a signal does (for embedding and tests; the hook does it on a signal). */
    void request() {
        requested = true;
    }

    /** @return whether the stream was asked to stop */
    @Override
    public boolean getAsBoolean() {
        return requested;
    }

    /**
     * The command has finished: the hook is unregistered, or, when it runs already (a signal), it returns at
     * {@link #commandEnded()}, after the command's last line is out.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            done.countDown();
        } catch (IllegalStateException e) {
            ENDING.add(this);   // the JVM is shutting down: its hook waits for the command's last line
        }
    }

    /** The command line has printed everything: the hooks of the streams it ran return. */
    static void commandEnded() {
        for (StreamInterruption s : ENDING) {
            s.done.countDown();
            ENDING.remove(s);
        }
    }
}
