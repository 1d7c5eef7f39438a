package org.deepspt.reliability;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.deepspt.api.Reliability;
import org.deepspt.api.ReliabilityFinding;
import org.deepspt.api.Segmentation;
import org.deepspt.api.UnreliableReason;

/**
 * Counts tracks and frames inside and outside the model's reliable range over a run, per
 * {@link UnreliableReason}, and words the one {@code warning:} line of the command-line tools
 * ({@link #warning(String)}), printed when more than {@link #WARNING_FRACTION} of the frames come from
 * unreliable tracks. Tracks without a verdict (a segmenter that gives none) count as segmented, not as
 * unreliable. A mutable accumulator; not thread-safe.
 */
public final class ReliabilityTally {
    /** Share of frames from unreliable tracks above which {@link #warning(String)} speaks: 10 %. */
    public static final double WARNING_FRACTION = 0.10;

    private long tracks;
    private long frames;
    private long judgedTracks;
    private long unreliableTracks;
    private long unreliableFrames;
    private final Map<UnreliableReason, long[]> byReason = new EnumMap<>(UnreliableReason.class);
    private final Map<UnreliableReason, Double> thresholds = new EnumMap<>(UnreliableReason.class);

    private ReliabilityTally() {
    }

    /** @return an empty tally */
    public static ReliabilityTally create() {
        return new ReliabilityTally();
    }

    /**
     * @param s a segmented track, with or without a verdict
     * @return this
     */
    public ReliabilityTally add(Segmentation s) {
        s.reliability().ifPresentOrElse(r -> add(s.size(), r), () -> {
            tracks++;
            frames += s.size();
        });
        return this;
    }

    /**
     * @param trackFrames the track's number of points (frames)
     * @param verdict its verdict
     * @return this
     */
    public ReliabilityTally add(long trackFrames, Reliability verdict) {
        tracks++;
        judgedTracks++;
        frames += trackFrames;
        if (!verdict.reliable()) {
            unreliableTracks++;
            unreliableFrames += trackFrames;
            for (ReliabilityFinding f : verdict.reasons()) {
                long[] c = byReason.computeIfAbsent(f.reason(), k -> new long[2]);
                c[0]++;
                c[1] += trackFrames;
                thresholds.putIfAbsent(f.reason(), f.threshold());
            }
        }
        return this;
    }

    /** @return tracks added */
    public long tracks() {
        return tracks;
    }

    /** @return frames (points) of all tracks added */
    public long frames() {
        return frames;
    }

    /** @return tracks that carried a verdict */
    public long judgedTracks() {
        return judgedTracks;
    }

    /** @return tracks with a failed check */
    public long unreliableTracks() {
        return unreliableTracks;
    }

    /** @return frames of tracks with a failed check */
    public long unreliableFrames() {
        return unreliableFrames;
    }

    /**
     * @param reason a check
     * @return tracks that failed it (a track may fail several)
     */
    public long unreliableTracks(UnreliableReason reason) {
        long[] c = byReason.get(reason);
        return c == null ? 0 : c[0];
    }

    /**
     * @param reason a check
     * @return frames of the tracks that failed it
     */
    public long unreliableFrames(UnreliableReason reason) {
        long[] c = byReason.get(reason);
        return c == null ? 0 : c[1];
    }

    /** @return unreliable frames / frames, 0 without frames */
    public double unreliableFrameFraction() {
        return frames == 0 ? 0 : (double) unreliableFrames / frames;
    }

    /**
     * @return e.g. {@code 12 of 40 tracks (310 of 2000 frames, 15.5 %) outside the model's reliable range:
     *     too_short (< 100 points) 10 tracks / 150 frames; low_snr (< 1) 3 tracks / 200 frames}; "all N tracks
     *     within ..." when none failed
     */
    public String describe() {
        if (unreliableTracks == 0) {
            return "all " + judgedTracks + " judged tracks within the model's reliable range";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%d of %d tracks (%d of %d frames, %.1f %%) outside the model's reliable range:", unreliableTracks,
                tracks, unreliableFrames, frames, 100 * unreliableFrameFraction()));
        String sep = " ";
        for (Map.Entry<UnreliableReason, long[]> e : byReason.entrySet()) {
            UnreliableReason r = e.getKey();
            b.append(sep).append(r.code()).append(" (< ").append(r.format(thresholds.get(r))).append(") ")
                    .append(e.getValue()[0]).append(" tracks / ").append(e.getValue()[1]).append(" frames");
            sep = "; ";
        }
        return b.toString();
    }

    /**
     * @param where where the per-track verdicts are written, e.g. {@code the reliable and reason columns of
     *     out.csv}
     * @return the one line {@code warning: ...} when more than {@link #WARNING_FRACTION} of the frames come from
     *     unreliable tracks; empty otherwise
     */
    public Optional<String> warning(String where) {
        if (frames == 0 || unreliableFrames <= WARNING_FRACTION * frames) {
            return Optional.empty();
        }
        return Optional.of("warning: " + describe() + "; their states are not trustworthy (see " + where + ")");
    }
}
