package org.deepspt.api;

import java.util.Locale;

/**
 * Why a {@link Classifier} answered {@link Prediction#UNCERTAIN}: one rule of its abstention. {@link #code()} is the
 * token used in files and messages ({@code missing_features}, {@code below_threshold}).
 */
public enum AbstentionReason {
    /**
     * More than half of the model's features are missing (NaN or infinite) in the fingerprint: imputed at the
     * training mean they say nothing about the track, so the probabilities describe the training set, not the track.
     * Applies whatever the threshold.
     */
    MISSING_FEATURES,
    /** The top class probability is below the classifier's {@link Classifier#abstentionThreshold()}. */
    BELOW_THRESHOLD;

    /** @return the lower-case token, e.g. {@code missing_features} */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
