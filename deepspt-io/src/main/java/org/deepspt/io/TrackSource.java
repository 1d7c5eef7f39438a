package org.deepspt.io;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the points of one trajectory came from, so that results can be drawn back onto the image and
 * made-up points told apart from measured ones: the input file, the track's id in that file, the file's own
 * id of every point (TrackMate spot {@code ID}) and which points were interpolated over a gap
 * ({@link GapPolicy#INTERPOLATE}).
 *
 * <p>Immutable and thread-safe. Point indices are those of the trajectory (0-based, in frame order).
 */
public final class TrackSource {
    /** The value of {@link #spotId(int)} for a point without an id in the file (interpolated, or a CSV row). */
    public static final long NO_SPOT = -1;

    private final String file;
    private final String inputId;
    private final long @Nullable [] spotIds;
    private final BitSet interpolated;

    private TrackSource(String file, String inputId, long @Nullable [] spotIds, BitSet interpolated) {
        this.file = file;
        this.inputId = inputId;
        this.spotIds = spotIds;
        this.interpolated = interpolated;
    }

    /**
     * @param file the input file's name as the user gave it ({@code ""} when unknown)
     * @param inputId the track's id in that file
     * @param spotIds the file's id of each point ({@link #NO_SPOT} where none), or null when the format has no
     *     point ids; copied
     * @param interpolated the indices of the points made up by interpolation; copied
     * @return the source
     */
    public static TrackSource of(String file, String inputId, long @Nullable [] spotIds, BitSet interpolated) {
        return new TrackSource(Objects.requireNonNull(file, "file"), Objects.requireNonNull(inputId, "inputId"),
                spotIds == null ? null : spotIds.clone(), (BitSet) Objects.requireNonNull(interpolated,
                        "interpolated").clone());
    }

    /**
     * @param inputId the track's id in the file
     * @return a source with no file name, no point ids and no interpolated point
     */
    public static TrackSource plain(String inputId) {
        return new TrackSource("", Objects.requireNonNull(inputId, "inputId"), null, new BitSet());
    }

    /** @return the input file's name, {@code ""} when the trajectories came from one unnamed input */
    public String file() {
        return file;
    }

    /** @return the track's id in its input file (before any piece suffix or file qualification) */
    public String inputId() {
        return inputId;
    }

    /** @return whether the file gives each point an id (TrackMate XML spot {@code ID}) */
    public boolean hasSpotIds() {
        return spotIds != null;
    }

    /**
     * @param point point index
     * @return the file's id of the point, or {@link #NO_SPOT} for an interpolated point or a format without
     *     point ids
     */
    public long spotId(int point) {
        return spotIds == null || point >= spotIds.length ? NO_SPOT : spotIds[point];
    }

    /**
     * @param point point index
     * @return whether the point was made up by linear interpolation over missing frames (not measured)
     */
    public boolean interpolated(int point) {
        return interpolated.get(point);
    }

    /** @return the number of interpolated points */
    public int interpolatedCount() {
        return interpolated.cardinality();
    }

    /**
     * @param newFile the file name to record
     * @return this source with another file name
     */
    public TrackSource withFile(String newFile) {
        return new TrackSource(Objects.requireNonNull(newFile, "newFile"), inputId, spotIds, interpolated);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TrackSource s && file.equals(s.file) && inputId.equals(s.inputId)
                && Arrays.equals(spotIds, s.spotIds) && interpolated.equals(s.interpolated);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, inputId, Arrays.hashCode(spotIds), interpolated);
    }

    @Override
    public String toString() {
        return "TrackSource[" + (file.isEmpty() ? "" : file + ": ") + inputId + (spotIds == null ? "" : ", spot ids")
                + (interpolated.isEmpty() ? "" : ", " + interpolated.cardinality() + " interpolated") + "]";
    }
}
