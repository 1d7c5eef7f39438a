package org.deepspt.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Description of one fingerprint feature: a stable snake_case name, its unit, a one-line definition,
 * and two flags.
 *
 * @param name stable snake_case identifier, e.g. {@code alpha}, {@code diffusion_coefficient}
 * @param unit unit of the value, e.g. {@code µm²/s}, {@code µm}, {@code s}; {@code 1} for dimensionless
 *     values, {@code points} or {@code segments} for counts
 * @param description short definition (formula) of the value
 * @param classifierFeature true when the feature belongs to the set downstream classifiers use (all but
 *     the length-dependent ones)
 * @param requiresSegmentation true when the feature is computed from a {@link Segmentation} and is
 *     therefore absent from fingerprints extracted from a trajectory alone
 */
public record Feature(String name, String unit, String description, boolean classifierFeature,
        boolean requiresSegmentation) {
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /**
     * Validates the name (snake_case) and non-null fields.
     *
     * @param name stable snake_case identifier
     * @param unit unit of the value
     * @param description short definition
     * @param classifierFeature whether classifiers use it
     * @param requiresSegmentation whether it needs a segmentation
     */
    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        if (!SNAKE.matcher(name).matches()) {
            throw new IllegalArgumentException("feature name must be snake_case, got '" + name + "'");
        }
    }
}
