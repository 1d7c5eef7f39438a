package org.deepspt.api;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Whether a track lies inside the range where the segmentation model is known to be reliable, and if not,
 * why: every failed check ({@link UnreliableReason}) with the value measured on the track and its threshold.
 * A track is {@link #reliable()} when no check failed.
 *
 * <p>Computed by a segmenter from its calibrated output and explicit range checks (track length, estimated
 * signal-to-noise ratio, mean confidence) against thresholds measured for its model (see
 * {@link ReliabilityThresholds}); read it from {@link Segmentation#reliability()}.
 *
 * @param reasons the failed checks, at most one per reason, in {@link UnreliableReason} order (unmodifiable;
 *     empty for a reliable track)
 */
public record Reliability(List<ReliabilityFinding> reasons) {
    private static final Reliability RELIABLE = new Reliability(List.of());

    /** Copies the list, sorts it by reason and rejects a reason given twice. */
    public Reliability {
        Objects.requireNonNull(reasons, "reasons");
        List<ReliabilityFinding> sorted = new ArrayList<>(reasons);
        sorted.forEach(f -> Objects.requireNonNull(f, "reason"));
        sorted.sort((a, b) -> a.reason().compareTo(b.reason()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).reason() == sorted.get(i - 1).reason()) {
                throw new IllegalArgumentException("reason " + sorted.get(i).reason().code() + " given twice");
            }
        }
        reasons = List.copyOf(sorted);
    }

    /** @return the verdict of a track that passed every check */
    public static Reliability passed() {
        return RELIABLE;
    }

    /**
     * @param reasons the failed checks (none: reliable)
     * @return the verdict
     */
    public static Reliability of(List<ReliabilityFinding> reasons) {
        return reasons.isEmpty() ? RELIABLE : new Reliability(reasons);
    }

    /** @return true when no check failed */
    public boolean reliable() {
        return reasons.isEmpty();
    }

    /** @return the reasons as a set (empty for a reliable track) */
    public Set<UnreliableReason> reasonSet() {
        Set<UnreliableReason> out = EnumSet.noneOf(UnreliableReason.class);
        reasons.forEach(f -> out.add(f.reason()));
        return out;
    }

    /** @return the reasons' codes joined by {@code ;}, e.g. {@code too_short;low_snr}; empty when reliable */
    public String codes() {
        StringJoiner j = new StringJoiner(";");
        reasons.forEach(f -> j.add(f.reason().code()));
        return j.toString();
    }

    /** @return e.g. {@code reliable} or {@code unreliable: too_short (7 points < 100 points), low_snr (0.41 < 1)} */
    public String describe() {
        if (reasons.isEmpty()) {
            return "reliable";
        }
        StringJoiner j = new StringJoiner(", ", "unreliable: ", "");
        reasons.forEach(f -> j.add(f.describe()));
        return j.toString();
    }
}
