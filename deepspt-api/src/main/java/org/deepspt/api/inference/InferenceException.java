package org.deepspt.api.inference;

/**
 * An inference engine failed as a whole: it was closed, ran out of memory, or its runtime reported an
 * error. Unlike a {@link org.deepspt.api.DeepSptException} about one track, this stops a run: the
 * pipeline does not turn it into per-track rejections.
 */
public class InferenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the model and the batch */
    public InferenceException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the model and the batch
     * @param cause underlying cause
     */
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
