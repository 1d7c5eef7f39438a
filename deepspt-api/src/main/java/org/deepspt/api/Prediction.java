package org.deepspt.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A classifier's answer for one track.
 *
 * @param trackId the track
 * @param label the predicted class, or {@link #UNCERTAIN} when the top probability is below the
 *     classifier's abstention threshold
 * @param probability the top class probability, 0..1
 * @param classProbabilities probability of every class, in the classifier's label order (unmodifiable)
 */
public record Prediction(String trackId, String label, double probability, Map<String, Double> classProbabilities) {
    /** Label of an abstention. */
    public static final String UNCERTAIN = "uncertain";

    /** Validates and freezes the class probabilities. */
    public Prediction {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(label, "label");
        if (!(probability >= 0 && probability <= 1 + 1e-9)) {
            throw new IllegalArgumentException("track '" + trackId + "': probability must be in [0, 1], got "
                    + probability);
        }
        classProbabilities = Collections.unmodifiableMap(new LinkedHashMap<>(classProbabilities));
    }

    /** @return true when the classifier abstained */
    public boolean isUncertain() {
        return UNCERTAIN.equals(label);
    }
}
