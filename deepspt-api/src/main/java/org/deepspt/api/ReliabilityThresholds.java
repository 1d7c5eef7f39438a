package org.deepspt.api;

/**
 * The range where a segmentation model is reliable: a track passes when it has at least
 * {@link #minLength()} points, an estimated signal-to-noise ratio Q̂ of at least {@link #minSnr()} and a mean
 * largest state probability of at least {@link #minMeanConfidence()}. A model's manifest may record its own
 * values (field {@code reliability}, see models/README.md); {@link #defaults(int)} holds the values measured for
 * the shipped models.
 *
 * @param minLength shortest reliable track, in points (≥ 1)
 * @param minSnr smallest reliable Q̂ = √(D̂·Δt)/σ̂ (≥ 0, finite; 0 turns the check off)
 * @param minMeanConfidence smallest reliable mean over the track's points of max<sub>k</sub> p<sub>i</sub>(k),
 *     in [0, 1] (0 turns the check off)
 */
public record ReliabilityThresholds(int minLength, double minSnr, double minMeanConfidence) {

    /** Validates the ranges. */
    public ReliabilityThresholds {
        if (minLength < 1) {
            throw new IllegalArgumentException("reliability.min_length must be >= 1 point, got " + minLength);
        }
        if (!(minSnr >= 0) || Double.isInfinite(minSnr)) {
            throw new IllegalArgumentException("reliability.min_snr must be finite and >= 0, got " + minSnr);
        }
        if (!(minMeanConfidence >= 0 && minMeanConfidence <= 1)) {
            throw new IllegalArgumentException("reliability.min_mean_confidence must be in [0, 1], got "
                    + minMeanConfidence);
        }
    }

    /**
     * The thresholds measured on simulated tracks (seeds 91xxx/92xxx, never trained on) for the shipped
     * default models of each dimension (models/README.md, section "Reliability thresholds"), used for a model
     * whose manifest records none. Measured on the default (Viterbi-smoothed) output: 4-class accuracy is below
     * 0.7 up to 75 points (0.697 / 0.698 at 75, 0.728 / 0.731 at 100 in 2D / 3D); Q̂ ≥ 0.7 is the smallest cut
     * whose passing tracks of a sweep over Q = 0.25–16 have ECE ≤ 0.05 (0.039 / 0.018; 0.068 / 0.055 at 0.5),
     * flagging 88 / 89 % of the tracks with Q ≤ 0.75 and 15 / 17 % of those with Q ≥ 1.5 (mostly confined and
     * subdiffusive ones, whose steps are anti-correlated as noise makes them); tracks with a mean confidence
     * below 0.7 are right on fewer than 70 % of their points (0.68 / 0.65 at 0.6–0.7).
     *
     * @param dimension 2 or 3
     * @return min length 100 points, min Q̂ 0.7, min mean confidence 0.7 (both dimensions)
     * @throws IllegalArgumentException for another dimension
     */
    public static ReliabilityThresholds defaults(int dimension) {
        return switch (dimension) {
            case 2 -> new ReliabilityThresholds(100, 0.7, 0.7);
            case 3 -> new ReliabilityThresholds(100, 0.7, 0.7);
            default -> throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        };
    }
}
