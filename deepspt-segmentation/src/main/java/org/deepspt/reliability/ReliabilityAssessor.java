package org.deepspt.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deepspt.api.Reliability;
import org.deepspt.api.ReliabilityFinding;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.api.UnreliableReason;

/**
 * The reliability verdict on one segmented track: three checks against {@link ReliabilityThresholds}, each
 * failed check a {@link ReliabilityFinding} with the measured value and the threshold.
 * <ul>
 *   <li>{@code too_short}: n &lt; min_length (points);</li>
 *   <li>{@code low_snr}: Q̂ &lt; min_snr, Q̂ from {@link SnrEstimate} (skipped when Q̂ is NaN, i.e. fewer than 3 measured points);</li>
 *   <li>{@code low_confidence}: c̄ &lt; min_mean_confidence with c̄ = (1/n) Σ<sub>i</sub> max<sub>k</sub>
 *       p<sub>i</sub>(k), the mean largest calibrated state probability. For a calibrated model c̄ is the
 *       expected fraction of the track's points whose state is right.</li>
 * </ul>
 * The confidence check is meaningful only where the model is calibrated; the length and SNR checks mark
 * where it is not (measured in models/README.md). Immutable and thread-safe.
 */
public final class ReliabilityAssessor {
    private final ReliabilityThresholds thresholds;

    private ReliabilityAssessor(ReliabilityThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @param thresholds the model's reliable range
     * @return the assessor
     */
    public static ReliabilityAssessor of(ReliabilityThresholds thresholds) {
        return new ReliabilityAssessor(Objects.requireNonNull(thresholds, "thresholds"));
    }

    /** @return the thresholds */
    public ReliabilityThresholds thresholds() {
        return thresholds;
    }

    /**
     * @param track the segmented track
     * @param segmentation its segmentation (calibrated probabilities)
     * @return the verdict
     * @throws IllegalArgumentException when the segmentation has another number of points than the track
     */
    public Reliability assess(Trajectory track, Segmentation segmentation) {
        if (segmentation.size() != track.size()) {
            throw new IllegalArgumentException("track '" + track.id() + "' has " + track.size()
                    + " points but its segmentation " + segmentation.size());
        }
        return assess(track, meanConfidence(segmentation));
    }

    /**
     * @param track the segmented track
     * @param meanConfidence c̄ of its calibrated output, 0..1 (NaN skips the check)
     * @return the verdict
     */
    public Reliability assess(Trajectory track, double meanConfidence) {
        return assess(track.size(), SnrEstimate.of(track), meanConfidence);
    }

    /**
     * The same checks from their inputs, for a track that is not held whole (online segmentation:
     * {@link SnrEstimate.Accumulator}).
     *
     * @param points the track's number of points
     * @param estimate its SNR estimate
     * @param meanConfidence c̄ of its calibrated output, 0..1 (NaN skips the check)
     * @return the verdict
     */
    public Reliability assess(long points, SnrEstimate estimate, double meanConfidence) {
        List<ReliabilityFinding> out = new ArrayList<>(3);
        if (points < thresholds.minLength()) {
            out.add(new ReliabilityFinding(UnreliableReason.TOO_SHORT, points, thresholds.minLength()));
        }
        double snr = estimate.snr();
        if (snr < thresholds.minSnr()) {
            out.add(new ReliabilityFinding(UnreliableReason.LOW_SNR, snr, thresholds.minSnr()));
        }
        if (meanConfidence < thresholds.minMeanConfidence()) {
            out.add(new ReliabilityFinding(UnreliableReason.LOW_CONFIDENCE, meanConfidence,
                    thresholds.minMeanConfidence()));
        }
        return Reliability.of(out);
    }

    /**
     * @param segmentation per-point probabilities
     * @return c̄ = mean over points of the largest state probability, 0..1
     */
    public static double meanConfidence(Segmentation segmentation) {
        double[] p = segmentation.probabilityMatrix();
        int n = segmentation.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.max(Math.max(p[4 * i], p[4 * i + 1]), Math.max(p[4 * i + 2], p[4 * i + 3]));
        }
        return sum / n;
    }

    @Override
    public String toString() {
        return "ReliabilityAssessor[" + thresholds + "]";
    }
}
