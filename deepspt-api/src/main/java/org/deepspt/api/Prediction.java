package org.deepspt.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A classifier's answer for one track.
 *
 * @param trackId the track
 * @param label the predicted class, or {@link #UNCERTAIN} when the classifier abstained
 * @param probability the top class probability, 0..1 (also when the classifier abstained)
 * @param classProbabilities probability of every class, in the classifier's label order (unmodifiable)
 * @param abstentions why the classifier abstained, each rule that held (unmodifiable); empty for a class label, and
 *     for an abstention whose classifier gives no reason
 */
public record Prediction(String trackId, String label, double probability, Map<String, Double> classProbabilities,
        List<Abstention> abstentions) {
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
        abstentions = List.copyOf(abstentions);
        if (!abstentions.isEmpty() && !UNCERTAIN.equals(label)) {
            throw new IllegalArgumentException("track '" + trackId + "': label '" + label + "' with abstentions "
                    + abstentions + "; an abstention's label is '" + UNCERTAIN + "'");
        }
    }

    /**
     * A prediction without stated abstention reasons (a class label, or an abstention whose classifier gives none).
     *
     * @param trackId the track
     * @param label the predicted class, or {@link #UNCERTAIN}
     * @param probability the top class probability, 0..1
     * @param classProbabilities probability of every class, in the classifier's label order
     */
    public Prediction(String trackId, String label, double probability, Map<String, Double> classProbabilities) {
        this(trackId, label, probability, classProbabilities, List.of());
    }

    /** @return true when the classifier abstained */
    public boolean isUncertain() {
        return UNCERTAIN.equals(label);
    }
}
