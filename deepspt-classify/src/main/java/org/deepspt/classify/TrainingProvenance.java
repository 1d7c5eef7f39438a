package org.deepspt.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a {@link TrackClassifier} came from; stored in the model file.
 *
 * @param method {@link ClassifierMethod#id()}
 * @param dataSha256 lower-case hex SHA-256 of the training data: the UTF-8 feature names each followed by
 *     '\n', then per training sample (in input order, before over-sampling) its label in UTF-8 followed by
 *     a 0 byte and its raw feature values (the model's features, in model order) as 8-byte big-endian
 *     {@link Double#doubleToLongBits} (so every NaN hashes alike); track ids are not hashed
 * @param seed the trainer's seed
 * @param trainedAt ISO-8601 UTC instant of training, e.g. {@code 2026-11-02T10:15:30Z}
 * @param samples number of training samples (before over-sampling)
 * @param classCounts training samples per label, in label order
 * @param parameters trainer settings (λ, iterations, trees, …) as strings
 * @param metrics cross-validation metrics when run (e.g. {@code cv_macro_f1}), else empty
 * @param notes free-form facts, e.g. {@code segmenter → rolling-msd} for models trained on tracks
 */
public record TrainingProvenance(String method, String dataSha256, long seed, String trainedAt, int samples,
        Map<String, Integer> classCounts, Map<String, String> parameters, Map<String, Double> metrics,
        Map<String, String> notes) {

    /** Validates and freezes the maps (insertion order kept). */
    public TrainingProvenance {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(dataSha256, "dataSha256");
        Objects.requireNonNull(trainedAt, "trainedAt");
        classCounts = freeze(classCounts);
        parameters = freeze(parameters);
        metrics = freeze(metrics);
        notes = freeze(notes);
    }

    private static <V> Map<String, V> freeze(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(m)));
    }

    /**
     * @param newMetrics metrics to store (replace the current ones)
     * @return a copy with these metrics
     */
    public TrainingProvenance withMetrics(Map<String, Double> newMetrics) {
        return new TrainingProvenance(method, dataSha256, seed, trainedAt, samples, classCounts, parameters,
                newMetrics, notes);
    }

    /**
     * @param key note name
     * @param value note text
     * @return a copy with the note added (or replaced)
     */
    public TrainingProvenance withNote(String key, String value) {
        Map<String, String> n = new LinkedHashMap<>(notes);
        n.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new TrainingProvenance(method, dataSha256, seed, trainedAt, samples, classCounts, parameters,
                metrics, n);
    }
}
