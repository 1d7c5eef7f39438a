package org.deepspt.api;

import org.jspecify.annotations.Nullable;

/**
 * Root of the unchecked exceptions that deepspt-java throws for problems with the data, the model or the
 * environment: a track that cannot be used ({@link InvalidTrajectoryException}, {@link TrackTooShortException}), an
 * input that cannot be read ({@link InputFormatException}), a model that cannot be loaded
 * ({@link org.deepspt.api.inference.ModelLoadException}), an inference engine that failed
 * ({@link org.deepspt.api.inference.InferenceException}, which stops a run instead of failing one track), an output
 * that cannot be written. Messages always name what is at fault: the track, the file and line, the field, or the
 * model.
 *
 * <p>Programming errors are not DeepSptExceptions but the JDK's: an argument outside its documented range (a
 * dimension other than 2 or 3, an unknown segmenter, backend or feature name, a backend that is absent or cannot run
 * on this machine, an option out of range) is an
 * {@link IllegalArgumentException}, a call in the wrong state (after {@code close()}, on an online segmenter that
 * failed) an {@link IllegalStateException}, a {@code null} where none is allowed a {@link NullPointerException}.
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
