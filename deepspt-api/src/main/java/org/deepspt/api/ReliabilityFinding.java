package org.deepspt.api;

import java.util.Objects;

/**
 * One failed check of a {@link Reliability} verdict: what was measured on the track and the threshold it
 * fell below.
 *
 * @param reason which check failed
 * @param measured the track's value (points for {@link UnreliableReason#TOO_SHORT}, Q̂ for
 *     {@link UnreliableReason#LOW_SNR}, mean maximum probability 0..1 for
 *     {@link UnreliableReason#LOW_CONFIDENCE})
 * @param threshold the smallest value the check accepts, in the same unit
 */
public record ReliabilityFinding(UnreliableReason reason, double measured, double threshold) {

    /** Validates that the reason is present and the measured value lies below a finite threshold. */
    public ReliabilityFinding {
        Objects.requireNonNull(reason, "reason");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException(reason.code() + ": threshold must be finite, got " + threshold);
        }
        if (!(measured < threshold)) {
            throw new IllegalArgumentException(reason.code() + ": a finding needs measured < threshold, got "
                    + measured + " >= " + threshold);
        }
    }

    /** @return e.g. {@code too_short (7 points < 75 points)} or {@code low_snr (0.41 < 1)} */
    public String describe() {
        return reason.code() + " (" + reason.format(measured) + " < " + reason.format(threshold) + ")";
    }
}
