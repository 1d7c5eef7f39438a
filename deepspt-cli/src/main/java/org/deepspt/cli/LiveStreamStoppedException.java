package org.deepspt.cli;

import org.deepspt.api.DeepSptException;
import org.deepspt.api.TrackIssue;
import org.jspecify.annotations.Nullable;

/**
 * A stream ({@code stream}, live input or a replay) stopped on a failure after its outputs were created: a malformed
 * row, a frame going backwards, a followed file truncated or replaced, an engine failure. The outputs, written as the
 * states became final, hold the states final by then, and this error, printed as the command's one {@code error:}
 * line (exit status 1), names the failure (its cause, whose message names the source, line and field) and says how
 * far the partial outputs go: the final states up to a frame F, or none (their header only). The error report gets
 * one REJECTED row for what the outputs lack ({@link #issue()}).
 */
final class LiveStreamStoppedException extends DeepSptException {
    private static final long serialVersionUID = 1L;

    /** The particle column of the error report's row for the rest of a stream that stopped. */
    static final String REST_OF_STREAM = "(rest of the stream)";

    /** The largest frame among the final states kept (none: {@link Integer#MIN_VALUE}). */
    private final int lastFrame;

    /**
     * @param failure what stopped the live input (the cause)
     * @param finishing what failed when the live particles were finished after it (then only the states final
     *     before the failure are kept), or null
     * @param states the states output (--out), as named in messages
     * @param finalStates rows written to it, ≥ 0
     * @param lastFrame the largest frame among them (any value when there is none)
     */
    LiveStreamStoppedException(RuntimeException failure, @Nullable RuntimeException finishing, String states,
            long finalStates, int lastFrame) {
        super(message(failure) + "; the stream stopped there: " + (finalStates == 0 ? "no state was final, the "
                + "outputs hold their header only: " + states : "the outputs hold the final states up to frame "
                + lastFrame + " (partial: " + finalStates + (finalStates == 1 ? " state" : " states") + " in " + states
                + ")") + (finishing == null ? "" : "; finishing the live particles failed too: " + message(finishing)),
                failure);
        if (finishing != null) {
            addSuppressed(finishing);
        }
        this.lastFrame = finalStates == 0 ? Integer.MIN_VALUE : lastFrame;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * @return the error report's row for what the outputs lack: particle {@value #REST_OF_STREAM}, REJECTED, the
     *     failure and the frame up to which the outputs go
     */
    TrackIssue issue() {
        return TrackIssue.rejected(REST_OF_STREAM, "the stream stopped: " + message(getCause()) + "; "
                + (lastFrame == Integer.MIN_VALUE ? "no state was final, the outputs hold no row"
                : "the final states up to frame " + lastFrame + " are in the outputs") + ", the input after the "
                + "failure and the points not final by then are not");
    }
}
