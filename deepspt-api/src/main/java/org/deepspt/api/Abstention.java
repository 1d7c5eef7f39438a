package org.deepspt.api;

import java.util.Objects;

/**
 * One rule that made a classifier abstain ({@link Prediction#UNCERTAIN}), with the values it compared.
 *
 * @param reason which rule
 * @param measured {@link AbstentionReason#MISSING_FEATURES}: the number of the model's features missing (NaN or
 *     infinite) in the fingerprint; {@link AbstentionReason#BELOW_THRESHOLD}: the top class probability, 0..1
 * @param limit {@link AbstentionReason#MISSING_FEATURES}: the number of the model's features (the rule holds when
 *     more than half are missing, {@code measured > limit / 2}); {@link AbstentionReason#BELOW_THRESHOLD}: the
 *     abstention threshold (the rule holds when {@code measured < limit})
 */
public record Abstention(AbstentionReason reason, double measured, double limit) {

    /** Validates that the rule holds for the values given. */
    public Abstention {
        Objects.requireNonNull(reason, "reason");
        boolean holds = switch (reason) {
            case MISSING_FEATURES -> measured == Math.rint(measured) && limit == Math.rint(limit)
                    && measured <= limit && measured > limit / 2;
            case BELOW_THRESHOLD -> measured >= 0 && measured < limit && limit <= 1;
        };
        if (!holds) {
            throw new IllegalArgumentException(reason.code() + ": the rule does not hold for " + measured + " and "
                    + limit);
        }
    }

    /**
     * @param missing features missing in the fingerprint
     * @param features features of the model
     * @return the abstention for more than half of the features missing
     */
    public static Abstention missingFeatures(int missing, int features) {
        return new Abstention(AbstentionReason.MISSING_FEATURES, missing, features);
    }

    /**
     * @param probability the top class probability
     * @param threshold the abstention threshold
     * @return the abstention for a top probability below the threshold
     */
    public static Abstention belowThreshold(double probability, double threshold) {
        return new Abstention(AbstentionReason.BELOW_THRESHOLD, probability, threshold);
    }

    /**
     * @return e.g. {@code missing_features (24 of 40 features missing, more than half)} or
     *     {@code below_threshold (top probability 0.563 < threshold 0.6)}
     */
    public String describe() {
        return switch (reason) {
            case MISSING_FEATURES -> reason.code() + " (" + (long) measured + " of " + (long) limit
                    + " features missing, more than half)";
            case BELOW_THRESHOLD -> reason.code() + " (top probability " + digits(measured) + " < threshold "
                    + digits(limit) + ")";
        };
    }

    private static String digits(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
