package org.deepspt.onnx;

import org.deepspt.api.DeepSptException;

/** A model file is missing, corrupted, does not match its manifest, or does not fit the model contract. */
public final class ModelLoadException extends DeepSptException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file and field */
    public ModelLoadException(String message) {
        super(message);
    }

    /** @param message what is wrong @param cause the underlying error */
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
