package org.deepspt.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A trained track classifier over diffusional fingerprints (e.g. "which organelle carries this particle").
 * Implementations are immutable and thread-safe; they read the features they were trained on by name from
 * the {@link Fingerprint} (a missing feature is an {@link IllegalArgumentException} naming track and
 * feature) and abstain ({@link Prediction#UNCERTAIN}) when the top probability is below
 * {@link #abstentionThreshold()}, or by a further rule of the implementation (e.g. too many missing features);
 * {@link Prediction#abstentions()} says which rules held.
 */
public interface Classifier {

    /**
     * @param fingerprint features of one track
     * @return the prediction
     */
    Prediction predict(Fingerprint fingerprint);

    /**
     * @param fingerprints features of many tracks
     * @return one prediction per fingerprint, same order (unmodifiable)
     */
    default List<Prediction> predictAll(List<Fingerprint> fingerprints) {
        List<Prediction> out = new ArrayList<>(fingerprints.size());
        for (Fingerprint f : fingerprints) {
            out.add(predict(f));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return class labels in the model's order */
    List<String> labels();

    /** @return names of the fingerprint features the model uses, in order */
    List<String> featureNames();

    /** @return top-probability threshold below which the classifier abstains (0 = never) */
    double abstentionThreshold();
}
