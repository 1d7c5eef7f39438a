package org.deepspt.api.inference;

import org.deepspt.api.DeepSptException;

/**
 * An inference engine failed as a whole: it was closed, ran out of memory, or its runtime reported an
 * error. The message names the model and the batch. A {@link DeepSptException}, so that a caller who catches the
 * library's exceptions catches this one too; but unlike the per-track ones
 * ({@link org.deepspt.api.InvalidTrajectoryException}) it stops a run: {@link org.deepspt.api.Segmenter#segmentEach}
 * and the pipeline rethrow it instead of turning it into per-track failures. Code that tells the two apart catches
 * this type before {@code DeepSptException}.
 */
public class InferenceException extends DeepSptException {
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
