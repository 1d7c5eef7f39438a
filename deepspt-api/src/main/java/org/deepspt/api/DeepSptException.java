package org.deepspt.api;

import org.jspecify.annotations.Nullable;

/**
 * Root of the unchecked exceptions thrown by deepspt-java. Messages always name what is at fault: the
 * track, the file line or the field.
 */
public class DeepSptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the track, line or field */
    public DeepSptException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the track, line or field
     * @param cause underlying cause, may be {@code null}
     */
    public DeepSptException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
