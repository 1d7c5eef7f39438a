package org.deepspt.api.inference;

import org.deepspt.api.DeepSptException;

/**
 * A model or its manifest cannot be used: missing or unreadable file, SHA-256 mismatch, an operator,
 * attribute or shape that the backend cannot run. The message names the model and the file, field, node or
 * operator at fault.
 */
public class ModelLoadException extends DeepSptException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the model and the file, field, node or operator */
    public ModelLoadException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause underlying cause
     */
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
