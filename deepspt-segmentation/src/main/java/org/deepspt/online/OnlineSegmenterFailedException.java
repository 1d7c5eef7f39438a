package org.deepspt.online;

import java.util.Objects;

/**
 * A call to an {@link OnlineSegmenter} that failed earlier: an exception while it processed a frame (an engine
 * failure, an interrupt while it waited for the listeners, a stopped delivery thread) left its bookkeeping half
 * done, so every later call but {@link OnlineSegmenter#close()} is refused with this exception. The failure that
 * stopped it is the {@linkplain #getCause() cause} (the same object the failing call threw); the message says
 * that it failed, names that failure and says to close it.
 *
 * <p>A subclass of {@link IllegalStateException}, not of {@link org.deepspt.api.DeepSptException}: the online
 * segmenter threw a plain {@code IllegalStateException} here before this type existed, and callers that catch
 * that keep working. The states already reported final stay valid; what was pending is lost.
 */
public final class OnlineSegmenterFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param failure what made the online segmenter fail, kept as the cause */
    OnlineSegmenterFailedException(Throwable failure) {
        super("online segmenter failed (" + Objects.requireNonNull(failure, "failure") + "); close it", failure);
    }
}
